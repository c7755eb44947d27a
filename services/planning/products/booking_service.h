#pragma once
// gRPC adapter for attain.planning.v1.BookingService: admits the call through the gate and
// delegates to BookingManager.

#include "attain/planning/v1/bookings.grpc.pb.h"
#include "common/server/call_gate.h"
#include "services/planning/organization_manager.h"
#include "services/planning/products/booking_manager.h"

namespace attain::planning::bookings {

class BookingService final : public v1::BookingService::CallbackService {
 public:
  // `organization` supplies the caller's visibility for narrowing reads.
  BookingService(server::CallGate* gate, BookingManager* manager,
                 OrganizationManager* organization)
      : gate_(gate), manager_(manager), organization_(organization) {}

  grpc::ServerReadReactor<v1::ImportBookingsRequest>* ImportBookings(
      grpc::CallbackServerContext* context, v1::ImportBookingsResponse* response) override;
  grpc::ServerUnaryReactor* ListBookings(grpc::CallbackServerContext* context,
                                         const v1::ListBookingsRequest* request,
                                         v1::ListBookingsResponse* response) override;
  grpc::ServerUnaryReactor* SummarizeBookings(grpc::CallbackServerContext* context,
                                              const v1::SummarizeBookingsRequest* request,
                                              v1::SummarizeBookingsResponse* response) override;

 private:
  server::CallGate* gate_;
  BookingManager* manager_;
  OrganizationManager* organization_;
};

}  // namespace attain::planning::bookings
