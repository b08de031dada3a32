// Building blocks shared by every part of the report grammar: blanks, lines, tolerant labels and
// table cells. Rules only: actions, error messages and lowering live in src/.
//
// The grammar runs on normalised text (see include/xxgk/source.hpp): full-width forms are already
// ASCII, line ends are '\n', so labels here are written with half-width punctuation.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string_view>
#include <type_traits>

#include "grammar/characters.hpp"
#include "grammar/failure_memo.hpp"
#include "grammar/first_bytes.hpp"
#include "xxgk/keys.hpp"

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

namespace xxgk::grammar {

namespace pegtl = tao::pegtl;
using namespace tao::pegtl;  // NOLINT: the grammar reads as PEG, not as namespace soup

// ---------------------------------------------------------------------------------------------
// Blanks and lines

// A form feed (a page break of PDF text) is kept on a line of its own by normalisation: a blank.
struct hspace : one<' ', '\t', '\f'> {};
struct newline : one<'\n'> {};
struct ws : one<' ', '\t', '\f', '\n'> {};
// Byte scans for the rules tried on every line: one call, where star<not_one<…>> or star<one<…>>
// would be one rule match per byte. Moves over the bytes given (Within) or up to the first of them
// (!Within); fails when AtLeastOne and none was passed. The bytes are ASCII: UTF-8 sequences never
// hold one.
template <bool Within, bool AtLeastOne, char... Bytes>
struct byte_scan : primitive<byte_scan<Within, AtLeastOne, Bytes...>> {
  static constexpr first::Set first_bytes() {
    first::Set s = first::bytes_of({static_cast<unsigned char>(Bytes)...}, !Within);
    s.may_be_empty = !AtLeastOne;
    return s;
  }
  template <typename ParseInput>
  static bool test(ParseInput& in) {
    const char* p = in.current();
    const char* const end = in.end();
    if constexpr (!Within && sizeof...(Bytes) == 1) {
      const void* stop = std::memchr(p, Bytes..., static_cast<std::size_t>(end - p));
      p = stop == nullptr ? end : static_cast<const char*>(stop);
    } else {
      while (p != end && ((*p == Bytes) || ...) == Within) ++p;
    }
    if (AtLeastOne && p == in.current()) return false;
    in.bump(static_cast<std::size_t>(p - in.current()));
    return true;
  }
};
template <bool AtLeastOne, char... Stops>
using scan_until = byte_scan<false, AtLeastOne, Stops...>;
template <bool AtLeastOne, char... Bytes>
using scan_while = byte_scan<true, AtLeastOne, Bytes...>;
// star<hspace>, plus<ws>, star<ws> and star<one<' '>>, each in one call: they are tried at every line
// and between every two cells.
struct hspaces : scan_while<false, ' ', '\t', '\f'> {};
struct ws_run : scan_while<true, ' ', '\t', '\f', '\n'> {};
struct opt_ws : scan_while<false, ' ', '\t', '\f', '\n'> {};
struct spaces : scan_while<false, ' '> {};
// The rest of the line, without its line break (possibly nothing).
struct line_rest : scan_until<false, '\n'> {};
// At least one character, up to the line break.
struct line_text : scan_until<true, '\n'> {};
struct line_end : seq<hspaces, sor<newline, eof>> {};
struct blank_line : sor<seq<hspaces, newline>, seq<plus<hspace>, eof>> {};

constexpr bool is_blank_byte(char c) {
  return c == ' ' || c == '\t' || c == '\f';
}

// Lookbehind, consuming nothing: only blanks stand before the current position on its line (a
// gap's blanks may have taken the line's indentation already).
struct at_line_indent : primitive<at_line_indent> {
  static constexpr first::Set first_bytes() { return first::zero_width(); }
  template <typename ParseInput>
  static bool test(ParseInput& in) {
    const char* p = in.current();
    while (p != in.begin() && is_blank_byte(p[-1])) --p;
    return p == in.begin() || p[-1] == '\n';
  }
};

// Succeeds without consuming at the start of the input or right after a line break.
struct at_line_start : primitive<at_line_start> {
  static constexpr first::Set first_bytes() { return first::zero_width(); }
  template <typename ParseInput>
  static bool test(ParseInput& in) {
    return in.current() == in.begin() || in.current()[-1] == '\n';
  }
};

// plus<digit> in one call: numbers are read in every row.
struct digits : scan_while<true, '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'> {};

// Lookbehind, consuming nothing: only blanks stand before the current position on its line, and the
// line above is blank (or there is none).
struct after_blank_line : primitive<after_blank_line> {
  static constexpr first::Set first_bytes() { return first::zero_width(); }
  template <typename ParseInput>
  static bool test(ParseInput& in) {
    const char* p = in.current();
    const char* const begin = in.begin();
    while (p != begin && is_blank_byte(p[-1])) --p;
    if (p == begin) return true;
    if (p[-1] != '\n') return false;
    --p;
    while (p != begin && is_blank_byte(p[-1])) --p;
    return p == begin || p[-1] == '\n';
  }
};

// Lookahead that builds no tree nodes: `at<>` run under the parse-tree control would keep the
// nodes its rules build.
template <typename... Rules>
struct quiet_at {
  using rule_t = quiet_at;
  using subs_t = type_list<Rules...>;
  static constexpr first::Set first_bytes() { return first::sequence<Rules...>(); }
  template <apply_mode, rewind_mode, template <typename...> class, template <typename...> class, typename ParseInput,
            typename... States>
  static bool match(ParseInput& in, States&&...) {
    auto saved = in.template mark<rewind_mode::required>();  // rewinds when it goes out of scope
    return pegtl::match<seq<Rules...>, apply_mode::nothing, rewind_mode::active, nothing, normal>(in);
  }
};

// ---------------------------------------------------------------------------------------------
// Page furniture: what PDF text keeps of a page's foot and head. Tables cross pages, so it may stand
// between any two rows or cells; it is never a cell, a row or the end of a table.

// Dashes around a page number: `-` (NFKC makes － and ﹣ one), `—`, `–`, `―`, `−`, one or more.
struct page_dashes : plus<sor<one<'-'>, one_char<U'—', U'–', U'―', U'−'>>> {};
// `-2-`, `- 2 -`, `— 2 —`, `–2–`, `- 2 / 6 -`. The dashes make the spaces safe: `2 / 6` alone could be
// three cells of a row (a slash is a cell); no row holds a dash, a number, a slash, a number and a
// dash on a line of their own.
struct dashed_page_number
    : seq<page_dashes, hspaces, digits, opt<hspaces, one<'/'>, hspaces, digits>, hspaces, page_dashes> {};
// `第2页`, `第 2 页 共 6 页`, `第2页/共6页`, `第2页,共6页` (NFKC makes ，one with `,`).
struct page_of_total : seq<opt<sor<one<'/', ',', ';'>, one_char<U'、'>>>, hspaces, one_char<U'共'>, hspaces, digits,
                           hspaces, one_char<U'页'>> {};
struct chinese_page_number
    : seq<one_char<U'第'>, hspaces, digits, hspaces, one_char<U'页'>, opt<hspaces, page_of_total>> {};
// `2/6`, page 2 of 6, written without spaces: no cell is written so (see dashed_page_number).
struct page_slash_total : seq<digits, one<'/'>, digits> {};
// A page number with its marks, on a line of its own: nothing else on a line reads so.
struct page_number : seq<at_line_indent, hspaces, sor<dashed_page_number, chinese_page_number, page_slash_total>,
                         hspaces, at<sor<newline, eof>>> {};
// A running head or foot: the report's title or its agency's name repeated on each page
// (grammar/sections.hpp, which holds the title's rules).
struct running_head;
// pdftotext -raw sets the foot of a page right below its last line, with no blank line between. A
// bare number as the last line before the form feed (kept by normalisation) is furniture wherever it
// stands when it continues the page sequence: the last line of the page before is one less, or that
// of the page after one more. Else it may be the rest of a number a narrow cell wrapped (`2170`
// above, `9` last), and stays a cell.
struct page_break : one<'\f'> {};
struct continues_page_sequence : primitive<continues_page_sequence> {
  static constexpr first::Set first_bytes() { return first::zero_width(); }
  // How far to look for the neighbouring page's last line: a page of text is a few kilobytes, of
  // pdftotext -layout text (lines padded with spaces) up to some tens.
  static constexpr std::size_t page_within = 65536;
  // The number on the last non-blank line before the form feed at `feed`, or -1.
  static long last_line_number(const char* begin, const char* feed) {
    const char* end = feed;
    while (end != begin && (end[-1] == '\n' || is_blank_byte(end[-1]))) --end;
    const char* start = end;
    while (start != begin && start[-1] >= '0' && start[-1] <= '9') --start;
    const char* line = start;  // the number may be indented (pdftotext -layout centres it)
    while (line != begin && is_blank_byte(line[-1])) --line;
    if (start == end || end - start > 4 || (line != begin && line[-1] != '\n')) return -1;
    return number(start, end);
  }
  static long number(const char* p, const char* end) {
    long n = 0;
    for (; p != end; ++p) n = n * 10 + (*p - '0');
    return n;
  }
  template <typename ParseInput>
  static bool test(ParseInput& in) {
    const char* const here = in.current();
    const char* digits_end = here;
    while (digits_end != in.end() && *digits_end >= '0' && *digits_end <= '9') ++digits_end;
    if (digits_end == here || digits_end - here > 4) return false;
    const long n = number(here, digits_end);
    if (n == 0) return false;  // no page is 0 (and -1 below is "no number")
    const std::string_view after(digits_end, static_cast<std::size_t>(in.end() - digits_end));
    const std::size_t this_feed = after.find('\f');
    if (this_feed != std::string_view::npos) {
      const std::size_t next_feed = after.substr(0, this_feed + 1 + page_within).find('\f', this_feed + 1);
      if (next_feed != std::string_view::npos && last_line_number(digits_end, digits_end + next_feed) == n + 1) {
        return true;
      }
    }
    const std::size_t before = static_cast<std::size_t>(here - in.begin());
    const char* const from = here - std::min(before, page_within);
    const std::size_t previous_feed = std::string_view(from, static_cast<std::size_t>(here - from)).rfind('\f');
    return previous_feed != std::string_view::npos && last_line_number(in.begin(), from + previous_feed) == n - 1;
  }
};
// pdftotext without options leaves a blank line before the form feed.
struct last_line_of_page : seq<at_line_indent, spaces, at<digits, spaces, newline, star<spaces, newline>, page_break>,
                               continues_page_sequence, digits, spaces> {};
// Each kind stands on a line of its own: the look back over the line's blanks comes first, once,
// as a gap between two cells of a row tries furniture after each.
// Tried at each line by every rule that may stand there: a parse remembers where it failed.
struct page_furniture
    : remember_failures<Memoised::page_furniture,
                        seq<at_line_indent, first_byte_sor<page_number, running_head, last_line_of_page>>> {};
// A whole line of furniture, for a reader that takes text a line at a time (src/lower/block_table.cpp).
struct furniture_line : seq<page_furniture, hspaces, at<sor<newline, eof>>> {};
struct gap : plus<first_byte_sor<ws_run, page_furniture>> {};

// A page number without marks, `2` alone on its line. The same text is a cell wherever a cell may
// come: PDF text drops blank cells and breaks rows over lines, and pdftotext -layout puts the halves
// of a wide number on the lines above and below its row. So a table takes it as a page number only
// where a page break shows and no cell can be: on a line of its own with a blank line above and
// below (pdftotext's form feed, a line break once normalised), where the table's rule puts it (after
// a row that has all its cells), and before what Next matches (the start of another row, a repeated
// header, a heading), past any other furniture.
struct set_apart_number : seq<after_blank_line, digits, hspaces, at<newline, hspaces, sor<newline, eof>>> {};
template <typename Next>
struct bare_page_number : seq<at<digit>, set_apart_number, quiet_at<opt<gap>, Next>> {};

// A run of non-blank characters.
struct word : scan_until<true, ' ', '\t', '\f', '\n'> {};

// ---------------------------------------------------------------------------------------------
// Tolerant labels

// A compile-time UTF-8 string usable as a template argument: label<"予以公开">.
template <std::size_t N>
struct text {
  char chars[N]{};
  constexpr text() = default;
  constexpr text(const char (&s)[N]) { std::copy_n(s, N, chars); }  // NOLINT: implicit on purpose
  [[nodiscard]] constexpr std::string_view view() const { return {chars, N - 1}; }
};

// Two texts one after the other, at compile time (canonical labels: numbering, words, note).
template <std::size_t A, std::size_t B>
constexpr text<A + B - 1> join(const text<A>& a, const text<B>& b) {
  text<A + B - 1> out;
  std::copy_n(a.chars, A - 1, out.chars);
  std::copy_n(b.chars, B, out.chars + A - 1);
  return out;
}

namespace detail {
constexpr std::size_t utf8_length(unsigned char lead) {
  return lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 4;
}
// Quotation marks are written in many ways (or dropped) around 三安全一稳定 and similar phrases.
// (By bytes: labels are tried at every line, and string comparisons here were the parser's top cost.)
constexpr bool is_quote(std::string_view ch) {
  if (ch.size() == 1) return ch[0] == '"' || ch[0] == '\'';
  if (ch.size() != 3 || static_cast<unsigned char>(ch[1]) != 0x80) return false;
  const auto lead = static_cast<unsigned char>(ch[0]);
  const auto last = static_cast<unsigned char>(ch[2]);
  return (lead == 0xE2 && (last == 0x9C || last == 0x9D || last == 0x98 || last == 0x99)) ||  // “ ” ‘ ’
         (lead == 0xE3 && (last == 0x8C || last == 0x8D));                                    // 「 」
}
constexpr bool same_bytes(const char* a, std::string_view b) {
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}
}  // namespace detail

// What a label rule names, and whether its wording is the regulated one: the only thing lowering
// needs to know of it, read from the parse tree as a value (src/parse_tree.cpp), never from the
// rule's name. `Text` is the label's words as regulated, without numbering: the canonical labels of
// include/xxgk/keys.hpp are built from it (src/keys.cpp), so each is written once, here.
template <LabelKey Key, Wording W = Wording::regulated, text Text = "">
struct names {
  static constexpr LabelKey label_key = Key;
  static constexpr Wording label_wording = W;
  static constexpr auto words = Text;
};

// Matches a fixed label while allowing spaces, tabs and line breaks between any two characters:
// PDF extraction breaks labels at the page width (`三、本年\n\n度办理\n\n结果`) and web copies
// space them out (`第二十条 第(一)项`). A quotation mark in the label matches any quotation mark or none.
template <text Label>
struct label : primitive<label<Label>> {
  // Its first character, unless that is a quotation mark (which may be written otherwise, or not).
  static constexpr first::Set first_bytes() {
    constexpr std::string_view pattern = Label.view();
    if (detail::is_quote(pattern.substr(0, detail::utf8_length(static_cast<unsigned char>(pattern[0]))))) {
      return first::anything();
    }
    return first::bytes_of({static_cast<unsigned char>(pattern[0])});
  }
  template <typename ParseInput>
  static bool test(ParseInput& in) {
    constexpr std::string_view pattern = Label.view();
    const char* p = in.current();
    const char* const end = in.end();
    bool first = true;
    for (std::size_t i = 0; i < pattern.size();) {
      const std::size_t len = detail::utf8_length(static_cast<unsigned char>(pattern[i]));
      const std::string_view ch = pattern.substr(i, len);
      i += len;
      const char* q = p;
      if (!first) {
        while (q != end && (*q == ' ' || *q == '\t' || *q == '\n')) ++q;
      }
      if (detail::is_quote(ch)) {
        for (std::string_view quote : {"\"", "'", "\u201C", "\u201D", "\u2018", "\u2019", "\u300C", "\u300D"}) {
          if (static_cast<std::size_t>(end - q) >= quote.size() && std::string_view(q, quote.size()) == quote) {
            p = q + quote.size();
            break;
          }
        }
        continue;
      }
      if (static_cast<std::size_t>(end - q) < len || !detail::same_bytes(q, ch)) return false;
      p = q + len;
      first = false;
    }
    in.bump(static_cast<std::size_t>(p - in.current()));
    return true;
  }
};

// Numbering in front of labels, in the styles reports use: `一、`, `1.`, `1、`, `1. ` (a space after),
// `(1)`, `(一)`, and `①` (`1．`, `（1）` and `①` are `1.`, `(1)` and `1.` once normalised). Any style
// may stand before any label: the label, not its numbering, tells the row, so a report that numbers
// its items `(1)` or `①` reads like one that numbers them `1.`.
struct chinese_numeral : one_char<U'一', U'二', U'三', U'四', U'五', U'六', U'七', U'八', U'九', U'十'> {};
struct list_comma : sor<one_char<U'、'>, one<'.', ','>> {};
struct paren_numeral
    : seq<one<'('>, opt_ws, sor<plus<chinese_numeral>, seq<range<'1', '9'>, opt<digit>>>, opt_ws, one<')'>, opt_ws> {};
// One digit, 1–8 in the format: in digits run together (`10000015.属于…`) only `5.` numbers a label.
struct item_number : seq<range<'1', '9'>, hspaces, list_comma, opt_ws> {};
struct level0_number : seq<plus<chinese_numeral>, hspaces, list_comma, opt_ws> {};
struct numbering : sor<paren_numeral, item_number, level0_number> {};

// Whether the text may start a label rule: it starts with the first character of one of the
// rule's label<> texts. Read from the rule's structure (a label, a sor of rules, a seq whose first
// rule is a numbering, which the caller has skipped), so a wording added as a sor alternative is
// looked for too. Consumes nothing.
namespace detail {
template <typename Rule, typename = void>
struct lead {
  static_assert(!std::is_same_v<Rule, typename Rule::rule_t>, "no first character known for this rule");
  static bool test(const char* p, std::size_t rest) { return lead<typename Rule::rule_t>::test(p, rest); }
};
template <text L>
struct lead<label<L>> {
  static constexpr std::string_view first = L.view().substr(0, utf8_length(static_cast<unsigned char>(L.chars[0])));
  static_assert(!is_quote(first), "a label that starts with a quotation mark may start without it");
  static bool test(const char* p, std::size_t rest) { return rest >= first.size() && same_bytes(p, first); }
};
template <typename... Rules>
struct lead<internal::sor<Rules...>> {
  static bool test(const char* p, std::size_t rest) { return (lead<Rules>::test(p, rest) || ...); }
};
template <typename First, typename Second, typename... Rest>
struct lead<internal::seq<First, Second, Rest...>> {
  static constexpr bool numbering_first =
      std::is_same_v<First, opt<numbering>> || std::is_same_v<First, paren_numeral> || std::is_same_v<First, numbering>;
  static bool test(const char* p, std::size_t rest) {
    if constexpr (numbering_first) {
      return lead<Second>::test(p, rest);
    } else {
      return lead<First>::test(p, rest);
    }
  }
};
}  // namespace detail
// One of several labels, in order. Table labels are tried at every word of a table (a word is no
// row's label, no cell …), each a rule that makes a tree node: only the labels whose first
// character stands after the numbering are tried. That character is a necessary condition of
// each, so the result is sor<Labels...>'s. The numbering is read once for the look (it makes no
// node), then by the label that matches.
namespace detail {
template <typename Skipped, typename... Labels>
struct labels_by_lead {
  using rule_t = labels_by_lead;
  using subs_t = type_list<Labels...>;
  using labels = type_list<Labels...>;  // for the tables of wordings (src/keys.cpp)
  static constexpr first::Set first_bytes() { return first::choice<Labels...>(); }

