#include "services/compensation/mbo/score_validation.h"

#include <algorithm>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/compensation/plans/field_input.h"
#include "services/compensation/statements/request_fields.h"

namespace attain::compensation::mbo {
namespace {

std::string Field(int index, const char* field) {
  return absl::StrCat("scores[", index, "].", field);
}

const char* PlanKind(plan::PeriodType type) {
  switch (type) {
    case plan::PeriodType::kMonthly:
      return "monthly";
    case plan::PeriodType::kQuarterly:
      return "quarterly";
    case plan::PeriodType::kAnnual:
      return "annual";
  }
  return "";
}

// The period of `label`, parsed once per label of a request; nullopt (with the violation
// added) when it is not a period label.
class PeriodLabels {
 public:
  explicit PeriodLabels(int fiscal_year_start_month) : start_month_(fiscal_year_start_month) {}

  std::optional<calculation::Period> Parse(const std::string& label, const std::string& field,
                                           std::vector<errors::FieldViolation>* violations) {
    const std::string canonical =
        statements::CanonicalPeriod(label, start_month_, field, violations);
    if (canonical.empty()) return std::nullopt;
    auto [it, fresh] = parsed_.try_emplace(canonical);
    if (fresh) {
      // A canonical label always parses again.
      it->second = *calculation::ParsePeriod(canonical, start_month_);
    }
    return it->second;
  }

