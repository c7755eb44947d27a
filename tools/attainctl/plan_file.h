#pragma once
// Plan files for `plans create|revise|validate`: a CreatePlanRequest in proto3 JSON, i.e.
// {"plan": {...}, "version": {...}} with an optional "request_id", exactly the request
// docs/compensation_plans.md shows. JSON only: the project depends on no C++ YAML library, so
// a .yaml/.yml file is refused with the one-line conversion through python3-yaml (which
// `make deps` installs).

#include <string>

#include "absl/status/statusor.h"
#include "attain/compensation/v1/plans.pb.h"

namespace attain::ctl {

// The file's request ("-" reads stdin). INVALID_ARGUMENT naming the file for YAML, JSON that
// does not parse, and unknown fields; NOT_FOUND when it cannot be opened.
absl::StatusOr<compensation::v1::CreatePlanRequest> LoadPlanFile(const std::string& file);

// The version a plan file adds to the existing plan `plan_name` ("plans/<id>"). A file whose
// plan names another plan_id is INVALID_ARGUMENT, so a file is not revised into the wrong
// plan; a file without a plan section is fine.
absl::StatusOr<compensation::v1::PlanVersion> RevisionOf(const compensation::v1::CreatePlanRequest& file,
                                                         const std::string& source,
                                                         const std::string& plan_name);

}  // namespace attain::ctl
