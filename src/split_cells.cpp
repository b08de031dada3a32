#include "src/split_cells.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>
#include <tuple>

namespace xxgk {
namespace {

bool well_formed(const std::string& number) {
  return !number.empty() && (number.size() == 1 || number[0] != '0');
}

bool all_well_formed(const std::vector<std::string>& numbers) {
  return std::all_of(numbers.begin(), numbers.end(), well_formed);
}

// Adjacent tokens joined into `columns` consecutive groups.
void adjacent(const std::vector<std::string>& tokens, std::size_t from, std::size_t columns, Reading& current,
              std::set<Reading>& out) {
  const std::size_t left = tokens.size() - from;
  if (columns == 0) {
    if (left == 0 && all_well_formed(current.numbers)) out.insert(current);
    return;
  }
  // Each group takes at least one token and leaves one for every later group.
  for (std::size_t take = 1; take + (columns - 1) <= left; ++take) {
    std::string joined;
    for (std::size_t i = from; i < from + take; ++i) joined += tokens[i];
    current.numbers.push_back(joined);
    current.first_token.push_back(from);
    adjacent(tokens, from + take, columns - 1, current, out);
    current.numbers.pop_back();
    current.first_token.pop_back();
  }
}

// The first `columns` tokens are heads; each later token continues a head, heads strictly increasing.
void wrapped(const std::vector<std::string>& tokens, std::size_t columns, std::size_t tail, std::size_t min_head,
             Reading& current, std::set<Reading>& out) {
  if (columns + tail == tokens.size()) {
    if (all_well_formed(current.numbers)) out.insert(current);
    return;
  }
  for (std::size_t head = min_head; head < columns; ++head) {
    const std::string before = current.numbers[head];
    current.numbers[head] += tokens[columns + tail];
    wrapped(tokens, columns, tail + 1, head + 1, current, out);
    current.numbers[head] = before;
  }
}

}  // namespace

std::vector<Reading> split_readings(const std::vector<std::string>& tokens, std::size_t columns) {
  std::set<Reading> out;
  if (columns == 0 || tokens.size() <= columns) return {};
  Reading current;
  adjacent(tokens, 0, columns, current, out);
  Reading heads;
  for (std::size_t i = 0; i < columns; ++i) {
    heads.numbers.push_back(tokens[i]);
    heads.first_token.push_back(i);
  }
  wrapped(tokens, columns, 0, 0, heads, out);
  return {out.begin(), out.end()};
}

bool row_total_holds(const std::vector<double>& v) {
  double sum = 0;
  for (std::size_t i = 0; i + 1 < v.size(); ++i) sum += v[i];
  return v.size() == 7 && sum == v.back();
}

std::vector<Reading> readings_that_hold(const std::vector<std::string>& tokens, std::size_t columns,
                                        ReadingCheck check) {
  std::vector<Reading> out;
  for (auto& r : split_readings(tokens, columns)) {
    std::vector<double> values;
    for (const auto& n : r.numbers) values.push_back(std::strtod(n.c_str(), nullptr));
    if (check == nullptr || check(values)) out.push_back(std::move(r));
  }
  return out;
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

std::vector<std::vector<std::string>> run_together_readings(const std::string& digits, std::size_t columns,
                                                            std::size_t max_digits, bool* complete) {
  std::set<std::vector<std::string>> out;
  std::vector<std::string> current;
  // Depth-first over cut positions. Long runs of non-zero digits have very many readings: the
  // search stops after a fixed number of steps, and says so through `complete`.
  std::size_t steps = 0;
  constexpr std::size_t kMaxSteps = 200000;
  auto go = [&](auto& self, std::size_t from) -> void {
    if (++steps > kMaxSteps || out.size() > 1000) return;
    if (current.size() == columns) {
      if (from == digits.size()) out.insert(current);
      return;
    }
    const std::size_t left = digits.size() - from;
    const std::size_t still = columns - current.size();
    if (left < still || left > still * max_digits) return;
    for (std::size_t take = 1; take <= max_digits && take <= left; ++take) {
      std::string number = digits.substr(from, take);
      if (!well_formed(number)) break;
      current.push_back(std::move(number));
      self(self, from + take);
      current.pop_back();
    }
  };
  go(go, 0);
  if (complete != nullptr) *complete = steps <= kMaxSteps && out.size() <= 1000;
  return {out.begin(), out.end()};
}

}  // namespace xxgk
