#include "services/planning/territories/territory_validation.h"

#include <algorithm>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/money/decimal.h"
#include "common/time/dates.h"
#include "services/planning/engine/territory/validation.h"
#include "services/planning/org/seller_validation.h"
#include "services/planning/territories/territory_proto.h"

namespace attain::planning::territories {
namespace {

// Rewrites an engine field path of territories[index] into the request's field names.
std::string RequestField(const std::string& engine_field, const std::string& engine_prefix,
                         const std::string& prefix) {
  std::string field = prefix + engine_field.substr(engine_prefix.size());
  auto replace_suffix = [&field](const std::string& from, const std::string& to) {
    if (absl::EndsWith(field, from)) field = field.substr(0, field.size() - from.size()) + to;
  };
  replace_suffix(".effective.end", ".effective_to");
  replace_suffix(".effective", ".effective_from");
  replace_suffix(".id", ".territory_id");
  replace_suffix(".from", ".postal_code_range.first");
  replace_suffix(".to", ".postal_code_range.last");
  replace_suffix(".min", ".numeric_range.min");
  replace_suffix(".max", ".numeric_range.max");
  return field;
}

// Every date on which the set of active assignments can change.
std::vector<absl::CivilDay> ChangePoints(const std::vector<std::pair<dates::DateRange, money::Decimal>>& periods) {
  std::vector<absl::CivilDay> points;
  for (const auto& [range, split] : periods) {
    points.push_back(range.start);
    if (range.end) points.push_back(*range.end + 1);
  }
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  return points;
}

std::string RoleName(v1::SellerRole role) {
  return role == v1::SELLER_ROLE_OVERLAY ? "OVERLAY" : "PRIMARY";
}

}  // namespace

void CheckTerritoryFields(const v1::Territory& t, const std::string& prefix,
                          std::vector<errors::FieldViolation>* violations) {
  if (!org::IsValidSellerId(t.territory_id())) {
    violations->push_back({prefix + ".territory_id",
                           "is required: 1-64 letters, digits, '-', '_' or '.'"});
  }
  if (t.display_name().empty() || t.display_name().size() > 200) {
    violations->push_back({prefix + ".display_name", "is required (at most 200 characters)"});
  }
}

std::vector<errors::FieldViolation> ValidateInTree(const std::vector<v1::Territory>& stored,
                                                   const v1::Territory& changed,
                                                   const std::string& prefix) {
  std::vector<v1::Territory> all;
  for (const v1::Territory& t : stored) {
    if (t.territory_id() != changed.territory_id()) all.push_back(t);
  }
  all.push_back(changed);
  std::vector<errors::FieldViolation> violations;
  std::vector<territory::Territory> domain;
  for (size_t i = 0; i < all.size(); ++i) {
    auto t = FromProto(all[i], i + 1 == all.size() ? prefix : "stored", &violations);
    if (t) domain.push_back(*std::move(t));
  }
  if (!violations.empty()) return violations;
  const std::string engine_prefix = absl::StrCat("territories[", all.size() - 1, "]");
  for (const auto& v : territory::ValidateTerritories(domain, SchemaFor(all))) {
    if (v.field == engine_prefix || absl::StartsWith(v.field, engine_prefix + ".")) {
      violations.push_back({RequestField(v.field, engine_prefix, prefix), v.description});
    }
  }
  return violations;
}

std::vector<errors::FieldViolation> ValidateSellerAssignments(const std::string& territory_id,
                                                              const SellerAssignments& assignments,
                                                              std::vector<std::string>* seller_ids) {
  std::vector<errors::FieldViolation> violations;
  if (!org::IsValidSellerId(territory_id)) {
    violations.push_back({"territory_id", "must be a territory id"});
  }
  // Per role, the active splits on every date must total exactly 100 %.
  std::map<std::string, std::vector<std::pair<dates::DateRange, money::Decimal>>> by_role;
  for (int i = 0; i < assignments.size(); ++i) {
    const v1::SellerAssignment& a = assignments[i];
    const std::string field = absl::StrCat("assignments[", i, "]");
    if (!org::IsValidSellerId(a.seller_id())) {
      violations.push_back({field + ".seller_id", "must be a seller id"});
    } else {
      seller_ids->push_back(a.seller_id());
    }
    if (a.role() == v1::SELLER_ROLE_UNSPECIFIED) {
      violations.push_back({field + ".role", "must be SELLER_ROLE_PRIMARY or SELLER_ROLE_OVERLAY"});
    }
    if (!a.territory_id().empty() && a.territory_id() != territory_id) {
      violations.push_back({field + ".territory_id", "must be empty or the request's territory_id"});
    }
    auto split = money::Decimal::Parse(a.split_percent());
    if (!split.ok() || *split <= money::Decimal() || *split > money::Decimal::FromUnits(100)) {
      violations.push_back({field + ".split_percent", "must be a percentage above 0 and at most 100"});
      continue;
    }
    auto start = dates::Parse(a.start_date(), field + ".start_date");
    auto end = dates::ParseOptional(a.end_date(), field + ".end_date");
    if (!start.ok()) violations.push_back({field + ".start_date", "must be a calendar date YYYY-MM-DD"});
    if (!end.ok()) violations.push_back({field + ".end_date", "must be a calendar date YYYY-MM-DD"});
    if (!start.ok() || !end.ok()) continue;
    if (*end && **end < *start) {
      violations.push_back({field + ".end_date", "must not be before start_date"});
      continue;
    }
    by_role[RoleName(a.role())].push_back({{*start, *end}, *split});
  }
  for (const auto& [role, periods] : by_role) {
    for (absl::CivilDay day : ChangePoints(periods)) {
      money::Decimal total;
      bool any = false;
      for (const auto& [range, split] : periods) {
        if (!range.Contains(day)) continue;
        any = true;
        total = total.Add(split).value_or(total);
      }
      if (any && total != money::Decimal::FromUnits(100)) {
        violations.push_back(
            {"assignments", absl::StrCat(role, " splits total ", total.ToString(), " % on ",
                                         dates::Format(day), "; they must total 100 %")});
        break;
      }
    }
  }
  return violations;
}

std::vector<errors::FieldViolation> UnknownSellers(const SellerAssignments& assignments,
                                                   const std::vector<std::string>& missing) {
  std::vector<errors::FieldViolation> unknown;
  for (int i = 0; i < assignments.size(); ++i) {
    if (std::find(missing.begin(), missing.end(), assignments[i].seller_id()) != missing.end()) {
      unknown.push_back({absl::StrCat("assignments[", i, "].seller_id"),
                         absl::StrCat("unknown seller '", assignments[i].seller_id(), "'")});
    }
  }
  return unknown;
}

}  // namespace attain::planning::territories
