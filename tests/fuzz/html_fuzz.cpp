// The web page reader on arbitrary bytes: the charset a page declares, libxml2's parse, the text of
// a browser's copy and its map back, then the rest of the pipeline. Every byte of the text must map
// to a place inside the page. Built like pipeline_fuzz.cpp: a libFuzzer target with clang (preset
// `fuzz`), and a replayer that runs the seeds, the corpus and every kept crasher in the test suite.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "outputs.hpp"
#include "xxgk/xxgk.hpp"

namespace {

std::size_t characters_in(std::string_view line) {
  std::size_t n = 0;
  for (const char c : line) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Whatever the bytes start with, they are read as a page: recognising one is the pipeline's test.
  std::string bytes = "<!DOCTYPE html>";
  bytes.append(reinterpret_cast<const char*>(data), size);
  const auto invalid = size > 0 && (data[size - 1] & 1) != 0 ? xxgk::InvalidBytes::replace : xxgk::InvalidBytes::refuse;
  try {
    const xxgk::Source source =
        xxgk::Source::from_bytes(std::move(bytes), "fuzz.html", "auto", xxgk::kMaxReportBytes, invalid);
    if (source.kind() != "html") std::abort();
    // Each byte of the text at a character of the page: on a line of it, at most at its line end
    // (a CR LF is two characters past the last one).
    for (std::size_t i = 0; i <= source.text().size(); ++i) {
      const xxgk::SourcePos pos = source.position(i);
      if (pos.line == 0 || pos.column == 0) std::abort();
      if (pos.column > characters_in(source.original_line(pos.line)) + 2) std::abort();
    }
    const xxgk::Report report = xxgk::parse_report(source);
    xxgk::fuzz::write_everything(source, report);
  } catch (const xxgk::InputError&) {
    // A page that cannot be read (no text, nested too deep, bytes not in its encoding): exit 2.
  }
  return 0;
}
