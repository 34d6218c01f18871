// Result callbacks in process: which domain events become a callback job (only plugin
// invitations', one per event), and the delivery to a receiver on loopback that is down (503) for
// a while: retried until a 2xx, signed with the account's current key, every attempt logged.
#include <gtest/gtest.h>

#include <mutex>

#include "plugin/references.hpp"
#include "plugin_fixture.hpp"

namespace pinbridge::plugin::testing {
namespace {

// Pinpoint's callback URL: answers 503 to the first `down_for` requests, then 200.
class Receiver {
 public:
  explicit Receiver(int down_for) : down_for_(down_for) {
    http::Router router;
    router.post("/cb/{id}", [this](http::Request& request) {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
      return http::Response::json(static_cast<int>(requests_.size()) <= down_for_ ? 503 : 200,
                                  json::object());
    });
    http::ServerSettings settings;
    settings.port = 0;
    server_ = std::make_unique<http::Server>(settings, std::move(router));
    server_->start();
  }
  ~Receiver() { server_->shutdown(); }
  std::string url(const std::string& id) const {
    return "http://127.0.0.1:" + std::to_string(server_->port()) + "/cb/" + id;
  }
  std::vector<http::Request> requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  int down_for_;
  std::mutex mutex_;
  std::vector<http::Request> requests_;
  std::unique_ptr<http::Server> server_;
};

class PluginCallbacks : public PluginTest {
 protected:
  void SetUp() override {
    PluginTest::SetUp();
    log_ = std::make_unique<CallbackLog>(*database_, clock_);
    callbacks_ = std::make_unique<ResultCallbacks>(
        *keys_, *log_, platform_->invitations, *accounts_, platform_->jobs,
        CallbackSettings{std::chrono::seconds(5), 3}, api::UrlPolicy{.allow_private_targets = true});
  }
  // What the "plugin_callbacks" subscriber does with each of the account's recorded events.
  void dispatch_events(std::int64_t account_id) {
    const auto events = platform_->events.recent(account_id, 100);
    database_->write([&](store::Connection& c) {
      for (const auto& event : events) callbacks_->enqueue(c, event);
    });
  }
  std::vector<jobs::Job> callback_jobs() {
    std::vector<jobs::Job> out;
    for (auto& job : platform_->jobs.claim("test", 1000))
      if (job.kind == callback_job_kind) out.push_back(std::move(job));
    return out;
  }
  // Runs the job as the queue would: again after each retry, up to its attempts.
  std::vector<jobs::JobResult::Kind> run_until_settled(jobs::Job job) {
    std::vector<jobs::JobResult::Kind> kinds;
    for (job.attempt = 1; job.attempt <= job.max_attempts; ++job.attempt) {
      kinds.push_back(callbacks_->deliver(job).kind);
      if (kinds.back() != jobs::JobResult::Kind::retry) break;
    }
    return kinds;
  }

  std::unique_ptr<CallbackLog> log_;
  std::unique_ptr<ResultCallbacks> callbacks_;
};

using Kind = jobs::JobResult::Kind;

TEST_F(PluginCallbacks, OnlyStateChangesOfPluginInvitationsBecomeOneJobEach) {
  Receiver receiver(0);
  const auto from_plugin = invitation_id(submit("ada@example.com", receiver.url("1")));
  assessments::InviteRequest direct;
  direct.account_id = acme_.id;
  direct.assessment_id = backend_;
  direct.candidate_name = "Bob";
  direct.candidate_email = "bob@example.com";
  const auto from_dashboard = platform_->invitations.invite(direct)->invitation.id;
  for (const auto id : {from_plugin, from_dashboard})
    ASSERT_TRUE(platform_->candidates.start(platform_->token_of(acme_.id, id)).ok());
  dispatch_events(acme_.id);
  dispatch_events(acme_.id);  // a re-delivered event adds nothing
  const auto jobs = callback_jobs();
  ASSERT_EQ(jobs.size(), 1U)
      << "invitation.created is no state change; the dashboard's invitation has no callback";
  EXPECT_EQ(jobs[0].args["invitation_id"], from_plugin);
  EXPECT_EQ(jobs[0].args["event"], "assessment_started");
  EXPECT_EQ(jobs[0].max_attempts, 3);
}

TEST_F(PluginCallbacks, WithoutTheApiAddonNoCallbackIsQueued) {
  Receiver receiver(0);
  const auto id = invitation_id(submit("ada@example.com", receiver.url("1")));
  ASSERT_TRUE(platform_->invitations.cancel(acme_.id, id).ok());
  accounts_->set_addon(acme_.id, accounts::Addon::api, false);
  dispatch_events(acme_.id);
  EXPECT_TRUE(callback_jobs().empty());
}

TEST_F(PluginCallbacks, ANoticeIsRetriedWhileTheUrlIsDownThenArrivesOnceSigned) {
  Receiver receiver(2);
  const auto id = invitation_id(submit("ada@example.com", receiver.url("abc")));
  ASSERT_TRUE(platform_->invitations.cancel(acme_.id, id).ok());
  dispatch_events(acme_.id);
  const auto jobs = callback_jobs();
  ASSERT_EQ(jobs.size(), 1U);
  EXPECT_EQ(run_until_settled(jobs[0]), (std::vector<Kind>{Kind::retry, Kind::retry, Kind::completed}));

  const auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 3U);
  for (const auto& request : requests) {
    EXPECT_EQ(json::parse(request.body),
              (json{{"externalIdentifier", invitation_reference(id)}, {"event", "assessment_cancelled"}}));
    EXPECT_EQ(request.header("X-Pinbridge-Signature"), callback_signature(Secret(acme_key_), request.body));
    EXPECT_EQ(request.header("Content-Type"), "application/json");
  }
  // The process endpoint accepts the notice exactly as it arrived.
  const json forwarded = {
      {"body", requests.back().body},
      {"headers", {{"x-pinbridge-signature", *requests.back().header("X-Pinbridge-Signature")}}}};
  const auto processed = call("/webhook/process", forwarded);
  EXPECT_EQ(processed["updateAssessments"][0]["status"], "cancelled") << processed.dump();

