#include "services/planning/products/booking_service.h"

#include <string>

#include "services/planning/accounts/import_reactor.h"

namespace attain::planning::bookings {
namespace {

std::string Method(const char* name) {
  return std::string("/attain.planning.v1.BookingService/") + name;
}

}  // namespace

grpc::ServerReadReactor<v1::ImportBookingsRequest>* BookingService::ImportBookings(
    grpc::CallbackServerContext* context, v1::ImportBookingsResponse* response) {
  using Reactor =
      catalog::ImportReactor<v1::ImportBookingsRequest, v1::ImportBookingsResponse, BookingImport>;
  return Reactor::Start(gate_, context, Method("ImportBookings"), manager_->StartImport(),
                        response);
}

grpc::ServerUnaryReactor* BookingService::ListBookings(grpc::CallbackServerContext* context,
                                                       const v1::ListBookingsRequest* request,
                                                       v1::ListBookingsResponse* response) {
  return gate_->Unary(context, Method("ListBookings"), [=, this](const server::CallContext& call) {
    auto visibility = organization_->VisibilityFor(call.principal);
    if (!visibility.ok()) return visibility.status();
    auto page = manager_->List(*request, *visibility);
    if (page.ok()) *response = *std::move(page);
    return page.status();
  });
}

grpc::ServerUnaryReactor* BookingService::SummarizeBookings(
    grpc::CallbackServerContext* context, const v1::SummarizeBookingsRequest* request,
    v1::SummarizeBookingsResponse* response) {
  return gate_->Unary(context, Method("SummarizeBookings"), [=, this](const server::CallContext& call) {
    auto visibility = organization_->VisibilityFor(call.principal);
    if (!visibility.ok()) return visibility.status();
    auto summary = manager_->Summarize(*request, *visibility);
    if (summary.ok()) *response = *std::move(summary);
    return summary.status();
  });
}

}  // namespace attain::planning::bookings
