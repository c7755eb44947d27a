#include "services/planning/organization_manager.h"

#include <google/protobuf/empty.pb.h>

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/db/idempotency.h"
#include "common/errors/errors.h"
#include "common/server/page_token.h"
#include "common/time/dates.h"
#include "services/planning/org/seller_validation.h"
#include "services/planning/seller_proto.h"

namespace attain::planning {
namespace {

constexpr size_t kMaxReportedViolations = 200;
constexpr char kCreateMethod[] = "CreateSeller";
constexpr char kUpdateMethod[] = "UpdateSeller";
constexpr char kDeleteMethod[] = "DeleteSeller";
constexpr char kImportMethod[] = "ImportSellers";

std::string CacheKey(const std::string& id) { return absl::StrCat("seller:", id); }

bool Visible(const store::Visibility& visibility, const std::string& id) {
  return visibility.everyone ||
         std::find(visibility.ids.begin(), visibility.ids.end(), id) != visibility.ids.end();
}

absl::Status NotVisible(const std::string& id) {
  return errors::WithReason(
      absl::PermissionDeniedError(absl::StrCat("not allowed to see sellers/", id)),
      "OUTSIDE_CALLER_SCOPE");
}

// True when an import row would change nothing (revision and timestamps aside).
bool SameContent(const org::Seller& stored, const org::Seller& incoming) {
  org::Seller merged = incoming;
  merged.revision = stored.revision;
  merged.create_time = stored.create_time;
  merged.update_time = stored.update_time;
  return ToProto(stored).SerializeAsString() == ToProto(merged).SerializeAsString();
}

absl::Status Reject(std::vector<errors::FieldViolation> violations) {
  if (violations.size() > kMaxReportedViolations) violations.resize(kMaxReportedViolations);
  return errors::InvalidFields(std::move(violations));
}

absl::StatusOr<absl::CivilDay> DayOrToday(const std::string& text, const std::string& field) {
  if (text.empty()) return dates::TodayUtc();
  auto day = dates::Parse(text, field);
  if (!day.ok()) return errors::InvalidField(field, "must be a calendar date YYYY-MM-DD");
  return day;
}

// Rejects an email already used by another seller.
absl::Status CheckEmailFree(db::PgConn& tx, const org::Seller& seller, const std::string& field) {
  auto owner = store::SellerIdByEmail(tx, seller.email);
  if (!owner.ok()) return owner.status();
  if (owner->has_value() && **owner != seller.id) {
    return errors::InvalidField(field, absl::StrCat("is already used by sellers/", **owner));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> SellerIdFromName(const std::string& name, const std::string& field) {
  if (!absl::StartsWith(name, "sellers/")) {
    return errors::InvalidField(field, "must be a resource name sellers/{seller_id}");
  }
  std::string id = name.substr(std::string("sellers/").size());
  if (!org::IsValidSellerId(id)) {
    return errors::InvalidField(field, "must be a resource name sellers/{seller_id}");
  }
  return id;
}

absl::StatusOr<store::Visibility> OrganizationManager::VisibilityFor(
    const auth::Principal& principal) {
  using auth::Role;
  for (Role role : {Role::kAdmin, Role::kPlanner, Role::kCompAdmin, Role::kFinance, Role::kAnalyst,
                    Role::kService}) {
    if (principal.Has(role)) return store::Visibility{};
  }
  store::Visibility visibility;
  visibility.everyone = false;
  visibility.ids.push_back(principal.subject);
  if (principal.Has(Role::kManager)) {
    auto lease = pool_->Acquire();
    if (!lease.ok()) return lease.status();
    auto subtree = store::SubtreeIds(**lease, principal.subject, dates::TodayUtc());
    if (!subtree.ok()) return subtree.status();
    visibility.ids.insert(visibility.ids.end(), subtree->begin(), subtree->end());
  }
  return visibility;
}

void OrganizationManager::AfterCommit(const std::vector<std::string>& changed_ids) {
  relay_->Notify();
  std::vector<std::string> keys;
  keys.reserve(changed_ids.size());
  for (const std::string& id : changed_ids) keys.push_back(CacheKey(id));
  cache_->Invalidate(keys);
}

absl::StatusOr<v1::Seller> OrganizationManager::Create(const v1::CreateSellerRequest& request) {
  std::vector<errors::FieldViolation> violations;
  std::optional<org::Seller> seller =
      org::ParseSeller(ToInput(request.seller()), "seller", &violations);
  if (!seller) return Reject(std::move(violations));

  auto response = db::IdempotentWrite<v1::Seller>(
      *pool_, request.request_id(), kCreateMethod, request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<v1::Seller> {
        if (auto locked = store::LockHierarchy(tx); !locked.ok()) return locked;
        auto existing = store::GetSeller(tx, seller->id);
        if (!existing.ok()) return existing.status();
        if (existing->has_value()) {
          return errors::InvalidField("seller.seller_id",
                                      absl::StrCat("sellers/", seller->id, " already exists"));
        }
        if (auto free = CheckEmailFree(tx, *seller, "seller.email"); !free.ok()) return free;
        if (!seller->lines.empty()) {
          auto chart = store::LoadChart(tx);
          if (!chart.ok()) return chart.status();
          chart->Upsert(*seller);
          std::vector<errors::FieldViolation> graph;
          chart->ValidateReporting(
              {seller->id}, [](const std::string&) { return "seller"; }, &graph);
          if (!graph.empty()) return Reject(std::move(graph));
        }
        if (auto s = store::InsertSeller(tx, *seller); !s.ok()) return s;
        if (auto s = store::ReplaceLines(tx, *seller); !s.ok()) return s;
        auto stored = store::GetSeller(tx, seller->id);
        if (!stored.ok()) return stored.status();
        if (auto s = events::Append(tx, "seller.created", absl::StrCat("sellers/", seller->id),
                                    ToJson(**stored));
            !s.ok()) {
          return s;
        }
        return ToProto(**stored);
      });
  if (response.ok()) AfterCommit({seller->id});
  return response;
}

absl::StatusOr<v1::Seller> OrganizationManager::Update(const v1::UpdateSellerRequest& request) {
  auto id = SellerIdFromName(request.seller().name(), "seller.name");
  if (!id.ok()) return id.status();
  static const std::vector<std::string> kUpdatable = {
      "display_name",     "email",         "title",          "hire_date",
      "termination_date", "home_currency", "reporting_lines"};
  std::vector<std::string> paths(request.update_mask().paths().begin(),
                                 request.update_mask().paths().end());
  if (paths.empty()) paths = kUpdatable;
  for (const std::string& path : paths) {
    if (std::find(kUpdatable.begin(), kUpdatable.end(), path) == kUpdatable.end()) {
      return errors::InvalidField("update_mask", absl::StrCat("'", path, "' cannot be updated"));
    }
  }
  auto has = [&paths](const char* field) {
    return std::find(paths.begin(), paths.end(), field) != paths.end();
  };

  auto response = db::IdempotentWrite<v1::Seller>(
      *pool_, request.request_id(), kUpdateMethod, request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<v1::Seller> {
        if (auto locked = store::LockHierarchy(tx); !locked.ok()) return locked;
        auto existing = store::GetSeller(tx, *id);
        if (!existing.ok()) return existing.status();
        if (!existing->has_value())
          return absl::NotFoundError(absl::StrCat("sellers/", *id, " not found"));
        if (request.seller().revision() != 0 &&
            request.seller().revision() != (*existing)->revision) {
          return errors::WithReason(
              absl::AbortedError(absl::StrCat("sellers/", *id, " changed since revision ",
                                              request.seller().revision(), "; re-read and retry")),
              "STALE_REVISION");
        }
        org::SellerInput input = ToInput(**existing);
        org::SellerInput changes = ToInput(request.seller());
        if (has("display_name")) input.display_name = changes.display_name;
        if (has("email")) input.email = changes.email;
        if (has("title")) input.title = changes.title;
        if (has("hire_date")) input.hire_date = changes.hire_date;
        if (has("termination_date")) input.termination_date = changes.termination_date;
        if (has("home_currency")) input.home_currency = changes.home_currency;
        if (has("reporting_lines")) input.lines = changes.lines;
        std::vector<errors::FieldViolation> violations;
        std::optional<org::Seller> seller = org::ParseSeller(input, "seller", &violations);
        if (!seller) return Reject(std::move(violations));
        if (auto free = CheckEmailFree(tx, *seller, "seller.email"); !free.ok()) return free;

        auto chart = store::LoadChart(tx);
        if (!chart.ok()) return chart.status();
        chart->Upsert(*seller);
        std::vector<std::string> changed = {seller->id};
        std::vector<errors::FieldViolation> graph;
        if (has("hire_date")) {
          // Others' lines that point at this seller must not start before the new hire date.
          for (const auto& [owner, line] : chart->LinesManagedBy(seller->id)) {
            if (line.period.start < seller->hire_date) {
              graph.push_back(
                  {"seller.hire_date",
                   absl::StrCat("sellers/", owner, " reports to this seller from ",
                                dates::Format(line.period.start), ", before this hire date")});
            }
          }
        }
        chart->ValidateReporting(
            changed, [](const std::string&) { return "seller"; }, &graph);
        if (!graph.empty()) return Reject(std::move(graph));

        if (auto s = store::UpdateSeller(tx, *seller); !s.ok()) return s;
        if (auto s = store::ReplaceLines(tx, *seller); !s.ok()) return s;
        auto stored = store::GetSeller(tx, seller->id);
        if (!stored.ok()) return stored.status();
        if (auto s = events::Append(tx, "seller.updated", absl::StrCat("sellers/", seller->id),
                                    ToJson(**stored));
            !s.ok()) {
          return s;
        }
        return ToProto(**stored);
      });
  if (response.ok()) AfterCommit({*id});
  return response;
}

absl::Status OrganizationManager::Delete(const v1::DeleteSellerRequest& request) {
  auto id = SellerIdFromName(request.name(), "name");
  if (!id.ok()) return id.status();
  auto deleted = db::IdempotentWrite<google::protobuf::Empty>(
      *pool_, request.request_id(), kDeleteMethod, request.SerializeAsString(),
      [&](db::PgConn& tx) -> absl::StatusOr<google::protobuf::Empty> {
        if (auto locked = store::LockHierarchy(tx); !locked.ok()) return locked;
        auto manages = store::IsAnyonesManager(tx, *id);
        if (!manages.ok()) return manages.status();
        if (*manages) {
          return errors::WithReason(
              absl::FailedPreconditionError(absl::StrCat(
                  "sellers/", *id,
                  " is named as a manager in reporting lines; reassign those lines first")),
              "SELLER_HAS_REPORTS");
        }
        if (auto s = store::DeleteSeller(tx, *id); !s.ok()) {
          return s.code() == absl::StatusCode::kNotFound
                     ? absl::NotFoundError(absl::StrCat("sellers/", *id, " not found"))
                     : s;
        }
        if (auto s = events::Append(tx, "seller.deleted", absl::StrCat("sellers/", *id), "{}");
            !s.ok()) {
          return s;
        }
        return google::protobuf::Empty();
      });
  if (!deleted.ok()) return deleted.status();
  AfterCommit({*id});
  return absl::OkStatus();
}

absl::StatusOr<v1::ImportSellersResponse> OrganizationManager::Import(
    const std::string& request_id, const std::vector<v1::SellerImportRow>& rows) {
  // 1. Every row on its own, then duplicates within the file.
  std::vector<errors::FieldViolation> violations;
  std::vector<org::Seller> sellers;
  absl::flat_hash_map<std::string, std::string> prefix_by_id;
  absl::flat_hash_map<std::string, int64_t> row_by_id;
  absl::flat_hash_map<std::string, int64_t> row_by_email;
  for (const v1::SellerImportRow& row : rows) {
    const std::string prefix = absl::StrCat("rows[", row.row_number(), "]");
    std::optional<org::Seller> seller =
        org::ParseSeller(ToInput(row.seller()), prefix, &violations);
    if (!seller) continue;
    if (auto [it, fresh] = row_by_id.emplace(seller->id, row.row_number()); !fresh) {
      violations.push_back({prefix + ".seller_id", absl::StrCat("duplicates row ", it->second)});
      continue;
    }
    if (auto [it, fresh] = row_by_email.emplace(seller->email, row.row_number()); !fresh) {
      violations.push_back({prefix + ".email", absl::StrCat("duplicates row ", it->second)});
      continue;
    }
    prefix_by_id[seller->id] = prefix;
    sellers.push_back(*std::move(seller));
  }
  if (rows.empty()) return errors::InvalidField("rows", "the import has no rows");
  if (!violations.empty()) return Reject(std::move(violations));

  std::vector<std::string> changed_ids;
  std::string serialized_rows;
  for (const v1::SellerImportRow& row : rows) serialized_rows += row.SerializeAsString();
  auto result = db::IdempotentWrite<v1::ImportSellersResponse>(
      *pool_, request_id, kImportMethod, serialized_rows,
      [&](db::PgConn& tx) -> absl::StatusOr<v1::ImportSellersResponse> {
        v1::ImportSellersResponse response;
        changed_ids.clear();
        if (auto locked = store::LockHierarchy(tx); !locked.ok()) return locked;
        auto chart = store::LoadChart(tx);
        if (!chart.ok()) return chart.status();

        // 2. Against the organization: emails, managers, cycles.
        std::vector<const org::Seller*> created, updated;
        std::vector<errors::FieldViolation> graph;
        for (const org::Seller& seller : sellers) {
          const org::Seller* existing = chart->Find(seller.id);
          if (existing == nullptr) {
            created.push_back(&seller);
          } else if (SameContent(*existing, seller)) {
            response.set_unchanged_count(response.unchanged_count() + 1);
          } else {
            updated.push_back(&seller);
          }
        }
        for (const auto* group : {&created, &updated}) {
          for (const org::Seller* seller : *group) {
            auto owner = store::SellerIdByEmail(tx, seller->email);
            if (!owner.ok()) return owner.status();
            // An email held by a seller outside this file stays theirs; a seller in the file
            // gets a different one there (duplicates within the file were rejected above).
            if (owner->has_value() && **owner != seller->id && !row_by_id.contains(**owner)) {
              graph.push_back({prefix_by_id[seller->id] + ".email",
                               absl::StrCat("is already used by sellers/", **owner)});
            }
          }
        }
        std::vector<std::string> to_check;
        for (const org::Seller& seller : sellers) {
          chart->Upsert(seller);
          to_check.push_back(seller.id);
        }
        chart->ValidateReporting(
            to_check, [&](const std::string& id) { return prefix_by_id[id]; }, &graph);
        if (!graph.empty()) return Reject(std::move(graph));

        // 3. Rows first, then lines, so lines may name managers created later in the file.
        for (const org::Seller* seller : created) {
          if (auto s = store::InsertSeller(tx, *seller); !s.ok()) return s;
        }
        for (const org::Seller* seller : updated) {
          if (auto s = store::UpdateSeller(tx, *seller); !s.ok()) return s;
        }
        for (const auto* group : {&created, &updated}) {
          for (const org::Seller* seller : *group) {
            if (auto s = store::ReplaceLines(tx, *seller); !s.ok()) return s;
            changed_ids.push_back(seller->id);
          }
        }
        if (!changed_ids.empty()) {
          auto stored = store::GetSellers(tx, changed_ids);
          if (!stored.ok()) return stored.status();
          absl::flat_hash_set<std::string> created_ids;
          for (const org::Seller* seller : created) created_ids.insert(seller->id);
          for (const org::Seller& seller : *stored) {
            const char* type =
                created_ids.contains(seller.id) ? "seller.created" : "seller.updated";
            if (auto s =
                    events::Append(tx, type, absl::StrCat("sellers/", seller.id), ToJson(seller));
                !s.ok()) {
              return s;
            }
          }
        }
        response.set_created_count(static_cast<int>(created.size()));
        response.set_updated_count(static_cast<int>(updated.size()));
        return response;
      });
  if (result.ok()) AfterCommit(changed_ids);
  return result;
}

absl::StatusOr<v1::Seller> OrganizationManager::Get(const std::string& name,
                                                    const store::Visibility& visibility) {
  auto id = SellerIdFromName(name, "name");
  if (!id.ok()) return id.status();
  if (!Visible(visibility, *id)) return NotVisible(*id);
  return cache_->GetOrLoadMessage<v1::Seller>(CacheKey(*id), [&]() -> absl::StatusOr<v1::Seller> {
    auto lease = pool_->Acquire();
    if (!lease.ok()) return lease.status();
    auto seller = store::GetSeller(**lease, *id);
    if (!seller.ok()) return seller.status();
    if (!seller->has_value()) {
      return absl::NotFoundError(absl::StrCat("sellers/", *id, " not found"));
    }
    return ToProto(**seller);
  });
}

absl::StatusOr<v1::ListSellersResponse> OrganizationManager::List(
    const v1::ListSellersRequest& request, const store::Visibility& visibility) {
  auto page_size = server::EffectivePageSize(request.page_size());
  if (!page_size.ok()) return page_size.status();
  store::SellerFilter filter;
  filter.display_name_contains = request.display_name_contains();
  filter.title = request.title();
  filter.manager_id = request.manager_id();
  if (!request.active_as_of().empty()) {
    auto day = DayOrToday(request.active_as_of(), "active_as_of");
    if (!day.ok()) return day.status();
    filter.active_as_of = *day;
  }
  auto manager_day = DayOrToday(request.active_as_of(), "active_as_of");
  if (!manager_day.ok()) return manager_day.status();
  filter.manager_as_of = *manager_day;
  v1::ListSellersRequest fingerprint = request;
  fingerprint.clear_page_token();
  fingerprint.clear_page_size();
  auto after = server::DecodePageToken(request.page_token(),
                                       db::RequestFingerprint(fingerprint.SerializeAsString()));
  if (!after.ok()) return after.status();

  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto page = store::ListSellers(**lease, filter, visibility, *after, *page_size);
  if (!page.ok()) return page.status();
  v1::ListSellersResponse response;
  for (const org::Seller& seller : page->sellers) ToProto(seller, response.add_sellers());
  response.set_total_size(page->total);
  if (page->more) {
    response.set_next_page_token(server::EncodePageToken(
        db::RequestFingerprint(fingerprint.SerializeAsString()), page->sellers.back().id));
  }
  return response;
}

absl::StatusOr<v1::GetReportingChainResponse> OrganizationManager::Chain(
    const v1::GetReportingChainRequest& request, const store::Visibility& visibility) {
  if (!org::IsValidSellerId(request.seller_id())) {
    return errors::InvalidField("seller_id", "must be a seller id");
  }
  if (!Visible(visibility, request.seller_id())) return NotVisible(request.seller_id());
  auto day = DayOrToday(request.as_of(), "as_of");
  if (!day.ok()) return day.status();
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto seller = store::GetSeller(**lease, request.seller_id());
  if (!seller.ok()) return seller.status();
  if (!seller->has_value()) {
    return absl::NotFoundError(absl::StrCat("sellers/", request.seller_id(), " not found"));
  }
  auto chain = store::ReportingChain(**lease, request.seller_id(), *day);
  if (!chain.ok()) return chain.status();
  v1::GetReportingChainResponse response;
  for (const org::Seller& manager : *chain) ToProto(manager, response.add_managers());
  return response;
}

absl::StatusOr<v1::ListReportsResponse> OrganizationManager::Reports(
    const v1::ListReportsRequest& request, const store::Visibility& visibility) {
  if (!org::IsValidSellerId(request.manager_id())) {
    return errors::InvalidField("manager_id", "must be a seller id");
  }
  if (!Visible(visibility, request.manager_id())) return NotVisible(request.manager_id());
  auto day = DayOrToday(request.as_of(), "as_of");
  if (!day.ok()) return day.status();
  auto page_size = server::EffectivePageSize(request.page_size());
  if (!page_size.ok()) return page_size.status();
  v1::ListReportsRequest fingerprint = request;
  fingerprint.clear_page_token();
  fingerprint.clear_page_size();
  const std::string filter_key = db::RequestFingerprint(fingerprint.SerializeAsString());
  auto after = server::DecodePageToken(request.page_token(), filter_key);
  if (!after.ok()) return after.status();
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto manager = store::GetSeller(**lease, request.manager_id());
  if (!manager.ok()) return manager.status();
  if (!manager->has_value()) {
    return absl::NotFoundError(absl::StrCat("sellers/", request.manager_id(), " not found"));
  }
  const bool subtree = request.scope() == v1::REPORT_SCOPE_SUBTREE;
  auto page = store::ListReports(**lease, request.manager_id(), *day, subtree, visibility, *after,
                                 *page_size);
  if (!page.ok()) return page.status();
  v1::ListReportsResponse response;
  for (const org::Seller& seller : page->sellers) ToProto(seller, response.add_sellers());
  response.set_total_size(page->total);
  if (page->more) {
    response.set_next_page_token(server::EncodePageToken(filter_key, page->sellers.back().id));
  }
  return response;
}

absl::StatusOr<std::vector<v1::Seller>> OrganizationManager::ExportPage(
    const std::string& active_as_of, const store::Visibility& visibility, std::string* after_id) {
  constexpr int kExportPage = 500;
  store::SellerFilter filter;
  filter.manager_as_of = dates::TodayUtc();
  if (!active_as_of.empty()) {
    auto day = DayOrToday(active_as_of, "active_as_of");
    if (!day.ok()) return day.status();
    filter.active_as_of = *day;
  }
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto page = store::ListSellers(**lease, filter, visibility, *after_id, kExportPage);
  if (!page.ok()) return page.status();
  std::vector<v1::Seller> sellers;
  for (const org::Seller& seller : page->sellers) sellers.push_back(ToProto(seller));
  if (!page->sellers.empty()) *after_id = page->sellers.back().id;
  return sellers;
}

}  // namespace attain::planning
