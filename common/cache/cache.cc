#include "common/cache/cache.h"

#include <prometheus/counter.h>

#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "common/metrics/registry.h"

namespace attain::cache {
namespace {

struct CacheMetrics {
  prometheus::Family<prometheus::Counter>& family;
  prometheus::Counter& hits;
  prometheus::Counter& misses;
  prometheus::Counter& errors;
  prometheus::Counter& invalidations;
  prometheus::Counter& near_hits;
};

CacheMetrics& Metrics() {
  static CacheMetrics* metrics = [] {
    auto& family = prometheus::BuildCounter()
                       .Name("attain_cache_operations_total")
                       .Help("Cache-aside operations by result (hit, miss, error, invalidate)")
                       .Register(metrics::Registry());
    return new CacheMetrics{family, family.Add({{"result", "hit"}}),
                            family.Add({{"result", "miss"}}), family.Add({{"result", "error"}}),
                            family.Add({{"result", "invalidate"}}),
                            family.Add({{"result", "near_hit"}})};
  }();
  return *metrics;
}

}  // namespace

Cache::Cache(RedisClient* redis, std::string service, absl::Duration ttl)
    : redis_(redis), prefix_(absl::StrCat("attain:", service, ":")), ttl_(ttl) {
  Metrics();  // register the families up front so /metrics shows them at zero
}

std::optional<std::string> Cache::Get(const std::string& key) {
  if (redis_ == nullptr) return std::nullopt;
  auto reply = redis_->Command({"GET", FullKey(key)});
  if (!reply.ok()) {
    Metrics().errors.Increment();
    return std::nullopt;
  }
  if (reply->type != RedisReply::Type::kString) {
    Metrics().misses.Increment();
    return std::nullopt;
  }
  Metrics().hits.Increment();
  return std::move(reply->str);
}

std::vector<std::optional<std::string>> Cache::Mget(const std::vector<std::string>& full_keys,
                                                   int64_t* tracked_to) {
  std::vector<std::optional<std::string>> values(full_keys.size());
  std::vector<std::string> args = {"MGET"};
  args.insert(args.end(), full_keys.begin(), full_keys.end());
  auto reply = redis_->Command(args, tracked_to);
  if (!reply.ok() || reply->type != RedisReply::Type::kArray ||
      reply->elements.size() != full_keys.size()) {
    Metrics().errors.Increment();
    return values;
  }
  for (size_t i = 0; i < full_keys.size(); ++i) {
    RedisReply& element = reply->elements[i];
    if (element.type == RedisReply::Type::kString) {
      Metrics().hits.Increment();
      values[i] = std::move(element.str);
    } else {
      Metrics().misses.Increment();
    }
  }
  return values;
}

std::vector<std::string> Cache::FullKeys(const std::vector<std::string>& keys) const {
  std::vector<std::string> full;
  full.reserve(keys.size());
  for (const std::string& key : keys) full.push_back(FullKey(key));
  return full;
}

std::vector<std::optional<std::string>> Cache::GetMany(const std::vector<std::string>& keys) {
  if (redis_ == nullptr || keys.empty()) return std::vector<std::optional<std::string>>(keys.size());
  int64_t tracked_to = 0;
  return Mget(FullKeys(keys), &tracked_to);
}

void Cache::AllowNearCache(RedisOptions subscriber, size_t max_entries) {
  near_allowed_.emplace(std::move(subscriber), max_entries);
}

NearCache* Cache::Near() {
  if (redis_ == nullptr || !near_allowed_) return nullptr;
  absl::call_once(near_started_, [this] {
    near_ = std::make_unique<NearCache>(redis_, near_allowed_->first, near_allowed_->second);
  });
  return near_.get();
}

std::vector<std::optional<std::string>> Cache::GetManyNear(const std::vector<std::string>& keys) {
  NearCache* near = Near();
  if (near == nullptr || keys.empty()) return GetMany(keys);
  const std::vector<std::string> full = FullKeys(keys);
  NearCache::Token token;
  std::vector<std::optional<std::string>> values = near->Find(full, &token);
  bool all = true;
  for (const auto& value : values) all = all && value.has_value();
  if (all) {
    Metrics().near_hits.Increment(static_cast<double>(keys.size()));
    return values;
  }
  int64_t tracked_to = 0;
  values = Mget(full, &tracked_to);
  for (size_t i = 0; i < full.size(); ++i) {
    if (values[i]) near->Keep(token, tracked_to, full[i], *values[i]);
  }
  return values;
}

void Cache::Put(const std::string& key, const std::string& value) {
  if (redis_ == nullptr) return;
  auto reply = redis_->Command(
      {"SET", FullKey(key), value, "PX", absl::StrCat(absl::ToInt64Milliseconds(ttl_))});
  if (!reply.ok()) Metrics().errors.Increment();
}

void Cache::Invalidate(const std::vector<std::string>& keys) {
  if (redis_ == nullptr || keys.empty()) return;
  std::vector<std::string> args = {"DEL"};
  for (const std::string& key : keys) args.push_back(FullKey(key));
  auto reply = redis_->Command(args);
  if (!reply.ok()) {
    // The entry may survive until its TTL; count it so operators can see it.
    Metrics().errors.Increment();
    log::Warn("cache invalidation failed", {{"error", std::string(reply.status().message())}});
    return;
  }
  Metrics().invalidations.Increment(static_cast<double>(keys.size()));
}

absl::StatusOr<std::string> Cache::GetOrLoad(
    const std::string& key, const std::function<absl::StatusOr<std::string>()>& load) {
  if (auto cached = Get(key)) return *std::move(cached);
  auto loaded = load();
  if (loaded.ok()) Put(key, *loaded);
  return loaded;
}

}  // namespace attain::cache
