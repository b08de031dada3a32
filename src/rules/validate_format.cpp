// Format checks (F1–F8) and the layout-for-year check (Y2): what evaluators file under 格式不规范.
#include <algorithm>

#include "src/rules/findings.hpp"
#include "xxgk/keys.hpp"
#include "xxgk/validate.hpp"

namespace xxgk {
namespace {

void check_sections(const Report& r, std::vector<Finding>& out) {
  const SourcePos end_of_document = r.sections.empty() ? SourcePos{1, 1} : r.sections.back().pos;
  for (const auto& spec : sections()) {
    const bool present =
        std::any_of(r.sections.begin(), r.sections.end(), [&](const Section& s) { return s.key == spec.key; });
    if (!present) {
      out.push_back(make_finding("F1", {std::string("section.") + std::string(spec.key)},
                                 fmt::format("section {} ({}) is missing", spec.number, spec.title), end_of_document));
    }
  }
  int last = 0;
  for (const Section& s : r.sections) {
    const std::string key = "section." + s.key;
    if (s.number < 1 || static_cast<std::size_t>(s.number) > sections().size()) {
      // A pre-2019 heading (收费及减免, 复议诉讼) in a report laid out in a later format.
      out.push_back(
          make_finding("F2", {key},
                       fmt::format("heading '{}' is a wording of the format before 2019 and has no place in this one",
                                   s.written_heading),
                       s.pos));
      continue;
    }
    if (s.variant == "renamed") {
      out.push_back(make_finding(
          "F2", {key},
          fmt::format("heading '{}' is not a regulated wording; read as section {} ({})", s.written_heading, s.number,
                      sections()[static_cast<std::size_t>(s.number - 1)].title),
          s.pos));
    } else if (!s.variant.empty()) {
      out.push_back(make_finding("F2", {key},
                                 fmt::format("heading '{}' is a variant wording of {} (rule {})", s.written_heading,
                                             sections()[static_cast<std::size_t>(s.number - 1)].title, s.variant),
                                 s.pos));
    }
    if (s.arabic_numbering) {
      out.push_back(make_finding(
          "F2", {key}, fmt::format("heading '{}' is numbered with an arabic numeral, not 一–六", s.written_heading),
          s.pos));
    }
    if (s.written_number != 0 && s.written_number != s.number) {
      out.push_back(make_finding("F3", {key},
                                 fmt::format("heading '{}' carries number {} but is section {}", s.written_heading,
                                             s.written_number, s.number),
                                 s.pos));
    }
    if (s.number < last) {
      out.push_back(make_finding("F3", {key}, fmt::format("section {} comes after section {}", s.number, last), s.pos));
    }
    last = std::max(last, s.number);
  }
}

void check_title(const Report& r, std::vector<Finding>& out) {
  if (r.title.empty()) {
    out.push_back(make_finding("F8", {"title"}, "no title line (…年政府信息公开工作年度报告) was found", {1, 1}));
  } else if (r.title_after_first_section) {
    out.push_back(make_finding("F8", {"title"}, "the title stands after the first section heading", r.title_pos));
  }
}

// Tables, rows and cells of the format that the document does not have (a table cut off).
void check_completeness(const Report& r, std::vector<Finding>& out) {
  struct Expected {
    const Table& table;
    std::span<const RowSpec> rows;
    std::string_view name;
  };
  const SourcePos fallback = r.sections.empty() ? SourcePos{1, 1} : r.sections.back().pos;
  for (const Expected e :
       {Expected{r.table2, table2_rows(version_of(r)), "二"}, Expected{r.table3, table3_rows(version_of(r)), "三"}}) {
    if (!e.table.present) {
      out.push_back(make_finding("F6", {e.table.key}, fmt::format("the table of {} was not found", e.name), fallback));
      continue;
    }
    std::vector<std::string> missing;
    for (const auto& spec : e.rows) {
      if (e.table.row(spec.key) == nullptr) missing.push_back(e.table.key + "." + std::string(spec.key));
    }
    if (!missing.empty()) {
      const SourcePos at = e.table.rows.empty() ? e.table.pos : e.table.rows.back().pos;
      out.push_back(
          make_finding("F6", missing,
                       fmt::format("the table of {} lacks {} of its {} rows, first {} (cut off or not recognised)",
                                   e.name, missing.size(), e.rows.size(), missing.front()),
                       at));
    }
  }
  if (!r.table4.present) {
    out.push_back(make_finding("F6", {"table4"}, "the table of 四 was not found", fallback));
  } else {
    std::size_t cells = 0;
    for (const Row& row : r.table4.rows) cells += row.cells.size();
    if (cells < kTable4Groups.size() * kTable4Columns.size()) {
      out.push_back(
          make_finding("F6", {"table4"}, fmt::format("the table of 四 has {} of its 15 cells", cells), r.table4.pos));
    }
  }
}

void check_cells(const Report& r, std::vector<Finding>& out) {
  for (const Table* table : {&r.table2, &r.table3, &r.table4}) {
    for (const Row& row : table->rows) {
      for (const Cell& cell : row.cells) {
        if (cell.state == CellState::blank) {
          out.push_back(make_finding("F5", {std::string(cell.key)},
                                     fmt::format("{} is blank; the format asks for a number (0 for none)", cell.key),
                                     cell.pos));
        }
      }
    }
  }
}

// The table a duplicate row was written in. Its cells carry the table's key
// (`table2.regulations.issued`); a row without cells is looked up among the rows kept, since a
// row is a duplicate only when its table already holds one with its key.
std::string table_of(const Row& row, const Report& r) {
  if (!row.cells.empty()) {
    const std::string_view key = row.cells.front().key;
    return std::string(key.substr(0, key.find('.')));
  }
  for (const Table* table : {&r.table2, &r.table3, &r.table4}) {
    if (table->row(row.key) != nullptr) return table->key;
  }
  return r.table3.key;
}

void check_labels_and_placement(const Report& r, std::vector<Finding>& out) {
  for (const LabelNote& l : r.altered_labels) {
    const std::string message = l.written.empty()
                                    ? fmt::format("label '{}' is missing from {}", l.canonical, l.key)
                                    : fmt::format("label '{}' differs from the regulated '{}'", l.written, l.canonical);
    out.push_back(make_finding("F4", {l.key}, message, l.pos));
  }
  for (const Unplaced& u : r.unplaced) {
    out.push_back(make_finding("F7", {}, fmt::format("{}: '{}'", u.what, u.text), u.pos));
  }
  for (const Row& row : r.duplicate_rows) {
    out.push_back(make_finding("F7", {table_of(row, r) + "." + row.key},
                               fmt::format("row '{}' appears a second time; the first one is used", row.written_label),
                               row.pos));
  }
  for (const Cell& cell : r.extra_cells) {
    out.push_back(make_finding("F7", {std::string(cell.key)},
                               fmt::format("a cell more than the row has columns: '{}'", cell.raw), cell.pos));
  }
}

void check_extraction(const Report& r, std::vector<Finding>& out) {
  for (const ExtractionNote& n : r.extraction_notes) {
    std::string readings;
    for (const auto& reading : n.readings) readings += (readings.empty() ? "" : " | ") + reading;
    std::string message;
    if (n.rule == "X1") {
      message = fmt::format("the row was written '{}'; read as '{}', the only reading {}", n.written, readings,
                            n.by_rule ? "its totals accept" : "of its digits");
    } else if (n.apart && n.written.empty()) {
      message =
          "the row's numbers stand apart from its label, among the table's number paragraphs in an order the "
          "text does not show; cells left unresolved";
    } else if (n.apart) {
      message = fmt::format(
          "the numbers '{}' stand apart from the row's label, in an order the text does not show; no reading "
          "proves which are its, cells left unresolved",
          n.written);
    } else if (n.readings.empty()) {
      message =
          fmt::format("the row was written '{}'; too many ways to read it to tell, cells left unresolved", n.written);
    } else {
      message = fmt::format(
          "the row was written '{}'; {} readings fit its totals ({}), the cells they disagree on left unresolved",
          n.written, n.readings.size(), readings);
    }
    if (!n.broken_rule.empty()) {
      // A5–A7 without one group shown to be the broken one: reported as table 四's first rule.
      const std::string rule = n.broken_rule == "A5–A7" ? "A5" : n.broken_rule;
      out.push_back(make_finding(rule, n.keys,
                                 fmt::format("the row was written '{}' and no reading of its numbers keeps {}",
                                             n.written, n.broken_rule == "A1" ? "its total" : n.broken_rule),
                                 n.pos));
      continue;
    }
    out.push_back(make_finding(n.rule, n.keys, message, n.pos));
  }
}

void check_layout_year(const Report& r, std::vector<Finding>& out) {
  if (!r.year || r.format_version.empty()) return;
  const bool expects_2021 = *r.year >= 2021;
  if (expects_2021 != (r.format_version == "2021")) {
    out.push_back(make_finding("Y2", {"format_version"},
                               fmt::format("a report on {} should use the {} layout but uses the {} one", *r.year,
                                           expects_2021 ? "2021" : "2019", r.format_version),
                               r.title_pos));
  }
}

}  // namespace

void check_format(const Report& report, std::vector<Finding>& out) {
  check_sections(report, out);
  check_title(report, out);
  check_completeness(report, out);
  check_cells(report, out);
  check_labels_and_placement(report, out);
  check_layout_year(report, out);
  check_extraction(report, out);
}

}  // namespace xxgk
