#include "tools/attainctl/territory_view.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "tools/attainctl/territory_csv.h"

namespace attain::ctl {
namespace {

namespace v1 = planning::v1;

std::string Quoted(const std::string& value) { return absl::StrCat("\"", value, "\""); }

std::string DescribePredicate(const v1::Predicate& p) {
  const std::string& attribute = p.attribute();
  switch (p.test_case()) {
    case v1::Predicate::kEquals:
      return absl::StrCat(attribute, " = ", Quoted(p.equals()));
    case v1::Predicate::kInList: {
      std::vector<std::string> values;
      for (const std::string& value : p.in_list().values()) values.push_back(Quoted(value));
      return absl::StrCat(attribute, " in (", absl::StrJoin(values, ", "), ")");
    }
    case v1::Predicate::kPrefix:
      return absl::StrCat(attribute, " starts with ", Quoted(p.prefix()));
    case v1::Predicate::kNumericRange: {
      const auto& range = p.numeric_range();
      if (range.min().empty()) return absl::StrCat(attribute, " <= ", range.max());
      if (range.max().empty()) return absl::StrCat(attribute, " >= ", range.min());
      return absl::StrCat(attribute, " in ", range.min(), "..", range.max());
    }
    case v1::Predicate::kPostalCodeRange:
      return absl::StrCat("postal_code in ", p.postal_code_range().first(), "..",
                          p.postal_code_range().last());
    case v1::Predicate::kNamedAccounts: {
      const auto& ids = p.named_accounts().values();
      constexpr int kShown = 5;
      std::string text = absl::StrCat("account is one of ", ids.size(), ": ",
                                      absl::StrJoin(ids.begin(), ids.begin() + std::min(ids.size(), kShown), ", "));
      if (ids.size() > kShown) absl::StrAppend(&text, ", ...");
      return text;
    }
    case v1::Predicate::TEST_NOT_SET:
      break;
  }
  return absl::StrCat(attribute, " (no test)");
}

// "<total> (showing <shown>)" when a detail list was cut short by the limit.
std::string Counted(int total, int shown) {
  return total > shown ? absl::StrCat(total, " (showing ", shown, ")") : absl::StrCat(total);
}

}  // namespace

Table TerritoriesTable(const google::protobuf::RepeatedPtrField<v1::Territory>& territories,
                       Format format) {
  const auto& codec = territory_csv::Territories();
  Table table{codec.Header(), {}};
  if (format != Format::kCsv) table.header.back() = "rules";
  for (const v1::Territory& territory : territories) {
    for (const v1::Territory& row : territory_csv::VersionRows(territory)) {
      std::vector<std::string> fields = codec.ToFields(row);
      if (format != Format::kCsv) {
        fields.back() = absl::StrCat(row.versions().empty() ? 0 : row.versions(0).rules_size());
      }
      table.rows.push_back(std::move(fields));
    }
  }
  return table;
}

std::string DescribeRule(const v1::AssignmentRule& rule) {
  std::vector<std::string> predicates;
  for (const v1::Predicate& predicate : rule.predicates()) {
    predicates.push_back(DescribePredicate(predicate));
  }
  return absl::StrCat(rule.priority(), ": ",
                      predicates.empty() ? "every account" : absl::StrJoin(predicates, " AND "));
}

std::string TerritoryDetail(const v1::Territory& territory) {
  google::protobuf::RepeatedPtrField<v1::Territory> one;
  *one.Add() = territory;
  std::string out = RenderTable(TerritoriesTable(one, Format::kTable));
  for (const v1::TerritoryVersion& version : territory.versions()) {
    if (version.rules().empty()) continue;
    absl::StrAppend(&out, "\nrules from ", version.effective_from(),
                    version.effective_to().empty() ? "" : absl::StrCat(" to ", version.effective_to()),
                    " (lower priority wins):\n");
    for (const v1::AssignmentRule& rule : version.rules()) {
      absl::StrAppend(&out, "  ", DescribeRule(rule), "\n");
    }
  }
  return out;
}

Table AssignmentsTable(const google::protobuf::RepeatedPtrField<v1::SellerAssignment>& assignments) {
  const auto& codec = territory_csv::Assignments();
  Table table{codec.Header(), {}};
  for (const v1::SellerAssignment& a : assignments) table.rows.push_back(codec.ToFields(a));
  return table;
}

Table AssignResultTable(const v1::AssignAccountsResponse& response) {
  return Table{{"as_of", "accounts_evaluated", "assignments_written", "unassigned_accounts",
                "evaluation_ms"},
               {{response.as_of(), absl::StrCat(response.accounts_evaluated()),
                 absl::StrCat(response.assignments_written()),
                 absl::StrCat(response.unassigned_accounts()),
                 absl::StrFormat("%.1f", response.evaluation_micros() / 1000.0)}}};
}

Table ExplainTable(const v1::ExplainAssignmentResponse& response) {
  Table table{{"territory_id", "type", "priority", "rule", "outcome", "reason"}, {}};
  for (const v1::RuleMatch& match : response.matches()) {
    table.rows.push_back({match.territory_id(), territory_csv::TypeName(match.type()),
                          absl::StrCat(match.priority()), absl::StrCat(match.rule_index()),
                          match.outcome(), match.reason()});
  }
  return table;
}

std::string CoverageText(const v1::GetCoverageResponse& c) {
  std::string out = absl::StrCat("Coverage as of ", c.as_of(), "\n");
  const Table summary{
      {"measure", "count"},
      {{"unassigned accounts", absl::StrCat(c.unassigned_account_count())},
       {"territories without a seller", absl::StrCat(c.territories_without_seller_count())},
       {"accounts matched by several territories of one type", absl::StrCat(c.conflict_count())},
       {"overloaded sellers (potential > mean + 20 %)", absl::StrCat(c.overloaded_seller_count())},
       {"underloaded sellers (potential < mean - 20 %)",
        absl::StrCat(c.underloaded_seller_count())}}};
  absl::StrAppend(&out, "\n", RenderTable(summary));

  auto section = [&out](const std::string& title, const std::string& count, const Table& table) {
    absl::StrAppend(&out, "\n", title, ": ", count, "\n");
    if (!table.rows.empty()) absl::StrAppend(&out, RenderTable(table));
  };
  if (c.unassigned_account_count() > 0) {
    // Ids only: several to a line keeps a long list readable.
    std::string ids;
    for (int i = 0; i < c.unassigned_account_ids_size(); ++i) {
      absl::StrAppend(&ids, i % 8 == 0 ? "  " : " ", c.unassigned_account_ids(i),
                      i % 8 == 7 || i + 1 == c.unassigned_account_ids_size() ? "\n" : "");
    }
    absl::StrAppend(&out, "\nUnassigned accounts: ",
                    Counted(c.unassigned_account_count(), c.unassigned_account_ids_size()), "\n", ids);
  }
  if (c.territories_without_seller_count() > 0) {
    Table table{{"territory_id"}, {}};
    for (const std::string& id : c.territories_without_seller()) table.rows.push_back({id});
    section("Territories without a seller",
            Counted(c.territories_without_seller_count(), c.territories_without_seller_size()), table);
  }
  if (c.conflict_count() > 0) {
    Table table{{"account_id", "type", "matching_territories"}, {}};
    for (const v1::AssignmentConflict& conflict : c.conflicts()) {
      table.rows.push_back({conflict.account_id(), territory_csv::TypeName(conflict.type()),
                            absl::StrJoin(conflict.territory_ids(), " ")});
    }
    section("Conflicts (the best rule still wins; see `territories explain ACCOUNT`)",
            Counted(c.conflict_count(), c.conflicts_size()), table);
  }
  if (c.seller_load_size() > 0) {
    Table table{{"seller_id", "accounts", "potential", "workload", "vs_mean", "load"}, {}};
    for (const v1::LoadDeviation& load : c.seller_load()) {
      const double percent = std::atof(load.potential_vs_mean_percent().c_str());
      const char* band = percent > 20 ? "over" : (percent < -20 ? "under" : "");
      table.rows.push_back({load.seller_id(), absl::StrCat(load.account_count()), load.potential(),
                            load.workload(), absl::StrCat(load.potential_vs_mean_percent(), " %"),
                            band});
    }
    section("Primary seller load (split-weighted)",
            absl::StrCat(c.seller_load_size(), " sellers shown"), table);
  }
  return out;
}

Table CoverageTable(const v1::GetCoverageResponse& c) {
  Table table{{"section", "id", "type", "territory_ids", "account_count", "potential", "workload",
               "potential_vs_mean_percent"},
              {}};
  for (const std::string& id : c.unassigned_account_ids()) {
    table.rows.push_back({"unassigned_account", id, "", "", "", "", "", ""});
  }
  for (const std::string& id : c.territories_without_seller()) {
    table.rows.push_back({"territory_without_seller", id, "", "", "", "", "", ""});
  }
  for (const v1::AssignmentConflict& conflict : c.conflicts()) {
    table.rows.push_back({"conflict", conflict.account_id(), territory_csv::TypeName(conflict.type()),
                          absl::StrJoin(conflict.territory_ids(), " "), "", "", "", ""});
  }
  for (const v1::LoadDeviation& load : c.seller_load()) {
    table.rows.push_back({"seller_load", load.seller_id(), "", "", absl::StrCat(load.account_count()),
                          load.potential(), load.workload(), load.potential_vs_mean_percent()});
  }
  return table;
}

}  // namespace attain::ctl
