// docs/rules.md is generated from the rule metadata; it must be current.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "report/rules_doc.h"
#include "rules/catalog.h"
#include "test_support.h"

TEST_CASE("docs/rules.md is current (regenerate with ci/gen-docs)") {
  std::ostringstream os;
  og::write_rules_markdown(os);
  std::string committed = og::test::read_file(og::test::source_dir() + "/docs/rules.md");
  CHECK_MESSAGE(os.str() == committed, "docs/rules.md is stale: run ci/gen-docs");
}

TEST_CASE("every rule has a section in the generated docs") {
  std::ostringstream os;
  og::write_rules_markdown(os);
  for (const auto& m : og::rule_catalog()) CHECK(os.str().find("## " + m.id + " " + m.name) != std::string::npos);
}

TEST_CASE("message templates only use placeholders") {
  // A template must render without leftover braces when given every name it uses.
  for (const auto& m : og::rule_catalog())
    for (const auto& [variant, tpl] : m.messages) {
      CHECK_MESSAGE(!tpl.empty(), m.id << " " << variant);
      size_t open = std::count(tpl.begin(), tpl.end(), '{'), close = std::count(tpl.begin(), tpl.end(), '}');
      CHECK_MESSAGE(open == close, m.id << " " << variant << " has unbalanced braces");
    }
}
