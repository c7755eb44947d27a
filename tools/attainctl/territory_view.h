#pragma once
// How territory results look in table and CSV output (json prints the messages themselves).

#include <string>

#include "attain/planning/v1/territories.pb.h"
#include "tools/attainctl/output.h"

namespace attain::ctl {

// One row per version. csv: the import format (territory_csv.h), so `list -o csv` imports
// again; table: the same columns with the rules counted instead of spelled out.
Table TerritoriesTable(const google::protobuf::RepeatedPtrField<planning::v1::Territory>& territories,
                       Format format);

// "10: state = NY AND postal_code 10010..10027" (priority, then the predicates).
std::string DescribeRule(const planning::v1::AssignmentRule& rule);

// The versions table followed by each version's rules in words, for `territories get`.
std::string TerritoryDetail(const planning::v1::Territory& territory);

// The territory-sellers import columns.
Table AssignmentsTable(
    const google::protobuf::RepeatedPtrField<planning::v1::SellerAssignment>& assignments);

Table AssignResultTable(const planning::v1::AssignAccountsResponse& response);
Table ExplainTable(const planning::v1::ExplainAssignmentResponse& response);

// The coverage report for people: the counts, then one section per kind of detail.
std::string CoverageText(const planning::v1::GetCoverageResponse& coverage);
// The same details as one CSV table with a `section` column.
Table CoverageTable(const planning::v1::GetCoverageResponse& coverage);

}  // namespace attain::ctl
