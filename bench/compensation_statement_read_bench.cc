// Statement reads through the gateway: StatementService/GetStatement of a rep's published
// statement (served from Redis after the first read) against CompensationService/
// GetServiceInfo (the same service's "hello": authenticated, tiny reply), both driven by h2load
// over h2c through the same nginx gateway in the same run. The whole deployment runs under a
// temp dir (the integration harness's Stack: PostgreSQL, Redis, the four services, nginx);
// the statement is made the way a customer makes one: sellers, an account, a product, a plan
// assigned to the rep, imported transactions, a calculation run polled until it succeeds.
//
// Compensation's GetServiceInfo is not free: it reads the outbox's last sequence from
// PostgreSQL on every call. So a third call runs alongside as the truly bare baseline:
// WorkflowService/GetServiceInfo, the same framework path (token check, executor, reply) with
// no I/O at all, served by the workflow service through the same gateway.
//
// Every call carries the rep's own token, so token checks cost the same. After a warm-up pass
// of each, the calls alternate --repeat times with the same h2load settings; medians are
// compared, with the CPU time each process of the stack spent per call. h2load counts any
// HTTP 200 as a success, and the gateway answers its own errors (rate limit, backend down)
// with HTTP 200 too, so every pass is also checked against the gateway's access log (each
// call of the pass with grpc-status 0), the service's cache counters (for statements, two
// hits per read, from the process's near cache or from Redis: the published run and the
// statement entry; no miss; Redis timeouts, reads that fell back to PostgreSQL, are counted
// and shown) and Redis's own command counts (one MGET per statement read that went to Redis,
// no GET; nothing for the others). The
// gateway's per-client rate limit (500/s by default) would cap every call: it is raised for
// the run through render.sh's GATEWAY_RATE_LIMIT_RPS.
//
// Usage: compensation_statement_read_bench [--requests N] [--warmup N] [--clients C]
//          [--streams M] [--repeat R] [--keep]

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "attain/compensation/v1/calculation.grpc.pb.h"
#include "attain/compensation/v1/compensation_service.grpc.pb.h"
#include "attain/compensation/v1/plans.grpc.pb.h"
#include "attain/compensation/v1/transactions.grpc.pb.h"
#include "attain/planning/v1/accounts.grpc.pb.h"
#include "attain/planning/v1/organization.grpc.pb.h"
#include "attain/planning/v1/products.grpc.pb.h"
#include "attain/workflow/v1/workflow_service.grpc.pb.h"
#include "common/cache/redis.h"
#include "tests/integration/harness/plan_requests.h"
#include "tests/integration/harness/grpc_util.h"
#include "tests/integration/harness/metrics.h"
#include "tests/integration/harness/poll.h"
#include "tests/integration/harness/process.h"
#include "tests/integration/harness/stack.h"

namespace attain::compensation {
namespace {

namespace pv1 = planning::v1;

constexpr char kPeriod[] = "2035-03";
constexpr char kRep[] = "bench-rep";
constexpr char kManager[] = "bench-mgr";
constexpr char kHelloPath[] = "/attain.compensation.v1.CompensationService/GetServiceInfo";
constexpr char kStatementPath[] = "/attain.compensation.v1.StatementService/GetStatement";
constexpr char kBarePath[] = "/attain.workflow.v1.WorkflowService/GetServiceInfo";

struct Options {
  int requests = 20000;
  int warmup = 5000;
  int clients = 16;
  int streams = 10;
  int repeat = 3;
  bool keep = false;
};

// The running stack, stopped by Die: the kernel ends the harness's children with this process,
// but not nginx's workers.
itest::Stack* running_stack = nullptr;

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "compensation_statement_read_bench: %s\n", what.c_str());
  if (running_stack != nullptr) running_stack->Stop();
  std::exit(1);
}

void Check(const absl::Status& status, const std::string& what) {
  if (!status.ok()) Die(absl::StrCat(what, ": ", status.ToString()));
}

void Check(const grpc::Status& status, const std::string& what) {
  if (!status.ok()) Die(absl::StrCat(what, ": ", itest::Describe(status)));
}

