#include "services/compensation/store/fx_rate_store.h"

#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "common/time/dates.h"
#include "services/compensation/store/sql_text.h"

namespace attain::compensation::store {
namespace {

std::string FirstDay(absl::CivilMonth month) { return dates::Format(absl::CivilDay(month)); }

db::Param OptionalMonth(const std::optional<absl::CivilMonth>& month) {
  return month ? db::Param(FirstDay(*month)) : db::Param();
}

// The WHERE conditions of a list, on parameters $1..$4.
constexpr char kListConditions[] =
    "($1::text IS NULL OR f.from_currency = $1) AND ($2::text IS NULL OR f.to_currency = $2) "
    "AND ($3::date IS NULL OR f.month >= $3) AND ($4::date IS NULL OR f.month <= $4)";

}  // namespace

absl::StatusOr<UpsertCounts> UpsertFxRates(db::PgConn& tx, const std::vector<fx::FxRate>& rates) {
  std::vector<std::string> from, to, months, values;
  for (const fx::FxRate& rate : rates) {
    from.push_back(rate.from_currency);
    to.push_back(rate.to_currency);
    months.push_back(FirstDay(rate.month));
    values.push_back(rate.rate.ToString());
  }
  // xmax is 0 exactly for a row this statement inserted (an updated row carries the updating
  // transaction's id): the usual way to tell the two apart in one upsert.
  auto written = tx.Exec(
      "INSERT INTO fx_rates AS f (from_currency, to_currency, month, rate) "
      "SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::numeric[]) "
      "ON CONFLICT (from_currency, to_currency, month) DO UPDATE SET rate = EXCLUDED.rate, "
      "update_time = now() WHERE f.rate <> EXCLUDED.rate RETURNING f.xmax = 0",
      {TextArray(from), TextArray(to), TextArray(months), TextArray(values)});
  if (!written.ok()) return written.status();
  UpsertCounts counts;
  for (int i = 0; i < written->rows(); ++i) {
    (written->GetBool(i, 0) ? counts.created : counts.updated) += 1;
  }
  counts.unchanged = static_cast<int>(rates.size()) - counts.created - counts.updated;
  return counts;
}

absl::StatusOr<FxRatePage> ListFxRates(db::PgConn& conn, const FxRateFilter& filter,
                                       const std::optional<FxRateKey>& after, int limit) {
  db::Params params = {OptionalText(filter.from_currency), OptionalText(filter.to_currency),
                       OptionalMonth(filter.start_month), OptionalMonth(filter.end_month)};
  auto count = conn.Exec(absl::StrCat("SELECT count(*) FROM fx_rates f WHERE ", kListConditions),
                         params);
  if (!count.ok()) return count.status();
  params.push_back(after ? db::Param(after->from_currency) : db::Param());
  params.push_back(after ? db::Param(after->to_currency) : db::Param());
  params.push_back(after ? OptionalMonth(after->month) : db::Param());
  params.push_back(absl::StrCat(limit + 1));
  auto rows = conn.Exec(
      absl::StrCat("SELECT f.from_currency, f.to_currency, f.month::text, f.rate::text, ",
                   TimestampToMicrosSql("f.update_time"), " FROM fx_rates f WHERE ",
                   kListConditions,
                   " AND ($5::text IS NULL OR (f.from_currency, f.to_currency, f.month) > "
                   "($5, $6, $7::date)) ORDER BY f.from_currency, f.to_currency, f.month "
                   "LIMIT $8"),
      params);
  if (!rows.ok()) return rows.status();
  FxRatePage page;
  page.total = static_cast<int>(count->GetInt64(0, 0));
  for (int i = 0; i < rows->rows() && i < limit; ++i) {
    fx::FxRate& rate = page.rates.emplace_back();
    rate.from_currency = rows->GetString(i, 0);
    rate.to_currency = rows->GetString(i, 1);
    // The database only holds values the service validated.
    auto day = dates::Parse(rows->Get(i, 2), "month");
    auto value = money::Decimal::Parse(rows->Get(i, 3));
    if (!day.ok() || !value.ok()) std::abort();
    rate.month = absl::CivilMonth(*day);
    rate.rate = *value;
    rate.update_time_micros = rows->GetInt64(i, 4);
  }
  page.more = rows->rows() > limit;
  return page;
}

}  // namespace attain::compensation::store
