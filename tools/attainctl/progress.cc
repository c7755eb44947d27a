#include "tools/attainctl/progress.h"

#include <iostream>

#include "absl/strings/str_cat.h"
#include "tools/attainctl/cli.h"

namespace attain::ctl {

std::string SendProgressText(int64_t sent, int64_t total, absl::Duration elapsed) {
  std::string text = absl::StrCat("sent ", sent, "/", total, " rows");
  const double seconds = absl::ToDoubleSeconds(elapsed);
  if (seconds > 0) absl::StrAppend(&text, ", ", static_cast<int64_t>(sent / seconds), " rows/s");
  return text;
}

SendProgress::SendProgress(int64_t total) : SendProgress(total, StderrIsTerminal()) {}

SendProgress::SendProgress(int64_t total, bool enabled) : total_(total), enabled_(enabled) {}

void SendProgress::Update(int64_t sent) {
  if (!enabled_) return;
  // The trailing spaces clear what a longer earlier line left behind.
  std::cerr << "\r" << SendProgressText(sent, total_, absl::Now() - start_) << "  " << std::flush;
  drawn_ = true;
}

void SendProgress::Finish() {
  if (drawn_) std::cerr << "\n";
  drawn_ = false;
}

}  // namespace attain::ctl
