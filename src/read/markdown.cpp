// Markdown to the text the grammar reads: block structure (pipe tables, HTML tables, headings)
// here; inline markup and the writing of rows in markdown_inline.cpp.
#include "src/read/markdown.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <utility>

#include "src/read/html_text.hpp"
#include "src/read/html_tree.hpp"
#include "src/read/markdown_text.hpp"
#include "src/text.hpp"

namespace xxgk {
namespace {

using markdown::Line;
using markdown::Writer;

std::string_view text_of(std::string_view doc, const Line& line) {
  return doc.substr(line.begin, line.end - line.begin);
}

// The offsets of the `|` of doc[begin, end) that separate cells (not `\|`).
std::vector<std::size_t> cell_separators(std::string_view doc, std::size_t begin, std::size_t end) {
  std::vector<std::size_t> pipes;
  for (std::size_t i = begin; i < end; ++i) {
    if (doc[i] == '\\') {
      ++i;
    } else if (doc[i] == '|') {
      pipes.push_back(i);
    }
  }
  return pipes;
}

bool holds_pipe(std::string_view doc, const Line& line) {
  return !cell_separators(doc, line.begin, line.end).empty();
}

// A pipe table's delimiter row: cells of dashes with optional colons (`---|:---:|---:`), outer
// pipes optional; one column's is `---` alone.
bool is_delimiter_row(std::string_view doc, const Line& line) {
  std::size_t begin = line.begin, end = line.end;
  markdown::trim_blanks(doc, begin, end);
  if (begin == end) return false;
  if (doc[begin] == '|') ++begin;
  if (end > begin && doc[end - 1] == '|') --end;
  if (begin == end) return false;
  for (std::size_t from = begin; from <= end;) {
    std::size_t to = std::min(doc.substr(0, end).find('|', from), end);
    std::size_t b = from, e = to;
    markdown::trim_blanks(doc, b, e);
    if (b < e && doc[b] == ':') ++b;
    if (e > b && doc[e - 1] == ':') --e;
    if (b == e || !std::all_of(doc.begin() + static_cast<long>(b), doc.begin() + static_cast<long>(e),
                               [](char c) { return c == '-'; })) {
      return false;
    }
    from = to + 1;
  }
  return true;
}

// lines[i] is a pipe table's header: the delimiter row below it, and a `|` in one of the two or in
// the row after them (html2text writes a one-column header's delimiter as `---` alone).
bool starts_pipe_table(std::string_view doc, const std::vector<Line>& lines, std::size_t i) {
  if (i + 1 >= lines.size() || markdown::is_blank(doc, lines[i]) || !is_delimiter_row(doc, lines[i + 1])) return false;
  return holds_pipe(doc, lines[i]) || holds_pipe(doc, lines[i + 1]) ||
         (i + 2 < lines.size() && holds_pipe(doc, lines[i + 2]));
}

bool starts_html_table(std::string_view doc, const Line& line) {
  std::size_t begin = line.begin, end = line.end;
  markdown::trim_blanks(doc, begin, end);
  if (end - begin < 6 || doc[begin] != '<') return false;
  std::string tag(doc.substr(begin + 1, 5));
  std::transform(tag.begin(), tag.end(), tag.begin(), [](char c) { return static_cast<char>(c | 0x20); });
  return tag == "table" &&
         (end - begin == 6 || doc[begin + 6] == '>' || doc[begin + 6] == ' ' || doc[begin + 6] == '\t');
}

bool ends_html_table(std::string_view doc, const Line& line) {
  std::string lower(text_of(doc, line));
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) { return static_cast<char>(c | 0x20); });
  return lower.find("</table") != std::string::npos;
}

// The bytes of an ATX heading's marks at the start of a line (`## `), or 0.
std::size_t heading_marks(std::string_view doc, const Line& line) {
  std::size_t i = line.begin;
  while (i < line.end && i - line.begin < 3 && doc[i] == ' ') ++i;
  const std::size_t hashes = i;
  while (i < line.end && doc[i] == '#') ++i;
  if (i == hashes || i - hashes > 6 || (i < line.end && doc[i] != ' ' && doc[i] != '\t')) return 0;
  while (i < line.end && (doc[i] == ' ' || doc[i] == '\t')) ++i;
  return i - line.begin;
}

// A row of a pipe table: the cells between its `|`, the outer ones optional.
void write_pipe_row(std::string_view doc, const Line& line, Writer& out) {
  std::size_t begin = line.begin, end = line.end;
  markdown::trim_blanks(doc, begin, end);
  std::vector<std::size_t> pipes = cell_separators(doc, begin, end);
  if (!pipes.empty() && pipes.front() == begin) {
    ++begin;
    pipes.erase(pipes.begin());
  }
  if (!pipes.empty() && pipes.back() + 1 == end && end > begin) {
    --end;
    pipes.pop_back();
  }
  std::vector<markdown::Cell> cells;
  std::size_t from = begin;
  pipes.push_back(end);
  for (const std::size_t to : pipes) {
    cells.push_back({from, {{from, to}}});
    from = to + 1;
  }
  markdown::write_row(doc, cells, out);
}

