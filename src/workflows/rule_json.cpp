// The stored form of a rule's settings (workflow_rules.settings), one JSON object per kind:
//
//   send_on_stage  {"job_id": n|null, "stage_id": n|null, "stage_name": "", "job_title": "",
//                   "assessment_id": n, "expiry_days": n|null, "reminder_after_hours": n|null}
//   post_results   {"assessment_id": n|null, "record": bool, "comment": bool, "comment_template": ""}
//   move_on_result {"assessment_id": n,
//                   "bands": [{"combine": "all"|"any",
//                              "conditions": [{"kind": "score_at_least", "value": 80}, {"kind": "passed"}],
//                              "stage_name": "", "tags": [""]}]}
//   on_expiry      {"assessment_id": n|null, "stage_name": "", "comment_template": ""}
//
// "value" is written for the two score kinds only. Reading is strict, because the same parser
// reads what the builder and the API send: an unknown field, a wrong type or an unknown kind is
// Error::invalid naming the field by its JSON path ("bands[1].conditions[0].kind"). A missing
// field takes the struct's default, except assessment_id where it is required, bands, and a
// condition's kind and score value. Ranges are validate()'s job, not the parser's.
#include <algorithm>
#include <limits>
#include <optional>
#include <string>

#include "workflows/rules.hpp"

namespace pinbridge::workflows {
namespace {

using nlohmann::json;

// Reads the fields of one JSON object, keeping the first problem in `error` (shared by the
// readers of nested objects) so that the parsers read straight through without early returns.
class FieldReader {
 public:
  FieldReader(const json& object, std::string path, std::initializer_list<std::string_view> known,
              std::optional<Error>& error)
      : object_(object), path_(std::move(path)), error_(error) {
    if (!object_.is_object()) {
      fail((path_.empty() ? std::string("settings") : path_) + " must be a JSON object");
      return;
    }
    for (const auto& item : object_.items()) {
      if (std::find(known.begin(), known.end(), item.key()) == known.end())
        fail("unknown field " + name(item.key()));
    }
  }

  std::string name(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

  void fail(std::string message) {
    if (!error_) error_ = Error::invalid(std::move(message));
  }

  // null, or missing: nullopt.
  std::optional<std::int64_t> optional_integer(std::string_view key) {
    const json* value = find(key);
    if (!value || value->is_null()) return std::nullopt;
    return integer_of(*value, key, " must be an integer or null");
  }

  std::int64_t required_integer(std::string_view key) {
    const json* value = find(key);
    if (!value) {
      fail(name(key) + " is required");
      return 0;
    }
    return integer_of(*value, key, " must be an integer");
  }

  // An integer that fits an int (day and hour counts, score thresholds).
  std::optional<int> optional_small(std::string_view key) {
    const auto value = optional_integer(key);
    if (!value) return std::nullopt;
    return narrow(*value, key);
  }

  std::string text(std::string_view key, std::string_view fallback = {}) {
    const json* value = find(key);
    if (!value) return std::string(fallback);
    if (!value->is_string()) {
      fail(name(key) + " must be a string");
      return std::string(fallback);
    }
    return value->get<std::string>();
  }

  bool boolean(std::string_view key, bool fallback) {
    const json* value = find(key);
    if (!value) return fallback;
    if (!value->is_boolean()) {
      fail(name(key) + " must be true or false");
      return fallback;
    }
    return value->get<bool>();
  }

  // The array, or nullptr when it is missing (a problem when required) or not an array.
  const json* array(std::string_view key, bool required) {
    const json* value = find(key);
    if (!value) {
      if (required) fail(name(key) + " is required");
      return nullptr;
    }
    if (!value->is_array()) {
      fail(name(key) + " must be an array");
      return nullptr;
    }
    return value;
  }

  int narrow(std::int64_t value, std::string_view key) {
    if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
      fail(name(key) + " is out of range");
      return 0;
    }
    return static_cast<int>(value);
  }

 private:
  const json* find(std::string_view key) const {
    if (!object_.is_object()) return nullptr;
    const auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
  }

  std::int64_t integer_of(const json& value, std::string_view key, const char* expected) {
    if (!value.is_number_integer()) {
      fail(name(key) + expected);
      return 0;
    }
    // Unsigned values past int64's range would wrap.
    if (value.is_number_unsigned() && value.get<std::uint64_t>() > std::numeric_limits<std::int64_t>::max()) {
      fail(name(key) + " is out of range");
      return 0;
    }
    return value.get<std::int64_t>();
  }

