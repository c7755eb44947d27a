#include "services/compensation/store/transaction_store.h"

#include <algorithm>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "common/time/dates.h"
#include "services/compensation/store/copy_binary.h"
#include "services/compensation/store/sql_text.h"

namespace attain::compensation::store {
namespace {

using money::Decimal;

constexpr char kCopyColumns[] =
    "source_system, transaction_id, transaction_type, transaction_date, account_id, product_id, "
    "amount, currency, quantity, margin, owner_seller_id, splits, attributes, original_transaction_id, "
    "content_digest, import_id, version";
constexpr int16_t kCopyColumnCount = 17;

// Columns every read selects, in the order RowToVersion reads them.
const std::string& ReadColumns() {
  static const std::string* const kColumns = new std::string(absl::StrCat(
      "t.source_system, t.transaction_id, t.version, t.transaction_type, "
      "t.transaction_date::text, t.account_id, t.product_id, t.amount::text, t.currency, "
      "t.quantity::text, t.margin::text, COALESCE(t.owner_seller_id, ''), t.splits::text, "
      "t.attributes::text, t.import_id, ", TimestampToMicrosSql("t.import_time"), ", ",
      TimestampToMicrosSql("t.superseded_time"), ", COALESCE(t.original_transaction_id, '')"));
  return *kColumns;
}

// Keys per statement when looking up or superseding versions: each array parameter stays a
// few megabytes.
constexpr size_t kLookupChunk = 250'000;

// The database only holds values the service validated; anything else is a broken invariant.
Decimal DecimalOrDie(std::string_view text) {
  auto value = Decimal::Parse(text);
  if (!value.ok()) std::abort();
  return *value;
}

std::optional<Decimal> OptionalDecimalOrDie(const db::PgResult& rows, int row, int col) {
  if (rows.IsNull(row, col)) return std::nullopt;
  return DecimalOrDie(rows.Get(row, col));
}

TransactionVersion RowToVersion(const db::PgResult& rows, int row) {
  TransactionVersion stored;
  Transaction& t = stored.transaction;
  t.key.source_system = rows.GetString(row, 0);
  t.key.transaction_id = rows.GetString(row, 1);
  stored.version = rows.GetInt64(row, 2);
  auto type = transactions::ParseTypeName(rows.Get(row, 3));
  auto day = dates::Parse(rows.Get(row, 4), "transaction_date");
  if (!type || !day.ok()) std::abort();
  t.type = *type;
  t.date = *day;
  t.account_id = rows.GetString(row, 5);
  t.product_id = rows.GetString(row, 6);
  t.amount = DecimalOrDie(rows.Get(row, 7));
  t.currency = rows.GetString(row, 8);
  t.quantity = OptionalDecimalOrDie(rows, row, 9);
  t.margin = OptionalDecimalOrDie(rows, row, 10);
  t.owner_seller_id = rows.GetString(row, 11);
  if (!rows.IsNull(row, 12)) {
    for (const auto& split : nlohmann::json::parse(rows.Get(row, 12))) {
      t.splits.push_back({split.at("seller_id").get<std::string>(),
                          DecimalOrDie(split.at("percent").get<std::string>()),
                          split.at("overlay").get<bool>()});
    }
  }
  if (!rows.IsNull(row, 13)) {
    // Named: items() only refers to the parsed document, which must outlive the loop.
    const nlohmann::json attributes = nlohmann::json::parse(rows.Get(row, 13));
    // nlohmann's objects iterate in key order, the order Transaction keeps.
    for (const auto& [key, value] : attributes.items()) {
      t.attributes.emplace_back(key, value.get<std::string>());
    }
  }
  stored.import_id = rows.GetInt64(row, 14);
  stored.import_time_micros = rows.GetInt64(row, 15);
  if (!rows.IsNull(row, 16)) stored.superseded_time_micros = rows.GetInt64(row, 16);
  t.original_transaction_id = rows.GetString(row, 17);
  return stored;
}

// A JSON string literal: quotes, backslashes and control characters escaped.
void AppendJsonString(std::string_view text, std::string* out) {
  out->push_back('"');
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      absl::StrAppend(out, "\\u00", absl::Hex(static_cast<unsigned char>(c), absl::kZeroPad2));
    } else {
      out->push_back(c);
    }
  }
  out->push_back('"');
}