  template <apply_mode A, rewind_mode M, template <typename...> class Action, template <typename...> class Control,
            typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&... st) {
    const char* words = nullptr;
    {
      auto saved = in.template mark<rewind_mode::required>();  // rewinds when it goes out of scope
      (void)pegtl::match<Skipped, apply_mode::nothing, rewind_mode::active, nothing, normal>(in);
      words = in.current();
    }
    const auto rest = static_cast<std::size_t>(in.end() - words);
    return ((lead<Labels>::test(words, rest) &&
             Control<Labels>::template match<A, rewind_mode::required, Action, Control>(in, st...)) ||
            ...);
  }
};
}  // namespace detail
template <typename... Labels>
struct one_of_labels : detail::labels_by_lead<success, Labels...> {};
// Numbered labels (`seq<opt<numbering>, label<…>, …>` each), in any numbering style.
template <typename... Labels>
struct one_of_numbered_labels : detail::labels_by_lead<opt<numbering>, Labels...> {};

// A parenthesised note after a label, possibly broken across lines, on the label's line or on a
// line of its own: `(区分处理的,只计这一情形,不计其他情形)`, `(设区的市、自治州人民政府应提供相关数据)`.
// A numbering in brackets (`(七)`) starts the next label, never a note; a note holds no cell.
struct cell;
struct note_word : seq<not_at<cell>, plus<not_char<' ', '\t', '\f', '\n', '(', ')'>>> {};
struct note_words : list<note_word, opt_ws> {};
struct note_open : seq<not_at<paren_numeral>, one<'('>, opt_ws, opt<note_words>> {};
struct label_note : seq<note_open, opt_ws, one<')'>> {};
// A note cut by the row's cells: text browsers wrap it inside its cell and put the cells on its
// first line (`(二)部分公开(区分处理的,只计这一情形,不计其他 │ 0 │ … │` and `情形)` below), and PDF
// text may do the same. Its rest comes after the cells, or nowhere: a converter that cuts cells
// at their width (C html2text) keeps only what fits.
struct cut_note : note_open {};
struct note_rest : seq<opt<note_words>, opt_ws, one<')'>> {};

