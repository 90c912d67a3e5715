#include "parse/gomod.h"

namespace og {

GoMod parse_gomod(std::string path, std::string_view content) {
  static constexpr std::string_view kModule = "github.com/KimMachineGun/automemlimit";
  GoMod m;
  m.path = std::move(path);
  int line = 0;
  size_t pos = 0;
  while (pos <= content.size()) {
    size_t e = content.find('\n', pos);
    if (e == std::string_view::npos) e = content.size();
    std::string_view l = content.substr(pos, e - pos);
    ++line;
    size_t comment = l.find("//");
    size_t hit = l.find(kModule);
    // a require line (block or single) names the module; `// indirect` still counts
    if (hit != std::string_view::npos && (comment == std::string_view::npos || hit < comment)) {
      size_t after = hit + kModule.size();
      if (after == l.size() || l[after] == ' ' || l[after] == '\t' || l[after] == '/') {
        m.requires_automemlimit = true;
        m.automemlimit_loc = Location::at(m.path, line, static_cast<int>(hit) + 1,
                                          static_cast<int>(after) + 1);
        break;
      }
    }
    pos = e + 1;
  }
  return m;
}

}  // namespace og
