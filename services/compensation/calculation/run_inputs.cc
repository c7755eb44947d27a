#include "services/compensation/calculation/run_inputs.h"

#include <algorithm>
#include <limits>

#include <nlohmann/json.hpp>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/time/dates.h"
#include "services/compensation/calculation/run_inputs_order.h"
#include "services/compensation/transactions/transaction.h"

namespace attain::compensation::calculation {
namespace {

using money::Decimal;

credit::DayRange RangeOf(absl::CivilDay first, const std::optional<absl::CivilDay>& last) {
  return {credit::ToDay(first), last ? credit::ToDay(*last) : credit::kOpenEnd};
}

bool Overlaps(absl::CivilDay from, const std::optional<absl::CivilDay>& to, const Period& period) {
  return from <= period.last && (!to || *to >= period.first);
}

bool InForceOn(absl::CivilDay from, const std::optional<absl::CivilDay>& to, absl::CivilDay day) {
  return from <= day && (!to || *to >= day);
}

// Among overlapping candidates: the one in force on the period's last day, else the one
// that started latest (a seller who left mid-period keeps the plan they had).
template <typename T>
const T* Pick(const std::vector<const T*>& candidates, const Period& period) {
  const T* best = nullptr;
  for (const T* c : candidates) {
    if (!Overlaps(c->effective_from, c->effective_to, period)) continue;
    const bool on_last = InForceOn(c->effective_from, c->effective_to, period.last);
    const bool best_on_last = best != nullptr && InForceOn(best->effective_from, best->effective_to, period.last);
    if (best == nullptr || (on_last && !best_on_last) ||
        (on_last == best_on_last && c->effective_from > best->effective_from)) {
      best = c;
    }
  }
  return best;
}

absl::StatusOr<Decimal> ParseStored(std::string_view text, std::string_view what) {
  auto value = Decimal::Parse(text);
  if (!value.ok()) return absl::InternalError(absl::StrCat("stored ", std::string(what), " is not a decimal"));
  return *value;
}

absl::string_view View(std::string_view text) { return absl::string_view(text.data(), text.size()); }

struct StoredSplit {
  std::string_view seller_id, percent;
  bool overlay = false;
};

// The splits column exactly as the import writes it (transaction_store.cc's SplitsJson):
// [{"seller_id":"...","percent":"...","overlay":true|false},...], strings of printable ASCII
// without escapes. False for any other text, which the general JSON parser then reads: both
// give the same splits for the text this accepts.
bool ParseWrittenSplits(std::string_view json, std::vector<StoredSplit>* out) {
  out->clear();
  auto consume = [&](std::string_view token) {
    if (json.substr(0, token.size()) != token) return false;
    json.remove_prefix(token.size());
    return true;
  };
  auto plain_string = [&](std::string_view* value) {
    const size_t end = json.find('"');
    if (end == std::string_view::npos) return false;
    for (size_t i = 0; i < end; ++i) {
      const unsigned char c = static_cast<unsigned char>(json[i]);
      if (c < 0x20 || c >= 0x7f || c == '\\') return false;
    }
    *value = json.substr(0, end);
    json.remove_prefix(end + 1);
    return true;
  };
  if (!consume("[")) return false;
  if (consume("]")) return json.empty();
  while (true) {
    StoredSplit& split = out->emplace_back();
    if (!consume("{\"seller_id\":\"") || !plain_string(&split.seller_id) ||
        !consume(",\"percent\":\"") || !plain_string(&split.percent) || !consume(",\"overlay\":")) {
      return false;
    }
    if (consume("true")) {
      split.overlay = true;
    } else if (!consume("false")) {
      return false;
    }
    if (!consume("}")) return false;
    if (consume("]")) return json.empty();
    if (!consume(",")) return false;
  }
}

}  // namespace

std::vector<ResolvedPlan> ResolvePlans(const PlanningSnapshot& planning,
                                       const store::PlansInForce& plans, const Period& period) {
  absl::flat_hash_map<std::string, std::vector<const store::AssignmentInForce*>> direct;
  absl::flat_hash_map<std::string, std::vector<const store::AssignmentInForce*>> by_title;
  for (const store::AssignmentInForce& a : plans.assignments) {
    if (!a.seller_id.empty()) direct[a.seller_id].push_back(&a);
    else by_title[a.title].push_back(&a);
  }
  absl::flat_hash_map<std::string, std::vector<const store::PlanVersionInForce*>> versions;
  for (const store::PlanVersionInForce& v : plans.versions) versions[v.plan->plan_id].push_back(&v);

  std::vector<ResolvedPlan> resolved;
  for (const PlanningSnapshot::Seller& seller : planning.sellers) {
    const store::AssignmentInForce* assignment = nullptr;
    if (auto it = direct.find(seller.seller_id); it != direct.end()) assignment = Pick(it->second, period);
    if (assignment == nullptr) {
      if (auto it = by_title.find(seller.title); it != by_title.end()) assignment = Pick(it->second, period);
    }
    if (assignment == nullptr) continue;
    auto plan_versions = versions.find(assignment->plan_id);
    if (plan_versions == versions.end()) continue;  // no version in force: nothing to pay by
    const store::PlanVersionInForce* version = Pick(plan_versions->second, period);
    if (version == nullptr || version->plan->period_type != period.type) continue;
    resolved.push_back({seller.seller_id, version, assignment});
  }
  std::sort(resolved.begin(), resolved.end(),
            [](const ResolvedPlan& a, const ResolvedPlan& b) { return a.seller_id < b.seller_id; });
  return resolved;
}

absl::StatusOr<std::string> RunCurrency(const std::vector<ResolvedPlan>& plans) {
  std::string currency;
  for (const ResolvedPlan& p : plans) {
    const std::string& c = p.version->plan->currency;
    if (currency.empty()) currency = c;
    if (c != currency) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the period's plans pay in different currencies (", currency, " and ", c,
          ", plan ", p.version->plan->plan_id, "); one run calculates one currency"));
    }
  }
  return currency;
}

