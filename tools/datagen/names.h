#pragma once
// Small built-in name lists for realistic demo people (ASCII, so emails derive directly).

#include <string_view>
#include <vector>

namespace attain::datagen {

const std::vector<std::string_view>& FirstNames();
const std::vector<std::string_view>& LastNames();

}  // namespace attain::datagen
