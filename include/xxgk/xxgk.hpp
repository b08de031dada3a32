// Umbrella header.
#pragma once

#include "xxgk/ast.hpp"
#include "xxgk/finding.hpp"
#include "xxgk/keys.hpp"
#include "xxgk/output.hpp"
#include "xxgk/parse.hpp"
#include "xxgk/rules.hpp"
#include "xxgk/source.hpp"
#include "xxgk/validate.hpp"
