// The Word reader on arbitrary bytes. An input that starts like a zip archive is read as it is (the
// archive's checks: damaged, truncated, bombs, encryption); any other input is the XML of a Word
// file, wrapped into one by libzip: word/document.xml, and word/numbering.xml after a line
// "--numbering--" (the body walker and the numbering counters). Then the rest of the pipeline. Every
// character of the text must have its place in the document. Built like html_fuzz.cpp: a libFuzzer
// target with clang (preset `fuzz`), and a replayer that runs the seeds and every kept crasher in
// the test suite.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <zip.h>

#include "outputs.hpp"
#include "xxgk/xxgk.hpp"

namespace {

// A zip archive of the parts, stored (not compressed: the fuzzer's time goes to the reader).
std::string stored_zip(std::string_view document, std::string_view numbering) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* archive = buffer == nullptr ? nullptr : zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (archive == nullptr) std::abort();
  zip_source_keep(buffer);
  const auto add = [&](const char* name, std::string_view bytes) {
    zip_source_t* part = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
    const zip_int64_t index = zip_file_add(archive, name, part, 0);
    if (index < 0) std::abort();
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  };
  add("word/document.xml", document);
  if (!numbering.empty()) add("word/numbering.xml", numbering);
  if (zip_close(archive) != 0 || zip_source_open(buffer) != 0) std::abort();
  zip_source_seek(buffer, 0, SEEK_END);
  std::string out(static_cast<std::size_t>(zip_source_tell(buffer)), '\0');
  zip_source_seek(buffer, 0, SEEK_SET);
  if (zip_source_read(buffer, out.data(), out.size()) != static_cast<zip_int64_t>(out.size())) std::abort();
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string bytes;
  if (input.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    bytes = input;
    if (bytes.find("word/document.xml") == std::string::npos) return 0;  // not read as a Word file
  } else {
    constexpr std::string_view kSeparator = "\n--numbering--\n";
    const std::size_t split = input.find(kSeparator);
    bytes = split == std::string_view::npos
                ? stored_zip(input, {})
                : stored_zip(input.substr(0, split), input.substr(split + kSeparator.size()));
  }
  try {
    const xxgk::Source source = xxgk::Source::from_bytes(std::move(bytes), "fuzz.docx");
    if (source.kind() != "docx") std::abort();
    // Each byte of the text at a character of the reader's text, and that character in the
    // document: a paragraph, or a table's row and cell.
    for (std::size_t i = 0; i <= source.text().size(); ++i) {
      const xxgk::SourcePos pos = source.position(i);
      if (pos.line == 0 || pos.column == 0) std::abort();
      if (pos.place.paragraph == 0 && (pos.place.table == 0 || pos.place.row == 0 || pos.place.cell == 0)) {
        std::abort();
      }
    }
    const xxgk::Report report = xxgk::parse_report(source);
    xxgk::fuzz::write_everything(source, report);
  } catch (const xxgk::InputError&) {
    // A file that cannot be read (damaged, a bomb, encrypted, not well formed, no text): exit 2.
  }
  return 0;
}
