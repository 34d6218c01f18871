#include "web/assets.hpp"

#include <array>
#include <utility>

#include "web/routes.hpp"
#include "web/security.hpp"

namespace pinbridge::web {
namespace {

constexpr std::size_t version_length = 12;

std::string_view extension(std::string_view name) {
  const auto dot = name.rfind('.');
  return dot == std::string_view::npos ? std::string_view{} : name.substr(dot + 1);
}

std::string_view version_of(const embedded::File& file) {
  return file.sha256.substr(0, version_length);
}

http::Response serve_asset(const http::Request& request) {
  const embedded::File* file = find_asset(request.path_param("name"));
  if (!file) {
    auto missing = http::Response::error(ErrorCode::not_found, "no such asset", request.request_id);
    add_security_headers(missing);
    return missing;
  }
  const std::string etag = "\"" + std::string(file->sha256) + "\"";
  const auto query_version = request.query.find("v");
  const bool versioned = query_version != request.query.end() && query_version->second == version_of(*file);
  http::Response response;
  if (request.header("If-None-Match") == etag) {
    response.status = 304;
  } else {
    response =
        http::Response::text(200, std::string(file->content), std::string(asset_content_type(file->name)));
  }
  response.header("ETag", etag);
  // An unversioned URL may change under the same name, so the browser must ask again each time
  // (cheap: the ETag makes the answer a bodiless 304).
  response.header("Cache-Control", versioned ? "public, max-age=31536000, immutable" : "no-cache");
  add_security_headers(response, Caching::allowed);
  return response;
}

}  // namespace

const embedded::File* find_asset(std::string_view name) {
  for (const auto& file : embedded::files()) {
    if (file.name == name) return &file;
  }
  return nullptr;
}

std::string asset_url(std::string_view name) {
  const embedded::File* file = find_asset(name);
  std::string url = "/assets/" + std::string(name);
  if (file) url += "?v=" + std::string(version_of(*file));
  return url;
}

std::string_view asset_content_type(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> types{{
      {"css", "text/css; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"ico", "image/x-icon"},
      {"woff2", "font/woff2"},
      {"txt", "text/plain; charset=utf-8"},
      {"json", "application/json"},
  }};
  for (const auto& [ext, type] : types) {
    if (ext == extension(name)) return type;
  }
  return "application/octet-stream";
}

void add_asset_routes(http::Router& router) {
  router.get("/assets/{name}", serve_asset);
}

}  // namespace pinbridge::web