// ---------------------------------------------------------------------------------------------
// Table cells

// A cell ends at a blank, or where a crawler ran the next label's numbering into it (`0(七)总计`).
struct cell_end : at<sor<ws, eof, paren_numeral>> {};
struct money_unit : sor<label<"万元">, label<"元">> {};
struct count_unit : one_char<U'件', U'个', U'项', U'条', U'笔'> {};
// A number as written: `0`, `13612`, `0.0235`, `-8`, `251000元`.
struct cell_number
    : seq<opt<one<'-'>>, digits, opt<one<'.'>, digits>, opt<first_byte_sor<money_unit, count_unit>>, cell_end> {};
struct cell_dash : seq<sor<plus<one_char<U'—', U'–', U'－'>>, plus<one<'-'>>>, cell_end> {};
struct cell_slash : seq<plus<one<'/', '\\'>>, cell_end> {};
// `无` with words after it on its line and a number after them is no cell but a character of a
// group label set down a narrow column ((四)无法提供 one character a line), beside the row label's
// words and cells as a text browser draws the grid: `年  无  成信息需要另  0  14 …`.
struct none_beside_words : seq<one_char<U'无'>, scan_while<true, ' ', '\t'>, not_at<cell>, utf8::range<0x80, 0x10FFFF>,
                               until<seq<scan_while<true, ' ', '\t'>, digit>, not_one<'\n'>>> {};
