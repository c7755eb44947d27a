#include "common/auth/policy.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"

namespace attain::auth {
namespace {

// Debian's Abseil has its own string_view (ABSL_OPTION_USE_STD_STRING_VIEW 0).
absl::string_view AsAbsl(std::string_view s) { return absl::string_view(s.data(), s.size()); }

std::string MethodPath(std::string_view service, std::string_view method) {
  return absl::StrCat("/", AsAbsl(service), "/", AsAbsl(method));
}

PolicyTable BuildAttainPolicy() {
  using R = Role;
  PolicyTable table;

  // Organization: planners own the hierarchy; everyone else reads, and the handlers narrow
  // what they see (a rep only their own record, a manager their subtree).
  constexpr std::string_view kOrg = "attain.planning.v1.OrganizationService";
  for (std::string_view method : {"CreateSeller", "UpdateSeller", "DeleteSeller", "ImportSellers"}) {
    table.Allow(MethodPath(kOrg, method), {R::kPlanner});
  }
  for (std::string_view method :
       {"GetSeller", "ListSellers", "ExportSellers", "GetReportingChain", "ListReports"}) {
    table.Allow(MethodPath(kOrg, method), {R::kPlanner, R::kCompAdmin, R::kFinance, R::kManager,
                                           R::kRep, R::kAnalyst, R::kService});
  }

  // Accounts, products and booking history: planners maintain them; every reading role reads
  // them (narrowing managers and reps to their territories' accounts comes with territories).
  constexpr std::string_view kAccounts = "attain.planning.v1.AccountService";
  constexpr std::string_view kProducts = "attain.planning.v1.ProductService";
  constexpr std::string_view kBookings = "attain.planning.v1.BookingService";
  for (const auto& [service, method] : std::initializer_list<std::pair<std::string_view, std::string_view>>{
           {kAccounts, "CreateAccount"}, {kAccounts, "UpdateAccount"}, {kAccounts, "DeleteAccount"},
           {kAccounts, "ImportAccounts"}, {kProducts, "CreateProduct"}, {kProducts, "UpdateProduct"},
           {kProducts, "DeleteProduct"}, {kProducts, "ImportProducts"}, {kBookings, "ImportBookings"}}) {
    table.Allow(MethodPath(service, method), {R::kPlanner});
  }
  for (const auto& [service, method] : std::initializer_list<std::pair<std::string_view, std::string_view>>{
           {kAccounts, "GetAccount"}, {kAccounts, "ListAccounts"}, {kAccounts, "ExportAccounts"},
           {kProducts, "GetProduct"}, {kProducts, "ListProducts"}, {kProducts, "ExportProducts"},
           {kBookings, "ListBookings"}, {kBookings, "SummarizeBookings"}}) {
    table.Allow(MethodPath(service, method), {R::kPlanner, R::kCompAdmin, R::kFinance, R::kManager,
                                              R::kRep, R::kAnalyst, R::kService});
  }

  // Territories: planners maintain them and run assignment; reading roles see territories
  // and coverage assignments (a rep or manager only those their visible sellers cover);
  // explanations and coverage reports are planning and analysis tools.
  constexpr std::string_view kTerritories = "attain.planning.v1.TerritoryService";
  for (std::string_view method : {"CreateTerritory", "UpdateTerritory", "DeleteTerritory",
                                  "SetSellerAssignments", "AssignAccounts"}) {
    table.Allow(MethodPath(kTerritories, method), {R::kPlanner});
  }
  for (std::string_view method : {"GetTerritory", "ListTerritories", "ListSellerAssignments"}) {
    table.Allow(MethodPath(kTerritories, method), {R::kPlanner, R::kCompAdmin, R::kFinance,
                                                   R::kManager, R::kRep, R::kAnalyst, R::kService});
  }
  for (std::string_view method : {"ExplainAssignment", "GetCoverage"}) {
    table.Allow(MethodPath(kTerritories, method),
                {R::kPlanner, R::kCompAdmin, R::kFinance, R::kAnalyst, R::kService});
  }

  // Scenarios: planners (and admins) propose, promote and delete them; analysts read them.
  constexpr std::string_view kScenarios = "attain.planning.v1.ScenarioService";
  for (std::string_view method :
       {"ProposeBalancing", "DeleteScenario", "PromoteScenario", "CreatePlanScenario",
        "PutScenarioTerritory", "DeleteScenarioTerritory", "SetScenarioSellerAssignments",
        "ReviseScenarioQuotaPlan"}) {
    table.Allow(MethodPath(kScenarios, method), {R::kPlanner});
  }
  for (std::string_view method :
       {"GetScenario", "ListScenarios", "DiffScenario", "ListScenarioTerritories"}) {
    table.Allow(MethodPath(kScenarios, method), {R::kPlanner, R::kAnalyst});
  }

  // Quota plans, capacity and forecasts: planners (and admins) write; plan-wide figures are
  // for finance, comp and analysts; managers and reps read only territory and seller quotas,
  // narrowed by the handlers to their subtree / themselves; GetQuotas serves compensation.
  constexpr std::string_view kQuotas = "attain.planning.v1.QuotaService";
  for (std::string_view method : {"CreateQuotaPlan", "ReviseQuotaPlan", "SubmitQuotaPlan",
                                  "ApproveQuotaPlan", "ActivateQuotaPlan", "SubmitBottomUp"}) {
    table.Allow(MethodPath(kQuotas, method), {R::kPlanner});
  }
  for (std::string_view method : {"GetQuotaPlan", "ListQuotaPlans", "GetReconciliation"}) {
    table.Allow(MethodPath(kQuotas, method),
                {R::kPlanner, R::kCompAdmin, R::kFinance, R::kAnalyst, R::kService});
  }
  for (std::string_view method : {"GetTerritoryQuotas", "GetQuotas"}) {
    table.Allow(MethodPath(kQuotas, method), {R::kPlanner, R::kCompAdmin, R::kFinance, R::kAnalyst,
                                              R::kManager, R::kRep, R::kService});
  }
  table.Allow(MethodPath("attain.planning.v1.CapacityService", "PlanCapacity"),
              {R::kPlanner, R::kFinance, R::kAnalyst});
  table.Allow(MethodPath("attain.planning.v1.ForecastService", "ForecastBookings"),
              {R::kPlanner, R::kFinance, R::kAnalyst});

  // Bulk reference checks serve other services' imports (compensation's transactions).
  table.Allow(MethodPath("attain.planning.v1.ReferenceService", "CheckReferences"), {R::kService});

  // Sales transactions: comp admins (and admins) import; finance reads them too. Reps and
  // managers never see raw transactions (their statements will show what credits them).
  constexpr std::string_view kTransactions = "attain.compensation.v1.TransactionService";
  table.Allow(MethodPath(kTransactions, "ImportTransactions"), {R::kCompAdmin});
  for (std::string_view method : {"ListTransactions", "GetTransaction"}) {
    table.Allow(MethodPath(kTransactions, method), {R::kCompAdmin, R::kFinance});
  }
  // FX rates: finance usually owns them, comp admins maintain them beside the plans.
  constexpr std::string_view kFxRates = "attain.compensation.v1.FxRateService";
  for (std::string_view method : {"SetFxRates", "ListFxRates"}) {
    table.Allow(MethodPath(kFxRates, method), {R::kCompAdmin, R::kFinance});
  }

  // Compensation plans: comp admins author, activate and assign them; finance and analysts
  // read them; services read them for calculation.
  constexpr std::string_view kPlans = "attain.compensation.v1.PlanService";
  for (std::string_view method :
       {"CreatePlan", "RevisePlan", "ActivatePlanVersion", "AssignPlan", "EndPlanAssignment"}) {
    table.Allow(MethodPath(kPlans, method), {R::kCompAdmin});
  }
  for (std::string_view method : {"GetPlan", "ListPlans", "ValidatePlan", "ListPlanAssignments"}) {
    table.Allow(MethodPath(kPlans, method), {R::kCompAdmin, R::kFinance, R::kAnalyst, R::kService});
  }

  // Calculation runs: comp admins start them; finance watches them.
  constexpr std::string_view kCalculation = "attain.compensation.v1.CalculationService";
  table.Allow(MethodPath(kCalculation, "StartCalculationRun"), {R::kCompAdmin});
  for (std::string_view method : {"GetCalculationRun", "ListCalculationRuns"}) {
    table.Allow(MethodPath(kCalculation, method), {R::kCompAdmin, R::kFinance});
  }

  // Periods: comp admins and finance read and move them (approve, lock, reopen).
  constexpr std::string_view kPeriods = "attain.compensation.v1.PeriodService";
  for (std::string_view method : {"GetPeriod", "ListPeriods", "TransitionPeriod"}) {
    table.Allow(MethodPath(kPeriods, method), {R::kCompAdmin, R::kFinance});
  }

  // What-if plan modelling: a read that publishes nothing, for whoever designs or costs plans.
  table.Allow(MethodPath("attain.compensation.v1.WhatIfService", "RunWhatIf"),
              {R::kCompAdmin, R::kFinance, R::kAnalyst});

  // Earnings estimates: a read that writes nothing, for every seller-facing role, narrowed by
  // the handler like statements (a rep their own, a manager their subtree).
  table.Allow(MethodPath("attain.compensation.v1.EstimateService", "EstimateEarnings"),
              {R::kCompAdmin, R::kFinance, R::kManager, R::kRep});

  // MBO scores: comp admins and managers enter them, a manager only for their reports (the
  // handlers narrow it); finance reads them beside the statements they pay.
  constexpr std::string_view kMbo = "attain.compensation.v1.MboService";
  table.Allow(MethodPath(kMbo, "SetMboScores"), {R::kCompAdmin, R::kManager});
  table.Allow(MethodPath(kMbo, "ListMboScores"), {R::kCompAdmin, R::kFinance, R::kManager});

  // Statements: every seller-facing role reads them, narrowed by the handlers (a rep their
  // own, a manager their subtree); adjustments are comp admins'; payroll is finance's.
  constexpr std::string_view kStatements = "attain.compensation.v1.StatementService";
  for (std::string_view method : {"GetStatement", "ListStatements", "ExplainPayout"}) {
    table.Allow(MethodPath(kStatements, method),
                {R::kCompAdmin, R::kFinance, R::kManager, R::kRep});
  }
  table.Allow(MethodPath(kStatements, "CreateAdjustment"), {R::kCompAdmin});
  table.Allow(MethodPath(kStatements, "ListAdjustments"), {R::kCompAdmin, R::kFinance});
  table.Allow(MethodPath(kStatements, "ExportPayroll"), {R::kCompAdmin, R::kFinance});

  // Planning's effective-dated organization in bulk, for compensation's calculation.
  table.Allow(MethodPath("attain.planning.v1.CreditingDataService", "ExportCreditingData"),
              {R::kService, R::kCompAdmin});

  // The change feed is for services only.
  table.Allow(MethodPath("attain.events.v1.EventStreamService", "StreamEvents"), {R::kService});

  // Service info is harmless metadata: every authenticated role.
  for (std::string_view service :
       {"attain.planning.v1.PlanningService", "attain.compensation.v1.CompensationService",
        "attain.workflow.v1.WorkflowService", "attain.analytics.v1.AnalyticsService"}) {
    table.Allow(MethodPath(service, "GetServiceInfo"),
                {R::kAdmin, R::kCompAdmin, R::kFinance, R::kPlanner, R::kManager, R::kRep,
                 R::kAnalyst, R::kService});
  }
  return table;
}

}  // namespace

PolicyTable& PolicyTable::Allow(std::string_view method, std::initializer_list<Role> roles) {
  allowed_[std::string(method)].insert(roles.begin(), roles.end());
  return *this;
}

absl::Status PolicyTable::Check(std::string_view method, const Principal& principal) const {
  // Deny by default: a method missing from the table is refused even to admin, so a new RPC
  // is unreachable until someone decides who may call it.
  if (auto it = allowed_.find(AsAbsl(method)); it != allowed_.end()) {
    if (principal.Has(Role::kAdmin)) return absl::OkStatus();
    for (Role role : principal.roles) {
      if (it->second.contains(role)) return absl::OkStatus();
    }
  }
  return absl::PermissionDeniedError(absl::StrCat("permission denied for ", AsAbsl(method)));
}

bool PolicyTable::Contains(std::string_view method) const { return allowed_.contains(AsAbsl(method)); }

std::vector<std::string> PolicyTable::Methods() const {
  std::vector<std::string> methods;
  methods.reserve(allowed_.size());
  for (const auto& [method, roles] : allowed_) methods.push_back(method);
  std::sort(methods.begin(), methods.end());
  return methods;
}

const PolicyTable& AttainPolicy() {
  static const PolicyTable* const kPolicy = new PolicyTable(BuildAttainPolicy());
  return *kPolicy;
}

}  // namespace attain::auth
