#pragma once
// The credited transactions behind one component of a published statement. The calculation
// implements it by replaying the run's stored inputs (docs/compensation.md, "Lineage"); the
// statement API only pages through the result.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "attain/compensation/v1/calculation.pb.h"

namespace attain::compensation::statements {

struct CreditPage {
  std::vector<v1::CreditedTransaction> rows;  // the requested page
  size_t total = 0;                           // every credited transaction of the component
  std::string credited_total;                 // sum of every row's credit_value (decimal text)
};

class PayoutExplainer {
 public:
  virtual ~PayoutExplainer() = default;
  // Rows [offset, offset + limit) of the transactions credited to `seller_id` that count
  // toward `component_id` (its measure, or its SPIF's qualifying deals) in run `run_id`,
  // ordered by date, then source system and transaction id. A formula component has none.
  virtual absl::StatusOr<CreditPage> CreditedTransactions(int64_t run_id,
                                                          const std::string& seller_id,
                                                          const std::string& component_id,
                                                          size_t offset, size_t limit) = 0;
};

}  // namespace attain::compensation::statements
