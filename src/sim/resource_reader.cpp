// SQL here is assembled from fixed fragments and the column names of the ResourceDef tables only;
// every value the caller sends is a bound parameter, never text in the statement.
#include "sim/resource_reader.hpp"

#include <fmt/format.h>

#include <deque>
#include <map>
#include <set>
#include <utility>

namespace pinbridge::sim {
namespace {

using nlohmann::json;
using store::Value;

constexpr std::string_view select_tags_sql =
    "SELECT name, context FROM application_tags WHERE application_id = $1 ORDER BY id";

struct Options {
  const std::set<std::string>* fields = nullptr;  // sparse fieldset of this type, if any
  std::set<std::string> extra;                    // extra fields asked for
};

Options options_for(const ResourceDef& def, const ListQuery& query) {
  Options options;
  if (auto it = query.fields.find(std::string(def.type)); it != query.fields.end())
    options.fields = &it->second;
  if (auto it = query.extra_fields.find(std::string(def.type)); it != query.extra_fields.end())
    options.extra = it->second;
  return options;
}

bool wanted(const Options& options, std::string_view name) {
  return options.fields == nullptr || options.fields->contains(std::string(name));
}

std::string select_columns(const ResourceDef& def) {
  std::string columns = "id";
  for (const auto& field : def.fields)
    if (field.kind != FieldKind::tags) columns += fmt::format(", {}", field.column);
  return columns;
}

json field_value(store::Connection& connection, const Field& field, const store::Row& row, std::size_t column,
                 std::int64_t id) {
  if (field.kind == FieldKind::tags) {
    json tags = json::array();
    for (const auto& tag : connection.query(select_tags_sql, {id}))
      tags.push_back({{"name", tag.text(0)}, {"context", tag.text(1)}});
    return tags;
  }
  if (row.is_null(column)) return nullptr;
  switch (field.kind) {
    case FieldKind::integer:
      return row.integer(column);
    case FieldKind::timestamp:
      return iso_time(row.integer(column));
    case FieldKind::json:
      return json::parse(row.text(column), nullptr, false);
    default:
      return row.text(column);
  }
}

json render(store::Connection& connection, const ResourceDef& def, const store::Row& row,
            const Options& options) {
  const std::int64_t id = row.integer(0);
  json attributes = json::object();
  std::size_t column = 1;
  for (const auto& field : def.fields) {
    const std::size_t at = field.kind == FieldKind::tags ? 0 : column++;
    if (field.extra && !options.extra.contains(std::string(field.attribute))) continue;
    if (!field.extra && !wanted(options, field.attribute)) continue;
    attributes[std::string(field.attribute)] = field_value(connection, field, row, at, id);
  }
  json relationships = json::object();
  for (const auto& rel : def.to_one)
    if (wanted(options, rel.name)) relationships[std::string(rel.name)] = {{"meta", {{"included", false}}}};
  for (const auto& rel : def.to_many)
    if (wanted(options, rel.name)) relationships[std::string(rel.name)] = {{"meta", {{"included", false}}}};
  return {{"id", std::to_string(id)},
          {"type", def.type},
          {"attributes", std::move(attributes)},
          {"relationships", std::move(relationships)}};
}

std::optional<store::Row> select_row(store::Connection& connection, const ResourceDef& def,
                                     std::int64_t company_id, std::int64_t id) {
  const auto sql =
      fmt::format("SELECT {} FROM {} WHERE company_id = $1 AND id = $2", select_columns(def), def.table);
  return connection.query_one(sql, {company_id, id});
}

// The resources a relationship points at, in order.
std::vector<store::Row> related_rows(store::Connection& connection, std::int64_t company_id,
                                     const ResourceDef& target, std::string_view column, std::int64_t key) {
  const auto sql = fmt::format("SELECT {} FROM {} WHERE company_id = $1 AND {} = $2 ORDER BY {}, id",
                               select_columns(target), target.table, column, target.order);
  return connection.query(sql, {company_id, key});
}

// include=a,b.c: side-loads each named relationship, and for a dotted path the relationships of
// the side-loaded resources in turn (b.c: the c of every b). Each resource appears once in
// "included", however many paths reach it; its relationship linkage is filled for every path.
class Includer {
 public:
  Includer(store::Connection& connection, std::int64_t company_id, const ListQuery& query)
      : connection_(connection), company_id_(company_id), query_(query) {}

