#pragma once
// Reading a pasted list of candidates: one per line, as "Name, email", "Name <email>", or CSV rows
// (a "name,email" header row is skipped; quoted fields may hold commas). Pure, so tests can feed
// it bad input directly.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pinbridge::web {

inline constexpr std::size_t max_bulk_rows = 200;

struct BulkRow {
  std::size_t line = 0;  // 1-based line number in the pasted text
  std::string text;      // the line as pasted, trimmed
  std::string name;
  std::string email;
  std::string error;  // why the line could not be read; empty when name and email were found
};

struct BulkList {
  std::vector<BulkRow> rows;
  bool truncated = false;  // more than max_bulk_rows candidate lines: the rest were not read
};

BulkList parse_bulk(std::string_view text);

}  // namespace pinbridge::web
