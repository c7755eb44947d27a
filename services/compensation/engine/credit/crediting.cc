#include "services/compensation/engine/credit/crediting.h"

#include <algorithm>

#include "services/compensation/engine/credit/chunks.h"

namespace attain::compensation::credit {
namespace {

const Decimal kWhole = Decimal::FromUnits(1);

void Direct(const Transaction& t, std::span<const SplitShare> splits, uint32_t index,
            const OrgIndex& org, std::vector<Credit>* out) {
  if (t.split_count != 0) {
    for (const SplitShare& s : SplitsOf(t, splits)) {
      out->push_back({index, s.seller, s.fraction, CreditRule::kSplit, kNone, 0});
    }
    return;
  }
  if (t.owner != kNone) {
    out->push_back({index, t.owner, kWhole, CreditRule::kOwner, kNone, 0});
    return;
  }
  for (const AccountTerritory& at : org.TerritoriesOf(t.account)) {
    if (!at.when.Contains(t.date)) continue;
    for (const Coverage& c : org.CoverageOf(at.territory)) {
      if (!c.when.Contains(t.date)) continue;
      const CreditRule rule = at.overlay || c.overlay ? CreditRule::kOverlay : CreditRule::kTerritory;
      out->push_back({index, c.seller, c.fraction, rule, at.territory, 0});
    }
  }
}

// Roll-up credits for the direct credits out[first..], merged per manager.
void RollUp(const Transaction& t, uint32_t index, size_t first, const OrgIndex& org,
            const RollUpPolicy& policy, std::vector<Credit>* out) {
  if (policy.max_depth <= 0) return;
  const size_t direct_end = out->size();
  for (size_t i = first; i < direct_end; ++i) {
    const Credit credited = (*out)[i];
    uint32_t seller = credited.seller;
    for (int depth = 1; depth <= policy.max_depth; ++depth) {
      const uint32_t manager = org.ManagerOn(seller, t.date);
      if (manager == kNone) break;
      seller = manager;
      if (!policy.receives.empty() && (manager >= policy.receives.size() || !policy.receives[manager])) {
        continue;
      }
      auto merged = std::find_if(out->begin() + direct_end, out->end(),
                                 [&](const Credit& c) { return c.seller == manager; });
      if (merged == out->end()) {
        out->push_back({index, manager, credited.fraction, CreditRule::kRollUp, credited.seller,
                        static_cast<uint8_t>(depth)});
        continue;
      }
      // Shares are at most a few whole units: the sum cannot overflow.
      merged->fraction = merged->fraction.Add(credited.fraction).value_or(merged->fraction);
      if (depth < merged->depth) {
        merged->depth = static_cast<uint8_t>(depth);
        merged->via = credited.seller;
      }
    }
  }
  std::sort(out->begin() + direct_end, out->end(),
            [](const Credit& a, const Credit& b) { return a.seller < b.seller; });
}

}  // namespace

void CreditTransactions(std::span<const Transaction> transactions,
                        std::span<const SplitShare> splits, uint32_t first_index,
                        const OrgIndex& org, const RollUpPolicy& policy, std::vector<Credit>* out) {
  for (size_t i = 0; i < transactions.size(); ++i) {
    const uint32_t index = first_index + static_cast<uint32_t>(i);
    const size_t first = out->size();
    Direct(transactions[i], splits, index, org, out);
    RollUp(transactions[i], index, first, org, policy, out);
  }
}

std::vector<Credit> CreditAll(std::span<const Transaction> transactions,
                              std::span<const SplitShare> splits, const OrgIndex& org,
                              const RollUpPolicy& policy, int threads) {
  threads = std::max(1, std::min<int>(threads, static_cast<int>(transactions.size() / 1024) + 1));
  std::vector<std::vector<Credit>> parts(threads);
  InChunks(transactions.size(), threads, [&](int w, size_t begin, size_t end) {
    parts[w].reserve((end - begin) * 4);
    CreditTransactions(transactions.subspan(begin, end - begin), splits,
                       static_cast<uint32_t>(begin), org, policy, &parts[w]);
  });
  if (threads == 1) return std::move(parts[0]);
  size_t total = 0;
  for (const auto& part : parts) total += part.size();
  std::vector<Credit> all;
  all.reserve(total);
  for (auto& part : parts) all.insert(all.end(), part.begin(), part.end());
  return all;
}

}  // namespace attain::compensation::credit
