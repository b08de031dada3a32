// Table 三 as label and number blocks (src/lower/block_table.cpp): the two streams of numbers the
// paragraphs give, and the readings of the table's rows from them that keep each row's total (A1).
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "src/lower/block_text.hpp"
#include "xxgk/keys.hpp"

namespace xxgk::block_rows {

using block_text::TextBlock;
using block_text::Token;

// A group of numbers side by side in a label's paragraph, with the label text around it.
struct Anchor {
  std::vector<Token> numbers;  // numbers side by side on a line of a label's paragraph
  std::u32string around;       // the label text from the previous such numbers to the next
  // The last numbers of a paragraph: their label may go on in the paragraphs after it (past the
  // row's other numbers, or a page break), up to the next paragraph with numbers in its text.
  std::u32string further;
};

// The numbers inside paragraphs with text (a row's first cells, set close to its label), and those
// that stand alone, each in the text's order.
struct Streams {
  std::vector<Token> leads, rests;
  std::vector<std::vector<Anchor>> anchors;  // by paragraph with label text
};

// The streams, with the w-th paragraph of numbers on more than one line read as `choice[w]` of its
// wrapped_readings; nothing when a choice is past them.
std::optional<Streams> streams_of(const std::vector<TextBlock>& paragraphs, std::span<const std::size_t> choice);

using Reading = std::vector<std::vector<Token>>;  // a row's cells, row by row

// More readings than this prove nothing.
inline constexpr std::size_t kMaxReadings = 256;

// The blanks (cells that print nothing) a table of `rows` rows has with `numbers` numbers, when
// that many may be.
std::optional<std::size_t> blanks_of(std::size_t rows, std::size_t numbers);

struct TableReadings {
  std::vector<Reading> readings;
  bool one_row_broken = false;  // each reading has one row whose total does not hold
};

// Every reading of the table's rows (`specs`, in order) from the streams that keeps each row's
// total, or with one row that breaks it when none does; nothing when too many.
std::optional<TableReadings> table_readings(const Streams& s, std::span<const RowSpec> specs);

}  // namespace xxgk::block_rows
