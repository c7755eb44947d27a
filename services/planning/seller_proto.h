#pragma once
// Conversion between attain.planning.v1.Seller and the domain types — the only place that
// knows both.

#include <string>

#include "attain/planning/v1/organization.pb.h"
#include "services/planning/org/seller.h"

namespace attain::planning {

org::SellerInput ToInput(const attain::planning::v1::Seller& seller);
org::SellerInput ToInput(const org::Seller& seller);
void ToProto(const org::Seller& seller, attain::planning::v1::Seller* out);
attain::planning::v1::Seller ToProto(const org::Seller& seller);
// The event payload and cache form: the resource as JSON (proto3 JSON mapping).
std::string ToJson(const org::Seller& seller);

}  // namespace attain::planning
