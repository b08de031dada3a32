// The tables of a review page, drawn in the regulated layout from the key tables (keys.hpp): the
// blocks of 二 under their article items, the merged header and three-level taxonomy of 三, the
// grouped header of 四. Every regulated row is drawn, present or not, so a missing row or cell
// shows where it belongs; each cell says its state in words, not only by its colour.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "src/out/review_html.hpp"
#include "xxgk/keys.hpp"
#include "xxgk/output.hpp"

namespace xxgk::review {
namespace {

constexpr std::array<std::string_view, 6> kNumerals = {"一", "二", "三", "四", "五", "六"};

// The heading of a table: the title of the section it belongs to (二, 三, 四).
std::string table_heading(int section) {
  for (const auto& s : sections()) {
    if (s.number == section) return fmt::format("{}、{}", kNumerals[static_cast<std::size_t>(section - 1)], s.title);
  }
  return {};
}

std::string last_part(std::string_view key) {
  return std::string(key.substr(key.rfind('.') + 1));
}

class TableWriter {
 public:
  TableWriter(const Report& report, Marks& marks) : report_(report), marks_(marks) {
    for (const ExtractionNote& note : report.extraction_notes) {
      for (const std::string& key : note.keys) notes_[key] = &note;
    }
  }

  // A cell of the format: its value as written, its state in words, its marks. `cell` is null when
  // the document does not have it.
  std::string cell(const Cell* cell, const std::string& key, std::string_view column_label, int column,
                   int colspan = 1) {
    std::string state = cell == nullptr ? "absent" : std::string(to_string(cell->state));
    std::string shown = cell == nullptr ? "" : cell->raw;
    std::string tag;      // the state in a visible word; none for a plain number
    std::string meaning;  // the state in the cell's title and label
    if (cell == nullptr) {
      tag = "absent", meaning = "absent: the document has no such cell";
    } else if (cell->state == CellState::number) {
      const bool zero = cell->value && *cell->value == 0;
      meaning = zero ? "zero (0 written)" : "a number";
      if (zero) state = "zero";
    } else if (cell->state == CellState::blank) {
      tag = "blank", meaning = "blank: nothing written";
    } else if (cell->state == CellState::dash) {
      tag = "dash", meaning = "a dash written in place of a number";
    } else if (cell->state == CellState::slash) {
      tag = "slash", meaning = "a slash written in place of a number";
    } else if (cell->state == CellState::none) {
      tag = "none", meaning = "无 (none) written in place of a number";
    } else if (cell->state == CellState::unresolved) {
      tag = "unresolved", meaning = "unresolved (X2): several readings of the digits fit";
    } else {
      tag = "text", meaning = "text where a number belongs";
    }
    const auto note = notes_.find(key);
    if (note != notes_.end() && note->second->rule == "X1" && cell != nullptr && cell->state == CellState::number) {
      state = "resolved";
      tag = "X1";
      meaning += fmt::format(", resolved by X1: the row was written '{}', read as '{}'", note->second->written,
                             note->second->readings.empty() ? "" : note->second->readings.front());
    } else if (note != notes_.end() && note->second->rule == "X2") {
      meaning += fmt::format("; the row was written '{}'", note->second->written);
    }
    std::string position;
    if (cell != nullptr && cell->pos.line != 0) {
      position = fmt::format("{}:{}", cell->pos.line, cell->pos.column);
      if (const std::string place = describe_place(cell->pos.place); !place.empty()) position += ", " + place;
    }
    const std::string title =
        fmt::format("{} ({}): {}{}", key, column_label, shown.empty() ? "" : "'" + shown + "', ", meaning) +
        (position.empty() ? "" : "; at " + position);
    std::string out = fmt::format("<td{}", marks_.attributes(key, "v st-" + state));
    out += fmt::format(" data-col=\"{}\" data-state=\"{}\" data-pos=\"{}\" title=\"{}\"", column, state,
                       escape(position), escape(title));
    if (colspan > 1) out += fmt::format(" colspan=\"{}\"", colspan);
    out += fmt::format("><span class=\"raw\">{}</span>", escape(shown));
    if (!tag.empty()) out += fmt::format("<span class=\"tag\">{}</span>", tag);
    out += marks_.badges(key) + "</td>";
    return out;
  }

