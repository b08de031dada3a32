// Web pages: parsed by the module xxgk_html.so (html_tree.cpp, libxml2), loaded with the first page
// a process reads, not at every start.
#include "src/module.hpp"
#include "src/read/html_tree.hpp"
#include "xxgk/deadline.hpp"

namespace xxgk::html {

Tree parse_page(std::string_view utf8_page) {
  static const auto entry = reinterpret_cast<ParsePageEntry>(module_symbol(kHtmlModule, kParsePageSymbol));
  Tree out;
  entry(utf8_page, check_deadline, out);
  return out;
}

}  // namespace xxgk::html
