// Helpers shared by the CI-facing formats (github, junit, gitlab, markdown):
// text hygiene for hostile inputs and the few phrasings they have in common.
#pragma once
#include <string>
#include <string_view>

#include "report/report.h"

namespace og {

// `s` with every ill-formed UTF-8 sequence (overlong, surrogate, beyond
// U+10FFFF, truncated, stray continuation byte) replaced by U+FFFD, one
// replacement per maximal ill-formed subpart as the Unicode standard
// recommends. Messages quote input files, which may be binary.
std::string valid_utf8(std::string_view s);

// XML 1.0 character data: valid UTF-8, & < > escaped (and " ' in
// attributes), characters XML 1.0 forbids (C0 controls other than tab,
// newline and CR; U+FFFE, U+FFFF) replaced by U+FFFD, CR kept as a character
// reference. In attributes tab and newline become references too, because
// parsers normalise them to spaces there.
std::string xml_escape(std::string_view s, bool attribute);

// The message, then the fix: "MESSAGE — help: HELP" (just MESSAGE without help).
std::string with_help(const Finding& f);

// "path:line:col" as users see the path (display_path); just the path for a
// whole-file location.
std::string location_text(const ScanOutput& out, const ScanUnit& u, const Location& l);

}  // namespace og
