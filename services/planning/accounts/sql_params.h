#pragma once
// Statement parameters shared by the account, product and booking stores.

#include <string>
#include <vector>

#include "common/db/pg.h"

namespace attain::planning::catalog {

// "%text%" for ILIKE, with LIKE wildcards escaped so a user's "50%" matches literally.
std::string LikePattern(const std::string& text);
// Empty text is NULL (the filter is off).
db::Param OptionalText(const std::string& text);
// A PostgreSQL text[] literal with every element quoted, for "= ANY($1::text[])".
std::string TextArray(const std::vector<std::string>& values);

}  // namespace attain::planning::catalog
