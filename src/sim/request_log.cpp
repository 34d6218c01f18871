#include "sim/request_log.hpp"

namespace pinbridge::sim {

void RequestLog::add(RequestEntry entry) {
  std::lock_guard lock(mutex_);
  entries_.emplace_back(next_seq_++, std::move(entry));
  while (entries_.size() > capacity_) entries_.pop_front();
}

nlohmann::json RequestLog::to_json(std::size_t since) const {
  std::lock_guard lock(mutex_);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [seq, e] : entries_) {
    if (seq < since) continue;
    out.push_back({{"seq", seq},
                   {"at_ms", e.at_ms},
                   {"method", e.method},
                   {"path", e.target},
                   {"company_id", e.company_id ? nlohmann::json(*e.company_id) : nlohmann::json(nullptr)},
                   {"key_id", e.key_id ? nlohmann::json(*e.key_id) : nlohmann::json(nullptr)},
                   {"key_prefix", e.key_prefix},
                   {"status", e.status}});
  }
  return out;
}

void RequestLog::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
}

}  // namespace pinbridge::sim
