#include "common/cache/redis.h"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/log/log.h"

namespace attain::cache {
namespace {

timeval AsTimeval(absl::Duration d) { return absl::ToTimeval(d); }

RedisReply Convert(const redisReply* reply) {
  RedisReply out;
  switch (reply->type) {
    case REDIS_REPLY_STRING:
      out.type = RedisReply::Type::kString;
      out.str.assign(reply->str, reply->len);
      break;
    case REDIS_REPLY_STATUS:
      out.type = RedisReply::Type::kStatus;
      out.str.assign(reply->str, reply->len);
      break;
    case REDIS_REPLY_INTEGER:
      out.type = RedisReply::Type::kInteger;
      out.integer = reply->integer;
      break;
    case REDIS_REPLY_ARRAY:
      out.type = RedisReply::Type::kArray;
      for (size_t i = 0; i < reply->elements; ++i) {
        out.elements.push_back(Convert(reply->element[i]));
      }
      break;
    default:
      out.type = RedisReply::Type::kNil;
  }
  return out;
}

}  // namespace

absl::StatusOr<RedisOptions> ParseRedisAddress(const std::string& address) {
  RedisOptions options;
  size_t colon = address.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return absl::InvalidArgumentError(absl::StrCat("redis address must be host:port: ", address));
  }
  options.host = address.substr(0, colon);
  if (!absl::SimpleAtoi(address.substr(colon + 1), &options.port) || options.port <= 0 ||
      options.port > 65535) {
    return absl::InvalidArgumentError(absl::StrCat("redis address has a bad port: ", address));
  }
  return options;
}

RedisClient::RedisClient(RedisOptions options) : options_(std::move(options)) {
  const int size = std::max(1, options_.connections);
  absl::MutexLock lock(&mu_);
  for (int i = 0; i < size; ++i) {
    if (redisContext* ctx = Connect()) {
      idle_.push_back(ctx);
    } else {
      ++missing_;
    }
  }
  healthy_connections_ = static_cast<int>(idle_.size());
  reconnector_ = std::thread([this] { ReconnectLoop(); });
}

RedisClient::~RedisClient() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  reconnector_.join();
  absl::MutexLock lock(&mu_);
  for (redisContext* ctx : idle_) redisFree(ctx);
  idle_.clear();
}

redisContext* RedisClient::Connect() const {
  redisContext* ctx =
      redisConnectWithTimeout(options_.host.c_str(), options_.port,
                              AsTimeval(options_.connect_timeout));
  if (ctx == nullptr) return nullptr;
  if (ctx->err != 0) {
    redisFree(ctx);
    return nullptr;
  }
  redisSetTimeout(ctx, AsTimeval(options_.command_timeout));
  return ctx;
}

redisContext* RedisClient::Borrow() {
  absl::MutexLock lock(&mu_);
  // A borrowed connection comes back within the command timeout (or a blocking command's
  // own bound), so the wait is short; with none alive there is nothing to wait for.
  auto can_take = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return !idle_.empty() || borrowed_ == 0;
  };
  mu_.Await(absl::Condition(&can_take));
  if (idle_.empty()) return nullptr;
  redisContext* ctx = idle_.back();
  idle_.pop_back();
  ++borrowed_;
  return ctx;
}

void RedisClient::Return(redisContext* ctx, bool broken) {
  if (broken) redisFree(ctx);
  absl::MutexLock lock(&mu_);
  --borrowed_;
  if (broken) {
    tracked_.erase(ctx);
    ++missing_;
    --healthy_connections_;
  } else {
    idle_.push_back(ctx);
  }
}

