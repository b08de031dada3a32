// Runs the grammar and keeps the named rules as a tree (internal to the library).
#pragma once

#include <memory>
#include <string_view>

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "xxgk/keys.hpp"
#include "xxgk/source.hpp"

namespace xxgk {

// What a node is, for lowering to switch on: one kind for each rule kept in the tree (the table of
// rules and kinds is in src/parse_tree.cpp), `label` for every rule that names a section, row or
// group (its LabelKey says which).
enum class NodeKind : std::uint8_t {
  none,  // the root
  label,
  page_header,
  page_header_field,
  page_header_field_name,
  page_header_field_value,
  report_title,
  title_agency,
  title_line,
  section_heading,
  unknown_section_heading,
  heading_number,
  subsection_heading,
  prose_line,
  unplaced_row,
  unplaced_text,
  label_note,
  cell_number,
  cell_dash,
  cell_slash,
  cell_none,
  blank_cells,
  run_together_cells,
  page_number,
  table2,
  table2_article_item,
  table2_column_header,
  table2_row,
  table2_unrecognised_row,
  table2_unrecognised_label,
  table3,
  table3_header,
  table3_repeated_header,
  table3_corner_note,
  table3_row,
  table3_group,
  table3_unrecognised_row,
  table3_unrecognised_label,
  table3_label_continuation,
  table3_label_fragment,
  table4,
  table4_header,
};

// A parse tree node: one for each selected rule that matched (src/parse_tree.cpp makes none for
// the rules tried that fail). Nodes come from a free list of this thread, not from malloc: a
// batch makes and frees hundreds a report (2.5% of a batch's instructions without it).
struct TreeNode : tao::pegtl::parse_tree::basic_node<TreeNode> {
  NodeKind kind = NodeKind::none;
  LabelKey label = LabelKey::none;  // for NodeKind::label: what the label names
  Wording wording = Wording::regulated;

  static void* operator new(std::size_t size);
  static void operator delete(void* p, std::size_t size) noexcept;

  // The first child of this kind; null when there is none.
  [[nodiscard]] const TreeNode* child(NodeKind wanted) const {
    for (const auto& c : children) {
      if (c->kind == wanted) return c.get();
    }
    return nullptr;
  }
};

// The root of the tree; nodes point into source.text(), which must outlive it.
std::unique_ptr<TreeNode> build_parse_tree(const Source& source);

// `table3::label_granted` for `xxgk::grammar::table3::label_granted`: for the tree's printed form
// (`xxgk tree`, the grammar corpus), never for dispatch.
std::string_view rule_name(const TreeNode& node);

}  // namespace xxgk
