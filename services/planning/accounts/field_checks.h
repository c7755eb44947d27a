#pragma once
// Field-level checks shared by the account, product and booking validators. Each problem
// becomes a FieldViolation named `prefix` + "." + the proto field ("account.country",
// "rows[12].amount"), so a request is rejected naming every bad field at once.

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/errors/errors.h"
#include "common/money/decimal.h"

namespace attain::planning::catalog {

// Letters, digits, '-', '_' and '.'; 1-64 characters (account, product and attribute ids).
bool IsValidId(const std::string& id);

class FieldChecker {
 public:
  FieldChecker(std::string prefix, std::vector<errors::FieldViolation>* out)
      : prefix_(std::move(prefix)), out_(out), before_(out->size()) {}

  void Add(const std::string& field, const std::string& description);
  // True when no violation was added since construction.
  bool Clean() const { return out_->size() == before_; }

  // A required id (IsValidId).
  std::string Id(const std::string& field, const std::string& text);
  // Trimmed text; `required` rejects empty, and anything longer than `max_length` is rejected.
  std::string Text(const std::string& field, const std::string& text, bool required,
                   size_t max_length);
  // An ISO-4217 code; empty is allowed unless `required`.
  std::string Currency(const std::string& field, const std::string& text, bool required);
  // Decimal text (at most six fractional digits); empty -> nullopt unless `required`.
  // `non_negative` rejects values below zero.
  std::optional<money::Decimal> Amount(const std::string& field, const std::string& text,
                                       bool required, bool non_negative);
  // A required calendar date YYYY-MM-DD.
  std::optional<absl::CivilDay> Day(const std::string& field, const std::string& text);

 private:
  std::string prefix_;
  std::vector<errors::FieldViolation>* out_;
  size_t before_;
};

// INVALID_ARGUMENT with at most the first 200 violations (a million bad rows would otherwise
// make a response larger than any client accepts).
absl::Status RejectFields(std::vector<errors::FieldViolation> violations);

// "<collection>/{id}" -> id; INVALID_ARGUMENT naming `field` otherwise.
absl::StatusOr<std::string> IdFromName(const std::string& name, const std::string& collection,
                                       const std::string& field);

}  // namespace attain::planning::catalog
