#include "services/compensation/calculation/planning_snapshot.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/errors/errors.h"
#include "common/time/dates.h"

namespace attain::compensation::calculation {
namespace {

namespace pv1 = planning::v1;

// Sellers per GetQuotas call (planning accepts up to 10,000).
constexpr size_t kQuotaBatch = 1000;

absl::Status Malformed(absl::string_view record, int index, absl::string_view field,
                       absl::string_view value) {
  return absl::InternalError(absl::StrCat("crediting data: ", record, " ", index, " has a malformed ",
                                          field, " '", value, "'"));
}

// Reads a record's [start_date, end_date] (end empty = open).
template <typename Record>
absl::Status ReadDates(const Record& r, absl::string_view record, int index, absl::CivilDay* first,
                       std::optional<absl::CivilDay>* last) {
  auto start = dates::Parse(r.start_date(), "start_date");
  if (!start.ok()) return Malformed(record, index, "start_date", r.start_date());
  auto end = dates::ParseOptional(r.end_date(), "end_date");
  if (!end.ok()) return Malformed(record, index, "end_date", r.end_date());
  *first = *start;
  *last = *end;
  return absl::OkStatus();
}

// Planning's failure as this service's status: transient failures become UNAVAILABLE (retry
// the run), a refused token INTERNAL (a deployment problem), anything else keeps its code.
absl::Status PlanningFailed(const grpc::Status& status, absl::string_view what) {
  const grpc::StatusCode code = status.error_code();
  const std::string detail = absl::StrCat(" (", status.error_message(), ")");
  absl::Status out;
  if (code == grpc::StatusCode::UNAVAILABLE || code == grpc::StatusCode::DEADLINE_EXCEEDED ||
      code == grpc::StatusCode::RESOURCE_EXHAUSTED) {
    out = absl::UnavailableError(
        absl::StrCat("the planning service is unavailable for ", what, detail, "; retry later"));
  } else if (code == grpc::StatusCode::UNAUTHENTICATED ||
             code == grpc::StatusCode::PERMISSION_DENIED) {
    out = absl::InternalError(absl::StrCat("the planning service refused ", what, detail,
                                           ": check the service token and the policy"));
  } else {
    out = absl::Status(static_cast<absl::StatusCode>(code),
                       absl::StrCat("the planning service failed ", what, detail));
  }
  return errors::WithReason(out, "PLANNING_CALL_FAILED");
}

void SerializeDeterministic(const google::protobuf::MessageLite& message, std::string* out) {
  google::protobuf::io::StringOutputStream stream(out);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  message.SerializeToCodedStream(&coded);
}

}  // namespace

absl::Status AppendChunk(const pv1::CreditingDataChunk& chunk, bool first,
                         PlanningSnapshot* snapshot) {
  if (first && !chunk.has_snapshot()) {
    return absl::InternalError("crediting data: the first chunk has no snapshot marker");
  }
  // Converted aside so a malformed record appends nothing.
  PlanningSnapshot add;
  for (int i = 0; i < chunk.sellers_size(); ++i) {
    add.sellers.push_back({chunk.sellers(i).seller_id(), chunk.sellers(i).title()});
  }
  for (int i = 0; i < chunk.reporting_lines_size(); ++i) {
    const pv1::CreditingReportingLine& r = chunk.reporting_lines(i);
    PlanningSnapshot::Line& line = add.lines.emplace_back();
    line.seller_id = r.seller_id();
    line.manager_id = r.manager_id();
    if (auto s = ReadDates(r, "reporting line", i, &line.first, &line.last); !s.ok()) return s;
  }
  for (int i = 0; i < chunk.account_territories_size(); ++i) {
    const pv1::CreditingAccountTerritory& r = chunk.account_territories(i);
    PlanningSnapshot::AccountTerritory& at = add.account_territories.emplace_back();
    at.account_id = r.account_id();
    at.territory_id = r.territory_id();
    at.overlay = r.territory_type() == pv1::TERRITORY_TYPE_OVERLAY;
    if (auto s = ReadDates(r, "account territory", i, &at.first, &at.last); !s.ok()) return s;
  }
  for (int i = 0; i < chunk.coverage_size(); ++i) {
    const pv1::CreditingCoverage& r = chunk.coverage(i);
    PlanningSnapshot::Cover& cover = add.coverage.emplace_back();
    cover.territory_id = r.territory_id();
    cover.seller_id = r.seller_id();
    auto fraction = money::Decimal::Parse(r.split_fraction());
    if (!fraction.ok()) return Malformed("coverage", i, "split_fraction", r.split_fraction());
    cover.fraction = *fraction;
    if (r.role() != pv1::SELLER_ROLE_PRIMARY && r.role() != pv1::SELLER_ROLE_OVERLAY) {
      return Malformed("coverage", i, "role", pv1::SellerRole_Name(r.role()));
    }
    cover.overlay = r.role() == pv1::SELLER_ROLE_OVERLAY;
    if (auto s = ReadDates(r, "coverage", i, &cover.first, &cover.last); !s.ok()) return s;
  }
  for (const pv1::CreditingProduct& p : chunk.products()) {
    add.product_families.emplace_back(p.product_id(), p.family());
  }
  if (first) snapshot->sequence = chunk.snapshot().sequence();
  auto move_into = [](auto& from, auto& to) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  };
  move_into(add.sellers, snapshot->sellers);
  move_into(add.lines, snapshot->lines);
  move_into(add.account_territories, snapshot->account_territories);
  move_into(add.coverage, snapshot->coverage);
  move_into(add.product_families, snapshot->product_families);
  return absl::OkStatus();
}

