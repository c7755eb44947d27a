#include "services/compensation/fx/fx_rate_manager.h"

#include <google/protobuf/util/time_util.h>

#include <map>
#include <tuple>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/db/idempotency.h"
#include "common/server/page_token.h"
#include "services/compensation/fx/fx_rate.h"
#include "services/compensation/store/fx_rate_store.h"

namespace attain::compensation::fx {
namespace {

using google::protobuf::util::TimeUtil;

constexpr char kSetMethod[] = "SetFxRates";
constexpr size_t kMaxReportedViolations = 200;

absl::StatusOr<std::vector<FxRate>> ParseRates(const v1::SetFxRatesRequest& request) {
  if (request.rates_size() == 0) return errors::InvalidField("rates", "at least one rate");
  if (request.rates_size() > FxRateManager::kMaxRatesPerRequest) {
    return errors::InvalidField(
        "rates", absl::StrCat("at most ", FxRateManager::kMaxRatesPerRequest, " rates per request"));
  }
  std::vector<errors::FieldViolation> violations;
  std::vector<FxRate> rates;
  std::map<std::tuple<std::string, std::string, absl::CivilMonth>, int> first_index;
  for (int i = 0; i < request.rates_size(); ++i) {
    const v1::FxRate& rate = request.rates(i);
    const std::string prefix = absl::StrCat("rates[", i, "]");
    auto parsed = ParseFxRate({rate.from_currency(), rate.to_currency(), rate.month(), rate.rate()},
                              prefix, &violations);
    if (!parsed) continue;
    auto [it, fresh] = first_index.try_emplace(
        {parsed->from_currency, parsed->to_currency, parsed->month}, i);
    if (!fresh) {
      violations.push_back({prefix + ".month", absl::StrCat("repeats rates[", it->second, "]")});
      continue;
    }
    rates.push_back(*std::move(parsed));
  }
  if (!violations.empty()) {
    if (violations.size() > kMaxReportedViolations) violations.resize(kMaxReportedViolations);
    return errors::InvalidFields(std::move(violations));
  }
  return rates;
}

absl::StatusOr<store::FxRateFilter> ParseFilter(const v1::ListFxRatesRequest& request) {
  store::FxRateFilter filter;
  for (const auto& [text, field, out] :
       {std::tuple{&request.from_currency(), "from_currency", &filter.from_currency},
        std::tuple{&request.to_currency(), "to_currency", &filter.to_currency}}) {
    if (!text->empty() && !money::IsCurrencyCode(*text)) {
      return errors::InvalidField(field, "must be an ISO-4217 code such as USD");
    }
    *out = *text;
  }
  for (const auto& [text, field, out] :
       {std::tuple{&request.start_month(), "start_month", &filter.start_month},
        std::tuple{&request.end_month(), "end_month", &filter.end_month}}) {
    if (text->empty()) continue;
    *out = ParseMonth(*text);
    if (!*out) return errors::InvalidField(field, "must be a month YYYY-MM");
  }
  return filter;
}

// "EUR USD 2026-01": currency codes and months never contain a space.
std::string PageKey(const FxRate& rate) {
  return absl::StrCat(rate.from_currency, " ", rate.to_currency, " ", FormatMonth(rate.month));
}

absl::StatusOr<std::optional<store::FxRateKey>> ParsePageKey(const std::string& key) {
  if (key.empty()) return std::optional<store::FxRateKey>();
  std::vector<std::string> parts = absl::StrSplit(key, ' ');
  std::optional<absl::CivilMonth> month = parts.size() == 3 ? ParseMonth(parts[2]) : std::nullopt;
  if (!month) return errors::InvalidField("page_token", "is not a token returned by this method");
  return std::optional<store::FxRateKey>(store::FxRateKey{parts[0], parts[1], *month});
}

}  // namespace

absl::StatusOr<v1::SetFxRatesResponse> FxRateManager::Set(const v1::SetFxRatesRequest& request) {
  auto rates = ParseRates(request);
  if (!rates.ok()) return rates.status();
  auto response = db::IdempotentWrite<v1::SetFxRatesResponse>(
      *pool_, request.request_id(), kSetMethod, request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<v1::SetFxRatesResponse> {
        auto counts = store::UpsertFxRates(tx, *rates);
        if (!counts.ok()) return counts.status();
        nlohmann::json changed = nlohmann::json::array();
        for (const FxRate& rate : *rates) {
          changed.push_back({{"from_currency", rate.from_currency},
                             {"to_currency", rate.to_currency},
                             {"month", FormatMonth(rate.month)},
                             {"rate", rate.rate.ToString()}});
        }
        nlohmann::json payload = {{"request_id", request.request_id()},
                                  {"rates", std::move(changed)},
                                  {"created_count", counts->created},
                                  {"updated_count", counts->updated},
                                  {"unchanged_count", counts->unchanged}};
        if (auto s = events::Append(tx, "fx_rates.set", "fx-rates", payload.dump()); !s.ok()) {
          return s;
        }
        v1::SetFxRatesResponse response;
        response.set_created_count(counts->created);
        response.set_updated_count(counts->updated);
        response.set_unchanged_count(counts->unchanged);
        return response;
      });
  if (response.ok()) relay_->Notify();
  return response;
}

absl::StatusOr<v1::ListFxRatesResponse> FxRateManager::List(const v1::ListFxRatesRequest& request) {
  auto page_size = server::EffectivePageSize(request.page_size());
  if (!page_size.ok()) return page_size.status();
  auto filter = ParseFilter(request);
  if (!filter.ok()) return filter.status();
  v1::ListFxRatesRequest fingerprint = request;
  fingerprint.clear_page_token();
  fingerprint.clear_page_size();
  const std::string filter_key = db::RequestFingerprint(fingerprint.SerializeAsString());
  auto after_key = server::DecodePageToken(request.page_token(), filter_key);
  if (!after_key.ok()) return after_key.status();
  auto after = ParsePageKey(*after_key);
  if (!after.ok()) return after.status();

  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto page = store::ListFxRates(**lease, *filter, *after, *page_size);
  if (!page.ok()) return page.status();
  v1::ListFxRatesResponse response;
  for (const FxRate& rate : page->rates) {
    v1::FxRate* out = response.add_rates();
    out->set_from_currency(rate.from_currency);
    out->set_to_currency(rate.to_currency);
    out->set_month(FormatMonth(rate.month));
    out->set_rate(rate.rate.ToString());
    *out->mutable_update_time() = TimeUtil::MicrosecondsToTimestamp(rate.update_time_micros);
  }
  response.set_total_size(page->total);
  if (page->more) {
    response.set_next_page_token(server::EncodePageToken(filter_key, PageKey(page->rates.back())));
  }
  return response;
}

}  // namespace attain::compensation::fx
