#include "report/sarif_uri.h"

namespace og {

std::string percent_encode_path(std::string_view path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  for (unsigned char c : path) {
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
  }
  return out;
}

std::string file_uri(const std::string& abs_path, bool directory) {
  std::string uri = "file://" + percent_encode_path(abs_path);
  if (directory && uri.back() != '/') uri += '/';
  return uri;
}

ArtifactUri artifact_uri(const std::string& path, const std::string& srcroot) {
  if (!srcroot.empty()) {
    std::string prefix = srcroot.back() == '/' ? srcroot : srcroot + "/";
    if (path.size() > prefix.size() && path.compare(0, prefix.size(), prefix) == 0)
      return {percent_encode_path(path.substr(prefix.size())), kSrcRoot};
  }
  if (!path.empty() && path[0] == '/') return {file_uri(path), ""};
  return {percent_encode_path(path), ""};
}

}  // namespace og
