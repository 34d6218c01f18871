#pragma once
// The files of src/web/assets, built into the binary by cmake/embed_assets.cmake, which generates
// the definition of files().
#include <span>
#include <string_view>

namespace pinbridge::web::embedded {

struct File {
  std::string_view name;     // file name, e.g. "app.css"
  std::string_view content;  // the bytes
  std::string_view sha256;   // hex digest of content, for ETags and cache-busting URLs
};

std::span<const File> files();

}  // namespace pinbridge::web::embedded
