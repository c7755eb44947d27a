#include "tests/integration/event_helpers.h"

#include "tests/integration/harness/grpc_util.h"
#include "tests/integration/harness/poll.h"

namespace attain::itest {

std::optional<events::v1::Event> AwaitEvent(Stack& stack, const std::string& producer,
                                            const std::string& service_token,
                                            const std::string& resource, const std::string& type,
                                            std::chrono::seconds timeout) {
  auto events = events::v1::EventStreamService::NewStub(stack.service_channel(producer));
  std::optional<events::v1::Event> found;
  // The relay sequences an outbox row shortly after its commit; until then it is not served.
  PollUntil(timeout, [&] {
    events::v1::StreamEventsRequest request;
    request.set_from_sequence(1);
    auto context = MakeContext(service_token);
    auto reader = events->StreamEvents(context.get(), request);
    events::v1::Event event;
    while (reader->Read(&event)) {
      if (event.resource() == resource && event.type() == type) found = event;
    }
    return reader->Finish().ok() && found.has_value();
  });
  return found;
}

}  // namespace attain::itest
