// The Activity section: webhook deliveries and calls to Pinpoint, newest first, filtered, paged,
// and only ever the signed-in account's.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "dashboard_fixture.hpp"

namespace pinbridge::web::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ActivityPagesTest : public DashboardTest {
 protected:
  // Stores a delivery as the webhook receiver and the processor leave it; returns its id. The
  // application id makes each body (and so each row) recognisable in the page.
  std::int64_t delivery(std::int64_t account_id, const std::string& event, int application,
                        bool verified = true, const std::string& outcome = "processed") {
    clock_.advance(std::chrono::seconds(1));
    const auto body =
        fmt::format(R"({{"event":"{}","data":{{"application":{{"id":{}}}}}}})", event, application);
    const bool duplicate = outcome == "duplicate";
    return database_->write([&](store::Connection& c) {
      return c
          .query_one(
              "INSERT INTO pinpoint_deliveries (account_id, received_at, event, verified, duplicate, "
              "dedup_key, body, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
              {account_id, to_unix_ms(clock_.now()), event, std::int64_t{verified ? 1 : 0},
               std::int64_t{duplicate ? 1 : 0}, "key-" + std::to_string(application), body, outcome})
          ->integer(0);
    });
  }

  void call(std::int64_t account_id, const std::string& path, int status, int attempt = 1) {
    pinpoint::CallRecord record;
    record.method = "GET";
    record.path = path;
    record.status = status;
    if (status == 0) record.error = "connection refused";
    record.started_at = clock_.now();
    record.duration = Millis(42);
    record.attempt = attempt;
    automations_->calls.record(account_id, record);
  }

  std::string page(const std::string& target) {
    const auto response = get(target, alice().cookie);
    EXPECT_EQ(response.status, 200) << target;
    return response.body;
  }
};

// The detail links of the listed deliveries, in page order.
std::vector<std::string> delivery_links(const std::string& html) {
  std::vector<std::string> out;
  const std::string marker = "href=\"/activity/deliveries/";
  for (auto at = html.find(marker); at != std::string::npos; at = html.find(marker, at + 1))
    out.push_back(html.substr(at + marker.size(), html.find('"', at + marker.size()) - at - marker.size()));
  return out;
}

TEST_F(ActivityPagesTest, WithoutDeliveriesItSaysHowTheyArrive) {
  const auto body = page("/activity");
  EXPECT_THAT(body, HasSubstr("No deliveries yet"));
  EXPECT_THAT(body, HasSubstr("Pinpoint&#39;s test event shows up here"));
  EXPECT_THAT(body, HasSubstr("href=\"/activity\" aria-current=\"page\">Webhook deliveries"));
  EXPECT_THAT(body, HasSubstr("href=\"/activity?tab=calls\">Calls to Pinpoint"));
  EXPECT_THAT(page("/activity?tab=calls"), HasSubstr("No calls to Pinpoint yet"));
}

TEST_F(ActivityPagesTest, DeliveriesAreListedNewestFirstWithTheirBadges) {
  const auto first = delivery(acme_.id, "application_created", 1, true, "processed");
  const auto second = delivery(acme_.id, "application_stage_changed", 2, false, "pending");
  const auto third = delivery(acme_.id, "application_stage_changed", 2, false, "duplicate");
  const auto body = page("/activity");
  EXPECT_EQ(delivery_links(body),
            (std::vector{std::to_string(third), std::to_string(second), std::to_string(first)}));
  EXPECT_THAT(body, HasSubstr("<th scope=\"col\">Received</th>"));
  EXPECT_THAT(body, HasSubstr("badge badge-verified\">Verified"));
  EXPECT_THAT(body, HasSubstr("badge badge-unverified\">Unverified"));
  EXPECT_THAT(body, HasSubstr("badge-duplicate\">Duplicate"));
  EXPECT_THAT(body, HasSubstr("badge-processed\">processed"));
  EXPECT_THAT(body, HasSubstr("badge-pending\">pending"));
  EXPECT_THAT(body, HasSubstr("2023-11-14 22:13:23 UTC"));  // seconds shown
  EXPECT_THAT(body, HasSubstr("Page 1 of 1 (3 deliveries)"));
}

