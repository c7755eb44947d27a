// attainctl commands against an in-process fake OrganizationService on a free port.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <gmock/gmock.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>

#include "absl/synchronization/mutex.h"
#include "attain/planning/v1/organization.grpc.pb.h"
#include "common/errors/errors.h"
#include "tests/tools/attainctl/command_harness.h"
#include "tools/attainctl/app.h"
#include "tools/attainctl/sellers_import.h"

namespace attain::ctl {
namespace {

namespace fs = std::filesystem;
using planning::v1::Seller;
using testing::HasSubstr;

Seller MakeSeller(const std::string& id, const std::string& manager) {
  Seller seller;
  seller.set_name("sellers/" + id);
  seller.set_seller_id(id);
  seller.set_display_name("Name, " + id);
  seller.set_email(id + "@x.example");
  seller.set_title("Account Executive");
  seller.set_hire_date("2025-01-06");
  seller.set_home_currency("USD");
  if (!manager.empty()) {
    auto* line = seller.add_reporting_lines();
    line->set_manager_id(manager);
    line->set_start_date("2025-01-06");
  }
  return seller;
}

// Records what it receives; answers from canned data.
class FakeOrganization final : public planning::v1::OrganizationService::Service {
 public:
  grpc::Status ImportSellers(grpc::ServerContext* context,
                             grpc::ServerReader<planning::v1::ImportSellersRequest>* reader,
                             planning::v1::ImportSellersResponse* response) override {
    absl::MutexLock lock(&mu_);
    Record(*context);
    for (planning::v1::ImportSellersRequest request; reader->Read(&request);) {
      import_messages_.push_back(request);
    }
    if (!import_error_.ok()) return errors::ToGrpcStatus(import_error_);
    response->set_created_count(3);
    response->set_updated_count(1);
    return grpc::Status::OK;
  }

  grpc::Status GetSeller(grpc::ServerContext* context, const planning::v1::GetSellerRequest* request,
                         Seller* response) override {
    absl::MutexLock lock(&mu_);
    Record(*context);
    *response = MakeSeller(request->name().substr(8), "mgr-1");
    return grpc::Status::OK;
  }

  grpc::Status UpdateSeller(grpc::ServerContext* context, const planning::v1::UpdateSellerRequest* request,
                            Seller* response) override {
    absl::MutexLock lock(&mu_);
    Record(*context);
    update_ = *request;
    *response = request->seller();
    return grpc::Status::OK;
  }

  grpc::Status ListSellers(grpc::ServerContext* context, const planning::v1::ListSellersRequest* request,
                           planning::v1::ListSellersResponse* response) override {
    absl::MutexLock lock(&mu_);
    Record(*context);
    list_requests_.push_back(*request);
    response->set_total_size(3);
    if (request->page_token().empty()) {
      *response->add_sellers() = MakeSeller("a", "");
      *response->add_sellers() = MakeSeller("b", "a");
      response->set_next_page_token("page2");
    } else {
      *response->add_sellers() = MakeSeller("c", "a");
    }
    return grpc::Status::OK;
  }

  grpc::Status ExportSellers(grpc::ServerContext* context, const planning::v1::ExportSellersRequest*,
                             grpc::ServerWriter<Seller>* writer) override {
    {
      absl::MutexLock lock(&mu_);
      Record(*context);
    }
    Seller moved = MakeSeller("b", "");
    auto* first = moved.add_reporting_lines();
    first->set_manager_id("a");
    first->set_start_date("2025-01-06");
    first->set_end_date("2025-06-30");
    auto* second = moved.add_reporting_lines();
    second->set_manager_id("c");
    second->set_start_date("2025-07-01");
    writer->Write(MakeSeller("a", ""));
    writer->Write(moved);
    return grpc::Status::OK;
  }

  void Record(const grpc::ServerContext& context) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    auto it = context.client_metadata().find("authorization");
    authorization_ = it == context.client_metadata().end() ? "" : std::string(it->second.data(), it->second.size());
    deadline_ = absl::FromChrono(context.deadline());
  }

