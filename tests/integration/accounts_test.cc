// AccountService through the gateway: CRUD, the parent hierarchy, all-or-nothing imports,
// pagination, export and who may call what.
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <set>

#include "attain/planning/v1/accounts.grpc.pb.h"
#include "tests/integration/harness/grpc_util.h"
#include "tests/integration/org_helpers.h"
#include "tests/integration/stack_test.h"

namespace attain::itest {
namespace {

using google::protobuf::util::MessageDifferencer;
using planning::v1::Account;
using planning::v1::AccountImportRow;
using planning::v1::AccountService;

Account NewAccount(const std::string& id, const std::string& parent = "") {
  Account account;
  account.set_account_id(id);
  account.set_display_name("Account " + id);
  account.set_parent_account_id(parent);
  account.set_country("US");
  account.set_region("West");
  account.set_state("CA");
  account.set_postal_code("94105");
  account.set_industry("Software");
  account.set_segment("Enterprise");
  account.set_employee_count(1200);
  account.set_annual_revenue("250000000.5");
  account.set_potential("1200000");
  account.set_workload("3.25");
  account.set_currency("USD");
  (*account.mutable_attributes())["tier"] = "gold";
  return account;
}

class AccountsTest : public StackTest {
 protected:
  void SetUp() override {
    StackTest::SetUp();
    if (HasFatalFailure()) return;
    accounts_ = AccountService::NewStub(stack().gateway_channel());
    admin_ = AdminToken();
  }

  grpc::Status Create(const Account& account, Account* created = nullptr,
                      const std::string& token = "") {
    planning::v1::CreateAccountRequest request;
    *request.mutable_account() = account;
    Account response;
    grpc::Status status = accounts_->CreateAccount(
        MakeContext(token.empty() ? admin_ : token).get(), request, &response);
    if (created != nullptr) *created = response;
    return status;
  }

  grpc::Status Get(const std::string& id, Account* account = nullptr,
                   const std::string& token = "") {
    planning::v1::GetAccountRequest request;
    request.set_name("accounts/" + id);
    Account response;
    grpc::Status status =
        accounts_->GetAccount(MakeContext(token.empty() ? admin_ : token).get(), request, &response);
    if (account != nullptr) *account = response;
    return status;
  }

  grpc::Status Update(const Account& account, const std::vector<std::string>& paths,
                      Account* updated = nullptr) {
    planning::v1::UpdateAccountRequest request;
    *request.mutable_account() = account;
    request.mutable_account()->set_name("accounts/" + account.account_id());
    for (const std::string& path : paths) request.mutable_update_mask()->add_paths(path);
    Account response;
    grpc::Status status = accounts_->UpdateAccount(MakeContext(admin_).get(), request, &response);
    if (updated != nullptr) *updated = response;
    return status;
  }

  grpc::Status Import(const std::vector<Account>& accounts, size_t batch,
                      planning::v1::ImportAccountsResponse* response = nullptr) {
    std::vector<AccountImportRow> rows;
    for (size_t i = 0; i < accounts.size(); ++i) {
      AccountImportRow& row = rows.emplace_back();
      row.set_row_number(static_cast<int64_t>(i) + 2);  // CSV lines: the header is line 1
      *row.mutable_account() = accounts[i];
    }
    return StreamImport<planning::v1::ImportAccountsRequest>(
        [&](grpc::ClientContext* context, planning::v1::ImportAccountsResponse* result) {
          return accounts_->ImportAccounts(context, result);
        },
        admin_, UniqueId("acct-import"), rows, batch, response);
  }