template <typename T>
T Value(absl::StatusOr<T> value, const std::string& what) {
  Check(value.status(), what);
  return *std::move(value);
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

std::string LoadAverage() {
  std::string text = itest::ReadFile("/proc/loadavg");
  // "0.20 0.62 1.12 1/123 4567": the 1, 5 and 15 minute averages.
  std::istringstream in(text);
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return absl::StrCat(one, " ", five, " ", fifteen);
}

// The machine's CPU time since boot from /proc/stat's "cpu" line, in clock ticks: all of it
// and the busy part (all but idle and iowait).
struct MachineCpu {
  double total = 0;
  double busy = 0;
};

MachineCpu ReadMachineCpu() {
  std::istringstream in(itest::ReadFile("/proc/stat"));
  std::string label;
  in >> label;
  MachineCpu cpu;
  double value = 0;
  for (int field = 0; field < 8 && in >> value; ++field) {
    cpu.total += value;
    if (field != 3 && field != 4) cpu.busy += value;  // idle, iowait
  }
  return cpu;
}

// CPU seconds (user + system) of every live process descended from this one, by command name
// (nginx, postgres, redis-server, attain-compensa[tion], ...); "h2load" from this process's
// reaped children.
std::map<std::string, double> CpuByProcess() {
  struct Proc {
    int ppid = 0;
    std::string comm;
    double cpu = 0;
  };
  std::map<int, Proc> procs;
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  if (DIR* dir = opendir("/proc")) {
    while (dirent* entry = readdir(dir)) {
      int pid = 0;
      if (!absl::SimpleAtoi(entry->d_name, &pid)) continue;
      // "pid (comm) state ppid ..." with utime and stime the 12th and 13th fields after comm.
      const std::string stat = itest::ReadFile(absl::StrCat("/proc/", pid, "/stat"));
      const size_t open = stat.find('('), close = stat.rfind(')');
      if (open == std::string::npos || close == std::string::npos) continue;
      std::istringstream rest(stat.substr(close + 1));
      std::string field;
      std::vector<std::string> fields;
      while (fields.size() < 13 && rest >> field) fields.push_back(field);
      Proc proc;
      long long utime = 0, stime = 0;
      if (fields.size() < 13 || !absl::SimpleAtoi(fields[1], &proc.ppid) ||
          !absl::SimpleAtoi(fields[11], &utime) || !absl::SimpleAtoi(fields[12], &stime)) {
        continue;
      }
      proc.comm = stat.substr(open + 1, close - open - 1);
      proc.cpu = (utime + stime) / ticks;
      procs[pid] = proc;
    }
    closedir(dir);
  }
  std::map<std::string, double> cpu;
  const int self = getpid();
  for (const auto& [pid, proc] : procs) {
    int ancestor = proc.ppid;
    while (ancestor > 1 && ancestor != self) {
      auto it = procs.find(ancestor);
      ancestor = it == procs.end() ? 0 : it->second.ppid;
    }
    if (ancestor == self) cpu[proc.comm] += proc.cpu;
  }
  rusage children{};
  getrusage(RUSAGE_CHILDREN, &children);
  cpu["h2load"] = children.ru_utime.tv_sec + children.ru_stime.tv_sec +
                  (children.ru_utime.tv_usec + children.ru_stime.tv_usec) / 1e6;
  return cpu;
}

// ---- Making a published statement through the APIs ---------------------------------------

std::unique_ptr<grpc::ClientContext> Context(const std::string& token) {
  return itest::MakeContext(token, std::chrono::seconds(60));
}

void CreateSellers(itest::Stack& stack, const std::string& admin) {
  auto org = pv1::OrganizationService::NewStub(stack.gateway_channel());
  for (const std::string id : {kManager, kRep}) {
    pv1::CreateSellerRequest request;
    pv1::Seller* seller = request.mutable_seller();
    seller->set_seller_id(id);
    seller->set_display_name(absl::StrCat("Seller ", id));
    seller->set_email(absl::StrCat(id, "@example.com"));
    seller->set_title("Account Executive");
    seller->set_hire_date("2024-01-01");
    seller->set_home_currency("USD");
    if (id == kRep) {
      pv1::ReportingLine* line = seller->add_reporting_lines();
      line->set_manager_id(kManager);
      line->set_start_date("2024-01-01");
    }
    pv1::Seller created;
    Check(org->CreateSeller(Context(admin).get(), request, &created), "CreateSeller " + id);
  }
  pv1::CreateAccountRequest account;
  account.mutable_account()->set_account_id("bench-acc");
  account.mutable_account()->set_display_name("Bench account");
  account.mutable_account()->set_country("US");
  pv1::Account created_account;
  Check(pv1::AccountService::NewStub(stack.gateway_channel())
            ->CreateAccount(Context(admin).get(), account, &created_account),
        "CreateAccount");
  pv1::CreateProductRequest product;
  product.mutable_product()->set_product_id("bench-prd");
  product.mutable_product()->set_display_name("Bench product");
  product.mutable_product()->set_family("Analytics");
  product.mutable_product()->set_line("Bench line");
  product.mutable_product()->set_list_price("1000");
  product.mutable_product()->set_currency("USD");
  pv1::Product created_product;
  Check(pv1::ProductService::NewStub(stack.gateway_channel())
            ->CreateProduct(Context(admin).get(), product, &created_product),
        "CreateProduct");
}

// The plan of tests/integration/calculation_test.cc: a graduated revenue commission (5 % up to
// 10 000, 8 % above) and a SPIF of 250 per Analytics order of at least 1 000, assigned to the
// rep and the manager (roll-up credit) for the month.
void CreatePlan(itest::Stack& stack, const std::string& admin) {
  auto plans = v1::PlanService::NewStub(stack.gateway_channel());
  const v1::CreatePlanRequest create =
      itest::CommissionAndSpifPlan("bench-plan", kPeriod, "bench-plan-req");
  v1::Plan created;
  Check(plans->CreatePlan(Context(admin).get(), create, &created), "CreatePlan");
  v1::ActivatePlanVersionRequest activate;
  activate.set_name("plans/bench-plan/versions/1");
  activate.set_effective_from("2035-01-01");
  activate.set_request_id("bench-activate");
  v1::PlanVersion active;
  Check(plans->ActivatePlanVersion(Context(admin).get(), activate, &active), "ActivatePlanVersion");
  for (const std::string seller : {kRep, kManager}) {
    const v1::AssignPlanRequest assign =
        itest::MonthAssignment("bench-plan", seller, kPeriod, "bench-assign-" + seller);
    v1::PlanAssignment assigned;
    Check(plans->AssignPlan(Context(admin).get(), assign, &assigned), "AssignPlan " + seller);
  }
}

// Two orders and a cancellation of the rep in the month.
void ImportTransactions(itest::Stack& stack, const std::string& admin) {
  struct Row {
    const char* id;
    const char* date;
    const char* amount;
    v1::TransactionType type;
  };
  const Row rows[] = {{"SO-1", "2035-03-05", "8000", v1::TRANSACTION_TYPE_ORDER},
                      {"SO-2", "2035-03-20", "4000.50", v1::TRANSACTION_TYPE_ORDER},
                      {"CN-1", "2035-03-25", "500", v1::TRANSACTION_TYPE_CANCELLATION}};
  auto stub = v1::TransactionService::NewStub(stack.gateway_channel());
  v1::ImportTransactionsResponse response;
  auto context = Context(admin);
  auto writer = stub->ImportTransactions(context.get(), &response);
  v1::ImportTransactionsRequest options;
  options.mutable_options()->set_request_id("bench-import");
  options.mutable_options()->set_mode(v1::IMPORT_MODE_ALL_OR_NOTHING);
  writer->Write(options);
  v1::ImportTransactionsRequest batch;
  int row_number = 2;
  for (const Row& row : rows) {
    v1::TransactionImportRow* out = batch.mutable_batch()->add_rows();
    out->set_row_number(row_number++);
    v1::Transaction* t = out->mutable_transaction();
    t->set_source_system("bench-src");
    t->set_transaction_id(row.id);
    t->set_type(row.type);
    t->set_transaction_date(row.date);
    t->set_account_id("bench-acc");
    t->set_product_id("bench-prd");
    t->set_amount(row.amount);
    t->set_currency("USD");
    t->set_owner_seller_id(kRep);
  }
  writer->Write(batch);
  writer->WritesDone();
  Check(writer->Finish(), "ImportTransactions");
}

void RunCalculation(itest::Stack& stack, const std::string& admin) {
  auto calc = v1::CalculationService::NewStub(stack.gateway_channel());
  v1::StartCalculationRunRequest start;
  start.set_period(kPeriod);
  start.set_request_id("bench-run");
  v1::CalculationRun run;
  Check(calc->StartCalculationRun(Context(admin).get(), start, &run), "StartCalculationRun");
  const bool ended = itest::PollUntil(std::chrono::seconds(120), [&] {
    v1::GetCalculationRunRequest get;
    get.set_name(run.name());
    return calc->GetCalculationRun(Context(admin).get(), get, &run).ok() &&
           run.state() != v1::CALCULATION_RUN_STATE_QUEUED &&
           run.state() != v1::CALCULATION_RUN_STATE_RUNNING;
  });
  if (!ended || run.state() != v1::CALCULATION_RUN_STATE_SUCCEEDED || !run.published()) {
    Die("the calculation run did not succeed and publish: " + run.DebugString());
  }
}

// ---- h2load ------------------------------------------------------------------------------

// A gRPC message on the wire: flag 0 (not compressed), 4-byte big-endian length, the bytes.
std::string GrpcFrame(const google::protobuf::Message& message) {
  const std::string bytes = message.SerializeAsString();
  std::string frame(5, '\0');
  for (int i = 0; i < 4; ++i)
    frame[1 + i] = static_cast<char>((bytes.size() >> (24 - 8 * i)) & 0xff);
  return frame + bytes;
}

// Writes `message` as one gRPC frame to `path` and checks the file decodes back to it.
void WriteBody(const std::string& path, const google::protobuf::Message& message) {
  {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << GrpcFrame(message);
    if (!file) Die("cannot write " + path);
  }
  const std::string frame = itest::ReadFile(path);
  size_t length = 0;
  for (int i = 1; i < 5 && i < static_cast<int>(frame.size()); ++i) {
    length = (length << 8) | static_cast<unsigned char>(frame[i]);
  }
  std::unique_ptr<google::protobuf::Message> decoded(message.New());
  if (frame.size() < 5 || frame[0] != 0 || length != frame.size() - 5 ||
      !decoded->ParseFromString(frame.substr(5)) ||
      decoded->SerializeAsString() != message.SerializeAsString()) {
    Die(path + " does not decode to the request");
  }
}

struct Call {
  std::string name;       // "hello", "statement", "bare"
  std::string path;       // the gRPC method path
  std::string body_file;  // GrpcFrame of the request
};

struct Pass {
  double qps = 0;
  double p50_ms = 0, p90_ms = 0, p99_ms = 0, max_ms = 0;
  // Redis commands that failed (50 ms timeout): those reads fell back to PostgreSQL.
  double cache_errors = 0;
  double near_hit_pct = 0;  // statement reads answered in process (near cache)
  // The machine's CPU (every core) busy with processes other than the stack's and h2load.
  double other_cpu_pct = 0;
  std::map<std::string, double> cpu_us;  // CPU microseconds per call, by process name
};

// "finished in 1.23s, 16260.16 req/s, 1.23MB/s" -> 16260.16
double FinishedQps(const std::string& output) {
  const size_t line = output.find("finished in ");
  const size_t comma = output.find(", ", line);
  const size_t unit = output.find(" req/s", comma);
  double qps = 0;
  if (line == std::string::npos || comma == std::string::npos || unit == std::string::npos ||
      !absl::SimpleAtod(output.substr(comma + 2, unit - comma - 2), &qps)) {
    Die("no \"finished in ..., N req/s\" line in h2load's output:\n" + output);
  }
  return qps;
}

// h2load --log-file rows: start (us since epoch), HTTP status, microseconds to the response's end.
void FillLatencies(const std::string& log_file, int requests, Pass* pass) {
  std::istringstream in(itest::ReadFile(log_file));
  std::vector<double> ms;
  long long start = 0;
  int status = 0;
  long long micros = 0;
  while (in >> start >> status >> micros) {
    if (status != 200) Die(absl::StrCat("h2load logged HTTP status ", status));
    ms.push_back(micros / 1000.0);
  }
  if (static_cast<int>(ms.size()) != requests) {
    Die(absl::StrCat("h2load logged ", ms.size(), " requests of ", requests));
  }
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) {
    return ms[std::min(ms.size() - 1, static_cast<size_t>(q * ms.size()))];
  };
  pass->p50_ms = at(0.50);
  pass->p90_ms = at(0.90);
  pass->p99_ms = at(0.99);
  pass->max_ms = ms.back();
}

