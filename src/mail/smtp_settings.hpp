#pragma once
// Where candidate email goes. An empty url means no SMTP: email stays in the outbox.
#include <chrono>
#include <string>

#include "core/secret.hpp"

namespace pinbridge::mail {

struct SmtpSettings {
  std::string url;  // smtp://host:port (STARTTLS when offered) or smtps://host:port
  std::string username;
  Secret password;
  std::string from = "Pinbridge <no-reply@pinbridge.invalid>";
  std::chrono::seconds timeout{20};
  bool configured() const { return !url.empty(); }
};

}  // namespace pinbridge::mail
