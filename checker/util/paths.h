// Root-relative, '/'-separated path helpers shared by every stage.
#pragma once
#include <string>

namespace og {

// "a/b/c" -> "a/b"; "c" -> "".
inline std::string dir_of(const std::string& p) {
  size_t s = p.rfind('/');
  return s == std::string::npos ? "" : p.substr(0, s);
}
// "a/b/c" -> "c".
inline std::string base_of(const std::string& p) {
  size_t s = p.rfind('/');
  return s == std::string::npos ? p : p.substr(s + 1);
}

}  // namespace og