// The gateway's grpc_status of every access-log line for `path` from byte `offset` on.
std::map<std::string, int> GrpcStatusesSince(const std::string& access_log, size_t offset,
                                             const std::string& path) {
  const std::string text = itest::ReadFile(access_log);
  std::istringstream in(text.substr(std::min(offset, text.size())));
  std::map<std::string, int> statuses;
  const std::string path_field = absl::StrCat("\"path\":\"", path, "\"");
  const std::string status_field = "\"grpc_status\":\"";
  for (std::string line; std::getline(in, line);) {
    if (line.find(path_field) == std::string::npos) continue;
    const size_t at = line.find(status_field);
    const size_t end = at == std::string::npos ? at : line.find('"', at + status_field.size());
    ++statuses[end == std::string::npos
                   ? "?"
                   : line.substr(at + status_field.size(), end - at - status_field.size())];
  }
  return statuses;
}

double CacheCount(itest::Stack& stack, const std::string& result) {
  return Value(itest::ScrapeCounter(stack.metrics_address("compensation"),
                                    "attain_cache_operations_total", {{"result", result}}),
               "scraping compensation's cache counters");
}

// Redis's count of `command`s served since it started ("cmdstat_mget:calls=N,..." in INFO
// commandstats; 0 before the first).
double RedisCalls(cache::RedisClient& redis, const std::string& command) {
  auto reply = redis.Command({"INFO", "commandstats"});
  if (!reply.ok() || reply->type != cache::RedisReply::Type::kString) {
    Die("INFO commandstats: " +
        (reply.ok() ? std::string("not a string reply") : reply.status().ToString()));
  }
  const std::string field = absl::StrCat("cmdstat_", command, ":calls=");
  const size_t at = reply->str.find(field);
  if (at == std::string::npos) return 0;
  const size_t start = at + field.size();
  double calls = 0;
  if (!absl::SimpleAtod(reply->str.substr(start, reply->str.find(',', start) - start), &calls)) {
    Die("INFO commandstats: cannot read " + field);
  }
  return calls;
}

