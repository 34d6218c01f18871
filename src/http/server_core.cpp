#include "http/server_core.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>

namespace pinbridge::http::detail {

ServerCore::ServerCore(ServerSettings settings, Router router, RequestObserver observer)
    : settings_(std::move(settings)),
      router_(std::move(router)),
      observer_(std::move(observer)),
      io_(std::max(1, settings_.io_threads)),
      handler_pool_(static_cast<std::size_t>(std::max(1, settings_.handler_threads))) {}

void ServerCore::begin_request() {
  std::lock_guard lock(in_flight_mutex_);
  ++in_flight_;
}

void ServerCore::end_request() {
  std::lock_guard lock(in_flight_mutex_);
  if (--in_flight_ == 0) idle_.notify_all();
}

bool ServerCore::wait_until_idle(std::chrono::milliseconds timeout) {
  std::unique_lock lock(in_flight_mutex_);
  return idle_.wait_for(lock, timeout, [this] { return in_flight_ == 0; });
}

void ServerCore::add_session(Session* key, std::weak_ptr<Session> session) {
  std::lock_guard lock(sessions_mutex_);
  sessions_.emplace(key, std::move(session));
}

void ServerCore::remove_session(Session* key) {
  std::lock_guard lock(sessions_mutex_);
  sessions_.erase(key);
}

std::vector<std::shared_ptr<Session>> ServerCore::sessions() {
  std::lock_guard lock(sessions_mutex_);
  std::vector<std::shared_ptr<Session>> alive;
  alive.reserve(sessions_.size());
  for (const auto& [key, weak] : sessions_) {
    if (auto session = weak.lock()) alive.push_back(std::move(session));
  }
  return alive;
}

void ServerCore::observe(const RequestRecord& record) const noexcept {
  if (!observer_) return;
  try {
    observer_(record);
  } catch (const std::exception& e) {
    spdlog::error("request_id={} request observer failed: {}", record.request.request_id, e.what());
  } catch (...) {
    spdlog::error("request_id={} request observer failed", record.request.request_id);
  }
}

}  // namespace pinbridge::http::detail
