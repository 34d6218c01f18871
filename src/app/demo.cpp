#include "app/demo.hpp"

#include <spdlog/spdlog.h>

namespace pinbridge::app {
namespace {

using assessments::Question;
using assessments::QuestionKind;

Question single(std::string prompt, std::vector<std::string> options, int correct) {
  Question q;
  q.kind = QuestionKind::single_choice;
  q.prompt = std::move(prompt);
  q.options = std::move(options);
  q.correct_options = {correct};
  return q;
}

Question multiple(std::string prompt, std::vector<std::string> options, std::vector<int> correct) {
  Question q;
  q.kind = QuestionKind::multiple_choice;
  q.prompt = std::move(prompt);
  q.options = std::move(options);
  q.correct_options = std::move(correct);
  return q;
}

Question short_answer(std::string prompt, std::vector<std::string> accepted) {
  Question q;
  q.kind = QuestionKind::short_answer;
  q.prompt = std::move(prompt);
  q.accepted_answers = std::move(accepted);
  return q;
}

assessments::AssessmentDraft backend_screen() {
  assessments::AssessmentDraft d;
  d.name = "Backend engineering screen";
  d.description = "A short check of HTTP, SQL and concurrency basics for backend candidates.";
  d.time_limit_minutes = 15;
  d.pass_mark = 60;
  d.questions = {
      single("Which HTTP status says the client must slow down?", {"403", "429", "503", "418"}, 1),
      multiple("Which of these are idempotent HTTP methods?", {"GET", "POST", "PUT", "DELETE"}, {0, 2, 3}),
      short_answer("Which SQL keyword removes duplicate rows from a result?",
                   {"DISTINCT", "SELECT DISTINCT"}),
      single("Two threads increment a shared counter without a lock. What can happen?",
             {"Nothing: increments are atomic", "Lost updates", "A deadlock", "A compile error"}, 1),
      short_answer("What does the D in ACID stand for?", {"Durability", "Durable"}),
  };
  return d;
}

assessments::AssessmentDraft javascript_basics() {
  assessments::AssessmentDraft d;
  d.name = "JavaScript fundamentals";
  d.description = "Language basics for front-end candidates.";
  d.time_limit_minutes = 10;
  d.pass_mark = 50;
  d.questions = {
      single("What does typeof null return?", {"\"null\"", "\"object\"", "\"undefined\""}, 1),
      short_answer("Which keyword declares a block-scoped variable that cannot be reassigned?", {"const"}),
      multiple("Which of these are falsy?", {"0", "\"0\"", "\"\"", "[]"}, {0, 2}),
  };
  return d;
}

void seed_assessments(assessments::AssessmentStore& assessments, std::int64_t account_id) {
  for (auto draft : {backend_screen(), javascript_basics()}) {
    auto created = assessments.create(account_id, std::move(draft));
    if (!created) throw std::runtime_error("could not create a demo assessment: " + created.error().message);
  }
}

}  // namespace

void seed_demo(accounts::AccountStore& accounts, assessments::AssessmentStore& assessments) {
  if (accounts.find_account_by_slug("demo")) return;
  auto account = accounts.create_account("demo", "Demo Company");
  if (!account) throw std::runtime_error("could not create the demo account: " + account.error().message);
  accounts.set_addon(account->id, accounts::Addon::api, true);
  auto user = accounts.create_user(account->id, demo_email, "Demo Recruiter", Secret(demo_password));
  if (!user) throw std::runtime_error("could not create the demo user: " + user.error().message);
  seed_assessments(assessments, account->id);
  spdlog::info("seeded the demo account 'demo' with user {} and two assessments", demo_email);
}

std::string demo_sign_in_text(const std::string& base_url) {
  return "Dashboard: " + base_url + "/sign-in\nDemo sign-in: " + demo_email + " / " + demo_password + "\n";
}

}  // namespace pinbridge::app
