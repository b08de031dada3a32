// The text of table 三 set as label and number blocks (PDF text in reading order), as
// src/lower/block_table.cpp reads it: tokens, lines of page furniture, paragraphs, and the ways a
// paragraph of wrapped numbers reads.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk::block_text {

struct Token {
  std::string text;
  std::size_t offset;
  bool number;
};

bool is_number(std::string_view s);
bool is_token_blank(char c);

// The tokens of a line: runs of characters between blanks.
std::vector<Token> tokens_of(std::string_view text, std::size_t begin, std::size_t end);

// A line of page furniture by the grammar's rules (a page number with its marks, a running head, a
// bare number that continues the page sequence as a page's last line): no cell of the table.
bool is_furniture(std::string_view text, std::size_t line_start);

// A paragraph of the text: lines up to a blank line or a page break.
struct TextBlock {
  std::vector<std::vector<Token>> lines;
  [[nodiscard]] bool has_text() const;
};

std::vector<TextBlock> blocks_of(std::string_view text, std::size_t begin, std::size_t end);

// A paragraph of numbers on more than one line: the numbers of a row whose wide cells wrapped. A
// row is as tall as its wrapped cells, and its other cells stand centred in it or at its top: the
// wrapped numbers' first halves come on the first line, maybe beside whole numbers, the whole
// numbers of the cells centred beside them on the lines after (`1245`, `2847`, `3`; `814 1623`,
// `28 17`, `9`, `4`), and the second halves last, in the order of their first halves. The cells
// are the first line's numbers (joined where wrapped), then the whole ones after it. Which of the
// first line's numbers wrapped the text does not show (`0 136`, `39`; `93 123`, `17`, `73 93`):
// each choice is a reading, and the arithmetic keeps one. A first half has no leading 0.
std::vector<std::vector<Token>> wrapped_readings(const TextBlock& p);

}  // namespace xxgk::block_text
