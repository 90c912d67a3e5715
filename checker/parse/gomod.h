// go.mod: only what oomguard needs (does it require automemlimit?).
#pragma once
#include <string>
#include <string_view>

#include "model/location.h"

namespace og {

struct GoMod {
  std::string path;
  bool requires_automemlimit = false;
  Location automemlimit_loc;
};

GoMod parse_gomod(std::string path, std::string_view content);

}  // namespace og
