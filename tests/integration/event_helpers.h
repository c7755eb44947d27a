#pragma once
// Waiting for a service's outbox event in tests.

#include <chrono>
#include <optional>
#include <string>

#include "attain/events/v1/events.grpc.pb.h"
#include "tests/integration/harness/stack.h"

namespace attain::itest {

// The last event of `producer` (a service name) about `resource` with `type`, once its relay
// has sequenced it; nullopt when none appears within `timeout`. `service_token` must carry
// the service role (StreamEvents is for services only).
std::optional<events::v1::Event> AwaitEvent(
    Stack& stack, const std::string& producer, const std::string& service_token,
    const std::string& resource, const std::string& type,
    std::chrono::seconds timeout = std::chrono::seconds(30));

}  // namespace attain::itest
