// Findings printed like a compiler's: location, rule, key, message, the line and a caret.
#include <ostream>

#include <fmt/format.h>

#include "src/text.hpp"
#include "xxgk/output.hpp"

namespace xxgk {

std::string caret_line(std::string_view line, std::uint32_t column) {
  std::string out;
  std::uint32_t n = 1;
  for (const char32_t cp : code_points(line)) {
    if (n >= column) break;
    // A tab stays a tab so the caret lines up however the terminal expands it.
    if (cp == U'\t') {
      out.push_back('\t');
    } else {
      out.append(static_cast<std::size_t>(display_width(cp)), ' ');
    }
    ++n;
  }
  out.push_back('^');
  return out;
}

namespace {

// A line is quoted whole up to this many characters. A longer one (a web page's body is often one
// line of the HTML, a crawler's text one line of 3,000 characters) is quoted around the column,
// with … where it is cut.
constexpr std::uint32_t kQuotedBefore = 40;
constexpr std::uint32_t kQuotedAfter = 80;

}  // namespace

Quote quote_line(std::string_view line, std::uint32_t column) {
  const std::size_t count = code_point_count(line);
  if (count <= kQuotedBefore + kQuotedAfter) return {std::string(line), column};
  const std::uint32_t first = column > kQuotedBefore ? column - kQuotedBefore : 1;  // 1-based
  Quote quote{first > 1 ? "…" : "", column - first + 1 + (first > 1 ? 1 : 0)};
  std::size_t n = 1, i = 0;
  for (; i < line.size() && n < first + kQuotedBefore + kQuotedAfter; ++n) {
    std::size_t length = 1;
    while (i + length < line.size() && (static_cast<unsigned char>(line[i + length]) & 0xC0) == 0x80) ++length;
    if (n >= first) quote.line.append(line, i, length);
    i += length;
  }
  if (i < line.size()) quote.line += "…";
  return quote;
}

void write_diagnostic(const Finding& f, const Source& source, std::ostream& out) {
  // A PDF or Word file has no lines a person can go to: the place in the document is named, and the
  // line quoted below is of the text read from it.
  const std::string place = describe_place(f.pos.place);
  if (place.empty()) {
    out << fmt::format("{}:{}:{}: {}[{}]", source.name(), f.pos.line, f.pos.column, to_string(f.severity), f.rule);
  } else {
    out << fmt::format("{}: {}: {}[{}]", source.name(), place, to_string(f.severity), f.rule);
  }
  if (!f.keys.empty()) out << ' ' << f.keys.front() << ':';
  out << ' ' << f.message << '\n';
  const std::string_view line = source.original_line(f.pos.line);
  if (f.pos.line == 0 || line.empty()) return;
  const Quote quote = quote_line(line, f.pos.column);
  out << fmt::format("{:>5} | {}\n", f.pos.line, quote.line);
  out << "      | " << caret_line(quote.line, quote.column) << '\n';
}

}  // namespace xxgk
