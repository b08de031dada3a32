// Numbers that extraction split or ran together (spec §7; issue #3): every way of reading the
// written digits as a row's cells. The caller keeps the readings its rules accept.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace xxgk {

// Readings of `tokens` (digit strings, more of them than `columns`) as `columns` numbers:
//  - a wide number spaced apart: adjacent tokens join (`136` `12` → 13612);
//  - a number wrapped inside its PDF cell: the first `columns` tokens are the cells and each later
//    token continues one of them, left to right (`… 844` then `8` → 8448).
// A number never starts with 0 unless it is 0. Each reading appears once.
struct Reading {
  std::vector<std::string> numbers;
  std::vector<std::size_t> first_token;  // for each number, the token it starts with
  friend bool operator<(const Reading& a, const Reading& b) { return a.numbers < b.numbers; }
};
std::vector<Reading> split_readings(const std::vector<std::string>& tokens, std::size_t columns);

// A row's own rule on a reading: the applicant columns add up to the total (A1 of table 三).
bool row_total_holds(const std::vector<double>& values);
// The split readings the check accepts (every one when `check` is null).
using ReadingCheck = bool (*)(const std::vector<double>&);
std::vector<Reading> readings_that_hold(const std::vector<std::string>& tokens, std::size_t columns,
                                        ReadingCheck check);

// Columns for the cells of a row with blank cells, from where the cells stand (`x`) against where
// the columns stand (`centres`), in the same units: the choice whose gaps match the columns' gaps
// best, then whose cells sit nearest their columns. Nothing when no choice is clearly the best.
std::optional<std::vector<std::size_t>> columns_by_position(const std::vector<double>& x,
                                                            const std::vector<double>& centres);

// Readings of one digit string whose cells ran together when whitespace was collapsed
// (`21710000218` → 217 1 0 0 0 0 218), as `columns` numbers of at most `max_digits` digits.
// The search is bounded; `complete` (when given) tells whether it saw every reading.
std::vector<std::vector<std::string>> run_together_readings(const std::string& digits, std::size_t columns,
                                                            std::size_t max_digits = 6, bool* complete = nullptr);

}  // namespace xxgk
