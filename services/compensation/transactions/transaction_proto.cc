#include "services/compensation/transactions/transaction_proto.h"

#include <google/protobuf/util/time_util.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/errors/errors.h"
#include "common/time/dates.h"
#include "services/compensation/transactions/transaction_validation.h"

namespace attain::compensation::transactions {
namespace {

using google::protobuf::util::TimeUtil;

constexpr std::pair<v1::TransactionType, TransactionType> kTypes[] = {
    {v1::TRANSACTION_TYPE_ORDER, TransactionType::kOrder},
    {v1::TRANSACTION_TYPE_INVOICE, TransactionType::kInvoice},
    {v1::TRANSACTION_TYPE_CANCELLATION, TransactionType::kCancellation},
    {v1::TRANSACTION_TYPE_REFUND, TransactionType::kRefund},
    {v1::TRANSACTION_TYPE_ADJUSTMENT, TransactionType::kAdjustment}};

std::optional<TransactionType> TypeFromProto(v1::TransactionType type) {
  for (const auto& [proto, domain] : kTypes) {
    if (proto == type) return domain;
  }
  return std::nullopt;  // UNSPECIFIED or a number this build does not know
}

v1::TransactionType TypeToProto(TransactionType type) {
  for (const auto& [proto, domain] : kTypes) {
    if (domain == type) return proto;
  }
  std::abort();  // every enumerator is listed in kTypes
}

std::string DecimalText(const std::optional<money::Decimal>& value) {
  return value ? value->ToString() : std::string();
}

}  // namespace

void ToInput(const v1::Transaction& t, TransactionInput* out) {
  TransactionInput& input = *out;
  input.source_system = t.source_system();
  input.transaction_id = t.transaction_id();
  input.type = TypeFromProto(t.type());
  input.date = t.transaction_date();
  input.account_id = t.account_id();
  input.product_id = t.product_id();
  input.amount = t.amount();
  input.currency = t.currency();
  input.quantity = t.quantity();
  input.margin = t.margin();
  input.owner_seller_id = t.owner_seller_id();
  input.splits.clear();
  for (const v1::CreditSplit& split : t.splits()) {
    input.splits.push_back({split.seller_id(), split.percent(), split.overlay()});
  }
  input.attributes.assign(t.attributes().begin(), t.attributes().end());
  input.original_transaction_id = t.original_transaction_id();
}

void ToProto(const TransactionVersion& stored, v1::Transaction* out) {
  const Transaction& t = stored.transaction;
  out->Clear();
  out->set_name(ResourceName(t.key));
  out->set_source_system(t.key.source_system);
  out->set_transaction_id(t.key.transaction_id);
  out->set_type(TypeToProto(t.type));
  out->set_transaction_date(dates::Format(t.date));
  out->set_account_id(t.account_id);
  out->set_product_id(t.product_id);
  out->set_amount(t.amount.ToString());
  out->set_currency(t.currency);
  out->set_quantity(DecimalText(t.quantity));
  out->set_margin(DecimalText(t.margin));
  out->set_owner_seller_id(t.owner_seller_id);
  out->set_original_transaction_id(t.original_transaction_id);
  for (const CreditSplit& split : t.splits) {
    v1::CreditSplit* added = out->add_splits();
    added->set_seller_id(split.seller_id);
    added->set_percent(split.percent.ToString());
    added->set_overlay(split.overlay);
  }
  out->mutable_attributes()->insert(t.attributes.begin(), t.attributes.end());
  out->set_version(stored.version);
  *out->mutable_import_time() = TimeUtil::MicrosecondsToTimestamp(stored.import_time_micros);
  if (stored.superseded_time_micros) {
    *out->mutable_superseded_time() =
        TimeUtil::MicrosecondsToTimestamp(*stored.superseded_time_micros);
  }
  out->set_import_id(stored.import_id);
}

std::string ResourceName(const TransactionKey& key) {
  return absl::StrCat("sources/", key.source_system, "/transactions/", key.transaction_id);
}

absl::StatusOr<TransactionKey> KeyFromName(const std::string& name, const std::string& field) {
  // Source systems never contain '/', so the first "/transactions/" after "sources/" splits
  // the name even when the transaction id contains '/'.
  constexpr absl::string_view kSources = "sources/";
  constexpr absl::string_view kTransactions = "/transactions/";
  const auto malformed = [&] {
    return errors::InvalidField(field,
                                "must be a resource name sources/{source}/transactions/{id}");
  };
  if (!absl::StartsWith(name, kSources)) return malformed();
  const size_t split = name.find(kTransactions.data(), kSources.size(), kTransactions.size());
  if (split == std::string::npos) return malformed();
  TransactionKey key{name.substr(kSources.size(), split - kSources.size()),
                     name.substr(split + kTransactions.size())};
  if (!IsValidId(key.source_system) || !IsValidTransactionId(key.transaction_id)) {
    return malformed();
  }
  return key;
}

}  // namespace attain::compensation::transactions
