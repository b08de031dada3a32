#include "src/lower/split_cells.hpp"
#include "src/lower/number.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>
#include <tuple>

#include "xxgk/deadline.hpp"

namespace xxgk {
namespace {

bool well_formed(const std::string& number) {
  return !number.empty() && (number.size() == 1 || number[0] != '0');
}

bool all_well_formed(const std::vector<std::string>& numbers) {
  return std::all_of(numbers.begin(), numbers.end(), well_formed);
}

// The readings of split tokens that a check accepts, each kept once. Each reading is checked
// before it is kept: most fail their row's total, and keeping one in the set costs more than
// checking it.
struct SplitSearch {
  const std::vector<std::string>& tokens;
  std::size_t columns;
  ReadingCheck check;
  std::set<Reading> out;
  std::vector<double> values;

  void keep(const Reading& r) {
    if (!all_well_formed(r.numbers)) return;
    if (check != nullptr) {
      values.clear();
      for (const auto& n : r.numbers) values.push_back(number_value(n));
      if (!check(values)) return;
    }
    out.insert(r);
  }

  // Adjacent tokens joined into `groups` consecutive groups.
  void adjacent(std::size_t from, std::size_t groups, Reading& current) {
    const std::size_t left = tokens.size() - from;
    if (groups == 0) {
      if (left == 0) keep(current);
      return;
    }
    poll_deadline();
    // Each group takes at least one token and leaves one for every later group.
    for (std::size_t take = 1; take + (groups - 1) <= left; ++take) {
      std::string joined;
      for (std::size_t i = from; i < from + take; ++i) joined += tokens[i];
      current.numbers.push_back(joined);
      current.first_token.push_back(from);
      adjacent(from + take, groups - 1, current);
      current.numbers.pop_back();
      current.first_token.pop_back();
    }
  }

  // The first `columns` tokens are heads; each later token continues a head, heads strictly increasing.
  void wrapped(std::size_t tail, std::size_t min_head, Reading& current) {
    if (columns + tail == tokens.size()) {
      keep(current);
      return;
    }
    for (std::size_t head = min_head; head < columns; ++head) {
      const std::string before = current.numbers[head];
      current.numbers[head] += tokens[columns + tail];
      wrapped(tail + 1, head + 1, current);
      current.numbers[head] = before;
    }
  }

  std::vector<Reading> run() {
    if (columns == 0 || tokens.size() <= columns) return {};
    Reading current;
    adjacent(0, columns, current);
    Reading heads;
    for (std::size_t i = 0; i < columns; ++i) {
      heads.numbers.push_back(tokens[i]);
      heads.first_token.push_back(i);
    }
    wrapped(0, 0, heads);
    return {out.begin(), out.end()};
  }
};

}  // namespace

std::vector<Reading> split_readings(const std::vector<std::string>& tokens, std::size_t columns) {
  return SplitSearch{tokens, columns, nullptr, {}, {}}.run();
}

std::vector<Reading> readings_that_hold(const std::vector<std::string>& tokens, std::size_t columns,
                                        ReadingCheck check) {
  return SplitSearch{tokens, columns, check, {}, {}}.run();
}

std::optional<std::vector<std::size_t>> columns_by_position(const std::vector<double>& x,
                                                            const std::vector<double>& centres) {
  const std::size_t m = x.size(), columns = centres.size();
  if (m == 0 || m > columns) return std::nullopt;
  struct Choice {
    std::vector<std::size_t> columns;
    double gap_error, position_error;
  };
  std::vector<Choice> choices;
  std::vector<bool> filled(columns, false);
  std::fill(filled.end() - static_cast<long>(m), filled.end(), true);
  do {
    Choice choice{{}, 0, 0};
    for (std::size_t c = 0; c < columns; ++c) {
      if (filled[c]) choice.columns.push_back(c);
    }
    for (std::size_t i = 0; i < m; ++i) {
      const double centre = centres[choice.columns[i]];
      choice.position_error += std::abs(centre - x[i]);
      if (i > 0) {
        const double expected = centre - centres[choice.columns[i - 1]];
        choice.gap_error = std::max(choice.gap_error, std::abs((x[i] - x[i - 1]) - expected));
      }
    }
    choices.push_back(std::move(choice));
  } while (std::next_permutation(filled.begin(), filled.end()));
  std::sort(choices.begin(), choices.end(), [](const Choice& a, const Choice& b) {
    return std::tie(a.gap_error, a.position_error) < std::tie(b.gap_error, b.position_error);
  });
  const Choice& best = choices.front();
  const bool clear = choices.size() == 1 || choices[1].gap_error > best.gap_error + 1.5 ||
                     choices[1].position_error > best.position_error + 2.0 * static_cast<double>(m);
  if (best.gap_error > 2.5 || !clear) return std::nullopt;
  return best.columns;
}

RunTogetherFits run_together_fits(const std::string& digits, std::size_t columns, ReadingCheck check,
                                  std::size_t max_digits, std::size_t max_readings) {
  RunTogetherFits fits;
  const std::size_t n = digits.size();
  // Too few digits, or too many: no reading at all, and nothing to search.
  if (n < columns || n > columns * max_digits) return fits;
  const auto number_at = [&](std::size_t from, std::size_t take) {
    return take <= n - from && (take == 1 || digits[from] != '0');
  };
  // ways[i * (columns + 1) + k]: the readings of digits[i..] as k numbers, counted up to one past
  // kMaxReadings. Counting first costs a few operations a digit; enumerating costs a step a
  // reading, and a run of non-zero digits has tens of thousands of readings.
  const std::size_t stride = columns + 1;
  std::vector<std::size_t> ways((n + 1) * stride, 0);
  ways[n * stride] = 1;
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t k = 1; k <= columns; ++k) {
      std::size_t sum = 0;
      for (std::size_t take = 1; take <= max_digits && number_at(i, take); ++take) {
        sum = std::min(sum + ways[(i + take) * stride + k - 1], max_readings + 1);
      }
      ways[i * stride + k] = sum;
    }
  }
  if (ways[columns] > max_readings) {
    fits.complete = false;
    return fits;
  }
  // Depth first, shortest number first: readings come in the order of their numbers as strings.
  // Only cuts that some reading completes are followed, so each step leads to a reading.
  std::vector<double> values(columns);
  std::vector<std::size_t> starts(columns + 1, 0);
  auto go = [&](auto& self, std::size_t from, std::size_t k) -> void {
    if (k == columns) {
      if (check != nullptr && !check(values)) return;
      std::vector<std::string> reading;
      for (std::size_t c = 0; c < columns; ++c) reading.push_back(digits.substr(starts[c], starts[c + 1] - starts[c]));
      fits.readings.push_back(std::move(reading));
      return;
    }
    poll_deadline();
    double value = 0;
    for (std::size_t take = 1; take <= max_digits && number_at(from, take); ++take) {
      value = value * 10 + (digits[from + take - 1] - '0');
      if (ways[(from + take) * stride + columns - k - 1] == 0) continue;
      values[k] = value;
      starts[k + 1] = from + take;
      ++fits.steps;
      self(self, from + take, k + 1);
    }
  };
  go(go, 0, 0);
  return fits;
}

