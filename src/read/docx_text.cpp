// Walks w:body in document order and writes the lines of docx_text.hpp. Recursion follows the XML
// tree, whose depth libxml2 bounds (256 without XML_PARSE_HUGE).
#include "src/read/docx_text.hpp"

#include <string_view>

#include "src/read/docx_xml.hpp"
#include "src/text.hpp"

namespace xxgk::docx {
namespace {

bool is_ascii_word(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The length of a blank at text[i] (ASCII white space or a no-break space), else 0.
std::size_t blank_length(std::string_view text, std::size_t i) {
  const char c = text[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') return 1;
  return text.compare(i, 2, "\xC2\xA0") == 0 ? 2 : 0;
}

// Text with a place for each byte: a run of blanks between two characters is one blank (a tab
// when a w:tab is among them), none at the start or the end.
class Piece {
 public:
  [[nodiscard]] bool empty() const { return text.empty(); }

  void add(std::string_view bytes, const DocumentPlace& place) {
    for (std::size_t i = 0; i < bytes.size();) {
      if (const std::size_t blank = blank_length(bytes, i); blank > 0) {
        blank_pending_ = true;
        i += blank;
        continue;
      }
      if (blank_pending_ && !text.empty()) put(tab_pending_ ? '\t' : ' ', place);
      blank_pending_ = tab_pending_ = false;
      char32_t cp = 0;
      const std::size_t length = std::max<std::size_t>(decode_utf8(bytes, i, cp), 1);
      text.append(bytes, i, length);
      places.insert(places.end(), length, place);
      i += length;
    }
  }

  void tab() { blank_pending_ = tab_pending_ = true; }

  void put(char c, const DocumentPlace& place) {
    text.push_back(c);
    places.push_back(place);
  }

  void append(const Piece& other) {
    text += other.text;
    places.insert(places.end(), other.places.begin(), other.places.end());
  }

  std::string text;
  std::vector<DocumentPlace> places;

 private:
  bool blank_pending_ = false;
  bool tab_pending_ = false;
};

// Where a paragraph's inline content goes: the pieces it breaks into (at w:br), and the text boxes
// anchored in it, read after it.
struct Inline {
  std::vector<Piece> pieces = std::vector<Piece>(1);
  std::vector<const xmlNode*> boxes;
  DocumentPlace place;
  bool in_cell = false;
};

// Elements that only wrap content of the level they stand at: a content control's content, custom
// XML, and the chosen branch of mc:AlternateContent.
template <typename Visit>
void each_wrapped(const xmlNode* parent, Visit visit) {
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (is_w(c, "sdt")) {
      if (const xmlNode* content = w_child(c, "sdtContent")) each_wrapped(content, visit);
    } else if (is_w(c, "customXml") || is_w(c, "sdtContent")) {
      each_wrapped(c, visit);
    } else if (is_mc(c, "AlternateContent")) {
      if (const xmlNode* branch = chosen_branch(c)) each_wrapped(branch, visit);
    } else {
      visit(c);
    }
  }
}

// The text boxes (w:txbxContent) inside a drawing or VML shape, one branch of each alternative.
void find_boxes(const xmlNode* node, std::vector<const xmlNode*>& boxes) {
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (is_w(c, "txbxContent")) {
      boxes.push_back(c);
    } else if (is_mc(c, "AlternateContent")) {
      if (const xmlNode* branch = chosen_branch(c)) find_boxes(branch, boxes);
    } else {
      find_boxes(c, boxes);
    }
  }
}

bool holds_table(const xmlNode* node) {
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (is_w(c, "tbl") || (c->type == XML_ELEMENT_NODE && holds_table(c))) return true;
  }
  return false;
}

class Writer {
 public:
  explicit Writer(Numbering& numbering) : numbering_(numbering) {}

  BodyText write(const xmlNode* body) {
    blocks(body, nullptr);
    return std::move(out_);
  }

 private:
  // Paragraphs and tables as lines: body paragraphs counted, or all at `cell` (a layout cell).
  void blocks(const xmlNode* parent, const DocumentPlace* cell) {
    each_wrapped(parent, [&](const xmlNode* c) {
      if (is_w(c, "p")) {
        DocumentPlace place;
        if (cell != nullptr) {
          place = *cell;
        } else {
          place.paragraph = ++paragraphs_;
        }
        Inline content = paragraph(c, place, false);
        for (const Piece& piece : content.pieces) end_line(piece);
        for (const xmlNode* box : content.boxes) blocks(box, cell);
      } else if (is_w(c, "tbl")) {
        table(c);
      }
    });
  }

  // A paragraph's inline content, with the number Word shows before it.
  Inline paragraph(const xmlNode* p, const DocumentPlace& place, bool in_cell) {
    Inline content;
    content.place = place;
    content.in_cell = in_cell;
    // A blank at the number's end stays pending: it is written before the paragraph's first character.
    content.pieces.back().add(numbering_.next(p), place);
    inline_content(p, content);
    return content;
  }

  void inline_content(const xmlNode* parent, Inline& content) {
    each_wrapped(parent, [&](const xmlNode* c) {
      if (is_w(c, "r")) {
        run(c, content);
      } else if (is_w(c, "ins") || is_w(c, "moveTo") || is_w(c, "hyperlink") || is_w(c, "smartTag") ||
                 is_w(c, "fldSimple") || is_w(c, "dir") || is_w(c, "bdo")) {
        inline_content(c, content);
      }
      // w:del and w:moveFrom (deleted text), w:pPr, bookmarks, comments and proofing marks: nothing shown.
    });
  }

