#include "src/lower/number.hpp"

#include <charconv>
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
