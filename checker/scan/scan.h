// The whole static pipeline for one root: discover -> parse -> resolve ->
// rules. Used by `oomguard scan` and by tests; the probe will reuse the
// resolved project.
#pragma once
#include <string>

#include "config/config.h"
#include "discover/filesystem.h"
#include "report/report.h"

namespace og {

ScanUnit scan_filesystem(FileSystem& fs, const std::string& root_abs, const Config& cfg, int jobs);
// The same pipeline up to the resolved project, without the rules (what
// links to what, e.g. for the revision before a staged deletion).
Project resolve_filesystem(FileSystem& fs, const Config& cfg, int jobs, int* files_read);
// A single stream of manifests (`oomguard scan -`), named `name` in locations.
ScanUnit scan_stream(const std::string& name, std::string content, const Config& cfg);

}  // namespace og
