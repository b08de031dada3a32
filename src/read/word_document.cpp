// Word files: the parts out of the zip archive (docx_archive), parsed (docx_xml), numbering
// counted (docx_numbering) and the body written as lines with places (docx_text). The module
// xxgk_docx.so, loaded with the first Word file a process reads (word_document_loader.cpp).
#include "src/read/word_document.hpp"

#include <type_traits>

#include <fmt/format.h>

#include "src/module.hpp"
#include "src/read/docx_archive.hpp"
#include "src/read/docx_numbering.hpp"
#include "src/read/docx_text.hpp"
#include "src/read/docx_xml.hpp"

namespace xxgk {
namespace {

docx::XmlDoc optional_part(const docx::Archive& archive, const char* name) {
  const std::optional<std::string> bytes = archive.part(name);
  return bytes ? docx::parse_part(*bytes, name) : nullptr;
}

ExtractedText word_document_text(std::string_view bytes) {
  const docx::Archive archive(bytes);
  const std::optional<std::string> main = archive.part("word/document.xml");
  if (!main) {
    throw InputError(
        "a zip archive without word/document.xml: not a Word file (DOCX); unpack it and check the "
        "reports inside",
        {1, 1});
  }
  const docx::XmlDoc document = docx::parse_part(*main, "word/document.xml");
  const docx::XmlDoc numbering_part = optional_part(archive, "word/numbering.xml");
  const docx::XmlDoc styles_part = optional_part(archive, "word/styles.xml");
  docx::Numbering numbering(numbering_part.get(), styles_part.get());
  docx::BodyText body = docx::body_text(document.get(), numbering);
  if (body.text.find_first_not_of(" \t\n") == std::string::npos) {
    throw InputError("a Word file (DOCX) with no text in its body", {1, 1});
  }
  // The text is bounded as a text file is: the parser's memory grows with it.
  if (body.text.size() > kMaxReportBytes) {
    throw InputError(fmt::format("a Word file (DOCX) whose text is {} MB, more than a report's {} MB",
                                 body.text.size() >> 20, kMaxReportBytes >> 20),
                     {1, 1});
  }
  ExtractedText out;
  out.kind = "docx";
  out.encoding = "UTF-8";
  // The reader's text is the document's original: each byte maps to its own character, and each
  // character has its place.
  out.original_char.reserve(body.text.size());
  std::uint32_t characters = 0;
  for (std::size_t i = 0; i < body.text.size(); ++i) {
    // Counted as code_point_count counts (libxml2 gives valid UTF-8, so no text starts mid-character).
    if ((static_cast<unsigned char>(body.text[i]) & 0xC0) != 0x80) {
      out.places.push_back(body.places[i]);
      ++characters;
    }
    out.original_char.push_back(characters == 0 ? 0 : characters - 1);
  }
  out.text = body.text;
  out.original = std::move(body.text);
  return out;
}

}  // namespace
}  // namespace xxgk

XXGK_MODULE_ENTRY void xxgk_docx_read(std::string_view bytes, xxgk::ExtractedText& out) {
  static_assert(std::is_same_v<decltype(&xxgk_docx_read), xxgk::ReadWordDocumentEntry>);
  out = xxgk::word_document_text(bytes);
}