bool ReadsAttributes(const std::vector<ResolvedPlan>& plans) {
  for (const ResolvedPlan& p : plans) {
    const plan::Plan& plan = *p.version->plan;
    for (const plan::Measure& m : plan.measures) {
      if (absl::StrContains(m.filter.condition, "txn.attr")) return true;
    }
    for (const plan::Component& c : plan.components) {
      if (c.kind == plan::ComponentKind::kSpif && absl::StrContains(c.spif.filter.condition, "txn.attr")) {
        return true;
      }
    }
  }
  return false;
}

std::string_view RunTransactions::Text(size_t index, std::string_view variable) const {
  const credit::Transaction& t = transactions[index];
  if (variable == "txn.source") return sources[source_of[index]];
  if (variable == "txn.account") return account_ids[t.account];
  if (variable == "txn.product") return t.product == credit::kNone ? "" : product_ids[t.product];
  if (variable == "txn.product_family") {
    const uint32_t family =
        t.product < family_of_product.size() ? family_of_product[t.product] : credit::kNone;
    return family == credit::kNone ? "" : family_names[family];
  }
  constexpr std::string_view kAttr = "txn.attr.";
  if (variable.substr(0, kAttr.size()) == kAttr && index < attributes.size() &&
      !attributes[index].empty()) {
    // Conditions on attributes are rare; their text is parsed when read. The value is kept
    // per thread so the view outlives this call until the next lookup on the thread.
    thread_local std::string value;
    const nlohmann::json parsed = nlohmann::json::parse(attributes[index], nullptr, false);
    auto it = parsed.find(std::string(variable.substr(kAttr.size())));
    if (it == parsed.end() || !it->is_string()) return "";
    value = it->get<std::string>();
    return value;
  }
  return "";
}

