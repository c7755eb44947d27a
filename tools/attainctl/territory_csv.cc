#include "tools/attainctl/territory_csv.h"

#include <google/protobuf/util/json_util.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace attain::territory_csv {
namespace {

using planning::v1::AssignmentRule;
using planning::v1::SellerAssignment;
using planning::v1::Territory;
using planning::v1::TerritoryVersion;

using csv::Text;

// A column of the row's only version.
csv::Column<Territory> VersionText(std::string name, std::string help,
                                   const std::string& (TerritoryVersion::*get)() const,
                                   void (TerritoryVersion::*set)(const std::string&)) {
  return {std::move(name), std::move(help),
          [get](const Territory& t) {
            return t.versions().empty() ? std::string() : (t.versions(0).*get)();
          },
          [set](const std::string& cell, Territory& t) -> std::optional<std::string> {
            if (t.versions().empty()) t.add_versions();
            (t.mutable_versions(0)->*set)(cell);
            return std::nullopt;
          }};
}

// The enum's short name is accepted, and its full name (PREFIX + short) too.
template <typename Enum>
std::optional<Enum> ParseEnum(absl::string_view text, absl::string_view prefix,
                              std::string (*name)(Enum), std::initializer_list<Enum> values) {
  std::string upper = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(text));
  absl::string_view shortened = upper;
  absl::ConsumePrefix(&shortened, prefix);
  for (Enum value : values) {
    if (name(value) == shortened) return value;
  }
  return std::nullopt;
}

}  // namespace

std::string LevelName(planning::v1::TerritoryLevel level) {
  switch (level) {
    case planning::v1::TERRITORY_LEVEL_WORLD: return "WORLD";
    case planning::v1::TERRITORY_LEVEL_REGION: return "REGION";
    case planning::v1::TERRITORY_LEVEL_DISTRICT: return "DISTRICT";
    case planning::v1::TERRITORY_LEVEL_TERRITORY: return "TERRITORY";
    default: return "";
  }
}

std::string TypeName(planning::v1::TerritoryType type) {
  switch (type) {
    case planning::v1::TERRITORY_TYPE_GEOGRAPHIC: return "GEOGRAPHIC";
    case planning::v1::TERRITORY_TYPE_NAMED_ACCOUNT: return "NAMED_ACCOUNT";
    case planning::v1::TERRITORY_TYPE_OVERLAY: return "OVERLAY";
    default: return "";
  }
}

std::string RoleName(planning::v1::SellerRole role) {
  switch (role) {
    case planning::v1::SELLER_ROLE_PRIMARY: return "PRIMARY";
    case planning::v1::SELLER_ROLE_OVERLAY: return "OVERLAY";
    default: return "";
  }
}

std::optional<planning::v1::TerritoryLevel> ParseLevel(absl::string_view text) {
  return ParseEnum<planning::v1::TerritoryLevel>(
      text, "TERRITORY_LEVEL_", &LevelName,
      {planning::v1::TERRITORY_LEVEL_WORLD, planning::v1::TERRITORY_LEVEL_REGION,
       planning::v1::TERRITORY_LEVEL_DISTRICT, planning::v1::TERRITORY_LEVEL_TERRITORY});
}

std::optional<planning::v1::TerritoryType> ParseType(absl::string_view text) {
  return ParseEnum<planning::v1::TerritoryType>(
      text, "TERRITORY_TYPE_", &TypeName,
      {planning::v1::TERRITORY_TYPE_GEOGRAPHIC, planning::v1::TERRITORY_TYPE_NAMED_ACCOUNT,
       planning::v1::TERRITORY_TYPE_OVERLAY});
}

std::optional<planning::v1::SellerRole> ParseRole(absl::string_view text) {
  return ParseEnum<planning::v1::SellerRole>(
      text, "SELLER_ROLE_", &RoleName,
      {planning::v1::SELLER_ROLE_PRIMARY, planning::v1::SELLER_ROLE_OVERLAY});
}

std::string RulesJson(const google::protobuf::RepeatedPtrField<AssignmentRule>& rules) {
  if (rules.empty()) return "";
  TerritoryVersion holder;
  *holder.mutable_rules() = rules;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(holder, &json, options);
  // Compact output of a message whose only field is `rules`: {"rules":[...]}.
  absl::string_view array = json;
  if (absl::ConsumePrefix(&array, "{\"rules\":") && absl::ConsumeSuffix(&array, "}")) {
    return std::string(array);
  }
  return json;  // unreachable with the protobuf printer; keeps the data if it ever changes
}

