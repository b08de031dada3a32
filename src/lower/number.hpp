// The one reader of a written number (`13612`, `0.0235`, `-8`, `251000元`): every cell and every
// reading of damaged digits gets its value here.
#pragma once

#include <string_view>

namespace xxgk {

struct WrittenNumber {
  double value = 0;       // 0 when nothing is a number; ±HUGE_VAL past a double's range
  std::string_view unit;  // what follows the digits (`元`, `件`), empty for most cells
};

WrittenNumber read_number(std::string_view written);

inline double number_value(std::string_view written) {
  return read_number(written).value;
}

}  // namespace xxgk