  // A row label: the regulated wording, with the document's own wording in its title when it
  // differs.
  std::string label(const std::string& key, std::string_view canonical, const Row* row, int colspan = 1,
                    int rowspan = 1, std::string_view classes = "label") {
    std::string out = fmt::format("<th scope=\"row\"{}", marks_.attributes(key, classes));
    if (colspan > 1) out += fmt::format(" colspan=\"{}\"", colspan);
    if (rowspan > 1) out += fmt::format(" rowspan=\"{}\"", rowspan);
    std::string title = key;
    if (row == nullptr) {
      title += ": the document has no such row";
    } else if (!row->written_label.empty() && without_spaces(row->written_label) != without_spaces(canonical)) {
      title += fmt::format(": written '{}'", row->written_label);
    }
    out += fmt::format(" title=\"{}\">{}{}</th>", escape(title), escape(canonical), marks_.badges(key));
    return out;
  }

  std::string table2() {
    const FormatVersion version = report_.table2_version == "2019" ? FormatVersion::v2019 : FormatVersion::v2021;
    std::size_t width = 0;  // value columns
    for (const auto& spec : table2_rows(version)) width = std::max(width, spec.columns.size());
    std::string out = open_section("table2", 2, "t2");
    bool first_header = true;
    for (const Table2Block& block : table2_blocks(version)) {
      out +=
          fmt::format("<tr><th colspan=\"{}\" class=\"article\">第二十条第({})项</th></tr>", width + 1, block.article);
      out += first_header ? fmt::format("<tr{}>", marks_.attributes("table2.header", "header")) : "<tr>";
      for (std::size_t i = 0; i < block.headers.size(); ++i) {
        const int span = i + 1 == block.headers.size() ? static_cast<int>(width + 1 - i) : 1;
        out += fmt::format("<th scope=\"col\"{}>{}{}</th>", span > 1 ? fmt::format(" colspan=\"{}\"", span) : "",
                           escape(block.headers[i]), first_header && i == 0 ? marks_.badges("table2.header") : "");
      }
      first_header = false;
      out += "</tr>";
      for (const std::string_view row_key : block.rows) {
        const RowSpec* spec = find_row(table2_rows(version), row_key);
        if (spec == nullptr) continue;
        const Row* row = report_.table2.row(row_key);
        out += "<tr>" + label("table2." + std::string(row_key), spec->label, row);
        for (std::size_t c = 0; c < spec->columns.size(); ++c) {
          const std::string key = fmt::format("table2.{}.{}", row_key, spec->columns[c]);
          const int span = c + 1 == spec->columns.size() ? static_cast<int>(width - c) : 1;
          const std::string_view header = c + 1 < block.headers.size() ? block.headers[c + 1] : spec->columns[c];
          out += cell(row == nullptr ? nullptr : row->cell(spec->columns[c]), key, header, static_cast<int>(c), span);
        }
        out += "</tr>";
      }
    }
    return out + "</table></section>";
  }

