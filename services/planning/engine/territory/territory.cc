#include "services/planning/engine/territory/territory.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace attain::planning::territory {
namespace {

std::string Quoted(std::string_view text) { return absl::StrCat("\"", std::string(text), "\""); }

std::string Bound(const std::optional<money::Decimal>& bound, std::string_view open) {
  return bound ? bound->ToString() : std::string(open);
}

}  // namespace

std::string_view TerritoryTypeName(TerritoryType type) {
  switch (type) {
    case TerritoryType::kGeographic: return "GEOGRAPHIC";
    case TerritoryType::kNamedAccount: return "NAMED_ACCOUNT";
    case TerritoryType::kOverlay: return "OVERLAY";
  }
  return "UNKNOWN";
}

std::string_view TerritoryLevelName(TerritoryLevel level) {
  switch (level) {
    case TerritoryLevel::kWorld: return "WORLD";
    case TerritoryLevel::kRegion: return "REGION";
    case TerritoryLevel::kDistrict: return "DISTRICT";
    case TerritoryLevel::kTerritory: return "TERRITORY";
  }
  return "UNKNOWN";
}

std::string_view PredicateKindName(PredicateKind kind) {
  switch (kind) {
    case PredicateKind::kEquals: return "EQUALS";
    case PredicateKind::kInList: return "IN_LIST";
    case PredicateKind::kPrefix: return "PREFIX";
    case PredicateKind::kNumericRange: return "NUMERIC_RANGE";
    case PredicateKind::kPostalRange: return "POSTAL_RANGE";
    case PredicateKind::kNamedAccounts: return "NAMED_ACCOUNTS";
  }
  return "UNKNOWN";
}

Predicate Predicate::Equals(std::string attribute, std::string value) {
  Predicate p;
  p.kind = PredicateKind::kEquals;
  p.attribute = std::move(attribute);
  p.value = std::move(value);
  return p;
}

Predicate Predicate::InList(std::string attribute, std::vector<std::string> values) {
  Predicate p;
  p.kind = PredicateKind::kInList;
  p.attribute = std::move(attribute);
  p.values = std::move(values);
  return p;
}

Predicate Predicate::Prefix(std::string attribute, std::string prefix) {
  Predicate p;
  p.kind = PredicateKind::kPrefix;
  p.attribute = std::move(attribute);
  p.value = std::move(prefix);
  return p;
}

Predicate Predicate::Range(std::string attribute, std::optional<money::Decimal> min,
                           std::optional<money::Decimal> max) {
  Predicate p;
  p.kind = PredicateKind::kNumericRange;
  p.attribute = std::move(attribute);
  p.min = min;
  p.max = max;
  return p;
}

Predicate Predicate::PostalRange(std::string from, std::string to) {
  Predicate p;
  p.kind = PredicateKind::kPostalRange;
  p.attribute = "postal_code";
  p.from = std::move(from);
  p.to = std::move(to);
  return p;
}

Predicate Predicate::NamedAccounts(std::vector<std::string> account_ids) {
  Predicate p;
  p.kind = PredicateKind::kNamedAccounts;
  p.attribute = "id";
  p.values = std::move(account_ids);
  return p;
}

std::string DescribePredicate(const Predicate& p) {
  switch (p.kind) {
    case PredicateKind::kEquals: return absl::StrCat(p.attribute, " = ", Quoted(p.value));
    case PredicateKind::kPrefix:
      return absl::StrCat(p.attribute, " starts with ", Quoted(p.value));
    case PredicateKind::kInList:
      return absl::StrCat(p.attribute, " in [", absl::StrJoin(p.values, ", "), "]");
    case PredicateKind::kNamedAccounts:
      return absl::StrCat("id in named accounts [", absl::StrJoin(p.values, ", "), "]");
    case PredicateKind::kNumericRange:
      return absl::StrCat(p.attribute, " in [", Bound(p.min, "-inf"), ", ", Bound(p.max, "+inf"),
                          "]");
    case PredicateKind::kPostalRange:
      return absl::StrCat("postal_code in [", Quoted(p.from), ", ", Quoted(p.to), "]");
  }
  return "";
}

const TerritoryVersion* Territory::VersionOn(absl::CivilDay day) const {
  for (const TerritoryVersion& version : versions) {
    if (version.effective.Contains(day)) return &version;
  }
  return nullptr;
}

}  // namespace attain::planning::territory