class Driver {
 public:
  Driver(itest::Stack& stack, const Options& options, std::string token)
      : stack_(stack), options_(options), token_(std::move(token)) {
    cache::RedisOptions redis;
    redis.port = stack.redis_port();
    redis.connections = 1;
    redis.command_timeout = absl::Seconds(5);
    redis_ = std::make_unique<cache::RedisClient>(redis);
  }

  // One h2load pass of `requests` calls, checked call by call at the gateway (and at the
  // cache for statements).
  Pass Run(const Call& call, int requests) {
    const std::string access_log = stack_.root_dir() + "/gateway/logs/access.log";
    const size_t offset = itest::ReadFile(access_log).size();
    const double hits = CacheCount(stack_, "hit");
    const double near_hits = CacheCount(stack_, "near_hit");
    const double misses = CacheCount(stack_, "miss");
    const double errors = CacheCount(stack_, "error");
    const double mgets = RedisCalls(*redis_, "mget");
    const double gets = RedisCalls(*redis_, "get");
    const std::map<std::string, double> cpu_before = CpuByProcess();
    const MachineCpu machine_before = ReadMachineCpu();
    const std::string log_file = stack_.root_dir() + "/h2load-" + call.name + ".tsv";
    itest::ProcessSpec h2load;
    // As on a command line: h2load -n N -c C -m M -t 1 -d BODY -H ... URL.
    // clang-format off
    h2load.argv = {"h2load", "-n", std::to_string(requests),
                   "-c", std::to_string(options_.clients), "-m", std::to_string(options_.streams),
                   "-t", "1", "-d", call.body_file,
                   "-H", "content-type: application/grpc", "-H", "te: trailers",
                   "-H", "authorization: Bearer " + token_, "--log-file=" + log_file,
                   absl::StrCat("http://", stack_.gateway_address(), call.path)};
    // clang-format on
    h2load.log_path = stack_.root_dir() + "/h2load.log";
    std::remove(log_file.c_str());
    const std::string output =
        Value(itest::RunCommand(h2load, std::chrono::minutes(10)), "h2load " + call.name);
    Pass pass;
    const MachineCpu machine_after = ReadMachineCpu();
    double ours = 0;
    for (const auto& [name, seconds] : CpuByProcess()) {
      auto before = cpu_before.find(name);
      const double used = seconds - (before == cpu_before.end() ? 0 : before->second);
      if (used > 0) pass.cpu_us[name] = used * 1e6 / requests;
      ours += std::max(0.0, used);
    }
    const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    const double busy = (machine_after.busy - machine_before.busy) / ticks;
    const double total = (machine_after.total - machine_before.total) / ticks;
    pass.other_cpu_pct = total > 0 ? std::max(0.0, busy - ours) * 100 / total : 0;
    pass.qps = FinishedQps(output);
    if (output.find(absl::StrCat(requests, " succeeded, 0 failed, 0 errored, 0 timeout")) ==
        std::string::npos) {
      Die("h2load reports failures:\n" + output);
    }
    FillLatencies(log_file, requests, &pass);
    const std::map<std::string, int> statuses = GrpcStatusesSince(access_log, offset, call.path);
    if (statuses.size() != 1 || statuses.begin()->first != "0" ||
        statuses.begin()->second != requests) {
      std::string seen;
      for (const auto& [code, count] : statuses) absl::StrAppend(&seen, " ", code, "x", count);
      Die(absl::StrCat(call.name, ": the gateway logged grpc-status", seen, " for ", requests,
                       " calls"));
    }
    const double hit_delta = CacheCount(stack_, "hit") - hits;
    const double near_delta = CacheCount(stack_, "near_hit") - near_hits;
    const double miss_delta = CacheCount(stack_, "miss") - misses;
    const double error_delta = CacheCount(stack_, "error") - errors;
    // Two entries per statement read (the published run, the statement), each from the
    // process's near cache or from Redis.
    const double expected_hits = call.path == kStatementPath ? 2.0 * requests : 0;
    const double served = hit_delta + near_delta;
    pass.cache_errors = error_delta;
    pass.near_hit_pct = expected_hits > 0 ? near_delta * 100 / expected_hits : 0;
    if (miss_delta != 0 || served > expected_hits || (error_delta == 0 && served != expected_hits)) {
      Die(absl::StrCat(call.name, ": cache hits ", hit_delta, " + near hits ", near_delta,
                       " (expected ", expected_hits, "), misses ", miss_delta, ", errors ",
                       error_delta));
    }
    // One MGET per read that went to Redis; a timed-out MGET may or may not have reached it.
    const double expected_mgets = hit_delta / 2;
    const double mget_delta = RedisCalls(*redis_, "mget") - mgets;
    const double get_delta = RedisCalls(*redis_, "get") - gets;
    if (get_delta != 0 || mget_delta < expected_mgets || mget_delta > expected_mgets + error_delta) {
      Die(absl::StrCat(call.name, ": Redis served ", mget_delta, " MGET (expected ",
                       expected_mgets, ") and ", get_delta, " GET (expected 0)"));
    }
    return pass;
  }