TEST_F(ActivityPagesTest, EachFilterNarrowsTheList) {
  const auto created = delivery(acme_.id, "application_created", 1, true, "processed");
  const auto unverified = delivery(acme_.id, "application_stage_changed", 2, false, "pending");
  const auto failed = delivery(acme_.id, "application_stage_changed", 3, true, "failed");
  const auto links = [&](const std::string& query) { return delivery_links(page("/activity?" + query)); };
  EXPECT_EQ(links("event=application_created"), std::vector{std::to_string(created)});
  EXPECT_EQ(links("verified=no"), std::vector{std::to_string(unverified)});
  EXPECT_EQ(links("verified=yes"), (std::vector{std::to_string(failed), std::to_string(created)}));
  EXPECT_EQ(links("outcome=failed"), std::vector{std::to_string(failed)});
  EXPECT_EQ(links("event=application_stage_changed&verified=yes"), std::vector{std::to_string(failed)});
  EXPECT_EQ(links("outcome=not-an-outcome").size(), 3u) << "an unknown value filters nothing";

  const auto filtered = page("/activity?event=application_stage_changed&outcome=failed");
  EXPECT_THAT(filtered, HasSubstr("<option value=\"application_stage_changed\" selected=\"selected\">"));
  EXPECT_THAT(filtered, HasSubstr("<option value=\"failed\" selected=\"selected\">"));
  EXPECT_THAT(filtered, HasSubstr("Clear filters"));
  const auto none = page("/activity?event=application_hired");
  EXPECT_THAT(none, HasSubstr("No deliveries match these filters"));
  EXPECT_THAT(none, HasSubstr("<option value=\"application_hired\" selected=\"selected\">"));
}

TEST_F(ActivityPagesTest, DeliveriesArePagedWithTheFiltersKept) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 52; ++i) ids.push_back(delivery(acme_.id, "application_created", i, false, "pending"));
  delivery(acme_.id, "application_hired", 100);
  const auto first = page("/activity?verified=no");
  EXPECT_EQ(delivery_links(first).size(), 50u);
  EXPECT_EQ(delivery_links(first).front(), std::to_string(ids.back()));
  EXPECT_THAT(first, HasSubstr("Page 1 of 2 (52 deliveries)"));
  EXPECT_THAT(first, HasSubstr("href=\"/activity?page=2&amp;verified=no\" rel=\"next\">Older"));
  EXPECT_THAT(first, Not(HasSubstr("Newer")));
  const auto second = page("/activity?verified=no&page=2");
  EXPECT_EQ(delivery_links(second), (std::vector{std::to_string(ids[1]), std::to_string(ids[0])}));
  EXPECT_THAT(second, HasSubstr("href=\"/activity?page=1&amp;verified=no\" rel=\"prev\">Newer"));
  EXPECT_THAT(second, Not(HasSubstr("Older")));
}

TEST_F(ActivityPagesTest, AnotherAccountsDeliveriesAreNeverShown) {
  const auto own = delivery(acme_.id, "application_created", 1);
  const auto other = delivery(globex_.id, "application_hired", 2);
  const auto body = page("/activity");
  EXPECT_EQ(delivery_links(body), std::vector{std::to_string(own)});
  EXPECT_THAT(body, Not(HasSubstr("application_hired")));
  EXPECT_THAT(page("/activity?event=application_hired"), HasSubstr("No deliveries match these filters"));

  const auto theirs = get(fmt::format("/activity/deliveries/{}", other), alice().cookie);
  EXPECT_EQ(theirs.status, 404);
  EXPECT_THAT(theirs.body, HasSubstr("There is no such delivery in this account."));
  EXPECT_EQ(get("/activity/deliveries/999999", alice().cookie).status, 404);
  EXPECT_EQ(get("/activity/deliveries/abc", alice().cookie).status, 404);
  const auto bob = sign_in("bob@globex.test", bob_password);
  EXPECT_EQ(get(fmt::format("/activity/deliveries/{}", other), bob.cookie).status, 200);
  EXPECT_EQ(get(fmt::format("/activity/deliveries/{}", own), bob.cookie).status, 404);
}

TEST_F(ActivityPagesTest, ADeliveryShowsItsPayloadAndOutcome) {
  const auto id = delivery(acme_.id, "application_stage_changed", 77, false, "failed");
  database_->write([&](store::Connection& c) {
    c.execute("UPDATE pinpoint_deliveries SET outcome_detail = $2, processed_at = $3 WHERE id = $1",
              {id, "Pinpoint refused the API key <revoked>", to_unix_ms(clock_.now())});
  });
  const auto body = page(fmt::format("/activity/deliveries/{}", id));
  EXPECT_THAT(body, HasSubstr("Webhook delivery"));
  EXPECT_THAT(body, HasSubstr("&quot;id&quot;: 77"));  // pretty-printed
  EXPECT_THAT(body, HasSubstr("badge-failed\">failed"));
  EXPECT_THAT(body, HasSubstr("Pinpoint refused the API key &lt;revoked&gt;"));
  EXPECT_THAT(body, HasSubstr("No signing secret was set when it arrived"));
  EXPECT_THAT(body, HasSubstr("href=\"/activity\">← Activity"));
  EXPECT_THAT(page("/activity"), HasSubstr("Pinpoint refused the API key &lt;revoked&gt;"));
}

