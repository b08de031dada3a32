// Runs the grammar and keeps the named rules as a tree (internal to the library).
#pragma once

#include <memory>
#include <string_view>

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "xxgk/source.hpp"

namespace xxgk {

// A parse tree node: one for each selected rule that matched (src/parse_tree.cpp makes none for
// the rules tried that fail). Nodes come from a free list of this thread, not from malloc: a
// batch makes and frees hundreds a report (2.5% of a batch's instructions without it).
struct TreeNode : tao::pegtl::parse_tree::basic_node<TreeNode> {
  static void* operator new(std::size_t size);
  static void operator delete(void* p, std::size_t size) noexcept;
};

// The root of the tree; nodes point into source.text(), which must outlive it.
std::unique_ptr<TreeNode> build_parse_tree(const Source& source);

// `table3::label_granted` for `xxgk::grammar::table3::label_granted`.
std::string_view rule_name(const TreeNode& node);

}  // namespace xxgk
