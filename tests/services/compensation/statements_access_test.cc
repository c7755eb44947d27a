// Who reads which statement: admins, comp admins and finance every one; a manager their own
// and those whose managers include them; a rep their own; nobody else any. Refusals are
// PERMISSION_DENIED with reason OUTSIDE_CALLER_SCOPE, also for missing statements of others.
#include <gtest/gtest.h>

#include "common/errors/errors.h"
#include "services/compensation/statements/statement_access.h"

namespace attain::compensation::statements {
namespace {

using auth::Principal;
using auth::Role;

Principal Caller(std::string subject, std::initializer_list<Role> roles) {
  Principal principal;
  principal.subject = std::move(subject);
  for (Role role : roles) principal.roles.insert(role);
  return principal;
}

void ExpectDenied(const absl::Status& status) {
  EXPECT_EQ(status.code(), absl::StatusCode::kPermissionDenied) << status;
  EXPECT_EQ(errors::ReasonOf(status), "OUTSIDE_CALLER_SCOPE") << status;
}

TEST(StatementsAccessTest, ScopeIsTheWidestOfTheCallersRoles) {
  EXPECT_EQ(ScopeOf(Caller("u-1", {Role::kAdmin})), StatementScope::kEveryone);
  EXPECT_EQ(ScopeOf(Caller("u-1", {Role::kCompAdmin})), StatementScope::kEveryone);
  EXPECT_EQ(ScopeOf(Caller("u-1", {Role::kFinance})), StatementScope::kEveryone);
  EXPECT_EQ(ScopeOf(Caller("m-1", {Role::kManager})), StatementScope::kSubtree);
  EXPECT_EQ(ScopeOf(Caller("r-1", {Role::kRep})), StatementScope::kSelf);
  EXPECT_EQ(ScopeOf(Caller("m-1", {Role::kRep, Role::kManager})), StatementScope::kSubtree);
  EXPECT_EQ(ScopeOf(Caller("r-1", {Role::kRep, Role::kFinance})), StatementScope::kEveryone);
  for (Role role : {Role::kPlanner, Role::kAnalyst, Role::kService}) {
    EXPECT_EQ(ScopeOf(Caller("x-1", {role})), StatementScope::kNone) << auth::RoleName(role);
  }
}

TEST(StatementsAccessTest, SellerRolesWithoutASubjectReadNothing) {
  EXPECT_EQ(ScopeOf(Caller("", {Role::kManager})), StatementScope::kNone);
  EXPECT_EQ(ScopeOf(Caller("", {Role::kRep})), StatementScope::kNone);
  ExpectDenied(CheckRead(Caller("", {Role::kRep}), "", {}));
}

TEST(StatementsAccessTest, RepReadsOnlyTheirOwnStatement) {
  const Principal rep = Caller("rep-1", {Role::kRep});
  EXPECT_TRUE(CheckRead(rep, "rep-1", {"mgr-1"}).ok());
  ExpectDenied(CheckRead(rep, "rep-2", {"mgr-1"}));
  // Being listed as a manager means nothing without the manager role.
  ExpectDenied(CheckRead(rep, "rep-2", {"rep-1"}));
}

TEST(StatementsAccessTest, ManagerReadsOwnAndEveryStatementNamingThemAtAnyLevel) {
  const Principal manager = Caller("mgr-1", {Role::kManager});
  EXPECT_TRUE(CheckRead(manager, "mgr-1", {"vp-1"}).ok());
  EXPECT_TRUE(CheckRead(manager, "rep-1", {"mgr-1", "vp-1"}).ok());
  // Two levels down: the array holds every manager up the chain, nearest first.
  EXPECT_TRUE(CheckRead(manager, "rep-9", {"lead-3", "mgr-1", "vp-1"}).ok());
  ExpectDenied(CheckRead(manager, "rep-2", {"mgr-2", "vp-1"}));
  ExpectDenied(CheckRead(manager, "vp-1", {}));
  // Exact ids only: no prefix matches.
  ExpectDenied(CheckRead(manager, "rep-3", {"mgr-10"}));
}

TEST(StatementsAccessTest, CompAdminFinanceAndAdminReadEveryStatement) {
  for (Role role : {Role::kAdmin, Role::kCompAdmin, Role::kFinance}) {
    EXPECT_TRUE(CheckRead(Caller("it-user", {role}), "rep-2", {"mgr-2"}).ok())
        << auth::RoleName(role);
  }
}

TEST(StatementsAccessTest, OtherRolesReadNoStatementNotEvenOneNamingThem) {
  for (Role role : {Role::kPlanner, Role::kAnalyst, Role::kService}) {
    ExpectDenied(CheckRead(Caller("mgr-1", {role}), "mgr-1", {}));
    ExpectDenied(CheckRead(Caller("mgr-1", {role}), "rep-1", {"mgr-1"}));
  }
}

TEST(StatementsAccessTest, RepAskingForAnotherSellerIsRefusedBeforeAnythingIsLoaded) {
  ExpectDenied(CheckMayRequest(Caller("rep-1", {Role::kRep}), "rep-2"));
  EXPECT_TRUE(CheckMayRequest(Caller("rep-1", {Role::kRep}), "rep-1").ok());
  // A manager's subtree is only known from the statement, so the request goes ahead.
  EXPECT_TRUE(CheckMayRequest(Caller("mgr-1", {Role::kManager}), "rep-2").ok());
  EXPECT_TRUE(CheckMayRequest(Caller("it-fin", {Role::kFinance}), "rep-2").ok());
  ExpectDenied(CheckMayRequest(Caller("x-1", {Role::kAnalyst}), "x-1"));
}

TEST(StatementsAccessTest, MissingStatementIsNotFoundOnlyToThoseWhoCouldReadIt) {
  const absl::Status admin =
      MissingStatement(Caller("it-comp", {Role::kCompAdmin}), "rep-7", "2026-Q4");
  EXPECT_EQ(admin.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(admin.message(), "periods/2026-Q4/statements/rep-7 not found");
  const absl::Status own = MissingStatement(Caller("rep-7", {Role::kRep}), "rep-7", "2026-10");
  EXPECT_EQ(own.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(own.message(), "periods/2026-10/statements/rep-7 not found");
  // Someone else's missing statement must look like one the manager may not read.
  ExpectDenied(MissingStatement(Caller("mgr-1", {Role::kManager}), "rep-7", "2026-10"));
  ExpectDenied(MissingStatement(Caller("rep-7", {Role::kAnalyst}), "rep-7", "2026-10"));
}

}  // namespace
}  // namespace attain::compensation::statements
