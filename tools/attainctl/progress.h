#pragma once
// The progress line of a bulk send on stderr ("sent 12000/50000 rows, 8100 rows/s"), redrawn
// in place; for people only, so nothing is written when stderr is not a terminal.

#include <cstdint>
#include <string>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace attain::ctl {

// "sent 12000/50000 rows, 8100 rows/s"; the rate is left out until time has passed.
std::string SendProgressText(int64_t sent, int64_t total, absl::Duration elapsed);

class SendProgress {
 public:
  // `enabled` defaults to whether stderr is a terminal.
  explicit SendProgress(int64_t total);
  SendProgress(int64_t total, bool enabled);

  // `sent` rows so far (a running total).
  void Update(int64_t sent);
  // Ends the line, once something was drawn.
  void Finish();

 private:
  int64_t total_;
  bool enabled_;
  bool drawn_ = false;
  absl::Time start_ = absl::Now();
};

}  // namespace attain::ctl
