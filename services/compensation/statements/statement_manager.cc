#include "services/compensation/statements/statement_manager.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/errors/errors.h"
#include "common/server/page_token.h"
#include "services/compensation/statements/paging.h"
#include "services/compensation/statements/payroll.h"
#include "services/compensation/statements/request_fields.h"
#include "services/compensation/statements/statement_access.h"
#include "services/compensation/statements/statement_cache.h"
#include "services/compensation/store/statement_store.h"

namespace attain::compensation::statements {
namespace {

absl::Status NoPublishedRun(const std::string& period) {
  return absl::NotFoundError(absl::StrCat("periods/", period, " has no published calculation run"));
}

absl::StatusOr<v1::Statement> ParseBody(const std::string& body, const std::string& seller_id) {
  v1::Statement statement;
  if (!statement.ParseFromString(body)) {
    return absl::InternalError(
        absl::StrCat("the stored statement of sellers/", seller_id, " does not parse"));
  }
  return statement;
}

// An explanation page token's key: "<run_id> <offset>". The run is in it so a token cannot
// page into the results of a run published after the first page.
struct ExplainPosition {
  int64_t run_id = 0;
  size_t offset = 0;
};

absl::StatusOr<std::optional<ExplainPosition>> ParseExplainKey(const std::string& key) {
  if (key.empty()) return std::optional<ExplainPosition>();
  std::vector<std::string> parts = absl::StrSplit(key, ' ');
  ExplainPosition position;
  if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &position.run_id) ||
      !absl::SimpleAtoi(parts[1], &position.offset)) {
    return errors::InvalidField("page_token", "is not a token returned by this method");
  }
  return std::optional<ExplainPosition>(position);
}

absl::Status MissingComponent(const v1::Statement& statement, const std::string& period,
                              const std::string& seller_id, const std::string& component_id) {
  std::vector<std::string> ids;
  for (const v1::ComponentResult& component : statement.components()) {
    ids.push_back(component.component_id());
  }
  return absl::NotFoundError(absl::StrCat(
      "component \"", component_id, "\" is not on periods/", period, "/statements/", seller_id,
      ids.empty() ? "; it has no components"
                  : absl::StrCat("; its components are: ", absl::StrJoin(ids, ", "))));
}

}  // namespace

absl::StatusOr<StatementManager::PublishedStatement> StatementManager::LoadPublished(
    const std::string& period, const std::string& seller_id) {
  const std::string published_key = PublishedKey(period);
  const std::string statement_key = StatementKey(period, seller_id);
  // The hottest read of the service: served in process while Redis announces no change.
  std::vector<std::optional<std::string>> cached = cache_->GetManyNear({published_key, statement_key});
  // A PostgreSQL connection only for what the cache did not have.
  std::optional<db::PgPool::Lease> lease;
  auto conn = [&]() -> absl::StatusOr<db::PgConn*> {
    if (!lease) {
      auto acquired = pool_->Acquire();
      if (!acquired.ok()) return acquired.status();
      lease.emplace(*std::move(acquired));
    }
    return &**lease;
  };

  std::optional<PublishedRun> run = cached[0] ? DecodePublished(*cached[0]) : std::nullopt;
  if (!run) {
    auto db = conn();
    if (!db.ok()) return db.status();
    auto stored = store::GetPublishedRun(**db, period);
    if (!stored.ok()) return stored.status();
    // Nothing is cached for an unpublished period: its first run needs no invalidation.
    if (!stored->has_value()) return NoPublishedRun(period);
    run = **stored;
    cache_->Put(published_key, EncodePublished(*run));
  }
  if (auto record = CachedStatementOfRun(std::move(cached[1]), run->run_id)) {
    return PublishedStatement{*run, std::move(record)};
  }
  auto db = conn();
  if (!db.ok()) return db.status();
  auto record = store::GetStatement(**db, run->run_id, seller_id);
  if (!record.ok()) return record.status();
  if (record->has_value()) {
    if (auto parsed = ParseBody((*record)->body, seller_id); !parsed.ok()) return parsed.status();
    cache_->Put(statement_key, EncodeStatement({.run_id = run->run_id, .record = **record}));
  }
  return PublishedStatement{*run, *std::move(record)};
}

absl::StatusOr<StatementManager::ReadableRecord> StatementManager::LoadReadable(
    const auth::Principal& principal, const std::string& seller_id, const std::string& period,
    std::optional<int64_t> expected_run_id) {
  if (auto may = CheckMayRequest(principal, seller_id); !may.ok()) return may;
  auto published = LoadPublished(period, seller_id);
  if (!published.ok()) return published.status();
  const PublishedRun& run = published->run;
  if (expected_run_id && *expected_run_id != run.run_id) {
    return errors::WithReason(
        absl::AbortedError(absl::StrCat("periods/", period,
                                        " was recalculated since the first page; start again "
                                        "without page_token")),
        "RESULTS_REPUBLISHED");
  }
  std::optional<StatementRecord>& record = published->record;
  if (!record.has_value()) return MissingStatement(principal, seller_id, period);
  if (auto read = CheckRead(principal, seller_id, record->managers); !read.ok()) return read;
  return ReadableRecord{run, *std::move(record)};
}

absl::StatusOr<std::string> StatementManager::GetSerialized(
    const auth::Principal& principal, const v1::GetStatementRequest& request) {
  if (auto s = CheckSellerId(request.seller_id(), "seller_id"); !s.ok()) return s;
  auto period = CanonicalPeriod(request.period(), fiscal_year_start_month_, "period");
  if (!period.ok()) return period.status();
  auto readable = LoadReadable(principal, request.seller_id(), *period, std::nullopt);
  if (!readable.ok()) return readable.status();
  return std::move(readable->record.body);
}

