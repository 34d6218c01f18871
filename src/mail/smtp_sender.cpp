#include "mail/smtp_sender.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <cstring>
#include <memory>
#include <mutex>

#include "core/crypto.hpp"

namespace pinbridge::mail {
namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

// libcurl pulls the message body through this callback during DATA.
struct Upload {
  std::string_view data;
  std::size_t offset = 0;
};

std::size_t read_body(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto& upload = *static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload.data.size() - upload.offset);
  std::memcpy(buffer, upload.data.data() + upload.offset, n);
  upload.offset += n;
  return n;
}

void set_connection(CURL* curl, const SmtpSettings& settings) {
  curl_easy_setopt(curl, CURLOPT_URL, settings.url.c_str());
  if (settings.url.starts_with("smtp://"))
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  if (!settings.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, settings.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, settings.password.reveal().c_str());
  }
  const auto timeout_ms = static_cast<long>(std::chrono::milliseconds(settings.timeout).count());
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
}

SmtpFailure failure_from(CURL* curl, CURLcode code, const char* detail) {
  long reply = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
  SmtpFailure failure;
  failure.smtp_code = static_cast<int>(reply);
  failure.permanent = reply >= 500 && reply < 600;
  const std::string text = detail[0] != '\0' ? detail : curl_easy_strerror(code);
  failure.message = reply > 0 ? fmt::format("SMTP {}: {}", reply, text) : fmt::format("SMTP: {}", text);
  return failure;
}

}  // namespace

SmtpSender::SmtpSender(SmtpSettings settings) : settings_(std::move(settings)) {
  global_init();
}

std::string SmtpSender::new_message_id() const {
  const std::string from = envelope_address(settings_.from);
  const auto at = from.rfind('@');
  const std::string domain = at == std::string::npos ? "pinbridge.invalid" : from.substr(at + 1);
  return crypto::random_token(18) + "@" + domain;
}

std::optional<SmtpFailure> SmtpSender::send(const MailMessage& message, std::string_view rendered) const {
  const std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return SmtpFailure{"SMTP: could not start libcurl", false, 0};
  set_connection(curl.get(), settings_);
  const std::string from = "<" + envelope_address(settings_.from) + ">";
  const std::string to = "<" + message.to_address + ">";
  const std::unique_ptr<curl_slist, SlistDeleter> recipients(curl_slist_append(nullptr, to.c_str()));
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_RCPT, recipients.get());
  Upload upload{rendered};
  curl_easy_setopt(curl.get(), CURLOPT_READFUNCTION, read_body);
  curl_easy_setopt(curl.get(), CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl.get(), CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(rendered.size()));
  char detail[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, detail);
  const CURLcode code = curl_easy_perform(curl.get());
  if (code == CURLE_OK) return std::nullopt;
  return failure_from(curl.get(), code, detail);
}

}  // namespace pinbridge::mail