 private:
  const int start_month_;
  absl::flat_hash_map<std::string, calculation::Period> parsed_;
};

std::optional<money::Decimal> ScaleOf(const ScoreReferences& references,
                                     const store::MboScoreRow& row) {
  const auto scales = references.scales.find(row.period);
  if (scales == references.scales.end()) return std::nullopt;
  const auto scale = scales->second.find(row.component_id);
  if (scale == scales->second.end()) return std::nullopt;
  return scale->second;
}

}  // namespace

void ParsedScores::DropEntriesWithProblems() {
  entries.erase(std::remove_if(entries.begin(), entries.end(),
                               [this](const ScoreEntry& e) { return !problems[e.index].empty(); }),
                entries.end());
}

ParsedScores ParseScores(const google::protobuf::RepeatedPtrField<v1::MboScore>& scores,
                         int fiscal_year_start_month) {
  ParsedScores parsed;
  parsed.problems.resize(scores.size());
  PeriodLabels labels(fiscal_year_start_month);
  absl::flat_hash_map<std::tuple<std::string, std::string, std::string>, int> first_index;
  for (int i = 0; i < scores.size(); ++i) {
    const v1::MboScore& in = scores[i];
    std::vector<errors::FieldViolation>& problems = parsed.problems[i];
    ScoreEntry entry;
    entry.index = i;
    std::optional<calculation::Period> period =
        labels.Parse(in.period(), Field(i, "period"), &problems);
    if (auto s = statements::CheckSellerId(in.seller_id(), Field(i, "seller_id")); !s.ok()) {
      for (errors::FieldViolation& v : errors::FieldViolationsOf(s)) problems.push_back(std::move(v));
    }
    if (in.component_id().empty()) {
      problems.push_back({Field(i, "component_id"), "is required"});
    } else if (!plans::IsIdentifier(in.component_id())) {
      problems.push_back({Field(i, "component_id"), plans::kIdentifierRule});
    }
    std::optional<money::Decimal> score =
        plans::ParseNonNegative(in.score(), Field(i, "score"), &problems);
    entry.row.comment = std::string(absl::StripAsciiWhitespace(in.comment()));
    if (statements::CharacterCount(entry.row.comment) > kMaxCommentChars) {
      problems.push_back(
          {Field(i, "comment"), absl::StrCat("must be at most ", kMaxCommentChars, " characters")});
    }
    if (!problems.empty()) continue;
    entry.period = *period;
    entry.row.period = period->label;
    entry.row.seller_id = in.seller_id();
    entry.row.component_id = in.component_id();
    entry.row.score = *score;
    auto [it, fresh] = first_index.try_emplace(
        std::make_tuple(entry.row.period, entry.row.seller_id, entry.row.component_id), i);
    if (!fresh) {
      problems.push_back({Field(i, "component_id"),
                          absl::StrCat("repeats scores[", it->second,
                                       "] (the same period, seller and component)")});
      continue;
    }
    parsed.entries.push_back(std::move(entry));
  }
  return parsed;
}

MboScales ScalesInForce(const std::vector<store::PlanVersionInForce>& versions,
                        plan::PeriodType type) {
  MboScales scales;
  for (const store::PlanVersionInForce& version : versions) {
    if (version.plan->period_type != type) continue;
    for (const plan::Component& component : version.plan->components) {
      if (component.kind != plan::ComponentKind::kMbo) continue;
      auto [it, fresh] = scales.try_emplace(component.id, component.mbo.scale_max);
      if (!fresh) it->second = std::min(it->second, component.mbo.scale_max);
    }
  }
  return scales;
}

void CheckReferences(const ScoreReferences& references, ParsedScores* parsed) {
  for (const ScoreEntry& entry : parsed->entries) {
    std::vector<errors::FieldViolation>& problems = parsed->problems[entry.index];
    const store::MboScoreRow& row = entry.row;
    if (references.missing_sellers.contains(row.seller_id)) {
      problems.push_back(
          {Field(entry.index, "seller_id"), absl::StrCat("sellers/", row.seller_id, " does not exist")});
    }
    const std::optional<money::Decimal> scale = ScaleOf(references, row);
    if (!scale) {
      problems.push_back({Field(entry.index, "component_id"),
                          absl::StrCat("is not an MBO component of any ", PlanKind(entry.period.type),
                                       " plan in force in ", row.period)});
    } else if (row.score > *scale) {
      problems.push_back({Field(entry.index, "score"),
                          absl::StrCat("must be at most ", scale->ToString(),
                                       ", the scale of MBO component ", row.component_id,
                                       " in the plans in force in ", row.period)});
    }
  }
  parsed->DropEntriesWithProblems();
}

absl::Status CheckPeriodTakesScores(const std::string& period, periods::PeriodStatus status) {
  switch (status) {
    case periods::PeriodStatus::kOpen:
    case periods::PeriodStatus::kCalculated:
      return absl::OkStatus();
    case periods::PeriodStatus::kApproved:
      return errors::WithReason(
          absl::FailedPreconditionError(absl::StrCat(
              "period ", period,
              " is APPROVED: reopen it (TransitionPeriod to CALCULATED) before changing its MBO "
              "scores")),
          "PERIOD_APPROVED");
    case periods::PeriodStatus::kLocked:
      break;
  }
  return errors::WithReason(
      absl::FailedPreconditionError(absl::StrCat(
          "period ", period,
          " is LOCKED: its published results never change; pay a score correction as an "
          "adjustment in an open period")),
      "PERIOD_LOCKED");
}

absl::Status ProblemsStatus(const ParsedScores& parsed) {
  std::vector<errors::FieldViolation> violations;
  size_t total = 0;
  for (const std::vector<errors::FieldViolation>& problems : parsed.problems) {
    total += problems.size();
    for (const errors::FieldViolation& problem : problems) {
      if (violations.size() < kMaxReportedViolations) violations.push_back(problem);
    }
  }
  if (violations.empty()) return absl::OkStatus();
  const std::string first = absl::StrCat(violations[0].field, ": ", violations[0].description);
  absl::Status listed = errors::InvalidFields(std::move(violations));
  if (total <= kMaxReportedViolations) return listed;
  // The message counts every problem, though only the first ones are listed.
  absl::Status out(absl::StatusCode::kInvalidArgument,
                   absl::StrCat(first, " (and ", total - 1, " more; the first ",
                                kMaxReportedViolations, " are listed)"));
  listed.ForEachPayload(
      [&out](absl::string_view url, const absl::Cord& payload) { out.SetPayload(url, payload); });
  return out;
}

}  // namespace attain::compensation::mbo
