// integration_tests: every test shares one stack started by StackEnvironment.
#include <gtest/gtest.h>

#include "tests/integration/stack_test.h"

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new attain::itest::StackEnvironment());
  ::testing::UnitTest::GetInstance()->listeners().Append(new attain::itest::LogTailsOnFailure());
  return RUN_ALL_TESTS();
}