absl::StatusOr<std::vector<AssignmentRule>> ParseRulesJson(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  if (text.empty()) return std::vector<AssignmentRule>();
  if (!absl::StartsWith(text, "[") || !absl::EndsWith(text, "]")) {
    return absl::InvalidArgumentError(
        "must be a JSON array of rules such as "
        "[{\"priority\":10,\"predicates\":[{\"attribute\":\"state\",\"equals\":\"NY\"}]}]");
  }
  TerritoryVersion holder;
  if (auto status = google::protobuf::util::JsonStringToMessage(
          absl::StrCat("{\"rules\":", text, "}"), &holder);
      !status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("is not valid rule JSON: ", status.ToString()));
  }
  return std::vector<AssignmentRule>(holder.rules().begin(), holder.rules().end());
}

std::vector<Territory> VersionRows(const Territory& territory) {
  std::vector<Territory> rows;
  Territory head = territory;
  head.clear_versions();
  for (const TerritoryVersion& version : territory.versions()) {
    Territory& row = rows.emplace_back(head);
    *row.add_versions() = version;
  }
  if (rows.empty()) rows.push_back(head);
  return rows;
}

const csv::RecordCodec<Territory>& Territories() {
  static const auto* const kCodec = new csv::RecordCodec<Territory>(
      {Text<Territory>("territory_id", "Territory id (letters, digits, - _ .)",
                       &Territory::territory_id, &Territory::set_territory_id),
       Text<Territory>("display_name", "Territory name", &Territory::display_name,
                       &Territory::set_display_name),
       {"level", "WORLD, REGION, DISTRICT or TERRITORY",
        [](const Territory& t) { return LevelName(t.level()); },
        [](const std::string& cell, Territory& t) -> std::optional<std::string> {
          auto level = ParseLevel(cell);
          if (!level) return "must be WORLD, REGION, DISTRICT or TERRITORY";
          t.set_level(*level);
          return std::nullopt;
        }},
       {"type", "GEOGRAPHIC, NAMED_ACCOUNT or OVERLAY",
        [](const Territory& t) { return TypeName(t.type()); },
        [](const std::string& cell, Territory& t) -> std::optional<std::string> {
          auto type = ParseType(cell);
          if (!type) return "must be GEOGRAPHIC, NAMED_ACCOUNT or OVERLAY";
          t.set_type(*type);
          return std::nullopt;
        }},
       VersionText("parent_id", "Parent territory's id (empty only for the world node)",
                   &TerritoryVersion::parent_id, &TerritoryVersion::set_parent_id),
       VersionText("effective_from", "First day of this version (YYYY-MM-DD)",
                   &TerritoryVersion::effective_from, &TerritoryVersion::set_effective_from),
       VersionText("effective_to", "Last day of this version (YYYY-MM-DD; empty = open)",
                   &TerritoryVersion::effective_to, &TerritoryVersion::set_effective_to),
       {"rules_json", "The version's assignment rules as a protobuf-JSON array",
        [](const Territory& t) {
          return t.versions().empty() ? std::string() : RulesJson(t.versions(0).rules());
        },
        [](const std::string& cell, Territory& t) -> std::optional<std::string> {
          auto rules = ParseRulesJson(cell);
          if (!rules.ok()) return std::string(rules.status().message());
          if (t.versions().empty()) t.add_versions();
          t.mutable_versions(0)->mutable_rules()->Assign(rules->begin(), rules->end());
          return std::nullopt;
        }}},
      "territory_id");
  return *kCodec;
}

const csv::RecordCodec<SellerAssignment>& Assignments() {
  static const auto* const kCodec = new csv::RecordCodec<SellerAssignment>(
      {Text<SellerAssignment>("territory_id", "Territory id", &SellerAssignment::territory_id,
                              &SellerAssignment::set_territory_id),
       Text<SellerAssignment>("seller_id", "Seller id", &SellerAssignment::seller_id,
                              &SellerAssignment::set_seller_id),
       {"role", "PRIMARY (default) or OVERLAY",
        [](const SellerAssignment& a) { return RoleName(a.role()); },
        [](const std::string& cell, SellerAssignment& a) -> std::optional<std::string> {
          auto role = cell.empty() ? planning::v1::SELLER_ROLE_PRIMARY : ParseRole(cell);
          if (!role) return "must be PRIMARY or OVERLAY";
          a.set_role(*role);
          return std::nullopt;
        }},
       Text<SellerAssignment>("split_percent", "Share of the credit in percent, e.g. 50",
                              &SellerAssignment::split_percent,
                              &SellerAssignment::set_split_percent),
       Text<SellerAssignment>("start_date", "YYYY-MM-DD", &SellerAssignment::start_date,
                              &SellerAssignment::set_start_date),
       Text<SellerAssignment>("end_date", "YYYY-MM-DD (empty = open)",
                              &SellerAssignment::end_date, &SellerAssignment::set_end_date)},
      "territory_id");
  return *kCodec;
}

}  // namespace attain::territory_csv
