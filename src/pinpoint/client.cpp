// Construction and the read operations of PinpointClient.
#include "pinpoint/client.hpp"

#include "pinpoint/fetch.hpp"
#include "pinpoint/parse.hpp"
#include "pinpoint/subdomain.hpp"

namespace pinbridge::pinpoint {
namespace {

TransportSettings transport_settings(ClientSettings& settings) {
  TransportSettings out;
  auto base_url = api_base_url(settings.subdomain, settings.options.base_url_override);
  if (base_url)
    out.base_url = std::move(base_url).value();
  else
    out.config_error = base_url.error().message;
  out.api_key = std::move(settings.api_key);
  out.timeout = settings.options.request_timeout;
  out.retry = settings.options.retry;
  return out;
}

Query application_query(const ApplicationFilter& filter) {
  Query query;
  if (filter.candidate_email) query.emplace_back("filter[candidate_email]", *filter.candidate_email);
  if (filter.job_id) query.emplace_back("filter[job_id]", std::to_string(*filter.job_id));
  if (filter.stage_id) query.emplace_back("filter[stage_id]", std::to_string(*filter.stage_id));
  if (filter.candidate_id) query.emplace_back("filter[candidate_id]", std::to_string(*filter.candidate_id));
  if (filter.updated_after) query.emplace_back("filter[updated_at][gt]", *filter.updated_after);
  if (filter.with_tags) query.emplace_back("extra_fields[applications]", "tags");
  return query;
}

}  // namespace

PinpointClient::PinpointClient(ClientSettings settings, const net::HttpClient& http, const Clock& clock,
                               Random& random, CallSink sink, Sleeper sleeper)
    : PinpointClient(
          std::move(settings), [&http](const net::HttpRequest& request) { return http.send(request); }, clock,
          random, std::move(sink), std::move(sleeper)) {}

PinpointClient::PinpointClient(ClientSettings settings, SendFunction send, const Clock& clock, Random& random,
                               CallSink sink, Sleeper sleeper)
    : options_(settings.options),
      limiter_(std::make_unique<RateLimiter>(clock, options_.requests_per_second, options_.burst)),
      transport_(std::make_unique<Transport>(transport_settings(settings), std::move(send), clock, random,
                                             *limiter_, std::move(sink), std::move(sleeper))) {}

ApiResult<Application> PinpointClient::get_application(Id id) const {
  return fetch_one<Application>(*transport_,
                                {"GET", "applications/" + std::to_string(id), {{"include", "job,stage"}}, {}},
                                parse_application);
}

ApiResult<std::vector<Application>> PinpointClient::list_applications(const ApplicationFilter& filter) const {
  return fetch_all<Application>(*transport_, {"GET", "applications", application_query(filter), {}},
                                parse_application, options_.page_size, options_.max_pages);
}

ApiResult<std::vector<Comment>> PinpointClient::list_comments(Id application_id) const {
  return fetch_all<Comment>(*transport_,
                            {"GET",
                             "comments",
                             {{"filter[commentable_type]", "Application"},
                              {"filter[commentable_id]", std::to_string(application_id)},
                              {"sort", "created_at"}},
                             {}},
                            parse_comment, options_.page_size, options_.max_pages);
}

ApiResult<std::vector<Job>> PinpointClient::list_jobs() const {
  return fetch_all<Job>(*transport_, {"GET", "jobs", {{"include", "stages"}}, {}}, parse_job,
                        options_.page_size, options_.max_pages);
}

ApiResult<Job> PinpointClient::get_job(Id id) const {
  return fetch_one<Job>(*transport_, {"GET", "jobs/" + std::to_string(id), {{"include", "stages"}}, {}},
                        parse_job);
}

ApiResult<std::vector<HiringWorkflow>> PinpointClient::list_hiring_workflows() const {
  return fetch_all<HiringWorkflow>(*transport_, {"GET", "hiring_workflows", {{"include", "stages"}}, {}},
                                   parse_hiring_workflow, options_.page_size, options_.max_pages);
}

ApiResult<std::vector<User>> PinpointClient::list_users() const {
  return fetch_all<User>(*transport_, {"GET", "users", {}, {}}, parse_user, options_.page_size,
                         options_.max_pages);
}

}  // namespace pinbridge::pinpoint
