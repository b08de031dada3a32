// Word files: recognised here, read by the module xxgk_docx.so (word_document.cpp), loaded with the
// first Word file a process reads, not at every start.
#include "src/module.hpp"
#include "src/read/word_document.hpp"

namespace xxgk {
namespace {

constexpr std::string_view kZipMagic = "PK\x03\x04";

}  // namespace

bool is_word_document(std::string_view bytes) {
  return bytes.substr(0, kZipMagic.size()) == kZipMagic && bytes.find("word/document.xml") != std::string_view::npos;
}

ExtractedText read_word_document(std::string_view bytes) {
  static const auto entry =
      reinterpret_cast<ReadWordDocumentEntry>(module_symbol(kWordModule, kReadWordDocumentSymbol));
  ExtractedText out;
  entry(bytes, out);
  return out;
}

}  // namespace xxgk
