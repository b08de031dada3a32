// Inline markdown dropped from the text as it is written, and table rows written as a browser's
// copy of a row is (see markdown_text.hpp).
#include <algorithm>
#include <cctype>

#include "src/read/markdown_text.hpp"
#include "src/text.hpp"

namespace xxgk::markdown {
namespace {

bool is_ascii_punctuation(char c) {
  return std::ispunct(static_cast<unsigned char>(c)) != 0;
}

bool is_blank_byte(char c) {
  return c == ' ' || c == '\t';
}

// The length of a `<br>`, `<br/>` or `<br />` tag at doc[i] (any case), or 0.
std::size_t line_break_tag(std::string_view doc, std::size_t i, std::size_t end) {
  if (end - i < 4 || doc[i] != '<' || (doc[i + 1] | 0x20) != 'b' || (doc[i + 2] | 0x20) != 'r') return 0;
  std::size_t j = i + 3;
  while (j < end && is_blank_byte(doc[j])) ++j;
  if (j < end && doc[j] == '/') ++j;
  return j < end && doc[j] == '>' ? j + 1 - i : 0;
}

// The first of `chars` at or after a position in doc[0, end), or end. Asked for positions that
// never decrease (as a pass along the text asks), it looks at each byte once: the scans for the
// ends of links stay linear in a line of a million `[`.
class NextOf {
 public:
  NextOf(std::string_view doc, std::size_t end, std::string_view chars) : doc_(doc.substr(0, end)), chars_(chars) {}
  std::size_t operator()(std::size_t from) {
    if (!scanned_ || found_ < from) found_ = std::min(doc_.find_first_of(chars_, from), doc_.size());
    scanned_ = true;
    return found_;
  }

 private:
  std::string_view doc_, chars_;
  bool scanned_ = false;
  std::size_t found_ = 0;
};

// A link `[text](url)` starting at doc[i] == '[': the offsets of its `]` and of the `)` that ends
// it, or {0, 0}. The text holds no bracket and the url no blank, as converters write them.
struct LinkScan {
  LinkScan(std::string_view doc, std::size_t end)
      : end_(end), close_(doc, end, "]"), open_(doc, end, "["), url_end_(doc, end, ") \t"), doc_(doc) {}
  std::pair<std::size_t, std::size_t> at(std::size_t i) {
    const std::size_t close = close_(i + 1);
    if (close + 1 >= end_ || doc_[close + 1] != '(' || open_(i + 1) < close) return {0, 0};
    const std::size_t url_end = url_end_(close + 2);
    return url_end < end_ && doc_[url_end] == ')' ? std::pair{close, url_end}
                                                  : std::pair<std::size_t, std::size_t>{0, 0};
  }

