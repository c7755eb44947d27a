#include "services/planning/products/product_proto.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"

namespace attain::planning::products {

ProductInput ToInput(const v1::Product& product) {
  return {product.product_id(), product.display_name(), product.family(),
          product.line(),       product.list_price(),   product.currency()};
}

void ToProto(const Product& product, v1::Product* out) {
  out->Clear();
  out->set_name(absl::StrCat("products/", product.id));
  out->set_product_id(product.id);
  out->set_display_name(product.display_name);
  out->set_family(product.family);
  out->set_line(product.line);
  out->set_list_price(product.list_price.ToString());
  out->set_currency(product.currency);
  *out->mutable_create_time() = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(
      absl::ToUnixMicros(product.create_time));
  *out->mutable_update_time() = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(
      absl::ToUnixMicros(product.update_time));
  out->set_revision(product.revision);
}

v1::Product ToProto(const Product& product) {
  v1::Product out;
  ToProto(product, &out);
  return out;
}

std::string ToJson(const Product& product) {
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(ToProto(product), &json);
  return json;
}

}  // namespace attain::planning::products
