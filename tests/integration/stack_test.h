#pragma once
// The shared stack for the whole integration_tests binary and the fixture tests derive from.
// Starting PostgreSQL, Redis, four services and nginx takes seconds, so it happens once
// (StackEnvironment); tests keep their data apart with UniqueId prefixes instead.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "attain/planning/v1/organization.grpc.pb.h"
#include "tests/integration/harness/stack.h"

namespace attain::itest {

// The stack started by StackEnvironment, or nullptr when it is not running.
Stack* SharedStack();

// Starts the stack before the first test and stops it after the last. Skipped when every
// selected test belongs to a suite named Harness* (those need no stack). A failed start
// fails the run, and no test runs.
class StackEnvironment : public ::testing::Environment {
 public:
  void SetUp() override;
  void TearDown() override;
};

// Prints the tail of every stack log after each failed test.
class LogTailsOnFailure : public ::testing::EmptyTestEventListener {
 public:
  void OnTestEnd(const ::testing::TestInfo& info) override;
};

class StackTest : public ::testing::Test {
 protected:
  void SetUp() override;

  Stack& stack() { return *SharedStack(); }
  // A token for `subject` with `roles`; an empty string (and a test failure) if signing fails.
  std::string Token(const std::string& subject, const std::vector<std::string>& roles);
  // subject "it-admin", role admin.
  std::string AdminToken();
  // OrganizationService through the gateway.
  std::unique_ptr<planning::v1::OrganizationService::Stub> Org();

  // "<tag>-<pid>-<n>": unique within this run and across runs against the same database.
  static std::string UniqueId(std::string_view tag);
};

}  // namespace attain::itest
