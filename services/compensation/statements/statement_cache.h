#pragma once
// The Redis entries behind GetStatement and ExplainPayout.
//
//   "published:{period}"                    -> the period's published run ("{run_id}:{run_number}")
//   "published-statement:{period}:{seller}" -> a run's statement of the seller, with its
//                                              managers, tagged with that run's id
//
// A read fetches both in one round trip (MGET) and serves the statement only when its run is
// the one the pointer names; otherwise it loads that run's statement from PostgreSQL and
// replaces the entry. So no read serves a statement of a run other than the published one,
// and a later run needs to invalidate nothing but the pointer: the run calls
// InvalidatePublished after its publishing transaction commits. (A reader that loaded the
// old pointer just before can put it back after the invalidation; the cache TTL bounds that
// window.) The cache counts an entry of another run as a hit; the read then replaces it.

#include <cstdint>
#include <optional>
#include <string>

#include "common/cache/cache.h"
#include "services/compensation/statements/statement_record.h"

namespace attain::compensation::statements {

// For the calculation: call after the transaction that set calc_periods.published_run_id
// of `period` (its canonical label) has committed.
void InvalidatePublished(cache::Cache& cache, const std::string& period);

std::string PublishedKey(const std::string& period);
std::string StatementKey(const std::string& period, const std::string& seller_id);

std::string EncodePublished(const PublishedRun& run);
// nullopt when `value` is not what EncodePublished writes (the entry is then reloaded).
std::optional<PublishedRun> DecodePublished(const std::string& value);

// A statement entry: run `run_id`'s statement of the seller.
struct StatementEntry {
  int64_t run_id = 0;
  StatementRecord record;
  friend bool operator==(const StatementEntry&, const StatementEntry&) = default;
};

// "<run_id>\n<count>\n", then "<length>:<manager>" per manager, then the body's bytes.
std::string EncodeStatement(const StatementEntry& entry);
std::optional<StatementEntry> DecodeStatement(const std::string& value);

// The cached statement of run `run_id`: nullopt when `value` is missing, garbage or another
// run's entry (the statement is then loaded and the entry replaced).
std::optional<StatementRecord> CachedStatementOfRun(std::optional<std::string> value,
                                                    int64_t run_id);

}  // namespace attain::compensation::statements
