#include "services/compensation/engine/credit/org_index.h"

#include <algorithm>
#include <tuple>

namespace attain::compensation::credit {
namespace {

// Sorts `rows` by key, then by `order` (the entity a row points to, so credits come out in
// a stable, readable order), then by start day, and returns CSR offsets for `count` keys.
// Rows with a key outside [0, count) are dropped.
template <typename Row, typename Key, typename Order>
std::vector<uint32_t> Group(std::vector<Row>& rows, size_t count, Key key, Order order) {
  std::erase_if(rows, [&](const Row& r) { return key(r) >= count; });
  std::sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
    return std::make_tuple(key(a), order(a), a.when.first) < std::make_tuple(key(b), order(b), b.when.first);
  });
  std::vector<uint32_t> offsets(count + 1, 0);
  for (const Row& r : rows) ++offsets[key(r) + 1];
  for (size_t i = 0; i < count; ++i) offsets[i + 1] += offsets[i];
  return offsets;
}

}  // namespace

Day ToDay(absl::CivilDay day) { return static_cast<Day>(day - absl::CivilDay(1970, 1, 1)); }

OrgIndex::OrgIndex(size_t sellers, size_t accounts, size_t territories,
                   std::vector<ReportingLine> lines,
                   std::vector<AccountTerritory> account_territories,
                   std::vector<Coverage> coverage)
    : lines_(std::move(lines)),
      account_territories_(std::move(account_territories)),
      coverage_(std::move(coverage)) {
  seller_lines_ = Group(
      lines_, sellers, [](const ReportingLine& l) { return size_t{l.seller}; },
      [](const ReportingLine& l) { return l.manager; });
  account_offsets_ = Group(
      account_territories_, accounts, [](const AccountTerritory& a) { return size_t{a.account}; },
      [](const AccountTerritory& a) { return a.territory; });
  territory_offsets_ = Group(
      coverage_, territories, [](const Coverage& c) { return size_t{c.territory}; },
      [](const Coverage& c) { return c.seller; });
}

uint32_t OrgIndex::ManagerOn(uint32_t seller, Day day) const {
  for (const ReportingLine& line : LinesOf(seller)) {
    if (line.when.Contains(day)) return line.manager;
  }
  return kNone;
}

std::span<const ReportingLine> OrgIndex::LinesOf(uint32_t seller) const {
  if (seller >= sellers()) return {};
  return {lines_.data() + seller_lines_[seller], seller_lines_[seller + 1] - seller_lines_[seller]};
}

std::span<const AccountTerritory> OrgIndex::TerritoriesOf(uint32_t account) const {
  if (account >= accounts()) return {};
  return {account_territories_.data() + account_offsets_[account],
          account_offsets_[account + 1] - account_offsets_[account]};
}

std::span<const Coverage> OrgIndex::CoverageOf(uint32_t territory) const {
  if (territory >= territory_offsets_.size() - 1) return {};
  return {coverage_.data() + territory_offsets_[territory],
          territory_offsets_[territory + 1] - territory_offsets_[territory]};
}

}  // namespace attain::compensation::credit
