#pragma once
// Free TCP ports on 127.0.0.1, found by binding port 0.

#include <string>

#include "absl/status/statusor.h"

namespace attain::itest {

// A port the kernel just handed out for 127.0.0.1 and that this process has not handed out
// before (the kernel may recycle a closed ephemeral port; two components must not share one).
absl::StatusOr<int> FreePort();

// "127.0.0.1:<port>"
std::string LocalAddress(int port);

// True when something accepts TCP connections on 127.0.0.1:port.
bool PortAcceptsConnections(int port);

}  // namespace attain::itest
