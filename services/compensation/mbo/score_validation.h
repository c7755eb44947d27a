#pragma once
// SetMboScores' validation, without storage or calls: first the checks the request alone
// decides (ParseScores), then those against planning's sellers and the plans in force
// (CheckReferences), so that one answer names every problem of every score, as
// "scores[i].field", in request order.

#include <string>
#include <vector>

#include <google/protobuf/repeated_ptr_field.h>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "attain/compensation/v1/mbo.pb.h"
#include "common/errors/errors.h"
#include "services/compensation/calculation/period_label.h"
#include "services/compensation/periods/period_status.h"
#include "services/compensation/store/mbo_store.h"
#include "services/compensation/store/plan_store.h"

namespace attain::compensation::mbo {

inline constexpr int kMaxScoresPerRequest = 10'000;
inline constexpr size_t kMaxCommentChars = 500;
// More would not fit in the error's trailer; the message still says how many there are.
inline constexpr size_t kMaxReportedViolations = 200;

// A score that passed ParseScores.
struct ScoreEntry {
  int index = 0;  // in the request's scores
  calculation::Period period;
  store::MboScoreRow row;  // period, seller_id, component_id, score, comment
};

struct ParsedScores {
  // The scores without problems, in request order.
  std::vector<ScoreEntry> entries;
  // Per request index, that score's problems (empty for a good one).
  std::vector<std::vector<errors::FieldViolation>> problems;

  // Moves the entries with problems out of `entries`.
  void DropEntriesWithProblems();
};

// The checks of each score that need nothing but the request: the period is a label, the
// seller and component ids are well formed, the score is decimal text >= 0, the comment has
// at most 500 characters, and no (period, seller, component) comes twice. Output-only fields
// are ignored.
ParsedScores ParseScores(const google::protobuf::RepeatedPtrField<v1::MboScore>& scores,
                         int fiscal_year_start_month);

// Per MBO component id, the smallest scale_max among `versions` whose period type is `type`:
// a score above it would pay more than the target under at least one of them.
using MboScales = absl::flat_hash_map<std::string, money::Decimal>;
MboScales ScalesInForce(const std::vector<store::PlanVersionInForce>& versions,
                        plan::PeriodType type);

// What the entries' references are checked against.
struct ScoreReferences {
  // Seller ids planning does not know.
  absl::flat_hash_set<std::string> missing_sellers;
  // Per period label, ScalesInForce of the plan versions in force during it.
  absl::flat_hash_map<std::string, MboScales> scales;
};

// Adds a problem for each entry whose seller does not exist, whose component is no MBO
// component of a plan in force during its period, or whose score is above that component's
// scale; then drops those entries.
void CheckReferences(const ScoreReferences& references, ParsedScores* parsed);

// OK while `period`'s scores may change: it is OPEN or CALCULATED. An APPROVED or LOCKED
// period's next run could not publish, so a changed score would be shown but never paid:
// FAILED_PRECONDITION with reason PERIOD_APPROVED or PERIOD_LOCKED.
absl::Status CheckPeriodTakesScores(const std::string& period, periods::PeriodStatus status);

// INVALID_ARGUMENT listing every problem in request order (at most kMaxReportedViolations);
// OK when there is none.
absl::Status ProblemsStatus(const ParsedScores& parsed);

}  // namespace attain::compensation::mbo
