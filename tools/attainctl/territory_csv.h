#pragma once
// The territory CSV formats written by `attainctl territories export` and attain-datagen and
// read by `attainctl territories import` / `territories sellers import`:
//   territories: territory_id,display_name,level,type,parent_id,effective_from,effective_to,
//                rules_json
//     one row per territory version (a territory with two versions has two rows); level is
//     WORLD|REGION|DISTRICT|TERRITORY, type GEOGRAPHIC|NAMED_ACCOUNT|OVERLAY; rules_json is
//     the version's AssignmentRule list as protobuf JSON, e.g.
//     [{"priority":10,"predicates":[{"attribute":"state","equals":"NY"}]}]
//   territory sellers: territory_id,seller_id,role,split_percent,start_date,end_date
//     role PRIMARY|OVERLAY; the rows of one territory replace its assignments.
// A territory row decodes into a Territory with exactly one version.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "attain/planning/v1/territories.pb.h"
#include "tools/attainctl/record_codec.h"

namespace attain::territory_csv {

const csv::RecordCodec<planning::v1::Territory>& Territories();
const csv::RecordCodec<planning::v1::SellerAssignment>& Assignments();

// One single-version copy of `territory` per version, in order (the rows of the export).
std::vector<planning::v1::Territory> VersionRows(const planning::v1::Territory& territory);

// "WORLD", "GEOGRAPHIC", "PRIMARY"; "" for the unspecified values.
std::string LevelName(planning::v1::TerritoryLevel level);
std::string TypeName(planning::v1::TerritoryType type);
std::string RoleName(planning::v1::SellerRole role);
// Case-insensitive; the enum's full name (TERRITORY_LEVEL_WORLD) is accepted too.
std::optional<planning::v1::TerritoryLevel> ParseLevel(absl::string_view text);
std::optional<planning::v1::TerritoryType> ParseType(absl::string_view text);
std::optional<planning::v1::SellerRole> ParseRole(absl::string_view text);

// The rules as a compact JSON array ("" when there are none), and back.
std::string RulesJson(const google::protobuf::RepeatedPtrField<planning::v1::AssignmentRule>& rules);
absl::StatusOr<std::vector<planning::v1::AssignmentRule>> ParseRulesJson(absl::string_view text);

}  // namespace attain::territory_csv
