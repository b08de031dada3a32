#include "src/lower/label_match.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "grammar/common.hpp"
#include "src/text.hpp"

namespace xxgk {
namespace {

// Quotation marks are written in many ways or dropped (`危及"三安全一稳定"`), as the grammar's
// labels allow (grammar/common.hpp): they are not compared.
bool is_quote(char32_t c) {
  // Every mark the grammar counts is `"`, `'` or in U+2000–U+203F or U+3000–U+303F (three bytes, the
  // second 0x80): other characters, nearly all of a label, are not encoded to be asked.
  if (c != U'"' && c != U'\'' && (c < 0x2000 || c > 0x303F)) return false;
  std::string utf8;
  append_utf8(utf8, c);
  return grammar::detail::is_quote(utf8);
}
std::vector<char32_t> comparable(std::string_view text) {
  std::vector<char32_t> out = code_points(text);
  std::erase_if(out, is_quote);
  return out;
}

// The characters of table 三's wordings, each with a small number: a text is turned into those
// numbers once, and its characters that no wording has are dropped (they match nothing, so no
// common subsequence changes), before it is compared with every wording.
using Letters = std::vector<std::uint16_t>;
const std::vector<char32_t>& alphabet() {
  static const std::vector<char32_t> all = [] {
    std::vector<char32_t> out;
    for (const LabelWording& w : table3_label_wordings()) {
      for (const char32_t c : comparable(w.words)) out.push_back(c);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }();
  return all;
}
// The letter of each code point of the Basic Multilingual Plane, looked up directly: windows of
// hundreds of characters around each row are turned into letters, and a search of the alphabet
// for each character was most of that. (Characters past the plane are searched for.)
constexpr std::uint16_t kNoLetter = 0xFFFF;
const std::vector<std::uint16_t>& plane_letters() {
  static const std::vector<std::uint16_t> letters = [] {
    std::vector<std::uint16_t> out(0x10000, kNoLetter);
    const std::vector<char32_t>& all = alphabet();
    for (std::size_t k = 0; k < all.size() && k < kNoLetter; ++k) {
      if (all[k] < out.size()) out[all[k]] = static_cast<std::uint16_t>(k);
    }
    return out;
  }();
  return letters;
}
Letters letters_of(std::span<const char32_t> text) {
  const std::vector<char32_t>& all = alphabet();
  const std::vector<std::uint16_t>& plane = plane_letters();
  Letters out;
  out.reserve(text.size());
  for (const char32_t c : text) {
    if (c < plane.size()) {
      if (plane[c] != kNoLetter) out.push_back(plane[c]);
      continue;
    }
    const auto at = std::lower_bound(all.begin(), all.end(), c);
    if (at != all.end() && *at == c) out.push_back(static_cast<std::uint16_t>(at - all.begin()));
  }
  return out;
}

// The wordings of table 三's label rules, decoded once, with what the bit-parallel subsequence
// count needs: for each letter, the positions where it stands in the wording, as bits.
struct DecodedWording {
  const LabelWording* wording;
  std::vector<char32_t> characters;
  Letters letters;
  std::vector<std::uint64_t> positions;  // by letter
};
const std::vector<DecodedWording>& decoded_wordings() {
  static const std::vector<DecodedWording> decoded = [] {
    std::vector<DecodedWording> out;
    for (const LabelWording& w : table3_label_wordings()) {
      DecodedWording d{&w, comparable(w.words), {}, std::vector<std::uint64_t>(alphabet().size(), 0)};
      d.letters = letters_of(d.characters);
      for (std::size_t i = 0; i < d.letters.size() && i < 64; ++i) d.positions[d.letters[i]] |= std::uint64_t{1} << i;
      out.push_back(std::move(d));
    }
    return out;
  }();
  return decoded;
}

bool close_enough(std::size_t edits, std::size_t length) {
  return edits * kLabelCharactersPerEdit <= length;
}

// Longest common subsequence of a wording and a text (as letters). Windows around a row of a
// table cut by page breaks run to hundreds of characters and every wording is compared with each,
// so for a wording of at most 64 characters a column of the table is one machine word (Hyyrö's
// bit-parallel form of the dynamic programme: a zero bit is a character of the wording matched).
std::size_t common_subsequence(const DecodedWording& w, const Letters& b) {
  const std::size_t m = w.letters.size();
  if (m <= 64) {
    std::uint64_t v = ~std::uint64_t{0};
    for (const std::uint16_t y : b) {
      const std::uint64_t u = v & w.positions[y];
      v = (v + u) | (v - u);
    }
    const std::uint64_t used = m == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << m) - 1;
    return static_cast<std::size_t>(std::popcount(~v & used));
  }
  std::vector<std::size_t> row(b.size() + 1, 0);
  for (const std::uint16_t x : w.letters) {
    std::size_t diagonal = 0;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = x == b[j - 1] ? diagonal + 1 : std::max(row[j], row[j - 1]);
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The wording with the fewest edits (`edits` gives nothing for one that is not close enough),
// skipping taken rows; two rows as close as each other are ambiguous: no row is chosen.
template <typename Edits>
LabelMatch closest(std::span<const RowSpec> rows, const std::vector<bool>& taken, Edits edits) {
  LabelMatch best;
  std::optional<std::size_t> fewest;
  for (const DecodedWording& w : decoded_wordings()) {
    const RowSpec* row = find_row(rows, w.wording->key);
    if (row == nullptr) continue;
    const auto index = static_cast<std::size_t>(row - rows.data());
    if (index < taken.size() && taken[index]) continue;
    const std::optional<std::size_t> e = edits(w);
    if (!e) continue;
    if (!fewest || *e < *fewest) {
      fewest = e;
      best = LabelMatch{row, w.wording, *e, nullptr};
    } else if (*e == *fewest && row != best.row) {
      best.rival = row;
    }
  }
  if (best.ambiguous()) return LabelMatch{nullptr, nullptr, best.edits, best.rival};
  return best;
}

}  // namespace

std::vector<LabelMatch> match_labels_in_order(const std::vector<std::vector<std::u32string>>& windows,
                                              std::span<const RowSpec> rows) {
  const std::size_t n = windows.size(), k = rows.size();
  // score[r][j]: how well row j's best wording is found around row r (0: not close enough).
  std::vector<std::vector<long>> score(n, std::vector<long>(k, 0));
  std::vector<std::vector<LabelMatch>> found(n, std::vector<LabelMatch>(k));
  // The row of `rows` each wording names (null: none), found once, not once a row of the table.
  std::vector<const RowSpec*> row_of;
  for (const DecodedWording& w : decoded_wordings()) row_of.push_back(find_row(rows, w.wording->key));
  for (std::size_t r = 0; r < n; ++r) {
    // A window the same as one before it (no blank line between the rows) scores the same: once.
    std::vector<Letters> letters;
    for (const std::u32string& window : windows[r]) {
      Letters l = letters_of(window);
      if (std::find(letters.begin(), letters.end(), l) == letters.end()) letters.push_back(std::move(l));
    }
    for (std::size_t d = 0; d < decoded_wordings().size(); ++d) {
      const DecodedWording& w = decoded_wordings()[d];
      const RowSpec* row = row_of[d];
      if (row == nullptr) continue;
      const auto j = static_cast<std::size_t>(row - rows.data());
      for (const Letters& window : letters) {
        const std::size_t hits = common_subsequence(w, window);
        const std::size_t edits = w.characters.size() - hits;
        if (!close_enough(edits, w.characters.size())) continue;
        const auto s = static_cast<long>(hits) - static_cast<long>(edits);
        if (s > score[r][j]) score[r][j] = s, found[r][j] = LabelMatch{row, w.wording, edits, nullptr};
      }
    }
  }
  // best[r][j]: the most found by rows from r on with labels from j on, each used once, in order.
  std::vector<std::vector<long>> best(n + 1, std::vector<long>(k + 1, 0));
  for (std::size_t r = n; r-- > 0;) {
    for (std::size_t j = k; j-- > 0;) {
      best[r][j] = std::max(best[r + 1][j], best[r][j + 1]);
      if (score[r][j] > 0) best[r][j] = std::max(best[r][j], score[r][j] + best[r + 1][j + 1]);
    }
  }
  std::vector<LabelMatch> out(n);
  for (std::size_t r = 0, j = 0; r < n && j < k;) {
    if (score[r][j] > 0 && best[r][j] == score[r][j] + best[r + 1][j + 1]) {
      out[r] = found[r][j];
      ++r, ++j;
    } else if (best[r][j] == best[r + 1][j]) {
      ++r;
    } else {
      ++j;
    }
  }
  return out;
}

std::string strip_numbering(std::string_view label) {
  std::string s = without_whitespace(label);
  tao::pegtl::memory_input in(s, "");
  if (tao::pegtl::parse<grammar::numbering>(in)) return std::string(in.current(), in.end());
  return s;
}

namespace {

// The text without numberings in brackets wherever they stand: a page break interleaves a row's
// label with its group's (`(五)不` `(一)信访举报投` … `予处理` `诉类申请`).
std::string without_bracketed_numberings(std::string s) {
  std::size_t i = 0;
  while ((i = s.find('(', i)) != std::string::npos) {
    tao::pegtl::memory_input in(s.data() + i, s.data() + s.size(), "");
    if (tao::pegtl::parse<grammar::paren_numeral>(in)) {
      s.erase(i, static_cast<std::size_t>(in.current() - (s.data() + i)));
    } else {
      ++i;
    }
  }
  // A page break may cut a numbering itself: `(四` before it, `)无法提供` after it. The halves go.
  std::vector<char32_t> text = code_points(s);
  const auto numeral = [](char32_t c) {
    return (c >= U'0' && c <= U'9') ||
           std::u32string_view(U"一二三四五六七八九十").find(c) != std::u32string_view::npos;
  };
  std::vector<char32_t> kept;
  for (std::size_t k = 0; k < text.size(); ++k) {
    std::size_t n = 0;
    if (text[k] == U'(') {  // `(四` with no bracket closing it
      while (k + 1 + n < text.size() && n < 3 && numeral(text[k + 1 + n])) ++n;
      if (n > 0 && (k + 1 + n == text.size() || text[k + 1 + n] != U')')) {
        k += n;
        continue;
      }
    }
    if (text[k] == U')') {  // `四)` with no bracket opening it: its numerals are the last kept
      while (n < kept.size() && n < 3 && numeral(kept[kept.size() - 1 - n])) ++n;
      if (n > 0 && (n == kept.size() || kept[kept.size() - 1 - n] != U'(')) {
        kept.resize(kept.size() - n);
        continue;
      }
    }
    kept.push_back(text[k]);
  }
  std::string out;
  for (const char32_t c : kept) append_utf8(out, c);
  return out;
}

// `text` without the characters of `group` it holds in order (greedily, from its start); nothing
// when more of them are missing than a label may miss (the header may have taken a group's
// character that is also a column label's: `法` of 无法提供).
std::optional<std::vector<char32_t>> without_subsequence(const std::vector<char32_t>& text,
                                                         const std::vector<char32_t>& group) {
  std::vector<char32_t> rest;
  std::size_t k = 0, found = 0, first = group.size(), last = 0;
  for (const char32_t c : text) {
    std::size_t j = k;
    while (j < group.size() && group[j] != c) ++j;
    if (j < group.size()) {
      k = j + 1, ++found;
      first = std::min(first, j), last = j;
    } else {
      rest.push_back(c);
    }
  }
  // Or a run of the group label's characters, its other part across the page break (`不予` above
  // it, `处` `理` after the repeated header): two or more in a row.
  const bool one_piece = found >= 2 && last - first + 1 == found;
  if (found == 0 || (!close_enough(group.size() - found, group.size()) && !one_piece)) return std::nullopt;
  return rest;
}

// The offset of the first numbering in `words` (not a digit's continuation), or npos.
std::size_t inner_numbering(std::string_view words) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    if ((static_cast<unsigned char>(words[i]) & 0xC0) == 0x80 ||
        (i > 0 && words[i - 1] >= '0' && words[i - 1] <= '9')) {
      continue;
    }
    tao::pegtl::memory_input in(words.data() + i, words.data() + words.size(), "");
    if (tao::pegtl::parse<grammar::numbering>(in)) return i;
  }
  return std::string::npos;
}

// A label cut short at its cell's width (a converter that cuts cells, C html2text: `要求行政机关确认
// 或重新出`): the start of one wording, within its edits (one a four characters written), and of
// no other row's; a few characters start too many wordings to tell. The characters cut off are
// edits too, so the row's label is reported as differing (F4).
constexpr std::size_t kShortestCutLabel = 4;
LabelMatch cut_label(const std::vector<char32_t>& written, std::span<const RowSpec> rows,
                     const std::vector<bool>& taken) {
  if (written.size() < kShortestCutLabel) return {};
  LabelMatch match = closest(rows, taken, [&](const DecodedWording& w) -> std::optional<std::size_t> {
    if (w.characters.size() <= written.size()) return std::nullopt;
    std::size_t edits = std::string::npos;
    for (std::size_t length = written.size() - 1; length <= written.size() + 1; ++length) {
      if (length > w.characters.size()) break;
      const std::vector<char32_t> start(w.characters.begin(), w.characters.begin() + static_cast<long>(length));
      edits = std::min(edits, edit_distance(written, start));
    }
    if (!close_enough(edits, written.size())) return std::nullopt;
    return edits;
  });
  if (match.row != nullptr) match.edits += match.wording->words.size() > written.size() ? 1 : 0;  // it is cut
  return match;
}

// A label that lost characters where a grid cut each of its lines (C html2text:
// `申请人逾期未按收` `求缴纳费用、行政机` `处理其政府信息公开` for 申请人逾期未按收费通知要求缴纳费用、…):
// its characters in order in one wording, at least half of them, and in no other row's.
LabelMatch label_with_characters_lost(const std::vector<char32_t>& written, std::span<const RowSpec> rows,
                                      const std::vector<bool>& taken) {
  if (written.size() < kShortestCutLabel) return {};
  LabelMatch match;
  for (const DecodedWording& w : decoded_wordings()) {
    const RowSpec* row = find_row(rows, w.wording->key);
    if (row == nullptr || w.characters.size() > 2 * written.size()) continue;
    const auto index = static_cast<std::size_t>(row - rows.data());
    if (index < taken.size() && taken[index]) continue;
    std::size_t k = 0;
    for (std::size_t i = 0; i < w.characters.size() && k < written.size(); ++i) k += w.characters[i] == written[k];
    if (k < written.size()) continue;
    if (match.row != nullptr && match.row != row) return LabelMatch{nullptr, nullptr, 0, row};
    match = LabelMatch{row, w.wording, w.characters.size() - written.size(), nullptr};
  }
  return match;
}

}  // namespace

LabelMatch match_label(std::string_view written, std::span<const RowSpec> rows, const std::vector<bool>& taken) {
  const std::string stripped = strip_numbering(written);
  const auto words_of = [](std::string_view text) {
    std::string words = without_bracketed_numberings(strip_numbering(text));
    // A note after the words (`(区分处理的,…)`) is compared by the rules of notes, not as label text.
    if (const auto paren = words.find('('); paren != std::string::npos && paren > 0) words.resize(paren);
    return words;
  };
  // The words as written, and without a group label's words mixed into them by a page break.
  std::vector<std::vector<char32_t>> readings{comparable(words_of(written))};
  // And the words after a numbering inside them: what stands before it is a group's numbering
  // (`(四)2.没有…`) or its label's start (`三、本` `1.本机关不掌握…`, 本年度办理结果 cut at its cell's width).
  if (const std::size_t inner = inner_numbering(stripped); inner != std::string::npos) {
    readings.push_back(comparable(words_of(stripped.substr(inner))));
  }
  for (const DecodedWording& group : decoded_wordings()) {
    if (find_group(group.wording->key) == nullptr) continue;
    if (auto rest = without_subsequence(readings.front(), group.characters)) {
      // What is left starts with the row's own numbering (`1.本机关…` after `(四)无`).
      std::string text;
      for (const char32_t c : *rest) append_utf8(text, c);
      readings.push_back(comparable(strip_numbering(text)));
    }
    // Or the start of the group's label before the row's, the rest of it past the page break
    // (`(三)不予` `(1)属于国家秘密`, `公开` after the repeated header), or what a grid's cuts left
    // of it (`本度办` of 本年度办理结果): characters of it in order, at least two.
    const std::vector<char32_t>& text = readings.front();
    std::size_t prefix = 0;
    for (std::size_t g = 0; prefix < text.size(); ++prefix, ++g) {
      while (g < group.characters.size() && group.characters[g] != text[prefix]) ++g;
      if (g == group.characters.size()) break;
    }
    if (prefix >= 2 && prefix < text.size()) {
      std::string rest;
      for (std::size_t i = prefix; i < text.size(); ++i) append_utf8(rest, text[i]);
      readings.push_back(comparable(strip_numbering(rest)));
    }
  }
  // Several groups' words can leave the same reading: each is compared once (a reading twice
  // finds the same edits, and the fewest win).
  for (std::size_t k = readings.size(); k-- > 1;) {
    if (std::find(readings.begin(), readings.begin() + static_cast<long>(k), readings[k]) !=
        readings.begin() + static_cast<long>(k)) {
      readings.erase(readings.begin() + static_cast<long>(k));
    }
  }
  std::vector<Letters> letters;
  for (const auto& reading : readings) letters.push_back(letters_of(reading));
  const LabelMatch whole = closest(rows, taken, [&](const DecodedWording& w) -> std::optional<std::size_t> {
    std::size_t edits = std::string::npos;
    for (std::size_t k = 0; k < readings.size(); ++k) {
      // Every edit script leaves at most the common subsequence unedited: when even that many
      // edits are too many, the wording is not close, and the full edit distance is not needed.
      if (!close_enough(w.characters.size() - common_subsequence(w, letters[k]), w.characters.size())) continue;
      edits = std::min(edits, edit_distance(readings[k], w.characters));
    }
    if (!close_enough(edits, w.characters.size())) return std::nullopt;
    return edits;
  });
  if (whole.row != nullptr || whole.ambiguous()) return whole;
  LabelMatch cut;
  for (const auto& reading : readings) {
    const LabelMatch m = cut_label(reading, rows, taken);
    if (m.row != nullptr && (cut.row == nullptr || m.edits < cut.edits)) cut = m;
  }
  if (cut.row == nullptr && !cut.ambiguous()) {
    for (const auto& reading : readings) {
      const LabelMatch m = label_with_characters_lost(reading, rows, taken);
      if (m.row != nullptr && (cut.row == nullptr || m.edits < cut.edits)) cut = m;
    }
  }
  cut.loose = true;
  return cut;
}

}  // namespace xxgk