  std::string table3() {
    const FormatVersion version = report_.format_version == "2019" ? FormatVersion::v2019 : FormatVersion::v2021;
    const auto rows = table3_rows(version);
    std::map<std::string, const Row*, std::less<>> subtotals;
    for (const Row& row : report_.table3_subtotals) subtotals.emplace(row.key, &row);
    std::string out = open_section("table3", 3, "t3");
    out += fmt::format("<thead{}><tr><th rowspan=\"3\" colspan=\"3\" class=\"corner\">{}{}</th>",
                       marks_.attributes("table3.header", "header"), escape(kTable3CornerNote),
                       marks_.badges("table3.header"));
    out += fmt::format("<th colspan=\"7\" scope=\"colgroup\">{}</th></tr>", escape(kTable3ApplicantsLabel));
    out += fmt::format("<tr><th rowspan=\"2\" scope=\"col\">{}</th><th colspan=\"5\" scope=\"colgroup\">{}</th>",
                       kTable3ColumnLabels[0], kTable3OrganisationsLabel);
    out += fmt::format("<th rowspan=\"2\" scope=\"col\">{}</th></tr><tr>", kTable3ColumnLabels[6]);
    for (std::size_t c = 1; c < 6; ++c) out += fmt::format("<th scope=\"col\">{}</th>", kTable3ColumnLabels[c]);
    out += "</tr></thead><tbody>";
    // The groups of the taxonomy span the rows under them: 三、本年度办理结果 every row of level 1
    // and 2, (三)不予公开 and the others their items. A subtotal the document adds to a group
    // (not in the format; rule A4) is drawn as the group's first row.
    std::string_view group;
    bool in_results = false;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const RowSpec& spec = rows[i];
      out += "<tr>";
      std::string row_cells;
      if (spec.level >= 1 && !in_results) {
        in_results = true;
        std::size_t span = 0;
        std::set<std::string_view> groups;
        for (std::size_t j = i; j < rows.size() && rows[j].level >= 1; ++j, ++span) {
          if (!rows[j].group.empty()) groups.insert(rows[j].group);
        }
        for (const auto g : groups) span += subtotals.contains(g) ? 1 : 0;
        const auto results = subtotals.find("results");
        if (results != subtotals.end()) ++span;
        out += group_label("results", static_cast<int>(span));
        if (results != subtotals.end()) out += subtotal_row(*results->second, 2) + "</tr><tr>";
      }
      if (spec.level == 2 && spec.group != group) {
        group = spec.group;
        int span = 0;
        for (std::size_t j = i; j < rows.size() && rows[j].group == group; ++j) ++span;
        const auto sub = subtotals.find(group);
        out += group_label(group, span + (sub != subtotals.end() ? 1 : 0));
        if (sub != subtotals.end()) out += subtotal_row(*sub->second, 1) + "</tr><tr>";
      }
      if (spec.level != 2) group = {};
      const Row* row = report_.table3.row(spec.key);
      out += label("table3." + std::string(spec.key), spec.label, row, 3 - spec.level);
      for (std::size_t c = 0; c < kTable3Columns.size(); ++c) {
        out +=
            cell(row == nullptr ? nullptr : row->cell(kTable3Columns[c]),
                 fmt::format("table3.{}.{}", spec.key, kTable3Columns[c]), kTable3ColumnLabels[c], static_cast<int>(c));
      }
      out += "</tr>";
    }
    // Rows the document writes that this format's layout has not (2019's (六)其他处理 as one row in
    // a 2021 table: F6 says so) are drawn after it, so that every cell read is shown.
    for (const Row& row : report_.table3.rows) {
      if (find_row(rows, std::string_view(row.key)) != nullptr) continue;
      out += "<tr>" + label("table3." + row.key, row.canonical_label, &row, 3);
      for (std::size_t c = 0; c < kTable3Columns.size(); ++c) {
        out += cell(row.cell(kTable3Columns[c]), fmt::format("table3.{}.{}", row.key, kTable3Columns[c]),
                    kTable3ColumnLabels[c], static_cast<int>(c));
      }
      out += "</tr>";
    }
    return out + "</tbody></table></section>";
  }

