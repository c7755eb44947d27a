#pragma once
// The territory model as the caller defines it: a World -> Region -> District -> Territory
// hierarchy of effective-dated versions, where the leaf territories carry assignment rules.
// A rule is an AND of predicates over account attributes; lower priority numbers win.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/money/decimal.h"
#include "common/time/dates.h"

namespace attain::planning::territory {

// An account belongs to at most one territory of each type on a date; the types coexist.
enum class TerritoryType : uint8_t { kGeographic, kNamedAccount, kOverlay };
inline constexpr int kTerritoryTypeCount = 3;

enum class TerritoryLevel : uint8_t { kWorld, kRegion, kDistrict, kTerritory };

std::string_view TerritoryTypeName(TerritoryType type);  // "GEOGRAPHIC", ...
std::string_view TerritoryLevelName(TerritoryLevel level);  // "WORLD", ...

enum class PredicateKind : uint8_t {
  kEquals,         // attribute == value
  kInList,         // attribute is one of values
  kPrefix,         // attribute starts with value
  kNumericRange,   // min <= numeric attribute <= max; a missing bound is unbounded
  kPostalRange,    // postal_code within [from, to] (see postal_code.h)
  kNamedAccounts,  // account id is one of values
};

std::string_view PredicateKindName(PredicateKind kind);  // "EQUALS", ...

// One test on one attribute. Which fields are read depends on `kind`; string comparisons are
// exact and case-sensitive, except on postal_code where both sides are normalized.
struct Predicate {
  PredicateKind kind = PredicateKind::kEquals;
  std::string attribute;  // implied (and may be left empty) for kPostalRange and kNamedAccounts
  std::string value;                       // kEquals, kPrefix
  std::vector<std::string> values;         // kInList, kNamedAccounts (account ids)
  std::optional<money::Decimal> min, max;  // kNumericRange, inclusive
  std::string from, to;                    // kPostalRange, inclusive

  static Predicate Equals(std::string attribute, std::string value);
  static Predicate InList(std::string attribute, std::vector<std::string> values);
  static Predicate Prefix(std::string attribute, std::string prefix);
  static Predicate Range(std::string attribute, std::optional<money::Decimal> min,
                         std::optional<money::Decimal> max);
  static Predicate PostalRange(std::string from, std::string to);
  static Predicate NamedAccounts(std::vector<std::string> account_ids);
};

// Human-readable form for explanations: `state = "CA"`, `annual_revenue in [1000, 5000]`.
std::string DescribePredicate(const Predicate& predicate);

// A rule matches an account when every predicate does; no predicates matches every account.
struct Rule {
  int32_t priority = 0;  // lower wins; unique within a territory version
  std::vector<Predicate> predicates;
};

struct TerritoryVersion {
  dates::DateRange effective;  // versions of one territory never overlap
  std::string parent_id;       // empty only for the WORLD node
  std::vector<Rule> rules;     // only TERRITORY-level nodes carry rules
};

struct Territory {
  std::string id;
  std::string name;
  TerritoryLevel level = TerritoryLevel::kTerritory;
  TerritoryType type = TerritoryType::kGeographic;
  std::vector<TerritoryVersion> versions;

  // The version effective on `day`, or nullptr. With overlapping versions (invalid), the first.
  const TerritoryVersion* VersionOn(absl::CivilDay day) const;
};

}  // namespace attain::planning::territory
