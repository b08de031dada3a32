// The whole pipeline on arbitrary bytes: decode → parse → lower → validate → JSON and diagnostics.
// Built with clang as a libFuzzer target (preset `fuzz`), and with any compiler as a replayer
// (replay_main.cpp) that runs the corpus and every kept crasher in the test suite.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "outputs.hpp"
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
    xxgk::fuzz::write_everything(source, report);
  } catch (const xxgk::InputError&) {
    // Unreadable input is an expected outcome: the CLI prints it with its position and exits 2.
  }
  return 0;
}
