#include "web/invitation_bulk.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace pinbridge::web {
namespace {

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

// Splits a CSV-ish line on commas, semicolons or tabs outside double quotes; "" inside quotes is a quote.
std::vector<std::string> split_fields(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '"' && quoted && i + 1 < line.size() && line[i + 1] == '"') {
      fields.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && (c == ',' || c == ';' || c == '\t')) {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  for (auto& f : fields) f = trim(f);
  return fields;
}

bool is_header(const std::vector<std::string>& fields) {
  return fields.size() >= 2 && ascii_lower(fields[0]).find("name") != std::string::npos &&
         ascii_lower(fields[1]).find("email") != std::string::npos;
}

void read_row(BulkRow& row) {
  const auto open = row.text.rfind('<');
  if (open != std::string::npos && row.text.back() == '>') {
    row.name = trim(std::string_view(row.text).substr(0, open));
    row.email = trim(std::string_view(row.text).substr(open + 1, row.text.size() - open - 2));
    if (row.name.size() >= 2 && row.name.front() == '"' && row.name.back() == '"')
      row.name = trim(std::string_view(row.name).substr(1, row.name.size() - 2));
  } else {
    const auto fields = split_fields(row.text);
    if (fields.size() >= 2) {
      row.name = fields[0];
      row.email = fields[1];
    }
  }
  if (row.email.empty() || row.name.empty()) row.error = "Write \"Name, email\" or \"Name <email>\"";
}

}  // namespace

BulkList parse_bulk(std::string_view text) {
  BulkList list;
  std::size_t start = 0;
  for (std::size_t number = 1; start <= text.size(); ++number) {
    const auto end = std::min(text.find('\n', start), text.size());
    BulkRow row;
    row.line = number;
    row.text = trim(text.substr(start, end - start));
    start = end + 1;
    if (row.text.empty() || (list.rows.empty() && is_header(split_fields(row.text)))) continue;
    if (list.rows.size() == max_bulk_rows) {
      list.truncated = true;
      break;
    }
    read_row(row);
    list.rows.push_back(std::move(row));
  }
  return list;
}

}  // namespace pinbridge::web
