#include "src/tree/parse_tree.hpp"

#include <algorithm>
#include <array>
#include <ostream>
#include <sstream>
#include <type_traits>
#include <utility>

#include <sanitizer/asan_interface.h>

#include <tao/pegtl/contrib/remove_first_state.hpp>
#include <tao/pegtl/contrib/shuffle_states.hpp>
#include <tao/pegtl/contrib/trace.hpp>

#include "grammar/report.hpp"
#include "xxgk/deadline.hpp"
#include "xxgk/parse.hpp"

namespace xxgk {
namespace g = grammar;

namespace {

namespace pt = tao::pegtl::parse_tree;

// The rules kept in the tree, each with its kind. A rule that names a section, row or group
// (grammar's names<>: every label rule and section wording) is kept as NodeKind::label with its
// key; blanks, numbering and gaps are matched but not kept.
template <typename Rule>
constexpr NodeKind kind_of = NodeKind::none;
#define XXGK_NODE(rule, kind) \
  template <>                 \
  constexpr NodeKind kind_of<rule> = NodeKind::kind;
XXGK_NODE(g::page_header::block, page_header)
XXGK_NODE(g::page_header::field, page_header_field)
XXGK_NODE(g::page_header::field_name, page_header_field_name)
XXGK_NODE(g::page_header::field_value, page_header_field_value)
XXGK_NODE(g::report_title, report_title)
XXGK_NODE(g::title_agency, title_agency)
XXGK_NODE(g::title_line, title_line)
XXGK_NODE(g::section_heading, section_heading)
XXGK_NODE(g::unknown_section_heading, unknown_section_heading)
XXGK_NODE(g::heading_number, heading_number)
XXGK_NODE(g::subsection_heading, subsection_heading)
XXGK_NODE(g::prose_line, prose_line)
XXGK_NODE(g::unplaced_row, unplaced_row)
XXGK_NODE(g::unplaced_text, unplaced_text)
XXGK_NODE(g::label_note, label_note)
XXGK_NODE(g::cut_note, label_note)
XXGK_NODE(g::note_rest, label_note)
XXGK_NODE(g::cell_number, cell_number)
XXGK_NODE(g::cell_dash, cell_dash)
XXGK_NODE(g::cell_slash, cell_slash)
XXGK_NODE(g::cell_none, cell_none)
XXGK_NODE(g::blank_cells, blank_cells)
XXGK_NODE(g::page_number, page_number)
XXGK_NODE(g::table4::page_number_in_header, page_number)
XXGK_NODE(g::table2::run_together_cells, run_together_cells)
XXGK_NODE(g::table3::run_together_cells, run_together_cells)
XXGK_NODE(g::table4::run_together_cells, run_together_cells)
XXGK_NODE(g::table2::table, table2)
XXGK_NODE(g::table2::article_item, table2_article_item)
XXGK_NODE(g::table2::column_header, table2_column_header)
XXGK_NODE(g::table2::row_regulations, table2_row)
XXGK_NODE(g::table2::row_normative_documents, table2_row)
XXGK_NODE(g::table2::row_licensing, table2_row)
XXGK_NODE(g::table2::row_punishment, table2_row)
XXGK_NODE(g::table2::row_coercion, table2_row)
XXGK_NODE(g::table2::row_fees, table2_row)
XXGK_NODE(g::table2::row_other_services, table2_row)
XXGK_NODE(g::table2::row_procurement, table2_row)
XXGK_NODE(g::table2::unrecognised_row, table2_unrecognised_row)
XXGK_NODE(g::table2::unrecognised_label, table2_unrecognised_label)
XXGK_NODE(g::table3::table, table3)
XXGK_NODE(g::table3::header, table3_header)
XXGK_NODE(g::table3::repeated_header, table3_repeated_header)
XXGK_NODE(g::table3::corner_note, table3_corner_note)
XXGK_NODE(g::table3::corner_note_cut, table3_corner_note)
XXGK_NODE(g::table3::corner_note_cut_off, table3_corner_note)
XXGK_NODE(g::table3::row, table3_row)
XXGK_NODE(g::table3::row_numbered_apart, table3_row)
XXGK_NODE(g::table3::group, table3_group)
XXGK_NODE(g::table3::unrecognised_row, table3_unrecognised_row)
XXGK_NODE(g::table3::unrecognised_label, table3_unrecognised_label)
XXGK_NODE(g::table3::unrecognised_run_row, table3_unrecognised_row)
XXGK_NODE(g::table3::unrecognised_run_label, table3_unrecognised_label)
XXGK_NODE(g::table3::label_continuation, table3_label_continuation)
XXGK_NODE(g::table3::label_overflow, table3_label_continuation)
XXGK_NODE(g::table3::label_fragment, table3_label_fragment)
XXGK_NODE(g::table4::table, table4)
XXGK_NODE(g::table4::header, table4_header)
#undef XXGK_NODE

// Rules derived from grammar's names<>: they carry the key of what they name.
template <typename Rule>
constexpr bool names_a_label = requires {
  Rule::label_key;
};

// What a kept rule's node carries: its kind, and for a label rule what it names and how.
template <typename Rule>
struct node_traits {
  static constexpr NodeKind kind = kind_of<Rule>;
  static constexpr LabelKey label = LabelKey::none;
  static constexpr Wording wording = Wording::regulated;
};
template <typename Rule>
requires names_a_label<Rule>
struct node_traits<Rule> {
  static constexpr NodeKind kind = NodeKind::label;
  static constexpr LabelKey label = Rule::label_key;
  static constexpr Wording wording = Rule::label_wording;
};

template <typename Rule>
struct selector : std::bool_constant<node_traits<Rule>::kind != NodeKind::none> {};

}  // namespace

namespace {

// Nodes freed on this thread, kept for the next parse; returned to the heap when the thread ends.
// Under ASan a kept node is poisoned until it is taken again, so that a use after free is still
// caught (as a use after poison) and the sanitizer build runs the same code as the others.
class NodeFreeList {
 public:
  NodeFreeList() = default;
  NodeFreeList(const NodeFreeList&) = delete;
  NodeFreeList& operator=(const NodeFreeList&) = delete;
  ~NodeFreeList() {
    for (void* p : free_) {
      ASAN_UNPOISON_MEMORY_REGION(p, sizeof(TreeNode));
      ::operator delete(p);
    }
  }
  void* take() {
    if (free_.empty()) return ::operator new(sizeof(TreeNode));
    void* p = free_.back();
    free_.pop_back();
    ASAN_UNPOISON_MEMORY_REGION(p, sizeof(TreeNode));
    return p;
  }
  void give(void* p) noexcept {
    if (free_.size() < kMaxKept) {
      try {
        free_.push_back(p);
        ASAN_POISON_MEMORY_REGION(p, sizeof(TreeNode));
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

NodeFreeList& node_free_list() {
  thread_local NodeFreeList list;
  return list;
}

}  // namespace

void* TreeNode::operator new(std::size_t size) {
  if (size != sizeof(TreeNode)) return ::operator new(size);
  return node_free_list().take();
}

void TreeNode::operator delete(void* p, std::size_t size) noexcept {
  if (size != sizeof(TreeNode)) return ::operator delete(p);
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
    NodeKind kind;
    LabelKey label;
    Wording wording;
  };
  std::vector<Entry> entries = std::vector<Entry>(64);  // deeper than the grammar nests; grows if not
  std::size_t depth = 1;                                // entries in use
  std::size_t made = 1;                                 // entries below this have their node
  std::vector<std::size_t> marks;
  g::FailureMemo failures;  // where rules tried at every line failed (grammar/failure_memo.hpp)

  g::FailureMemo& failure_memo() { return failures; }

  TreeState() {
    marks.reserve(256);
    entries[0] = {new TreeNode, {}, nullptr, NodeKind::none, LabelKey::none, Wording::regulated};
  }
  TreeState(const TreeState&) = delete;
  TreeState& operator=(const TreeState&) = delete;
  ~TreeState() {
    for (std::size_t i = 0; i < depth; ++i) delete entries[i].node;
  }

  // Inlined: called for every try of every selected rule.
  [[gnu::always_inline]] void open(std::string_view type, const char* begin, NodeKind kind, LabelKey label,
                                   Wording wording) {
    if (depth == entries.size()) entries.resize(depth * 2);
    entries[depth++] = {nullptr, type, begin, kind, label, wording};
  }
  // The node of the innermost selected rule, made (with those above it) if it was not yet.
  TreeNode& parent() {
    for (; made < depth; ++made) {
      Entry& e = entries[made];
      e.node = new TreeNode;
      e.node->type = e.type;
      e.node->kind = e.kind;
      e.node->label = e.label;
      e.node->wording = e.wording;
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
  // Only ever shrinks, so it cannot allocate: it runs while an exception unwinds the parse.
  void drop_children_past(std::size_t count) {
    TreeNode* node = entries[depth - 1].node;
    if (node != nullptr && node->children.size() > count) {
      node->children.erase(node->children.begin() + static_cast<std::ptrdiff_t>(count), node->children.end());
    }
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
template <typename... Rules>
constexpr bool undoes_nothing<g::first_byte_sor<Rules...>> = true;
// Fails at once, or as its rule does (which removed its own nodes).
template <g::Memoised Slot, typename Rule>
constexpr bool undoes_nothing<g::remember_failures<Slot, Rule>> = true;
template <typename Skipped, typename... Labels>
constexpr bool undoes_nothing<g::detail::labels_by_lead<Skipped, Labels...>> = true;
// A seq fails with nothing to drop when only its last rule may add nodes: the rules before it
// add none, and the last, failing, has removed its own (page_furniture's look at the line, then
// its kinds; a label's look at its first character, then the labels).
template <typename... Rules>
constexpr bool undoes_nothing<tao::pegtl::internal::seq<Rules...>> = [] {
  constexpr std::array<bool, sizeof...(Rules)> adds_none = {pti::is_unselected_branch<8, Rules, selector>...};
  return std::all_of(adds_none.begin(), adds_none.end() - 1, [](bool none) { return none; });
}();

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
    using traits = node_traits<Rule>;
    state.open(tao::pegtl::demangle<Rule>(), in.current(), traits::kind, traits::label, traits::wording);
  }
  template <typename ParseInput, typename... States>
  static void success(const ParseInput& in, TreeState& state, States&&... st) {
    // PEGTL calls no unwind() for a rule whose success() throws: its entry is closed here, or the
    // entries of the rules around it would each close the one above their own (out of memory in a
    // huge report must leave the state balanced for the unwinding that follows).
    std::unique_ptr<TreeNode> n;
    try {
      n = state.take();
    } catch (...) {
      state.close();
      throw;
    }
    state.close();
    n->template success<Rule>(in, st...);
    TreeNode& parent = state.parent();
    // A node with children mostly has a few (a row's label and cells): room for them at once,
    // rather than growing one, two, four, eight.
    if (parent.children.empty()) parent.children.reserve(8);
    parent.emplace_back(std::move(n), st...);
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

bool is_leaf_with_text(NodeKind kind) {
  return kind == NodeKind::cell_number || kind == NodeKind::cell_dash || kind == NodeKind::cell_slash ||
         kind == NodeKind::cell_none || kind == NodeKind::blank_cells;
}

void write_sexpr(const TreeNode& node, int depth, std::ostream& out) {
  out << '\n' << std::string(static_cast<std::size_t>(depth) * 2, ' ') << '(' << rule_name(node);
  if (is_leaf_with_text(node.kind) && node.has_content()) {
    std::string s(node.string_view());
    if (node.kind == NodeKind::blank_cells) s = std::to_string(std::count(s.begin(), s.end(), '\t') - 1);
    out << " \"" << s << '"';
  }
  for (const auto& child : node.children) write_sexpr(*child, depth + 1, out);
  out << ')';
}

bool contains_unplaced(const TreeNode& node) {
  if (node.kind == NodeKind::unplaced_row || node.kind == NodeKind::unplaced_text ||
      node.kind == NodeKind::table3_unrecognised_row || node.kind == NodeKind::table2_unrecognised_row) {
    return true;
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
