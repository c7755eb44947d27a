#pragma once
// Child processes for the integration harness: fork/execve with a chosen environment, stdout
// and stderr appended to a log file, optionally dropped to an unprivileged user, and killed
// by the kernel if the test binary dies (PR_SET_PDEATHSIG).

#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace attain::itest {

// How a child ended: exited with a code, or was terminated by a signal.
struct ExitStatus {
  bool exited = false;
  int code = -1;    // valid when exited
  int signal = 0;   // valid when !exited
  bool Success() const { return exited && code == 0; }
  std::string ToString() const;  // "exit 0" / "signal 9 (Killed)"
};

struct RunAs {
  uid_t uid = 0;
  gid_t gid = 0;
};

struct ProcessSpec {
  std::vector<std::string> argv;             // argv[0] is looked up in PATH unless it has a '/'
  std::map<std::string, std::string> env;    // set on top of the inherited environment
  std::string log_path;                      // stdout+stderr appended here; required
  std::optional<RunAs> run_as;               // drop to this user before execve (needs root)
};

class Process {
 public:
  static absl::StatusOr<Process> Spawn(const ProcessSpec& spec);

  Process() = default;
  Process(Process&& other) noexcept;
  Process& operator=(Process&& other) noexcept;
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  // Kills (SIGKILL) and reaps a child that is still running.
  ~Process();

  pid_t pid() const { return pid_; }
  const std::string& log_path() const { return log_path_; }
  // True until the child has been reaped.
  bool Running();
  bool Signal(int signal) const;
  // Waits until the child exits or `timeout` passes (nullopt then; the child keeps running).
  std::optional<ExitStatus> WaitFor(std::chrono::milliseconds timeout);
  // Sends `signal`, waits up to `timeout`, then SIGKILLs. Returns how the child ended.
  ExitStatus Stop(int signal, std::chrono::milliseconds timeout);
  // The status once reaped.
  const std::optional<ExitStatus>& exit_status() const { return exit_status_; }

 private:
  bool Reap(bool block);

  pid_t pid_ = -1;
  std::string log_path_;
  std::optional<ExitStatus> exit_status_;
};

// Runs a command to completion. OK only on exit 0 within `timeout`; the error names the
// command, how it ended, and the tail of its output. On success returns the whole output.
absl::StatusOr<std::string> RunCommand(const ProcessSpec& spec, std::chrono::milliseconds timeout);

// The last `lines` lines of a file ("" if it cannot be read).
std::string TailOfFile(const std::string& path, int lines);

// The whole file ("" if it cannot be read).
std::string ReadFile(const std::string& path);

}  // namespace attain::itest