TEST_F(ActivityPagesTest, CallsTabListsCallsFilteredAndScoped) {
  call(acme_.id, "/api/v1/applications/1", 200);
  clock_.advance(std::chrono::seconds(1));
  call(acme_.id, "/api/v1/jobs?page[number]=2", 0, 2);
  clock_.advance(std::chrono::seconds(1));
  call(acme_.id, "/api/v1/stages/9", 404);
  call(globex_.id, "/api/v1/globex-only", 500);
  automations_->calls.flush();

  const auto all = page("/activity?tab=calls");
  EXPECT_THAT(all, HasSubstr("href=\"/activity?tab=calls\" aria-current=\"page\">Calls to Pinpoint"));
  for (const char* h : {"Started", "Method", "Path", "Result", "Duration", "Attempt"})
    EXPECT_THAT(all, HasSubstr(fmt::format("<th scope=\"col\">{}</th>", h)));
  EXPECT_THAT(all, HasSubstr("badge-processed\">200"));
  EXPECT_THAT(all, HasSubstr("badge-failed\">404"));
  EXPECT_THAT(all, HasSubstr("No answer"));
  EXPECT_THAT(all, HasSubstr("connection refused"));
  EXPECT_THAT(all, HasSubstr("42 ms"));
  EXPECT_THAT(all, Not(HasSubstr("globex-only")));
  EXPECT_THAT(all, HasSubstr("Page 1 of 1 (3 calls)"));
  EXPECT_LT(all.find("/api/v1/stages/9"), all.find("/api/v1/applications/1")) << "newest first";

  const auto failed = page("/activity?tab=calls&result=failed");
  EXPECT_THAT(failed, HasSubstr("/api/v1/stages/9"));
  EXPECT_THAT(failed, HasSubstr("/api/v1/jobs?page[number]=2"));
  EXPECT_THAT(failed, Not(HasSubstr("/api/v1/applications/1")));
  EXPECT_THAT(failed, HasSubstr("<input type=\"hidden\" name=\"tab\" value=\"calls\">"));
  const auto succeeded = page("/activity?tab=calls&result=succeeded");
  EXPECT_THAT(succeeded, HasSubstr("/api/v1/applications/1"));
  EXPECT_THAT(succeeded, Not(HasSubstr("/api/v1/stages/9")));
}

TEST_F(ActivityPagesTest, CallsArePaged) {
  for (int i = 0; i < 51; ++i) call(acme_.id, fmt::format("/api/v1/applications/{}", 1000 + i), 200);
  automations_->calls.flush();
  const auto first = page("/activity?tab=calls");
  EXPECT_THAT(first, HasSubstr("Page 1 of 2 (51 calls)"));
  EXPECT_THAT(first, HasSubstr("href=\"/activity?tab=calls&amp;page=2\" rel=\"next\">Older"));
  EXPECT_THAT(first, Not(HasSubstr("/api/v1/applications/1000<")));
  const auto second = page("/activity?tab=calls&page=2");
  EXPECT_THAT(second, HasSubstr("/api/v1/applications/1000<"));
  EXPECT_THAT(second, HasSubstr("rel=\"prev\">Newer"));
}

TEST_F(ActivityPagesTest, WithoutTheApiAddonPastActivityIsStillShown) {
  delivery(acme_.id, "application_created", 1);
  const auto without = page("/activity");
  EXPECT_THAT(without, HasSubstr("The API add-on is not enabled for this account"));
  EXPECT_EQ(delivery_links(without).size(), 1u);
  accounts_->set_addon(acme_.id, accounts::Addon::api, true);
  EXPECT_THAT(page("/activity"), Not(HasSubstr("The API add-on is not enabled")));
}

TEST_F(ActivityPagesTest, WithoutAutomationsThePageSaysSo) {
  http::Router router;
  add_dashboard_routes(router, *accounts_, *sessions_, services(), DashboardSettings{});
  auto req = request("GET", "/activity");
  req.headers["Cookie"] = alice().cookie;
  const auto response = router.dispatch(req);
  EXPECT_EQ(response.status, 200);
  EXPECT_THAT(response.body, HasSubstr("Pinpoint Automations are not running on this server"));
  auto detail = request("GET", "/activity/deliveries/1");
  detail.headers["Cookie"] = alice().cookie;
  EXPECT_EQ(router.dispatch(detail).status, 404);
}

TEST_F(ActivityPagesTest, SignedOutVisitorsAreSentToSignIn) {
  EXPECT_EQ(get("/activity?tab=calls").status, 303);
  EXPECT_EQ(get("/activity/deliveries/1").status, 303);
}

}  // namespace
}  // namespace pinbridge::web::testing
