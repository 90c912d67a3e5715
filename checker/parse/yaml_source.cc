#include "parse/yaml_source.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <sstream>

namespace og {

namespace {

Location mark_loc(const std::string& path, const SourceText& text, const YAML::Mark& m) {
  if (m.is_null()) return Location::whole_file(path);
  int line = m.line + 1;
  int col = m.column + 1;
  if (line > text.line_count()) {  // "end of input" errors: point at the end of the last line
    line = text.line_count();
    col = static_cast<int>(text.line(line).size()) + 1;
  }
  if (line == 1 && text.has_bom()) col += 3;  // yaml-cpp's columns skip the BOM
  // yaml-cpp can point past the end of a line (e.g. at a NUL byte, which ends
  // its input stream): clamp to just after the last byte of the line.
  const int after_end = static_cast<int>(text.line(line).size()) + 1;
  if (col > after_end) col = after_end;
  return Location::at(path, line, col, col);
}

// yaml-cpp quotes the offending character into some messages ("unknown escape
// character: \0"); control bytes are written as \xNN so no output carries them.
std::string printable(const std::string& msg) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : msg) {
    if (c < 0x20 || c == 0x7f) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// Whether `col0` on this line is inside a flow collection ([...] or {...})
// opened earlier on the same line (quotes skipped).
bool in_flow_context(std::string_view line, size_t col0) {
  int depth = 0;
  char quote = 0;
  for (size_t i = 0; i < col0 && i < line.size(); ++i) {
    char c = line[i];
    if (quote) {
      if (quote == '"' && c == '\\') ++i;
      else if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    } else if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
      break;
    }
  }
  return depth > 0;
}

// Byte length of the scalar that starts at `col0` (0-based) on `line`.
size_t scalar_extent(std::string_view line, size_t col0) {
  if (col0 >= line.size()) return 0;
  char q = line[col0];
  if (q == '"' || q == '\'') {
    for (size_t i = col0 + 1; i < line.size(); ++i) {
      if (q == '"' && line[i] == '\\') { ++i; continue; }
      if (line[i] == q) {
        if (q == '\'' && i + 1 < line.size() && line[i + 1] == '\'') { ++i; continue; }
        return i + 1 - col0;
      }
    }
    return line.size() - col0;  // continues on the next line
  }
  if (q == '|' || q == '>') return 1;  // block scalar: point at the indicator
  bool flow = in_flow_context(line, col0);
  size_t e = col0;
  while (e < line.size()) {
    char c = line[e];
    bool next_blank = e + 1 >= line.size() || line[e + 1] == ' ' || line[e + 1] == '\t';
    if ((c == ' ' || c == '\t') && e + 1 < line.size() && line[e + 1] == '#') break;
    if (c == ':' && (next_blank || (flow && (line[e + 1] == ',' || line[e + 1] == ']' || line[e + 1] == '}')))) break;
    if (flow && (c == ',' || c == ']' || c == '}')) break;  // flow context ends a plain scalar
    ++e;
  }
  while (e > col0 && (line[e - 1] == ' ' || line[e - 1] == '\t')) --e;
  return e - col0;
}

// yaml-cpp 0.7 never returns from LoadAll when a ',' follows a document's
// root node or starts a document (`[a],`, `"x",`, `,a`, a ',' after a block
// sequence; found by fuzz/harness): the parser does not consume the token and
// yields an endless stream of empty documents at the same position, allocating
// until memory runs out. This event-only pass (no nodes built) finds such a
// stream before LoadAll is called: a document that starts where the previous one
// started is the loop.
class StuckStreamCheck : public YAML::EventHandler {
 public:
  struct Stuck {
    YAML::Mark mark;
  };
  void OnDocumentStart(const YAML::Mark& m) override {
    if (docs_ > 0 && m.pos == last_.pos) throw Stuck{m};
    last_ = m;
    ++docs_;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

 private:
  YAML::Mark last_;
  long docs_ = 0;
};

// Whether some ',' may start a token of its own (yaml-cpp's FlowEntry), the
// only way into the loop. Inside a plain scalar (`a,b`, `--x=1,2`, a comment
// `# a, b`) a ',' follows a character of that scalar and starts nothing. A
// token starts after a blank or a line start, after the end of a flow
// collection or a quoted scalar (`]` `}` `"` `'`), or right after an anchor,
// alias or tag (`&a,`: their names end at a flow indicator). A superset: a
// false "maybe" costs only the exact event pass.
bool may_start_flow_entry(const std::string& text) {
  for (size_t i = text.find(','); i != std::string::npos; i = text.find(',', i + 1)) {
    if (i == 0) return true;
    const char p = text[i - 1];
    if (p == ' ' || p == '\t' || p == '\n' || p == '\r' || p == ']' || p == '}' || p == '"' || p == '\'') return true;
    size_t b = i;  // the run of non-blank, non-flow-indicator bytes before the ','
    while (b > 0 && std::string_view(" \t\r\n[]{},").find(text[b - 1]) == std::string_view::npos) --b;
    if (b < i && (text[b] == '&' || text[b] == '*' || text[b] == '!')) return true;
  }
  return false;
}

// Throws StuckStreamCheck::Stuck, or yaml-cpp's own exceptions.
void check_stream_terminates(const std::string& text) {
  if (!may_start_flow_entry(text)) return;
  std::istringstream in(text);
  YAML::Parser parser(in);
  StuckStreamCheck check;
  while (parser.HandleNextDocument(check)) {
  }
}

}  // namespace

YamlFile load_yaml(std::string path, std::shared_ptr<const SourceText> text) {
  YamlFile f;
  f.path = std::move(path);
  f.text = text;
  // yaml-cpp 0.7 loops for ever, allocating without bound, on some inputs with
  // a NUL byte (found by fuzz/harness: ",\0..."). YAML does not allow NUL in a
  // stream (nor does Kubernetes' parser), so such a text is never handed over.
  if (size_t nul = text->content().find('\0'); nul != std::string::npos) {
    int line = text->line_of(nul);
    size_t line_start = static_cast<size_t>(text->line(line).data() - text->content().data());
    int col = static_cast<int>(nul - line_start) + 1;
    f.errors.push_back({Location::at(f.path, line, col, col + 1), "invalid YAML: a NUL byte (YAML allows no NUL characters)"});
    return f;
  }
  try {
    check_stream_terminates(text->content());
    for (auto& d : YAML::LoadAll(text->content()))
      if (d.IsDefined() && !d.IsNull()) f.docs.push_back(d);
  } catch (const StuckStreamCheck::Stuck& e) {
    f.docs.clear();
    f.errors.push_back({mark_loc(f.path, *text, e.mark), "invalid YAML: a ',' outside any flow collection ([...] or {...})"});
  } catch (const YAML::DeepRecursion& e) {
    f.docs.clear();
    f.errors.push_back({mark_loc(f.path, *text, e.mark), "YAML nesting is deeper than the parser allows (" +
                                                           std::to_string(e.depth()) + " levels)"});
  } catch (const YAML::Exception& e) {
    f.docs.clear();
    f.errors.push_back({mark_loc(f.path, *text, e.mark), "invalid YAML: " + printable(e.msg)});
  } catch (const std::exception& e) {
    f.docs.clear();
    f.errors.push_back({Location::whole_file(f.path), std::string("invalid YAML: ") + e.what()});
  }
  return f;
}

Location YamlLocator::loc(const YAML::Node& n) const {
  if (!n.IsDefined()) return Location::whole_file(path_);
  Location l = mark_loc(path_, *text_, n.Mark());
  if (l.line == 0) return l;
  if (n.IsScalar()) {
    std::string_view line = text_->line(l.line);
    l.end_col = l.col + static_cast<int>(scalar_extent(line, static_cast<size_t>(l.col - 1)));
  } else {
    l.end_col = l.col + 1;
  }
  // A null value at the end of a line (`key:` then nothing) starts after its
  // last byte: the span cannot end further out.
  const int after_end = static_cast<int>(text_->line(l.line).size()) + 1;
  if (l.end_col > after_end) l.end_col = after_end;
  if (l.col > after_end) l.col = after_end;
  return l;
}

Location YamlLocator::key_loc(const YAML::Node& map, const std::string& key) const {
  if (!map.IsDefined() || !map.IsMap()) return loc(map);
  for (auto it = map.begin(); it != map.end(); ++it)
    if (it->first.IsScalar() && it->first.Scalar() == key) return loc(it->first);
  return loc(map);
}

std::optional<std::string> scalar(const YAML::Node& n) {
  if (!n.IsDefined() || !n.IsScalar()) return std::nullopt;
  return n.Scalar();
}

YAML::Node child(const YAML::Node& n, const char* key) {
  if (!n.IsDefined() || !n.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  for (auto it = n.begin(); it != n.end(); ++it)
    if (it->first.IsScalar() && it->first.Scalar() == key) return it->second;
  return YAML::Node(YAML::NodeType::Undefined);
}

bool is_map(const YAML::Node& n) { return n.IsDefined() && n.IsMap(); }
bool is_seq(const YAML::Node& n) { return n.IsDefined() && n.IsSequence(); }

}  // namespace og