std::vector<std::vector<std::string>> run_together_readings(const std::string& digits, std::size_t columns,
                                                            std::size_t max_digits, bool* complete) {
  RunTogetherFits fits = run_together_fits(digits, columns, nullptr, max_digits);
  if (complete != nullptr) *complete = fits.complete;
  return std::move(fits.readings);
}

// A run with a decimal point (`547.9659`, an amount): every cut into `columns` numbers as a table
// writes them (no 0 before other digits, the point inside a number), that `check` accepts.
RunTogetherFits decimal_run_fits(const std::string& digits, std::size_t columns, ReadingCheck check) {
  RunTogetherFits fits;
  std::vector<std::string> current;
  std::vector<double> values;
  const auto number = [](std::string_view n) {
    const std::size_t point = n.find('.');
    const std::string_view whole = n.substr(0, point);
    if (whole.empty() || (whole.size() > 1 && whole[0] == '0') || whole.find('.') != std::string_view::npos)
      return false;
    return point == std::string_view::npos ||
           (point + 1 < n.size() && n.substr(point + 1).find('.') == std::string_view::npos);
  };
  auto go = [&](auto& self, std::size_t from) -> void {
    if (!fits.complete) return;
    if (current.size() == columns) {
      if (from != digits.size()) return;
      values.clear();
      for (const auto& n : current) values.push_back(number_value(n));
      if (check != nullptr && !check(values)) return;
      if (fits.readings.size() == kMaxReadings) {
        fits.complete = false;
        fits.readings.clear();
        return;
      }
      fits.readings.push_back(current);
      return;
    }
    for (std::size_t end = from + 1; end <= digits.size(); ++end) {
      const std::string_view n = std::string_view(digits).substr(from, end - from);
      if (!number(n)) continue;
      current.emplace_back(n);
      ++fits.steps;
      self(self, end);
      current.pop_back();
    }
  };
  go(go, 0);
  return fits;
}

// The readings of `digits` as columns - 1 numbers with one blank cell (read as 0) that `check`
// accepts, as text with `_` for the blank; none when there are too many to list.
void add_readings_with_a_blank(const std::string& digits, std::size_t columns, ReadingCheck check,
                               std::vector<std::string>& readings) {
  bool complete = true;
  const auto fewer = run_together_readings(digits, columns - 1, kMaxCellDigits, &complete);
  if (!complete) return;
  std::vector<double> values(columns);
  for (const auto& r : fewer) {
    for (std::size_t blank = 0; blank < columns; ++blank) {
      std::string text;
      for (std::size_t c = 0, i = 0; c < columns; ++c) {
        values[c] = c == blank ? 0 : number_value(r[i]);
        text += (c ? " " : "") + (c == blank ? std::string("_") : r[i]);
        if (c != blank) ++i;
      }
      if (check(values) && readings.size() < kMaxReadings) readings.push_back(std::move(text));
    }
  }
}

}  // namespace xxgk
