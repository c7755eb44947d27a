#include "services/compensation/calculation/run_inputs_order.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <numeric>
#include <thread>

namespace attain::compensation::calculation {
namespace {

// Rank of each name in byte order: integer keys that sort exactly as the names do.
std::vector<uint32_t> Ranks(const std::vector<std::string>& names) {
  std::vector<uint32_t> by_name(names.size());
  std::iota(by_name.begin(), by_name.end(), 0u);
  std::sort(by_name.begin(), by_name.end(),
            [&](uint32_t a, uint32_t b) { return names[a] < names[b]; });
  std::vector<uint32_t> rank(names.size());
  for (uint32_t r = 0; r < by_name.size(); ++r) rank[by_name[r]] = r;
  return rank;
}

int BitWidth(uint64_t value) { return static_cast<int>(std::bit_width(value)); }

// values[offset + i] = values[offset + order[i]] for every i, in place: each cycle of the
// permutation is followed once, so no second copy of the values ever exists. An empty
// `values` stays so.
template <typename T>
void PermuteRange(std::vector<T>& values, size_t offset, std::vector<uint32_t> order) {
  if (values.empty()) return;
  T* base = values.data() + offset;
  for (uint32_t start = 0; start < order.size(); ++start) {
    if (order[start] == start) continue;
    T saved = std::move(base[start]);
    uint32_t at = start;
    while (true) {
      const uint32_t from = order[at];
      order[at] = at;
      if (from == start) {
        base[at] = std::move(saved);
        break;
      }
      base[at] = std::move(base[from]);
      at = from;
    }
  }
}

// Puts a run's transactions (with their sources, keys and attributes) in order: account,
// date, source, then the transaction id when kept. In place: rows are first split into
// ranges of consecutive accounts, kFanOut at a time and each row moved once per split, until
// a range has at most kRowsPerRange rows; each such range, whose rows stay in the processor's
// caches, is then sorted by its full key. (A permutation of all rows at once costs a cache
// and TLB miss per row.)
class TransactionSorter {
 public:
  explicit TransactionSorter(RunTransactions& data)
      : data_(data),
        txns_(data.transactions),
        account_rank_(Ranks(data.account_ids)),
        source_rank_(Ranks(data.sources)) {
    first_ = last_ = txns_.empty() ? 0 : txns_[0].date;
    for (const credit::Transaction& t : txns_) {
      first_ = std::min(first_, t.date);
      last_ = std::max(last_, t.date);
    }
    account_bits_ = BitWidth(data.account_ids.size());
    date_bits_ = BitWidth(static_cast<uint64_t>(static_cast<int64_t>(last_) - first_));
    source_bits_ = BitWidth(data.sources.size());
  }

  // With `threads` > 1, the ranges of the first split are put in order in parallel.
  void Sort(int threads) {
    const size_t n = txns_.size();
    const uint64_t accounts = data_.account_ids.size();
    if (threads <= 1 || n <= kRowsPerRange || accounts <= 1) {
      Scratch scratch;
      SortRange(0, n, 0, accounts, scratch);
      return;
    }
    const std::vector<Range> parts = Split(0, n, 0, accounts);
    std::atomic<size_t> next{0};
    auto work = [&] {
      Scratch own;
      for (size_t p = next++; p < parts.size(); p = next++) {
        SortRange(parts[p].begin, parts[p].end, parts[p].rank_lo, parts[p].rank_hi, own);
      }
    };
    std::vector<std::thread> helpers;
    for (int t = 1; t < threads; ++t) helpers.emplace_back(work);
    work();
    for (std::thread& helper : helpers) helper.join();
  }

 private:
  static constexpr size_t kRowsPerRange = size_t{1} << 15;
  static constexpr uint64_t kFanOut = 64;

  struct Range {
    size_t begin, end;
    uint64_t rank_lo, rank_hi;
  };
  struct Scratch {  // reused by every range a thread sorts
    std::vector<uint64_t> keys;
    std::vector<uint32_t> order;
  };

  // Rows [begin, end), whose account ranks lie in [rank_lo, rank_hi).
  void SortRange(size_t begin, size_t end, uint64_t rank_lo, uint64_t rank_hi, Scratch& scratch) {
    if (end - begin <= kRowsPerRange || rank_hi - rank_lo <= 1) {
      SortSmall(begin, end, scratch);
      return;
    }
    for (const Range& part : Split(begin, end, rank_lo, rank_hi)) {
      SortRange(part.begin, part.end, part.rank_lo, part.rank_hi, scratch);
    }
  }

