// Workflows and their rules on every backend: names unique per account, every write checked
// against the account's other enabled rules in the same transaction, and never another account's.
#include "workflows/workflow_store.hpp"

#include <gtest/gtest.h>

#include "workflow_fixture.hpp"

namespace pinbridge::workflows {
namespace {

SendOnStage send_on(const std::string& stage, std::int64_t assessment_id) {
  SendOnStage s;
  s.stage.stage_name = stage;
  s.assessment_id = assessment_id;
  return s;
}

MoveOnResult move_on(std::int64_t assessment_id) {
  return {assessment_id,
          {Band{Combine::all, {{ConditionKind::score_at_least, 80}}, "Interview", {"strong"}},
           Band{Combine::all, {{ConditionKind::score_below, 50}}, "Rejected", {}}}};
}

nlohmann::json stored(const RuleSettings& settings) {
  return settings_to_json(settings);
}

std::vector<std::string> names(const std::vector<Workflow>& workflows) {
  std::vector<std::string> out;
  out.reserve(workflows.size());
  for (const auto& w : workflows) out.push_back(w.name);
  return out;
}

class WorkflowStoreConformance : public testing::WorkflowFixture<WorkflowStore> {
 protected:
  Workflow create(const std::string& name, std::int64_t account_id = 0) {
    auto created = store_->create(account_or_acme(account_id), name);
    EXPECT_TRUE(created.ok()) << (created ? "" : created.error().message);
    return created.ok() ? *created : Workflow{};
  }

  Rule add(std::int64_t workflow_id, const RuleSettings& settings, std::int64_t account_id = 0) {
    auto added = store_->add_rule(account_or_acme(account_id), workflow_id, settings);
    EXPECT_TRUE(added.ok()) << (added ? "" : added.error().message);
    return added.ok() ? *added : Rule{};
  }

  std::size_t active_count(std::int64_t account_id) { return store_->active_rules(account_id).size(); }