  const auto attempts = log_->recent(acme_.id, 10, 0);
  ASSERT_EQ(attempts.size(), 3U);
  EXPECT_EQ(log_->count(acme_.id), 3);
  EXPECT_EQ(log_->count(globex_.id), 0);
  EXPECT_TRUE(attempts[0].succeeded);
  EXPECT_EQ(attempts[0].status_code, 200);
  EXPECT_EQ(attempts[0].attempt, 3);
  EXPECT_EQ(attempts[2].status_code, 503);
  EXPECT_EQ(attempts[2].error, "HTTP 503");
  EXPECT_EQ(attempts[2].url, receiver.url("abc"));
  EXPECT_EQ(attempts[2].invitation_id, id);
  EXPECT_EQ(attempts[2].event, "assessment_cancelled");
}

TEST_F(PluginCallbacks, ANoticeIsSignedWithTheKeyOfTheMomentAndGivenUpAfterMaxAttempts) {
  Receiver receiver(100);
  const auto id = invitation_id(submit("ada@example.com", receiver.url("x")));
  ASSERT_TRUE(platform_->invitations.cancel(acme_.id, id).ok());
  dispatch_events(acme_.id);
  const auto jobs = callback_jobs();
  ASSERT_EQ(jobs.size(), 1U);
  auto job = jobs[0];
  job.attempt = 1;
  EXPECT_EQ(callbacks_->deliver(job).kind, Kind::retry);
  const auto rotated = keys_->rotate(acme_.id)->key;
  job.attempt = 3;
  EXPECT_EQ(callbacks_->deliver(job).kind, Kind::discard) << "the last attempt";
  const auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 2U);
  EXPECT_EQ(requests[1].header("X-Pinbridge-Signature"), callback_signature(rotated, requests[1].body));
}

TEST_F(PluginCallbacks, APrivateCallbackUrlIsRefusedUnlessAllowed) {
  Receiver receiver(0);
  ResultCallbacks strict(*keys_, *log_, platform_->invitations, *accounts_, platform_->jobs,
                         CallbackSettings{}, api::UrlPolicy{.allow_private_targets = false});
  const auto id = invitation_id(submit("ada@example.com", receiver.url("1")));
  ASSERT_TRUE(platform_->invitations.cancel(acme_.id, id).ok());
  dispatch_events(acme_.id);
  auto job = callback_jobs().at(0);
  job.attempt = 1;
  EXPECT_EQ(strict.deliver(job).kind, Kind::retry);
  EXPECT_TRUE(receiver.requests().empty());
  const auto attempts = log_->recent(acme_.id, 10, 0);
  ASSERT_EQ(attempts.size(), 1U);
  EXPECT_FALSE(attempts[0].status_code);
  EXPECT_TRUE(attempts[0].error->starts_with("refused")) << *attempts[0].error;
}

}  // namespace
}  // namespace pinbridge::plugin::testing
