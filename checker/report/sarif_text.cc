#include "report/sarif_text.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <unordered_map>

namespace og {

namespace {

// Decodes UTF-8 into UTF-16 code units as the WHATWG decoder (and so Node's
// "utf8" streams) does: each maximal invalid subpart becomes one U+FFFD.
template <class Emit>
void decode_utf16(std::string_view s, Emit emit) {
  auto emit_cp = [&](uint32_t cp) {
    if (cp < 0x10000) {
      emit(cp);
    } else {
      cp -= 0x10000;
      emit(0xD800 + (cp >> 10));
      emit(0xDC00 + (cp & 0x3FF));
    }
  };
  uint32_t cp = 0;
  int needed = 0, seen = 0;
  unsigned lower = 0x80, upper = 0xBF;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned b = static_cast<unsigned char>(s[i]);
    if (needed == 0) {
      if (b < 0x80) emit(b);
      else if (b >= 0xC2 && b <= 0xDF) { needed = 1; cp = b & 0x1F; }
      else if (b >= 0xE0 && b <= 0xEF) {
        if (b == 0xE0) lower = 0xA0;
        if (b == 0xED) upper = 0x9F;
        needed = 2;
        cp = b & 0x0F;
      } else if (b >= 0xF0 && b <= 0xF4) {
        if (b == 0xF0) lower = 0x90;
        if (b == 0xF4) upper = 0x8F;
        needed = 3;
        cp = b & 0x07;
      } else {
        emit(0xFFFD);
      }
      continue;
    }
    if (b < lower || b > upper) {
      // The sequence so far is one error; this byte starts afresh.
      needed = seen = 0;
      lower = 0x80, upper = 0xBF;
      emit(0xFFFD);
      --i;
      continue;
    }
    lower = 0x80, upper = 0xBF;
    cp = (cp << 6) | (b & 0x3F);
    if (++seen == needed) {
      emit_cp(cp);
      needed = seen = 0;
    }
  }
  if (needed) emit(0xFFFD);
}

// A port of hash() in codeql-action's src/fingerprints.ts; the names follow it.
class LineHasher {
 public:
  LineHasher() {
    line_numbers_.fill(-1);
    for (int i = 0; i < kBlock; ++i) first_mod_ *= kMod;
  }

  void process(uint32_t c) {
    if (c == ' ' || c == '\t' || (prev_cr_ && c == '\n')) {
      prev_cr_ = false;
      return;
    }
    if (c == '\r') {
      c = '\n';
      prev_cr_ = true;
    } else {
      prev_cr_ = false;
    }
    if (line_numbers_[index_] != -1) output();
    if (line_start_) {
      line_start_ = false;
      line_numbers_[index_] = ++line_number_;
    }
    if (c == '\n') line_start_ = true;
    update(c);
  }

  std::vector<std::string> finish() {
    process(kEof);
    for (int i = 0; i < kBlock; ++i) {
      if (line_numbers_[index_] != -1) output();
      update(0);
    }
    return std::move(hashes_);
  }

 private:
  static constexpr int kBlock = 100;
  static constexpr uint64_t kMod = 37;
  static constexpr uint32_t kEof = 65535;  // the sentinel the action appends

  // The action uses 64-bit Long arithmetic: unsigned wrap-around is the same
  // value modulo 2^64, and it prints the unsigned value in lower-case hex.
  void update(uint32_t c) {
    uint32_t begin = window_[index_];
    window_[index_] = c;
    hash_ = kMod * hash_ + c - first_mod_ * begin;
    index_ = (index_ + 1) % kBlock;
  }

  void output() {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%llx", static_cast<unsigned long long>(hash_));
    int n = ++counts_[hash_];
    // Lines are emitted in order, so the index in hashes_ is the line number - 1.
    hashes_.push_back(std::string(hex) + ":" + std::to_string(n));
    line_numbers_[index_] = -1;
  }

  std::array<uint32_t, kBlock> window_{};
  std::array<int, kBlock> line_numbers_{};
  uint64_t hash_ = 0, first_mod_ = 1;
  int index_ = 0, line_number_ = 0;
  bool line_start_ = true, prev_cr_ = false;
  std::unordered_map<uint64_t, int> counts_;
  std::vector<std::string> hashes_;
};

}  // namespace

std::vector<std::string> line_hashes(std::string_view content) {
  LineHasher h;
  decode_utf16(content, [&](uint32_t unit) { h.process(unit); });
  return h.finish();
}

int utf16_column(std::string_view line, int byte_col) {
  if (byte_col <= 1) return byte_col;
  size_t prefix = static_cast<size_t>(byte_col - 1);
  int units = 0;
  decode_utf16(line.substr(0, prefix), [&](uint32_t) { ++units; });
  if (prefix > line.size()) units += static_cast<int>(prefix - line.size());
  return units + 1;
}

}  // namespace og
