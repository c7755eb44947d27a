#include "tools/attainctl/territory_import.h"

#include <map>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/errors/errors.h"
#include "tools/attainctl/catalog_commands.h"
#include "tools/attainctl/territory_csv.h"

namespace attain::ctl {
namespace {

using planning::v1::SellerAssignment;
using planning::v1::Territory;

std::string RowField(int64_t line, absl::string_view column) {
  return absl::StrCat("rows[", line, "].", column);
}

// Post-order walk from `index` over parents in the file: ancestors are emitted first.
class ParentOrder {
 public:
  explicit ParentOrder(std::vector<TerritoryImportItem>& items) : items_(items) {
    for (size_t i = 0; i < items_.size(); ++i) index_[items_[i].territory.territory_id()] = i;
    state_.assign(items_.size(), kNew);
  }

  absl::StatusOr<std::vector<size_t>> Run() {
    for (size_t i = 0; i < items_.size(); ++i) {
      if (auto s = Visit(i); !s.ok()) return s;
    }
    return order_;
  }

 private:
  enum State { kNew, kVisiting, kDone };

  absl::Status Visit(size_t i) {
    if (state_[i] == kDone) return absl::OkStatus();
    const TerritoryImportItem& item = items_[i];
    if (state_[i] == kVisiting) {
      return errors::InvalidField(RowField(item.lines.front(), "parent_id"),
                                  absl::StrCat("territory ", item.territory.territory_id(),
                                               " is its own ancestor (a parent cycle)"));
    }
    state_[i] = kVisiting;
    for (const auto& version : item.territory.versions()) {
      auto parent = index_.find(version.parent_id());
      if (parent == index_.end() || parent->second == i) continue;
      if (auto s = Visit(parent->second); !s.ok()) return s;
    }
    state_[i] = kDone;
    order_.push_back(i);
    return absl::OkStatus();
  }

