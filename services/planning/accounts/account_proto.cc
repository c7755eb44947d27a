#include "services/planning/accounts/account_proto.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"

namespace attain::planning::accounts {
namespace {

std::string DecimalText(const std::optional<money::Decimal>& value) {
  return value ? value->ToString() : std::string();
}

}  // namespace

AccountInput ToInput(const v1::Account& account) {
  AccountInput input;
  input.id = account.account_id();
  input.display_name = account.display_name();
  input.parent_id = account.parent_account_id();
  input.country = account.country();
  input.region = account.region();
  input.state = account.state();
  input.postal_code = account.postal_code();
  input.industry = account.industry();
  input.segment = account.segment();
  input.employee_count = account.employee_count();
  input.annual_revenue = account.annual_revenue();
  input.potential = account.potential();
  input.workload = account.workload();
  input.currency = account.currency();
  input.attributes.insert(account.attributes().begin(), account.attributes().end());
  input.locked = account.locked();
  return input;
}

void ToProto(const Account& account, v1::Account* out) {
  out->Clear();
  out->set_name(absl::StrCat("accounts/", account.id));
  out->set_account_id(account.id);
  out->set_display_name(account.display_name);
  out->set_parent_account_id(account.parent_id);
  out->set_country(account.country);
  out->set_region(account.region);
  out->set_state(account.state);
  out->set_postal_code(account.postal_code);
  out->set_industry(account.industry);
  out->set_segment(account.segment);
  out->set_employee_count(account.employee_count);
  out->set_annual_revenue(DecimalText(account.annual_revenue));
  out->set_potential(DecimalText(account.potential));
  out->set_workload(DecimalText(account.workload));
  out->set_currency(account.currency);
  out->mutable_attributes()->insert(account.attributes.begin(), account.attributes.end());
  out->set_locked(account.locked);
  *out->mutable_create_time() = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(
      absl::ToUnixMicros(account.create_time));
  *out->mutable_update_time() = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(
      absl::ToUnixMicros(account.update_time));
  out->set_revision(account.revision);
}

v1::Account ToProto(const Account& account) {
  v1::Account out;
  ToProto(account, &out);
  return out;
}

std::string ToJson(const Account& account) {
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(ToProto(account), &json);
  return json;
}

}  // namespace attain::planning::accounts
