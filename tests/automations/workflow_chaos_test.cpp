// Workflows through real processes: pinpoint-sim and `pinbridge serve`, sharing nothing but HTTP
// on loopback. While a recruiter moves 500 candidates to Review, Pinpoint answers 500s, drops
// connections and rate-limits assessment writes with 429s, and pinbridge is killed with SIGKILL in
// the middle of the burst and started again. Then candidates take the test over HTTP, with another
// SIGKILL among them. Afterwards the simulator holds every effect exactly once: one Candidate
// Assessment record per application (and one invitation email), one comment and one stage move
// per result, and no move of ours came back as a second round of actions.
#include <gtest/gtest.h>
#include <signal.h>

#include <functional>
#include <regex>

#include "accounts/account_store.hpp"
#include "automations/connection_store.hpp"
#include "automations/webhook_routes.hpp"
#include "sim/sim_process.hpp"
#include "support/eventually.hpp"
#include "support/http_client.hpp"
#include "support/pinbridge_server.hpp"
#include "support/test_database.hpp"
#include "support/test_platform.hpp"
#include "support/workflow_stack.hpp"
#include "workflows/planner.hpp"

namespace pinbridge::workflows {
namespace {

using namespace std::chrono_literals;
using pinbridge::testing::eventually;
using pinbridge::testing::HttpClient;

constexpr int burst = 500;
constexpr int takers = 40;  // candidates who take the test; even ones pass, odd ones fail
constexpr std::string_view master_key_raw = "mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm";
constexpr std::string_view master_key_base64 = "bW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW0=";
constexpr std::string_view signing_secret = "chaos-signing-secret";

// `pinbridge serve` on one database, killed and started again. Every start after the first binds
// the first one's port, so the webhook URL registered in Pinpoint stays right.
class PinbridgeNode {
 public:
  explicit PinbridgeNode(std::map<std::string, std::string> environment)
      : environment_(std::move(environment)) {}

  void start() {
    server_.reset();
    server_ = std::make_unique<pinbridge::testing::PinbridgeServer>(environment_, std::vector<std::string>{});
    environment_["PINBRIDGE_SERVER_LISTEN"] = server_->url().substr(server_->url().find("://") + 3);
  }
  void kill() {
    server_->process().signal(SIGKILL);
    ASSERT_EQ(server_->process().wait_exit(), 128 + SIGKILL);
  }
  const std::string& url() const { return server_->url(); }
  std::string log() const { return server_->process().standard_error(); }

 private:
  std::map<std::string, std::string> environment_;
  std::unique_ptr<pinbridge::testing::PinbridgeServer> server_;
};

class WorkflowChaosTest : public ::testing::Test {
 protected:
  void SetUp() override {
    set_up_pinpoint();
    seed_pinbridge();
    node_.start();
    sim_.admin("POST", "/_sim/companies/acme/webhooks",
               {{"url", node_.url() + std::string(automations::webhook_path_prefix) + webhook_token_},
                {"events", {"application_stage_changed"}},
                {"secret", signing_secret}});
  }