RunInputBuilder::RunInputBuilder(std::shared_ptr<const PlanningSnapshot> planning, Period period,
                                 std::string currency, const fx::FxTable* fx, BuildOptions options)
    : planning_(std::move(planning)), fx_(fx), options_(options), inputs_(std::make_unique<RunInputs>()) {
  inputs_->period = std::move(period);
  inputs_->currency = std::move(currency);
  // Sellers in id order, so seller indices (and with them statement order) never depend on
  // how planning listed them.
  std::vector<std::string> ids;
  for (const PlanningSnapshot::Seller& s : planning_->sellers) ids.push_back(s.seller_id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  for (const std::string& id : ids) SellerIndex(id);
  std::vector<uint32_t>& family_of_product = inputs_->data.family_of_product;
  for (const auto& [product, family] : planning_->product_families) {
    const uint32_t p = Intern(product, &inputs_->data.product_ids, &inputs_->input.product_index);
    if (family_of_product.size() <= p) family_of_product.resize(p + 1, credit::kNone);
    if (!family.empty()) {
      family_of_product[p] = Intern(family, &inputs_->data.family_names, &inputs_->input.family_index);
    }
  }
}

uint32_t RunInputBuilder::Intern(std::string_view id, std::vector<std::string>* names,
                                 absl::flat_hash_map<std::string, uint32_t>* index) {
  // Looked up by view first: most rows name an id already seen, and then nothing is copied.
  if (auto it = index->find(View(id)); it != index->end()) return it->second;
  const uint32_t next = static_cast<uint32_t>(names->size());
  index->emplace(std::string(id), next);
  names->emplace_back(id);
  return next;
}

uint32_t RunInputBuilder::SellerIndex(std::string_view seller_id) {
  return Intern(seller_id, &inputs_->data.seller_ids, &inputs_->seller_index);
}

absl::StatusOr<credit::Day> RunInputBuilder::DayOf(std::string_view date, absl::CivilMonth* month) {
  if (date != last_date_ || last_date_.empty()) {
    auto day = dates::Parse(date, "transaction_date");
    if (!day.ok()) return day.status();
    last_date_.assign(date);
    last_day_ = credit::ToDay(*day);
    last_month_ = absl::CivilMonth(*day);
  }
  *month = last_month_;
  return last_day_;
}

absl::StatusOr<Decimal> RunInputBuilder::Converted(Decimal amount, std::string_view currency,
                                                   absl::CivilMonth month) {
  if (currency == inputs_->currency) return amount;  // as FxTable::Convert: no rate needed
  std::pair<std::string, int64_t> key(currency, month - absl::CivilMonth(1970, 1));
  auto it = rates_.find(key);
  if (it == rates_.end()) {
    // Looked up once per currency and month; amount x rate is what FxTable::Convert computes.
    it = rates_.emplace(std::move(key), fx_->Rate(std::string(currency), inputs_->currency, month))
             .first;
  }
  if (!it->second.ok()) return it->second.status();
  return amount.Mul(*it->second);
}

absl::Status RunInputBuilder::AddSplits(std::string_view json, credit::Transaction& t) {
  thread_local std::vector<StoredSplit> written;
  thread_local std::vector<credit::SplitShare> shares;
  shares.clear();
  auto add = [&](std::string_view seller_id, std::string_view percent_text, bool overlay) {
    auto percent = ParseStored(percent_text, "split percent");
    if (!percent.ok()) return percent.status();
    auto fraction = percent->Div(Decimal::FromUnits(100));
    if (!fraction.ok()) return fraction.status();
    shares.push_back({SellerIndex(seller_id), overlay, *fraction});
    return absl::OkStatus();
  };
  if (ParseWrittenSplits(json, &written)) {
    for (const StoredSplit& split : written) {
      if (auto added = add(split.seller_id, split.percent, split.overlay); !added.ok()) return added;
    }
  } else {
    const nlohmann::json splits = nlohmann::json::parse(json, nullptr, false);
    if (!splits.is_array()) return absl::InternalError("stored splits are not a JSON array");
    for (const auto& split : splits) {
      const std::string seller_id = split.value("seller_id", ""), percent = split.value("percent", "");
      if (auto added = add(seller_id, percent, split.value("overlay", false)); !added.ok()) return added;
    }
  }
  if (shares.empty()) return absl::OkStatus();  // "[]": credited as if no list were stored
  std::vector<credit::SplitShare>& table = inputs_->data.splits;
  if (shares.size() > credit::kMaxSplitShares ||
      table.size() + shares.size() > std::numeric_limits<uint32_t>::max()) {
    return absl::ResourceExhaustedError("too many split shares for one run");
  }
  credit::AttachSplits(shares, table, t);
  return absl::OkStatus();
}

void RunInputBuilder::Reserve(int64_t rows) {
  // An eighth over the estimate; at most 2^26 rows (5 GB of address space, touched only as
  // rows arrive).
  constexpr int64_t kMaxRows = int64_t{1} << 26;
  const size_t want = added() + static_cast<size_t>(std::clamp<int64_t>(rows + rows / 8, 0, kMaxRows));
  RunTransactions& data = inputs_->data;
  data.transactions.reserve(want);
  data.source_of.reserve(want);
  // Room for one split share a row (room never used costs address space only), so the split
  // table is not regrown and copied either.
  data.splits.reserve(data.splits.size() + want - added());
  if (options_.keep_keys) data.keys.reserve(want);
  if (options_.keep_attributes) data.attributes.reserve(want);
}

std::optional<SettledReversal> SettledAgainstPeriod(const store::TransactionRowView& row,
                                                    const Period& run_period) {
  if (!row.original_transaction_id || !row.original_date) return std::nullopt;
  auto type = transactions::ParseTypeName(row.type);
  if (!type || !transactions::IsReversal(*type)) return std::nullopt;
  auto day = dates::Parse(row.date, "transaction_date");
  auto original = dates::Parse(*row.original_date, "original_date");
  if (!day.ok() || !original.ok() || *original >= *day) return std::nullopt;
  const int fiscal_start = static_cast<int>(run_period.year_start.month());
  std::string original_period = LabelContaining(*original, run_period.type, fiscal_start);
  if (original_period == LabelContaining(*day, run_period.type, fiscal_start)) return std::nullopt;
  return SettledReversal{std::move(original_period), *day, *original};
}

store::TransactionRowView LinkedReversal::AsOriginalDated(std::string* date_text) const {
  *date_text = dates::Format(original_date);
  store::TransactionRowView row;
  row.source_system = source_system;
  row.transaction_id = transaction_id;
  row.type = type;
  row.date = *date_text;
  row.account_id = account_id;
  row.product_id = product_id;
  row.amount = amount;
  row.currency = currency;
  const auto view = [](const std::optional<std::string>& s) -> std::optional<std::string_view> {
    if (!s) return std::nullopt;
    return std::string_view(*s);
  };
  row.quantity = view(quantity);
  row.margin = view(margin);
  row.owner_seller_id = view(owner_seller_id);
  row.splits = view(splits);
  row.attributes = view(attributes);
  return row;
}

namespace {

std::optional<std::string> Owned(const std::optional<std::string_view>& view) {
  if (!view) return std::nullopt;
  return std::string(*view);
}

}  // namespace

absl::Status RunInputBuilder::Add(const store::TransactionRowView& row) {
  RunTransactions& data = inputs_->data;
  if (row.original_transaction_id) {
    inputs_->linked_originals.insert(TransactionKeyOf(row.source_system, *row.original_transaction_id));
    if (std::optional<SettledReversal> settled = SettledAgainstPeriod(row, inputs_->period)) {
      // Year-to-date reads meet earlier months' reversals too: only the period's own are
      // settled by this run (their months' runs settled the others).
      if (settled->date >= inputs_->period.first && settled->date <= inputs_->period.last) {
        inputs_->settled_reversals.push_back(
            {std::move(settled->original_period), settled->date, settled->original_date,
             std::string(row.source_system),
             std::string(row.transaction_id), std::string(*row.original_transaction_id),
             std::string(row.type), std::string(row.account_id), std::string(row.product_id),
             std::string(row.amount), std::string(row.currency), Owned(row.quantity),
             Owned(row.margin), Owned(row.owner_seller_id), Owned(row.splits),
             Owned(row.attributes)});
      }
      return absl::OkStatus();
    }
  }
  credit::Transaction t;
  auto type = transactions::ParseTypeName(row.type);
  if (!type) return absl::InternalError(absl::StrCat("stored transaction type ", std::string(row.type)));
  t.type = *type;
  absl::CivilMonth month;
  auto day = DayOf(row.date, &month);
  if (!day.ok()) return day.status();
  t.date = *day;
  t.account = Intern(row.account_id, &data.account_ids, &account_index_);
  t.product = Intern(row.product_id, &data.product_ids, &inputs_->input.product_index);
  auto amount = ParseStored(row.amount, "amount");
  if (!amount.ok()) return amount.status();
  auto converted = Converted(*amount, row.currency, month);
  if (!converted.ok()) return converted.status();
  t.amount = *converted;
  if (row.margin) {
    auto margin = ParseStored(*row.margin, "margin");
    if (!margin.ok()) return margin.status();
    auto margin_converted = Converted(*margin, row.currency, month);
    if (!margin_converted.ok()) return margin_converted.status();
    t.margin = *margin_converted;
  }
  if (row.quantity) {
    auto quantity = ParseStored(*row.quantity, "quantity");
    if (!quantity.ok()) return quantity.status();
    t.quantity = *quantity;
  }
  if (row.owner_seller_id) t.owner = SellerIndex(*row.owner_seller_id);
  if (row.splits) {
    if (auto added = AddSplits(*row.splits, t); !added.ok()) return added;
  }
  data.transactions.push_back(t);
  // Rows come in runs of one source: the previous row's is compared before any lookup.
  if (data.sources.empty() || row.source_system != data.sources[last_source_]) {
    last_source_ = Intern(row.source_system, &data.sources, &source_index_);
  }
  data.source_of.push_back(last_source_);
  if (options_.keep_keys) {
    data.keys.push_back({std::string(row.source_system), std::string(row.transaction_id), row.version});
  }
  if (options_.keep_attributes) data.attributes.emplace_back(row.attributes.value_or(""));
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<RunInputs>> RunInputBuilder::Finish(
    std::vector<ResolvedPlan> resolved, const absl::flat_hash_map<std::string, Decimal>& quotas,
    const std::vector<RunAdjustment>& adjustments, const RollUpSettings& roll_up) && {
  RunInputs& in = *inputs_;
  RunTransactions& data = in.data;

  // Transactions by account (crediting walks one account's territories and coverage at a
  // time), then date, source and id: the same order whatever order they were read in.
  SortTransactions(data, options_.threads);

  // The organization, in dense indices.
  std::vector<credit::ReportingLine> lines;
  for (const PlanningSnapshot::Line& l : planning_->lines) {
    lines.push_back({SellerIndex(l.seller_id), SellerIndex(l.manager_id), RangeOf(l.first, l.last)});
  }
  std::vector<credit::AccountTerritory> account_territories;
  for (const PlanningSnapshot::AccountTerritory& a : planning_->account_territories) {
    account_territories.push_back({Intern(a.account_id, &data.account_ids, &account_index_),
                                   Intern(a.territory_id, &territory_ids_, &territory_index_),
                                   a.overlay, RangeOf(a.first, a.last)});
  }
  std::vector<credit::Coverage> coverage;
  for (const PlanningSnapshot::Cover& c : planning_->coverage) {
    coverage.push_back({Intern(c.territory_id, &territory_ids_, &territory_index_),
                        SellerIndex(c.seller_id), c.fraction, c.overlay, RangeOf(c.first, c.last)});
  }
  const size_t sellers = data.seller_ids.size();
  in.org = std::make_unique<credit::OrgIndex>(sellers, data.account_ids.size(), territory_ids_.size(),
                                              std::move(lines), std::move(account_territories),
                                              std::move(coverage));

  PeriodInput& input = in.input;
  input.transactions = data.transactions;
  input.splits = data.splits;
  input.family_of_product = data.family_of_product;
  input.fields = &data;
  input.org = in.org.get();
  input.sellers = sellers;
  input.period = {credit::ToDay(in.period.first), credit::ToDay(in.period.last)};
  input.year_start = credit::ToDay(in.period.year_start);
  input.roll_up.max_depth = roll_up.max_depth;
  if (!roll_up.titles.empty()) {
    const absl::flat_hash_set<std::string> titles(roll_up.titles.begin(), roll_up.titles.end());
    input.roll_up.receives.assign(sellers, false);
    for (const PlanningSnapshot::Seller& s : planning_->sellers) {
      if (titles.contains(s.title)) input.roll_up.receives[in.seller_index.at(s.seller_id)] = true;
    }
  }

  absl::flat_hash_map<std::string, std::vector<const RunAdjustment*>> adjustments_of;
  for (const RunAdjustment& a : adjustments) adjustments_of[a.seller_id].push_back(&a);
  for (const ResolvedPlan& r : resolved) {
    SellerPlan sp;
    sp.seller = in.seller_index.at(r.seller_id);
    sp.plan = r.version->plan;
    sp.target_incentive = r.assignment->target_incentive;
    for (const auto& [id, value] : r.assignment->parameter_overrides) sp.parameters[id] = value;
    if (!r.assignment->quota_measure_id.empty()) {
      auto quota = quotas.find(r.seller_id);
      if (quota != quotas.end()) sp.quotas[r.assignment->quota_measure_id] = quota->second;
    }
    if (auto it = adjustments_of.find(r.seller_id); it != adjustments_of.end()) {
      for (const RunAdjustment* a : it->second) {
        if (!a->credit) {
          sp.adjustments.push_back({a->adjustment_id, a->amount, a->reason, a->author});
          continue;
        }
        auto sum = sp.credit_adjustments[a->measure_id].Add(a->amount);
        if (!sum.ok()) return sum.status();
        sp.credit_adjustments[a->measure_id] = *sum;
      }
    }
    input.plans.push_back(std::move(sp));
  }
  in.resolved = std::move(resolved);
  in.territory_ids = territory_ids_;
  return std::move(inputs_);
}

std::string SerializeRunInputs(const PlanningSnapshot& planning, const std::vector<fx::FxRate>& rates) {
  // "<planning bytes length>\n<planning bytes><one FX rate per line>"
  const std::string body = SerializeSnapshot(planning);
  std::string out = absl::StrCat(body.size(), "\n", body);
  for (const fx::FxRate& r : rates) {
    absl::StrAppend(&out, r.from_currency, " ", r.to_currency, " ", fx::FormatMonth(r.month), " ",
                    r.rate.ToString(), "\n");
  }
  return out;
}

absl::StatusOr<StoredRunInputs> ParseRunInputs(std::string_view body) {
  const auto corrupt = [] { return absl::DataLossError("a run's stored inputs are unreadable"); };
  const size_t newline = body.find('\n');
  size_t length = 0;
  if (newline == std::string_view::npos ||
      !absl::SimpleAtoi(absl::string_view(body.data(), newline), &length) ||
      body.size() - newline - 1 < length) {
    return corrupt();
  }
  auto planning = ParseSnapshot(body.substr(newline + 1, length));
  if (!planning.ok()) return planning.status();
  StoredRunInputs out;
  out.planning = std::make_shared<const PlanningSnapshot>(*std::move(planning));
  for (absl::string_view line : absl::StrSplit(absl::string_view(body.data() + newline + 1 + length,
                                                                 body.size() - newline - 1 - length),
                                               '\n', absl::SkipEmpty())) {
    std::vector<std::string> parts = absl::StrSplit(line, ' ');
    if (parts.size() != 4) return corrupt();
    auto month = fx::ParseMonth(parts[2]);
    auto rate = Decimal::Parse(parts[3]);
    if (!month || !rate.ok()) return corrupt();
    out.fx_rates.push_back({parts[0], parts[1], *month, *rate, 0});
  }
  return out;
}

fx::FxTable TableOf(const std::vector<fx::FxRate>& rates) {
  fx::FxTable table;
  for (const fx::FxRate& r : rates) table.Add(r);
  return table;
}

std::string TransactionKeyOf(std::string_view source_system, std::string_view transaction_id) {
  std::string key(source_system);
  key.push_back('\0');
  key.append(transaction_id);
  return key;
}

std::vector<std::string> ManagersOn(const RunInputs& inputs, uint32_t seller, credit::Day day) {
  std::vector<std::string> managers;
  absl::flat_hash_set<uint32_t> seen = {seller};
  for (uint32_t m = inputs.org->ManagerOn(seller, day); m != credit::kNone && seen.insert(m).second;
       m = inputs.org->ManagerOn(m, day)) {
    managers.push_back(inputs.data.seller_ids[m]);
  }
  return managers;
}

}  // namespace attain::compensation::calculation