  // invalid_input when a segment of an include path is not a relationship of the type it follows.
  static Result<void> check(const ResourceDef& def, const ListQuery& query) {
    for (const auto& path : query.include) {
      const ResourceDef* at = &def;
      for (const auto& segment : split(path, '.')) {
        const auto* target = at == nullptr ? nullptr : target_of(*at, segment);
        if (target == nullptr)
          return Error::invalid(fmt::format("{} is not a relationship of {}", path, def.type));
        at = target;
      }
    }
    return {};
  }

  // Fills the included relationships of resource (whose attributes come from row).
  void add(const ResourceDef& def, json& resource, const store::Row& row) {
    add_paths(def, resource, row, query_.include);
  }

  json take() {
    json out = json::array();
    for (auto& item : included_) out.push_back(std::move(item));
    return out;
  }

 private:
  static const ResourceDef* target_of(const ResourceDef& def, std::string_view name) {
    for (const auto& rel : def.to_one)
      if (rel.name == name) return find_resource(rel.type);
    for (const auto& rel : def.to_many)
      if (rel.name == name) return find_resource(rel.type);
    return nullptr;
  }

  // Groups paths by their first segment: {"job" -> {"stages"}} for "job.stages".
  static std::map<std::string, std::vector<std::string>> by_first(const std::vector<std::string>& paths) {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& path : paths) {
      const auto dot = path.find('.');
      auto& rest = out[path.substr(0, dot)];
      if (dot != std::string::npos) rest.push_back(path.substr(dot + 1));
    }
    return out;
  }

  void add_paths(const ResourceDef& def, json& resource, const store::Row& row,
                 const std::vector<std::string>& paths) {
    for (const auto& [name, rest] : by_first(paths)) {
      for (const auto& rel : def.to_one)
        if (rel.name == name) include_one(def, rel, resource, row, rest);
      for (const auto& rel : def.to_many)
        if (rel.name == name) include_many(def, rel, resource, row, rest);
    }
  }

  std::optional<std::int64_t> key_of(const ResourceDef& def, std::string_view attribute,
                                     const store::Row& row) {
    if (attribute == "id") return row.integer(0);
    std::size_t column = 1;
    for (const auto& field : def.fields) {
      if (field.kind == FieldKind::tags) continue;
      if (field.attribute == attribute) return row.optional_integer(column);
      ++column;
    }
    return std::nullopt;
  }

  // Adds the related resource to "included" once, then follows the rest of its paths from it.
  void push(const ResourceDef& target, const store::Row& row, const std::vector<std::string>& rest) {
    const std::pair<std::string, std::int64_t> id{std::string(target.type), row.integer(0)};
    auto [it, added] = index_.try_emplace(id, included_.size());
    if (added) included_.push_back(render(connection_, target, row, options_for(target, query_)));
    // a deque keeps references to its elements valid while the recursion appends
    if (!rest.empty()) add_paths(target, included_[it->second], row, rest);
  }

  void include_one(const ResourceDef& def, const ToOne& rel, json& resource, const store::Row& row,
                   const std::vector<std::string>& rest) {
    const auto* target = find_resource(rel.type);
    const auto key = key_of(def, rel.attribute, row);
    json data = nullptr;
    if (target != nullptr && key) {
      if (auto related = select_row(connection_, *target, company_id_, *key)) {
        data = {{"type", target->type}, {"id", std::to_string(*key)}};
        push(*target, *related, rest);
      }
    }
    resource["relationships"][std::string(rel.name)] = {{"data", data}};
  }

  void include_many(const ResourceDef& def, const ToMany& rel, json& resource, const store::Row& row,
                    const std::vector<std::string>& rest) {
    const auto* target = find_resource(rel.type);
    const auto key = key_of(def, rel.key_attribute, row);
    json data = json::array();
    if (target != nullptr && key) {
      for (const auto& related : related_rows(connection_, company_id_, *target, rel.target_column, *key)) {
        data.push_back({{"type", target->type}, {"id", std::to_string(related.integer(0))}});
        push(*target, related, rest);
      }
    }
    resource["relationships"][std::string(rel.name)] = {{"data", data}};
  }