  const json& object_;
  std::string path_;
  std::optional<Error>& error_;
};

json optional_json(const std::optional<std::int64_t>& value) {
  return value ? json(*value) : json(nullptr);
}
json optional_json(const std::optional<int>& value) {
  return value ? json(*value) : json(nullptr);
}

bool has_value(ConditionKind kind) {
  return kind == ConditionKind::score_at_least || kind == ConditionKind::score_below;
}

json band_json(const Band& band) {
  json conditions = json::array();
  for (const auto& condition : band.conditions) {
    json c{{"kind", condition_kind_name(condition.kind)}};
    if (has_value(condition.kind)) c["value"] = condition.value;
    conditions.push_back(std::move(c));
  }
  return {{"combine", band.combine == Combine::all ? "all" : "any"},
          {"conditions", std::move(conditions)},
          {"stage_name", band.stage_name},
          {"tags", band.tags}};
}

struct ToJson {
  json operator()(const SendOnStage& s) const {
    return {{"job_id", optional_json(s.stage.job_id)},
            {"stage_id", optional_json(s.stage.stage_id)},
            {"stage_name", s.stage.stage_name},
            {"job_title", s.stage.job_title},
            {"assessment_id", s.assessment_id},
            {"expiry_days", optional_json(s.expiry_days)},
            {"reminder_after_hours", optional_json(s.reminder_after_hours)}};
  }
  json operator()(const PostResults& s) const {
    return {{"assessment_id", optional_json(s.assessment_id)},
            {"record", s.record},
            {"comment", s.comment},
            {"comment_template", s.comment_template}};
  }
  json operator()(const MoveOnResult& s) const {
    json bands = json::array();
    for (const auto& band : s.bands) bands.push_back(band_json(band));
    return {{"assessment_id", s.assessment_id}, {"bands", std::move(bands)}};
  }
  json operator()(const OnExpiry& s) const {
    return {{"assessment_id", optional_json(s.assessment_id)},
            {"stage_name", s.stage_name},
            {"comment_template", s.comment_template}};
  }
};

std::string indexed(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

Condition read_condition(const json& j, const std::string& path, std::optional<Error>& error) {
  FieldReader r(j, path, {"kind", "value"}, error);
  Condition condition;
  const std::string kind = r.text("kind");
  const auto parsed = parse_condition_kind(kind);
  if (!parsed) {
    r.fail(r.name("kind") + ": unknown condition \"" + kind +
           "\" (score_at_least, score_below, passed, failed, integrity_flagged, integrity_clean)");
    return condition;
  }
  condition.kind = *parsed;
  if (has_value(condition.kind)) {
    condition.value = r.narrow(r.required_integer("value"), "value");
  } else {
    // The pass/fail and integrity kinds have no threshold; a value there is type-checked and dropped.
    (void)r.optional_integer("value");
  }
  return condition;
}

Band read_band(const json& j, const std::string& path, std::optional<Error>& error) {
  FieldReader r(j, path, {"combine", "conditions", "stage_name", "tags"}, error);
  Band band;
  const std::string combine = r.text("combine");
  if (combine == "any") {
    band.combine = Combine::any;
  } else if (combine != "all" && !combine.empty()) {
    r.fail(r.name("combine") + " must be \"all\" or \"any\"");
  }
  if (const json* conditions = r.array("conditions", true)) {
    for (std::size_t i = 0; i < conditions->size(); ++i)
      band.conditions.push_back(read_condition((*conditions)[i], indexed(r.name("conditions"), i), error));
  }
  band.stage_name = r.text("stage_name");
  if (const json* tags = r.array("tags", false)) {
    for (std::size_t i = 0; i < tags->size(); ++i) {
      if (!(*tags)[i].is_string()) r.fail(indexed(r.name("tags"), i) + " must be a string");
      if ((*tags)[i].is_string()) band.tags.push_back((*tags)[i].get<std::string>());
    }
  }
  return band;
}

RuleSettings read_settings(RuleKind kind, const json& j, std::optional<Error>& error) {
  switch (kind) {
    case RuleKind::send_on_stage: {
      FieldReader r(j, "",
                    {"job_id", "stage_id", "stage_name", "job_title", "assessment_id", "expiry_days",
                     "reminder_after_hours"},
                    error);
      SendOnStage s;
      s.stage = {r.optional_integer("job_id"), r.optional_integer("stage_id"), r.text("stage_name"),
                 r.text("job_title")};
      s.assessment_id = r.required_integer("assessment_id");
      s.expiry_days = r.optional_small("expiry_days");
      s.reminder_after_hours = r.optional_small("reminder_after_hours");
      return s;
    }
    case RuleKind::post_results: {
      FieldReader r(j, "", {"assessment_id", "record", "comment", "comment_template"}, error);
      PostResults s;
      s.assessment_id = r.optional_integer("assessment_id");
      s.record = r.boolean("record", s.record);
      s.comment = r.boolean("comment", s.comment);
      s.comment_template = r.text("comment_template", s.comment_template);
      return s;
    }
    case RuleKind::move_on_result: {
      FieldReader r(j, "", {"assessment_id", "bands"}, error);
      MoveOnResult s;
      s.assessment_id = r.required_integer("assessment_id");
      if (const json* bands = r.array("bands", true)) {
        for (std::size_t i = 0; i < bands->size(); ++i)
          s.bands.push_back(read_band((*bands)[i], indexed("bands", i), error));
      }
      return s;
    }
    case RuleKind::on_expiry: {
      FieldReader r(j, "", {"assessment_id", "stage_name", "comment_template"}, error);
      return OnExpiry{r.optional_integer("assessment_id"), r.text("stage_name"), r.text("comment_template")};
    }
  }
  return SendOnStage{};
}

}  // namespace

json settings_to_json(const RuleSettings& settings) {
  return std::visit(ToJson{}, settings);
}

Result<RuleSettings> settings_from_json(RuleKind kind, const json& object) {
  std::optional<Error> error;
  RuleSettings settings = read_settings(kind, object, error);
  if (error) return *error;
  return settings;
}

}  // namespace pinbridge::workflows
