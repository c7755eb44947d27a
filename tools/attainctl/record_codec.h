#pragma once
// A CSV record format described as a table of columns, each knowing how to read its cell
// from a message and write it back. Import, export, `-o csv` and attain-datagen all use the
// one description, so the formats cannot drift apart.

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/errors/errors.h"

namespace attain::csv {

template <typename Message>
struct Column {
  std::string name;
  std::string help;
  std::function<std::string(const Message&)> get;
  // Sets the field from the (trimmed) cell; returns why the text is unusable, if it is.
  std::function<std::optional<std::string>(const std::string&, Message&)> set;
};

// A text column bound to a string field's getter and setter.
template <typename Message>
Column<Message> Text(std::string name, std::string help, const std::string& (Message::*get)() const,
                     void (Message::*set)(const std::string&)) {
  return {std::move(name), std::move(help), [get](const Message& m) { return (m.*get)(); },
          [set](const std::string& cell, Message& m) -> std::optional<std::string> {
            (m.*set)(cell);
            return std::nullopt;
          }};
}

template <typename Message>
class RecordCodec {
 public:
  RecordCodec(std::vector<Column<Message>> columns, std::string key_column)
      : columns_(std::move(columns)), key_column_(std::move(key_column)) {}

  const std::vector<Column<Message>>& columns() const { return columns_; }
  std::vector<std::string> Header() const {
    std::vector<std::string> names;
    for (const auto& column : columns_) names.push_back(column.name);
    return names;
  }
  std::vector<std::string> ToFields(const Message& message) const {
    std::vector<std::string> fields;
    for (const auto& column : columns_) fields.push_back(column.get(message));
    return fields;
  }
  const Column<Message>* Find(const std::string& name) const {
    for (const auto& column : columns_) {
      if (column.name == name) return &column;
    }
    return nullptr;
  }

  // Maps a header record to column positions; rejects unknown or repeated columns and a
  // missing key column.
  class Reader {
   public:
    // Fills `message` from `fields`; violations name the column ("employee_count").
    std::vector<errors::FieldViolation> Decode(const std::vector<std::string>& fields,
                                               Message& message) const {
      if (fields.size() != width_) {
        return {{"row", absl::StrCat("has ", fields.size(), " fields but the header has ", width_)}};
      }
      std::vector<errors::FieldViolation> violations;
      message.Clear();
      for (size_t i = 0; i < columns_.size(); ++i) {
        const std::string cell(absl::StripAsciiWhitespace(fields[i]));
        if (auto problem = columns_[i]->set(cell, message)) {
          violations.push_back({columns_[i]->name, *problem});
        }
      }
      return violations;
    }

   private:
    friend class RecordCodec;
    std::vector<const Column<Message>*> columns_;  // by position in the record
    size_t width_ = 0;
  };

  absl::StatusOr<Reader> ReaderFor(const std::vector<std::string>& header) const {
    Reader reader;
    reader.width_ = header.size();
    for (const std::string& raw : header) {
      const std::string name = absl::AsciiStrToLower(absl::StripAsciiWhitespace(raw));
      const Column<Message>* column = Find(name);
      if (column == nullptr) {
        return absl::InvalidArgumentError(absl::StrCat(
            "unknown column \"", raw, "\"; expected ", absl::StrJoin(Header(), ",")));
      }
      if (std::find(reader.columns_.begin(), reader.columns_.end(), column) != reader.columns_.end()) {
        return absl::InvalidArgumentError(absl::StrCat("repeated column ", name));
      }
      reader.columns_.push_back(column);
    }
    if (std::find(reader.columns_.begin(), reader.columns_.end(), Find(key_column_)) ==
        reader.columns_.end()) {
      return absl::InvalidArgumentError(absl::StrCat("the header row has no ", key_column_, " column"));
    }
    return reader;
  }

 private:
  std::vector<Column<Message>> columns_;
  std::string key_column_;
};

}  // namespace attain::csv
