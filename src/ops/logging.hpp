#pragma once
// Structured logs: with format "json" every line is one JSON object {"time","level","msg",...};
// event() adds fields of its own (the access log uses it). Secrets never get here: they are
// pinbridge::Secret values, which format as "[redacted]".
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <string>

namespace pinbridge::ops {

// Sets the default spdlog logger: stderr, the given level and format ("json" or "text").
void configure_logging(const std::string& level, const std::string& format);

// Logs msg with extra fields, e.g. event(info, "request", {{"status", 200}}).
void event(spdlog::level::level_enum level, std::string_view msg, const nlohmann::json& fields);

}  // namespace pinbridge::ops
