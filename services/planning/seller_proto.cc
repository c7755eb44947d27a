#include "services/planning/seller_proto.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace attain::planning {

namespace v1 = attain::planning::v1;

org::SellerInput ToInput(const v1::Seller& seller) {
  org::SellerInput input;
  input.id = seller.seller_id();
  input.display_name = seller.display_name();
  input.email = seller.email();
  input.title = seller.title();
  input.hire_date = seller.hire_date();
  input.termination_date = seller.termination_date();
  input.home_currency = seller.home_currency();
  for (const v1::ReportingLine& line : seller.reporting_lines()) {
    input.lines.push_back({line.manager_id(), line.start_date(), line.end_date()});
  }
  return input;
}

org::SellerInput ToInput(const org::Seller& seller) { return ToInput(ToProto(seller)); }

void ToProto(const org::Seller& seller, v1::Seller* out) {
  out->set_name(absl::StrCat("sellers/", seller.id));
  out->set_seller_id(seller.id);
  out->set_display_name(seller.display_name);
  out->set_email(seller.email);
  out->set_title(seller.title);
  out->set_hire_date(dates::Format(seller.hire_date));
  out->set_termination_date(dates::FormatOptional(seller.termination_date));
  out->set_home_currency(seller.home_currency);
  out->clear_reporting_lines();
  for (const org::ReportingLine& line : seller.lines) {
    v1::ReportingLine* proto = out->add_reporting_lines();
    proto->set_manager_id(line.manager_id);
    proto->set_start_date(dates::Format(line.period.start));
    proto->set_end_date(dates::FormatOptional(line.period.end));
  }
  *out->mutable_create_time() = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(
      absl::ToUnixMicros(seller.create_time));
  *out->mutable_update_time() = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(
      absl::ToUnixMicros(seller.update_time));
  out->set_revision(seller.revision);
}

v1::Seller ToProto(const org::Seller& seller) {
  v1::Seller out;
  ToProto(seller, &out);
  return out;
}

std::string ToJson(const org::Seller& seller) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = false;
  (void)google::protobuf::util::MessageToJsonString(ToProto(seller), &json, options);
  return json;
}

}  // namespace attain::planning