 private:
  itest::Stack& stack_;
  const Options& options_;
  std::string token_;
  std::unique_ptr<cache::RedisClient> redis_;  // for INFO commandstats
};

// Medians of the passes by call, CPU per call by process, and the ratios.
void Report(const std::map<const Call*, std::vector<Pass>>& passes, const Call& hello,
            const Call& statement, const Call& bare) {
  auto median = [&](const Call& call, auto field) {
    std::vector<double> values;
    for (const Pass& pass : passes.at(&call)) values.push_back(field(pass));
    return Median(values);
  };
  auto qps = [](const Pass& pass) { return pass.qps; };
  std::printf("\n%-44s %10s %9s %9s %9s\n", "median of passes", "req/s", "p50 ms", "p90 ms",
              "p99 ms");
  for (const auto& [call, label] :
       {std::pair{&hello, "hello: CompensationService/GetServiceInfo"},
        std::pair{&statement, "statement: StatementService/GetStatement"},
        std::pair{&bare, "bare: WorkflowService/GetServiceInfo"}}) {
    std::printf("%-44s %10.0f %9.2f %9.2f %9.2f\n", label, median(*call, qps),
                median(*call, [](const Pass& p) { return p.p50_ms; }),
                median(*call, [](const Pass& p) { return p.p90_ms; }),
                median(*call, [](const Pass& p) { return p.p99_ms; }));
  }

  std::set<std::string> processes;
  for (const auto& [call, list] : passes) {
    for (const Pass& pass : list) {
      for (const auto& [name, us] : pass.cpu_us) processes.insert(name);
    }
  }
  std::printf("\nCPU microseconds per call (median of passes) %10s %10s %10s\n", "hello",
              "statement", "bare");
  for (const std::string& name : processes) {
    std::printf("  %-42s", name.c_str());
    for (const Call* call : {&hello, &statement, &bare}) {
      std::printf(" %10.0f", median(*call, [&](const Pass& p) {
                    auto it = p.cpu_us.find(name);
                    return it == p.cpu_us.end() ? 0.0 : it->second;
                  }));
    }
    std::printf("\n");
  }

  // Less sensitive to other work on the machine than req/s: what each call costs the whole
  // stack, so what the calls' throughputs would compare as if the stack had the CPUs alone.
  auto stack_cpu = [](const Pass& pass) {
    double total = 0;
    for (const auto& [name, us] : pass.cpu_us) total += us;
    return total;
  };
  std::printf("  %-42s %10.0f %10.0f %10.0f\n", "all of the above", median(hello, stack_cpu),
              median(statement, stack_cpu), median(bare, stack_cpu));

  std::printf("\nratio statement / hello throughput: %.2f\n",
              median(statement, qps) / median(hello, qps));
  std::printf("ratio statement / bare throughput:  %.2f (target >= 0.80)\n",
              median(statement, qps) / median(bare, qps));
  std::printf("ratio bare / statement CPU per call: %.2f\n",
              median(bare, stack_cpu) / median(statement, stack_cpu));
}

