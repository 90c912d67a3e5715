// What every fuzz harness shares: the explicit registry of harnesses, the
// invariant checks (cheap properties that must hold for any input), and how an
// invariant failure is reported. A harness body is a plain function, built
// twice: into the libFuzzer driver (clang, `cmake -DOOMGUARD_FUZZ=ON`) and into
// the doctest suite, which replays every input under fuzz/regressions/.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/location.h"
#include "parse/yaml_source.h"

namespace og::fuzz {

using HarnessFn = void (*)(const uint8_t* data, size_t size);

struct Harness {
  const char* name;   // also the folder name under fuzz/regressions/ and the seed corpus
  HarnessFn run;
  const char* what;   // the entry point it drives
};

// Every harness, in one explicit list (registry.cc).
const std::vector<Harness>& harnesses();
const Harness* find_harness(std::string_view name);

// An invariant failure. The default handler prints the message and aborts, so
// that libFuzzer records a crash with the input; the doctest replay installs a
// handler that records the message instead.
using FailureHandler = void (*)(const std::string& message);
FailureHandler set_failure_handler(FailureHandler h);  // returns the previous one
void fail(const std::string& message);

#define OG_FUZZ_CHECK(cond, msg)                                               \
  do {                                                                         \
    if (!(cond)) ::og::fuzz::fail(std::string(__FILE__ ":") + std::to_string(__LINE__) + \
                                  ": " #cond ": " + (msg));                    \
  } while (0)

// The input as text.
inline std::string_view as_text(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

// Physical lines of a text as oomguard's locations count them (split at '\n';
// a '\r' before it is kept, since some formats make it part of the value).
class Lines {
 public:
  explicit Lines(std::string_view text);
  int count() const { return static_cast<int>(lengths_.size()); }
  size_t length(int line) const { return lengths_[static_cast<size_t>(line - 1)]; }
  std::string_view line(int n) const;  // 1-based, '\r' kept
  std::string_view span(const Location& l) const;  // single-line spans only

 private:
  std::string_view text_;
  std::vector<size_t> starts_, lengths_;
};

// A Location that is set lies inside `lines`: line 0 means the whole file; otherwise
// 1 <= line <= end_line <= count, 1 <= col <= length + 1 on its line, and the
// end is not before the start. `what` names the value in the message.
void check_location(const Location& l, const Lines& lines, const std::string& file, const std::string& what);

// load_yaml on the input as file `file`, with its errors' locations checked.
YamlFile load_yaml_checked(const std::string& file, std::string_view text, const Lines& lines);

}  // namespace og::fuzz
