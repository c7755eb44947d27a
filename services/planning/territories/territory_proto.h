#pragma once
// Conversion between attain.planning.v1 territory messages and the territory engine's
// domain types, reporting every unparsable field as a violation with its field path.

#include <optional>
#include <string>
#include <vector>

#include "attain/planning/v1/territories.pb.h"
#include "common/errors/errors.h"
#include "services/planning/engine/territory/attributes.h"
#include "services/planning/engine/territory/territory.h"

namespace attain::planning::territories {

// `prefix` names the message in the request, e.g. "territory" or "territories[3]".
std::optional<territory::Territory> FromProto(const v1::Territory& proto, const std::string& prefix,
                                              std::vector<errors::FieldViolation>* violations);

// Custom attribute names ("custom.<key>" -> "<key>") referenced by any rule.
std::vector<std::string> CustomAttributes(const std::vector<v1::Territory>& territories);

// The schema for validating and evaluating rules: built-ins plus every custom attribute
// the rules use (custom attributes are free-form account attributes).
territory::AttributeSchema SchemaFor(const std::vector<v1::Territory>& territories);

std::string TypeName(v1::TerritoryType type);    // "GEOGRAPHIC", ... ("" when unspecified)
std::string LevelName(v1::TerritoryLevel level);  // "WORLD", ...
v1::TerritoryType TypeFromName(const std::string& name);
v1::TerritoryLevel LevelFromName(const std::string& name);
v1::TerritoryType TypeToProto(territory::TerritoryType type);

// Engine attribute name for a proto attribute ("custom.region_code" -> "region_code").
std::string EngineAttribute(const std::string& attribute);

}  // namespace attain::planning::territories
