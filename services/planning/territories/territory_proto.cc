#include "services/planning/territories/territory_proto.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/money/decimal.h"
#include "common/time/dates.h"

namespace attain::planning::territories {
namespace {

constexpr char kCustomPrefix[] = "custom.";

std::optional<money::Decimal> ParseBound(const std::string& text, const std::string& field,
                                         std::vector<errors::FieldViolation>* violations) {
  if (text.empty()) return std::nullopt;
  auto value = money::Decimal::Parse(text);
  if (!value.ok()) {
    violations->push_back({field, "must be a decimal number such as 1000000 or 2.5"});
    return std::nullopt;
  }
  return *value;
}

territory::Predicate PredicateFromProto(const v1::Predicate& proto, const std::string& field,
                                        std::vector<errors::FieldViolation>* violations) {
  const std::string attribute = EngineAttribute(proto.attribute());
  switch (proto.test_case()) {
    case v1::Predicate::kEquals:
      return territory::Predicate::Equals(attribute, proto.equals());
    case v1::Predicate::kInList:
      return territory::Predicate::InList(
          attribute, {proto.in_list().values().begin(), proto.in_list().values().end()});
    case v1::Predicate::kPrefix:
      return territory::Predicate::Prefix(attribute, proto.prefix());
    case v1::Predicate::kNumericRange:
      return territory::Predicate::Range(
          attribute, ParseBound(proto.numeric_range().min(), field + ".numeric_range.min", violations),
          ParseBound(proto.numeric_range().max(), field + ".numeric_range.max", violations));
    case v1::Predicate::kPostalCodeRange:
      return territory::Predicate::PostalRange(proto.postal_code_range().first(),
                                               proto.postal_code_range().last());
    case v1::Predicate::kNamedAccounts:
      return territory::Predicate::NamedAccounts(
          {proto.named_accounts().values().begin(), proto.named_accounts().values().end()});
    case v1::Predicate::TEST_NOT_SET:
      break;
  }
  violations->push_back({field, "needs one test: equals, in_list, prefix, numeric_range, "
                                "postal_code_range or named_accounts"});
  return {};
}

}  // namespace

std::string EngineAttribute(const std::string& attribute) {
  if (absl::StartsWith(attribute, kCustomPrefix)) {
    return attribute.substr(std::string(kCustomPrefix).size());
  }
  return attribute;
}

std::vector<std::string> CustomAttributes(const std::vector<v1::Territory>& territories) {
  std::vector<std::string> names;
  for (const v1::Territory& t : territories) {
    for (const v1::TerritoryVersion& version : t.versions()) {
      for (const v1::AssignmentRule& rule : version.rules()) {
        for (const v1::Predicate& predicate : rule.predicates()) {
          if (absl::StartsWith(predicate.attribute(), kCustomPrefix) &&
              predicate.attribute().size() > std::string(kCustomPrefix).size()) {
            names.push_back(EngineAttribute(predicate.attribute()));
          }
        }
      }
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

territory::AttributeSchema SchemaFor(const std::vector<v1::Territory>& territories) {
  // A custom name that collides with a built-in is reported by rule validation instead.
  std::vector<std::string> custom;
  territory::AttributeSchema builtins;
  for (std::string& name : CustomAttributes(territories)) {
    if (!builtins.Resolve(name).has_value()) custom.push_back(std::move(name));
  }
  auto schema = territory::AttributeSchema::WithCustom(std::move(custom));
  return schema.ok() ? *schema : territory::AttributeSchema();
}

std::string TypeName(v1::TerritoryType type) {
  switch (type) {
    case v1::TERRITORY_TYPE_GEOGRAPHIC: return "GEOGRAPHIC";
    case v1::TERRITORY_TYPE_NAMED_ACCOUNT: return "NAMED_ACCOUNT";
    case v1::TERRITORY_TYPE_OVERLAY: return "OVERLAY";
    default: return "";
  }
}

std::string LevelName(v1::TerritoryLevel level) {
  switch (level) {
    case v1::TERRITORY_LEVEL_WORLD: return "WORLD";
    case v1::TERRITORY_LEVEL_REGION: return "REGION";
    case v1::TERRITORY_LEVEL_DISTRICT: return "DISTRICT";
    case v1::TERRITORY_LEVEL_TERRITORY: return "TERRITORY";
    default: return "";
  }
}

v1::TerritoryType TypeFromName(const std::string& name) {
  if (name == "GEOGRAPHIC") return v1::TERRITORY_TYPE_GEOGRAPHIC;
  if (name == "NAMED_ACCOUNT") return v1::TERRITORY_TYPE_NAMED_ACCOUNT;
  if (name == "OVERLAY") return v1::TERRITORY_TYPE_OVERLAY;
  return v1::TERRITORY_TYPE_UNSPECIFIED;
}

v1::TerritoryLevel LevelFromName(const std::string& name) {
  if (name == "WORLD") return v1::TERRITORY_LEVEL_WORLD;
  if (name == "REGION") return v1::TERRITORY_LEVEL_REGION;
  if (name == "DISTRICT") return v1::TERRITORY_LEVEL_DISTRICT;
  if (name == "TERRITORY") return v1::TERRITORY_LEVEL_TERRITORY;
  return v1::TERRITORY_LEVEL_UNSPECIFIED;
}

v1::TerritoryType TypeToProto(territory::TerritoryType type) {
  switch (type) {
    case territory::TerritoryType::kGeographic: return v1::TERRITORY_TYPE_GEOGRAPHIC;
    case territory::TerritoryType::kNamedAccount: return v1::TERRITORY_TYPE_NAMED_ACCOUNT;
    case territory::TerritoryType::kOverlay: return v1::TERRITORY_TYPE_OVERLAY;
  }
  return v1::TERRITORY_TYPE_UNSPECIFIED;
}

std::optional<territory::Territory> FromProto(const v1::Territory& proto, const std::string& prefix,
                                              std::vector<errors::FieldViolation>* violations) {
  const size_t before = violations->size();
  territory::Territory out;
  out.id = proto.territory_id();
  out.name = proto.display_name();
  switch (proto.level()) {
    case v1::TERRITORY_LEVEL_WORLD: out.level = territory::TerritoryLevel::kWorld; break;
    case v1::TERRITORY_LEVEL_REGION: out.level = territory::TerritoryLevel::kRegion; break;
    case v1::TERRITORY_LEVEL_DISTRICT: out.level = territory::TerritoryLevel::kDistrict; break;
    case v1::TERRITORY_LEVEL_TERRITORY: out.level = territory::TerritoryLevel::kTerritory; break;
    default: violations->push_back({prefix + ".level", "is required"});
  }
  switch (proto.type()) {
    case v1::TERRITORY_TYPE_GEOGRAPHIC: out.type = territory::TerritoryType::kGeographic; break;
    case v1::TERRITORY_TYPE_NAMED_ACCOUNT: out.type = territory::TerritoryType::kNamedAccount; break;
    case v1::TERRITORY_TYPE_OVERLAY: out.type = territory::TerritoryType::kOverlay; break;
    default: violations->push_back({prefix + ".type", "is required"});
  }
  for (int v = 0; v < proto.versions_size(); ++v) {
    const v1::TerritoryVersion& version = proto.versions(v);
    const std::string field = absl::StrCat(prefix, ".versions[", v, "]");
    territory::TerritoryVersion domain;
    auto from = dates::Parse(version.effective_from(), field + ".effective_from");
    if (!from.ok()) {
      violations->push_back({field + ".effective_from", "must be a calendar date YYYY-MM-DD"});
      continue;
    }
    auto to = dates::ParseOptional(version.effective_to(), field + ".effective_to");
    if (!to.ok()) {
      violations->push_back({field + ".effective_to", "must be a calendar date YYYY-MM-DD"});
      continue;
    }
    domain.effective = {*from, *to};
    domain.parent_id = version.parent_id();
    for (int r = 0; r < version.rules_size(); ++r) {
      const v1::AssignmentRule& rule = version.rules(r);
      territory::Rule domain_rule;
      domain_rule.priority = rule.priority();
      for (int p = 0; p < rule.predicates_size(); ++p) {
        domain_rule.predicates.push_back(PredicateFromProto(
            rule.predicates(p), absl::StrCat(field, ".rules[", r, "].predicates[", p, "]"),
            violations));
      }
      domain.rules.push_back(std::move(domain_rule));
    }
    out.versions.push_back(std::move(domain));
  }
  if (violations->size() != before) return std::nullopt;
  return out;
}

}  // namespace attain::planning::territories