// Seller ids are validated ([A-Za-z0-9._-]) and percents are decimal text, so the splits'
// JSON needs no escaping.
std::string SplitsJson(const Transaction& t) {
  std::string json = "[";
  for (size_t i = 0; i < t.splits.size(); ++i) {
    const transactions::CreditSplit& split = t.splits[i];
    absl::StrAppend(&json, i > 0 ? "," : "", "{\"seller_id\":\"", split.seller_id,
                    "\",\"percent\":\"", split.percent.ToString(), "\",\"overlay\":",
                    split.overlay ? "true" : "false", "}");
  }
  json.push_back(']');
  return json;
}

std::string AttributesJson(const Transaction& t) {
  std::string json = "{";
  for (const auto& [key, value] : t.attributes) {
    if (json.size() > 1) json.push_back(',');
    AppendJsonString(key, &json);
    json.push_back(':');
    AppendJsonString(value, &json);
  }
  json.push_back('}');
  return json;
}

void AppendOptionalNumeric(const std::optional<Decimal>& value, std::string* out) {
  if (value) {
    copy_binary::AppendNumeric(*value, out);
  } else {
    copy_binary::AppendNull(out);
  }
}

// Empty is NULL.
void AppendOptionalText(std::string_view text, std::string* out) {
  if (text.empty()) {
    copy_binary::AppendNull(out);
  } else {
    copy_binary::AppendText(text, out);
  }
}

// The owner and the split sellers of a stored version, from its columns.
std::vector<std::string> SellersOf(std::string_view owner, std::optional<std::string_view> splits) {
  std::vector<std::string> sellers;
  if (!owner.empty()) sellers.emplace_back(owner);
  if (splits) {
    for (const auto& split : nlohmann::json::parse(*splits)) {
      sellers.push_back(split.at("seller_id").get<std::string>());
    }
  }
  return sellers;
}

Digest ParseDigestHex(std::string_view hex) {
  auto nibble = [](char c) -> uint8_t {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    std::abort();  // PostgreSQL's encode(..., 'hex') prints only these
  };
  Digest digest{};
  if (hex.size() != digest.size() * 2) std::abort();  // stored digests are 16 bytes
  for (size_t i = 0; i < digest.size(); ++i) {
    digest[i] = static_cast<uint8_t>(nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]));
  }
  return digest;
}

// Splits keys into the two parallel text[] literals the lookups unnest.
std::pair<std::string, std::string> KeyArrays(const std::vector<KeyView>& keys, size_t begin,
                                              size_t end) {
  std::vector<std::string_view> sources, ids;
  sources.reserve(end - begin);
  ids.reserve(end - begin);
  for (size_t i = begin; i < end; ++i) {
    sources.push_back(keys[i].first);
    ids.push_back(keys[i].second);
  }
  return {TextArray(sources), TextArray(ids)};
}

// The WHERE conditions of a list, on parameters $1..$5.
std::string ListConditions() {
  return absl::StrCat(
      "($1::text IS NULL OR t.source_system = $1) "
      "AND ($2::text IS NULL OR t.owner_seller_id = $2 OR "
      "t.splits::jsonb @> jsonb_build_array(jsonb_build_object('seller_id', $2::text))) "
      "AND ($3::date IS NULL OR t.transaction_date >= $3) "
      "AND ($4::date IS NULL OR t.transaction_date <= $4) "
      "AND CASE WHEN $5::bigint IS NULL THEN t.superseded_time IS NULL "
      "ELSE t.import_time <= ", MicrosToTimestampSql(5), " AND (t.superseded_time IS NULL OR "
      "t.superseded_time > ", MicrosToTimestampSql(5), ") END");
}

db::Params ListParams(const TransactionFilter& filter) {
  auto day = [](const std::optional<absl::CivilDay>& d) -> db::Param {
    return d ? db::Param(dates::Format(*d)) : db::Param();
  };
  return {OptionalText(filter.source_system), OptionalText(filter.seller_id),
          day(filter.start_date), day(filter.end_date),
          filter.as_of_micros ? db::Param(absl::StrCat(*filter.as_of_micros)) : db::Param()};
}

}  // namespace

void AppendTransactionFields(const Transaction& t, const Digest& digest, std::string* out) {
  copy_binary::AppendFieldCount(kCopyColumnCount, out);
  copy_binary::AppendText(t.key.source_system, out);
  copy_binary::AppendText(t.key.transaction_id, out);
  copy_binary::AppendText(transactions::TypeName(t.type), out);
  copy_binary::AppendDate(t.date, out);
  copy_binary::AppendText(t.account_id, out);
  copy_binary::AppendText(t.product_id, out);
  copy_binary::AppendNumeric(t.amount, out);
  copy_binary::AppendText(t.currency, out);
  AppendOptionalNumeric(t.quantity, out);
  AppendOptionalNumeric(t.margin, out);
  AppendOptionalText(t.owner_seller_id, out);
  AppendOptionalText(t.splits.empty() ? "" : SplitsJson(t), out);
  AppendOptionalText(t.attributes.empty() ? "" : AttributesJson(t), out);
  AppendOptionalText(t.original_transaction_id, out);
  copy_binary::AppendBytea(
      std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()), out);
}

