// The text of a page's tree in the form of a browser's copy (see html_text.hpp), every byte with
// the byte of the page it shows. Recursion follows the tree, whose depth parse_page bounds.
#include "src/read/html_text.hpp"

#include <string_view>

#include "src/text.hpp"

namespace xxgk::html {
namespace {

// The length of a blank at text[i]: ASCII white space, or a no-break space (&nbsp;, which Word
// and CMS editors put around numbers and in empty cells); 0 for anything else.
std::size_t blank_length(std::string_view text, std::size_t i) {
  const char c = text[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') return 1;
  return text.compare(i, 2, "\xC2\xA0") == 0 ? 2 : 0;
}

bool is_ascii_word(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Inline text as a browser lays it out: a run of blanks between two characters is one space, and
// blanks at the start and the end are dropped.
class Run {
 public:
  [[nodiscard]] bool empty() const { return text.empty(); }

  void add(std::string_view bytes, const std::uint32_t* where) {
    for (std::size_t i = 0; i < bytes.size();) {
      if (const std::size_t blank = blank_length(bytes, i); blank > 0) {
        if (!space_pending_) space_pending_ = true, space_at_ = where[i];
        i += blank;
        continue;
      }
      if (space_pending_ && !text.empty()) put(' ', space_at_);
      space_pending_ = false;
      char32_t cp = 0;
      const std::size_t length = std::max<std::size_t>(decode_utf8(bytes, i, cp), 1);
      text.append(bytes, i, length);
      at.insert(at.end(), where + i, where + i + length);
      i += length;
    }
  }

  // Preformatted text: blanks kept as they are.
  void add_verbatim(std::string_view bytes, const std::uint32_t* where) {
    text.append(bytes);
    at.insert(at.end(), where, where + bytes.size());
    space_pending_ = false;
  }

  // A blank between two pieces of text (items of a menu laid out on one line).
  void space(std::uint32_t where) {
    if (!space_pending_) space_pending_ = true, space_at_ = where;
  }

  // One byte the copy adds (a tab between cells, a space between pieces of a cell).
  void put(char c, std::uint32_t where) {
    text.push_back(c);
    at.push_back(where);
    space_pending_ = false;
  }

  void append(const Run& other) {
    text += other.text;
    at.insert(at.end(), other.at.begin(), other.at.end());
    space_pending_ = false;
  }

  void clear() {
    text.clear();
    at.clear();
    space_pending_ = false;
  }

  std::string text;
  std::vector<std::uint32_t> at;

 private:
  bool space_pending_ = false;
  std::uint32_t space_at_ = 0;
};

class CopyWriter {
 public:
  explicit CopyWriter(const Tree& tree) : tree_(tree) {}

  PageText write() {
    // The copy is the tree's text less blanks, plus a tab or line break between cells and lines.
    out_.text.reserve(tree_.text.size());
    out_.text_at.reserve(tree_.text.size());
    flow(0, Layout::lines);
    end_line();
    return std::move(out_);
  }

 private:
  [[nodiscard]] const Node& node(std::uint32_t index) const { return tree_.nodes[index]; }

  [[nodiscard]] std::string_view text_of(const Node& n) const {
    return std::string_view(tree_.text).substr(n.begin, n.end - n.begin);
  }

  [[nodiscard]] const std::uint32_t* at_of(const Node& n) const { return tree_.text_at.data() + n.begin; }

  // Preformatted text into the run `current()` gives, each line break of it ending a piece (a line,
  // or a piece of a cell; ending one may move the runs, so the current one is asked for each time).
  template <typename CurrentRun, typename EndPiece>
  void add_preformatted(const Node& n, CurrentRun current, EndPiece end_piece) {
    const std::string_view text = text_of(n);
    for (std::size_t from = 0; from <= text.size();) {
      const std::size_t newline = std::min(text.find('\n', from), text.size());
      std::size_t to = newline;
      if (to > from && text[to - 1] == '\r') --to;
      current().add_verbatim(text.substr(from, to - from), at_of(n) + from);
      if (newline == text.size()) break;
      end_piece();
      from = newline + 1;
    }
  }

  // How the content of an element is laid out.
  enum class Layout {
    lines,         // blocks on lines of their own
    preformatted,  // blanks and line breaks as they stand
    one_line,      // a navigation menu: its items on one line, a space between them
  };

  // The content of an element as lines.
  void flow(std::uint32_t parent, Layout layout) {
    for (std::uint32_t c = node(parent).first_child; c != kNoNode; c = node(c).next_sibling) flow_node(c, layout);
  }

  void flow_node(std::uint32_t c, Layout layout) {
    const Node& n = node(c);
    if (layout == Layout::one_line && n.role != Role::text && n.role != Role::inline_element && n.role != Role::link) {
      line_.space(n.content_at);
      flow(c, layout);
      line_.space(n.content_at);
      return;
    }
    switch (n.role) {
      case Role::text:
        if (layout == Layout::preformatted) {
          add_preformatted(
              n, [this]() -> Run& { return line_; }, [this] { end_line(); });
        } else {
          line_.add(text_of(n), at_of(n));
        }
        break;
      case Role::inline_element:
      case Role::link:
        flow(c, layout);
        break;
      case Role::line_break:
        end_line();
        break;
      case Role::row:
        end_line();
        row(c);
        break;
      case Role::preformatted:
        end_line();
        flow(c, Layout::preformatted);
        end_line();
        break;
      case Role::list:
        // Site menus and breadcrumbs are lists of links that style sheets lay out on one line: so
        // they are here, and a menu item is never a line of its own above the report's title.
        end_line();
        flow(c, !n.loose_text && !n.holds_table && layout == Layout::lines ? Layout::one_line : layout);
        end_line();
        break;
      case Role::document:
      case Role::block:
      case Role::table:
      case Role::cell:  // a cell outside a row: a block
        end_line();
        flow(c, layout);
        end_line();
        break;
    }
  }

  // A table row: its cells' text joined by tabs on one line.
  void row(std::uint32_t tr) {
    bool layout = false, any_text = false;
    std::vector<std::pair<std::uint32_t, Run>> cells;
    for (std::uint32_t c = node(tr).first_child; c != kNoNode; c = node(c).next_sibling) {
      if (node(c).role != Role::cell) {  // text between cells: a line before the row, as browsers put it
        flow_node(c, Layout::lines);
        continue;
      }
      layout |= node(c).holds_table;
      cells.emplace_back(node(c).content_at, cell_text(c));
      any_text |= !cells.back().second.empty();
    }
    if (layout) {  // a table used to lay out the page: each cell's content as lines
      for (std::uint32_t c = node(tr).first_child; c != kNoNode; c = node(c).next_sibling) {
        if (node(c).role != Role::cell) continue;
        end_line();
        flow(c, Layout::lines);
        end_line();
      }
      return;
    }
    end_line();
    if (!any_text) return;
    for (std::size_t k = 0; k < cells.size(); ++k) {
      // A tab closes the cell before it: after an empty cell, it stands where that cell's content
      // would be (where lowering places a blank cell); else at the start of the next cell.
      if (k > 0) line_.put('\t', cells[k - 1].second.empty() ? cells[k - 1].first : cells[k].first);
      line_.append(cells[k].second);
    }
    end_line();
  }

  // A cell's text: its pieces (the text of each block and between line breaks) joined.
  Run cell_text(std::uint32_t cell) {
    std::vector<Run> pieces(1);
    cell_pieces(cell, pieces, false);
    Run joined;
    for (const Run& piece : pieces) {
      if (piece.empty()) continue;
      if (!joined.empty() && is_ascii_word(joined.text.back()) && is_ascii_word(piece.text.front())) {
        joined.put(' ', piece.at.front());
      }
      joined.append(piece);
    }
    return joined;
  }

  void cell_pieces(std::uint32_t parent, std::vector<Run>& pieces, bool preformatted) {
    for (std::uint32_t c = node(parent).first_child; c != kNoNode; c = node(c).next_sibling) {
      const Node& n = node(c);
      if (n.role == Role::text) {
        if (preformatted) {
          add_preformatted(
              n, [&pieces]() -> Run& { return pieces.back(); }, [&pieces] { pieces.emplace_back(); });
        } else {
          pieces.back().add(text_of(n), at_of(n));
        }
      } else if (n.role == Role::inline_element || n.role == Role::link) {
        cell_pieces(c, pieces, preformatted);
      } else {
        pieces.emplace_back();
        cell_pieces(c, pieces, preformatted || n.role == Role::preformatted);
        pieces.emplace_back();
      }
    }
  }

  // Ends the line being written, if it has any text.
  void end_line() {
    if (line_.empty()) {
      line_.clear();  // a pending blank must not start the next line
      return;
    }
    const std::uint32_t last = line_.at.back();
    out_.text += line_.text;
    out_.text_at.insert(out_.text_at.end(), line_.at.begin(), line_.at.end());
    out_.text.push_back('\n');
    out_.text_at.push_back(last);
    line_.clear();
  }

  const Tree& tree_;
  PageText out_;
  Run line_;
};

}  // namespace

PageText copy_text(const Tree& tree) {
  return CopyWriter(tree).write();
}

}  // namespace xxgk::html
