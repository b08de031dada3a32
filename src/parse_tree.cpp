#include "src/parse_tree.hpp"

#include <ostream>
#include <sstream>
#include <type_traits>
#include <utility>

#include <tao/pegtl/contrib/remove_first_state.hpp>
#include <tao/pegtl/contrib/shuffle_states.hpp>
#include <tao/pegtl/contrib/trace.hpp>

#include "grammar/report.hpp"
#include "xxgk/deadline.hpp"
#include "xxgk/parse.hpp"

namespace xxgk {
namespace g = grammar;
// Declared only, for the concepts below: which rule families a rule derives from.
namespace rule_families {
template <g::text L>
void table3_level(const g::table3::level0<L>*);
template <g::text L>
void table3_level(const g::table3::level1<L>*);
template <g::text L>
void table3_level(const g::table3::level2<L>*);
template <g::text L>
void section_wording(const g::wording<L>*);
}  // namespace rule_families

namespace {

namespace pt = tao::pegtl::parse_tree;

// True for the rules built on table3::level0/1/2: every row and group label of table 三.
template <typename Rule>
constexpr bool is_table3_label = requires(const Rule* r) {
  rule_families::table3_level(r);
};
// True for every accepted wording of a section title (grammar/sections.hpp).
template <typename Rule>
constexpr bool is_section_wording = requires(const Rule* r) {
  rule_families::section_wording(r);
};

template <typename Rule, typename... Kept>
constexpr bool one_of = (std::is_same_v<Rule, Kept> || ...);

// Which rules become tree nodes: every block, table, row, label and cell, and each heading
// variant. Everything else (blanks, numbering, gaps) is matched but not kept.
template <typename Rule>
struct selector
    : std::bool_constant<
          is_table3_label<Rule> || is_section_wording<Rule> ||
          one_of<Rule, g::report_title, g::title_agency, g::title_line, g::section_heading, g::unknown_section_heading,
                 g::subsection_heading, g::prose_line, g::unplaced_row, g::unplaced_text, g::heading_number,
                 g::label_note, g::cell_number, g::cell_dash, g::cell_slash, g::cell_none, g::blank_cells,
                 g::table2::table, g::table2::article_item, g::table2::column_header, g::table2::row_regulations,
                 g::table2::row_normative_documents, g::table2::row_licensing, g::table2::row_punishment,
                 g::table2::row_coercion, g::table2::row_fees, g::table2::row_other_services,
                 g::table2::row_procurement, g::table2::label_other_services, g::table2::label_procurement,
                 g::table2::label_regulations, g::table2::label_normative_documents, g::table2::label_licensing,
                 g::table2::label_punishment, g::table2::label_coercion, g::table2::label_fees, g::table3::table,
                 g::table3::header, g::table3::repeated_header, g::page_number, g::table3::corner_note, g::table3::row,
                 g::table3::group, g::table3::unrecognised_row, g::table3::unrecognised_label,
                 g::table3::label_continuation, g::table3::label_fragment, g::table3::label_total, g::table4::table,
                 g::table4::header, g::table2::run_together_cells, g::table3::run_together_cells,
                 g::table4::run_together_cells>> {};

}  // namespace

namespace {

// Nodes freed on this thread, kept for the next parse; returned to the heap when the thread ends.
// Under ASan, nodes go to the heap so that a use after free is still caught.
class NodeFreeList {
 public:
  NodeFreeList() = default;
  NodeFreeList(const NodeFreeList&) = delete;
  NodeFreeList& operator=(const NodeFreeList&) = delete;
  ~NodeFreeList() {
    for (void* p : free_) ::operator delete(p);
  }
  void* take() {
    if (free_.empty()) return ::operator new(sizeof(TreeNode));
    void* p = free_.back();
    free_.pop_back();
    return p;
  }
  void give(void* p) noexcept {
    if (free_.size() < kMaxKept) {
      try {
        free_.push_back(p);
        return;
      } catch (...) {  // no memory to remember it: return it instead
      }
    }
    ::operator delete(p);
  }

