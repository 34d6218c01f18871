#pragma once
// JSON:API vocabulary of the Pinpoint API: error documents exactly as pinpoint-api.md shows them,
// list query parsing (page, stats, filter, include, fields, extra_fields, sort), timestamps and
// the id rules (ids are strings in resource objects; foreign keys in input may be numbers or
// numeric strings).
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "http/message.hpp"

namespace pinbridge::sim {

inline constexpr std::string_view jsonapi_media_type = "application/vnd.api+json";
inline constexpr int default_page_size = 100;
inline constexpr int max_page_size = 1000;

// {"errors":[{"code","detail","status":"<string>","title"}]} with code and title from the status.
nlohmann::json error_document(int status, std::string_view detail);
http::Response error_response(int status, std::string_view detail);
http::Response document_response(int status, const nlohmann::json& document);

struct Filter {
  std::string attribute;  // as written in filter[attribute]
  std::string op;         // eq, gt, gte, lt, lte
  std::string value;
};

struct ListQuery {
  int page_number = 1;
  int page_size = default_page_size;
  bool stats_total = false;
  std::vector<Filter> filters;
  std::vector<std::string> include;                           // relationship paths, e.g. "job.stages"
  std::map<std::string, std::set<std::string>> fields;        // type -> attributes to keep
  std::map<std::string, std::set<std::string>> extra_fields;  // type -> costly attributes to add
  std::string sort = "id";                                    // attribute
  bool descending = false;
};

// Parses the query parameters of a list or single-resource request; unknown or malformed
// parameters are an invalid_input Error (answered 400 bad_request).
Result<ListQuery> parse_list_query(const std::map<std::string, std::string>& query);

// ISO-8601 with offset, e.g. "2024-05-01T10:00:00.000+00:00".
std::string iso_time(std::int64_t unix_ms);
// Parses ISO-8601 dates/times ("2024-05-01", "2024-05-01T10:00:00Z", "...+02:00") or unix seconds.
std::optional<std::int64_t> parse_time(std::string_view text);

// An id from JSON input: a positive integer or a string of digits.
std::optional<std::int64_t> id_from_json(const nlohmann::json& value);
std::optional<std::int64_t> id_from_text(std::string_view text);
std::vector<std::string> split(std::string_view text, char separator);

}  // namespace pinbridge::sim