void RedisClient::ReconnectLoop() {
  mu_.Lock();
  while (true) {
    auto work = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_ || missing_ > 0; };
    mu_.Await(absl::Condition(&work));
    if (stopping_) break;
    const int wanted = missing_;
    mu_.Unlock();
    std::vector<redisContext*> opened;
    for (int i = 0; i < wanted; ++i) {
      redisContext* ctx = Connect();
      if (ctx == nullptr) break;  // Redis is still down: back off
      opened.push_back(ctx);
    }
    mu_.Lock();
    for (redisContext* ctx : opened) idle_.push_back(ctx);
    missing_ -= static_cast<int>(opened.size());
    healthy_connections_ += static_cast<int>(opened.size());
    if (missing_ > 0) {
      // Back off before the next attempt; a stop request wakes us early.
      mu_.AwaitWithTimeout(absl::Condition(&stopping_), options_.reconnect_backoff);
    }
  }
  mu_.Unlock();
}

void RedisClient::SetTrackingRedirect(int64_t client_id) {
  absl::MutexLock lock(&mu_);
  tracking_redirect_ = client_id;
}

namespace {

// One command on `ctx`; null with ctx->errstr set when the connection failed.
redisReply* Run(redisContext* ctx, const std::vector<std::string>& args) {
  std::vector<const char*> argv;
  std::vector<size_t> lengths;
  argv.reserve(args.size());
  lengths.reserve(args.size());
  for (const std::string& arg : args) {
    argv.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  return static_cast<redisReply*>(
      redisCommandArgv(ctx, static_cast<int>(args.size()), argv.data(), lengths.data()));
}

// Points `ctx`'s tracking at `to` (0: off), from `from`. False when the connection failed or
// Redis refused.
bool Retrack(redisContext* ctx, int64_t from, int64_t to) {
  // Tracking that is on is turned off first: its redirect cannot be changed in place.
  if (from != 0) {
    redisReply* off = Run(ctx, {"CLIENT", "TRACKING", "off"});
    if (off == nullptr) return false;
    const bool ok = off->type != REDIS_REPLY_ERROR;
    freeReplyObject(off);
    if (!ok) return false;
  }
  if (to == 0) return true;
  redisReply* on = Run(ctx, {"CLIENT", "TRACKING", "on", "REDIRECT", absl::StrCat(to)});
  if (on == nullptr) return false;
  const bool ok = on->type != REDIS_REPLY_ERROR;
  freeReplyObject(on);
  return ok;
}

}  // namespace

absl::StatusOr<RedisReply> RedisClient::Command(const std::vector<std::string>& args) {
  int64_t tracked_to = 0;
  return Command(args, &tracked_to);
}

absl::StatusOr<RedisReply> RedisClient::Command(const std::vector<std::string>& args,
                                                int64_t* tracked_to) {
  *tracked_to = 0;
  redisContext* ctx = Borrow();
  if (ctx == nullptr) return absl::UnavailableError("redis: not connected");
  int64_t have = 0, want = 0;
  {
    absl::MutexLock lock(&mu_);
    want = tracking_redirect_;
    if (auto it = tracked_.find(ctx); it != tracked_.end()) have = it->second;
  }
  if (have != want) {
    if (!Retrack(ctx, have, want)) {
      std::string reason = ctx->err != 0 ? ctx->errstr : "CLIENT TRACKING refused";
      Return(ctx, /*broken=*/true);
      return absl::UnavailableError(absl::StrCat("redis: ", reason));
    }
    absl::MutexLock lock(&mu_);
    tracked_[ctx] = want;
  }
  auto* reply = Run(ctx, args);
  if (reply == nullptr) {
    std::string reason = ctx->errstr;
    Return(ctx, /*broken=*/true);
    return absl::UnavailableError(absl::StrCat("redis: ", reason));
  }
  Return(ctx, /*broken=*/false);
  *tracked_to = want;
  std::unique_ptr<redisReply, void (*)(void*)> owned(reply, freeReplyObject);
  if (reply->type == REDIS_REPLY_ERROR) {
    return absl::InternalError(absl::StrCat("redis error: ", std::string(reply->str, reply->len)));
  }
  return Convert(reply);
}

}  // namespace attain::cache
