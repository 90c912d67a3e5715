// Measured byte counts as people read them: the probe's messages, its text
// report and its live progress line print them the same way.
#pragma once
#include <cstdint>
#include <string>

namespace og {

// Binary units, one decimal from KiB up, TiB at most: "512B", "52.3MiB",
// "1.0GiB", "5120.0TiB".
std::string binary_bytes(uint64_t bytes);

}  // namespace og
