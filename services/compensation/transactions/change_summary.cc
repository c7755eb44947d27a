#include "services/compensation/transactions/change_summary.h"

#include "absl/strings/str_format.h"
#include "common/time/dates.h"

namespace attain::compensation::transactions {
namespace {

std::string MonthText(absl::CivilMonth month) {
  return absl::StrFormat("%04d-%02d", month.year(), month.month());
}

}  // namespace

void ChangeSummary::Add(absl::CivilMonth month, const std::vector<std::string>& seller_ids) {
  months_.insert(month);
  if (too_many_sellers_) return;
  sellers_.insert(seller_ids.begin(), seller_ids.end());
  if (sellers_.size() > kMaxListedSellers) {
    too_many_sellers_ = true;
    sellers_.clear();
  }
}

nlohmann::json ChangeSummary::ToJson() const {
  nlohmann::json json = nlohmann::json::object();
  nlohmann::json months = nlohmann::json::array();
  for (absl::CivilMonth month : months_) months.push_back(MonthText(month));
  json["months"] = std::move(months);
  if (!months_.empty()) {
    json["first_date"] = dates::Format(absl::CivilDay(*months_.begin()));
    json["last_date"] = dates::Format(absl::CivilDay(*months_.rbegin() + 1) - 1);
  }
  if (too_many_sellers_) {
    json["all_sellers"] = true;
  } else {
    json["seller_ids"] = sellers_;
  }
  return json;
}

nlohmann::json ImportEventPayload(int64_t import_id, const std::string& request_id,
                                  const std::vector<std::string>& sources,
                                  const ImportCounts& counts, const ChangeSummary& changes) {
  nlohmann::json payload = changes.ToJson();
  payload["import_id"] = import_id;
  payload["request_id"] = request_id;
  payload["source_systems"] = sources;
  payload["received_count"] = counts.received;
  payload["inserted_count"] = counts.inserted;
  payload["new_version_count"] = counts.new_versions;
  payload["unchanged_count"] = counts.unchanged;
  payload["rejected_count"] = counts.rejected;
  return payload;
}

}  // namespace attain::compensation::transactions