  void TearDown() override {
    if (HasFailure()) std::cerr << "pinbridge's log:\n" << node_.log().substr(0, 20'000) << "\n";
  }

  void set_up_pinpoint() {
    sim_.admin("POST", "/_sim/companies", {{"subdomain", "acme"}, {"name", "Acme"}});
    job_ = sim_.admin("POST", "/_sim/companies/acme/jobs", {{"title", "Backend Engineer"}})["id"];
    for (int i = 0; i < burst; ++i)
      applications_.push_back(sim_.admin("POST", "/_sim/companies/acme/applications",
                                         {{"job_id", job_},
                                          {"first_name", "Candidate"},
                                          {"last_name", std::to_string(i)},
                                          {"email", "candidate" + std::to_string(i) + "@x.test"}})["id"]);
    const auto job = sim_.admin(
        "GET", "/_sim/companies/acme/resources/jobs?include=stages&filter[id]=" + std::to_string(job_));
    for (const auto& included : job["included"])
      if (included["type"] == "stages")
        stages_[included["attributes"]["name"]] = std::stoll(included["id"].get<std::string>());
  }

  // The account, its Pinpoint connection and the three core rules, written before pinbridge starts.
  void seed_pinbridge() {
    accounts::AccountStore accounts(database_, clock_, crypto::PasswordCost::minimal_for_tests);
    account_ = accounts.create_account("acme", "Acme")->id;
    accounts.set_addon(account_, accounts::Addon::api, true);
    const auto box = *crypto::SecretBox::from_key(std::string(master_key_raw));
    automations::ConnectionStore connections(database_, clock_, box);
    const std::string key =
        sim_.admin("POST", "/_sim/companies/acme/api_keys", {{"permissions", "write"}})["key"];
    webhook_token_ = connections.save(account_, "acme", Secret(key)).webhook_token;
    ASSERT_TRUE(connections.set_signing_secret(account_, Secret(std::string(signing_secret))));
    const auto assessment = platform_.assessments.create(account_, pinbridge::testing::sample_assessment());
    ASSERT_TRUE(assessment);
    WorkflowStore workflows(database_, clock_);
    pinbridge::testing::add_core_rules(workflows, account_, assessment->id);
  }

  // Server errors and dropped connections on every call, and with `storm`, a 429 storm on
  // assessment writes (short: each 429 asks for a whole second's wait).
  void pinpoint_misbehaves(bool storm) {
    nlohmann::json rules = {{{"route", ""}, {"error_rate", 0.15}, {"drop_rate", 0.05}}};
    if (storm)
      rules.push_back({{"method", "POST"},
                       {"route", "/api/v1/candidate_assessments"},
                       {"rate_limit", {{"rate", 20}, {"burst", 2}}}});
    sim_.admin("PUT", "/_sim/faults", {{"rules", rules}});
  }

  void recruiter_moves(std::size_t from, std::size_t to, const std::string& stage) {
    for (auto i = from; i < to; ++i)
      sim_.admin("POST", "/_sim/companies/acme/applications/" + std::to_string(applications_[i]) + "/move",
                 {{"stage_id", stages_.at(stage)}});
  }

  std::int64_t scalar(const std::string& sql) {
    return database_.read([&](store::Connection& c) { return c.query_one(sql)->integer(0); });
  }

  bool workflows_settled() {
    return scalar("SELECT COUNT(*) FROM workflow_actions WHERE state = 'pending'") == 0 &&
           scalar("SELECT COUNT(*) FROM jobs WHERE state IN ('available', 'running', 'retryable')") == 0;
  }

  nlohmann::json sim_resources(const std::string& type) {
    return sim_.admin("GET", "/_sim/companies/acme/resources/" + type + "?page[size]=1000")["data"];
  }

  // How many there are, without reading them all: the tests poll this.
  std::size_t sim_count(const std::string& type) {
    const auto page =
        sim_.admin("GET", "/_sim/companies/acme/resources/" + type + "?page[size]=1&stats[total]=count");
    return page["meta"]["stats"]["total"]["count"].get<std::size_t>();
  }

  // How many times each application carries a resource (record, comment) in the simulator.
  std::map<std::int64_t, int> per_application(const std::string& type, const std::string& field) {
    std::map<std::int64_t, int> counts;
    for (const auto& resource : sim_resources(type))
      ++counts[resource["attributes"][field].get<std::int64_t>()];
    return counts;
  }

  // Requests to Pinpoint's API by method and path prefix whose status passes `wanted` (0: dropped).
  int requests(const std::string& method, const std::string& path_prefix,
               const std::function<bool(int)>& wanted) {
    int count = 0;
    for (const auto& r : sim_.admin("GET", "/_sim/requests"))
      if ((method.empty() || r["method"] == method) &&
          r["path"].get<std::string>().starts_with(path_prefix) && wanted(r["status"].get<int>()))
        ++count;
    return count;
  }
  static bool success(int status) { return status >= 200 && status < 300; }

  // The candidate's link, read from the invitation email pinbridge wrote for this application.
  std::string candidate_path(std::int64_t application_id) {
    const auto body = database_.read([&](store::Connection& c) {
      const auto row = c.query_one(
          "SELECT e.text_body FROM outbound_emails e JOIN invitations i ON i.id = e.invitation_id "
          "WHERE i.external_ref = $1 AND e.kind = 'invitation'",
          {application_ref(application_id)});
      return row ? row->text(0) : std::string();
    });
    std::smatch link;
    if (!std::regex_search(body, link, std::regex("/t/[A-Za-z0-9_-]+")))
      ADD_FAILURE() << "no link in " << body;
    return link.str();
  }

  // A candidate opens the link, starts and submits: all right answers, or all wrong ones.
  void candidate_takes_test(std::int64_t application_id, bool passes) {
    HttpClient candidate(node_.url());
    const auto path = candidate_path(application_id);
    ASSERT_EQ(candidate.get(path).status, 200);
    ASSERT_EQ(candidate.post_form(path + "/start", {}).status, 303);
    const auto submitted = candidate.post_form(
        path + "/submit", {{"a0", passes ? "1" : "0"}, {"a1", passes ? "Paris" : "Rome"}});
    ASSERT_EQ(submitted.status, 303);
    ASSERT_NE(submitted.header("location").find("/submitted"), std::string::npos);
  }

  std::vector<nlohmann::json> moves_by_us(std::int64_t application_id) {
    std::vector<nlohmann::json> moves;
    const auto history = sim_.admin(
        "GET", "/_sim/companies/acme/applications/" + std::to_string(application_id) + "/stage_history");
    for (const auto& move : history["stage_history"])
      if (move["source"] == "api") moves.push_back(move);
    return moves;
  }

  pinbridge::testing::SimProcess sim_{
      {"--seed", "7", "--webhook-backoff-base-ms", "100", "--webhook-backoff-max-ms", "1000"}};
  pinbridge::testing::TestDatabase test_database_{"sqlite"};
  store::Database& database_ = *test_database_.database();
  SystemClock clock_;
  pinbridge::testing::TestPlatform platform_{database_, clock_};
  PinbridgeNode node_{{{"PINBRIDGE_DATABASE_URL", test_database_.url()},
                       {"PINBRIDGE_SECURITY_MASTER_KEY", std::string(master_key_base64)},
                       {"PINBRIDGE_PINPOINT_BASE_URL_OVERRIDE", sim_.url()},
                       {"PINBRIDGE_PINPOINT_REQUESTS_PER_SECOND", "0"},
                       {"PINBRIDGE_QUEUE_POLL_INTERVAL_MS", "100"},
                       {"PINBRIDGE_QUEUE_BACKOFF_BASE_MS", "50"},
                       {"PINBRIDGE_QUEUE_BACKOFF_MAX_MS", "1000"},
                       {"PINBRIDGE_QUEUE_LEASE_SECONDS", "3"},
                       {"PINBRIDGE_QUEUE_RESCUE_INTERVAL_MS", "250"},
                       {"PINBRIDGE_LOG_LEVEL", "warn"}}};
  std::int64_t job_ = 0, account_ = 0;
  std::vector<std::int64_t> applications_;
  std::map<std::string, std::int64_t> stages_;
  std::string webhook_token_;
};

TEST_F(WorkflowChaosTest, EveryEffectLandsExactlyOnceThroughFaultsAndKills) {
  pinpoint_misbehaves(true);
  recruiter_moves(0, burst / 2, "Review");
  ASSERT_TRUE(eventually([&] { return sim_count("candidate_assessments") >= 20; }, 60s));
  node_.kill();
  recruiter_moves(burst / 2, burst, "Review");  // Pinpoint's deliveries fail now and are retried later
  node_.start();
  ASSERT_TRUE(eventually([&] { return sim_count("candidate_assessments") >= 40; }, 60s));
  pinpoint_misbehaves(false);
  ASSERT_TRUE(eventually([&] { return sim_count("candidate_assessments") == burst; }, 180s));
  ASSERT_TRUE(eventually([&] { return workflows_settled(); }, 60s));

  EXPECT_EQ(scalar("SELECT COUNT(*) FROM invitations"), burst);
  EXPECT_EQ(scalar("SELECT COUNT(DISTINCT external_ref) FROM invitations"), burst);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM outbound_emails WHERE kind = 'invitation'"), burst);
  const auto records = per_application("candidate_assessments", "application_id");
  EXPECT_EQ(records.size(), static_cast<std::size_t>(burst));
  EXPECT_TRUE(std::ranges::all_of(records, [](const auto& entry) { return entry.second == 1; }));
  EXPECT_EQ(requests("POST", "/api/v1/candidate_assessments", success), burst);

  for (int i = 0; i < takers; ++i) {
    if (i == takers / 2) {
      node_.kill();
      node_.start();
    }
    candidate_takes_test(applications_[i], i % 2 == 0);
  }
  ASSERT_TRUE(eventually([&] { return sim_count("comments") == takers; }, 120s));
  ASSERT_TRUE(eventually([&] { return workflows_settled(); }, 60s));

  const auto comments = per_application("comments", "commentable_id");
  EXPECT_EQ(comments.size(), static_cast<std::size_t>(takers));
  EXPECT_EQ(requests("POST", "/api/v1/comments", success), takers);
  for (int i = 0; i < takers; ++i) {
    const auto moves = moves_by_us(applications_[i]);
    ASSERT_EQ(moves.size(), 1u) << "application " << applications_[i];
    EXPECT_EQ(moves[0]["to_stage_id"], stages_.at(i % 2 == 0 ? "Interview" : "Rejected"));
  }
  std::map<std::string, int> statuses;
  for (const auto& record : sim_resources("candidate_assessments"))
    ++statuses[record["attributes"]["status"].get<std::string>()];
  EXPECT_EQ(statuses, (std::map<std::string, int>{{"completed", takers}, {"pending", burst - takers}}));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM invitations"), burst) << "our own moves came back and invited again";
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM workflow_actions WHERE state = 'failed'"), 0);

  // The storms really happened: the test proves nothing on a quiet Pinpoint.
  EXPECT_GT(requests("", "/api/v1/", [](int status) { return status == 429; }), 0);
  EXPECT_GT(requests("", "/api/v1/", [](int status) { return status >= 500; }), 0);
  EXPECT_GT(requests("", "/api/v1/", [](int status) { return status == 0; }), 0);
}

}  // namespace
}  // namespace pinbridge::workflows
