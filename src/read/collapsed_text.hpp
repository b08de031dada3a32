// Text whose line breaks a crawler collapsed: a whole report body on one line, headings run into
// the prose and tables into one run (src/read/collapsed_text.cpp). Internal to the library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "xxgk/position_map.hpp"

namespace xxgk {

// Where a collapsed line is broken: before each byte offset listed (increasing, inside the line).
// A line is collapsed when it holds two or more section headings (`一、总体情况`, as the grammar
// words them): no report sets two on one line. It is broken before and after each heading, after
// each sentence (`。`), and after a colon outside brackets that introduces what follows
// (`表格如下：`), so that headings, prose and each table start lines of their own, as the grammar
// reads other text. Other lines are left as they are: the list is empty.
std::vector<std::size_t> collapsed_line_breaks(const std::string& text);

// Inserts a line break before each offset of `breaks` (collapsed_line_breaks) into `text`, and into
// `original_char` (the map of each byte of text to its original character) the original character
// of the byte it stands before: positions in the original file are unchanged, a line and a character
// column of the one long line.
void insert_line_breaks(std::string& text, PositionMap& original_char, const std::vector<std::size_t>& breaks);

}  // namespace xxgk
