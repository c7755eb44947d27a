#pragma once
// A GoogleTest fixture running the attainctl command line in-process against a fake gRPC
// service on a free port, capturing stdout and stderr.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>

#include "tools/attainctl/app.h"

namespace attain::ctl {

struct Result {
  int exit_code;
  std::string out;
  std::string err;
};

template <typename Fake>
class FakeServerTest : public testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&fake_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(port, 0);
    address_ = "127.0.0.1:" + std::to_string(port);
    dir_ = std::filesystem::temp_directory_path() /
           ("attainctl_" + std::string(testing::UnitTest::GetInstance()->current_test_info()->name()) +
            "_" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    server_->Shutdown();
    std::filesystem::remove_all(dir_);
  }

  // Runs attainctl against the fake with a token, capturing stdout and stderr.
  Result Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"attainctl", "--server", address_, "--token", "t0k"});
    std::vector<const char*> argv;
    for (const std::string& arg : args) argv.push_back(arg.c_str());
    std::ostringstream out, err;
    std::streambuf* old_out = std::cout.rdbuf(out.rdbuf());
    std::streambuf* old_err = std::cerr.rdbuf(err.rdbuf());
    const int exit_code = RunCommandLine(static_cast<int>(argv.size()), argv.data());
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    return {exit_code, out.str(), err.str()};
  }

  std::string WriteCsv(const std::string& content) {
    const std::filesystem::path path = dir_ / "input.csv";
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }

  Fake fake_;
  std::unique_ptr<grpc::Server> server_;
  std::string address_;
  std::filesystem::path dir_;
};

}  // namespace attain::ctl
