// libxml2's HTML parser, driven through its SAX interface: the tree of the elements that matter
// to a copy of the page, and the text runs, each byte with its offset in the page. libxml2 hands
// text as it stands in the page, except that a CR LF or a lone CR becomes LF and each entity or
// character reference comes as its own run; so each run is placed by matching it backwards from
// where the parser stands when it hands it over.
#include "src/read/html_tree.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include <cctype>
#include <climits>
#include <exception>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <type_traits>
#include <unordered_map>

#include <fmt/format.h>

#include "src/module.hpp"
#include "src/text.hpp"
#include "xxgk/deadline.hpp"
#include "xxgk/source.hpp"

namespace xxgk::html {
namespace {

// The role of an element by its name (libxml2 gives HTML names in lower case); nothing for the
// elements whose content is not text a reader sees, which are left out with all they hold.
std::optional<Role> role_of(std::string_view name) {
  static const std::unordered_map<std::string_view, std::optional<Role>> kRoles = [] {
    std::unordered_map<std::string_view, std::optional<Role>> roles;
    for (const char* skipped :
         {"script", "style", "noscript", "template", "head", "title", "iframe", "frame", "frameset", "object", "svg",
          "math", "select", "datalist", "audio", "video", "canvas"}) {
      roles[skipped] = std::nullopt;
    }
    for (const char* block :
         {"address", "article", "aside", "blockquote", "body",       "caption", "center", "dd",    "details", "dialog",
          "div",     "dl",      "dt",    "fieldset",   "figcaption", "figure",  "footer", "form",  "h1",      "h2",
          "h3",      "h4",      "h5",    "h6",         "header",     "hgroup",  "hr",     "html",  "legend",  "li",
          "main",    "nav",     "p",     "section",    "summary",    "tbody",   "thead",  "tfoot", "noframes"}) {
      roles[block] = Role::block;
    }
    for (const char* pre : {"pre", "listing", "xmp", "plaintext", "textarea"}) roles[pre] = Role::preformatted;
    for (const char* list : {"ul", "ol", "menu", "dir"}) roles[list] = Role::list;
    roles["br"] = Role::line_break;
    roles["table"] = Role::table;
    roles["tr"] = Role::row;
    roles["td"] = Role::cell;
    roles["th"] = Role::cell;
    return roles;
  }();
  const auto it = kRoles.find(name);
  return it == kRoles.end() ? std::optional<Role>(Role::inline_element) : it->second;
}

bool has_attribute(const xmlChar** attributes, std::string_view wanted) {
  for (; attributes != nullptr && *attributes != nullptr; attributes += 2) {
    if (reinterpret_cast<const char*>(*attributes) == wanted) return true;
  }
  return false;
}

// The offsets in `page` of the bytes of `run` when it ends at byte `end`, written to `at`; false
// when it does not end there. A CR before an LF was dropped, a lone CR became an LF.
bool place_ending_at(std::string_view page, std::string_view run, std::size_t end, std::uint32_t* at) {
  std::size_t i = run.size(), j = std::min(end, page.size());
  while (i > 0) {
    if (j == 0) return false;
    const char want = run[i - 1], have = page[j - 1];
    if (want == have || (have == '\r' && want == '\n')) {
      at[--i] = static_cast<std::uint32_t>(--j);
    } else if (have == '\r') {
      --j;
    } else {
      return false;
    }
  }
  return true;
}

// The start of an entity or character reference (`&nbsp;`, `&#160;`, `&#xA0`) that ends at `end`.
std::optional<std::size_t> reference_ending_at(std::string_view page, std::size_t end) {
  constexpr std::size_t kLongestName = 40;
  end = std::min(end, page.size());
  std::size_t k = end > 0 && page[end - 1] == ';' ? end - 1 : end;
  const std::size_t limit = k > kLongestName ? k - kLongestName : 0;
  while (k > limit && (std::isalnum(static_cast<unsigned char>(page[k - 1])) != 0 || page[k - 1] == '#')) --k;
  if (k > 0 && page[k - 1] == '&' && k < end) return k - 1;
  return std::nullopt;
}

class Builder {
 public:
  Builder(std::string_view page, htmlParserCtxtPtr parser, void (*check_deadline)())
      : page_(page), parser_(parser), check_deadline_(check_deadline) {
    // Room for a government page's tree from the start: growing the vectors, copying them each
    // time, was a third of the time spent here. About an element every 100 bytes of markup, a text
    // run kept every 250, and a tenth of the page kept as text (more only for bare text).
    tree_.nodes.reserve(page.size() / 64 + 16);
    tree_.text.reserve(page.size() / 8);
    tree_.text_at.reserve(page.size() / 8);
    tree_.nodes.emplace_back();
    open_.push_back(0);
  }

