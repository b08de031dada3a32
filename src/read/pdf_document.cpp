// The laid-out lines of a PDF written as text, with each character's place.
#include "src/read/pdf_document.hpp"

#include "src/read/pdf_layout.hpp"
#include "src/read/pdf_words.hpp"
#include "src/text.hpp"

namespace xxgk {
namespace {

// Letters between which a line break inside a cell needs a space (Latin words); a Chinese label
// or a number wrapped in its cell joins without one.
bool is_latin(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Words below this fraction of their height apart, with no space after the first, join without one.
constexpr float kWordGap = 0.2F;

class Writer {
 public:
  explicit Writer(ExtractedText& out) : out_(out) {}

  void put(char32_t cp, const DocumentPlace& place) {
    const std::size_t before = out_.text.size();
    append_utf8(out_.text, cp);
    out_.original_char.insert(out_.original_char.end(), out_.text.size() - before, characters_++);
    out_.places.push_back(place);
    last_ = cp;
  }

  void word(const pdf::Word& w) {
    for (const pdf::Glyph& g : w.glyphs) put(g.cp, {w.page, g.x0, g.y0, 0, 0, 0, 0});
  }

  void cell(const pdf::Cell& cell) {
    const pdf::Word* previous = nullptr;
    for (std::size_t l = 0; l < cell.lines.size(); ++l) {
      for (const pdf::Word* w : cell.lines[l]) {
        if (previous != nullptr) {
          const bool same_line = previous->y0 < w->y1 && w->y0 < previous->y1 && w->x0 >= previous->x1 - 1;
          const bool space = same_line ? previous->space_after || w->x0 - previous->x1 > kWordGap * w->height()
                                       : is_latin(last_) && is_latin(w->glyphs.front().cp);
          if (space) put(' ', {previous->page, previous->x1, previous->y0, 0, 0, 0, 0});
        }
        word(*w);
        previous = w;
      }
    }
  }

  [[nodiscard]] char32_t last() const { return last_; }

 private:
  ExtractedText& out_;
  std::uint32_t characters_ = 0;
  char32_t last_ = 0;
};

}  // namespace

ExtractedText read_pdf(std::string_view bytes) {
  return pdf_text(pdf::read_words(bytes));
}

ExtractedText pdf_text(const std::vector<pdf::Page>& pages) {
  ExtractedText out;
  out.kind = "pdf";
  out.encoding = "UTF-8";
  Writer writer(out);
  for (const pdf::Line& line : pdf::lay_out(pages)) {
    DocumentPlace end;
    for (std::size_t c = 0; c < line.cells.size(); ++c) {
      const pdf::Cell& cell = line.cells[c];
      const DocumentPlace at{cell.page, cell.x, cell.y, 0, 0, 0, 0};
      // A tab has the place of the cell it opens, but the one after an empty cell has the empty
      // cell's: lowering puts a blank cell at the tab that ends its empty field.
      if (c > 0) writer.put('\t', line.cells[c - 1].lines.empty() ? end : at);
      writer.cell(cell);
      end = at;
    }
    writer.put('\n', end);
  }
  out.original = out.text;
  return out;
}

}  // namespace xxgk
