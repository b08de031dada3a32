// The one label matcher of table 三: which row a written label names. The grammar's rules read the
// labels they know exactly (grammar/table3.hpp); everything else that may be a label goes through
// here: rows the grammar could not name, and the labels every region reader finds
// (src/lower/layout_table.cpp, src/lower/block_table.cpp).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "xxgk/keys.hpp"

namespace xxgk {

// A written label may differ from a wording of the format in one character of four (a typo, a
// character dropped, doubled or replaced by extraction); with more it names no row. The threshold
// is the one the grammar path has always used; a closer label is read as its row and reported
// (F4) with both texts.
inline constexpr std::size_t kLabelCharactersPerEdit = 4;

struct LabelMatch {
  const RowSpec* row = nullptr;           // the row named; null when none is close enough, or two are
  const LabelWording* wording = nullptr;  // the wording it was matched with
  std::size_t edits = 0;                  // characters of that wording not written as such
  const RowSpec* rival = nullptr;         // a second row that matches as well: then no row is chosen
  bool loose = false;                     // read as a label cut short or with characters lost
  [[nodiscard]] bool ambiguous() const { return rival != nullptr; }
};

// A label written on its own (a row's label cell): numbering of any style, a note in brackets
// and blanks dropped, then compared with each wording by edit distance. Rows whose flag in `taken`
// is set (indexed like `rows`) are not candidates.
LabelMatch match_label(std::string_view written, std::span<const RowSpec> rows, const std::vector<bool>& taken = {});

// The labels of a run of rows read in table order, each row given as the texts around it that may
// hold its label (`windows[r]`, e.g. up to the blank lines that set it apart, and up to the next
// rows): every wording is scored on each window by its longest common subsequence with it (characters
// found, less the characters of the wording missing from it), and rows get labels in the format's order (a row's label
// comes after the label of the row above it), the assignment that finds the most. So a window that holds the start of
// the next row's label, or a short label inside a longer one (`其他`), cannot take a label that a later row holds
// better. Rows that no label fits stay null.
std::vector<LabelMatch> match_labels_in_order(const std::vector<std::vector<std::u32string>>& windows,
                                              std::span<const RowSpec> rows);

// The label without its numbering (`一、`, `(一)`, `1.`, `1、`, `(1)`, `①`) and blanks, numbering
// as the grammar reads it (grammar/common.hpp).
std::string strip_numbering(std::string_view label);

}  // namespace xxgk
