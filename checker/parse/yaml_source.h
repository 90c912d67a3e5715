// yaml-cpp behind a small, non-throwing wrapper that keeps exact positions.
#pragma once
#include <yaml-cpp/yaml.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/location.h"
#include "util/source_text.h"

namespace og {

struct YamlFile {
  std::string path;
  std::shared_ptr<const SourceText> text;
  std::vector<YAML::Node> docs;        // documents that parsed (nulls dropped)
  std::vector<ParseError> errors;      // a syntax error stops the file: YAML cannot resync
};

YamlFile load_yaml(std::string path, std::shared_ptr<const SourceText> text);

// Position helpers. All are safe on null/undefined nodes (they return the
// whole-file location).
class YamlLocator {
 public:
  YamlLocator(std::string path, std::shared_ptr<const SourceText> text)
      : path_(std::move(path)), text_(std::move(text)) {}
  // Span of a node's text: scalars get an exact end column (quotes included).
  Location loc(const YAML::Node& n) const;
  // Location of a mapping KEY (e.g. to point at "memory:" when its value is absent).
  Location key_loc(const YAML::Node& map, const std::string& key) const;
  const std::string& path() const { return path_; }
  const SourceText& text() const { return *text_; }

 private:
  std::string path_;
  std::shared_ptr<const SourceText> text_;
};

// Scalar access that never throws: nullopt for non-scalars.
std::optional<std::string> scalar(const YAML::Node& n);
// n[key] for maps only (never creates or throws); undefined node otherwise.
YAML::Node child(const YAML::Node& n, const char* key);
bool is_map(const YAML::Node& n);
bool is_seq(const YAML::Node& n);

}  // namespace og
