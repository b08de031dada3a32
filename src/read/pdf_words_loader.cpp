// read_words through the module xxgk_pdf.so (pdf_words.cpp): poppler is loaded with the first PDF
// a process reads, not at every start.
#include "src/module.hpp"
#include "src/read/pdf_words.hpp"
#include "xxgk/deadline.hpp"

namespace xxgk::pdf {

std::vector<Page> read_words(std::string_view bytes) {
  static const auto entry = reinterpret_cast<ReadWordsEntry>(module_symbol(kPdfModule, kReadWordsSymbol));
  std::vector<Page> out;
  entry(bytes, check_deadline, out);
  return out;
}

}  // namespace xxgk::pdf