  std::unique_ptr<AccountService::Stub> accounts_;
  std::string admin_;
};

TEST_F(AccountsTest, CreateGetUpdateDeleteRoundTrip) {
  const std::string id = UniqueId("acct-crud");
  Account created;
  ASSERT_TRUE(HasCode(Create(NewAccount(id), &created), grpc::StatusCode::OK));
  EXPECT_EQ(created.name(), "accounts/" + id);
  EXPECT_EQ(created.display_name(), "Account " + id);
  EXPECT_EQ(created.country(), "US");
  EXPECT_EQ(created.employee_count(), 1200);
  EXPECT_EQ(created.annual_revenue(), "250000000.5");
  EXPECT_EQ(created.potential(), "1200000");
  EXPECT_EQ(created.workload(), "3.25");
  EXPECT_EQ(created.attributes().at("tier"), "gold");
  EXPECT_FALSE(created.locked());
  EXPECT_GE(created.revision(), 1);

  Account fetched;
  ASSERT_TRUE(HasCode(Get(id, &fetched), grpc::StatusCode::OK));
  EXPECT_TRUE(MessageDifferencer::Equals(fetched, created)) << fetched.DebugString();

  Account change = NewAccount(id);
  change.set_segment("Mid-Market");
  change.set_locked(true);
  change.set_display_name("ignored: not in the mask");
  Account updated;
  ASSERT_TRUE(HasCode(Update(change, {"segment", "locked"}, &updated), grpc::StatusCode::OK));
  EXPECT_EQ(updated.segment(), "Mid-Market");
  EXPECT_TRUE(updated.locked());
  EXPECT_EQ(updated.display_name(), "Account " + id);
  EXPECT_EQ(updated.revision(), created.revision() + 1);
  // The cached copy was invalidated by the update.
  ASSERT_TRUE(HasCode(Get(id, &fetched), grpc::StatusCode::OK));
  EXPECT_EQ(fetched.segment(), "Mid-Market");
  EXPECT_EQ(fetched.revision(), created.revision() + 1);

  planning::v1::DeleteAccountRequest remove;
  remove.set_name("accounts/" + id);
  google::protobuf::Empty empty;
  EXPECT_TRUE(HasCode(accounts_->DeleteAccount(MakeContext(admin_).get(), remove, &empty),
                      grpc::StatusCode::OK));
  EXPECT_TRUE(HasCode(Get(id), grpc::StatusCode::NOT_FOUND));
}

TEST_F(AccountsTest, MalformedFieldsAreAllNamedAndNothingIsWritten) {
  Account account = NewAccount(UniqueId("acct-bad"));
  account.set_country("usa");
  account.set_annual_revenue("12.1234567");
  const grpc::Status status = Create(account);
  EXPECT_TRUE(IsInvalidField(status, "account.country"));
  EXPECT_TRUE(IsInvalidField(status, "account.annual_revenue"));
  EXPECT_TRUE(HasCode(Get(account.account_id()), grpc::StatusCode::NOT_FOUND));
}

TEST_F(AccountsTest, UnknownParentIsRejected) {
  const Account account = NewAccount(UniqueId("acct-orphan"), UniqueId("acct-ghost"));
  EXPECT_TRUE(IsInvalidField(Create(account), "account.parent_account_id"));
  EXPECT_TRUE(HasCode(Get(account.account_id()), grpc::StatusCode::NOT_FOUND));
}

TEST_F(AccountsTest, ReparentingThatWouldCloseACycleIsRejected) {
  // a <- b <- c; making a a child of c would close a -> c -> b -> a.
  const std::string a = UniqueId("acct-a"), b = UniqueId("acct-b"), c = UniqueId("acct-c");
  ASSERT_TRUE(HasCode(Create(NewAccount(a)), grpc::StatusCode::OK));
  ASSERT_TRUE(HasCode(Create(NewAccount(b, a)), grpc::StatusCode::OK));
  ASSERT_TRUE(HasCode(Create(NewAccount(c, b)), grpc::StatusCode::OK));
  EXPECT_TRUE(IsInvalidField(Update(NewAccount(a, c), {"parent_account_id"}),
                             "account.parent_account_id"));
  Account after;
  ASSERT_TRUE(HasCode(Get(a, &after), grpc::StatusCode::OK));
  EXPECT_EQ(after.parent_account_id(), "");
  EXPECT_EQ(after.revision(), 1);
}

TEST_F(AccountsTest, ParentWithChildrenCannotBeDeleted) {
  const std::string parent = UniqueId("acct-parent");
  ASSERT_TRUE(HasCode(Create(NewAccount(parent)), grpc::StatusCode::OK));
  ASSERT_TRUE(HasCode(Create(NewAccount(UniqueId("acct-child"), parent)), grpc::StatusCode::OK));
  planning::v1::DeleteAccountRequest remove;
  remove.set_name("accounts/" + parent);
  google::protobuf::Empty empty;
  EXPECT_TRUE(HasCode(accounts_->DeleteAccount(MakeContext(admin_).get(), remove, &empty),
                      grpc::StatusCode::FAILED_PRECONDITION));
  EXPECT_TRUE(HasCode(Get(parent), grpc::StatusCode::OK));
}

TEST_F(AccountsTest, ImportWithOneBadRowWritesNoRow) {
  const std::string tag = UniqueId("acct-imp");
  std::vector<Account> rows;
  for (int i = 0; i < 6; ++i) rows.push_back(NewAccount(tag + "-" + std::to_string(i)));
  rows[4].set_country("");  // row_number 6: the header is line 1, rows start at line 2
  // Three stream messages of two rows: the bad row is in the last one.
  EXPECT_TRUE(IsInvalidField(Import(rows, 2), "rows[6].country"));
  for (const Account& row : rows) {
    EXPECT_TRUE(HasCode(Get(row.account_id()), grpc::StatusCode::NOT_FOUND)) << row.account_id();
  }
}

TEST_F(AccountsTest, ImportNamesUnknownParentsAndCyclesAndWritesNothing) {
  const std::string tag = UniqueId("acct-hier");
  std::vector<Account> rows = {
      NewAccount(tag + "-x", tag + "-y"),           // line 2: x -> y -> x
      NewAccount(tag + "-y", tag + "-x"),           // line 3
      NewAccount(tag + "-z", UniqueId("nowhere")),  // line 4: unknown parent
      NewAccount(tag + "-ok")};
  const grpc::Status status = Import(rows, 10);
  EXPECT_TRUE(IsInvalidField(status, "rows[2].parent_account_id"));
  EXPECT_TRUE(IsInvalidField(status, "rows[3].parent_account_id"));
  EXPECT_TRUE(IsInvalidField(status, "rows[4].parent_account_id"));
  EXPECT_TRUE(HasCode(Get(tag + "-ok"), grpc::StatusCode::NOT_FOUND));
}

TEST_F(AccountsTest, ReimportCountsCreatedUpdatedAndUnchanged) {
  const std::string tag = UniqueId("acct-re");
  // Children before their parent: order within a file does not matter.
  std::vector<Account> rows = {NewAccount(tag + "-child1", tag + "-top"),
                               NewAccount(tag + "-child2", tag + "-top"), NewAccount(tag + "-top")};
  planning::v1::ImportAccountsResponse first;
  ASSERT_TRUE(HasCode(Import(rows, 2, &first), grpc::StatusCode::OK));
  EXPECT_EQ(first.created_count(), 3);
  EXPECT_EQ(first.updated_count(), 0);

  Account before;
  ASSERT_TRUE(HasCode(Get(tag + "-child2", &before), grpc::StatusCode::OK));  // now cached
  rows[1].set_potential("99.5");
  planning::v1::ImportAccountsResponse second;
  ASSERT_TRUE(HasCode(Import(rows, 2, &second), grpc::StatusCode::OK));
  EXPECT_EQ(second.created_count(), 0);
  EXPECT_EQ(second.updated_count(), 1);
  EXPECT_EQ(second.unchanged_count(), 2);
  Account after;
  ASSERT_TRUE(HasCode(Get(tag + "-child2", &after), grpc::StatusCode::OK));
  EXPECT_EQ(after.potential(), "99.5");
  EXPECT_EQ(after.revision(), before.revision() + 1);
  EXPECT_EQ(after.parent_account_id(), tag + "-top");
}

TEST_F(AccountsTest, ThousandAccountsInPagesOf37HaveNoDuplicatesOrGapsAndExportHasThemAll) {
  constexpr int kAccounts = 1000;
  constexpr int kPageSize = 37;
  constexpr int kPages = 28;  // 27 full pages and a last page of one
  const std::string tag = UniqueId("acct-page");
  const std::string marker = "[" + tag + "]";
  std::vector<Account> rows;
  std::set<std::string> expected;
  for (int i = 0; i < kAccounts; ++i) {
    Account account = NewAccount(tag + "-" + std::to_string(10000 + i));
    account.set_display_name("Paged " + marker + " #" + std::to_string(i));
    expected.insert(account.account_id());
    rows.push_back(std::move(account));
  }
  planning::v1::ImportAccountsResponse imported;
  ASSERT_TRUE(HasCode(Import(rows, 100, &imported), grpc::StatusCode::OK));
  EXPECT_EQ(imported.created_count(), kAccounts);

  planning::v1::ListAccountsRequest request;
  request.set_page_size(kPageSize);
  request.set_display_name_contains(marker);
  std::vector<std::string> seen;
  std::vector<int> page_sizes;
  for (int page = 0; page < kPages + 5; ++page) {
    planning::v1::ListAccountsResponse response;
    ASSERT_TRUE(HasCode(accounts_->ListAccounts(MakeContext(admin_).get(), request, &response),
                        grpc::StatusCode::OK));
    EXPECT_EQ(response.total_size(), kAccounts);
    page_sizes.push_back(response.accounts_size());
    for (const Account& a : response.accounts()) seen.push_back(a.account_id());
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  std::vector<int> expected_sizes(kPages - 1, kPageSize);
  expected_sizes.push_back(1);
  EXPECT_EQ(page_sizes, expected_sizes);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), seen.size());
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), expected);

  auto context = MakeContext(admin_, std::chrono::seconds(60));
  auto reader = accounts_->ExportAccounts(context.get(), planning::v1::ExportAccountsRequest());
  std::set<std::string> exported;
  for (Account account; reader->Read(&account);) {
    if (account.account_id().rfind(tag + "-", 0) == 0) exported.insert(account.account_id());
  }
  EXPECT_TRUE(HasCode(reader->Finish(), grpc::StatusCode::OK));
  EXPECT_EQ(exported, expected);
}

TEST_F(AccountsTest, RepCannotCreateNorReadUncoveredAccountsAndNoTokenIsUnauthenticated) {
  const std::string id = UniqueId("acct-authz");
  ASSERT_TRUE(HasCode(Create(NewAccount(id)), grpc::StatusCode::OK));
  // The rep covers no territory, so no account is theirs (coverage: territories_test.cc).
  const std::string rep = Token(UniqueId("rep"), {"rep"});
  EXPECT_TRUE(HasCode(Get(id, nullptr, rep), grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_TRUE(HasCode(Get(id, nullptr, Token(UniqueId("analyst"), {"analyst"})),
                      grpc::StatusCode::OK));
  const std::string other = UniqueId("acct-authz-new");
  EXPECT_TRUE(HasCode(Create(NewAccount(other), nullptr, rep), grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_TRUE(HasCode(Get(other), grpc::StatusCode::NOT_FOUND));

  planning::v1::GetAccountRequest request;
  request.set_name("accounts/" + id);
  Account response;
  EXPECT_TRUE(HasCode(accounts_->GetAccount(MakeContext("").get(), request, &response),
                      grpc::StatusCode::UNAUTHENTICATED));
}

}  // namespace
}  // namespace attain::itest
