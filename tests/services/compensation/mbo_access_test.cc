// Whose MBO scores a caller sets and lists: everyone's for comp admins (and finance, to
// list), a manager's reports (and, to list, themselves), nobody's for anyone else.
#include <gtest/gtest.h>

#include "common/errors/errors.h"
#include "services/compensation/mbo/score_access.h"

namespace attain::compensation::mbo {
namespace {

using auth::Principal;
using auth::Role;

const absl::CivilDay kDay(2037, 1, 31);

Principal As(const std::string& subject, std::initializer_list<Role> roles) {
  return Principal{subject, absl::flat_hash_set<Role>(roles)};
}

TEST(MboAccessTest, ScopesFollowTheRolesWidestFirst) {
  EXPECT_EQ(ScopeOf(As("it-admin", {Role::kAdmin}), ScoreAction::kSet), ScoreScope::kEveryone);
  EXPECT_EQ(ScopeOf(As("comp-1", {Role::kCompAdmin}), ScoreAction::kSet), ScoreScope::kEveryone);
  EXPECT_EQ(ScopeOf(As("mgr-1", {Role::kManager, Role::kCompAdmin}), ScoreAction::kSet),
            ScoreScope::kEveryone);
  EXPECT_EQ(ScopeOf(As("mgr-1", {Role::kManager}), ScoreAction::kSet), ScoreScope::kReports);
  EXPECT_EQ(ScopeOf(As("mgr-1", {Role::kManager}), ScoreAction::kList), ScoreScope::kReports);
  // Finance reads every score but enters none.
  EXPECT_EQ(ScopeOf(As("fin-1", {Role::kFinance}), ScoreAction::kList), ScoreScope::kEveryone);
  EXPECT_EQ(ScopeOf(As("fin-1", {Role::kFinance}), ScoreAction::kSet), ScoreScope::kNone);
  EXPECT_EQ(ScopeOf(As("rep-1", {Role::kRep}), ScoreAction::kList), ScoreScope::kNone);
  // A manager token without a subject names nobody's manager.
  EXPECT_EQ(ScopeOf(As("", {Role::kManager}), ScoreAction::kSet), ScoreScope::kNone);
}

TEST(MboAccessTest, AManagerSetsTheScoresOfTheirReportsOnly) {
  const Principal manager = As("mgr-1", {Role::kManager});
  const absl::flat_hash_set<std::string> reports = {"rep-1", "rep-2"};
  EXPECT_TRUE(CheckReport(manager, ScoreAction::kSet, "rep-2", reports, kDay).ok());
  const absl::Status outsider = CheckReport(manager, ScoreAction::kSet, "rep-9", reports, kDay);
  EXPECT_EQ(outsider.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(errors::ReasonOf(outsider), "OUTSIDE_CALLER_SCOPE");
  EXPECT_EQ(std::string(outsider.message()),
            "not allowed to set the MBO scores of sellers/rep-9: they do not report to you on "
            "2037-01-31");
  const absl::Status own = CheckReport(manager, ScoreAction::kSet, "mgr-1", reports, kDay);
  EXPECT_EQ(own.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(std::string(own.message()),
            "not allowed to set the MBO scores of sellers/mgr-1: nobody sets their own");
}

TEST(MboAccessTest, AManagerListsTheirOwnScoresAndTheirReports) {
  const Principal manager = As("mgr-1", {Role::kManager});
  const absl::flat_hash_set<std::string> reports = {"rep-1"};
  EXPECT_TRUE(CheckReport(manager, ScoreAction::kList, "mgr-1", reports, kDay).ok());
  EXPECT_TRUE(CheckReport(manager, ScoreAction::kList, "rep-1", reports, kDay).ok());
  const absl::Status outsider = CheckReport(manager, ScoreAction::kList, "rep-9", reports, kDay);
  EXPECT_EQ(outsider.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(errors::ReasonOf(outsider), "OUTSIDE_CALLER_SCOPE");
}

TEST(MboAccessTest, NoAccessIsPermissionDeniedOutsideTheCallersScope) {
  const absl::Status denied = NoScoreAccess(ScoreAction::kList);
  EXPECT_EQ(denied.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(errors::ReasonOf(denied), "OUTSIDE_CALLER_SCOPE");
  EXPECT_EQ(std::string(denied.message()), "not allowed to list MBO scores");
}

}  // namespace
}  // namespace attain::compensation::mbo