  void run(const xmlNode* r, Inline& content) {
    if (is_on(w_child(w_child(r, "rPr"), "vanish"))) return;  // hidden text
    each_wrapped(r, [&](const xmlNode* c) {
      Piece& piece = content.pieces.back();
      if (is_w(c, "t")) {
        for (const xmlNode* t = c->children; t != nullptr; t = t->next) {
          if (t->type == XML_TEXT_NODE && t->content != nullptr) {
            piece.add(reinterpret_cast<const char*>(t->content), content.place);
          }
        }
      } else if (is_w(c, "tab") || is_w(c, "ptab")) {
        if (content.in_cell) {
          piece.add(" ", content.place);
        } else {
          piece.tab();
        }
      } else if (is_w(c, "br") || is_w(c, "cr")) {
        content.pieces.emplace_back();
      } else if (is_w(c, "noBreakHyphen")) {
        piece.add("-", content.place);
      } else if (is_w(c, "drawing") || is_w(c, "pict") || is_w(c, "object")) {
        find_boxes(c, content.boxes);
      }
      // w:delText, w:instrText (a field's code, not its result), w:sym, w:softHyphen: nothing shown.
    });
  }

  void table(const xmlNode* tbl) {
    const std::uint32_t number = ++tables_;
    std::uint32_t row_number = 0;
    each_wrapped(tbl, [&](const xmlNode* tr) {
      if (!is_w(tr, "tr")) return;
      ++row_number;
      if (w_child(w_child(tr, "trPr"), "del") != nullptr) return;  // a row deleted with changes tracked
      row(tr, DocumentPlace{0, 0, 0, 0, number, row_number, 0});
    });
  }

  // The cells a row shows: not those that go on a cell merged from the row above.
  static std::vector<const xmlNode*> shown_cells(const xmlNode* tr) {
    std::vector<const xmlNode*> cells;
    each_wrapped(tr, [&](const xmlNode* tc) {
      if (!is_w(tc, "tc")) return;
      const xmlNode* merge = w_child(w_child(tc, "tcPr"), "vMerge");
      if (merge != nullptr && w_attr(merge, "val").value_or("continue") != "restart") return;
      cells.push_back(tc);
    });
    return cells;
  }

  void row(const xmlNode* tr, DocumentPlace place) {
    const std::vector<const xmlNode*> cells = shown_cells(tr);
    bool layout = false;
    for (const xmlNode* tc : cells) layout |= holds_table(tc);
    if (layout) {  // a table that lays out the page: each cell's content as lines
      for (const xmlNode* tc : cells) {
        ++place.cell;
        blocks(tc, &place);
      }
      return;
    }
    std::vector<std::pair<DocumentPlace, Piece>> texts;
    bool any_text = false;
    for (const xmlNode* tc : cells) {
      ++place.cell;
      texts.emplace_back(place, cell_text(tc, place));
      any_text |= !texts.back().second.empty();
    }
    if (!any_text) return;
    Piece line;
    for (std::size_t k = 0; k < texts.size(); ++k) {
      if (k > 0) line.put('\t', texts[k - 1].second.empty() ? texts[k - 1].first : texts[k].first);
      line.append(texts[k].second);
    }
    end_line(line);
  }

  // A cell's paragraphs and line breaks joined into one text, with a blank only between two ASCII
  // letters or digits (a narrow header is written one character a paragraph).
  Piece cell_text(const xmlNode* tc, const DocumentPlace& place) {
    std::vector<Piece> pieces;
    cell_pieces(tc, place, pieces);
    Piece joined;
    for (const Piece& piece : pieces) {
      if (piece.empty()) continue;
      if (!joined.empty() && is_ascii_word(joined.text.back()) && is_ascii_word(piece.text.front())) {
        joined.put(' ', piece.places.front());
      }
      joined.append(piece);
    }
    return joined;
  }

  void cell_pieces(const xmlNode* parent, const DocumentPlace& place, std::vector<Piece>& pieces) {
    each_wrapped(parent, [&](const xmlNode* c) {
      if (!is_w(c, "p")) return;  // a table in a cell makes the row a layout row: not here
      Inline content = paragraph(c, place, true);
      for (Piece& piece : content.pieces) pieces.push_back(std::move(piece));
      for (const xmlNode* box : content.boxes) cell_pieces(box, place, pieces);
    });
  }

  void end_line(const Piece& line) {
    if (line.empty()) return;
    out_.text += line.text;
    out_.places.insert(out_.places.end(), line.places.begin(), line.places.end());
    out_.text.push_back('\n');
    out_.places.push_back(line.places.back());
  }

  Numbering& numbering_;
  BodyText out_;
  std::uint32_t paragraphs_ = 0;
  std::uint32_t tables_ = 0;
};

}  // namespace

BodyText body_text(const xmlDoc* document, Numbering& numbering) {
  const xmlNode* root = xmlDocGetRootElement(const_cast<xmlDoc*>(document));
  const xmlNode* body = is_w(root, "document") ? w_child(root, "body") : nullptr;
  if (body == nullptr) return {};
  return Writer(numbering).write(body);
}

}  // namespace xxgk::docx
