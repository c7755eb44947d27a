#include "services/planning/quotas/batch_cache.h"

#include "absl/strings/str_cat.h"
#include "common/log/log.h"

namespace attain::planning::quotas {
namespace {

// Keys and values arrive as KEYS[i] / ARGV[i + 1]; ARGV[1] is the TTL in milliseconds.
constexpr char kSetManyScript[] =
    "for i = 1, #KEYS do redis.call('SET', KEYS[i], ARGV[i + 1], 'PX', ARGV[1]) end "
    "return #KEYS";
// Bounds one command's size; a larger batch is split.
constexpr size_t kChunk = 2000;

}  // namespace

std::vector<std::optional<std::string>> BatchCache::GetMany(const std::vector<std::string>& keys) {
  std::vector<std::optional<std::string>> out(keys.size());
  if (redis_ == nullptr) return out;
  for (size_t first = 0; first < keys.size(); first += kChunk) {
    const size_t last = std::min(keys.size(), first + kChunk);
    std::vector<std::string> args = {"MGET"};
    for (size_t i = first; i < last; ++i) args.push_back(cache_->FullKey(keys[i]));
    auto reply = redis_->Command(args);
    if (!reply.ok() || reply->type != cache::RedisReply::Type::kArray ||
        reply->elements.size() != last - first) {
      if (!reply.ok()) log::Warn("quota cache read failed", {{"error", std::string(reply.status().message())}});
      continue;
    }
    for (size_t i = first; i < last; ++i) {
      cache::RedisReply& element = reply->elements[i - first];
      if (element.type == cache::RedisReply::Type::kString) out[i] = std::move(element.str);
    }
  }
  return out;
}

void BatchCache::PutMany(const std::vector<std::pair<std::string, std::string>>& entries) {
  if (redis_ == nullptr) return;
  for (size_t first = 0; first < entries.size(); first += kChunk) {
    const size_t last = std::min(entries.size(), first + kChunk);
    std::vector<std::string> args = {"EVAL", kSetManyScript, absl::StrCat(last - first)};
    for (size_t i = first; i < last; ++i) args.push_back(cache_->FullKey(entries[i].first));
    args.push_back(absl::StrCat(absl::ToInt64Milliseconds(ttl_)));
    for (size_t i = first; i < last; ++i) args.push_back(entries[i].second);
    auto reply = redis_->Command(args);
    if (!reply.ok()) {
      log::Warn("quota cache fill failed", {{"error", std::string(reply.status().message())}});
      return;
    }
  }
}

}  // namespace attain::planning::quotas
