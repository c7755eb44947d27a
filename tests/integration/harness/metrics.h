#pragma once
// Scraping a service's Prometheus endpoint with a minimal HTTP/1.0 client.

#include <map>
#include <string>

#include "absl/status/statusor.h"

namespace attain::itest {

// GET http://<host:port><path> over HTTP/1.0; the body of a 200 response.
absl::StatusOr<std::string> HttpGet(const std::string& host_port, const std::string& path);

// The sum of every sample of `metric` (exact name) whose labels include all of `labels`
// (other labels may be present). 0 when no series matches: a counter that has not been
// incremented yet is often not exported at all.
double SumSamples(const std::string& exposition, const std::string& metric,
                  const std::map<std::string, std::string>& labels);

// Scrapes http://<metrics_address>/metrics and returns SumSamples of it.
absl::StatusOr<double> ScrapeCounter(const std::string& metrics_address, const std::string& metric,
                                     const std::map<std::string, std::string>& labels);

}  // namespace attain::itest
