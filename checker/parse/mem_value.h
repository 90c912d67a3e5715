// Builds a MemValue from text under the grammar of the format it was read from.
#pragma once
#include <string>

#include "model/workload.h"

namespace og {

MemValue make_mem_value(const std::string& raw, const Location& loc, QuantityFormat format, const std::string& field);

}  // namespace og