absl::StatusOr<PlanningSnapshot> SnapshotFromChunks(std::span<const pv1::CreditingDataChunk> chunks) {
  if (chunks.empty()) return absl::InternalError("crediting data: the export sent no chunk");
  PlanningSnapshot snapshot;
  for (size_t i = 0; i < chunks.size(); ++i) {
    if (auto s = AppendChunk(chunks[i], i == 0, &snapshot); !s.ok()) return s;
  }
  return snapshot;
}

std::string SerializeSnapshot(const PlanningSnapshot& snapshot) {
  pv1::CreditingDataChunk chunk;
  chunk.mutable_snapshot()->set_sequence(snapshot.sequence);
  for (const PlanningSnapshot::Seller& s : snapshot.sellers) {
    pv1::CreditingSeller* out = chunk.add_sellers();
    out->set_seller_id(s.seller_id);
    out->set_title(s.title);
  }
  for (const PlanningSnapshot::Line& l : snapshot.lines) {
    pv1::CreditingReportingLine* out = chunk.add_reporting_lines();
    out->set_seller_id(l.seller_id);
    out->set_manager_id(l.manager_id);
    out->set_start_date(dates::Format(l.first));
    out->set_end_date(dates::FormatOptional(l.last));
  }
  for (const PlanningSnapshot::AccountTerritory& a : snapshot.account_territories) {
    pv1::CreditingAccountTerritory* out = chunk.add_account_territories();
    out->set_account_id(a.account_id);
    out->set_territory_id(a.territory_id);
    // Only "overlay or not" is kept; UNSPECIFIED stands for any other type.
    out->set_territory_type(a.overlay ? pv1::TERRITORY_TYPE_OVERLAY : pv1::TERRITORY_TYPE_UNSPECIFIED);
    out->set_start_date(dates::Format(a.first));
    out->set_end_date(dates::FormatOptional(a.last));
  }
  for (const PlanningSnapshot::Cover& c : snapshot.coverage) {
    pv1::CreditingCoverage* out = chunk.add_coverage();
    out->set_territory_id(c.territory_id);
    out->set_seller_id(c.seller_id);
    out->set_role(c.overlay ? pv1::SELLER_ROLE_OVERLAY : pv1::SELLER_ROLE_PRIMARY);
    out->set_split_fraction(c.fraction.ToString());
    out->set_start_date(dates::Format(c.first));
    out->set_end_date(dates::FormatOptional(c.last));
  }
  for (const auto& [product_id, family] : snapshot.product_families) {
    pv1::CreditingProduct* out = chunk.add_products();
    out->set_product_id(product_id);
    out->set_family(family);
  }
  std::string bytes;
  SerializeDeterministic(chunk, &bytes);
  return bytes;
}

