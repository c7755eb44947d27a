#include "common/cache/near_cache.h"

#include <hiredis/hiredis.h>
#include <poll.h>

#include "absl/strings/str_cat.h"
#include "common/log/log.h"

namespace attain::cache {
namespace {

constexpr char kChannel[] = "__redis__:invalidate";

bool Readable(int fd, int timeout_ms) {
  pollfd p{fd, POLLIN, 0};
  return poll(&p, 1, timeout_ms) > 0 && (p.revents & (POLLIN | POLLHUP | POLLERR)) != 0;
}

}  // namespace

NearCache::NearCache(RedisClient* redis, RedisOptions options, size_t max_entries)
    : redis_(redis), options_(std::move(options)), max_entries_(max_entries) {
  loop_ = std::thread([this] { Loop(); });
}

NearCache::~NearCache() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  loop_.join();
  absl::MutexLock lock(&mu_);
  if (subscriber_ != nullptr) Break();
}

std::vector<std::optional<std::string>> NearCache::Find(const std::vector<std::string>& keys,
                                                        Token* token) {
  std::vector<std::optional<std::string>> out(keys.size());
  absl::MutexLock lock(&mu_);
  if (subscriber_ != nullptr) Drain();
  *token = Token{epoch_, subscriber_id_};
  if (subscriber_ == nullptr) return out;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (auto it = values_.find(keys[i]); it != values_.end()) out[i] = it->second;
  }
  return out;
}

void NearCache::Keep(const Token& token, int64_t tracked_to, const std::string& key,
                     std::string value) {
  absl::MutexLock lock(&mu_);
  if (subscriber_ != nullptr) Drain();
  if (subscriber_ == nullptr || token.subscriber != subscriber_id_ || tracked_to != subscriber_id_ ||
      token.epoch < flushed_at_ || token.epoch < remembered_from_) {
    return;
  }
  if (auto it = invalidated_.find(key); it != invalidated_.end() && it->second > token.epoch) return;
  if (values_.size() >= max_entries_ && !values_.contains(key)) values_.clear();
  values_[key] = std::move(value);
}

void NearCache::Drain() {
  while (subscriber_ != nullptr && Readable(subscriber_->fd, 0)) {
    if (redisBufferRead(subscriber_) != REDIS_OK) {
      log::Warn("near cache: the invalidation connection broke; local entries dropped",
                {{"error", std::string(subscriber_->errstr)}});
      Break();
      return;
    }
    void* reply = nullptr;
    while (redisGetReplyFromReader(subscriber_, &reply) == REDIS_OK && reply != nullptr) {
      Apply(reply);
      freeReplyObject(reply);
      reply = nullptr;
    }
    if (subscriber_->err != 0) {
      Break();
      return;
    }
  }
}

void NearCache::Apply(const void* raw) {
  const auto* reply = static_cast<const redisReply*>(raw);
  ++epoch_;
  // ["message", "__redis__:invalidate", [key, ...]]; a nil payload means every key (FLUSHALL).
  if (reply->type != REDIS_REPLY_ARRAY || reply->elements != 3) return;
  const redisReply* payload = reply->element[2];
  if (payload->type != REDIS_REPLY_ARRAY) {
    Flush();
    return;
  }
  for (size_t i = 0; i < payload->elements; ++i) {
    const redisReply* key = payload->element[i];
    if (key->type == REDIS_REPLY_STRING) Invalidated(std::string(key->str, key->len));
  }
}

void NearCache::Invalidated(std::string key) {
  values_.erase(key);
  invalidated_[key] = epoch_;
  order_.emplace_back(epoch_, std::move(key));
  if (order_.size() > kRemembered) {
    auto& [epoch, oldest] = order_.front();
    if (auto it = invalidated_.find(oldest); it != invalidated_.end() && it->second == epoch) {
      invalidated_.erase(it);
    }
    remembered_from_ = epoch;  // a read that started before this cannot be checked any more
    order_.pop_front();
  }
}

void NearCache::Flush() {
  values_.clear();
  invalidated_.clear();
  order_.clear();
  flushed_at_ = ++epoch_;
}

void NearCache::Break() {
  redisFree(subscriber_);
  subscriber_ = nullptr;
  subscriber_id_ = 0;
  Flush();
  redis_->SetTrackingRedirect(0);
}

redisContext* NearCache::Subscribe(int64_t* client_id) const {
  redisContext* ctx = redisConnectWithTimeout(options_.host.c_str(), options_.port,
                                              absl::ToTimeval(options_.connect_timeout));
  if (ctx == nullptr) return nullptr;
  auto fail = [&]() -> redisContext* {
    log::Debug("near cache: subscribing failed", {{"error", std::string(ctx->errstr)}});
    redisFree(ctx);
    return nullptr;
  };
  if (ctx->err != 0) return fail();
  redisSetTimeout(ctx, absl::ToTimeval(options_.command_timeout));
  auto* id = static_cast<redisReply*>(redisCommand(ctx, "CLIENT ID"));
  if (id == nullptr) return fail();
  const bool have_id = id->type == REDIS_REPLY_INTEGER;
  *client_id = have_id ? id->integer : 0;
  freeReplyObject(id);
  if (!have_id) return fail();
  auto* subscribed = static_cast<redisReply*>(redisCommand(ctx, "SUBSCRIBE %s", kChannel));
  if (subscribed == nullptr) return fail();
  const bool ok = subscribed->type == REDIS_REPLY_ARRAY;
  freeReplyObject(subscribed);
  if (!ok) return fail();
  return ctx;
}

void NearCache::Loop() {
  while (true) {
    int fd = -1;
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) return;
      if (subscriber_ == nullptr) {
        mu_.Unlock();
        int64_t id = 0;
        redisContext* ctx = Subscribe(&id);
        mu_.Lock();
        if (ctx != nullptr) {
          subscriber_ = ctx;
          subscriber_id_ = id;
          Flush();
          log::Info("near cache: subscribed to Redis's invalidations", {{"client_id", absl::StrCat(id)}});
          redis_->SetTrackingRedirect(id);
        } else {
          // Redis is down: try again after the backoff (a stop request wakes us early).
          mu_.AwaitWithTimeout(absl::Condition(&stopping_), options_.reconnect_backoff);
          continue;
        }
      }
      fd = subscriber_->fd;
    }
    // Wait for invalidations outside the lock; readers drain too, so whoever holds the lock
    // first applies them (a subscriber replaced meanwhile only makes this wake-up spurious).
    if (Readable(fd, 100)) {
      absl::MutexLock lock(&mu_);
      if (subscriber_ != nullptr) Drain();
    }
  }
}

}  // namespace attain::cache
