#pragma once
// The Redis entries behind GetStatement and ExplainPayout.
//
//   "published:{period}"            -> the period's published run ("{run_id}:{run_number}")
//   "statement:{run_id}:{seller}"   -> that run's statement of the seller, with its managers
//
// A run's statements never change once written, so statement entries are never stale. The
// published pointer moves when a later run publishes; the run calls InvalidatePublished
// after its publishing transaction commits. (A reader that loaded the old pointer just
// before can put it back after the invalidation; the cache TTL bounds that window.)

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
std::string StatementKey(int64_t run_id, const std::string& seller_id);

std::string EncodePublished(const PublishedRun& run);
// nullopt when `value` is not what EncodePublished writes (the entry is then reloaded).
std::optional<PublishedRun> DecodePublished(const std::string& value);

// "<count>\n", then "<length>:<manager>" per manager, then the body's bytes.
std::string EncodeStatement(const StatementRecord& record);
std::optional<StatementRecord> DecodeStatement(const std::string& value);

}  // namespace attain::compensation::statements
