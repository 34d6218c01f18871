#include "ops/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <chrono>

namespace pinbridge::ops {
namespace {

// Marks a payload that event() already encoded as JSON fields.
constexpr char fields_marker = '\x1e';

class JsonFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(msg.time.time_since_epoch()).count();
    const std::string_view payload(msg.payload.data(), msg.payload.size());
    const auto level = spdlog::level::to_string_view(msg.level);
    nlohmann::json head = {{"time_ms", ms}, {"level", std::string(level.data(), level.size())}};
    std::string line = head.dump();
    line.pop_back();  // reopen the object to append the payload's fields
    if (!payload.empty() && payload.front() == fields_marker) {
      line += ",";
      line += payload.substr(1);
    } else {
      line +=
          ",\"msg\":" +
          nlohmann::json(std::string(payload)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      line += "}";
    }
    line += "\n";
    dest.append(line.data(), line.data() + line.size());
  }
  std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<JsonFormatter>(); }
};

bool json_format = true;

}  // namespace

void configure_logging(const std::string& level, const std::string& format) {
  auto logger =
      std::make_shared<spdlog::logger>("pinbridge", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  json_format = format == "json";
  if (json_format) {
    logger->set_formatter(std::make_unique<JsonFormatter>());
  } else {
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  }
  logger->set_level(spdlog::level::from_str(level));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

void event(spdlog::level::level_enum level, std::string_view msg, const nlohmann::json& fields) {
  if (!spdlog::should_log(level)) return;
  nlohmann::json object = fields;
  object["msg"] = msg;
  const std::string encoded = object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (json_format) {
    // Hand the formatter the fields without the outer braces' opening, marked as pre-encoded.
    spdlog::log(level, "{}{}", fields_marker, std::string_view(encoded).substr(1));
  } else {
    spdlog::log(level, "{}", encoded);
  }
}

}  // namespace pinbridge::ops
