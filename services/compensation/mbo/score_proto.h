#pragma once
// MBO scores as the API and the outbox show them.

#include <string>
#include <vector>

#include "attain/compensation/v1/mbo.pb.h"
#include "services/compensation/store/mbo_store.h"

namespace attain::compensation::mbo {

// "periods/{period}/mboScores/{seller_id}/{component_id}"
std::string ScoreName(const store::MboScoreRow& score);

// Without history.
v1::MboScore ToProto(const store::MboScoreRow& score);
v1::MboScoreChange ToChange(const store::MboScoreRow& version);

// The payload of "compensation.mbo_scores.set": the request, its author and each score of one
// period it created or changed, with its new version.
std::string ScoresSetEvent(const std::string& request_id, const std::string& author,
                           const std::vector<store::MboScoreRow>& written);

}  // namespace attain::compensation::mbo
