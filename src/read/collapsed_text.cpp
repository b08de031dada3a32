// Re-breaking a crawler's collapsed text into lines, with the map back to the original kept.
// The section headings are found with the grammar's own rules (grammar/sections.hpp), so that the
// wordings accepted are the grammar's, not a second list.
#include "src/read/collapsed_text.hpp"

#include <algorithm>
#include <string_view>

#include "grammar/sections.hpp"
#include "src/text.hpp"
#include "xxgk/keys.hpp"

namespace xxgk {
namespace {

namespace g = grammar;
namespace pegtl = tao::pegtl;

// A section heading: a Chinese numeral, 、 and a wording the grammar knows.
struct heading_here
    : pegtl::seq<g::chinese_numeral, g::hspaces, pegtl::utf8::one<U'、'>, g::hspaces, g::known_section_title> {};

// The length of a section heading that starts at `at`, or 0.
std::size_t heading_at(std::string_view line, std::size_t at) {
  pegtl::memory_input<pegtl::tracking_mode::lazy> in(line.data() + at, line.data() + line.size(), "");
  if (!pegtl::parse<heading_here>(in)) return 0;
  return static_cast<std::size_t>(in.current() - (line.data() + at));
}

bool starts_with_at(std::string_view s, std::size_t at, std::string_view what) {
  return s.substr(at, what.size()) == what;
}

bool is_digit_at(std::string_view s, std::size_t at) {
  return at < s.size() && s[at] >= '0' && s[at] <= '9';
}

// The byte length of the text after `at` that is closest to a wording of a section title, when it
// differs by at most one character in eight (`政府信息公开行政法复议、行政诉讼情况`), else 0.
// Only in a line already shown to be collapsed: a heading worded a little differently has no end
// of line to show where it stops.
std::size_t near_wording_at(std::string_view line, std::size_t at, const std::vector<char32_t>& title) {
  const std::size_t most = title.size() + 2;
  std::vector<char32_t> text;
  std::vector<std::size_t> ends;  // byte offset after each character of text
  for (std::size_t i = at; i < line.size() && text.size() < most;) {
    char32_t cp = 0;
    const std::size_t length = decode_utf8(line, i, cp);
    if (length == 0) break;
    text.push_back(cp);
    i += length;
    ends.push_back(i);
  }
  const std::size_t allowed = std::max<std::size_t>(1, title.size() / 8);
  std::size_t best = allowed + 1, best_end = 0;
  for (std::size_t n = title.size() > 2 ? title.size() - 2 : 1; n <= text.size(); ++n) {
    const std::size_t d =
        edit_distance(std::vector<char32_t>(text.begin(), text.begin() + static_cast<long>(n)), title);
    if (d < best) best = d, best_end = ends[n - 1];
  }
  return best <= allowed ? best_end - at : 0;
}

// Each wording of a section title the grammar knows, with its section's number.
template <typename... Wordings>
std::vector<std::pair<int, std::vector<char32_t>>> wordings_of(const pegtl::sor<Wordings...>* /*unused*/) {
  std::vector<std::pair<int, std::vector<char32_t>>> out;
  const auto add = [&](LabelKey key, std::string_view words) {
    if (const SectionSpec* section = section_of(key)) out.emplace_back(section->number, code_points(words));
  };
  (add(Wordings::label_key, Wordings::words.view()), ...);
  return out;
}

const std::vector<std::pair<int, std::vector<char32_t>>>& section_wordings() {
  static const auto wordings = wordings_of(static_cast<const g::known_section_title*>(nullptr));
  return wordings;
}

std::size_t near_heading_at(std::string_view line, std::size_t at, int number) {
  std::size_t best_end = 0;
  for (const auto& [section, title] : section_wordings()) {
    if (section != number) continue;
    const std::size_t end = near_wording_at(line, at, title);
    if (end != 0 && (best_end == 0 || end < best_end)) best_end = end;
  }
  return best_end;
}

int numeral_at(std::string_view line, std::size_t at) {
  constexpr std::string_view numerals[] = {"一", "二", "三", "四", "五", "六"};
  for (int i = 0; i < 6; ++i) {
    if (starts_with_at(line, at, numerals[i])) return i + 1;
  }
  return 0;
}

// Section headings of one line: [start, end) byte ranges; with `near`, also headings worded close
// to their section's title.
std::vector<std::pair<std::size_t, std::size_t>> headings_of(std::string_view line, bool near) {
  constexpr std::string_view comma = "、";
  std::vector<std::pair<std::size_t, std::size_t>> found;
  for (std::size_t at = line.find(comma); at != std::string_view::npos; at = line.find(comma, at + comma.size())) {
    // The numeral is the character before the comma, blanks between allowed.
    std::size_t start = at;
    while (start > 0 && line[start - 1] == ' ') --start;
    if (start < 3) continue;
    start -= 3;  // every Chinese numeral is three bytes of UTF-8
    if (const std::size_t length = heading_at(line, start); length != 0) {
      found.emplace_back(start, start + length);
    } else if (const int number = numeral_at(line, start); near && number != 0) {
      std::size_t title_at = at + comma.size();
      while (title_at < line.size() && line[title_at] == ' ') ++title_at;
      if (const std::size_t near_length = near_heading_at(line, title_at, number); near_length != 0) {
        found.emplace_back(start, title_at + near_length);
      }
    }
  }
  return found;
}

// Closing marks that stay with the sentence they end (`。”`, `。)`).
std::size_t after_closing_marks(std::string_view line, std::size_t at) {
  for (;;) {
    if (at < line.size() && (line[at] == ')' || line[at] == ']')) {
      ++at;
    } else if (starts_with_at(line, at, "”") || starts_with_at(line, at, "’") || starts_with_at(line, at, "」") ||
               starts_with_at(line, at, "』")) {
      at += 3;
    } else {
      return at;
    }
  }
}

void breaks_of_line(std::string_view line, std::size_t line_start, std::vector<std::size_t>& breaks) {
  if (headings_of(line, false).size() < 2) return;
  const auto headings = headings_of(line, true);
  std::vector<std::size_t> cuts;
  for (const auto& [start, end] : headings) {
    cuts.push_back(start);
    cuts.push_back(end);
  }
  // A table's caption (`附表1`, tables set after the sections) is a line of its own, the table
  // after it another.
  constexpr std::string_view caption = "附表";
  for (std::size_t at = line.find(caption); at != std::string_view::npos; at = line.find(caption, at + 1)) {
    std::size_t end = at + caption.size();
    while (end < line.size() && line[end] == ' ') ++end;
    const std::size_t number = end;
    while (is_digit_at(line, end)) ++end;
    if (end == number && numeral_at(line, end) != 0) end += 3;
    cuts.push_back(at);
    cuts.push_back(end);
  }
  constexpr std::string_view full_stop = "。";
  int depth = 0;  // brackets open: a colon inside them (`(地址:…)`) introduces nothing
  auto next_heading = headings.begin();
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (next_heading != headings.end() && i >= next_heading->first) {
      depth = 0;  // a bracket left open before a heading does not reach past it
      ++next_heading;
    }
    const char c = line[i];
    if (c == '(') {
      ++depth;
    } else if (c == ')') {
      depth = std::max(0, depth - 1);
    } else if (starts_with_at(line, i, full_stop)) {
      cuts.push_back(after_closing_marks(line, i + full_stop.size()));
      depth = 0;
    } else if (c == ':' && depth == 0 && !(i > 0 && is_digit_at(line, i - 1) && is_digit_at(line, i + 1)) &&
               !(i + 1 < line.size() && line[i + 1] == '/')) {
      cuts.push_back(i + 1);  // not a time (16:29) nor an address (https://)
    }
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  for (const std::size_t cut : cuts) {
    // Blanks at a cut stay at the end of the line before; a cut at the line's ends breaks nothing.
    std::size_t at = cut;
    while (at < line.size() && line[at] == ' ') ++at;
    if (at == 0 || at >= line.size()) continue;
    if (breaks.empty() || breaks.back() != line_start + at) breaks.push_back(line_start + at);
  }
}

}  // namespace

std::vector<std::size_t> collapsed_line_breaks(const std::string& text) {
  // A line shorter than this holds no two sections of a report: it is not looked into.
  constexpr std::size_t min_collapsed_bytes = 200;
  std::vector<std::size_t> breaks;
  const std::string_view all(text);
  for (std::size_t start = 0; start < all.size();) {
    std::size_t end = all.find('\n', start);
    if (end == std::string_view::npos) end = all.size();
    if (end - start >= min_collapsed_bytes) breaks_of_line(all.substr(start, end - start), start, breaks);
    start = end + 1;
  }
  return breaks;
}

void insert_line_breaks(std::string& text, PositionMap& original_char, const std::vector<std::size_t>& breaks) {
  if (breaks.empty()) return;
  std::string broken;
  broken.reserve(text.size() + breaks.size());
  PositionMap::Builder map;
  map.reserve(text.size() + breaks.size());
  PositionMap::Reader old(original_char, text);
  std::size_t from = 0;
  for (const std::size_t at : breaks) {
    for (std::size_t i = from; i < at; ++i) map.push(static_cast<unsigned char>(text[i]), old.next());
    broken.append(text, from, at - from);
    broken.push_back('\n');
    map.push(static_cast<unsigned char>('\n'),
             original_char.at(text, at));  // the break stands where the next line starts
    from = at;
  }
  for (std::size_t i = from; i < text.size(); ++i) map.push(static_cast<unsigned char>(text[i]), old.next());
  broken.append(text, from, std::string::npos);
  original_char = std::move(map).finish(old.next());
  text = std::move(broken);
}

}  // namespace xxgk
