// Where a SARIF artifactLocation points: RFC 3986 URIs for file paths.
#pragma once
#include <string>
#include <string_view>

namespace og {

// Percent-encodes every byte of a '/'-separated path except RFC 3986's
// unreserved characters (A-Z a-z 0-9 - . _ ~) and '/': spaces, '%', '#', '?',
// ':' (which would read as a scheme in a relative reference) and every
// non-ASCII byte become %XX.
std::string percent_encode_path(std::string_view path);

// "file:///abs/path" for an absolute path; with `directory`, a trailing '/'
// (SARIF base URIs must end in one).
std::string file_uri(const std::string& abs_path, bool directory = false);

// An artifactLocation's uri and uriBaseId ("" = none).
struct ArtifactUri {
  std::string uri;
  std::string base_id;
};

inline constexpr const char* kSrcRoot = "%SRCROOT%";

// `path` is absolute, or relative when nothing better is known. Beneath
// `srcroot` it becomes relative to %SRCROOT% (what GitHub code scanning needs);
// other absolute paths become file: URIs, relative ones stay relative.
ArtifactUri artifact_uri(const std::string& path, const std::string& srcroot);

}  // namespace og
