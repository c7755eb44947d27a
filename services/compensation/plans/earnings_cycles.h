#pragma once
// Cycles among components that read each other's earnings. A formula reading
// `earnings.<component_id>` depends on that component; the engine evaluates components in
// dependency order, so a cycle has no order and makes the plan invalid.

#include <vector>

namespace attain::compensation::plans {

// `reads[i]` lists the components (by index) whose earnings component i reads. Returns one
// cycle per strongly connected group that has one, as component indexes in reading order,
// starting at the group's lowest index and not repeating it at the end: {0, 2} is 0 -> 2 -> 0,
// {3} a component reading its own earnings. Groups are in order of their lowest index, and
// each cycle is a shortest one through that index.
std::vector<std::vector<int>> FindEarningsCycles(const std::vector<std::vector<int>>& reads);

}  // namespace attain::compensation::plans
