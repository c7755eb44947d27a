#pragma once
// Conversion between attain.planning.v1.Product and the domain type — the only place that
// knows both.

#include <string>

#include "attain/planning/v1/products.pb.h"
#include "services/planning/products/product.h"

namespace attain::planning::products {

ProductInput ToInput(const v1::Product& product);
void ToProto(const Product& product, v1::Product* out);
v1::Product ToProto(const Product& product);
// The event payload: the resource as JSON (proto3 JSON mapping).
std::string ToJson(const Product& product);

}  // namespace attain::planning::products
