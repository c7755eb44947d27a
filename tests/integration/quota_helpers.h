#pragma once
// A small quota-planning world for integration tests: sellers, a 3-level territory tree
// with rules, accounts, a product, two years of bookings and one AssignAccounts run.
//
//   <tag>-world (WORLD)
//   <tag>-w (REGION, plan root)      accounts (state -> territory), bookings per month:
//     <tag>-east (DISTRICT)            a1 NY -> e1   2025: 5 x 100  2024: 5 x (80|100|120)
//       <tag>-e1  (state NY)           a4 NY -> e1   2025: 5 x 50   2024: 5 x 50
//       <tag>-e2  (state MA)           a2 MA -> e2   2025: 5 x 60   2024: 5 x 60
//     <tag>-west (DISTRICT)            a3 CA -> w1   2025: 5 x 90   2024: 5 x 90
//       <tag>-w1  (state CA)
//
// FY2025 (calendar 2025) totals: e1 9 000, e2 3 600, w1 5 400; east 12 600, west 5 400.
// Sellers: <tag>-mgr; <tag>-rep1 (hired 2024-01-01, reports to mgr, e1 100 % from 2025-01-01);
// <tag>-rep2 (hired 2026-02-15, w1 100 % from 2026-02-15).

#include <string>

#include "attain/planning/v1/quotas.grpc.pb.h"
#include "tests/integration/harness/stack.h"

namespace attain::itest {

struct QuotaWorld {
  std::string tag;
  std::string Id(const std::string& suffix) const { return tag + "-" + suffix; }
};

// Builds the world above through the gateway with `admin` (gtest assertions on failure).
void BuildQuotaWorld(Stack& stack, const std::string& admin, const QuotaWorld& world);

}  // namespace attain::itest
