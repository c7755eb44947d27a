#include "services/compensation/plans/plan_events.h"

#include "common/events/outbox.h"
#include "common/time/dates.h"
#include "services/compensation/plans/plan_enums.h"
#include "services/compensation/plans/plan_output.h"

namespace attain::compensation::plans {
namespace {

// null for an open end.
nlohmann::json DayOrNull(const std::optional<absl::CivilDay>& day) {
  return day ? nlohmann::json(dates::Format(*day)) : nlohmann::json(nullptr);
}

nlohmann::json AssignmentJson(const PlanAssignment& a) {
  nlohmann::json out = {{"plan_id", a.plan_id},
                        {"assignment_id", a.assignment_id},
                        {"effective_from", dates::Format(a.effective_from)},
                        {"effective_to", DayOrNull(a.effective_to)}};
  if (a.title.empty()) {
    out["seller_id"] = a.seller_id;
  } else {
    out["title"] = a.title;
  }
  return out;
}

}  // namespace

absl::Status AppendEvent(db::PgConn& tx, const PlanEvent& event) {
  return events::Append(tx, event.type, event.resource, event.payload.dump());
}

PlanEvent PlanCreated(const PlanHeader& header, const std::string& creator,
                      const std::string& request_id) {
  return {"plan.created",
          PlanName(header.plan_id),
          {{"plan_id", header.plan_id},
           {"version", 1},
           {"currency", header.currency},
           {"period_type", v1::PlanPeriodType_Name(kPeriodTypes.ToProto(header.period_type))},
           {"creator", creator},
           {"request_id", request_id}}};
}

PlanEvent PlanRevised(const std::string& plan_id, int version, const std::string& creator,
                      const std::string& request_id) {
  return {"plan.revised",
          PlanVersionName(plan_id, version),
          {{"plan_id", plan_id},
           {"version", version},
           {"creator", creator},
           {"request_id", request_id}}};
}

PlanEvent PlanActivated(const std::string& plan_id, const Activation& activation,
                        const std::string& request_id) {
  nlohmann::json payload = {{"plan_id", plan_id},
                            {"version", activation.version},
                            {"effective_from", dates::Format(activation.effective_from)},
                            {"retired_version", nullptr},
                            {"retired_effective_to", DayOrNull(activation.retired_effective_to)},
                            {"request_id", request_id}};
  if (activation.retired_version) payload["retired_version"] = *activation.retired_version;
  return {"plan.activated", PlanVersionName(plan_id, activation.version), std::move(payload)};
}

PlanEvent AssignmentCreated(const PlanAssignment& assignment, const std::string& creator,
                            const std::string& request_id) {
  nlohmann::json payload = AssignmentJson(assignment);
  payload["creator"] = creator;
  payload["request_id"] = request_id;
  return {"plan_assignment.created",
          PlanAssignmentName(assignment.plan_id, assignment.assignment_id), std::move(payload)};
}

PlanEvent AssignmentEnded(const PlanAssignment& assignment,
                          const std::optional<absl::CivilDay>& previous_effective_to,
                          const std::string& request_id) {
  nlohmann::json payload = AssignmentJson(assignment);
  payload["previous_effective_to"] = DayOrNull(previous_effective_to);
  payload["request_id"] = request_id;
  return {"plan_assignment.ended", PlanAssignmentName(assignment.plan_id, assignment.assignment_id),
          std::move(payload)};
}

}  // namespace attain::compensation::plans