  Tree finish() {
    if (failure_) std::rethrow_exception(failure_);
    return std::move(tree_);
  }

  void start(std::string_view name, const xmlChar** attributes) {
    poll();
    if (skipped_ > 0) {
      open_.push_back(kNoNode), ++skipped_;
      return;
    }
    if (open_.size() > kMaxDepth) {
      throw InputError(
          fmt::format("HTML elements nested more than {} deep: not a page a report is published in", kMaxDepth),
          position_in(page_, offset()));
    }
    std::optional<Role> role = role_of(name);
    if (name == "a" && has_attribute(attributes, "href")) role = Role::link;
    if (!role) {
      open_.push_back(kNoNode), ++skipped_;
      return;
    }
    const std::uint32_t node = add_node(*role);
    // libxml2 calls before it steps over the start tag's `>` (or `/>`).
    std::size_t content_at = std::min(offset(), page_.size());
    if (page_.substr(content_at, 2) == "/>") ++content_at;
    if (content_at < page_.size() && page_[content_at] == '>') ++content_at;
    tree_.nodes[node].content_at = static_cast<std::uint32_t>(content_at);
    open_.push_back(node);
  }

  void end() {
    if (open_.size() <= 1) return;  // libxml2 pairs each end with a start; the document stays open
    const std::uint32_t node = open_.back();
    open_.pop_back();
    if (node == kNoNode) {
      --skipped_;
      return;
    }
    const Node& closed = tree_.nodes[node];
    Node& parent = tree_.nodes[open_.back()];
    parent.holds_table |= closed.role == Role::table || closed.holds_table;
    parent.loose_text |= closed.role != Role::link && closed.loose_text;
  }

  void text(std::string_view run) {
    poll();
    if (skipped_ > 0 || run.empty()) return;
    const std::size_t from = tree_.text.size();
    tree_.text.append(run);
    tree_.text_at.resize(tree_.text.size());
    place(run, offset(), tree_.text_at.data() + from);
    Node& parent = tree_.nodes[open_.back()];
    if (parent.role != Role::link && run.find_first_not_of(" \t\n\r\f") != std::string_view::npos) {
      parent.loose_text = true;
    }
    if (parent.last_child != kNoNode && tree_.nodes[parent.last_child].role == Role::text &&
        tree_.nodes[parent.last_child].end == from) {
      tree_.nodes[parent.last_child].end = static_cast<std::uint32_t>(tree_.text.size());
      return;
    }
    const std::uint32_t node = add_node(Role::text);
    tree_.nodes[node].begin = static_cast<std::uint32_t>(from);
    tree_.nodes[node].end = static_cast<std::uint32_t>(tree_.text.size());
  }

  // Runs `step` for a callback from C: an exception stops the parser and is rethrown by finish().
  template <typename Step>
  void guarded(Step step) noexcept {
    if (failure_) return;
    try {
      step();
    } catch (...) {
      failure_ = std::current_exception();
      xmlStopParser(parser_);
    }
  }

 private:
  // The byte of the page the parser stands at.
  [[nodiscard]] std::size_t offset() const {
    const xmlParserInputPtr input = parser_->input;
    return input->consumed + static_cast<std::size_t>(input->cur - input->base);
  }

  // Where a run of text handed over at `cur` stands in the page: ending at `cur`; else an
  // entity's value (placed at its `&`); else ending one character further (libxml2 hands over
  // a long run every 1,000 bytes before stepping over its last character); else, should the
  // page hold something no rule here foresaw, at `cur`, so that every byte has a place.
  void place(std::string_view run, std::size_t cur, std::uint32_t* at) const {
    if (place_ending_at(page_, run, cur, at)) return;
    if (const auto reference = reference_ending_at(page_, cur)) {
      std::fill(at, at + run.size(), static_cast<std::uint32_t>(*reference));
      return;
    }
    if (cur < page_.size()) {
      char32_t cp = 0;
      const std::size_t length = std::max<std::size_t>(decode_utf8(page_, cur, cp), 1);
      if (place_ending_at(page_, run, cur + length, at)) return;
    }
    std::fill(at, at + run.size(), static_cast<std::uint32_t>(std::min(cur, page_.size())));
  }

