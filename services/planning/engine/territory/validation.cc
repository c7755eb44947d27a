#include "services/planning/engine/territory/validation.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "services/planning/engine/territory/postal_code.h"

namespace attain::planning::territory {
namespace {

class Collector {
 public:
  explicit Collector(std::vector<FieldViolation>* out) : out_(out) {}
  void Add(std::string field, std::string description) {
    out_->push_back({std::move(field), std::move(description)});
  }

 private:
  std::vector<FieldViolation>* out_;
};

std::string Indexed(std::string_view path, std::string_view name, size_t i) {
  return absl::StrCat(std::string(path), ".", std::string(name), "[", i, "]");
}

void ValidateValues(const std::vector<std::string>& values, std::string_view empty_message,
                    const std::string& path, Collector& out) {
  if (values.empty()) out.Add(path + ".values", std::string(empty_message));
  for (size_t n = 0; n < values.size(); ++n) {
    if (values[n].empty()) out.Add(Indexed(path, "values", n), "must not be empty");
  }
}

// kPostalRange and kNamedAccounts test a fixed attribute; a stated one must be that one.
void ValidateImpliedAttribute(const Predicate& p, std::string_view implied,
                              const std::string& path, Collector& out) {
  if (!p.attribute.empty() && p.attribute != implied) {
    out.Add(path + ".attribute", absl::StrCat(std::string(PredicateKindName(p.kind)),
                                              " applies to ", std::string(implied), " only"));
  }
}

void ValidatePostalRange(const Predicate& p, const std::string& path, Collector& out) {
  ValidateImpliedAttribute(p, "postal_code", path, out);
  const std::string from = NormalizePostalCode(p.from);
  const std::string to = NormalizePostalCode(p.to);
  if (from.empty()) out.Add(path + ".from", "must contain letters or digits");
  if (to.empty()) out.Add(path + ".to", "must contain letters or digits");
  if (from.empty() || to.empty()) return;
  if (from.size() != to.size()) {
    out.Add(path + ".to", absl::StrCat("must have the same length as from once normalized (",
                                       from.size(), " characters), has ", to.size()));
  } else if (from > to) {
    out.Add(path + ".from", absl::StrCat("\"", from, "\" is after to \"", to, "\""));
  }
}

void ValidateAttributePredicate(const Predicate& p, const AttributeSchema& schema,
                                const std::string& path, Collector& out) {
  if (p.attribute.empty()) return out.Add(path + ".attribute", "must not be empty");
  const std::optional<AttributeRef> attribute = schema.Resolve(p.attribute);
  if (!attribute) {
    return out.Add(path + ".attribute", absl::StrCat("unknown attribute \"", p.attribute, "\""));
  }
  const bool wants_number = p.kind == PredicateKind::kNumericRange;
  if (wants_number != (attribute->kind == ValueKind::kNumber)) {
    out.Add(path + ".attribute",
            absl::StrCat("\"", p.attribute, "\" is ", wants_number ? "not numeric" : "numeric",
                         "; ", std::string(PredicateKindName(p.kind)), " needs ",
                         wants_number ? "a numeric attribute" : "a string attribute"));
  }
  switch (p.kind) {
    case PredicateKind::kEquals:
    case PredicateKind::kPrefix:
      if (p.value.empty()) out.Add(path + ".value", "must not be empty");
      break;
    case PredicateKind::kInList:
      ValidateValues(p.values, "in-list is empty", path, out);
      break;
    case PredicateKind::kNumericRange:
      if (!p.min && !p.max) {
        out.Add(path + ".min", "a range needs min, max or both");
      } else if (p.min && p.max && *p.min > *p.max) {
        out.Add(path + ".min", absl::StrCat("min ", p.min->ToString(), " is greater than max ",
                                            p.max->ToString()));
      }
      break;
    default:
      break;
  }
}

void ValidatePredicate(const Predicate& p, const AttributeSchema& schema,
                       const std::string& path, Collector& out) {
  switch (p.kind) {
    case PredicateKind::kPostalRange:
      return ValidatePostalRange(p, path, out);
    case PredicateKind::kNamedAccounts:
      ValidateImpliedAttribute(p, "id", path, out);
      return ValidateValues(p.values, "named-account list is empty", path, out);
    default:
      return ValidateAttributePredicate(p, schema, path, out);
  }
}

void ValidateRules(const TerritoryVersion& version, const AttributeSchema& schema,
                   const std::string& path, Collector& out) {
  absl::flat_hash_map<int32_t, size_t> first_with_priority;
  for (size_t k = 0; k < version.rules.size(); ++k) {
    const Rule& rule = version.rules[k];
    const std::string rule_path = Indexed(path, "rules", k);
    auto [it, inserted] = first_with_priority.emplace(rule.priority, k);
    if (!inserted) {
      out.Add(rule_path + ".priority", absl::StrCat("priority ", rule.priority,
                                                    " is also used by rules[", it->second, "]"));
    }
    for (size_t p = 0; p < rule.predicates.size(); ++p) {
      ValidatePredicate(rule.predicates[p], schema, Indexed(rule_path, "predicates", p), out);
    }
  }
}

void ValidateParent(const Territory& territory, const TerritoryVersion& version,
                    const absl::flat_hash_map<std::string, const Territory*>& by_id,
                    const std::string& path, Collector& out) {
  const std::string field = path + ".parent_id";
  if (territory.level == TerritoryLevel::kWorld) {
    if (!version.parent_id.empty()) out.Add(field, "a WORLD node has no parent");
    return;
  }
  const auto expected = static_cast<TerritoryLevel>(static_cast<int>(territory.level) - 1);
  if (version.parent_id.empty()) {
    return out.Add(field, absl::StrCat("a ", std::string(TerritoryLevelName(territory.level)),
                                       " needs a ",
                                       std::string(TerritoryLevelName(expected)), " parent"));
  }
  auto parent = by_id.find(version.parent_id);
  if (parent == by_id.end()) {
    return out.Add(field, absl::StrCat("unknown territory \"", version.parent_id, "\""));
  }
  if (parent->second->level != expected) {
    out.Add(field, absl::StrCat("\"", version.parent_id, "\" is a ",
                                std::string(TerritoryLevelName(parent->second->level)), "; a ",
                                std::string(TerritoryLevelName(territory.level)),
                                "'s parent must be a ",
                                std::string(TerritoryLevelName(expected))));
  }
}

void ValidateVersions(const Territory& territory,
                      const absl::flat_hash_map<std::string, const Territory*>& by_id,
                      const AttributeSchema& schema, const std::string& path, Collector& out) {
  if (territory.versions.empty()) out.Add(path + ".versions", "at least one version is required");
  for (size_t j = 0; j < territory.versions.size(); ++j) {
    const TerritoryVersion& version = territory.versions[j];
    const std::string version_path = Indexed(path, "versions", j);
    const dates::DateRange& effective = version.effective;
    if (effective.end && *effective.end < effective.start) {
      out.Add(version_path + ".effective.end", "is before effective.start");
    }
    for (size_t k = 0; k < j; ++k) {
      if (territory.versions[k].effective.Overlaps(effective)) {
        out.Add(version_path + ".effective", absl::StrCat("overlaps versions[", k, "]"));
      }
    }
    ValidateParent(territory, version, by_id, version_path, out);
    if (!version.rules.empty() && territory.level != TerritoryLevel::kTerritory) {
      out.Add(version_path + ".rules", "only TERRITORY-level nodes carry rules");
    }
    ValidateRules(version, schema, version_path, out);
  }
}

}  // namespace

std::vector<FieldViolation> ValidateTerritories(std::span<const Territory> territories,
                                                const AttributeSchema& schema) {
  std::vector<FieldViolation> violations;
  Collector out(&violations);
  absl::flat_hash_map<std::string, const Territory*> by_id;
  absl::flat_hash_map<std::string, size_t> index_of;
  for (size_t i = 0; i < territories.size(); ++i) {
    const std::string path = absl::StrCat("territories[", i, "]");
    const Territory& territory = territories[i];
    if (territory.id.empty()) {
      out.Add(path + ".id", "must not be empty");
    } else if (auto [it, inserted] = index_of.emplace(territory.id, i); !inserted) {
      out.Add(path + ".id", absl::StrCat("\"", territory.id, "\" is also territories[",
                                         it->second, "]"));
    } else {
      by_id.emplace(territory.id, &territory);
    }
  }
  for (size_t i = 0; i < territories.size(); ++i) {
    ValidateVersions(territories[i], by_id, schema, absl::StrCat("territories[", i, "]"), out);
  }
  return violations;
}

absl::Status ViolationsToStatus(const std::vector<FieldViolation>& violations) {
  if (violations.empty()) return absl::OkStatus();
  std::string message = absl::StrCat(violations[0].field, ": ", violations[0].description);
  if (violations.size() > 1) absl::StrAppend(&message, " (and ", violations.size() - 1, " more)");
  return absl::InvalidArgumentError(message);
}

}  // namespace attain::planning::territory