  store::Connection& connection_;
  std::int64_t company_id_;
  const ListQuery& query_;
  std::deque<json> included_;
  std::map<std::pair<std::string, std::int64_t>, std::size_t> index_;
};

struct WhereClause {
  std::string sql;
  std::vector<Value> params;
};

Result<WhereClause> where_clause(const ResourceDef& def, std::int64_t company_id, const ListQuery& query) {
  WhereClause where{" WHERE company_id = $1", {Value{company_id}}};
  for (const auto& filter : query.filters) {
    const FilterColumn* column = nullptr;
    for (const auto& candidate : def.filters)
      if (candidate.name == filter.attribute) column = &candidate;
    if (column == nullptr)
      return Error::invalid(fmt::format("unknown filter {} for {}", filter.attribute, def.type));
    static const std::map<std::string, std::string_view> operators{
        {"eq", "="}, {"gt", ">"}, {"gte", ">="}, {"lt", "<"}, {"lte", "<="}};
    Value value{filter.value};
    if (column->kind == FieldKind::timestamp) {
      const auto at = parse_time(filter.value);
      if (!at) return Error::invalid(fmt::format("filter[{}] is not a valid time", filter.attribute));
      value = *at;
    } else if (column->kind == FieldKind::integer) {
      const auto id = id_from_text(filter.value);
      if (!id) return Error::invalid(fmt::format("filter[{}] must be an id", filter.attribute));
      value = *id;
    }
    where.params.push_back(std::move(value));
    where.sql += fmt::format(" AND {} {} ${}", column->column, operators.at(filter.op), where.params.size());
  }
  return where;
}

}  // namespace

Result<json> read_list(store::Connection& connection, std::int64_t company_id, const ResourceDef& def,
                       const ListQuery& query) {
  if (auto ok = Includer::check(def, query); !ok) return ok.error();
  auto where = where_clause(def, company_id, query);
  if (!where) return where.error();
  auto params = where->params;
  params.emplace_back(std::int64_t{query.page_size});
  params.emplace_back(std::int64_t{query.page_size} * (query.page_number - 1));
  const auto sql =
      fmt::format("SELECT {} FROM {}{} ORDER BY {} {}, id {} LIMIT ${} OFFSET ${}", select_columns(def),
                  def.table, where->sql, query.sort, query.descending ? "DESC" : "ASC",
                  query.descending ? "DESC" : "ASC", params.size() - 1, params.size());
  const Options options = options_for(def, query);
  Includer includer(connection, company_id, query);
  json data = json::array();
  for (const auto& row : connection.query(sql, params)) {
    data.push_back(render(connection, def, row, options));
    includer.add(def, data.back(), row);
  }
  json document{{"data", std::move(data)}, {"included", includer.take()}, {"meta", json::object()}};
  if (query.stats_total) {
    const auto count_sql = fmt::format("SELECT COUNT(*) FROM {}{}", def.table, where->sql);
    const auto count = connection.query(count_sql, where->params).at(0).integer(0);
    document["meta"]["stats"] = {{"total", {{"count", count}}}};
  }
  return document;
}

Result<json> read_one(store::Connection& connection, std::int64_t company_id, const ResourceDef& def,
                      std::int64_t id, const ListQuery& query) {
  if (auto ok = Includer::check(def, query); !ok) return ok.error();
  const auto row = select_row(connection, def, company_id, id);
  if (!row) return Error::not_found("Record not found");
  Includer includer(connection, company_id, query);
  json resource = render(connection, def, *row, options_for(def, query));
  includer.add(def, resource, *row);
  return json{{"data", std::move(resource)}, {"included", includer.take()}, {"meta", json::object()}};
}

std::optional<json> load_resource(store::Connection& connection, std::int64_t company_id,
                                  const ResourceDef& def, std::int64_t id) {
  const auto row = select_row(connection, def, company_id, id);
  if (!row) return std::nullopt;
  return render(connection, def, *row, Options{});
}

}  // namespace pinbridge::sim
