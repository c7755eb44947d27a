#pragma once
// A deterministic data set for a calculation run at scale (bench/compensation_run_bench.cc):
//   organization: `sellers` sellers in three levels, about 1 % "Sales Director", 9 %
//     "Sales Manager" reporting to a director and the rest "Account Executive" reporting to a
//     manager, every line from kCalculationOrgStart, open-ended; 2 % of the reps move to
//     another manager on the middle day of the transactions' range (effective-dated roll-up).
//   territories: one geographic territory per rep, covered by that rep (every tenth one
//     shared 60/40 with the next rep) and one overlay territory per director, covered by a
//     rep in the OVERLAY role. Every account lies in one geographic territory; a third also
//     in an overlay territory.
//   accounts and products: the same seed's demo accounts (with their currencies) and catalog
//     (catalog_generator.h).
//   quotas: a monthly quota per seller, scaled so a rep's expected monthly revenue is
//     70 %-130 % of it and a manager's is their reps' together.
//   plan: monthly, in USD, assigned by title to every rep and manager from the start of the
//     year: measure `revenue` (credited amount of orders, cancellations, refunds and
//     adjustments) against the seller's quota; a commission with graduated attainment tiers
//     (2 % to half of quota, 4 % to quota, 6 % above), a bonus at 80 / 100 / 120 % attainment
//     (a quarter, half, all of the target incentive: 10,000 for reps, 15,000 for managers)
//     and a SPIF of 100 per Analytics order of at least 50,000 dated in the range.
//   transactions: `transactions` rows over [first_day, last_day], generated one at a time so
//     any count streams in constant memory: types as in transaction_generator.h; 55 % with
//     neither owner nor splits (credited through territories), 30 % owned by the account's
//     territory rep, 15 % split between that rep and another (60/40, 50/50, 70/30), a third of
//     those with an overlay seller on top; half with attributes.
// The organization is planning's ExportCreditingData records (what a calculation run reads)
// and, for `attainctl sellers import`, planning::v1::Seller rows. The same options always give
// the same data.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "attain/compensation/v1/plans.pb.h"
#include "attain/compensation/v1/transactions.pb.h"
#include "attain/planning/v1/accounts.pb.h"
#include "attain/planning/v1/crediting.pb.h"
#include "attain/planning/v1/organization.pb.h"
#include "attain/planning/v1/products.pb.h"
#include "tools/datagen/random.h"

namespace attain::datagen {

inline constexpr char kCalculationOrgStart[] = "2025-01-01";
inline constexpr char kRepTitle[] = "Account Executive";
inline constexpr char kManagerTitle[] = "Sales Manager";
inline constexpr char kDirectorTitle[] = "Sales Director";

struct CalculationDataOptions {
  uint64_t seed = 42;
  int sellers = 10000;  // >= 3
  int accounts = 100000;
  int64_t transactions = 1000000;
  absl::CivilDay first_day = absl::CivilDay(2026, 1, 1);
  absl::CivilDay last_day = absl::CivilDay(2026, 3, 31);
  std::string source_system = "crm";
};

struct CalculationOrg {
  std::vector<planning::v1::Seller> sellers;  // directors, managers, reps, with reporting lines
  // Everything ExportCreditingData streams for the range, in one message (no snapshot marker).
  planning::v1::CreditingDataChunk crediting;
  std::vector<planning::v1::Account> accounts;
  std::vector<planning::v1::Product> products;
  // Per seller (as `sellers`): quota per month in USD, whole dollars.
  std::vector<int64_t> monthly_quota;
  // Per account: the index (among the reps) of its geographic territory's primary rep.
  std::vector<uint32_t> account_rep;
  std::vector<std::string> rep_ids;
};

CalculationOrg GenerateCalculationOrg(const CalculationDataOptions& options);

// The organization as ExportCreditingData streams it: chunks of at most 10,000 records,
// kinds in field order (the first chunk's snapshot marker is the server's to set).
std::vector<planning::v1::CreditingDataChunk> CreditingChunks(const CalculationOrg& org);

inline constexpr char kCalculationPlanId[] = "field-sales";
// The plan as PlanService.CreatePlan takes it (version 1, to be activated from
// PlanStart(options)), and its assignments by title.
compensation::v1::CreatePlanRequest CalculationPlan(const CalculationDataOptions& options);
std::vector<compensation::v1::PlanAssignment> CalculationAssignments(
    const CalculationDataOptions& options);
// January 1st of the first transaction's year.
absl::CivilDay PlanStart(const CalculationDataOptions& options);

// The transactions of the data set, one at a time.
class CalculationTransactions {
 public:
  // `org` must outlive the stream and come from the same options.
  CalculationTransactions(const CalculationOrg& org, const CalculationDataOptions& options);

  // Fills `t` (cleared first) with the next transaction; false after the last one.
  bool Next(compensation::v1::Transaction* t);
  int64_t produced() const { return produced_; }

 private:
  const CalculationOrg& org_;
  CalculationDataOptions options_;
  Random random_;
  std::vector<int64_t> price_cents_;
  int64_t days_ = 0;
  int id_width_ = 0;
  int64_t produced_ = 0;
};

// (currency, rate into USD) for every currency the accounts use but USD, one rate for every
// month: the rates the amounts were generated with, as fx_rates rows would hold them.
std::vector<std::pair<std::string, std::string>> CalculationRatesToUsd();

// The transactions as CSV (transaction_csv.h), header included, handed to `write` in pieces
// of about 4 MB so any count streams. False when `write` returns false.
bool WriteCalculationTransactionsCsv(const CalculationDataOptions& options,
                                     const std::function<bool(std::string_view)>& write);

}  // namespace attain::datagen