 private:
  static constexpr std::size_t kMaxKept = std::size_t{1} << 16;  // about 10 MB of nodes
  std::vector<void*> free_;
};

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kPoolNodes = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kPoolNodes = false;
#else
constexpr bool kPoolNodes = true;
#endif
#else
constexpr bool kPoolNodes = true;
#endif

NodeFreeList& node_free_list() {
  thread_local NodeFreeList list;
  return list;
}

}  // namespace

void* TreeNode::operator new(std::size_t size) {
  if (!kPoolNodes || size != sizeof(TreeNode)) return ::operator new(size);
  return node_free_list().take();
}

void TreeNode::operator delete(void* p, std::size_t size) noexcept {
  if (!kPoolNodes || size != sizeof(TreeNode)) return ::operator delete(p);
  node_free_list().give(p);
}

namespace {

// The tree under construction: an entry for each selected rule being matched (the root first),
// and for each unselected rule that may hold selected ones, how many children the node above it
// had when it started. PEGTL's own builder makes a node for every rule of either kind that it
// tries and throws it away when the rule fails. Here a selected rule's node is made only when it
// is needed: when the rule succeeds, or a rule under it does. Most rules tried fail before that
// (a cell is tried at every word, a page number at every gap), and cost no node at all.
struct TreeState {
  // Plain data, so that opening and closing an entry is a few stores: rules are tried millions
  // of times a batch. The node is owned here until taken; null until needed.
  struct Entry {
    TreeNode* node;
    std::string_view type;
    const char* begin;
  };
  std::vector<Entry> entries = std::vector<Entry>(64);  // deeper than the grammar nests; grows if not
  std::size_t depth = 1;                                // entries in use
  std::size_t made = 1;                                 // entries below this have their node
  std::vector<std::size_t> marks;

  TreeState() {
    marks.reserve(256);
    entries[0] = {new TreeNode, {}, nullptr};
  }
  TreeState(const TreeState&) = delete;
  TreeState& operator=(const TreeState&) = delete;
  ~TreeState() {
    for (std::size_t i = 0; i < depth; ++i) delete entries[i].node;
  }

