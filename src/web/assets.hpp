#pragma once
// Static files (CSS, JS) served from the copies built into the binary.
#include <string>
#include <string_view>

#include "web/embedded_assets.hpp"

namespace pinbridge::web {

const embedded::File* find_asset(std::string_view name);

// The URL pages link to: "/assets/app.css?v=<digest prefix>". The version changes with the
// content, so browsers may keep a versioned URL for a year and still never see a stale file.
std::string asset_url(std::string_view name);

// "text/css; charset=utf-8" and so on, by file extension.
std::string_view asset_content_type(std::string_view name);

}  // namespace pinbridge::web
