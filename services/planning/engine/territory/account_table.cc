#include "services/planning/engine/territory/account_table.h"

#include <limits>

#include "absl/strings/string_view.h"
#include "services/planning/engine/territory/postal_code.h"

namespace attain::planning::territory {
namespace {

// Debian's Abseil has its own string_view type.
absl::string_view Key(std::string_view text) { return absl::string_view(text.data(), text.size()); }

}  // namespace

StringColumn::StringColumn() {
  texts_.emplace_back();
  ids_.emplace("", kAbsentValue);
}

void StringColumn::Append(std::string_view text) {
  auto [it, inserted] = ids_.try_emplace(Key(text), static_cast<uint32_t>(texts_.size()));
  if (inserted) texts_.emplace_back(text);
  rows_.push_back(it->second);
}

std::optional<uint32_t> StringColumn::Find(std::string_view text) const {
  auto it = ids_.find(Key(text));
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

AccountTable::AccountTable(AttributeSchema schema)
    : schema_(std::move(schema)),
      strings_(schema_.string_column_count()),
      numbers_(kNumericCount) {}

void AccountTable::Reserve(size_t rows) {
  for (StringColumn& column : strings_) column.Reserve(rows);
  for (std::vector<int64_t>& column : numbers_) column.reserve(rows);
}

absl::Status AccountTable::Add(const Account& account) {
  if (account.id.empty()) return absl::InvalidArgumentError("account id is empty");
  if (FindRow(account.id)) {
    return absl::InvalidArgumentError("account \"" + account.id + "\" added twice");
  }
  for (const auto& [name, value] : account.custom) {
    if (!schema_.CustomColumn(name)) {
      return absl::InvalidArgumentError("account \"" + account.id +
                                        "\": undeclared custom attribute \"" + name + "\"");
    }
  }
  constexpr int64_t kMaxCount = std::numeric_limits<int64_t>::max() / money::Decimal::kScale;
  if (account.employee_count < -kMaxCount || account.employee_count > kMaxCount) {
    return absl::InvalidArgumentError("account \"" + account.id + "\": employee_count out of range");
  }
  const std::string postal = NormalizePostalCode(account.postal_code);
  const std::string_view builtins[kBuiltinStringCount] = {
      account.id,    account.name,   account.parent_id,   account.country, account.region,
      account.state, postal,         account.industry,    account.segment};
  for (int c = 0; c < kBuiltinStringCount; ++c) strings_[c].Append(builtins[c]);
  for (size_t i = 0; i < schema_.custom().size(); ++i) {
    auto it = account.custom.find(schema_.custom()[i]);
    strings_[kBuiltinStringCount + i].Append(it == account.custom.end() ? "" : it->second);
  }
  numbers_[Column(NumericAttribute::kEmployeeCount)].push_back(
      money::Decimal::FromUnits(account.employee_count).micros());
  numbers_[Column(NumericAttribute::kAnnualRevenue)].push_back(account.annual_revenue.micros());
  numbers_[Column(NumericAttribute::kPotential)].push_back(account.potential.micros());
  numbers_[Column(NumericAttribute::kWorkload)].push_back(account.workload.micros());
  ++size_;
  return absl::OkStatus();
}

std::optional<Row> AccountTable::FindRow(std::string_view account_id) const {
  // Ids are unique and interned in row order, so id value k (k >= 1) is row k - 1.
  auto value = strings_[Column(StringAttribute::kId)].Find(account_id);
  if (!value || *value == kAbsentValue) return std::nullopt;
  return *value - 1;
}

}  // namespace attain::planning::territory
