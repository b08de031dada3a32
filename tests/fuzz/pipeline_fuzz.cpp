// The whole pipeline on arbitrary bytes: decode → parse → lower → validate → JSON and diagnostics.
// Built with clang as a libFuzzer target (preset `fuzz`), and with any compiler as a replayer
// (replay_main.cpp) that runs the corpus and every kept crasher in the test suite.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <sstream>
#include <string>
#include <string_view>

#include "xxgk/xxgk.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  // Half the inputs are read as with --lossy, so that damaged text reaches the parser too.
  const auto invalid = size > 0 && (data[size - 1] & 1) != 0 ? xxgk::InvalidBytes::replace : xxgk::InvalidBytes::refuse;
  try {
    const xxgk::Source source =
        xxgk::Source::from_bytes(std::move(bytes), "fuzz", "auto", xxgk::kMaxReportBytes, invalid);
    const xxgk::Report report = xxgk::parse_report(source);
    // `xxgk batch` stores cells keyed by (report, key): a report never has a key twice.
    std::set<std::string_view> keys;
    for (const xxgk::Table* table : report.tables()) {
      for (const xxgk::Row& row : table->rows) {
        for (const xxgk::Cell& cell : row.cells) {
          if (!keys.insert(cell.key).second) std::abort();
        }
      }
    }
    const std::vector<xxgk::Finding> findings = xxgk::validate(report, source);
    std::string json = xxgk::to_json(report).dump();
    for (const xxgk::Finding& finding : findings) json += xxgk::to_json(finding, source.name()).dump();
    // What the CLI prints: the cell dump, and each finding with its source line and caret.
    std::ostringstream printed;
    xxgk::write_cells(report, printed);
    for (const xxgk::Finding& finding : findings) xxgk::write_diagnostic(finding, source, printed);
  } catch (const xxgk::InputError&) {
    // Unreadable input is an expected outcome: the CLI prints it with its position and exits 2.
  }
  return 0;
}
