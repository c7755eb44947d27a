#include "tests/integration/harness/process.h"

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

extern char** environ;

namespace attain::itest {
namespace {

// Resolves argv[0] before fork: the child may only call async-signal-safe functions.
std::string ResolveExecutable(const std::string& name) {
  if (name.find('/') != std::string::npos) return name;
  const char* path = getenv("PATH");
  std::stringstream dirs(path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    std::string candidate = absl::StrCat(dir.empty() ? "." : dir, "/", name);
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return name;
}

// The inherited environment without ATTAIN_* (a developer's settings must not leak into the
// services under test), then `overrides`.
std::vector<std::string> BuildEnvironment(const std::map<std::string, std::string>& overrides) {
  std::map<std::string, std::string> merged;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    size_t eq = entry.find('=');
    if (eq == std::string::npos) continue;
    std::string key = entry.substr(0, eq);
    if (key.rfind("ATTAIN_", 0) == 0) continue;
    merged[key] = entry.substr(eq + 1);
  }
  for (const auto& [key, value] : overrides) merged[key] = value;
  std::vector<std::string> out;
  out.reserve(merged.size());
  for (const auto& [key, value] : merged) out.push_back(absl::StrCat(key, "=", value));
  return out;
}

std::vector<char*> CStrings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

[[noreturn]] void ChildFail(int log_fd, const char* what) {
  // write(2) only: we are between fork and exec.
  const char* err = strerror(errno);
  (void)!write(log_fd, "harness: ", 9);
  (void)!write(log_fd, what, strlen(what));
  (void)!write(log_fd, ": ", 2);
  (void)!write(log_fd, err, strlen(err));
  (void)!write(log_fd, "\n", 1);
  _exit(127);
}

}  // namespace

std::string ExitStatus::ToString() const {
  if (exited) return absl::StrCat("exit ", code);
  return absl::StrCat("signal ", signal, " (", strsignal(signal), ")");
}

absl::StatusOr<Process> Process::Spawn(const ProcessSpec& spec) {
  if (spec.argv.empty()) return absl::InvalidArgumentError("empty argv");
  if (spec.log_path.empty()) return absl::InvalidArgumentError("log_path is required");
  std::vector<std::string> argv = spec.argv;
  argv[0] = ResolveExecutable(argv[0]);
  std::vector<std::string> envp = BuildEnvironment(spec.env);
  std::vector<char*> c_argv = CStrings(argv);
  std::vector<char*> c_envp = CStrings(envp);

  int log_fd = open(spec.log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) {
    return absl::InternalError(absl::StrCat("open ", spec.log_path, ": ", strerror(errno)));
  }
  if (spec.run_as.has_value() && fchown(log_fd, spec.run_as->uid, spec.run_as->gid) != 0) {
    close(log_fd);
    return absl::InternalError(absl::StrCat("chown ", spec.log_path, ": ", strerror(errno)));
  }
  {
    std::string banner = absl::StrCat("=== harness: starting ", absl::StrJoin(spec.argv, " "), "\n");
    (void)!write(log_fd, banner.data(), banner.size());
  }
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    close(log_fd);
    return absl::InternalError(absl::StrCat("fork: ", strerror(errno)));
  }
  if (pid == 0) {
    int null_fd = open("/dev/null", O_RDONLY);
    if (null_fd < 0 || dup2(null_fd, STDIN_FILENO) < 0) ChildFail(log_fd, "stdin");
    if (dup2(log_fd, STDOUT_FILENO) < 0 || dup2(log_fd, STDERR_FILENO) < 0) {
      ChildFail(log_fd, "dup2");
    }
    // Own process group: a Ctrl-C in the terminal reaches the test binary only, which then
    // tears the stack down in order.
    setpgid(0, 0);
    if (spec.run_as.has_value()) {
      if (setgroups(0, nullptr) != 0) ChildFail(STDERR_FILENO, "setgroups");
      if (setgid(spec.run_as->gid) != 0) ChildFail(STDERR_FILENO, "setgid");
      if (setuid(spec.run_as->uid) != 0) ChildFail(STDERR_FILENO, "setuid");
    }
    // After setuid: a credential change clears the parent-death signal.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(126);  // the parent died before prctl
    // Signal dispositions and the mask are inherited; give the program a clean slate.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    execve(c_argv[0], c_argv.data(), c_envp.data());
    ChildFail(STDERR_FILENO, c_argv[0]);
  }
  close(log_fd);
  Process process;
  process.pid_ = pid;
  process.log_path_ = spec.log_path;
  return process;
}

