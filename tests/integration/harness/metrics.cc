#include "tests/integration/harness/metrics.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace attain::itest {
namespace {

// Parses `{a="x",b="y"}` (with \" \\ \n escapes) starting at text[pos] == '{'. Returns the
// index after '}' or npos on malformed input.
size_t ParseLabels(const std::string& text, size_t pos, std::map<std::string, std::string>* out) {
  ++pos;  // '{'
  while (pos < text.size()) {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == ',')) ++pos;
    if (pos < text.size() && text[pos] == '}') return pos + 1;
    size_t eq = text.find('=', pos);
    if (eq == std::string::npos || eq + 1 >= text.size() || text[eq + 1] != '"') {
      return std::string::npos;
    }
    std::string key = text.substr(pos, eq - pos);
    std::string value;
    size_t i = eq + 2;
    for (; i < text.size() && text[i] != '"'; ++i) {
      if (text[i] == '\\' && i + 1 < text.size()) {
        ++i;
        value += text[i] == 'n' ? '\n' : text[i];
      } else {
        value += text[i];
      }
    }
    if (i >= text.size()) return std::string::npos;
    (*out)[key] = value;
    pos = i + 1;
  }
  return std::string::npos;
}

}  // namespace

absl::StatusOr<std::string> HttpGet(const std::string& host_port, const std::string& path) {
  size_t colon = host_port.rfind(':');
  int port = 0;
  if (colon == std::string::npos || !absl::SimpleAtoi(host_port.substr(colon + 1), &port)) {
    return absl::InvalidArgumentError(absl::StrCat("not host:port: ", host_port));
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (inet_pton(AF_INET, host_port.substr(0, colon).c_str(), &addr.sin_addr) != 1) {
    return absl::InvalidArgumentError(absl::StrCat("not an IPv4 address: ", host_port));
  }
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return absl::InternalError(absl::StrCat("socket: ", strerror(errno)));
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout));
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    int err = errno;
    close(fd);
    return absl::UnavailableError(absl::StrCat("connect ", host_port, ": ", strerror(err)));
  }
  const std::string request = absl::StrCat("GET ", path, " HTTP/1.0\r\nHost: ", host_port,
                                           "\r\nAccept: text/plain\r\n\r\n");
  for (size_t sent = 0; sent < request.size();) {
    ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      int err = errno;
      close(fd);
      return absl::UnavailableError(absl::StrCat("send to ", host_port, ": ", strerror(err)));
    }
    sent += static_cast<size_t>(n);
  }
  std::string response;
  char buffer[16384];
  while (true) {
    ssize_t n = recv(fd, buffer, sizeof(buffer), 0);
    if (n == 0) break;  // HTTP/1.0: the server closes after the body
    if (n < 0) {
      int err = errno;
      close(fd);
      return absl::UnavailableError(absl::StrCat("recv from ", host_port, ": ", strerror(err)));
    }
    response.append(buffer, static_cast<size_t>(n));
  }
  close(fd);
  size_t header_end = response.find("\r\n\r\n");
  if (header_end == std::string::npos) {
    return absl::DataLossError(absl::StrCat("no HTTP header end in response from ", host_port));
  }
  std::string status_line = response.substr(0, response.find("\r\n"));
  if (status_line.find(" 200") == std::string::npos) {
    return absl::UnavailableError(absl::StrCat("GET ", path, " from ", host_port, ": ", status_line));
  }
  return response.substr(header_end + 4);
}

double SumSamples(const std::string& exposition, const std::string& metric,
                  const std::map<std::string, std::string>& labels) {
  double sum = 0;
  std::istringstream lines(exposition);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t name_end = line.find_first_of("{ ");
    if (name_end == std::string::npos || line.compare(0, name_end, metric) != 0 ||
        name_end != metric.size()) {
      continue;
    }
    std::map<std::string, std::string> series;
    size_t pos = name_end;
    if (line[pos] == '{') {
      pos = ParseLabels(line, pos, &series);
      if (pos == std::string::npos) continue;
    }
    bool match = true;
    for (const auto& [key, value] : labels) {
      auto it = series.find(key);
      if (it == series.end() || it->second != value) match = false;
    }
    if (!match) continue;
    sum += std::strtod(line.c_str() + pos, nullptr);
  }
  return sum;
}

absl::StatusOr<double> ScrapeCounter(const std::string& metrics_address, const std::string& metric,
                                     const std::map<std::string, std::string>& labels) {
  absl::StatusOr<std::string> body = HttpGet(metrics_address, "/metrics");
  if (!body.ok()) return body.status();
  return SumSamples(*body, metric, labels);
}

}  // namespace attain::itest
