#include "tests/integration/territory_helpers.h"

namespace attain::itest {

planning::v1::Territory TerritoryNode(const std::string& id, planning::v1::TerritoryLevel level,
                                      planning::v1::TerritoryType type, const std::string& parent,
                                      const std::string& effective_from) {
  planning::v1::Territory t;
  t.set_territory_id(id);
  t.set_display_name("Territory " + id);
  t.set_level(level);
  t.set_type(type);
  planning::v1::TerritoryVersion* version = t.add_versions();
  version->set_effective_from(effective_from);
  version->set_parent_id(parent);
  return t;
}

planning::v1::SellerAssignment SellerCoverage(const std::string& seller, planning::v1::SellerRole role,
                                              const std::string& percent, const std::string& start,
                                              const std::string& end) {
  planning::v1::SellerAssignment a;
  a.set_seller_id(seller);
  a.set_role(role);
  a.set_split_percent(percent);
  a.set_start_date(start);
  a.set_end_date(end);
  return a;
}

}  // namespace attain::itest
