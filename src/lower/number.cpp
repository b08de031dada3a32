#include "src/lower/number.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <system_error>

namespace xxgk {

WrittenNumber read_number(std::string_view written) {
  std::size_t end = 0;
  while (end < written.size() &&
         (written[end] == '-' || written[end] == '.' || (written[end] >= '0' && written[end] <= '9')))
    ++end;
  WrittenNumber number{0, written.substr(end)};
  // Nearly every cell is a whole number of a few digits: read at once (exact, as from_chars is,
  // below 10^15).
  if (end > 0 && end <= 15 && std::all_of(written.begin(), written.begin() + static_cast<long>(end), [](char c) {
        return c >= '0' && c <= '9';
      })) {
    std::int64_t whole = 0;
    for (std::size_t i = 0; i < end; ++i) whole = whole * 10 + (written[i] - '0');
    number.value = static_cast<double>(whole);
    return number;
  }
  // As strtod reads it, without a copy to end it or the locale.
  const std::errc error = std::from_chars(written.data(), written.data() + end, number.value).ec;
  if (error == std::errc::result_out_of_range) {
    number.value = std::strtod(std::string(written.substr(0, end)).c_str(), nullptr);  // ±HUGE_VAL or 0
  } else if (error != std::errc()) {
    number.value = 0;
  }
  return number;
}

}  // namespace xxgk
