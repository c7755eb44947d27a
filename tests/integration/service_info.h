#pragma once
// GetServiceInfo on any of the four services, by service name.

#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "attain/common/v1/service_info.pb.h"

namespace attain::itest {

// Calls <Service>Service/GetServiceInfo of service `name` ("planning", ...) over `channel`.
grpc::Status GetServiceInfo(const std::shared_ptr<grpc::Channel>& channel, const std::string& name,
                            const std::string& token, common::v1::ServiceInfo* info);

// The consumer position for `producer` in `info.event_cursors`; 0 when there is none yet.
int64_t CursorOf(const common::v1::ServiceInfo& info, const std::string& producer);

}  // namespace attain::itest