absl::StatusOr<PlanningSnapshot> ParseSnapshot(std::string_view bytes) {
  pv1::CreditingDataChunk chunk;
  if (!chunk.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::DataLossError("stored planning snapshot is not a serialized snapshot");
  }
  auto snapshot = SnapshotFromChunks({&chunk, 1});
  if (!snapshot.ok()) {
    return absl::DataLossError(absl::StrCat("stored planning snapshot: ", snapshot.status().message()));
  }
  return snapshot;
}

PlanningSource::PlanningSource(std::shared_ptr<grpc::Channel> planning,
                               std::function<std::string()> service_token,
                               PlanningDeadlines deadlines)
    : info_(pv1::PlanningService::NewStub(planning)),
      crediting_(pv1::CreditingDataService::NewStub(planning)),
      quotas_(pv1::QuotaService::NewStub(planning)),
      token_(std::move(service_token)),
      deadlines_(deadlines) {}

std::unique_ptr<grpc::ClientContext> PlanningSource::Context(absl::Duration deadline) const {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(absl::ToChronoTime(absl::Now() + deadline));
  context->AddMetadata("authorization", absl::StrCat("Bearer ", token_()));
  return context;
}

absl::StatusOr<int64_t> PlanningSource::CurrentSequence() {
  auto context = Context(deadlines_.info);
  pv1::GetServiceInfoResponse response;
  grpc::Status status = info_->GetServiceInfo(context.get(), pv1::GetServiceInfoRequest(), &response);
  if (!status.ok()) return PlanningFailed(status, "its event sequence");
  return response.info().last_published_sequence();
}

std::shared_ptr<const PlanningSnapshot> PlanningSource::CachedFor(absl::CivilDay first,
                                                                  absl::CivilDay last,
                                                                  int64_t sequence) {
  absl::MutexLock lock(&mu_);
  if (cached_ && cached_->first == first && cached_->last == last &&
      cached_->snapshot->sequence == sequence) {
    return cached_->snapshot;
  }
  return nullptr;
}

absl::StatusOr<PlanningSnapshot> PlanningSource::Export(absl::CivilDay first, absl::CivilDay last) {
  auto context = Context(deadlines_.exports);
  pv1::ExportCreditingDataRequest request;
  request.set_start_date(dates::Format(first));
  request.set_end_date(dates::Format(last));
  auto reader = crediting_->ExportCreditingData(context.get(), request);
  PlanningSnapshot snapshot;
  absl::Status converted;
  bool first_chunk = true;
  pv1::CreditingDataChunk chunk;
  while (reader->Read(&chunk)) {
    converted = AppendChunk(chunk, first_chunk, &snapshot);
    first_chunk = false;
    if (!converted.ok()) {
      context->TryCancel();  // the rest is useless; Finish then reports CANCELLED
      break;
    }
  }
  grpc::Status status = reader->Finish();
  if (!converted.ok()) return converted;
  if (!status.ok()) return PlanningFailed(status, "the crediting data export");
  if (first_chunk) return absl::InternalError("crediting data: the export sent no chunk");
  return snapshot;
}

absl::StatusOr<std::shared_ptr<const PlanningSnapshot>> PlanningSource::Snapshot(
    absl::CivilDay first, absl::CivilDay last) {
  if (last < first) {
    return absl::InvalidArgumentError(absl::StrCat("the range ", dates::Format(first), "..",
                                                   dates::Format(last), " ends before it starts"));
  }
  auto sequence = CurrentSequence();
  if (!sequence.ok()) return sequence.status();
  if (auto hit = CachedFor(first, last, *sequence)) return hit;
  absl::MutexLock exporting(&export_mu_);
  if (auto hit = CachedFor(first, last, *sequence)) return hit;  // exported while we waited
  auto exported = Export(first, last);
  if (!exported.ok()) return exported.status();
  auto snapshot = std::make_shared<const PlanningSnapshot>(*std::move(exported));
  absl::MutexLock lock(&mu_);
  cached_ = Cached{first, last, snapshot};
  return snapshot;
}

