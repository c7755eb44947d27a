#include "services/compensation/mbo/score_proto.h"

#include <google/protobuf/util/time_util.h>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"

namespace attain::compensation::mbo {

using google::protobuf::util::TimeUtil;

std::string ScoreName(const store::MboScoreRow& score) {
  return absl::StrCat("periods/", score.period, "/mboScores/", score.seller_id, "/",
                      score.component_id);
}

v1::MboScore ToProto(const store::MboScoreRow& score) {
  v1::MboScore out;
  out.set_name(ScoreName(score));
  out.set_period(score.period);
  out.set_seller_id(score.seller_id);
  out.set_component_id(score.component_id);
  out.set_score(score.score.ToString());
  out.set_comment(score.comment);
  out.set_author(score.author);
  *out.mutable_update_time() = TimeUtil::MicrosecondsToTimestamp(score.update_time_micros);
  out.set_version(score.version);
  return out;
}

v1::MboScoreChange ToChange(const store::MboScoreRow& version) {
  v1::MboScoreChange out;
  out.set_version(version.version);
  out.set_score(version.score.ToString());
  out.set_comment(version.comment);
  out.set_author(version.author);
  *out.mutable_change_time() = TimeUtil::MicrosecondsToTimestamp(version.update_time_micros);
  return out;
}

std::string ScoresSetEvent(const std::string& request_id, const std::string& author,
                           const std::vector<store::MboScoreRow>& written) {
  nlohmann::json scores = nlohmann::json::array();
  for (const store::MboScoreRow& score : written) {
    scores.push_back({{"name", ScoreName(score)},
                      {"period", score.period},
                      {"seller_id", score.seller_id},
                      {"component_id", score.component_id},
                      {"score", score.score.ToString()},
                      {"version", score.version}});
  }
  nlohmann::json event = {{"period", written.empty() ? "" : written.front().period},
                           {"request_id", request_id},
                           {"author", author},
                           {"scores", std::move(scores)}};
  return event.dump();
}

}  // namespace attain::compensation::mbo
