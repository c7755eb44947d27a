#include "services/compensation/mbo/mbo_manager.h"

#include <algorithm>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/db/idempotency.h"
#include "common/errors/errors.h"
#include "common/server/page_token.h"
#include "services/compensation/mbo/score_access.h"
#include "services/compensation/mbo/score_proto.h"
#include "services/compensation/statements/paging.h"
#include "services/compensation/statements/request_fields.h"
#include "services/compensation/store/mbo_store.h"
#include "services/compensation/store/period_store.h"
#include "services/compensation/store/plan_store.h"

namespace attain::compensation::mbo {
namespace {

constexpr char kSetMethod[] = "SetMboScores";
constexpr size_t kMaxRequestId = 200;

absl::Status CheckSetRequest(const v1::SetMboScoresRequest& request) {
  if (request.scores_size() == 0) return errors::InvalidField("scores", "at least one score");
  if (request.scores_size() > kMaxScoresPerRequest) {
    return errors::InvalidField(
        "scores", absl::StrCat("at most ", kMaxScoresPerRequest, " scores per request"));
  }
  if (request.request_id().size() > kMaxRequestId) {
    return errors::InvalidField("request_id",
                                absl::StrCat("must be at most ", kMaxRequestId, " characters"));
  }
  return absl::OkStatus();
}

// "<seller_id> <component_id>": neither contains a space.
std::string PageKey(const store::MboScoreRow& score) {
  return absl::StrCat(score.seller_id, " ", score.component_id);
}

absl::StatusOr<std::optional<store::MboScoreKey>> ParsePageKey(const std::string& key) {
  if (key.empty()) return std::optional<store::MboScoreKey>();
  std::vector<std::string> parts = absl::StrSplit(key, ' ');
  if (parts.size() != 2) {
    return errors::InvalidField("page_token", "is not a token returned by this method");
  }
  return std::optional<store::MboScoreKey>(store::MboScoreKey{parts[0], parts[1]});
}

bool ByKey(const store::MboScoreRow& a, const store::MboScoreRow& b) {
  return std::tie(a.period, a.seller_id, a.component_id) <
         std::tie(b.period, b.seller_id, b.component_id);
}

// Adds to each listed score every value it has had.
absl::Status AddHistory(db::PgConn& conn, const std::string& period,
                        v1::ListMboScoresResponse* response) {
  std::vector<store::MboScoreKey> keys;
  absl::flat_hash_map<std::pair<std::string, std::string>, v1::MboScore*> listed;
  for (v1::MboScore& score : *response->mutable_scores()) {
    keys.push_back({score.seller_id(), score.component_id()});
    listed[{score.seller_id(), score.component_id()}] = &score;
  }
  auto history = store::LoadMboScoreHistory(conn, period, keys);
  if (!history.ok()) return history.status();
  for (const store::MboScoreRow& version : *history) {
    auto it = listed.find(std::make_pair(version.seller_id, version.component_id));
    if (it != listed.end()) *it->second->add_history() = ToChange(version);
  }
  return absl::OkStatus();
}

// One "compensation.mbo_scores.set" per period whose scores changed, about
// "periods/{period}/mboScores", listing them in LoadMboScores' order.
absl::Status AppendEvents(db::PgConn& tx, const std::string& request_id, const std::string& author,
                          std::vector<store::MboScoreRow> written) {
  std::sort(written.begin(), written.end(), ByKey);
  for (size_t begin = 0; begin < written.size();) {
    size_t end = begin;
    while (end < written.size() && written[end].period == written[begin].period) ++end;
    const std::vector<store::MboScoreRow> period(written.begin() + begin, written.begin() + end);
    if (auto s = events::Append(tx, "compensation.mbo_scores.set",
                                absl::StrCat("periods/", period.front().period, "/mboScores"),
                                ScoresSetEvent(request_id, author, period));
        !s.ok()) {
      return s;
    }
    begin = end;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status MboManager::CheckReports(const auth::Principal& principal,
                                      const std::vector<ScoreEntry>& entries) {
  absl::flat_hash_map<absl::CivilDay, absl::flat_hash_set<std::string>> reports_on;
  for (const ScoreEntry& entry : entries) {
    const absl::CivilDay day = entry.period.last;
    auto [reports, fresh] = reports_on.try_emplace(day);
    if (fresh) {
      auto found = reports_->Reports(principal.subject, day);
      if (!found.ok()) return found.status();
      reports->second = *std::move(found);
    }
    if (auto allowed =
            CheckReport(principal, ScoreAction::kSet, entry.row.seller_id, reports->second, day);
        !allowed.ok()) {
      return allowed;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<ScoreReferences> MboManager::LoadReferences(const std::vector<ScoreEntry>& entries) {
  ScoreReferences references;
  if (entries.empty()) return references;
  std::set<std::string> sellers;
  absl::flat_hash_map<std::string, calculation::Period> periods;
  for (const ScoreEntry& entry : entries) {
    sellers.insert(entry.row.seller_id);
    periods.try_emplace(entry.row.period, entry.period);
  }
  transactions::ReferenceIds ids;
  ids.seller_ids.assign(sellers.begin(), sellers.end());
  auto missing = sellers_->FindMissing(ids);
  if (!missing.ok()) return missing.status();
  references.missing_sellers.insert(missing->seller_ids.begin(), missing->seller_ids.end());

  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  for (const auto& [label, period] : periods) {
    auto plans = store::LoadPlansInForce(**lease, period.first, period.last);
    if (!plans.ok()) return plans.status();
    references.scales[label] = ScalesInForce(plans->versions, period.type);
  }
  return references;
}

absl::StatusOr<v1::SetMboScoresResponse> MboManager::Set(const auth::Principal& principal,
                                                         const v1::SetMboScoresRequest& request) {
  const ScoreScope scope = ScopeOf(principal, ScoreAction::kSet);
  if (scope == ScoreScope::kNone) return NoScoreAccess(ScoreAction::kSet);
  if (auto checked = CheckSetRequest(request); !checked.ok()) return checked;
  ParsedScores parsed = ParseScores(request.scores(), fiscal_year_start_month_);
  // Before the existence checks, so a manager learns nothing of sellers outside their scope.
  if (scope == ScoreScope::kReports) {
    if (auto allowed = CheckReports(principal, parsed.entries); !allowed.ok()) return allowed;
  }
  auto references = LoadReferences(parsed.entries);
  if (!references.ok()) return references.status();
  CheckReferences(*references, &parsed);
  if (auto problems = ProblemsStatus(parsed); !problems.ok()) return problems;

  std::vector<store::MboScoreRow> rows;
  std::set<std::string> periods;  // locked in label order, the same in every writer
  rows.reserve(parsed.entries.size());
  for (ScoreEntry& entry : parsed.entries) {
    periods.insert(entry.row.period);
    rows.push_back(std::move(entry.row));
  }
  // Rows, too, are locked in one order, so concurrent writers of the same scores queue
  // instead of deadlocking.
  std::sort(rows.begin(), rows.end(), ByKey);
  auto response = db::IdempotentWrite<v1::SetMboScoresResponse>(
      *pool_, request.request_id(), kSetMethod, request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<v1::SetMboScoresResponse> {
        // Shares each period row's lock with approvals: no score changes after one.
        for (const std::string& period : periods) {
          auto status = store::LoadPeriodStatus(tx, period, /*for_update=*/true);
          if (!status.ok()) return status.status();
          if (auto open = CheckPeriodTakesScores(period, *status); !open.ok()) {
            return open;
          }
        }
        auto written = store::UpsertMboScores(tx, rows, principal.subject, request.request_id());
        if (!written.ok()) return written.status();
        v1::SetMboScoresResponse out;
        for (const store::MboScoreRow& score : *written) {
          if (score.version == 1) {
            out.set_created_count(out.created_count() + 1);
          } else {
            out.set_updated_count(out.updated_count() + 1);
          }
        }
        out.set_unchanged_count(static_cast<int32_t>(rows.size() - written->size()));
        if (auto s = AppendEvents(tx, request.request_id(), principal.subject, *std::move(written));
            !s.ok()) {
          return s;
        }
        return out;
      });
  if (response.ok()) relay_->Notify();
  return response;
}

absl::StatusOr<std::optional<std::vector<std::string>>> MboManager::ListedSellers(
    const auth::Principal& principal, const v1::ListMboScoresRequest& request,
    const calculation::Period& period) {
  using Sellers = std::optional<std::vector<std::string>>;
  const bool one = !request.seller_id().empty();
  switch (ScopeOf(principal, ScoreAction::kList)) {
    case ScoreScope::kEveryone:
      return one ? Sellers({request.seller_id()}) : Sellers();
    case ScoreScope::kReports:
      break;
    case ScoreScope::kNone:
      return NoScoreAccess(ScoreAction::kList);
  }
  auto reports = reports_->Reports(principal.subject, period.last);
  if (!reports.ok()) return reports.status();
  if (one) {
    if (auto allowed = CheckReport(principal, ScoreAction::kList, request.seller_id(), *reports,
                                   period.last);
        !allowed.ok()) {
      return allowed;
    }
    return Sellers({request.seller_id()});
  }
  std::vector<std::string> sellers(reports->begin(), reports->end());
  sellers.push_back(principal.subject);
  return Sellers(std::move(sellers));
}

absl::StatusOr<v1::ListMboScoresResponse> MboManager::List(const auth::Principal& principal,
                                                           const v1::ListMboScoresRequest& request) {
  if (ScopeOf(principal, ScoreAction::kList) == ScoreScope::kNone) {
    return NoScoreAccess(ScoreAction::kList);
  }
  auto page_size = server::EffectivePageSize(request.page_size());
  if (!page_size.ok()) return page_size.status();
  auto label = statements::CanonicalPeriod(request.period(), fiscal_year_start_month_, "period");
  if (!label.ok()) return label.status();
  // A canonical label always parses again.
  const calculation::Period period = *calculation::ParsePeriod(*label, fiscal_year_start_month_);
  if (!request.seller_id().empty()) {
    if (auto s = statements::CheckSellerId(request.seller_id(), "seller_id"); !s.ok()) return s;
  }
  const std::string filter_key = statements::FilterFingerprint(request);
  auto key = server::DecodePageToken(request.page_token(), filter_key);
  if (!key.ok()) return key.status();
  auto after = ParsePageKey(*key);
  if (!after.ok()) return after.status();
  auto sellers = ListedSellers(principal, request, period);
  if (!sellers.ok()) return sellers.status();

  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto page = store::ListMboScores(**lease, period.label, *sellers, *after, *page_size);
  if (!page.ok()) return page.status();
  v1::ListMboScoresResponse response;
  for (const store::MboScoreRow& score : page->scores) *response.add_scores() = ToProto(score);
  if (request.include_history() && !page->scores.empty()) {
    if (auto added = AddHistory(**lease, period.label, &response); !added.ok()) return added;
  }
  if (page->more) {
    response.set_next_page_token(server::EncodePageToken(filter_key, PageKey(page->scores.back())));
  }
  return response;
}

}  // namespace attain::compensation::mbo
