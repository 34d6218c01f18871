#pragma once
// The log of every request the simulated API received, for test assertions through /_sim/.
// In memory and bounded (the oldest entries go first): it records traffic, not state, so it
// does not need the database's durability and must not slow the API down.
#include <cstdint>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace pinbridge::sim {

struct RequestEntry {
  std::int64_t at_ms = 0;
  std::string method;
  std::string target;  // path and query as received
  std::optional<std::int64_t> company_id;
  std::optional<std::int64_t> key_id;
  std::string key_prefix;  // never the key itself
  int status = 0;          // 0: the connection was dropped
};

class RequestLog {
 public:
  explicit RequestLog(std::size_t capacity = 100'000) : capacity_(capacity) {}
  void add(RequestEntry entry);
  nlohmann::json to_json(std::size_t since = 0) const;  // entries with seq >= since
  void clear();

 private:
  mutable std::mutex mutex_;
  std::size_t capacity_;
  std::size_t next_seq_ = 1;
  std::deque<std::pair<std::size_t, RequestEntry>> entries_;
};

}  // namespace pinbridge::sim