  absl::Mutex mu_;
  absl::Status import_error_ ABSL_GUARDED_BY(mu_);
  std::vector<planning::v1::ImportSellersRequest> import_messages_ ABSL_GUARDED_BY(mu_);
  std::vector<planning::v1::ListSellersRequest> list_requests_ ABSL_GUARDED_BY(mu_);
  planning::v1::UpdateSellerRequest update_ ABSL_GUARDED_BY(mu_);
  std::string authorization_ ABSL_GUARDED_BY(mu_);
  absl::Time deadline_ ABSL_GUARDED_BY(mu_);
};

using CommandsTest = FakeServerTest<FakeOrganization>;

TEST_F(CommandsTest, ImportStreamsBatchesWithTokenDeadlineAndCsvLineNumbers) {
  const std::string file = WriteCsv(
      "seller_id,display_name,manager_id\r\n"
      "a,A,\r\n"
      "b,\"Two\r\nLines\",a\r\n"  // spans lines 3-4
      "c,C,a\r\n"
      "d,D,a\r\n");
  const absl::Time before = absl::Now();
  const Result result = Run({"sellers", "import", file, "--batch", "2"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "CREATED  UPDATED  UNCHANGED\n3        1        0\n");

  absl::MutexLock lock(&fake_.mu_);
  EXPECT_EQ(fake_.authorization_, "Bearer t0k");
  EXPECT_GT(fake_.deadline_, before + absl::Seconds(25));
  EXPECT_LT(fake_.deadline_, absl::Now() + absl::Seconds(31));
  ASSERT_EQ(fake_.import_messages_.size(), 2u);
  EXPECT_FALSE(fake_.import_messages_[0].request_id().empty());
  EXPECT_TRUE(fake_.import_messages_[1].request_id().empty());
  ASSERT_EQ(fake_.import_messages_[0].rows_size(), 2);
  ASSERT_EQ(fake_.import_messages_[1].rows_size(), 2);
  EXPECT_EQ(fake_.import_messages_[0].rows(0).row_number(), 2);
  EXPECT_EQ(fake_.import_messages_[0].rows(1).row_number(), 3);
  EXPECT_EQ(fake_.import_messages_[1].rows(0).row_number(), 5);
  EXPECT_EQ(fake_.import_messages_[1].rows(1).row_number(), 6);
  const Seller& b = fake_.import_messages_[0].rows(1).seller();
  EXPECT_EQ(b.display_name(), "Two\r\nLines");
  ASSERT_EQ(b.reporting_lines_size(), 1);
  EXPECT_EQ(b.reporting_lines(0).manager_id(), "a");
}

TEST_F(CommandsTest, ServerFieldViolationsArePrintedUnderTheError) {
  {
    absl::MutexLock lock(&fake_.mu_);
    fake_.import_error_ = errors::InvalidFields(
        {{"rows[2].email", "must be an email address"}, {"rows[3].reporting_lines", "overlap"}});
  }
  const Result result = Run({"sellers", "import", WriteCsv("seller_id\na\nb\n")});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, testing::StartsWith("error: INVALID_ARGUMENT: "));
  EXPECT_THAT(result.err, HasSubstr("\n  rows[2].email: must be an email address\n"));
  EXPECT_THAT(result.err, HasSubstr("\n  rows[3].reporting_lines: overlap\n"));
}

TEST_F(CommandsTest, BadCsvRowsAreReportedWithoutCallingTheServer) {
  const Result result =
      Run({"sellers", "import", WriteCsv("seller_id,reporting_lines\na,\nb,nonsense\n")});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("  rows[3].reporting_lines: \"nonsense\" is not MANAGER@START..[END]"));
  absl::MutexLock lock(&fake_.mu_);
  EXPECT_TRUE(fake_.import_messages_.empty());
}

