// corpus_cells: a corpus case's expected cells, and the comparison that fails whenever a cell is
// lost. The corpus used to pass a cell that came out unresolved as soon as some finding named it,
// so a lowering that lost cells (X1 switched off) still passed; here every unresolved cell must be
// listed, with a reason, in the case's X.unresolved, and every other difference is a failure.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "xxgk/xxgk.hpp"

namespace corpus {

// One line of `xxgk cells`: key, raw text, "line:col". pos is "" where the expectation has no
// positions (the synthetic truth): then only the text is compared.
struct CellLine {
  std::string key;
  std::string raw;
  std::string pos;
  bool unresolved = false;  // only for cells read from a report
};

struct Expectation {
  std::string cells_name;       // file the cells come from, for messages ("documents/X.cells")
  std::string unresolved_name;  // file that lists the cells allowed to be unresolved
  std::vector<CellLine> cells;
  std::map<std::string, std::string> unresolved;  // key → why it is left unresolved
  std::vector<std::string> notes;                 // X.unresolved's comment lines, kept by an update
  std::vector<std::string> problems;              // malformed lines of the expectation files
};

// The cells of a report in `xxgk cells` order, with their state.
std::vector<CellLine> cells_of(const xxgk::Report& report);

// "line:col", and for a document with places (a Word file) "line:col place" ("18:4 table 1, row 3,
// cell 2").
std::string position_text(const xxgk::SourcePos& pos);

// The text `xxgk cells` prints for these cells.
std::string cells_text(const std::vector<CellLine>& cells);

// Reads X.cells (absent: no cells) and X.unresolved (absent: none allowed). `root` makes the
// names in messages relative to tests/corpus.
Expectation read_expectation(const std::filesystem::path& cells_file, const std::filesystem::path& unresolved_file,
                             const std::filesystem::path& root);

// Reads only X.unresolved into `e` (the synthetic cases take their cells from the truth).
void read_unresolved(const std::filesystem::path& file, Expectation& e);

// Every difference between the expectation and what was read, one message each, naming the key
// and expected vs got: a missing, extra or twice-read cell, a value or position that differs, an
// unresolved cell not listed, a listed cell that is not unresolved, an unresolved cell no X2 or
// A1 finding names, a listed cell without a reason.
std::vector<std::string> compare(const Expectation& expected, const std::vector<CellLine>& got,
                                 const std::vector<xxgk::Finding>& findings);

// Cells an update would lose against the old expectation: cells it had that are now missing, and
// unresolved cells it does not list. An update records them only when told to (--accept-lost).
std::vector<std::string> lost_cells(const Expectation& old, const std::vector<CellLine>& got);

// The X.unresolved text for the cells read: the old file's comment lines (else a header), then each
// cell with its old reason, else the X2 or A1 finding that names it. "" when no cell is unresolved.
std::string unresolved_text(const Expectation& old, const std::vector<CellLine>& got,
                            const std::vector<xxgk::Finding>& findings);

}  // namespace corpus
