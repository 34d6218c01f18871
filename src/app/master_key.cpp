#include "app/master_key.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace pinbridge::app {
namespace {

Result<crypto::SecretBox> from_base64(const std::string& text, const std::string& origin) {
  auto raw = crypto::base64_decode(text);
  if (!raw) return Error::invalid(origin + ": the master key is not valid base64");
  auto box = crypto::SecretBox::from_key(*raw);
  if (!box) return Error::invalid(origin + ": " + box.error().message);
  return box;
}

Result<crypto::SecretBox> create_key_file(const std::filesystem::path& path) {
  std::filesystem::create_directories(path.parent_path());
  const std::string encoded = crypto::base64_encode(crypto::SecretBox::generate_key()) + "\n";
  // O_EXCL: never overwrite a key that another process just wrote.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    return Error::internal("cannot create " + path.string() + ": " + std::system_category().message(errno));
  const bool written = ::write(fd, encoded.data(), encoded.size()) == static_cast<ssize_t>(encoded.size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!written || !synced) return Error::internal("cannot write " + path.string());
  spdlog::warn("generated a new master key at {} (mode 0600); back it up: without it stored secrets are lost",
               path.string());
  return from_base64(encoded.substr(0, encoded.size() - 1), path.string());
}

}  // namespace

Result<crypto::SecretBox> load_master_key(const Config& config) {
  if (!config.master_key.empty()) return from_base64(config.master_key.reveal(), "security.master_key");
  const auto path = std::filesystem::path(config.data_dir) / "master.key";
  if (!std::filesystem::exists(path)) {
    auto created = create_key_file(path);
    // Another process may have created it first: then read theirs.
    if (created || !std::filesystem::exists(path)) return created;
  }
  std::ifstream in(path);
  std::string text;
  std::getline(in, text);
  return from_base64(text, path.string());
}

}  // namespace pinbridge::app