  // Moves rows [begin, end) (account ranks in [rank_lo, rank_hi), at least two) into up to
  // kFanOut ranges of consecutive ranks, in rank order; each row is moved once.
  std::vector<Range> Split(size_t begin, size_t end, uint64_t rank_lo, uint64_t rank_hi) {
    const uint64_t parts = std::min(kFanOut, rank_hi - rank_lo);
    const uint64_t span = rank_hi - rank_lo;
    auto part_of = [&](size_t i) { return (account_rank_[txns_[i].account] - rank_lo) * parts / span; };
    std::vector<size_t> part_start(parts + 1, 0);
    for (size_t i = begin; i < end; ++i) ++part_start[part_of(i) + 1];
    part_start[0] = begin;
    for (uint64_t p = 0; p < parts; ++p) part_start[p + 1] += part_start[p];
    std::vector<size_t> next(part_start.begin(), part_start.end() - 1);
    for (uint64_t p = 0; p < parts; ++p) {
      while (next[p] < part_start[p + 1]) {
        const size_t i = next[p];
        const uint64_t to = part_of(i);
        if (to == p) {
          ++next[p];
        } else {
          SwapRows(i, next[to]++);
        }
      }
    }
    std::vector<Range> ranges;
    for (uint64_t p = 0; p < parts; ++p) {
      // Part p holds the ranks r with (r - rank_lo) * parts / span == p.
      ranges.push_back({part_start[p], part_start[p + 1], rank_lo + (p * span + parts - 1) / parts,
                        rank_lo + ((p + 1) * span + parts - 1) / parts});
    }
    return ranges;
  }

  void SwapRows(size_t a, size_t b) {
    std::swap(txns_[a], txns_[b]);
    std::swap(data_.source_of[a], data_.source_of[b]);
    if (!data_.keys.empty()) std::swap(data_.keys[a], data_.keys[b]);
    if (!data_.attributes.empty()) std::swap(data_.attributes[a], data_.attributes[b]);
  }

  void SortSmall(size_t begin, size_t end, Scratch& scratch) {
    const size_t size = end - begin;
    if (size < 2) return;
    std::vector<uint64_t>& keys = scratch.keys;
    std::vector<uint32_t>& order = scratch.order;
    order.resize(size);
    const int index_bits = BitWidth(size);
    if (data_.keys.empty() && account_bits_ + date_bits_ + source_bits_ + index_bits <= 64) {
      // The whole key in one integer, the row last: one sort of plain integers.
      keys.resize(size);
      for (size_t i = 0; i < size; ++i) {
        const credit::Transaction& t = txns_[begin + i];
        uint64_t key = account_rank_[t.account];
        key = (key << date_bits_) | static_cast<uint64_t>(static_cast<int64_t>(t.date) - first_);
        key = (key << source_bits_) | source_rank_[data_.source_of[begin + i]];
        keys[i] = (key << index_bits) | i;
      }
      std::sort(keys.begin(), keys.end());
      const uint64_t index_mask = (uint64_t{1} << index_bits) - 1;
      for (size_t i = 0; i < size; ++i) order[i] = static_cast<uint32_t>(keys[i] & index_mask);
    } else {
      std::iota(order.begin(), order.end(), 0u);
      std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        const credit::Transaction& ta = txns_[begin + a];
        const credit::Transaction& tb = txns_[begin + b];
        if (ta.account != tb.account) return account_rank_[ta.account] < account_rank_[tb.account];
        if (ta.date != tb.date) return ta.date < tb.date;
        const uint32_t sa = data_.source_of[begin + a], sb = data_.source_of[begin + b];
        if (sa != sb) return source_rank_[sa] < source_rank_[sb];
        if (!data_.keys.empty()) {
          const std::string& ia = data_.keys[begin + a].transaction_id;
          const std::string& ib = data_.keys[begin + b].transaction_id;
          if (ia != ib) return ia < ib;
        }
        return a < b;
      });
    }
    PermuteRange(txns_, begin, order);
    PermuteRange(data_.source_of, begin, order);
    PermuteRange(data_.keys, begin, order);
    PermuteRange(data_.attributes, begin, order);
  }

  RunTransactions& data_;
  std::vector<credit::Transaction>& txns_;
  const std::vector<uint32_t> account_rank_;
  const std::vector<uint32_t> source_rank_;
  credit::Day first_ = 0, last_ = 0;
  int account_bits_ = 0, date_bits_ = 0, source_bits_ = 0;
};

}  // namespace

void SortTransactions(RunTransactions& data, int threads) { TransactionSorter(data).Sort(threads); }

}  // namespace attain::compensation::calculation
