#include "services/analytics/store/seller_directory_store.h"

#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace attain::analytics {

absl::Status ApplySellerEvent(db::PgConn& tx, const attain::events::v1::Event& event) {
  if (!absl::StartsWith(event.resource(), "sellers/")) return absl::OkStatus();
  const std::string seller_id = event.resource().substr(std::string("sellers/").size());
  const std::string sequence = absl::StrCat(event.sequence());
  if (event.type() == "seller.deleted") {
    return tx
        .Exec("UPDATE seller_directory SET deleted = true, last_sequence = $2 "
              "WHERE seller_id = $1 AND last_sequence < $2::bigint",
              {seller_id, sequence})
        .status();
  }
  nlohmann::json seller = nlohmann::json::parse(event.payload_json(), nullptr, false);
  if (seller.is_discarded() || !seller.is_object()) {
    return absl::DataLossError(absl::StrCat("event ", event.sequence(), " has a bad payload"));
  }
  auto text = [&seller](const char* key) {
    auto it = seller.find(key);
    return it != seller.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  return tx
      .Exec("INSERT INTO seller_directory(seller_id, display_name, title, home_currency, "
            "deleted, last_sequence) VALUES ($1, $2, $3, $4, false, $5) "
            "ON CONFLICT (seller_id) DO UPDATE SET display_name = EXCLUDED.display_name, "
            "title = EXCLUDED.title, home_currency = EXCLUDED.home_currency, deleted = false, "
            "last_sequence = EXCLUDED.last_sequence "
            "WHERE seller_directory.last_sequence < EXCLUDED.last_sequence",
            {seller_id, text("displayName"), text("title"), text("homeCurrency"), sequence})
      .status();
}

}  // namespace attain::analytics
