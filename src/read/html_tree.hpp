// A web page as the tree its text is copied from (internal to the library; used by the page
// reader): the elements that decide where lines and cells break, and every run of text with the
// byte of the page each of its bytes shows.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "xxgk/source.hpp"

namespace xxgk::html {

// What an element does to the text a browser's copy gives.
enum class Role : std::uint8_t {
  document,
  text,            // a run of text (not an element)
  inline_element,  // <span>, <a>, <font>, …: its text flows on
  block,           // <p>, <div>, <h1>, <li>, …: its text is lines of its own
  line_break,      // <br>
  link,            // <a href>: inline; a list of nothing but links is a navigation menu
  list,            // <ul>, <ol>, <menu>: a block; one line when all its text is links
  preformatted,    // <pre>: blanks and line breaks kept
  table,
  row,   // <tr>
  cell,  // <td>, <th>
};

inline constexpr std::uint32_t kNoNode = UINT32_MAX;

struct Node {
  Role role = Role::document;
  bool holds_table = false;  // a <table> somewhere inside (a layout cell: its text is not one cell)
  bool loose_text = false;   // text somewhere inside that is not inside a link
  std::uint32_t first_child = kNoNode;
  std::uint32_t last_child = kNoNode;
  std::uint32_t next_sibling = kNoNode;
  std::uint32_t begin = 0, end = 0;  // a text node: its bytes in Tree::text
  std::uint32_t content_at = 0;      // an element: the byte of the page just after its start tag
};

struct Tree {
  std::vector<Node> nodes;             // nodes[0] is the document
  std::string text;                    // the text of every text node, in the order of the page
  std::vector<std::uint32_t> text_at;  // for each byte of text: the byte offset in the page it shows
};

// Elements open inside each other beyond this depth end the parse with an InputError. Government
// pages nest about 20 deep. libxml2 looks through the open elements at each end tag, so the depth
// bounds its time: 15 MB of end tags that close nothing take 5 s under 256 open elements (release
// build), 9 s under 512.
inline constexpr std::size_t kMaxDepth = 256;

// Parses UTF-8 with libxml2's HTML parser (recovering from bad markup, no network, no external
// entities, the page's own charset declaration ignored: the bytes are already UTF-8). Scripts,
// styles, <noscript>, <template>, <head> and comments are left out with everything inside them.
// Parsed by the module xxgk_html.so (html_tree.cpp, loaded by src/module.hpp with the first page a
// process reads): libxml2 cost every start of xxgk 0.4 ms when linked in. std::runtime_error when
// the module cannot be loaded.
Tree parse_page(std::string_view utf8_page);

// The module's entry point: parse_page, with the caller's check of the thread's time limit.
using ParsePageEntry = void (*)(std::string_view utf8_page, void (*check_deadline)(), Tree& out);
inline constexpr const char* kHtmlModule = "xxgk_html";
inline constexpr const char* kParsePageSymbol = "xxgk_html_parse_page";

// The line and character column of a byte offset in UTF-8 text (a line ends at LF, CR LF or CR).
SourcePos position_in(std::string_view utf8, std::size_t offset);

}  // namespace xxgk::html
