// The PDF reader on arbitrary input, two ways chosen by the first byte. Even: the bytes as a PDF
// file (after `%PDF-`), through poppler and the layout. Odd: the bytes as words placed on pages
// (a page break, a place and a short text from a small alphabet of digits, Chinese label
// characters, numberings and dashes each), straight into the layout, which is where tables are
// read by geometry: rows, bands, wrapped labels and numbers, headers, page breaks. Then the rest
// of the pipeline. Every byte of the text must have a place on a page. Built like html_fuzz.cpp: a
// libFuzzer target with clang (preset `fuzz`), and a replayer in the test suite.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "outputs.hpp"
#include "src/read/pdf_document.hpp"
#include "xxgk/xxgk.hpp"

namespace {

// Words from bytes: 5 bytes a word.
std::vector<xxgk::pdf::Page> pages_of(const std::uint8_t* data, std::size_t size) {
  static constexpr char32_t kAlphabet[] = {U'0',  U'1',  U'7',  U'9',  U'.',  U'-', U'一', U'二', U'（', U'）',
                                           U'、', U'开', U'公', U'计', U'总', U'1', U'⑦',  U'/',  U'年', U'a'};
  std::vector<xxgk::pdf::Page> pages(1);
  pages.back().number = 1;
  pages.back().width = 595;
  pages.back().height = 842;
  for (std::size_t i = 0; i + 5 <= size; i += 5) {
    if (data[i] == 0xFF) {
      pages.push_back(pages.back());
      pages.back().words.clear();
      pages.back().number = static_cast<std::uint32_t>(pages.size());
    }
    xxgk::pdf::Word w;
    w.page = pages.back().number;
    w.font_size = data[i + 3] & 1 ? 12.0F : 10.5F;
    const float height = w.font_size * 1.3F;
    w.x0 = static_cast<float>(data[i + 1]) * 2.2F;
    w.y0 = static_cast<float>(data[i + 2]) * 3.2F + static_cast<float>(data[i] & 7);
    w.y1 = w.y0 + height;
    w.space_after = (data[i + 3] & 2) != 0;
    const std::size_t length = 1 + (data[i + 3] >> 6);
    float x = w.x0;
    for (std::size_t k = 0; k < length; ++k) {
      const char32_t cp = kAlphabet[(data[i + 4] + k * 7) % std::size(kAlphabet)];
      const float width = cp < 0x80 ? w.font_size * 0.55F : w.font_size;
      w.glyphs.push_back({cp, x, w.y0, x + width, w.y1});
      x += width;
    }
    w.x1 = x;
    pages.back().words.push_back(std::move(w));
  }
  return pages;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  try {
    xxgk::Source source = [&] {
      if ((data[0] & 1) == 0) {
        std::string bytes = "%PDF-";
        bytes.append(reinterpret_cast<const char*>(data + 1), size - 1);
        return xxgk::Source::from_bytes(std::move(bytes), "fuzz.pdf");
      }
      return xxgk::Source::from_extracted(xxgk::pdf_text(pages_of(data + 1, size - 1)), "fuzz.pdf");
    }();
    if (source.kind() != "pdf") std::abort();
    for (std::size_t i = 0; i <= source.text().size(); ++i) {
      const xxgk::SourcePos pos = source.position(i);
      if (pos.line == 0 || pos.column == 0 || pos.place.page == 0) std::abort();
    }
    const xxgk::Report report = xxgk::parse_report(source);
    xxgk::fuzz::write_everything(source, report);
  } catch (const xxgk::InputError&) {
    // A file that cannot be read (damaged, locked, no text): exit 2.
  }
  return 0;
}
