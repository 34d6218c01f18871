#pragma once
// JSON:API documents from Pinpoint into the models of models.hpp, with nlohmann-json. Tolerant
// where pinpoint-api.md says Pinpoint may vary (ids as numbers or numeric strings, relationships
// that read {"meta":{"included":false}}, absent or null attributes), strict where a wrong shape
// means we would act on the wrong record (a resource without a usable id or of another type).
// Failures are invalid_input Errors naming what was wrong; the client reports them as bad_response.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "pinpoint/models.hpp"

namespace pinbridge::pinpoint {

// A positive id from 42 or "42"; nullopt for anything else (null, "", "4x", -1, 1.5).
std::optional<Id> parse_id(const nlohmann::json& value);

// The document's "included" resources by (type, id).
class Included {
 public:
  Included() = default;
  explicit Included(const nlohmann::json& document);
  const nlohmann::json* find(const std::string& type, Id id) const;

 private:
  std::map<std::pair<std::string, Id>, const nlohmann::json*> index_;
};

Result<Stage> parse_stage(const nlohmann::json& resource, const Included& included);
Result<Job> parse_job(const nlohmann::json& resource, const Included& included);
Result<HiringWorkflow> parse_hiring_workflow(const nlohmann::json& resource, const Included& included);
Result<Application> parse_application(const nlohmann::json& resource, const Included& included);
Result<Comment> parse_comment(const nlohmann::json& resource, const Included& included);
Result<CandidateAssessment> parse_candidate_assessment(const nlohmann::json& resource,
                                                       const Included& included);
Result<User> parse_user(const nlohmann::json& resource, const Included& included);

template <typename T>
using ResourceParser = Result<T> (*)(const nlohmann::json&, const Included&);

// {"data": {...}} -> T
template <typename T>
Result<T> parse_single(const nlohmann::json& document, ResourceParser<T> parse) {
  if (!document.is_object() || !document.contains("data") || !document["data"].is_object())
    return Error::invalid("the document has no data object");
  return parse(document["data"], Included(document));
}

// {"data": [...]} -> vector<T>
template <typename T>
Result<std::vector<T>> parse_many(const nlohmann::json& document, ResourceParser<T> parse) {
  if (!document.is_object() || !document.contains("data") || !document["data"].is_array())
    return Error::invalid("the document has no data array");
  const Included included(document);
  std::vector<T> out;
  out.reserve(document["data"].size());
  for (const auto& resource : document["data"]) {
    auto item = parse(resource, included);
    if (!item) return item.error();
    out.push_back(std::move(item).value());
  }
  return out;
}

}  // namespace pinbridge::pinpoint