  std::vector<TerritoryImportItem>& items_;
  std::map<std::string, size_t> index_;
  std::vector<State> state_;
  std::vector<size_t> order_;
};

}  // namespace

absl::StatusOr<std::vector<TerritoryImportItem>> ParentsFirst(std::vector<TerritoryImportItem> items) {
  absl::StatusOr<std::vector<size_t>> order = ParentOrder(items).Run();
  if (!order.ok()) return order.status();
  std::vector<TerritoryImportItem> sorted;
  sorted.reserve(items.size());
  for (size_t i : *order) sorted.push_back(std::move(items[i]));
  return sorted;
}

absl::StatusOr<std::vector<TerritoryImportItem>> ReadTerritoryImport(std::istream& in,
                                                                     const std::string& source) {
  std::vector<TerritoryImportItem> items;
  std::map<std::string, size_t> index;
  std::vector<errors::FieldViolation> violations;
  absl::Status read = catalog::ReadRecords(
      in, source, territory_csv::Territories(), [&](int64_t line, Territory row) {
        if (row.versions().empty()) row.add_versions();  // a file without version columns
        auto [it, fresh] = index.emplace(row.territory_id(), items.size());
        if (fresh) {
          TerritoryImportItem& item = items.emplace_back();
          item.territory = std::move(row);
          item.lines.push_back(line);
          return absl::OkStatus();
        }
        TerritoryImportItem& item = items[it->second];
        const Territory& first = item.territory;
        const std::string earlier = absl::StrCat("differs from line ", item.lines.front(),
                                                 ", an earlier version of ", row.territory_id());
        if (row.display_name() != first.display_name()) {
          violations.push_back({RowField(line, "display_name"), earlier});
        }
        if (row.level() != first.level()) violations.push_back({RowField(line, "level"), earlier});
        if (row.type() != first.type()) violations.push_back({RowField(line, "type"), earlier});
        *item.territory.add_versions() = row.versions(0);
        item.lines.push_back(line);
        return absl::OkStatus();
      });
  if (!read.ok()) {
    // Decoding problems of other rows come first; the consistency checks follow them.
    std::vector<errors::FieldViolation> all = errors::FieldViolationsOf(read);
    if (all.empty()) return read;
    all.insert(all.end(), violations.begin(), violations.end());
    return errors::InvalidFields(std::move(all));
  }
  if (!violations.empty()) return errors::InvalidFields(std::move(violations));
  return ParentsFirst(std::move(items));
}

absl::StatusOr<std::vector<AssignmentImportItem>> ReadAssignmentImport(std::istream& in,
                                                                       const std::string& source) {
  std::vector<AssignmentImportItem> items;
  std::map<std::string, size_t> index;
  absl::Status read = catalog::ReadRecords(
      in, source, territory_csv::Assignments(), [&](int64_t line, const SellerAssignment& row) {
        auto [it, fresh] = index.emplace(row.territory_id(), items.size());
        if (fresh) items.emplace_back().territory_id = row.territory_id();
        AssignmentImportItem& item = items[it->second];
        item.assignments.push_back(row);
        item.lines.push_back(line);
        return absl::OkStatus();
      });
  if (!read.ok()) return read;
  return items;
}

absl::StatusOr<SellerAssignment> ParseSellerSpec(absl::string_view spec) {
  std::vector<std::string> parts = absl::StrSplit(spec, ':');
  const std::string usage = absl::StrCat("--seller \"", spec,
                                         "\": expected SELLER:PERCENT or SELLER:PERCENT:ROLE, "
                                         "e.g. rep-001:60 or rep-007:100:overlay");
  if (parts.size() < 2 || parts.size() > 3 || parts[0].empty()) {
    return absl::InvalidArgumentError(usage);
  }
  double percent = 0;
  if (!absl::SimpleAtod(parts[1], &percent) || percent <= 0 || percent > 100) {
    return absl::InvalidArgumentError(
        absl::StrCat("--seller \"", spec, "\": the percent must be a number above 0 and at most 100"));
  }
  SellerAssignment assignment;
  assignment.set_seller_id(parts[0]);
  assignment.set_split_percent(parts[1]);  // the server checks the decimal exactly
  assignment.set_role(planning::v1::SELLER_ROLE_PRIMARY);
  if (parts.size() == 3) {
    auto role = territory_csv::ParseRole(parts[2]);
    if (!role) {
      return absl::InvalidArgumentError(
          absl::StrCat("--seller \"", spec, "\": the role must be primary or overlay"));
    }
    assignment.set_role(*role);
  }
  return assignment;
}

absl::StatusOr<std::vector<SellerAssignment>> SellerAssignmentsFromSpecs(
    const std::string& territory_id, const std::vector<std::string>& specs,
    const std::string& start_date, const std::string& end_date) {
  std::vector<SellerAssignment> assignments;
  for (const std::string& spec : specs) {
    absl::StatusOr<SellerAssignment> assignment = ParseSellerSpec(spec);
    if (!assignment.ok()) return assignment.status();
    assignment->set_territory_id(territory_id);
    assignment->set_start_date(start_date);
    assignment->set_end_date(end_date);
    assignments.push_back(*std::move(assignment));
  }
  return assignments;
}

absl::Status AtRows(const absl::Status& status, const std::string& context,
                    const std::string& prefix, const std::string& list,
                    const std::vector<int64_t>& lines) {
  std::vector<errors::FieldViolation> violations = errors::FieldViolationsOf(status);
  const std::string element = prefix + list + "[";
  for (errors::FieldViolation& violation : violations) {
    absl::string_view field = violation.field;
    size_t index = 0;
    if (absl::ConsumePrefix(&field, element)) {
      const size_t close = field.find(']');
      if (close != absl::string_view::npos && absl::SimpleAtoi(field.substr(0, close), &index) &&
          index < lines.size()) {
        field.remove_prefix(close + 1);
        absl::ConsumePrefix(&field, ".");
        violation.field = RowField(lines[index], field);
        continue;
      }
    }
    field = violation.field;
    absl::ConsumePrefix(&field, prefix);
    violation.field = RowField(lines.empty() ? 0 : lines.front(), field);
  }
  absl::Status details = violations.empty() ? status : errors::InvalidFields(std::move(violations));
  absl::Status out(status.code(), absl::StrCat(context, ": ", status.message()));
  details.ForEachPayload(
      [&out](absl::string_view url, const absl::Cord& payload) { out.SetPayload(url, payload); });
  return out;
}

}  // namespace attain::ctl
