#include "services/planning/engine/balancing/balancer.h"

#include <optional>
#include <utility>
#include <vector>

#include "services/planning/engine/balancing/metrics.h"
#include "services/planning/engine/balancing/problem.h"
#include "services/planning/engine/balancing/repair.h"
#include "services/planning/engine/balancing/validate.h"

namespace attain::planning::balancing {
namespace {

// The up-front proof of infeasibility if there is one, else `fallback` (what stopped the
// search). Only read when the band was missed.
Diagnosis Explain(const Problem& problem, Diagnosis fallback) {
  if (std::optional<Diagnosis> proven = ProveInfeasible(problem)) return *std::move(proven);
  return fallback;
}

Diagnosis StopReason(Shortfall stop) {
  if (stop == Shortfall::kIterationLimit) {
    return {stop, "options.max_iterations reached before every territory was within the band"};
  }
  return {Shortfall::kNoImprovingMove,
          "no single move or swap of unlocked accounts reduces the remaining imbalance"};
}

// Indices of the accounts whose current territory is set (kept) or not (to place).
std::vector<int> AccountsWhere(const Request& request, bool locked, bool assigned) {
  std::vector<int> out;
  for (size_t a = 0; a < request.accounts.size(); ++a) {
    const Account& account = request.accounts[a];
    if (account.locked == locked && account.current_territory.has_value() == assigned) {
      out.push_back(static_cast<int>(a));
    }
  }
  return out;
}

}  // namespace

absl::StatusOr<Proposal> Balance(const Request& request) {
  if (absl::Status status = ViolationsToStatus(Validate(request)); !status.ok()) return status;
  const Problem problem = MakeProblem(request);
  std::vector<int> territory_of = CurrentAssignment(request);
  Loads loads = LoadsOf(problem, territory_of);
  PlaceGreedily(problem, AccountsWhere(request, /*locked=*/false, /*assigned=*/false), territory_of,
                loads);
  const RepairResult repair = Repair(problem, territory_of, loads);
  Proposal proposal =
      MakeProposal(problem, territory_of, Explain(problem, StopReason(repair.stop)));
  proposal.moves = repair.moves;
  proposal.swaps = repair.swaps;
  return proposal;
}

absl::StatusOr<Proposal> AssignFromScratch(const Request& request) {
  if (absl::Status status = ViolationsToStatus(Validate(request)); !status.ok()) return status;
  const Problem problem = MakeProblem(request);
  std::vector<int> territory_of(request.accounts.size(), kUnassigned);
  for (int a : AccountsWhere(request, /*locked=*/true, /*assigned=*/true)) {
    territory_of[a] = *request.accounts[a].current_territory;
  }
  Loads loads = LoadsOf(problem, territory_of);
  std::vector<int> free = AccountsWhere(request, /*locked=*/false, /*assigned=*/true);
  for (int a : AccountsWhere(request, /*locked=*/false, /*assigned=*/false)) free.push_back(a);
  PlaceGreedily(problem, std::move(free), territory_of, loads);
  return MakeProposal(problem, territory_of,
                      Explain(problem, {Shortfall::kNoImprovingMove,
                                        "LPT placement left a territory outside "
                                        "the band"}));
}

}  // namespace attain::planning::balancing