  std::int64_t insert_assessment(std::int64_t account_id, const std::string& name) {
    return database().write([&](store::Connection& c) {
      return c
          .query_one(
              "INSERT INTO assessments (account_id, name, description, time_limit_minutes, pass_mark, "
              "questions, status, version, created_at, updated_at) "
              "VALUES ($1, $2, '', 20, 50, '[]', 'active', 1, 0, 0) RETURNING id",
              {account_id, name})
          ->integer(0);
    });
  }
};

TEST_P(WorkflowStoreConformance, NamesAreTrimmedAndUniqueInTheAccount) {
  const auto screen = create("  Backend screen ");
  EXPECT_EQ(screen.name, "Backend screen");
  EXPECT_TRUE(screen.enabled);
  EXPECT_TRUE(screen.rules.empty());
  auto duplicate = store_->create(acme_, "BACKEND screen");
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, ErrorCode::conflict);
  EXPECT_EQ(duplicate.error().message, "a workflow named \"BACKEND screen\" already exists");
  EXPECT_EQ(store_->create(acme_, " ").error().code, ErrorCode::invalid_input);
  EXPECT_EQ(store_->create(acme_, std::string(101, 'w')).error().code, ErrorCode::invalid_input);
  EXPECT_TRUE(store_->create(acme_, std::string(100, 'w')).ok());
  EXPECT_TRUE(store_->create(globex_, "Backend screen").ok()) << "names are unique per account only";
}

TEST_P(WorkflowStoreConformance, RenameKeepsNamesUnique) {
  const auto screen = create("Backend screen");
  const auto offer = create("Offer");
  auto renamed = store_->rename(acme_, screen.id, " backend SCREEN");
  ASSERT_TRUE(renamed.ok()) << renamed.error().message;
  EXPECT_EQ(renamed->name, "backend SCREEN") << "a workflow may change the case of its own name";
  renamed = store_->rename(acme_, offer.id, "Backend Screen");
  ASSERT_FALSE(renamed.ok());
  EXPECT_EQ(renamed.error().code, ErrorCode::conflict);
  EXPECT_EQ(store_->find(acme_, offer.id)->name, "Offer");
  EXPECT_EQ(store_->rename(acme_, offer.id, "").error().code, ErrorCode::invalid_input);
  EXPECT_EQ(store_->rename(acme_, 9999, "Other").error().code, ErrorCode::not_found);
}

TEST_P(WorkflowStoreConformance, ListIsByNameWithRulesInTheOrderAdded) {
  const auto beta = create("beta");
  create("Alpha");
  create("Backend screen");
  const auto first = add(beta.id, send_on("Interview", 7));
  const auto second = add(beta.id, move_on(7));
  create("Empty", globex_);
  const auto all = store_->list(acme_);
  EXPECT_EQ(names(all), (std::vector<std::string>{"Alpha", "Backend screen", "beta"}));
  ASSERT_EQ(all[2].rules.size(), 2U);
  EXPECT_EQ(all[2].rules[0].id, first.id);
  EXPECT_EQ(all[2].rules[1].id, second.id);
  EXPECT_EQ(stored(all[2].rules[1].settings), stored(move_on(7)));
  EXPECT_TRUE(all[0].rules.empty());
}

TEST_P(WorkflowStoreConformance, RulesAreAddedUpdatedAndRemoved) {
  const auto screen = create("Backend screen");
  const auto rule = add(screen.id, send_on("Interview", 7));
  EXPECT_GT(rule.id, 0);
  EXPECT_EQ(rule.workflow_id, screen.id);
  EXPECT_TRUE(rule.enabled);
  auto found = store_->find_rule(acme_, rule.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(stored(found->settings), stored(send_on("Interview", 7)));

  PostResults post;
  post.comment = true;
  auto updated = store_->update_rule(acme_, rule.id, post);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(kind_of(store_->find_rule(acme_, rule.id)->settings), RuleKind::post_results);
  EXPECT_EQ(stored(store_->find(acme_, screen.id)->rules.at(0).settings), stored(post));

  EXPECT_TRUE(store_->remove_rule(acme_, rule.id).ok());
  EXPECT_FALSE(store_->find_rule(acme_, rule.id));
  EXPECT_EQ(store_->remove_rule(acme_, rule.id).error().code, ErrorCode::not_found);
  EXPECT_EQ(store_->add_rule(acme_, 9999, post).error().code, ErrorCode::not_found);
}

TEST_P(WorkflowStoreConformance, InvalidRulesAreRefusedAndNothingIsStored) {
  const auto screen = create("Backend screen");
  auto added = store_->add_rule(acme_, screen.id, send_on("Interview", 0));
  ASSERT_FALSE(added.ok());
  EXPECT_EQ(added.error().code, ErrorCode::invalid_input);
  const auto rule = add(screen.id, send_on("Interview", 7));
  auto updated = store_->update_rule(acme_, rule.id, send_on(" ", 7));
  ASSERT_FALSE(updated.ok());
  EXPECT_EQ(updated.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(store_->find(acme_, screen.id)->rules.size(), 1U);
  EXPECT_EQ(stored(store_->find_rule(acme_, rule.id)->settings), stored(send_on("Interview", 7)));
}

TEST_P(WorkflowStoreConformance, ARefusalNamesTheAssessmentAsTheRecruiterKnowsIt) {
  const auto backend = insert_assessment(acme_, "Backend screen");
  const auto secret = insert_assessment(globex_, "Globex secret");
  const auto screen = create("Backend screen");
  add(screen.id, move_on(backend));
  add(screen.id, send_on("Interview", secret));
  auto twice = store_->add_rule(acme_, screen.id, move_on(backend));
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().message,
            "a rule already moves applications on the result of 'Backend screen'; two rules could move one "
            "application to two stages");
  // Another account's assessment is never named, only numbered.
  auto again = store_->add_rule(acme_, screen.id, send_on("Interview", secret));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().message, "a rule already sends assessment #" + std::to_string(secret) +
                                       " when an application enters Interview (any job)");
}

TEST_P(WorkflowStoreConformance, AConflictingRuleIsRefusedAndNothingIsStored) {
  const auto screen = create("Backend screen");
  const auto other = create("Other");
  add(screen.id, send_on("Interview", 7));
  auto added = store_->add_rule(acme_, other.id, send_on(" interview", 7));
  ASSERT_FALSE(added.ok());
  EXPECT_EQ(added.error().code, ErrorCode::conflict);
  EXPECT_EQ(added.error().message,
            "a rule already sends assessment #7 when an application enters Interview (any job)");
  EXPECT_TRUE(store_->find(acme_, other.id)->rules.empty());

  // Updating another rule into a duplicate is refused too, and the rule keeps its settings.
  const auto offer = add(other.id, send_on("Offer", 7));
  EXPECT_EQ(store_->update_rule(acme_, offer.id, send_on("Interview", 7)).error().code, ErrorCode::conflict);
  EXPECT_EQ(stored(store_->find_rule(acme_, offer.id)->settings), stored(send_on("Offer", 7)));
  // A rule updated to what it already is does not conflict with itself.
  EXPECT_TRUE(store_->update_rule(acme_, offer.id, send_on("offer", 7)).ok());
  EXPECT_EQ(active_count(acme_), 2U);
}

TEST_P(WorkflowStoreConformance, EnablingAWorkflowWithAConflictingRuleIsRefused) {
  const auto screen = create("Backend screen");
  const auto draft = create("Draft");
  const auto live = add(screen.id, move_on(7));
  ASSERT_TRUE(store_->set_enabled(acme_, draft.id, false).ok());
  add(draft.id, move_on(7));  // a disabled workflow holds drafts unchecked
  auto enabled = store_->set_enabled(acme_, draft.id, true);
  ASSERT_FALSE(enabled.ok());
  EXPECT_EQ(enabled.error().code, ErrorCode::conflict);
  EXPECT_FALSE(store_->find(acme_, draft.id)->enabled);
  EXPECT_EQ(active_count(acme_), 1U);

  ASSERT_TRUE(store_->set_rule_enabled(acme_, live.id, false).ok());
  enabled = store_->set_enabled(acme_, draft.id, true);
  ASSERT_TRUE(enabled.ok()) << enabled.error().message;
  EXPECT_TRUE(enabled->enabled);
  EXPECT_TRUE(store_->find(acme_, draft.id)->enabled);
}

TEST_P(WorkflowStoreConformance, RulesOfOneWorkflowAreCheckedAgainstEachOtherOnEnabling) {
  const auto draft = create("Draft");
  ASSERT_TRUE(store_->set_enabled(acme_, draft.id, false).ok());
  add(draft.id, send_on("Interview", 7));
  add(draft.id, send_on("INTERVIEW", 7));
  EXPECT_EQ(store_->set_enabled(acme_, draft.id, true).error().code, ErrorCode::conflict);
  EXPECT_EQ(active_count(acme_), 0U);
}

TEST_P(WorkflowStoreConformance, DisabledRulesAreNotActiveAndDoNotConflict) {
  const auto screen = create("Backend screen");
  const auto first = add(screen.id, send_on("Interview", 7));
  ASSERT_TRUE(store_->set_rule_enabled(acme_, first.id, false).ok());
  EXPECT_FALSE(store_->find_rule(acme_, first.id)->enabled);
  EXPECT_EQ(active_count(acme_), 0U);
  const auto second = add(screen.id, send_on("Interview", 7));
  const auto active = store_->active_rules(acme_);
  ASSERT_EQ(active.size(), 1U);
  EXPECT_EQ(active[0].rule.id, second.id);
  EXPECT_EQ(active[0].workflow_name, "Backend screen");

  auto enabled = store_->set_rule_enabled(acme_, first.id, true);
  ASSERT_FALSE(enabled.ok());
  EXPECT_EQ(enabled.error().code, ErrorCode::conflict);
  EXPECT_FALSE(store_->find_rule(acme_, first.id)->enabled);

  // The rules of a disabled workflow are not active either.
  ASSERT_TRUE(store_->set_enabled(acme_, screen.id, false).ok());
  EXPECT_EQ(active_count(acme_), 0U);
  EXPECT_TRUE(add(create("Other").id, send_on("Interview", 7)).id > 0);
}

TEST_P(WorkflowStoreConformance, RemoveDeletesTheWorkflowAndItsRules) {
  const auto screen = create("Backend screen");
  const auto rule = add(screen.id, send_on("Interview", 7));
  const auto kept = add(create("Other").id, move_on(7));
  ASSERT_TRUE(store_->remove(acme_, screen.id).ok());
  EXPECT_FALSE(store_->find(acme_, screen.id));
  EXPECT_FALSE(store_->find_rule(acme_, rule.id));
  EXPECT_EQ(store_->remove(acme_, screen.id).error().code, ErrorCode::not_found);
  ASSERT_EQ(active_count(acme_), 1U);
  EXPECT_EQ(store_->active_rules(acme_)[0].rule.id, kept.id);
  EXPECT_TRUE(create("Backend screen").id > 0) << "the name is free again";
}

TEST_P(WorkflowStoreConformance, AnotherAccountsWorkflowsAndRulesAreNotFound) {
  const auto screen = create("Backend screen");
  const auto rule = add(screen.id, send_on("Interview", 7));
  EXPECT_FALSE(store_->find(globex_, screen.id));
  EXPECT_FALSE(store_->find_rule(globex_, rule.id));
  EXPECT_TRUE(store_->list(globex_).empty());
  EXPECT_TRUE(store_->active_rules(globex_).empty());
  EXPECT_EQ(store_->rename(globex_, screen.id, "Mine").error().code, ErrorCode::not_found);
  EXPECT_EQ(store_->set_enabled(globex_, screen.id, false).error().code, ErrorCode::not_found);
  EXPECT_EQ(store_->remove(globex_, screen.id).error().code, ErrorCode::not_found);
  EXPECT_EQ(store_->add_rule(globex_, screen.id, move_on(3)).error().code, ErrorCode::not_found);
  EXPECT_EQ(store_->update_rule(globex_, rule.id, send_on("Offer", 7)).error().code, ErrorCode::not_found);
  EXPECT_EQ(store_->set_rule_enabled(globex_, rule.id, false).error().code, ErrorCode::not_found);
  EXPECT_EQ(store_->remove_rule(globex_, rule.id).error().code, ErrorCode::not_found);

  // Nothing of acme's changed, and its rules do not conflict with globex's.
  const auto found = store_->find(acme_, screen.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "Backend screen");
  EXPECT_TRUE(found->enabled);
  EXPECT_EQ(stored(found->rules.at(0).settings), stored(send_on("Interview", 7)));
  add(create("Theirs", globex_).id, send_on("Interview", 7), globex_);
  EXPECT_EQ(active_count(globex_), 1U);
  EXPECT_EQ(active_count(acme_), 1U);
}

PINBRIDGE_ON_EVERY_BACKEND(WorkflowStoreConformance);

}  // namespace
}  // namespace pinbridge::workflows