struct cell_none : seq<not_at<none_beside_words>, one_char<U'无'>, cell_end> {};
// The first character of a cell, for lookahead that must not build tree nodes.
struct cell_start : sor<digit, one<'-', '/', '\\'>, one_char<U'无', U'—', U'–'>> {};
// A cell is tried at every word of a table: its first byte is looked at before the kinds are.
struct cell : first_byte_sor<cell_number, cell_dash, cell_slash, cell_none> {};

// Between two cells of one web-copied row, each extra tab is an empty cell: `0\t\t0` has a blank
// between the zeros. Only counted when a cell follows on the same line, so trailing tabs are layout.
struct blank_cells : seq<spaces, one<'\t'>, plus<spaces, one<'\t'>>, spaces, at<cell_start>> {};
struct cell_gap : sor<blank_cells, gap> {};

// Cells whose whitespace a crawler removed run together: `35000000035`, or with a space here and
// there that may or may not stand between two cells (`2100000 21`, `1 0 00 0 0 1`). One node;
// lowering reads it with the row's rules (src/split_cells.hpp). It ends where a label starts
// (`…00002.其他`).
// A unit may end it (`政府集中采购547.9659万元`: the last cell's).
// It never takes the numbering of the next label, known or not (`…00002.其他`, `2、`).
struct numbering_ahead : seq<range<'1', '9'>, hspaces, list_comma, not_at<digit>> {};
template <typename LabelStart>
struct run_together
    : seq<not_at<LabelStart>, not_at<numbering_ahead>, digit,
          star<not_at<LabelStart>, not_at<numbering_ahead>,
               sor<digit, seq<one<'.'>, digit>, seq<plus<hspace>, not_at<LabelStart>, not_at<numbering_ahead>, digit>>>,
          opt<hspaces, money_unit>> {};