  // Inlined: called for every try of every selected rule.
  [[gnu::always_inline]] void open(std::string_view type, const char* begin) {
    if (depth == entries.size()) entries.resize(depth * 2);
    entries[depth++] = {nullptr, type, begin};
  }
  // The node of the innermost selected rule, made (with those above it) if it was not yet.
  TreeNode& parent() {
    for (; made < depth; ++made) {
      Entry& e = entries[made];
      e.node = new TreeNode;
      e.node->type = e.type;
      e.node->m_begin = tao::pegtl::internal::iterator(e.begin);
    }
    return *entries[depth - 1].node;
  }
  // The innermost entry's node, made if need be, handed over.
  std::unique_ptr<TreeNode> take() {
    parent();
    return std::unique_ptr<TreeNode>(std::exchange(entries[depth - 1].node, nullptr));
  }
  [[nodiscard]] std::size_t children() const {
    const TreeNode* node = entries[depth - 1].node;
    return node ? node->children.size() : 0;
  }
  void drop_children_past(std::size_t count) {
    if (TreeNode* node = entries[depth - 1].node) node->children.resize(count);
  }
  [[gnu::always_inline]] void close() {
    delete entries[--depth].node;
    made = std::min(made, depth);
  }
};

namespace pti = tao::pegtl::parse_tree::internal;

// Combinators that never have to drop what their rules added: opt, star and rep_opt do not
// fail, and sor, plus and a one-rule seq fail only when no rule under them has succeeded (a rule
// that fails has removed its own nodes). not_at is not one: it fails when its rule succeeds.
template <typename Rule>
constexpr bool undoes_nothing = false;
template <typename Rule>
constexpr bool undoes_nothing<tao::pegtl::internal::opt<Rule>> = true;
template <typename Rule>
constexpr bool undoes_nothing<tao::pegtl::internal::star<Rule>> = true;
template <unsigned Max, typename Rule>
constexpr bool undoes_nothing<tao::pegtl::internal::rep_opt<Max, Rule>> = true;
template <typename... Rules>
constexpr bool undoes_nothing<tao::pegtl::internal::sor<Rules...>> = true;
template <typename Rule>
constexpr bool undoes_nothing<tao::pegtl::internal::plus<Rule>> = true;
template <typename Rule>
constexpr bool undoes_nothing<tao::pegtl::internal::seq<Rule>> = true;

template <template <typename...> class Selector, template <typename...> class Control>
struct TreeControl {
  template <typename Rule, bool Selected, bool NothingToUndo>
  struct handler;
  template <typename Rule>
  using type = tao::pegtl::rotate_states_right<
      handler<Rule, pti::is_selected_node<Rule, Selector>,
              pti::is_leaf<8, typename Rule::subs_t, Selector> || undoes_nothing<typename Rule::rule_t>>>;
};

// No selected rule below, or none that this rule could leave behind when it fails: nothing to do.
template <template <typename...> class Selector, template <typename...> class Control>
template <typename Rule>
struct TreeControl<Selector, Control>::handler<Rule, false, true> : tao::pegtl::remove_first_state<Control<Rule>> {};

// Selected rules below: on failure, drop what they added.
template <template <typename...> class Selector, template <typename...> class Control>
template <typename Rule>
struct TreeControl<Selector, Control>::handler<Rule, false, false> : tao::pegtl::remove_first_state<Control<Rule>> {
  static constexpr bool enable = true;
  template <typename ParseInput, typename... States>
  static void start(const ParseInput& /*in*/, TreeState& state, States&&... /*st*/) {
    state.marks.push_back(state.children());
  }
  template <typename ParseInput, typename... States>
  static void success(const ParseInput& /*in*/, TreeState& state, States&&... /*st*/) {
    state.marks.pop_back();
  }
  template <typename ParseInput, typename... States>
  static void failure(const ParseInput& /*in*/, TreeState& state, States&&... /*st*/) {
    state.drop_children_past(state.marks.back());
    state.marks.pop_back();
  }
  template <typename ParseInput, typename... States>
  static void unwind(const ParseInput& in, TreeState& state, States&&... st) {
    failure(in, state, st...);
  }
};

// A selected rule: a node of its own, kept on success.
template <template <typename...> class Selector, template <typename...> class Control>
template <typename Rule, bool NothingToUndo>
struct TreeControl<Selector, Control>::handler<Rule, true, NothingToUndo>
    : tao::pegtl::remove_first_state<Control<Rule>> {
  template <typename ParseInput, typename... States>
  static void start(const ParseInput& in, TreeState& state, States&&... st) {
    // The time limit is polled here, before the entry is opened: PEGTL unwinds only the rules
    // whose start() returned, so an exception thrown here leaves every entry and mark to the
    // unwind() of a rule that opened it, and the tree state balanced.
    poll_deadline();
    Control<Rule>::start(in, st...);
    state.open(tao::pegtl::demangle<Rule>(), in.current());
  }
  template <typename ParseInput, typename... States>
  static void success(const ParseInput& in, TreeState& state, States&&... st) {
    auto n = state.take();
    state.close();
    n->template success<Rule>(in, st...);
    state.parent().emplace_back(std::move(n), st...);
    Control<Rule>::success(in, st...);
  }
  template <typename ParseInput, typename... States>
  static void failure(const ParseInput& in, TreeState& state, States&&... st) {
    state.close();
    Control<Rule>::failure(in, st...);
  }
  template <typename ParseInput, typename... States>
  static void unwind(const ParseInput& /*in*/, TreeState& state, States&&... /*st*/) {
    state.close();
  }
};

}  // namespace

std::unique_ptr<TreeNode> build_parse_tree(const Source& source) {
  const std::string& text = source.text();
  // Lazy tracking: positions come from Source, not from PEGTL's line counting.
  tao::pegtl::memory_input<tao::pegtl::tracking_mode::lazy> in(text.data(), text.size(), "");
  TreeState state;
  if (!tao::pegtl::parse<g::report, tao::pegtl::nothing, TreeControl<selector, tao::pegtl::normal>::type>(in, state)) {
    throw InputError("no report text could be parsed", {1, 1});
  }
  return std::unique_ptr<TreeNode>(std::exchange(state.entries[0].node, nullptr));
}

std::string_view rule_name(const TreeNode& node) {
  std::string_view name = node.type;
  constexpr std::string_view prefix = "xxgk::grammar::";
  if (name.substr(0, prefix.size()) == prefix) name.remove_prefix(prefix.size());
  return name;
}

namespace {

bool is_leaf_with_text(std::string_view name) {
  return name.substr(0, 5) == "cell_" || name == "blank_cells";
}

void write_sexpr(const TreeNode& node, int depth, std::ostream& out) {
  out << '\n' << std::string(static_cast<std::size_t>(depth) * 2, ' ') << '(' << rule_name(node);
  const std::string_view name = rule_name(node);
  if (is_leaf_with_text(name) && node.has_content()) {
    std::string s(node.string_view());
    if (name == "blank_cells") s = std::to_string(std::count(s.begin(), s.end(), '\t') - 1);
    out << " \"" << s << '"';
  }
  for (const auto& child : node.children) write_sexpr(*child, depth + 1, out);
  out << ')';
}

bool contains_unplaced(const TreeNode& node) {
  if (!node.is_root()) {
    const auto name = rule_name(node);
    if (name == "unplaced_row" || name == "unplaced_text" || name == "table3::unrecognised_row") return true;
  }
  for (const auto& child : node.children) {
    if (contains_unplaced(*child)) return true;
  }
  return false;
}

}  // namespace

std::string parse_tree_sexpr(const Source& source) {
  const auto root = build_parse_tree(source);
  std::ostringstream out;
  out << "(report";
  for (const auto& child : root->children) {
    write_sexpr(*child, 1, out);
  }
  out << ")\n";
  return out.str();
}

bool parse_tree_has_unplaced(const Source& source) {
  return contains_unplaced(*build_parse_tree(source));
}

void trace_parse(const Source& source, std::ostream& out) {
  const std::string& text = source.text();
  tao::pegtl::memory_input<tao::pegtl::tracking_mode::eager> in(text.data(), text.size(), source.name());
  // standard_trace writes to std::cerr; route it where the caller asked.
  auto* old = std::cerr.rdbuf(out.rdbuf());
  tao::pegtl::standard_trace<g::report>(in);
  std::cerr.rdbuf(old);
}

}  // namespace xxgk
