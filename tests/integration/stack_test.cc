#include "tests/integration/stack_test.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "absl/strings/str_cat.h"

namespace attain::itest {
namespace {

std::unique_ptr<Stack>& StackSlot() {
  static std::unique_ptr<Stack> stack;
  return stack;
}
bool started = false;

bool AnySelectedTestNeedsStack() {
  const ::testing::UnitTest& unit = *::testing::UnitTest::GetInstance();
  for (int i = 0; i < unit.total_test_suite_count(); ++i) {
    const ::testing::TestSuite& suite = *unit.GetTestSuite(i);
    if (std::string_view(suite.name()).rfind("Harness", 0) == 0) continue;
    for (int j = 0; j < suite.total_test_count(); ++j) {
      if (suite.GetTestInfo(j)->should_run()) return true;
    }
  }
  return false;
}

}  // namespace

Stack* SharedStack() { return started ? StackSlot().get() : nullptr; }

void StackEnvironment::SetUp() {
  if (!AnySelectedTestNeedsStack()) return;
  StackSlot() = std::make_unique<Stack>(DefaultStackOptions());
  Stack& stack = *StackSlot();
  absl::Status status = stack.Start();
  if (!status.ok()) {
    std::string tails = stack.root_dir().empty() ? "" : stack.LogTails(60);
    FAIL() << "Starting the integration stack failed: " << status << "\n"
           << "Stack directory (kept): " << stack.root_dir() << "\n"
           << tails;
  }
  started = true;
  printf("[ stack    ] up in %s; gateway %s\n", stack.root_dir().c_str(),
         stack.gateway_address().c_str());
}

void StackEnvironment::TearDown() {
  std::unique_ptr<Stack>& stack = StackSlot();
  if (!stack) return;
  started = false;
  std::vector<std::string> unclean = stack->Stop();
  for (const std::string& service : unclean) {
    ADD_FAILURE() << "Contract: a service exits 0 on SIGTERM, but " << service;
  }
  if (!unclean.empty()) printf("%s", stack->LogTails(40).c_str());
  const bool keep = ::testing::UnitTest::GetInstance()->failed_test_count() > 0 ||
                    ::testing::UnitTest::GetInstance()->ad_hoc_test_result().Failed() ||
                    !unclean.empty() || getenv("ATTAIN_KEEP_STACK_DIR") != nullptr;
  const std::string root = stack->root_dir();
  stack.reset();
  if (root.empty()) return;
  if (keep) {
    printf("[ stack    ] logs and data kept in %s\n", root.c_str());
  } else {
    std::error_code ec;
    std::filesystem::remove_all(root, ec);
  }
}

void LogTailsOnFailure::OnTestEnd(const ::testing::TestInfo& info) {
  Stack* stack = SharedStack();
  if (stack == nullptr || !info.result()->Failed()) return;
  printf("[ logs     ] %s.%s failed; recent service and infrastructure logs:\n%s",
         info.test_suite_name(), info.name(), stack->LogTails(30).c_str());
  fflush(stdout);
}

void StackTest::SetUp() {
  ASSERT_NE(SharedStack(), nullptr) << "the integration stack is not running";
}

std::string StackTest::Token(const std::string& subject, const std::vector<std::string>& roles) {
  absl::StatusOr<std::string> token = stack().Token(subject, roles);
  if (!token.ok()) {
    ADD_FAILURE() << "signing a token for " << subject << ": " << token.status();
    return "";
  }
  return *token;
}

std::string StackTest::AdminToken() { return Token("it-admin", {"admin"}); }

std::unique_ptr<planning::v1::OrganizationService::Stub> StackTest::Org() {
  return planning::v1::OrganizationService::NewStub(stack().gateway_channel());
}

std::string StackTest::UniqueId(std::string_view tag) {
  static std::atomic<int> counter{0};
  return absl::StrCat(std::string(tag), "-", getpid(), "-", ++counter);
}

}  // namespace attain::itest