 private:
  std::size_t end_;
  NextOf close_, open_, url_end_;
  std::string_view doc_;
};

// The single `*` that open and close emphasis in doc[begin, end): pairs, the opening one before
// a non-blank, the closing one after one. A lone `*` (a footnote mark) stays.
std::vector<std::size_t> emphasis_stars(std::string_view doc, std::size_t begin, std::size_t end) {
  std::vector<std::size_t> singles;
  for (std::size_t i = begin; i < end; ++i) {
    if (doc[i] == '\\') {
      ++i;
      continue;
    }
    if (doc[i] != '*') continue;
    std::size_t run = i;
    while (run < end && doc[run] == '*') ++run;
    if (run - i == 1) singles.push_back(i);
    i = run - 1;
  }
  std::vector<std::size_t> paired;
  for (std::size_t k = 0; k + 1 < singles.size(); k += 2) {
    const std::size_t open = singles[k], close = singles[k + 1];
    if (close > open + 1 && !is_blank_byte(doc[open + 1]) && !is_blank_byte(doc[close - 1])) {
      paired.push_back(open);
      paired.push_back(close);
    }
  }
  return paired;
}

// The character an HTML entity at doc[i] stands for, and its length: converters write `&nbsp;` in
// empty cells and `&lt;` for a `<` of the text. {"", 0} for anything else.
std::pair<std::string_view, std::size_t> entity_at(std::string_view doc, std::size_t i, std::size_t end) {
  static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
      {"&nbsp;", " "}, {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#124;", "|"}};
  for (const auto& [entity, character] : kEntities) {
    if (doc.substr(i, end - i).substr(0, entity.size()) == entity) return {character, entity.size()};
  }
  return {"", 0};
}

}  // namespace

std::vector<Line> lines_of(std::string_view doc) {
  std::vector<Line> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < doc.size(); ++i) {
    if (doc[i] != '\n' && doc[i] != '\r') continue;
    lines.push_back({start, i});
    if (doc[i] == '\r' && i + 1 < doc.size() && doc[i + 1] == '\n') ++i;
    start = i + 1;
  }
  if (start < doc.size()) lines.push_back({start, doc.size()});
  return lines;
}

bool is_blank(std::string_view doc, const Line& line) {
  for (std::size_t i = line.begin; i < line.end; ++i) {
    if (!is_blank_byte(doc[i])) return false;
  }
  return true;
}

void trim_blanks(std::string_view doc, std::size_t& begin, std::size_t& end) {
  while (begin < end && is_blank_byte(doc[begin])) ++begin;
  while (end > begin && is_blank_byte(doc[end - 1])) --end;
}

bool is_ascii_word(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

void write_inline(std::string_view doc, std::size_t begin, std::size_t end, bool in_cell, Writer& out) {
  const std::vector<std::size_t> stars = emphasis_stars(doc, begin, end);
  LinkScan links(doc, end);
  std::vector<std::size_t> link_ends;  // the `]` of each link being written, with its `)` after it
  std::vector<std::size_t> link_closes;
  for (std::size_t i = begin; i < end;) {
    const char c = doc[i];
    if (c == '\\') {
      if (i + 1 < end && is_ascii_punctuation(doc[i + 1])) {  // an escaped character: itself
        out.copy(doc, i + 1, i + 2);
        i += 2;
        continue;
      }
      if (i + 1 == end || is_blank_byte(doc[i + 1])) {  // a hard line break: a blank where it was
        if (!in_cell) out.put(' ', i);
        ++i;
        continue;
      }
    }
    if (c == '*' || c == '_') {
      std::size_t run = i;
      while (run < end && doc[run] == c) ++run;
      if (run - i >= 2 || std::binary_search(stars.begin(), stars.end(), i)) {  // strong, emphasis
        i = run - i >= 2 ? run : i + 1;
        continue;
      }
    }
    if (const std::size_t tag = line_break_tag(doc, i, end); tag > 0) {
      if (!in_cell) {
        out.end_line(i);
      } else if (!out.text.empty() && is_ascii_word(out.text.back()) && i + tag < end && is_ascii_word(doc[i + tag])) {
        out.put(' ', i);
      }
      i += tag;
      continue;
    }
    if ((c == '[' || (c == '!' && i + 1 < end && doc[i + 1] == '[')) && link_ends.empty()) {
      const std::size_t open = c == '[' ? i : i + 1;
      if (const auto [close, url_end] = links.at(open); close != 0) {
        link_ends.push_back(close);
        link_closes.push_back(url_end);
        i = open + 1;
        continue;
      }
    }
    if (!link_ends.empty() && i == link_ends.back()) {  // the url is not text
      i = link_closes.back() + 1;
      link_ends.pop_back();
      link_closes.pop_back();
      continue;
    }
    if (c == '&') {
      if (const auto [character, length] = entity_at(doc, i, end); length > 0) {
        for (const char byte : character) out.put(byte, i);
        i += length;
        continue;
      }
    }
    char32_t cp = 0;
    const std::size_t length = std::max<std::size_t>(decode_utf8(doc, i, cp), 1);
    out.copy(doc, i, std::min(end, i + length));
    i += length;
  }
}

void write_row(std::string_view doc, const std::vector<Cell>& cells, Writer& out, bool grid) {
  std::vector<Writer> texts(cells.size());
  bool any_text = false;
  for (std::size_t k = 0; k < cells.size(); ++k) {
    for (const Piece& piece : cells[k].pieces) {
      std::size_t begin = piece.begin, end = piece.end;
      trim_blanks(doc, begin, end);
      if (begin == end) continue;
      Writer text;
      if (grid) {  // no markup; `_` is the rule drawn where a blank was
        for (std::size_t i = begin; i < end; ++i) text.put(doc[i] == '_' ? ' ' : doc[i], i);
      } else {
        write_inline(doc, begin, end, true, text);
      }
      while (!text.text.empty() && text.text.back() == ' ') text.text.pop_back(), text.at.pop_back();
      const std::size_t blanks = std::min(text.text.find_first_not_of(' '), text.text.size());
      text.text.erase(0, blanks);
      text.at.erase(text.at.begin(), text.at.begin() + static_cast<long>(blanks));
      if (text.text.empty()) continue;
      if (!texts[k].text.empty() && is_ascii_word(texts[k].text.back()) && is_ascii_word(text.text.front())) {
        texts[k].put(' ', begin);
      }
      texts[k].text += text.text;
      texts[k].at.insert(texts[k].at.end(), text.at.begin(), text.at.end());
    }
    any_text |= !texts[k].text.empty();
  }
  if (!any_text) return;
  out.end_line(cells.front().at);
  for (std::size_t k = 0; k < cells.size(); ++k) {
    if (k > 0) {
      out.put('\t', texts[k - 1].text.empty() ? cells[k - 1].at
                    : texts[k].text.empty()   ? cells[k].at
                                              : texts[k].at.front());
    }
    out.text += texts[k].text;
    out.at.insert(out.at.end(), texts[k].at.begin(), texts[k].at.end());
  }
  out.put('\n', out.at.back());
}

}  // namespace xxgk::markdown