// Up to N cells of one table row, wherever the extraction put the breaks between them, and up
// to 3 more: a number split by extraction (`844` `8` for 8448) is rejoined by lowering with the
// row's rules (src/split_cells.hpp). Those extra numbers stop where Stop matches: once the row has
// its N cells, a table's bare_page_number is no cell of it.
template <unsigned N, typename Gap = cell_gap, typename Stop = failure, unsigned Extra = 3>
struct cells : seq<cell, rep_opt<N - 1, Gap, cell>, rep_opt<Extra, Gap, not_at<Stop>, cell>> {};

}  // namespace xxgk::grammar

namespace tao::pegtl {
template <typename Name, xxgk::grammar::text Label>
struct analyze_traits<Name, xxgk::grammar::label<Label>> : analyze_any_traits<> {};
template <typename Name>
struct analyze_traits<Name, xxgk::grammar::at_line_start> : analyze_opt_traits<> {};
template <typename Name>
struct analyze_traits<Name, xxgk::grammar::continues_page_sequence> : analyze_opt_traits<> {};
template <typename Name>
struct analyze_traits<Name, xxgk::grammar::after_blank_line> : analyze_opt_traits<> {};
template <typename Name>
struct analyze_traits<Name, xxgk::grammar::at_line_indent> : analyze_opt_traits<> {};
template <typename Name, bool Within, char... Bytes>
struct analyze_traits<Name, xxgk::grammar::byte_scan<Within, false, Bytes...>> : analyze_opt_traits<> {};
template <typename Name, bool Within, char... Bytes>
struct analyze_traits<Name, xxgk::grammar::byte_scan<Within, true, Bytes...>> : analyze_any_traits<> {};
template <typename Name, typename... Rules>
struct analyze_traits<Name, xxgk::grammar::quiet_at<Rules...>> : analyze_opt_traits<Rules...> {};
template <typename Name, typename Skipped, typename... Labels>
struct analyze_traits<Name, xxgk::grammar::detail::labels_by_lead<Skipped, Labels...>>
    : analyze_traits<Name, internal::sor<Labels...>> {};
}  // namespace tao::pegtl
