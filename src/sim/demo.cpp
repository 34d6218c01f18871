#include "sim/demo.hpp"

#include <fmt/format.h>

#include <array>

#include "sim/api_auth.hpp"

namespace pinbridge::sim {
namespace {

constexpr std::array<std::string_view, 10> first_names{
    "Ada", "Grace", "Alan", "Katherine", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances"};
constexpr std::array<std::string_view, 10> last_names{"Lovelace", "Hopper",  "Turing", "Johnson",  "Torvalds",
                                                      "Hamilton", "Ritchie", "Liskov", "Thompson", "Allen"};

template <std::size_t N>
std::string pick(const std::array<std::string_view, N>& names, Random& random) {
  return std::string(names[static_cast<std::size_t>(random.uniform() * N) % N]);
}

// Five people in the talent pipeline (job_seekers), not applying to any job.
void seed_talent_pipeline(store::Connection& c, Pinpoint& pinpoint, std::int64_t company_id, Random& random) {
  for (int i = 0; i < 5; ++i) {
    const auto first = pick(first_names, random);
    const auto last = pick(last_names, random);
    (void)pinpoint.create_job_seeker(
        c, company_id, fmt::format("{}.{}.pipeline{}@example.com", first, last, i + 1), first, last);
  }
}

}  // namespace

DemoKeys seed_demo_company(store::Database& database, Pinpoint& pinpoint, Random& random) {
  return database.write([&](store::Connection& c) {
    auto company = pinpoint.create_company(c, "acme", "Acme Inc", true);
    if (!company) throw std::runtime_error(company.error().message);
    const auto id = company->id;
    pinpoint.create_user(c, id, "rita.recruiter@acme.example", "Rita", "Recruiter");
    pinpoint.create_user(c, id, "harry.manager@acme.example", "Harry", "Manager");
    const auto custom = pinpoint.create_workflow(c, id, "Engineering workflow",
                                                 {{"Applied", "applied"},
                                                  {"Phone screen", "review"},
                                                  {"Technical assessment", "review"},
                                                  {"Onsite", "interview"},
                                                  {"Offer", "offer"},
                                                  {"Hired", "hired"},
                                                  {"Rejected", "rejected"}});
    const std::array<std::int64_t, 3> jobs{
        *pinpoint.create_job(c, id, "Backend Engineer", "open", custom),
        *pinpoint.create_job(c, id, "Product Designer", "open", std::nullopt),
        *pinpoint.create_job(c, id, "Sales Lead", "closed", std::nullopt)};
    for (int i = 0; i < 20; ++i) {
      NewApplication app;
      app.job_id = jobs[static_cast<std::size_t>(i % 3)];
      app.first_name = pick(first_names, random);
      app.last_name = pick(last_names, random);
      app.email = fmt::format("{}.{}{}@example.com", app.first_name, app.last_name, i + 1);
      app.phone = fmt::format("+44 7700 900{:03}", static_cast<int>(random.uniform() * 1000));
      app.attachments = {{{"context", "pdf_cv"},
                          {"filename", "cv.pdf"},
                          {"url", fmt::format("https://files.example.com/cv/{}.pdf", i + 1)}}};
      (void)pinpoint.create_application(c, id, app, "demo");
    }
    seed_talent_pipeline(c, pinpoint, id, random);
    nlohmann::json full = nlohmann::json::object();
    for (const auto& category : permission_categories()) full[category] = "write";
    nlohmann::json limited = full;
    limited["Candidate Assessment"] = "read";
    limited["Comment"] = "none";
    return DemoKeys{pinpoint.create_api_key(c, id, full).second,
                    pinpoint.create_api_key(c, id, limited).second};
  });
}

}  // namespace pinbridge::sim