// A table written as HTML, from the start of lines[first]: a browser's copy of it, each byte
// placed in the document (and a refusal of its markup placed there too).
void write_html_table(std::string_view doc, std::size_t first, std::size_t begin, std::size_t end, Writer& out) {
  html::PageText copy;
  try {
    copy = html::copy_text(html::parse_page(doc.substr(begin, end - begin)));
  } catch (const InputError& e) {
    const SourcePos pos = e.pos();
    throw InputError(e.what(), {pos.line + static_cast<std::uint32_t>(first), pos.column});
  }
  if (copy.text.empty()) return;
  out.end_line(begin);
  out.text += copy.text;
  for (const std::uint32_t at : copy.text_at) out.at.push_back(static_cast<std::uint32_t>(begin + at));
}

// A line of prose or a heading, without its marks.
void write_prose(std::string_view doc, const Line& line, Writer& out) {
  std::size_t begin = line.begin + heading_marks(doc, line), end = line.end;
  while (end > begin && (doc[end - 1] == ' ' || doc[end - 1] == '\t')) --end;  // `  `: a hard line break
  if (begin > line.begin) {  // a closing sequence of `#` after a blank
    const std::size_t e = end;
    std::size_t hashes = e;
    while (hashes > begin && doc[hashes - 1] == '#') --hashes;
    if (hashes < e && (hashes == begin || doc[hashes - 1] == ' ' || doc[hashes - 1] == '\t')) end = hashes;
    while (end > begin && (doc[end - 1] == ' ' || doc[end - 1] == '\t')) --end;
  }
  markdown::write_inline(doc, begin, end, false, out);
  out.put('\n', line.end);
}

}  // namespace

namespace {

// Whether a line starts, after blanks, with a byte that markdown's marks start with: `#` (a
// heading), `<` (an HTML table), or `|`, `:` or `-` (a pipe table's delimiter row). A text without
// one is no markdown, and is let go after a look at each line's first bytes instead of a list of
// its lines and a test of each (15 instructions a byte of every report read).
bool has_markdown_line_start(std::string_view doc) {
  for (std::size_t i = 0; i < doc.size();) {
    while (i < doc.size() && (doc[i] == ' ' || doc[i] == '\t')) ++i;
    if (i == doc.size()) break;
    const char c = doc[i];
    if (c == '#' || c == '<' || c == '|' || c == ':' || c == '-') return true;
    // The next line starts after the next LF or CR, as markdown::lines_of breaks lines.
    const char* begin = doc.data() + i;
    const std::size_t left = doc.size() - i;
    const void* lf = std::memchr(begin, '\n', left);
    const std::size_t to_lf = lf == nullptr ? left : static_cast<std::size_t>(static_cast<const char*>(lf) - begin);
    const void* cr = std::memchr(begin, '\r', to_lf);
    i += (cr == nullptr ? to_lf : static_cast<std::size_t>(static_cast<const char*>(cr) - begin)) + 1;
  }
  return false;
}

}  // namespace

bool looks_like_markdown(std::string_view utf8) {
  if (!has_markdown_line_start(utf8)) return false;
  const std::vector<Line> lines = markdown::lines_of(utf8);
  int headings = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (starts_pipe_table(utf8, lines, i) || starts_html_table(utf8, lines[i]) ||
        markdown::starts_grid_table(utf8, lines, i)) {
      return true;
    }
    if (heading_marks(utf8, lines[i]) > 0 && ++headings >= 2) return true;
  }
  return false;
}

ExtractedText read_markdown(std::string utf8, std::string encoding) {
  const std::string_view doc = utf8;
  std::vector<Line> lines = markdown::lines_of(doc);
  if (!lines.empty() && doc.substr(0, 3) == "\xEF\xBB\xBF") lines.front().begin = 3;
  Writer out;
  for (std::size_t i = 0; i < lines.size();) {
    if (starts_html_table(doc, lines[i])) {
      std::size_t last = i;
      while (last + 1 < lines.size() && !ends_html_table(doc, lines[last])) ++last;
      write_html_table(doc, i, lines[i].begin, lines[last].end, out);
      i = last + 1;
      continue;
    }
    if (markdown::starts_grid_table(doc, lines, i)) {
      i = markdown::write_grid_table(doc, lines, i, out);
      continue;
    }
    if (starts_pipe_table(doc, lines, i)) {
      write_pipe_row(doc, lines[i], out);
      // The body: every line up to a blank one (a line without `|` is a row of one cell).
      for (i += 2; i < lines.size() && !markdown::is_blank(doc, lines[i]) && !starts_html_table(doc, lines[i]); ++i) {
        write_pipe_row(doc, lines[i], out);
      }
      continue;
    }
    write_prose(doc, lines[i], out);
    ++i;
  }
  ExtractedText text;
  text.kind = "text";
  text.encoding = std::move(encoding);
  text.original_char = character_indexes(doc, out.at);
  text.text = std::move(out.text);
  text.original = std::move(utf8);
  return text;
}

}  // namespace xxgk
