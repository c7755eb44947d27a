#include "services/compensation/statements/adjustment.h"

#include <google/protobuf/util/time_util.h>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"

namespace attain::compensation::statements {

const char* KindName(AdjustmentKind kind) {
  return kind == AdjustmentKind::kCredit ? "CREDIT" : "PAYOUT";
}

std::optional<AdjustmentKind> ParseKindName(std::string_view name) {
  if (name == "PAYOUT") return AdjustmentKind::kPayout;
  if (name == "CREDIT") return AdjustmentKind::kCredit;
  return std::nullopt;
}

std::string AdjustmentName(const Adjustment& adjustment) {
  return absl::StrCat("periods/", adjustment.period, "/adjustments/", adjustment.adjustment_id);
}

v1::Adjustment ToProto(const Adjustment& adjustment) {
  v1::Adjustment out;
  out.set_name(AdjustmentName(adjustment));
  out.set_adjustment_id(adjustment.adjustment_id);
  out.set_seller_id(adjustment.seller_id);
  out.set_period(adjustment.period);
  out.set_kind(adjustment.kind == AdjustmentKind::kCredit ? v1::ADJUSTMENT_KIND_CREDIT
                                                          : v1::ADJUSTMENT_KIND_PAYOUT);
  out.set_amount(adjustment.amount.ToString());
  out.set_measure_id(adjustment.measure_id);
  out.set_reason(adjustment.reason);
  out.set_author(adjustment.author);
  *out.mutable_create_time() =
      google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(adjustment.create_time_micros);
  return out;
}

std::string ToEventJson(const Adjustment& adjustment) {
  return nlohmann::json{
      {"name", AdjustmentName(adjustment)},  {"adjustment_id", adjustment.adjustment_id},
      {"period", adjustment.period},         {"seller_id", adjustment.seller_id},
      {"kind", KindName(adjustment.kind)},   {"amount", adjustment.amount.ToString()},
      {"measure_id", adjustment.measure_id}, {"reason", adjustment.reason},
      {"author", adjustment.author}}
      .dump();
}

}  // namespace attain::compensation::statements
