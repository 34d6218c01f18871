#pragma once
// Starts a real child process (the pinbridge binary, a queue probe) for integration tests, with
// its output in files, and stops or kills it.
#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pinbridge::testing {

class ChildProcess {
 public:
  // Runs program with args; environment entries are added to (or replace) this process's.
  ChildProcess(const std::string& program, const std::vector<std::string>& args,
               const std::map<std::string, std::string>& environment, const std::string& output_dir,
               const std::string& standard_input = "");
  ~ChildProcess();  // kills it if still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  void signal(int number);
  // Waits for the exit status; nullopt if it had not exited within the limit.
  std::optional<int> wait_exit(std::chrono::milliseconds limit = std::chrono::seconds(15));
  std::string standard_output() const;
  std::string standard_error() const;

 private:
  pid_t pid_ = -1;
  std::string stdout_path_;
  std::string stderr_path_;
  std::optional<int> exit_status_;
};

// Runs a command to completion and returns {exit status, stdout, stderr}.
struct CommandResult {
  int status = -1;
  std::string out;
  std::string err;
};
CommandResult run_command(const std::string& program, const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& environment,
                          const std::string& output_dir, const std::string& standard_input = "");

// Reads a file's content once it exists and is non-empty (bounded wait); "" on time-out.
std::string wait_for_file(const std::string& path,
                          std::chrono::milliseconds limit = std::chrono::seconds(20));

}  // namespace pinbridge::testing
