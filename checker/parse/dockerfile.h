// Dockerfile parser (BuildKit frontend semantics, the subset that matters for
// memory configuration): parser directives, line continuations (with the
// escape character), comment lines inside continuations, heredocs, stages,
// ARG/ENV with variable substitution, RUN and COPY --from.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "model/location.h"

namespace og {

struct DfVar {
  std::string key;
  std::string value;       // after variable substitution
  std::string raw;         // as written (after unquoting-free slice of the source)
  Location key_loc;
  // Exact span of the value text in the file: the bytes of `raw`, quotes
  // included; zero width just after '=' (or the key) when there is no text.
  // Columns are byte columns of the original line (a UTF-8 BOM counts).
  Location value_loc;
  bool has_value = true;   // ARG NAME without default -> false
  // A stage `ARG NAME` (no default) that took the value of the global ARG of
  // that name: has_value is true and value/raw/value_loc are the global's.
  bool from_global = false;
  // Names referenced as ${X}/$X with no default that had no value at that
  // point (Dockerfile substitutes "" for them).
  std::vector<std::string> unresolved;
};

struct DfInstruction {
  std::string keyword;     // upper-case: RUN, COPY, ...
  std::string args;        // logical line after the keyword (continuations joined)
  Location loc;            // the keyword
  int last_line = 0;       // last physical line (continuations, heredocs)
};

struct DfStage {
  int index = 0;
  std::string name;        // "AS name" lower-cased, or ""
  std::string base;        // image reference after ARG substitution
  Location from_loc;       // the image reference in the FROM line
  int parent_stage = -1;   // index of the stage named by FROM, or -1 for an image
  std::vector<DfVar> env;  // ENV entries in order
  std::vector<DfVar> args; // ARG entries in order
  std::string platform;    // FROM --platform value after substitution, or ""
  // Variables the FROM image reference used while unset (see DfVar).
  std::vector<std::string> base_unresolved;
  // Every instruction of the stage after FROM, in order (ENV, ARG, RUN,
  // COPY, CMD, ENTRYPOINT, ONBUILD, ...), `args` as for RUN.
  std::vector<DfInstruction> instructions;
  std::vector<DfInstruction> runs;        // RUN instructions
  struct Copy { std::string from; Location loc; std::string args; };
  std::vector<Copy> copies;               // COPY/ADD (from = --from value or "")
};

struct Dockerfile {
  std::string path;
  char escape = '\\';
  std::vector<DfVar> global_args;         // ARGs before the first FROM
  std::vector<DfStage> stages;
  std::vector<ParseError> errors;         // located problems; parsing goes on

  // Stage index of the shipped image (the last stage, or `target` by name).
  int final_stage(std::string_view target = {}) const;
  // The chain of stages whose ENV reaches `stage` (oldest ancestor first).
  std::vector<int> ancestry(int stage) const;
};

// Never throws. Problems go to Dockerfile::errors (at most 500, then one
// "too many errors" entry); parsing always continues. Linear in the input.
Dockerfile parse_dockerfile(std::string path, std::string_view content);

}  // namespace og
