#include "common/cache/redis.h"

#include <hiredis/hiredis.h>
#include <sys/time.h>

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
  for (int i = 0; i < std::max(1, options_.connections); ++i) {
    auto slot = std::make_unique<Slot>();
    slot->ctx = Connect();
    if (slot->ctx != nullptr) ++healthy_connections_;
    slots_.push_back(std::move(slot));
  }
  needs_reconnect_ = healthy_connections_.load() < static_cast<int>(slots_.size());
  reconnector_ = std::thread([this] { ReconnectLoop(); });
}

RedisClient::~RedisClient() {
  {
    std::lock_guard<std::mutex> lock(reconnect_mu_);
    stopping_ = true;
  }
  reconnect_cv_.notify_all();
  reconnector_.join();
  for (auto& slot : slots_) {
    std::lock_guard<std::mutex> lock(slot->mu);
    if (slot->ctx != nullptr) redisFree(slot->ctx);
  }
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

void RedisClient::MarkBroken(Slot& slot) {
  if (slot.ctx != nullptr) {
    redisFree(slot.ctx);
    slot.ctx = nullptr;
    --healthy_connections_;
  }
  {
    std::lock_guard<std::mutex> lock(reconnect_mu_);
    needs_reconnect_ = true;
  }
  reconnect_cv_.notify_all();
}

void RedisClient::ReconnectLoop() {
  std::unique_lock<std::mutex> lock(reconnect_mu_);
  while (!stopping_) {
    reconnect_cv_.wait(lock, [this] { return stopping_ || needs_reconnect_; });
    if (stopping_) break;
    needs_reconnect_ = false;
    lock.unlock();
    bool all_connected = true;
    for (auto& slot : slots_) {
      std::lock_guard<std::mutex> slot_lock(slot->mu);
      if (slot->ctx != nullptr) continue;
      slot->ctx = Connect();
      if (slot->ctx != nullptr) {
        ++healthy_connections_;
      } else {
        all_connected = false;
      }
    }
    lock.lock();
    if (!all_connected && !stopping_) {
      // Back off before the next attempt; a stop request wakes us early.
      reconnect_cv_.wait_for(lock, absl::ToChronoMilliseconds(options_.reconnect_backoff),
                             [this] { return stopping_; });
      needs_reconnect_ = true;
    }
  }
}

absl::StatusOr<RedisReply> RedisClient::Command(const std::vector<std::string>& args) {
  Slot& slot = *slots_[next_slot_.fetch_add(1) % slots_.size()];
  std::lock_guard<std::mutex> lock(slot.mu);
  if (slot.ctx == nullptr) return absl::UnavailableError("redis: not connected");
  std::vector<const char*> argv;
  std::vector<size_t> lengths;
  argv.reserve(args.size());
  lengths.reserve(args.size());
  for (const std::string& arg : args) {
    argv.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  auto* reply = static_cast<redisReply*>(
      redisCommandArgv(slot.ctx, static_cast<int>(args.size()), argv.data(), lengths.data()));
  if (reply == nullptr) {
    std::string reason = slot.ctx->errstr;
    MarkBroken(slot);
    return absl::UnavailableError(absl::StrCat("redis: ", reason));
  }
  std::unique_ptr<redisReply, void (*)(void*)> owned(reply, freeReplyObject);
  if (reply->type == REDIS_REPLY_ERROR) {
    return absl::InternalError(absl::StrCat("redis error: ", std::string(reply->str, reply->len)));
  }
  return Convert(reply);
}

}  // namespace attain::cache
