// Inline suppression comments (`# oomguard: ignore[...] reason`): never
// throws; each entry's location lies in the input and spans exactly its text;
// the line it applies to exists; the rules it names are in the catalogue.
#include "fuzz_support.h"
#include "harnesses.h"
#include "rules/catalog.h"
#include "suppress/suppressions.h"
#include "util/source_text.h"

namespace og::fuzz {

void fuzz_suppressions(const uint8_t* data, size_t size) {
  const std::string file = "deploy.yaml";
  std::string_view text = as_text(data, size);
  SourceText st{std::string(text)};
  Lines lines(text);
  for (const auto& e : parse_inline_suppressions(file, st)) {
    check_location(e.loc, lines, file, "suppression");
    OG_FUZZ_CHECK(lines.span(e.loc) == e.text, "suppression span '" + std::string(lines.span(e.loc)) +
                                                   "' is not its text '" + e.text + "'");
    if (e.source == SuppressionEntry::Source::Line && e.malformed.empty())
      // (0: a comment with no line after it, reported as stale)
      OG_FUZZ_CHECK(e.target_line >= 0 && e.target_line <= lines.count(), "target line outside the file");
    for (const auto& id : e.rules) OG_FUZZ_CHECK(find_rule(id) != nullptr, "unknown rule " + id + " accepted");
  }
  std::vector<std::string> ids, unknown;
  resolve_rule_names(std::string(text), &ids, &unknown);
  for (const auto& id : ids) OG_FUZZ_CHECK(find_rule(id) != nullptr, "unknown rule " + id + " resolved");
}

}  // namespace og::fuzz