Options ParseArgs(int argc, char** argv) {
  Options options;
  const std::map<std::string, int*> numbers = {{"--requests", &options.requests},
                                               {"--warmup", &options.warmup},
                                               {"--clients", &options.clients},
                                               {"--streams", &options.streams},
                                               {"--repeat", &options.repeat}};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--keep") {
      options.keep = true;
    } else if (auto number = numbers.find(arg); number != numbers.end() && i + 1 < argc) {
      if (!absl::SimpleAtoi(argv[++i], number->second) || *number->second < 1) {
        Die(arg + " takes a whole number >= 1");
      }
    } else {
      Die("usage: compensation_statement_read_bench [--requests N] [--warmup N] [--clients C] "
          "[--streams M] [--repeat R] [--keep]");
    }
  }
  return options;
}

int Main(int argc, char** argv) {
  const Options options = ParseArgs(argc, argv);
  // render.sh reads it from the environment the harness passes on to it.
  setenv("GATEWAY_RATE_LIMIT_RPS", "1000000", 1);
  itest::Stack stack(itest::DefaultStackOptions());
  running_stack = &stack;
  if (absl::Status started = stack.Start(); !started.ok()) {
    Die(absl::StrCat("starting the stack: ", started.ToString(), "\n", stack.LogTails(20)));
  }
  const std::string admin = Value(stack.Token("bench-admin", {"admin"}), "signing a token");
  const std::string rep_token = Value(stack.Token(kRep, {"rep"}), "signing a token");
  CreateSellers(stack, admin);
  CreatePlan(stack, admin);
  ImportTransactions(stack, admin);
  RunCalculation(stack, admin);

  // One call of each with the real stubs and the rep's token: OK, and the statement is the
  // one worked out in calculation_test.cc (620.04 commission + 2 x 250 SPIF). This first read
  // also fills the cache.
  v1::GetStatementRequest statement_request;
  statement_request.set_seller_id(kRep);
  statement_request.set_period(kPeriod);
  v1::Statement statement;
  Check(v1::StatementService::NewStub(stack.gateway_channel())
            ->GetStatement(Context(rep_token).get(), statement_request, &statement),
        "GetStatement with the rep's token");
  if (statement.total() != "1120.04") Die("unexpected statement: " + statement.DebugString());
  v1::GetServiceInfoRequest hello_request;
  v1::GetServiceInfoResponse hello;
  Check(v1::CompensationService::NewStub(stack.gateway_channel())
            ->GetServiceInfo(Context(rep_token).get(), hello_request, &hello),
        "GetServiceInfo with the rep's token");
  workflow::v1::GetServiceInfoRequest bare_request;
  workflow::v1::GetServiceInfoResponse bare;
  Check(workflow::v1::WorkflowService::NewStub(stack.gateway_channel())
            ->GetServiceInfo(Context(rep_token).get(), bare_request, &bare),
        "WorkflowService.GetServiceInfo with the rep's token");

  const Call hello_call{"hello", kHelloPath, stack.root_dir() + "/hello.bin"};
  const Call statement_call{"statement", kStatementPath, stack.root_dir() + "/statement.bin"};
  const Call bare_call{"bare", kBarePath, stack.root_dir() + "/bare.bin"};
  WriteBody(hello_call.body_file, hello_request);
  WriteBody(statement_call.body_file, statement_request);
  WriteBody(bare_call.body_file, bare_request);

  std::printf(
      "compensation_statement_read_bench: h2load -n %d -c %d -m %d -t 1 through the "
      "gateway at %s; statement %zu bytes (GetStatement of sellers/%s, %s), warm-up "
      "%d calls each, %d alternating passes each\n",
      options.requests, options.clients, options.streams, stack.gateway_address().c_str(),
      statement.ByteSizeLong(), kRep, kPeriod, options.warmup, options.repeat);
  std::printf("load average before: %s\n", LoadAverage().c_str());
  Driver driver(stack, options, rep_token);
  driver.Run(hello_call, options.warmup);
  driver.Run(statement_call, options.warmup);
  driver.Run(bare_call, options.warmup);

  std::map<const Call*, std::vector<Pass>> passes;
  std::printf("\n%-6s %-10s %8s %8s %8s %8s %8s %10s %8s %10s   %s\n", "pass", "call", "req/s",
              "p50 ms", "p90 ms", "p99 ms", "max ms", "redis err", "near %", "other CPU",
              "load average after");
  for (int r = 0; r < options.repeat; ++r) {
    for (const Call* call : {&hello_call, &statement_call, &bare_call}) {
      const Pass pass = driver.Run(*call, options.requests);
      std::printf("%-6d %-10s %8.0f %8.2f %8.2f %8.2f %8.2f %10.0f %8.1f %9.0f%%   %s\n", r + 1,
                  call->name.c_str(), pass.qps, pass.p50_ms, pass.p90_ms, pass.p99_ms, pass.max_ms,
                  pass.cache_errors, pass.near_hit_pct, pass.other_cpu_pct, LoadAverage().c_str());
      std::fflush(stdout);
      passes[call].push_back(pass);
    }
  }

  Report(passes, hello_call, statement_call, bare_call);
  std::printf("load average after: %s\n", LoadAverage().c_str());

  const std::string root = stack.root_dir();
  running_stack = nullptr;
  for (const std::string& unclean : stack.Stop()) {
    std::printf("unclean stop: %s\n", unclean.c_str());
  }
  if (options.keep) {
    std::printf("kept %s\n", root.c_str());
  } else {
    itest::ProcessSpec remove;
    remove.argv = {"rm", "-rf", root};
    remove.log_path = "/dev/null";
    Value(itest::RunCommand(remove, std::chrono::minutes(1)), "removing " + root);
  }
  return 0;
}

}  // namespace
}  // namespace attain::compensation

int main(int argc, char** argv) { return attain::compensation::Main(argc, argv); }
