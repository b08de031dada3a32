// Positions in a web page: in the program (web_page.cpp) and in the module that parses pages
// (html_tree.cpp), so compiled into both.
#include "src/read/html_tree.hpp"

namespace xxgk::html {

SourcePos position_in(std::string_view utf8, std::size_t offset) {
  SourcePos pos{1, 1};
  for (std::size_t i = 0; i < offset && i < utf8.size(); ++i) {
    const char c = utf8[i];
    if (c == '\n' || (c == '\r' && (i + 1 == utf8.size() || utf8[i + 1] != '\n'))) {
      ++pos.line, pos.column = 1;
    } else if (c != '\r' && (static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++pos.column;
    }
  }
  return pos;
}

}  // namespace xxgk::html
