// Errors as values for the runtime layer: nothing in checker/runtime/ throws
// across its interface. An Error keeps the errno that caused it, because some
// callers act on it (EBUSY from cgroup.subtree_control means "no internal
// processes", EEXIST from mkdir means "pick another name").
#pragma once
#include <string>
#include <utility>
#include <variant>

namespace og::runtime {

struct Error {
  std::string message;
  int err = 0;  // errno when the error came from a system call, else 0
};

// Success, or an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error e) : error_(std::move(e)), failed_(true) {}
  bool ok() const { return !failed_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool failed_ = false;
};

// A value, or an Error.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error e) : v_(std::move(e)) {}
  bool ok() const { return v_.index() == 0; }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  const Error& error() const { return std::get<1>(v_); }
  Status status() const { return ok() ? Status() : Status(error()); }

 private:
  std::variant<T, Error> v_;
};

// "what: strerror(err)" as an Error carrying err.
Error sys_error(const std::string& what, int err);

}  // namespace og::runtime
