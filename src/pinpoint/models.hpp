#pragma once
// Pinpoint's resources as we use them (pinpoint-api.md "Resources we use"). Ids are numbers here
// whatever form they arrived in; a foreign key Pinpoint left out or sent as null is nullopt.
// Timestamps stay the ISO-8601 text Pinpoint sent: we show and compare them, never compute on them.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace pinbridge::pinpoint {

using Id = std::int64_t;

struct Stage {
  Id id = 0;
  std::string name;
  std::string basic_type;  // applied, review, interview, offer, hired, rejected
  int position = 0;
};

struct Job {
  Id id = 0;
  std::string title;
  std::string status;  // open, closed, archived, draft, ...
  std::optional<Id> hiring_workflow_id;
  std::vector<Stage> stages;  // in workflow order, when fetched with include=stages
};

struct HiringWorkflow {
  Id id = 0;
  std::string name;
  std::vector<Stage> stages;
};

struct Tag {
  std::string name;
  std::string context;
};

struct Application {
  Id id = 0;
  std::string first_name;
  std::string last_name;
  std::string full_name;
  std::string email;
  std::string phone;
  std::optional<Id> candidate_id;
  std::optional<Id> job_id;
  std::optional<Id> stage_id;
  std::string uuid;
  std::string created_at;
  std::string updated_at;
  std::string hired_at;     // "" when not hired
  std::string rejected_at;  // "" when not rejected
  std::string external_system_reference;
  std::vector<Tag> tags;       // only with extra_fields[applications]=tags
  std::optional<Job> job;      // only when included (include=job)
  std::optional<Stage> stage;  // only when included (include=stage)
};

struct Comment {
  Id id = 0;
  std::string body_text;
  std::optional<Id> commentable_id;
  std::string commentable_type;  // "Application"
  std::optional<Id> user_id;
  std::string created_at;
};

struct CandidateAssessment {
  Id id = 0;
  std::optional<Id> application_id;
  std::string assessment_name;
  std::string provider_code;
  std::string external_uid;
  std::string status;  // pending, completed, abandoned, failed, cancelled, archived, not_started
  std::string result;  // the score as text, e.g. "85"
  std::string result_url;
  nlohmann::json result_details;  // null when absent
  std::string created_at;
  std::string updated_at;
};

struct User {
  Id id = 0;
  std::string email;
  std::string first_name;
  std::string last_name;
};

// What we send. Optional fields left empty are not sent, so an update changes only what is set.
struct CandidateAssessmentInput {
  Id application_id = 0;  // required on create; ignored on update
  std::string assessment_name;
  std::string provider_code = "example_assessment";  // the only code API callers may create with
  std::string external_uid;                          // our id, for lookup before create
  std::optional<std::string> status;
  std::optional<std::string> result;
  std::optional<std::string> result_url;
  std::optional<nlohmann::json> result_details;
};

struct TagInput {
  std::string tag;
  std::string context;
};

// Filters of GET /applications; unset ones are not sent.
struct ApplicationFilter {
  std::optional<std::string> candidate_email;
  std::optional<Id> job_id;
  std::optional<Id> stage_id;
  std::optional<Id> candidate_id;
  std::optional<std::string> updated_after;  // ISO-8601; filter[updated_at][gt]
  bool with_tags = false;                    // extra_fields[applications]=tags
};

}  // namespace pinbridge::pinpoint
