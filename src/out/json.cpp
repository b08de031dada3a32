// The AST as JSON (schema: docs/ast.schema.json) and the cell dump.
#include <cmath>
#include <cstdint>
#include <ostream>

#include "xxgk/output.hpp"

namespace xxgk {
namespace {

using json = nlohmann::ordered_json;

// Whole numbers print as integers (35, not 35.0); amounts keep their decimals.
json number_json(std::optional<double> v) {
  if (!v) return nullptr;
  if (*v == std::floor(*v) && std::fabs(*v) < 9007199254740992.0) return static_cast<std::int64_t>(*v);
  return *v;
}

// The place in a PDF or Word file, beside the line and column of the text read from it.
void put_place(json& j, const SourcePos& pos) {
  const DocumentPlace& p = pos.place;
  if (p.page != 0) {
    j["place"] = json{{"page", p.page}, {"x", std::round(p.x * 10) / 10}, {"y", std::round(p.y * 10) / 10}};
  } else if (p.table != 0) {
    j["place"] = json{{"table", p.table}, {"row", p.row}, {"cell", p.cell}};
  } else if (p.paragraph != 0) {
    j["place"] = json{{"paragraph", p.paragraph}};
  }
}

json cell_json(const Cell& c) {
  json j{{"key", c.key}, {"state", to_string(c.state)}, {"raw", c.raw}};
  j["value"] = number_json(c.value);
  if (!c.unit.empty()) j["unit"] = c.unit;
  j["line"] = c.pos.line;
  j["column"] = c.pos.column;
  put_place(j, c.pos);
  return j;
}

json row_json(const Row& r) {
  json cells = json::array();
  for (const Cell& c : r.cells) cells.push_back(cell_json(c));
  json j{{"key", r.key},
         {"canonical_label", r.canonical_label},
         {"written_label", r.written_label},
         {"line", r.pos.line},
         {"column", r.pos.column},
         {"cells", cells}};
  put_place(j, r.pos);
  return j;
}

json table_json(const Table& t) {
  if (!t.present) return nullptr;
  json rows = json::array();
  for (const Row& r : t.rows) rows.push_back(row_json(r));
  return json{{"line", t.pos.line}, {"column", t.pos.column}, {"rows", rows}};
}

json paragraphs_json(const std::vector<Paragraph>& ps) {
  json out = json::array();
  for (const Paragraph& p : ps) out.push_back(json{{"text", p.text}, {"line", p.pos.line}, {"column", p.pos.column}});
  return out;
}

}  // namespace

json to_json(const Report& r) {
  json sections = json::array();
  for (const Section& s : r.sections) {
    json subsections = json::array();
    for (const Subsection& sub : s.subsections) {
      subsections.push_back(json{{"title", sub.title}, {"line", sub.pos.line}, {"column", sub.pos.column}});
    }
    // 0 is no place in the regulated order (the pre-2019 section on fees): null, not a number.
    sections.push_back(json{{"number", s.number == 0 ? json(nullptr) : json(s.number)},
                            {"key", s.key},
                            {"heading", s.written_heading},
                            {"variant", s.variant.empty() ? json(nullptr) : json(s.variant)},
                            {"line", s.pos.line},
                            {"column", s.pos.column},
                            {"subsections", subsections},
                            {"prose", paragraphs_json(s.prose)}});
  }
  json unplaced = json::array();
  for (const Unplaced& u : r.unplaced) {
    unplaced.push_back(json{{"what", u.what}, {"text", u.text}, {"line", u.pos.line}, {"column", u.pos.column}});
  }
  json extraction = json::array();
  for (const ExtractionNote& n : r.extraction_notes) {
    extraction.push_back(json{{"rule", n.rule},
                              {"keys", n.keys},
                              {"written", n.written},
                              {"readings", n.readings},
                              {"line", n.pos.line},
                              {"column", n.pos.column}});
  }
  json subtotals = json::array();
  for (const Row& row : r.table3_subtotals) subtotals.push_back(row_json(row));
  return json{{"schema_version", kAstSchemaVersion},
              {"path", r.path},
              {"title", r.title},
              {"agency", r.agency},
              {"metadata", r.metadata.present ? json{{"title", r.metadata.title},
                                                     {"published", r.metadata.published},
                                                     {"source_url", r.metadata.source_url},
                                                     {"line", r.metadata.pos.line},
                                                     {"column", r.metadata.pos.column}}
                                              : json(nullptr)},
              {"year", r.year ? json(*r.year) : json(nullptr)},
              {"format_version", r.format_version.empty() ? json(nullptr) : json(r.format_version)},
              {"preamble", paragraphs_json(r.preamble)},
              {"sections", sections},
              {"tables", json{{"table2", table_json(r.table2)},
                              {"table3", table_json(r.table3)},
                              {"table4", table_json(r.table4)},
                              {"pre2019", table_json(r.pre2019)}}},
              {"table3_subtotals", subtotals},
              {"unplaced", unplaced},
              {"extraction", extraction}};
}

json to_json(const Finding& f, const std::string& file) {
  json j{{"file", file},
         {"rule", f.rule},
         {"severity", to_string(f.severity)},
         {"key", f.keys.empty() ? json(nullptr) : json(f.keys.front())},
         {"keys", f.keys},
         {"line", f.pos.line},
         {"column", f.pos.column},
         {"message", f.message}};
  j["value"] = number_json(f.value);
  j["expected"] = number_json(f.expected);
  put_place(j, f.pos);
  return j;
}

void write_cells(const Report& r, std::ostream& out) {
  for (const Table* t : r.tables()) {
    for (const Row& row : t->rows) {
      for (const Cell& c : row.cells) {
        out << c.key << '\t' << c.raw << '\t' << c.pos.line << ':' << c.pos.column;
        if (!c.pos.place.empty()) out << '\t' << describe_place(c.pos.place);
        out << '\n';
      }
    }
  }
}

}  // namespace xxgk