absl::StatusOr<const absl::flat_hash_map<std::string, PlanningSource::Period>*>
PlanningSource::PeriodsOf(const std::string& version, VersionPeriods* known) {
  if (auto it = known->find(version); it != known->end()) return &it->second;
  const size_t cut = version.find("/versions/");
  if (cut == std::string::npos) {
    return absl::InternalError(absl::StrCat("GetQuotas named the version '", version,
                                            "', not quotaPlans/{plan}/versions/{n}"));
  }
  auto context = Context(deadlines_.quotas);
  pv1::GetQuotaPlanRequest request;
  request.set_name(version.substr(0, cut));
  pv1::QuotaPlan plan;
  grpc::Status status = quotas_->GetQuotaPlan(context.get(), request, &plan);
  if (!status.ok()) return PlanningFailed(status, absl::StrCat("the quota plan ", request.name()));
  for (const pv1::QuotaPlanVersion& v : plan.versions()) {
    auto& periods = (*known)[v.name()];
    for (const pv1::QuotaPeriod& p : v.periods()) {
      auto start = dates::Parse(p.start_date(), "start_date");
      auto end = dates::Parse(p.end_date(), "end_date");
      if (!start.ok() || !end.ok()) {
        return absl::InternalError(absl::StrCat(v.name(), " has a malformed period ", p.label()));
      }
      periods[p.label()] = {*start, *end};
    }
  }
  if (auto it = known->find(version); it != known->end()) return &it->second;
  return absl::InternalError(absl::StrCat(request.name(), " has no version ", version));
}

absl::StatusOr<absl::flat_hash_map<std::string, money::Decimal>> PlanningSource::Quotas(
    const std::vector<std::string>& seller_ids, absl::CivilDay first, absl::CivilDay last) {
  if (last < first) {
    return absl::InvalidArgumentError(absl::StrCat("the range ", dates::Format(first), "..",
                                                   dates::Format(last), " ends before it starts"));
  }
  std::vector<std::string> unique;
  absl::flat_hash_set<std::string> seen;
  for (const std::string& id : seller_ids) {
    if (seen.insert(id).second) unique.push_back(id);
  }
  absl::flat_hash_map<std::string, money::Decimal> totals;
  absl::flat_hash_map<std::string, std::string> currencies;
  VersionPeriods periods_by_version;
  for (size_t begin = 0; begin < unique.size(); begin += kQuotaBatch) {
    pv1::GetQuotasRequest request;
    for (size_t i = begin; i < unique.size() && i < begin + kQuotaBatch; ++i) {
      request.add_seller_ids(unique[i]);
    }
    // The versions active on the range's last day: the latest revision of the year's quotas.
    request.set_as_of(dates::Format(last));
    auto context = Context(deadlines_.quotas);
    pv1::GetQuotasResponse response;
    grpc::Status status = quotas_->GetQuotas(context.get(), request, &response);
    if (!status.ok()) return PlanningFailed(status, "seller quotas");
    for (const pv1::SellerQuota& quota : response.quotas()) {
      auto periods = PeriodsOf(quota.version(), &periods_by_version);
      if (!periods.ok()) return periods.status();
      std::optional<money::Decimal> sum;
      for (const pv1::SellerPeriodQuota& p : quota.periods()) {
        auto dates_of = (*periods)->find(p.period());
        if (dates_of == (*periods)->end()) {
          return absl::InternalError(absl::StrCat(quota.version(), " has no period ", p.period()));
        }
        if (dates_of->second.start < first || dates_of->second.end > last) continue;
        auto amount = money::Decimal::Parse(p.quota());
        if (!amount.ok()) {
          return absl::InternalError(absl::StrCat("GetQuotas sent a malformed quota '", p.quota(),
                                                  "' for ", quota.seller_id()));
        }
        auto added = sum.value_or(money::Decimal()).Add(*amount);
        if (!added.ok()) return added.status();
        sum = *added;
      }
      if (!sum) continue;  // no period of this version lies inside the range
      auto [currency, fresh] = currencies.try_emplace(quota.seller_id(), quota.currency());
      if (!fresh && currency->second != quota.currency()) {
        return errors::WithReason(
            absl::FailedPreconditionError(absl::StrCat(
                "seller ", quota.seller_id(), " has quotas in ", currency->second, " and ",
                quota.currency(), " between ", dates::Format(first), " and ", dates::Format(last))),
            "QUOTA_CURRENCIES_DIFFER");
      }
      auto total = totals[quota.seller_id()].Add(*sum);
      if (!total.ok()) return total.status();
      totals[quota.seller_id()] = *total;
    }
  }
  return totals;
}

}  // namespace attain::compensation::calculation