void AppendImportAndVersion(int64_t import_id, int64_t version, std::string* out) {
  copy_binary::AppendInt64(import_id, out);
  copy_binary::AppendInt32(static_cast<int32_t>(version), out);
}

absl::StatusOr<CopyWriter> StartTransactionCopy(db::PgConn& tx) {
  return CopyWriter::Start(
      tx, absl::StrCat("COPY transactions (", kCopyColumns, ") FROM STDIN WITH (FORMAT binary)"));
}

absl::Status LockSources(db::PgConn& tx, std::vector<std::string> sources) {
  std::sort(sources.begin(), sources.end());
  sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
  for (const std::string& source : sources) {
    auto locked = tx.Exec(
        "SELECT pg_advisory_xact_lock(hashtext('attain.compensation.transactions'), hashtext($1))",
        {source});
    if (!locked.ok()) return locked.status();
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> SourcesWithTransactions(
    db::PgConn& conn, const std::vector<std::string>& sources) {
  auto rows = conn.Exec(
      "SELECT s FROM unnest($1::text[]) AS s WHERE EXISTS "
      "(SELECT 1 FROM transactions t WHERE t.source_system = s)",
      {TextArray(sources)});
  if (!rows.ok()) return rows.status();
  std::vector<std::string> found;
  for (int i = 0; i < rows->rows(); ++i) found.push_back(rows->GetString(i, 0));
  return found;
}

absl::StatusOr<int64_t> NextImportId(db::PgConn& tx) {
  auto id = tx.Exec("SELECT nextval(pg_get_serial_sequence('transaction_imports', 'import_id'))");
  if (!id.ok()) return id.status();
  return id->GetInt64(0, 0);
}

absl::Status BeginLookups(db::PgConn& conn) {
  // One primary-key probe per key (3-6 us each). Left to itself the planner prefers a hash
  // join over a sequential scan of the whole table, which an import looking up chunk after
  // chunk would pay once per chunk; the join method is pinned for the lookups' transaction.
  for (const char* sql : {"BEGIN", "SET LOCAL enable_hashjoin = off",
                          "SET LOCAL enable_mergejoin = off"}) {
    if (auto done = conn.Exec(sql); !done.ok()) return done.status();
  }
  return absl::OkStatus();
}

absl::Status SendLookup(db::PgConn& conn, const std::vector<KeyView>& keys) {
  if (keys.size() > kLookupChunk) std::abort();  // callers send chunks
  auto [sources, ids] = KeyArrays(keys, 0, keys.size());
  const char* values[] = {sources.c_str(), ids.c_str()};
  // libpq copies the parameters into its output buffer before returning.
  if (PQsendQueryParams(conn.raw(),
                        "SELECT k.ord, t.version, encode(t.content_digest, 'hex') "
                        "FROM unnest($1::text[], $2::text[]) WITH ORDINALITY "
                        "AS k(source_system, transaction_id, ord) "
                        "JOIN transactions t ON t.source_system = k.source_system "
                        "AND t.transaction_id = k.transaction_id AND t.superseded_time IS NULL",
                        2, nullptr, values, nullptr, nullptr, 0) != 1) {
    return absl::UnavailableError(absl::StrCat("postgresql: ", PQerrorMessage(conn.raw())));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::optional<StoredHead>>> ReceiveLookup(db::PgConn& conn,
                                                                     size_t count) {
  std::vector<std::optional<StoredHead>> heads(count);
  absl::Status status;
  // The query's result, then the terminating null.
  while (PGresult* raw = PQgetResult(conn.raw())) {
    db::PgResult result(raw);
    if (PQresultStatus(raw) != PGRES_TUPLES_OK) {
      if (status.ok()) status = db::StatusFromResult(raw, conn.raw());
      continue;
    }
    for (int i = 0; i < result.rows(); ++i) {
      heads[result.GetInt64(i, 0) - 1] =
          StoredHead{result.GetInt64(i, 1), ParseDigestHex(result.Get(i, 2))};
    }
  }
  if (!status.ok()) return status;
  return heads;
}

absl::Status EndLookups(db::PgConn& conn) { return conn.Exec("COMMIT").status(); }

absl::StatusOr<std::vector<SupersededVersion>> SupersedeVersions(
    db::PgConn& tx, const std::vector<KeyView>& keys, const std::vector<int64_t>& versions) {
  std::vector<SupersededVersion> superseded;
  for (size_t begin = 0; begin < keys.size(); begin += kLookupChunk) {
    const size_t end = std::min(keys.size(), begin + kLookupChunk);
    auto [sources, ids] = KeyArrays(keys, begin, end);
    std::string version_array = "{";
    for (size_t i = begin; i < end; ++i) {
      absl::StrAppend(&version_array, i > begin ? "," : "", versions[i]);
    }
    version_array.push_back('}');
    auto rows = tx.Exec(
        "UPDATE transactions t SET superseded_time = now() "
        "FROM unnest($1::text[], $2::text[], $3::int[]) AS k(source_system, transaction_id, version) "
        "WHERE t.source_system = k.source_system AND t.transaction_id = k.transaction_id "
        "AND t.version = k.version AND t.superseded_time IS NULL "
        "RETURNING t.transaction_date::text, COALESCE(t.owner_seller_id, ''), t.splits::text",
        {std::move(sources), std::move(ids), std::move(version_array)});
    if (!rows.ok()) return rows.status();
    if (rows->rows() != static_cast<int>(end - begin)) {
      // Imports of a source are serialized (LockSources), so this is a concurrent writer
      // outside that protocol; retrying re-reads the versions.
      return absl::AbortedError("transactions changed during the import; retry");
    }
    for (int i = 0; i < rows->rows(); ++i) {
      auto day = dates::Parse(rows->Get(i, 0), "transaction_date");
      if (!day.ok()) std::abort();
      SupersededVersion& version = superseded.emplace_back();
      version.date = *day;
      version.seller_ids =
          SellersOf(rows->Get(i, 1), rows->IsNull(i, 2) ? std::nullopt
                                                        : std::optional(rows->Get(i, 2)));
    }
  }
  return superseded;
}

absl::Status RecordImport(db::PgConn& tx, const ImportRecord& record) {
  return tx
      .Exec("INSERT INTO transaction_imports (import_id, request_id, mode, principal, "
            "received_count, inserted_count, new_version_count, unchanged_count, rejected_count) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            {absl::StrCat(record.import_id), OptionalText(record.request_id), record.mode,
             record.principal, absl::StrCat(record.counts.received),
             absl::StrCat(record.counts.inserted), absl::StrCat(record.counts.new_versions),
             absl::StrCat(record.counts.unchanged), absl::StrCat(record.counts.rejected)})
      .status();
}

absl::StatusOr<TransactionPage> ListTransactions(db::PgConn& conn, const TransactionFilter& filter,
                                                 const std::optional<KeyView>& after, int limit) {
  db::Params params = ListParams(filter);
  auto count = conn.Exec(
      absl::StrCat("SELECT count(*) FROM transactions t WHERE ", ListConditions()), params);
  if (!count.ok()) return count.status();
  params.push_back(after ? db::Param(std::string(after->first)) : db::Param());
  params.push_back(after ? db::Param(std::string(after->second)) : db::Param());
  params.push_back(absl::StrCat(limit + 1));
  auto rows = conn.Exec(
      absl::StrCat("SELECT ", ReadColumns(), " FROM transactions t WHERE ", ListConditions(),
                   " AND ($6::text IS NULL OR (t.source_system, t.transaction_id) > ($6, $7)) "
                   "ORDER BY t.source_system, t.transaction_id LIMIT $8"),
      params);
  if (!rows.ok()) return rows.status();
  TransactionPage page;
  page.total = static_cast<int>(count->GetInt64(0, 0));
  for (int i = 0; i < rows->rows() && i < limit; ++i) {
    page.transactions.push_back(RowToVersion(*rows, i));
  }
  page.more = rows->rows() > limit;
  return page;
}

absl::StatusOr<std::vector<TransactionVersion>> GetVersions(
    db::PgConn& conn, const transactions::TransactionKey& key) {
  auto rows = conn.Exec(absl::StrCat("SELECT ", ReadColumns(),
                                     " FROM transactions t WHERE t.source_system = $1 "
                                     "AND t.transaction_id = $2 ORDER BY t.version"),
                        {key.source_system, key.transaction_id});
  if (!rows.ok()) return rows.status();
  std::vector<TransactionVersion> versions;
  versions.reserve(rows->rows());
  for (int i = 0; i < rows->rows(); ++i) versions.push_back(RowToVersion(*rows, i));
  return versions;
}

}  // namespace attain::compensation::store
