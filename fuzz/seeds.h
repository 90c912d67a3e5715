// Seed inputs for every harness, taken from the fixture tree (one source for
// ci/fuzz's seed corpora and for the doctest replay): fixture files by kind,
// every fixture case as one framed repository for the pipeline, and the
// quantity spellings of the semantics reference for the grammars.
#pragma once
#include <string>
#include <vector>

namespace og::fuzz {

struct Seed {
  std::string harness;
  std::string name;     // where it came from (a path relative to the fixtures folder)
  std::string content;
};

// Reads `fixtures_dir` (the repository's fixtures/). Files above 64 KiB are left out.
std::vector<Seed> fixture_seeds(const std::string& fixtures_dir);

}  // namespace og::fuzz
