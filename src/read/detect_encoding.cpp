// The module xxgk_detect.so: the encoding of a file that is not UTF-8, by ICU's detection among the
// Chinese encodings, GB18030 (a superset of GBK and GB2312) when unsure. A module because ICU's
// detector lives in libicui18n, which the program needs for nothing else (decode.cpp loads it).
#include <type_traits>

#include <unicode/ucsdet.h>

#include "src/module.hpp"
#include "src/read/decode.hpp"

XXGK_MODULE_ENTRY void xxgk_detect_encoding(std::string_view bytes, std::string& out) {
  static_assert(std::is_same_v<decltype(&xxgk_detect_encoding), xxgk::DetectEncodingEntry>);
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* detector = ucsdet_open(&status);
  ucsdet_setText(detector, bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  int32_t found = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(detector, &found, &status);
  out = "GB18030";
  for (int32_t k = 0; U_SUCCESS(status) && k < found; ++k) {
    const std::string name = ucsdet_getName(matches[k], &status);
    if (name == "GB18030" || name == "Big5") {
      out = name;
      break;
    }
  }
  ucsdet_close(detector);
}
