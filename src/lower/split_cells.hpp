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

// The split readings the check accepts (every one when `check` is null).
using ReadingCheck = bool (*)(const std::vector<double>&);
std::vector<Reading> readings_that_hold(const std::vector<std::string>& tokens, std::size_t columns,
                                        ReadingCheck check);

// Columns for the cells of a row with blank cells, from where the cells stand (`x`) against where
// the columns stand (`centres`), in the same units: the choice whose gaps match the columns' gaps
// best, then whose cells sit nearest their columns. Nothing when no choice is clearly the best.
std::optional<std::vector<std::size_t>> columns_by_position(const std::vector<double>& x,
                                                            const std::vector<double>& centres);

// A cell of a row whose cells ran together holds at most this many digits: the counts of these
// reports stay below a million, and each digit more per cell multiplies the readings to try.
inline constexpr std::size_t kMaxCellDigits = 6;
// Rows with more readings than this are not searched: they are left unresolved (X2) as too many to
// tell. They are counted first, a few operations a digit, so that the search never spends more
// than this many readings on a row, whatever its digits (issue #12: a search that stopped only
// after 200,000 steps made such rows cost 12 ms a KB).
inline constexpr std::size_t kMaxReadings = 1000;

// Readings of one digit string whose cells ran together when whitespace was collapsed
// (`21710000218` → 217 1 0 0 0 0 218), as `columns` numbers of at most `max_digits` digits, that
// `check` accepts (every one when null), in the order of their numbers as strings. `complete` is
// false when there were more than kMaxReadings readings in all: then none is listed, as none can
// be shown to be the only one.
struct RunTogetherFits {
  std::vector<std::vector<std::string>> readings;
  bool complete = true;
  // Numbers the search cut: each leads to a reading, so at most columns × kMaxReadings. Kept to
  // show that bound in tests without timing anything.
  std::size_t steps = 0;
};
// `max_readings` raises the bound for a caller that has more relations to narrow what it lists
// (src/lower/column_sums.cpp).
RunTogetherFits run_together_fits(const std::string& digits, std::size_t columns, ReadingCheck check,
                                  std::size_t max_digits = kMaxCellDigits, std::size_t max_readings = kMaxReadings);
// Every reading (no check), as above; `complete` (when given) tells whether they were listed.
std::vector<std::vector<std::string>> run_together_readings(const std::string& digits, std::size_t columns,
                                                            std::size_t max_digits = kMaxCellDigits,
                                                            bool* complete = nullptr);

// Readings of a run that holds a decimal point (`547.9659`, an amount): every cut into `columns`
// numbers as a table writes them (no 0 before other digits, the point inside a number) that
// `check` accepts; `complete` false past kMaxReadings.
RunTogetherFits decimal_run_fits(const std::string& digits, std::size_t columns, ReadingCheck check);

// Adds to `readings` those of `digits` as columns - 1 numbers and one blank cell (read as 0) that
// `check` accepts, as text with `_` for the blank (`14382 0 0 0 _ 0 14382`); none when there are
// too many to list.
void add_readings_with_a_blank(const std::string& digits, std::size_t columns, ReadingCheck check,
                               std::vector<std::string>& readings);

}  // namespace xxgk
