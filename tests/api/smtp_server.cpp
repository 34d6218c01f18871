#include "smtp_server.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

namespace pinbridge::testing {
namespace {

constexpr const char* script = R"py(
import email, json, os, socket, sys, time
from email import policy
from aiosmtpd.controller import Controller

out = sys.argv[1]

class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith('reject'):
            return '550 5.1.1 Mailbox unavailable'
        envelope.rcpt_tos.append(address)
        return '250 OK'

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        msg = email.message_from_bytes(raw, policy=policy.default)
        n = len([f for f in os.listdir(out) if f.endswith('.json')])
        record = {'mail_from': envelope.mail_from, 'rcpt_tos': envelope.rcpt_tos,
                  'raw': raw.decode('utf-8', 'replace'),
                  'headers': {k: str(v) for k, v in msg.items()}, 'body': msg.get_content()}
        with open(os.path.join(out, '%d.tmp' % n), 'w') as f:
            json.dump(record, f)
        os.rename(os.path.join(out, '%d.tmp' % n), os.path.join(out, '%d.json' % n))
        return '250 Message accepted'

s = socket.socket()
s.bind(('127.0.0.1', 0))
port = s.getsockname()[1]
s.close()
controller = Controller(Handler(), hostname='127.0.0.1', port=port)
controller.start()
with open(os.path.join(out, 'port.tmp'), 'w') as f:
    f.write(str(port))
os.rename(os.path.join(out, 'port.tmp'), os.path.join(out, 'port'))
while True:
    time.sleep(3600)
)py";

}  // namespace

SmtpServer::SmtpServer() {
  const std::string path = dir_.path() + "/smtp_server.py";
  std::ofstream(path) << script;
  process_ = std::make_unique<ChildProcess>("/usr/bin/python3", std::vector<std::string>{path, dir_.path()},
                                            std::map<std::string, std::string>{}, dir_.path());
  const auto port = wait_for_file(dir_.path() + "/port");
  if (port.empty()) throw std::runtime_error("aiosmtpd did not start: " + process_->standard_error());
  port_ = std::stoi(port);
}

nlohmann::json SmtpServer::message(int n) const {
  const auto text = wait_for_file(dir_.path() + "/" + std::to_string(n) + ".json", std::chrono::seconds(5));
  return text.empty() ? nlohmann::json() : nlohmann::json::parse(text);
}

int closed_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);  // nothing listens there now
  return ntohs(address.sin_port);
}

}  // namespace pinbridge::testing