  std::string table4() {
    std::string out = open_section("table4", 4, "t4");
    out += fmt::format("<thead{}><tr><th colspan=\"5\" scope=\"colgroup\"{}>{}{}{}</th>",
                       marks_.attributes("table4.header", "header"), group_attributes(kTable4Groups[0]),
                       escape(kTable4GroupLabels[0]), marks_.badges("table4.header"),
                       marks_.badges("table4." + std::string(kTable4Groups[0])));
    out += fmt::format("<th colspan=\"10\" scope=\"colgroup\">{}</th></tr><tr>", kTable4LitigationLabel);
    for (const auto column : kTable4ColumnLabels) out += fmt::format("<th rowspan=\"2\" scope=\"col\">{}</th>", column);
    for (std::size_t g = 1; g < kTable4Groups.size(); ++g) {
      out += fmt::format("<th colspan=\"5\" scope=\"colgroup\"{}>{}{}</th>", group_attributes(kTable4Groups[g]),
                         kTable4GroupLabels[g], marks_.badges("table4." + std::string(kTable4Groups[g])));
    }
    out += "</tr><tr>";
    for (std::size_t g = 1; g < kTable4Groups.size(); ++g) {
      for (const auto column : kTable4ColumnLabels) out += fmt::format("<th scope=\"col\">{}</th>", column);
    }
    out += "</tr></thead><tbody><tr>";
    int column = 0;
    for (const auto group : kTable4Groups) {
      for (std::size_t c = 0; c < kTable4Columns.size(); ++c) {
        out += cell(report_.table4.cell(group, kTable4Columns[c]),
                    fmt::format("table4.{}.{}", group, kTable4Columns[c]), kTable4ColumnLabels[c], column++);
      }
    }
    return out + "</tr></tbody></table></section>";
  }

  // A report before 2019: the statistics its prose states, one row each.
  std::string pre2019() {
    std::string out = fmt::format("<section class=\"table\"{}><h3>Statistics stated in the prose (before 2019){}</h3>",
                                  marks_.attributes("pre2019", "table"), marks_.badges("pre2019"));
    out += "<table class=\"pre2019\"><tbody>";
    for (const Row& row : report_.pre2019.rows) {
      for (const Cell& c : row.cells) {
        const std::string column = last_part(c.key);
        out += "<tr>" + label("pre2019." + row.key, row.canonical_label.empty() ? row.key : row.canonical_label, &row);
        out += fmt::format("<td class=\"column\">{}</td>", escape(column)) + cell(&c, std::string(c.key), column, 0) +
               "</tr>";
      }
    }
    return out + "</tbody></table></section>";
  }

 private:
  const Report& report_;
  Marks& marks_;
  std::map<std::string, const ExtractionNote*, std::less<>> notes_;

  static std::string without_spaces(std::string_view s) {
    std::string out;
    for (const char c : s) {
      if (c != ' ' && c != '\t') out += c;
    }
    return out;
  }

  std::string group_attributes(std::string_view group) {
    return marks_.attributes("table4." + std::string(group), "group");
  }

  std::string open_section(const std::string& key, int section, std::string_view table_class) {
    return fmt::format("<section class=\"table\"{}><h3>{}{}</h3><table class=\"{}\">", marks_.attributes(key, "table"),
                       escape(table_heading(section)), marks_.badges(key), table_class);
  }

  std::string group_label(std::string_view group_key, int rowspan) {
    for (const GroupSpec& g : table3_groups()) {
      if (g.key == group_key) {
        return label("table3." + std::string(g.key), g.label, nullptr, 1, rowspan, "label group");
      }
    }
    return {};
  }

  // Numbers the document put on a group label: drawn under the group, said to be its own.
  std::string subtotal_row(const Row& row, int colspan) {
    std::string out = fmt::format("<th scope=\"row\" colspan=\"{}\" class=\"label subtotal\" title=\"{}\">{}</th>",
                                  colspan, escape("written on the group's label: " + row.written_label),
                                  escape("subtotal written in the report (not in the format)"));
    for (std::size_t c = 0; c < kTable3Columns.size(); ++c) {
      const Cell* found = nullptr;
      for (const Cell& x : row.cells) {
        if (last_part(x.key) == kTable3Columns[c]) found = &x;
      }
      const std::string key =
          found != nullptr ? std::string(found->key) : fmt::format("table3.{}.subtotal.{}", row.key, kTable3Columns[c]);
      out += cell(found, key, kTable3ColumnLabels[c], static_cast<int>(c));
    }
    return out;
  }
};

}  // namespace

std::string tables_html(const Report& report, Marks& marks) {
  TableWriter writer(report, marks);
  if (report.format_version == "pre-2019") return writer.pre2019();
  return writer.table2() + writer.table3() + writer.table4();
}

}  // namespace xxgk::review
