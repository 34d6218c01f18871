#pragma once
// The resource types of the simulated API as data: their table, attributes, filters, relationships
// and permission category. The generic reader (resource_reader.hpp) serves every GET from these.
#include <span>
#include <string_view>
#include <vector>

namespace pinbridge::sim {

enum class FieldKind { text, integer, timestamp, json, tags };

struct Field {
  std::string_view attribute;
  std::string_view column;  // unused for tags
  FieldKind kind;
  bool extra = false;  // only with extra_fields[type]=attribute
};

// A filter name and the column it compares (filter[candidate_email] -> email).
struct FilterColumn {
  std::string_view name;
  std::string_view column;
  FieldKind kind;
};

struct ToOne {
  std::string_view name;       // relationship name, e.g. "job"
  std::string_view type;       // target resource type, e.g. "jobs"
  std::string_view attribute;  // the foreign key attribute holding the target id
};

// Rows of `type` whose target_column equals this resource's key_attribute ("id" for its own id).
struct ToMany {
  std::string_view name;
  std::string_view type;
  std::string_view key_attribute;
  std::string_view target_column;
};

struct ResourceDef {
  std::string_view type;  // plural, as in the URL and the resource objects
  std::string_view table;
  std::string_view category;  // the API key permission category
  std::vector<Field> fields;
  std::vector<FilterColumn> filters;
  std::vector<ToOne> to_one;
  std::vector<ToMany> to_many;
  std::string_view order = "id";  // default order of lists and of to-many relationships
  bool routable = true;           // false: reachable only through include (stages)
};

const ResourceDef* find_resource(std::string_view type);

}  // namespace pinbridge::sim
