#include "sim/jsonapi.hpp"

#include <fmt/format.h>

#include <charconv>
#include <ctime>

namespace pinbridge::sim {
namespace {

struct ErrorKind {
  int status;
  std::string_view code;
  std::string_view title;
};

constexpr ErrorKind error_kinds[] = {
    {400, "bad_request", "Bad Request"},
    {401, "unauthorized", "Unauthorized"},
    {403, "forbidden", "Forbidden"},
    {404, "not_found", "Not Found"},
    {422, "unprocessable_entity", "Validation Error"},
    {429, "too_many_requests", "Too Many Requests"},
    {500, "internal_server_error", "Internal Server Error"},
    {502, "bad_gateway", "Bad Gateway"},
    {503, "service_unavailable", "Service Unavailable"},
};

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

Result<void> parse_page(std::string_view key, const std::string& value, ListQuery& out) {
  const auto number = parse_int(value);
  if (key == "page[number]") {
    if (!number || *number < 1) return Error::invalid("page[number] must be a positive integer");
    out.page_number = *number;
  } else {
    if (!number || *number < 1 || *number > max_page_size)
      return Error::invalid(fmt::format("page[size] must be between 1 and {}", max_page_size));
    out.page_size = *number;
  }
  return {};
}

// filter[attr]=v or filter[attr][op]=v
Result<void> parse_filter(std::string_view key, const std::string& value, ListQuery& out) {
  const auto inner = key.substr(7);  // after "filter["
  const auto close = inner.find(']');
  if (close == std::string_view::npos || close == 0) return Error::invalid(fmt::format("malformed {}", key));
  Filter filter{std::string(inner.substr(0, close)), "eq", value};
  const auto rest = inner.substr(close + 1);
  if (!rest.empty()) {
    if (rest.size() < 3 || rest.front() != '[' || rest.back() != ']')
      return Error::invalid(fmt::format("malformed {}", key));
    filter.op = std::string(rest.substr(1, rest.size() - 2));
    if (filter.op != "gt" && filter.op != "gte" && filter.op != "lt" && filter.op != "lte" &&
        filter.op != "eq")
      return Error::invalid(fmt::format("unknown filter operator {}", filter.op));
  }
  out.filters.push_back(std::move(filter));
  return {};
}

// fields[type]=a,b or extra_fields[type]=a,b
Result<void> parse_type_list(std::string_view key, std::size_t prefix, const std::string& value,
                             std::map<std::string, std::set<std::string>>& out) {
  if (key.size() <= prefix + 1 || key.back() != ']') return Error::invalid(fmt::format("malformed {}", key));
  auto& set = out[std::string(key.substr(prefix, key.size() - prefix - 1))];
  for (auto& name : split(value, ',')) set.insert(std::move(name));
  return {};
}

Result<void> parse_sort(const std::string& value, ListQuery& out) {
  const bool descending = value.starts_with('-');
  const std::string attribute = descending ? value.substr(1) : value;
  if (attribute != "id" && attribute != "created_at" && attribute != "updated_at")
    return Error::invalid(fmt::format("sort by {} is not supported (id, created_at, updated_at)", attribute));
  out.sort = attribute;
  out.descending = descending;
  return {};
}

Result<void> parse_parameter(std::string_view key, const std::string& value, ListQuery& out) {
  if (key == "page[number]" || key == "page[size]") return parse_page(key, value, out);
  if (key == "stats[total]") {
    if (value != "count") return Error::invalid("stats[total] supports only count");
    out.stats_total = true;
    return {};
  }
  if (key.starts_with("filter[")) return parse_filter(key, value, out);
  if (key.starts_with("fields[")) return parse_type_list(key, 7, value, out.fields);
  if (key.starts_with("extra_fields[")) return parse_type_list(key, 13, value, out.extra_fields);
  if (key == "include") {
    out.include = split(value, ',');
    return {};
  }
  if (key == "sort") return parse_sort(value, out);
  return Error::invalid(fmt::format("unknown query parameter {}", key));
}

}  // namespace

nlohmann::json error_document(int status, std::string_view detail) {
  ErrorKind kind{status, "error", "Error"};
  for (const auto& candidate : error_kinds)
    if (candidate.status == status) kind = candidate;
  return {{"errors", nlohmann::json::array({{{"code", kind.code},
                                             {"detail", detail},
                                             {"status", std::to_string(status)},
                                             {"title", kind.title}}})}};
}

http::Response document_response(int status, const nlohmann::json& document) {
  auto response = http::Response::json(status, document);
  response.headers["Content-Type"] = std::string(jsonapi_media_type);
  return response;
}

http::Response error_response(int status, std::string_view detail) {
  return document_response(status, error_document(status, detail));
}

Result<ListQuery> parse_list_query(const std::map<std::string, std::string>& query) {
  ListQuery out;
  for (const auto& [key, value] : query)
    if (auto parsed = parse_parameter(key, value, out); !parsed) return parsed.error();
  return out;
}

std::string iso_time(std::int64_t unix_ms) {
  const std::time_t seconds = unix_ms / 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
  return fmt::format("{}.{:03}+00:00", buffer, unix_ms % 1000);
}

std::optional<std::int64_t> parse_time(std::string_view text) {
  if (!text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos) {
    std::int64_t seconds = 0;
    std::from_chars(text.data(), text.data() + text.size(), seconds);
    return seconds * 1000;
  }
  std::tm tm{};
  int offset_h = 0;
  int offset_m = 0;
  const std::string copy(text);
  const char* rest = strptime(copy.c_str(), "%Y-%m-%d", &tm);
  if (rest == nullptr) return std::nullopt;
  if (*rest == 'T' || *rest == ' ') {
    rest = strptime(rest + 1, "%H:%M:%S", &tm);
    if (rest == nullptr) return std::nullopt;
  }
  std::int64_t millis = 0;
  if (*rest == '.') {
    int digits = 0;
    for (++rest; *rest >= '0' && *rest <= '9'; ++rest, ++digits)
      if (digits < 3) millis = millis * 10 + (*rest - '0');
    for (; digits < 3; ++digits) millis *= 10;
  }
  int sign = 0;
  if (*rest == '+' || *rest == '-') {
    sign = *rest == '+' ? 1 : -1;
    if (std::sscanf(rest + 1, "%2d:%2d", &offset_h, &offset_m) < 1) return std::nullopt;  // NOLINT
  } else if (*rest != 'Z' && *rest != '\0') {
    return std::nullopt;
  }
  const std::int64_t utc_seconds = timegm(&tm) - std::int64_t{sign} * (offset_h * 3600 + offset_m * 60);
  return utc_seconds * 1000 + millis;
}

std::optional<std::int64_t> id_from_text(std::string_view text) {
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || value <= 0) return std::nullopt;
  return value;
}

std::optional<std::int64_t> id_from_json(const nlohmann::json& value) {
  if (value.is_number_integer() && value.get<std::int64_t>() > 0) return value.get<std::int64_t>();
  if (value.is_string()) return id_from_text(value.get<std::string>());
  return std::nullopt;
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto at = text.find(separator);
    const auto part = text.substr(0, at);
    if (!part.empty()) out.emplace_back(part);
    if (at == std::string_view::npos) break;
    text.remove_prefix(at + 1);
  }
  return out;
}

}  // namespace pinbridge::sim
