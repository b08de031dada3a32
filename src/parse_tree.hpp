// Runs the grammar and keeps the named rules as a tree (internal to the library).
#pragma once

#include <memory>
#include <string_view>

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "xxgk/source.hpp"

namespace xxgk {

using TreeNode = tao::pegtl::parse_tree::node;

// The root of the tree; nodes point into source.text(), which must outlive it.
std::unique_ptr<TreeNode> build_parse_tree(const Source& source);

// `table3::label_granted` for `xxgk::grammar::table3::label_granted`.
std::string_view rule_name(const TreeNode& node);

}  // namespace xxgk