  std::uint32_t add_node(Role role) {
    const auto node = static_cast<std::uint32_t>(tree_.nodes.size());
    tree_.nodes.emplace_back().role = role;
    Node& parent = tree_.nodes[open_.back()];
    if (parent.last_child == kNoNode) {
      parent.first_child = node;
    } else {
      tree_.nodes[parent.last_child].next_sibling = node;
    }
    parent.last_child = node;
    return node;
  }

  std::string_view page_;
  htmlParserCtxtPtr parser_;
  // poll_deadline() of the program, counted here: the time limit lives in the program, this file
  // in the module (the first call checks, as after a ScopedDeadline starts).
  void poll() {
    if (--polls_left_ == 0) {
      polls_left_ = detail::kPollsPerCheck;
      check_deadline_();
    }
  }

  void (*check_deadline_)();
  std::uint32_t polls_left_ = 1;
  Tree tree_;
  std::vector<std::uint32_t> open_;  // the open elements: a node, or kNoNode for one left out
  std::size_t skipped_ = 0;          // elements left out that are open (their content is too)
  std::exception_ptr failure_;
};

Builder& builder_of(void* parser) {
  return *static_cast<Builder*>(static_cast<htmlParserCtxtPtr>(parser)->_private);
}

void on_start(void* parser, const xmlChar* name, const xmlChar** attributes) {
  Builder& b = builder_of(parser);
  b.guarded([&] { b.start(reinterpret_cast<const char*>(name), attributes); });
}

void on_end(void* parser, const xmlChar* /*name*/) {
  Builder& b = builder_of(parser);
  b.guarded([&] { b.end(); });
}

void on_text(void* parser, const xmlChar* text, int length) {
  Builder& b = builder_of(parser);
  b.guarded([&] { b.text({reinterpret_cast<const char*>(text), static_cast<std::size_t>(std::max(length, 0))}); });
}

struct FreeParser {
  void operator()(htmlParserCtxtPtr parser) const {
    if (parser->myDoc != nullptr) xmlFreeDoc(parser->myDoc);
    htmlFreeParserCtxt(parser);
  }
};

Tree page_tree(std::string_view page, void (*check_deadline)()) {
  static std::once_flag initialised;
  std::call_once(initialised, [] { xmlInitParser(); });
  if (page.size() > static_cast<std::size_t>(INT_MAX) || page.size() >= UINT32_MAX) {
    throw InputError("web page too large (over 2 GiB)", {1, 1});
  }
  if (page.empty()) return Builder(page, nullptr, check_deadline).finish();
  const std::unique_ptr<htmlParserCtxt, FreeParser> parser(
      htmlCreateMemoryParserCtxt(page.data(), static_cast<int>(page.size())));
  if (!parser) throw std::bad_alloc();
  // Only these callbacks: no tree of libxml2's own, and no error callback, so nothing is printed.
  htmlSAXHandler handler{};
  handler.startElement = on_start;
  handler.endElement = on_end;
  handler.characters = on_text;
  handler.ignorableWhitespace = on_text;
  handler.cdataBlock = on_text;
  *parser->sax = handler;
  parser->userData = parser.get();
  Builder builder(page, parser.get(), check_deadline);
  parser->_private = &builder;
  htmlCtxtUseOptions(parser.get(), HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                       HTML_PARSE_IGNORE_ENC);
  xmlSwitchEncoding(parser.get(), XML_CHAR_ENCODING_UTF8);
  htmlParseDocument(parser.get());
  return builder.finish();
}

}  // namespace
}  // namespace xxgk::html

XXGK_MODULE_ENTRY void xxgk_html_parse_page(std::string_view page, void (*check_deadline)(), xxgk::html::Tree& out) {
  static_assert(std::is_same_v<decltype(&xxgk_html_parse_page), xxgk::html::ParsePageEntry>);
  out = xxgk::html::page_tree(page, check_deadline);
}
