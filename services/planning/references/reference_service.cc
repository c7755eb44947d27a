#include "services/planning/references/reference_service.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/errors/errors.h"
#include "services/planning/references/reference_store.h"

namespace attain::planning::references {
namespace {

// Keeps one request's array literal and result well inside the default message size.
constexpr int kMaxIdsPerList = 50'000;

absl::Status CheckSize(const google::protobuf::RepeatedPtrField<std::string>& ids,
                       const char* field) {
  if (ids.size() > kMaxIdsPerList) {
    return errors::InvalidField(field, absl::StrCat("at most ", kMaxIdsPerList,
                                                    " ids per request; split the batch"));
  }
  return absl::OkStatus();
}

absl::Status AddMissing(db::PgConn& conn, store::Table table,
                        const google::protobuf::RepeatedPtrField<std::string>& ids,
                        google::protobuf::RepeatedPtrField<std::string>* missing) {
  auto absent = store::MissingIds(conn, table, std::vector<std::string>(ids.begin(), ids.end()));
  if (!absent.ok()) return absent.status();
  for (std::string& id : *absent) missing->Add(std::move(id));
  return absl::OkStatus();
}

}  // namespace

grpc::ServerUnaryReactor* ReferenceService::CheckReferences(
    grpc::CallbackServerContext* context, const v1::CheckReferencesRequest* request,
    v1::CheckReferencesResponse* response) {
  return gate_->Unary(
      context, "/attain.planning.v1.ReferenceService/CheckReferences",
      [=, this](const server::CallContext&) -> absl::Status {
        for (const auto& [ids, field] :
             {std::pair{&request->account_ids(), "account_ids"},
              std::pair{&request->product_ids(), "product_ids"},
              std::pair{&request->seller_ids(), "seller_ids"}}) {
          if (auto size = CheckSize(*ids, field); !size.ok()) return size;
        }
        auto lease = pool_->Acquire();
        if (!lease.ok()) return lease.status();
        if (auto s = AddMissing(**lease, store::Table::kAccounts, request->account_ids(),
                                response->mutable_missing_account_ids());
            !s.ok()) {
          return s;
        }
        if (auto s = AddMissing(**lease, store::Table::kProducts, request->product_ids(),
                                response->mutable_missing_product_ids());
            !s.ok()) {
          return s;
        }
        return AddMissing(**lease, store::Table::kSellers, request->seller_ids(),
                          response->mutable_missing_seller_ids());
      });
}

}  // namespace attain::planning::references
