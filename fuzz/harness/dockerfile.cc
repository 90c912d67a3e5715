// Dockerfile lexer + parser: never throws, every location lies in the input,
// and a single-line ENV/ARG value span holds exactly the raw text.
#include "fuzz_support.h"
#include "harnesses.h"
#include "parse/dockerfile.h"

namespace og::fuzz {

namespace {

void check_var(const DfVar& v, const Lines& lines, const std::string& file) {
  check_location(v.key_loc, lines, file, "key of " + v.key);
  check_location(v.value_loc, lines, file, "value of " + v.key);
  if (v.has_value && !v.from_global && v.value_loc.line > 0 && v.value_loc.end_line == v.value_loc.line &&
      v.raw.find('\n') == std::string::npos)
    OG_FUZZ_CHECK(lines.span(v.value_loc) == v.raw, "value span of " + v.key + " is '" +
                                                        std::string(lines.span(v.value_loc)) + "', raw is '" + v.raw + "'");
}

}  // namespace

void fuzz_dockerfile(const uint8_t* data, size_t size) {
  const std::string file = "Dockerfile";
  std::string_view text = as_text(data, size);
  Dockerfile df = parse_dockerfile(file, text);
  Lines lines(text);
  OG_FUZZ_CHECK(df.errors.size() <= 501, "more errors than the parser's cap");
  for (const auto& e : df.errors) check_location(e.loc, lines, file, "error '" + e.message + "'");
  for (const auto& v : df.global_args) check_var(v, lines, file);
  for (const auto& s : df.stages) {
    check_location(s.from_loc, lines, file, "FROM of stage " + std::to_string(s.index));
    OG_FUZZ_CHECK(s.parent_stage < s.index, "a stage's parent comes after it");
    for (const auto& v : s.env) check_var(v, lines, file);
    for (const auto& v : s.args) check_var(v, lines, file);
    for (const auto& i : s.instructions) {
      check_location(i.loc, lines, file, i.keyword);
      OG_FUZZ_CHECK(i.last_line >= i.loc.line && i.last_line <= lines.count(), i.keyword + " ends outside the file");
    }
    for (const auto& c : s.copies) check_location(c.loc, lines, file, "COPY");
  }
  if (!df.stages.empty()) {
    int final = df.final_stage();
    OG_FUZZ_CHECK(final >= 0 && final < static_cast<int>(df.stages.size()), "final stage out of range");
    std::vector<int> chain = df.ancestry(final);
    OG_FUZZ_CHECK(!chain.empty() && chain.back() == final, "ancestry does not end at the stage");
    OG_FUZZ_CHECK(chain.size() <= df.stages.size(), "ancestry longer than the stage list (a cycle)");
  }
}

}  // namespace og::fuzz