absl::StatusOr<v1::ListStatementsResponse> StatementManager::List(
    const auth::Principal& principal, const v1::ListStatementsRequest& request) {
  auto page_size = PageSize(request.page_size(), kDefaultStatementPageSize, kMaxStatementPageSize);
  if (!page_size.ok()) return page_size.status();
  auto period = CanonicalPeriod(request.period(), fiscal_year_start_month_, "period");
  if (!period.ok()) return period.status();
  const std::string filter_key = FilterFingerprint(request);
  // The key is the last seller id of the page (seller ids never need escaping).
  auto after_seller = server::DecodePageToken(request.page_token(), filter_key);
  if (!after_seller.ok()) return after_seller.status();

  store::StatementVisibility visibility;
  switch (ScopeOf(principal)) {
    case StatementScope::kEveryone:
      break;
    case StatementScope::kSubtree:
      visibility = {.everyone = false, .viewer = principal.subject, .with_reports = true};
      break;
    case StatementScope::kSelf:
      visibility = {.everyone = false, .viewer = principal.subject, .with_reports = false};
      break;
    case StatementScope::kNone:
      return errors::WithReason(absl::PermissionDeniedError("not allowed to list statements"),
                                "OUTSIDE_CALLER_SCOPE");
  }

  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto page =
      store::ListPublishedStatements(**lease, *period, visibility, *after_seller, *page_size);
  if (!page.ok()) return page.status();
  v1::ListStatementsResponse response;
  for (const auto& [seller_id, body] : page->statements) {
    auto statement = ParseBody(body, seller_id);
    if (!statement.ok()) return statement.status();
    *response.add_statements() = *std::move(statement);
  }
  if (page->more) {
    response.set_next_page_token(
        server::EncodePageToken(filter_key, page->statements.back().first));
  }
  return response;
}

absl::StatusOr<v1::ExplainPayoutResponse> StatementManager::Explain(
    const auth::Principal& principal, const v1::ExplainPayoutRequest& request) {
  if (auto s = CheckSellerId(request.seller_id(), "seller_id"); !s.ok()) return s;
  auto period = CanonicalPeriod(request.period(), fiscal_year_start_month_, "period");
  if (!period.ok()) return period.status();
  if (request.component_id().empty()) return errors::InvalidField("component_id", "is required");
  auto page_size = PageSize(request.page_size(), kDefaultExplainPageSize, kMaxExplainPageSize);
  if (!page_size.ok()) return page_size.status();
  const std::string filter_key = FilterFingerprint(request);
  auto key = server::DecodePageToken(request.page_token(), filter_key);
  if (!key.ok()) return key.status();
  auto position = ParseExplainKey(*key);
  if (!position.ok()) return position.status();
  if (explainer_ == nullptr) {
    return absl::UnimplementedError("payout explanations are not available in this deployment");
  }

  auto readable =
      LoadReadable(principal, request.seller_id(), *period,
                   *position ? std::optional<int64_t>((*position)->run_id) : std::nullopt);
  if (!readable.ok()) return readable.status();
  auto parsed = ParseBody(readable->record.body, request.seller_id());
  if (!parsed.ok()) return parsed.status();
  const v1::Statement& statement = *parsed;
  const v1::ComponentResult* component = nullptr;
  for (const v1::ComponentResult& candidate : statement.components()) {
    if (candidate.component_id() == request.component_id()) component = &candidate;
  }
  if (component == nullptr)
    return MissingComponent(statement, *period, request.seller_id(), request.component_id());

  const size_t offset = *position ? (*position)->offset : 0;
  auto credits = explainer_->CreditedTransactions(readable->run.run_id, request.seller_id(),
                                                  request.component_id(), offset,
                                                  static_cast<size_t>(*page_size));
  if (!credits.ok()) return credits.status();
  v1::ExplainPayoutResponse response;
  *response.mutable_component() = *component;
  for (v1::CreditedTransaction& row : credits->rows) {
    *response.add_transactions() = std::move(row);
  }
  response.set_total_size(static_cast<int32_t>(credits->total));
  response.set_credited_total(credits->credited_total);
  for (const v1::ClawbackLine& clawback : statement.clawbacks()) {
    if (clawback.component_id() == request.component_id()) *response.add_clawbacks() = clawback;
  }
  response.set_run(RunName(*period, readable->run.run_number));
  const size_t next = offset + static_cast<size_t>(response.transactions_size());
  if (response.transactions_size() > 0 && next < credits->total) {
    response.set_next_page_token(
        server::EncodePageToken(filter_key, absl::StrCat(readable->run.run_id, " ", next)));
  }
  return response;
}

absl::StatusOr<v1::ExportPayrollResponse> StatementManager::ExportPayroll(
    const v1::ExportPayrollRequest& request) {
  auto period = CanonicalPeriod(request.period(), fiscal_year_start_month_, "period");
  if (!period.ok()) return period.status();
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto published = store::LoadPublishedPayroll(**lease, *period);
  if (!published.ok()) return published.status();
  if (!published->has_value()) return NoPublishedRun(*period);
  auto payroll = BuildPayroll((*published)->rows);
  if (!payroll.ok()) return payroll.status();
  v1::ExportPayrollResponse response;
  response.set_run(RunName(*period, (*published)->run.run_number));
  for (const PayrollLine& line : payroll->lines) {
    v1::PayrollLine* out = response.add_lines();
    out->set_seller_id(line.seller_id);
    out->set_period(*period);
    out->set_amount(line.amount);
    out->set_currency(line.currency);
  }
  for (const auto& [currency, total] : payroll->totals)
    (*response.mutable_totals())[currency] = total;
  return response;
}

}  // namespace attain::compensation::statements