TEST_F(CommandsTest, ListAllFollowsPageTokensAndPrintsImportableCsv) {
  const Result result = Run({"-o", "csv", "sellers", "list", "--all", "--title", "Account Executive"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "seller_id,display_name,email,title,hire_date,termination_date,home_currency,manager_id,"
            "reporting_lines\n"
            "a,\"Name, a\",a@x.example,Account Executive,2025-01-06,,USD,,\n"
            "b,\"Name, b\",b@x.example,Account Executive,2025-01-06,,USD,a,a@2025-01-06..\n"
            "c,\"Name, c\",c@x.example,Account Executive,2025-01-06,,USD,a,a@2025-01-06..\n");
  absl::MutexLock lock(&fake_.mu_);
  ASSERT_EQ(fake_.list_requests_.size(), 2u);
  EXPECT_EQ(fake_.list_requests_[1].page_token(), "page2");
  EXPECT_EQ(fake_.list_requests_[1].title(), "Account Executive");
}

TEST_F(CommandsTest, ListWithoutAllStopsAfterOnePageAndSaysHowToContinue) {
  const Result result = Run({"sellers", "list"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.err, HasSubstr("--page-token page2"));
  absl::MutexLock lock(&fake_.mu_);
  EXPECT_EQ(fake_.list_requests_.size(), 1u);
}

TEST_F(CommandsTest, UpdateManagerFetchesTheSellerAndSplitsItsLine) {
  const Result result = Run({"sellers", "update", "rep-1", "--manager", "mgr-2", "--from", "2025-07-01",
                             "--title", "Senior AE", "-o", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("\"title\": \"Senior AE\""));
  absl::MutexLock lock(&fake_.mu_);
  EXPECT_THAT(fake_.update_.update_mask().paths(), testing::ElementsAre("title", "reporting_lines"));
  ASSERT_EQ(fake_.update_.seller().reporting_lines_size(), 2);
  EXPECT_EQ(fake_.update_.seller().reporting_lines(0).end_date(), "2025-06-30");
  EXPECT_EQ(fake_.update_.seller().reporting_lines(1).manager_id(), "mgr-2");
}

TEST_F(CommandsTest, ExportWritesAFileThatImportsBack) {
  const std::string out = (dir_ / "export.csv").string();
  const Result result = Run({"sellers", "export", "--out", out});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_FALSE(fs::exists(out + ".partial"));
  std::ifstream in(out, std::ios::binary);
  absl::StatusOr<std::vector<planning::v1::SellerImportRow>> rows = ReadImportRows(in, out);
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 2u);
  const Seller& b = (*rows)[1].seller();
  EXPECT_EQ(b.display_name(), "Name, b");
  ASSERT_EQ(b.reporting_lines_size(), 2);
  EXPECT_EQ(b.reporting_lines(0).end_date(), "2025-06-30");
  EXPECT_EQ(b.reporting_lines(1).manager_id(), "c");
  EXPECT_EQ(b.reporting_lines(1).end_date(), "");
}

TEST_F(CommandsTest, UsageErrorsExitTwo) {
  EXPECT_EQ(Run({"sellers", "update", "rep-1"}).exit_code, 2);
  EXPECT_EQ(Run({"sellers", "create", "--id", "x"}).exit_code, 2);
  EXPECT_EQ(Run({"sellers", "update", "rep-1", "--manager", "m"}).exit_code, 2);  // needs --from
  EXPECT_EQ(Run({"--output", "yaml", "sellers", "get", "x"}).exit_code, 2);
  EXPECT_EQ(Run({"info", "billing"}).exit_code, 2);
}

TEST(UnreachableServerTest, ImportReportsUnavailable) {
  const fs::path file = fs::temp_directory_path() / ("attainctl_unreachable_" + std::to_string(getpid()) + ".csv");
  std::ofstream(file) << "seller_id\na\n";
  const std::string path = file.string();
  const char* argv[] = {"attainctl", "--server", "127.0.0.1:1", "--timeout", "5s", "sellers", "import", path.c_str()};
  std::ostringstream err;
  std::streambuf* old_err = std::cerr.rdbuf(err.rdbuf());
  const int exit_code = RunCommandLine(8, argv);
  std::cerr.rdbuf(old_err);
  fs::remove(file);
  EXPECT_EQ(exit_code, 1);
  EXPECT_THAT(err.str(), testing::StartsWith("error: UNAVAILABLE: "));
}

}  // namespace
}  // namespace attain::ctl