Process::Process(Process&& other) noexcept { *this = std::move(other); }

Process& Process::operator=(Process&& other) noexcept {
  if (this != &other) {
    if (pid_ > 0 && !exit_status_.has_value()) Stop(SIGKILL, std::chrono::seconds(10));
    pid_ = other.pid_;
    log_path_ = std::move(other.log_path_);
    exit_status_ = std::move(other.exit_status_);
    other.pid_ = -1;
    other.exit_status_.reset();
  }
  return *this;
}

Process::~Process() {
  if (pid_ > 0 && !exit_status_.has_value()) Stop(SIGKILL, std::chrono::seconds(10));
}

bool Process::Reap(bool block) {
  if (pid_ <= 0 || exit_status_.has_value()) return true;
  int status = 0;
  pid_t r;
  do {
    r = waitpid(pid_, &status, block ? 0 : WNOHANG);
  } while (r < 0 && errno == EINTR);
  if (r < 0) {  // not our child any more (ECHILD): nothing left to wait for
    exit_status_ = ExitStatus{};
    return true;
  }
  if (r != pid_) return false;
  ExitStatus es;
  if (WIFEXITED(status)) {
    es.exited = true;
    es.code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    es.signal = WTERMSIG(status);
  }
  exit_status_ = es;
  return true;
}

bool Process::Running() { return pid_ > 0 && !Reap(false); }

bool Process::Signal(int signal) const {
  if (pid_ <= 0 || exit_status_.has_value()) return false;
  return kill(pid_, signal) == 0;
}

std::optional<ExitStatus> Process::WaitFor(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return std::nullopt;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  // Polling waitpid keeps this free of SIGCHLD handlers, which would be process-wide state.
  while (!Reap(false)) {
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return exit_status_;
}

ExitStatus Process::Stop(int signal, std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return ExitStatus{};
  if (Running()) {
    Signal(signal);
    if (!WaitFor(timeout).has_value()) {
      kill(pid_, SIGKILL);
      Reap(true);
    }
  }
  return *exit_status_;
}

absl::StatusOr<std::string> RunCommand(const ProcessSpec& spec, std::chrono::milliseconds timeout) {
  const size_t start = ReadFile(spec.log_path).size();
  absl::StatusOr<Process> process = Process::Spawn(spec);
  if (!process.ok()) return process.status();
  std::optional<ExitStatus> status = process->WaitFor(timeout);
  std::string output = ReadFile(spec.log_path);
  output = output.size() > start ? output.substr(start) : std::string();
  if (output.rfind("=== harness:", 0) == 0) {  // Spawn's banner, not the command's output
    size_t eol = output.find('\n');
    output = eol == std::string::npos ? std::string() : output.substr(eol + 1);
  }
  const std::string command = absl::StrJoin(spec.argv, " ");
  if (!status.has_value()) {
    ExitStatus killed = process->Stop(SIGKILL, std::chrono::seconds(5));
    return absl::DeadlineExceededError(absl::StrCat("`", command, "` did not finish within ",
                                                    timeout.count(), " ms (", killed.ToString(),
                                                    "); output:\n", output));
  }
  if (!status->Success()) {
    return absl::InternalError(
        absl::StrCat("`", command, "` ended with ", status->ToString(), "; output:\n", output));
  }
  return output;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string TailOfFile(const std::string& path, int lines) {
  std::string text = ReadFile(path);
  if (text.empty() || lines <= 0) return "";
  size_t pos = text.size();
  if (text.back() == '\n') --pos;
  for (int seen = 0; pos > 0; --pos) {
    if (text[pos - 1] == '\n' && ++seen == lines) break;
  }
  return text.substr(pos);
}

}  // namespace attain::itest
