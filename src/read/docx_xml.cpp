// libxml2's parser with a guard on document type declarations, and lookups by namespace and local
// name (prefixes are the writer's choice: w: is usual, not required).
#include "src/read/docx_xml.hpp"

#include <charconv>
#include <cstring>

#include <fmt/format.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "xxgk/source.hpp"

namespace xxgk::docx {
namespace {

constexpr std::string_view kWordTransitional = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kWordStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
constexpr std::string_view kMarkupCompatibility = "http://schemas.openxmlformats.org/markup-compatibility/2006";

std::string_view chars(const xmlChar* s) {
  return s == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(s));
}

bool in_word_namespace(const xmlNs* ns) {
  if (ns == nullptr) return false;
  const std::string_view href = chars(ns->href);
  return href == kWordTransitional || href == kWordStrict;
}

struct ParserFree {
  void operator()(xmlParserCtxt* ctxt) const { xmlFreeParserCtxt(ctxt); }
};

// What the parser met that refuses the part: a document type declaration, or the first error
// (libxml2 keeps only the last, often a consequence: "Extra content at the end of the document").
struct Refusal {
  bool document_type = false;
  std::string first_error;
  int line = 0;
};

// libxml2's structured error handler: the first error kept; nothing printed (XML_PARSE_NOERROR
// leaves some errors, such as "huge text node", to the generic handler, which prints).
void keep_first_error(void* ctx, xmlError* error) {
  auto* refusal = static_cast<Refusal*>(static_cast<xmlParserCtxt*>(ctx)->_private);
  if (error == nullptr || !refusal->first_error.empty() || error->level < XML_ERR_ERROR) return;
  refusal->first_error = error->message != nullptr ? error->message : "not XML";
  while (!refusal->first_error.empty() && (refusal->first_error.back() == '\n' || refusal->first_error.back() == ' ')) {
    refusal->first_error.pop_back();
  }
  refusal->line = error->line;
}

// libxml2 prints what it reports without a context (a part in a declared encoding whose bytes do
// not convert: "encoding error") through the generic error function, which is per thread: silenced
// while a part is parsed, then put back.
void ignore_generic_error(void* /*ctx*/, const char* /*format*/, ...) {}

class QuietGenericErrors {
 public:
  QuietGenericErrors() : function_(xmlGenericError), context_(xmlGenericErrorContext) {
    xmlSetGenericErrorFunc(nullptr, ignore_generic_error);
  }
  ~QuietGenericErrors() { xmlSetGenericErrorFunc(context_, function_); }
  QuietGenericErrors(const QuietGenericErrors&) = delete;
  QuietGenericErrors& operator=(const QuietGenericErrors&) = delete;

 private:
  xmlGenericErrorFunc function_;
  void* context_;
};

// Called by the parser at <!DOCTYPE …>: the part is refused, and parsing stops there.
void refuse_document_type(void* ctx, const xmlChar* /*name*/, const xmlChar* /*external_id*/,
                          const xmlChar* /*system_id*/) {
  auto* ctxt = static_cast<xmlParserCtxt*>(ctx);
  static_cast<Refusal*>(ctxt->_private)->document_type = true;
  xmlStopParser(ctxt);
}

}  // namespace

XmlDoc parse_part(std::string_view bytes, std::string_view name) {
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) {
    throw InputError(fmt::format("a Word file (DOCX) whose {} is too large", name), {1, 1});
  }
  const std::unique_ptr<xmlParserCtxt, ParserFree> ctxt(xmlNewParserCtxt());
  if (!ctxt || ctxt->sax == nullptr) throw std::bad_alloc();
  Refusal refusal;
  ctxt->_private = &refusal;
  ctxt->sax->internalSubset = refuse_document_type;
  ctxt->sax->serror = keep_first_error;
  const std::string url(name);
  const QuietGenericErrors quiet;
  XmlDoc doc(xmlCtxtReadMemory(
      ctxt.get(), bytes.data(), static_cast<int>(bytes.size()), url.c_str(), nullptr,
      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_COMPACT));
  if (refusal.document_type) {
    throw InputError(fmt::format("a Word file (DOCX) whose {} declares a document type (entities): no Word file "
                                 "does; refused unread",
                                 name),
                     {1, 1});
  }
  if (!doc || ctxt->wellFormed == 0) {
    throw InputError(fmt::format("a damaged Word file (DOCX): {} is not well-formed XML (line {}: {})", name,
                                 refusal.line, refusal.first_error.empty() ? "not XML" : refusal.first_error),
                     {1, 1});
  }
  return doc;
}

bool is_w(const xmlNode* node, std::string_view local) {
  return node != nullptr && node->type == XML_ELEMENT_NODE && chars(node->name) == local && in_word_namespace(node->ns);
}

bool is_mc(const xmlNode* node, std::string_view local) {
  return node != nullptr && node->type == XML_ELEMENT_NODE && chars(node->name) == local && node->ns != nullptr &&
         chars(node->ns->href) == kMarkupCompatibility;
}

const xmlNode* w_child(const xmlNode* node, std::string_view local) {
  if (node == nullptr) return nullptr;
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (is_w(c, local)) return c;
  }
  return nullptr;
}

std::optional<std::string_view> w_attr(const xmlNode* node, std::string_view local) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE) return std::nullopt;
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    if (chars(a->name) != local || !in_word_namespace(a->ns)) continue;
    // An attribute's value is one text node (no DTD, so no entity references in it).
    if (a->children == nullptr) return std::string_view();
    if (a->children->type != XML_TEXT_NODE || a->children->next != nullptr) return std::nullopt;
    return chars(a->children->content);
  }
  return std::nullopt;
}

std::optional<std::string_view> child_val(const xmlNode* node, std::string_view local) {
  return w_attr(w_child(node, local), "val");
}

std::optional<int> as_int(std::optional<std::string_view> value) {
  if (!value) return std::nullopt;
  std::string_view digits = *value;
  while (!digits.empty() && digits.front() == ' ') digits.remove_prefix(1);
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  long long n = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (error != std::errc() || end == digits.data() || n > 1'000'000'000 || n < -1'000'000'000) return std::nullopt;
  return static_cast<int>(n);
}

bool is_on(const xmlNode* property) {
  if (property == nullptr) return false;
  const auto val = w_attr(property, "val");
  return !val || !(*val == "0" || *val == "false" || *val == "off");
}

const xmlNode* chosen_branch(const xmlNode* alternate_content) {
  const xmlNode* fallback = nullptr;
  for (const xmlNode* c = alternate_content->children; c != nullptr; c = c->next) {
    if (is_mc(c, "Choice")) return c;
    if (is_mc(c, "Fallback") && fallback == nullptr) fallback = c;
  }
  return fallback;
}

}  // namespace xxgk::docx
