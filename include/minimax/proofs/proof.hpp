#pragma once
/// \file
/// \brief An executable proof: a chain of steps, each a formula evaluated for concrete distributions,
/// with residuals judged against the numerical error estimates; and its printer.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "minimax/core/estimate.hpp"

namespace minimax::proofs {

/// \brief How a step relates to the step (or constant) it is compared with.
enum class relation {
  given,     ///< the first line of a chain: nothing to compare
  equals,    ///< \f$v = r\f$: holds when \f$|v - r| \le\f$ tolerance
  at_most,   ///< \f$v \le r\f$: holds when \f$v - r \le\f$ tolerance
  at_least,  ///< \f$v \ge r\f$: holds when \f$r - v \le\f$ tolerance
};

/// \brief "=", "<=", ">=" or "" (given).
inline const char* to_symbol(relation r) noexcept {
  switch (r) {
    case relation::given: return "";
    case relation::equals: return "=";
    case relation::at_most: return "<=";
    case relation::at_least: return ">=";
  }
  return "?";
}

/// \brief How many error estimates apart two values may be and still count as equal: 4.
///
/// Quadrature error estimates (the change between the last two refinement levels) are of the
/// size of the error, seldom smaller by more than a small factor; 4 leaves room for that while a
/// wrong identity, off by a term of the size of the values, fails by orders of magnitude.
inline constexpr double error_multiple = 4.0;

/// \brief A step's stable identifier, such as "two_jsd" or "lower_bound": unique within a proof,
/// fixed in the code (not derived from the display text), so tests, the docs and programs can name a
/// step that keeps its meaning when its wording or its position changes.
struct step_id {
  std::string value;  ///< lower case, words joined by underscores
};

/// \brief One line of a proof: \f$v_k\f$ = (formula evaluated), compared with a reference value.
///
/// A step is a minimax::estimate (the formula's `value` for the given distributions and its
/// `error_estimate`), the library's one type for a value with an error estimate, and so is its
/// `reference`.
struct step : estimate {
  std::string name;                ///< what the line is, in words
  std::string formula;             ///< the formula in LaTeX, as the docs page writes it
  std::string identity;            ///< the identity or fact that leads from the reference to this line
  relation rel = relation::given;  ///< how `value` must relate to `reference`
  estimate reference;              ///< what it is compared with (usually the previous line), with its error
  std::string reference_name;      ///< where the reference comes from ("previous step", "0", ...)
  std::string id;                  ///< the stable identifier (see step_id); empty for a step given none

  /// \f$v - r\f$ (0 for a given line).
  double residual() const noexcept { return rel == relation::given ? 0.0 : value - reference.value; }
  /// error_multiple \f$\times\f$ (error + reference error), plus 4 ulps of the larger magnitude
  /// (two exact values that round differently).
  double tolerance() const noexcept {
    const double scale = std::max(std::abs(value), std::abs(reference.value));
    const double ulps = std::isfinite(scale) ? 4 * std::numeric_limits<double>::epsilon() * scale : 0.0;
    return error_multiple * (error_estimate + reference.error_estimate) + ulps;
  }
  /// Whether the relation holds within tolerance() (equal infinities count as equal; NaN never holds).
  bool holds() const noexcept {
    const double r = reference.value;
    if (value != value || r != r) return false;
    const double t = tolerance();
    switch (rel) {
      case relation::given: return true;
      case relation::equals: return value == r || std::abs(value - r) <= t;
      case relation::at_most: return value <= r || value - r <= t;
      case relation::at_least: return value >= r || r - value <= t;
    }
    return false;
  }
};

/// \brief A proof: its statement and the chain of evaluated steps.
struct proof {
  std::string title;      ///< e.g. "Theorem 1 (Goodfellow et al. 2014)"
  std::string statement;  ///< what is proved, in words and LaTeX
  std::string pair;       ///< a description of the distributions it was run on
  std::vector<step> steps;  ///< the lines, in order

  /// Every step holds.
  bool holds() const noexcept {
    return std::all_of(steps.begin(), steps.end(), [](const step& s) { return s.holds(); });
  }
  /// The step named `name` (the first with that display name). \throws std::out_of_range if there is none.
  const step& at(const std::string& name) const {
    for (const auto& s : steps) {
      if (s.name == name) return s;
    }
    throw std::out_of_range("minimax::proofs::proof::at: no step named " + name);
  }
  /// The step with identifier `id`. \throws std::out_of_range if there is none.
  const step& at(const step_id& id) const { return steps[index_of(id)]; }
  /// The position of the step with identifier `id`. \throws std::out_of_range if there is none.
  std::size_t index_of(const step_id& id) const {
    for (std::size_t k = 0; k < steps.size(); ++k) {
      if (steps[k].id == id.value) return k;
    }
    throw std::out_of_range("minimax::proofs::proof::index_of: no step with id " + id.value);
  }
  /// The identifiers of the steps, in order.
  std::vector<std::string> ids() const {
    std::vector<std::string> out;
    for (const auto& s : steps) out.push_back(s.id);
    return out;
  }

  // Building a proof with identified steps: as given(), then(), against() and compare() below, the
  // new step taking the identifier `id`. Each throws std::logic_error when `id` is empty or another
  // step has it already. Values come as a minimax::estimate, or as a value and its error.
  /// given() whose step takes the identifier `id`. \throws std::logic_error if `id` is empty or taken.
  std::size_t given(step_id id, std::string name, std::string formula, std::string identity, estimate value) {
    return with_id(std::move(id), given(std::move(name), std::move(formula), std::move(identity), value));
  }
  /// As above, the value and its error given apart.
  std::size_t given(step_id id, std::string name, std::string formula, std::string identity, double value, double error) {
    return given(std::move(id), std::move(name), std::move(formula), std::move(identity), estimate{value, error});
  }
  /// then() whose step takes the identifier `id`. \throws std::logic_error if `id` is empty or taken.
  std::size_t then(relation rel, step_id id, std::string name, std::string formula, std::string identity,
                   estimate value) {
    return with_id(std::move(id), then(rel, std::move(name), std::move(formula), std::move(identity), value));
  }
  /// As above, the value and its error given apart.
  std::size_t then(relation rel, step_id id, std::string name, std::string formula, std::string identity, double value,
                   double error) {
    return then(rel, std::move(id), std::move(name), std::move(formula), std::move(identity), estimate{value, error});
  }
  /// against() whose step takes the identifier `id`. \throws std::logic_error if `id` is empty or taken.
  std::size_t against(std::size_t index, relation rel, step_id id, std::string name, std::string formula,
                      std::string identity, estimate value) {
    return with_id(std::move(id), against(index, rel, std::move(name), std::move(formula), std::move(identity), value));
  }
  /// As above, the value and its error given apart.
  std::size_t against(std::size_t index, relation rel, step_id id, std::string name, std::string formula,
                      std::string identity, double value, double error) {
    return against(index, rel, std::move(id), std::move(name), std::move(formula), std::move(identity),
                   estimate{value, error});
  }
  /// against() whose reference is the step with identifier `reference`, the new step taking `id`.
  /// \throws std::logic_error if `id` is empty or taken; std::out_of_range if no step has `reference`.
  std::size_t against(const step_id& reference, relation rel, step_id id, std::string name, std::string formula,
                      std::string identity, estimate value) {
    return against(index_of(reference), rel, std::move(id), std::move(name), std::move(formula), std::move(identity),
                   value);
  }
  /// As above, the value and its error given apart.
  std::size_t against(const step_id& reference, relation rel, step_id id, std::string name, std::string formula,
                      std::string identity, double value, double error) {
    return against(reference, rel, std::move(id), std::move(name), std::move(formula), std::move(identity),
                   estimate{value, error});
  }
  /// compare() whose step takes the identifier `id`. \throws std::logic_error if `id` is empty or taken.
  std::size_t compare(relation rel, step_id id, std::string name, std::string formula, std::string identity,
                      estimate value, estimate reference, std::string reference_name) {
    return with_id(std::move(id), compare(rel, std::move(name), std::move(formula), std::move(identity), value,
                                          reference, std::move(reference_name)));
  }
  /// As above, the reference and its error given apart (a constant: error 0).
  std::size_t compare(relation rel, step_id id, std::string name, std::string formula, std::string identity,
                      estimate value, double reference, double reference_error, std::string reference_name) {
    return compare(rel, std::move(id), std::move(name), std::move(formula), std::move(identity), value,
                   estimate{reference, reference_error}, std::move(reference_name));
  }
  /// As above, each value and its error given apart.
  std::size_t compare(relation rel, step_id id, std::string name, std::string formula, std::string identity,
                      double value, double error, double reference, double reference_error, std::string reference_name) {
    return compare(rel, std::move(id), std::move(name), std::move(formula), std::move(identity), estimate{value, error},
                   estimate{reference, reference_error}, std::move(reference_name));
  }

  /// Appends a first line (nothing to compare with) and returns its index.
  std::size_t given(std::string name, std::string formula, std::string identity, estimate value) {
    step s;
    static_cast<estimate&>(s) = value;
    s.name = std::move(name);
    s.formula = std::move(formula);
    s.identity = std::move(identity);
    steps.push_back(std::move(s));
    return steps.size() - 1;
  }
  /// As above, the value and its error given apart.
  std::size_t given(std::string name, std::string formula, std::string identity, double value, double error) {
    return given(std::move(name), std::move(formula), std::move(identity), estimate{value, error});
  }
  /// Appends a line related to the previous one and returns its index.
  std::size_t then(relation rel, std::string name, std::string formula, std::string identity, estimate value) {
    const estimate previous = steps.back();
    return compare(rel, std::move(name), std::move(formula), std::move(identity), value, previous, "previous step");
  }
  /// As above, the value and its error given apart.
  std::size_t then(relation rel, std::string name, std::string formula, std::string identity, double value,
                   double error) {
    return then(rel, std::move(name), std::move(formula), std::move(identity), estimate{value, error});
  }
  /// Appends a line related to step `index` and returns its index.
  std::size_t against(std::size_t index, relation rel, std::string name, std::string formula, std::string identity,
                      estimate value) {
    const estimate reference = steps.at(index);
    return compare(rel, std::move(name), std::move(formula), std::move(identity), value, reference,
                   "step " + std::to_string(index + 1));
  }
  /// As above, the value and its error given apart.
  std::size_t against(std::size_t index, relation rel, std::string name, std::string formula, std::string identity,
                      double value, double error) {
    return against(index, rel, std::move(name), std::move(formula), std::move(identity), estimate{value, error});
  }
  /// Appends a line related to a reference of its own (a constant: error 0) and returns its index.
  std::size_t compare(relation rel, std::string name, std::string formula, std::string identity, estimate value,
                      estimate reference, std::string reference_name) {
    given(std::move(name), std::move(formula), std::move(identity), value);
    step& s = steps.back();
    s.rel = rel;
    s.reference = reference;
    s.reference_name = std::move(reference_name);
    return steps.size() - 1;
  }
  /// As above, each value and its error given apart.
  std::size_t compare(relation rel, std::string name, std::string formula, std::string identity, double value,
                      double error, double reference, double reference_error, std::string reference_name) {
    return compare(rel, std::move(name), std::move(formula), std::move(identity), estimate{value, error},
                   estimate{reference, reference_error}, std::move(reference_name));
  }

 private:
  std::size_t with_id(step_id id, std::size_t index) {
    if (id.value.empty()) {
      steps.pop_back();
      throw std::logic_error("minimax::proofs::proof: a step id must not be empty");
    }
    for (std::size_t k = 0; k < steps.size(); ++k) {
      if (k != index && steps[k].id == id.value) {
        steps.pop_back();
        throw std::logic_error("minimax::proofs::proof: two steps with id " + id.value);
      }
    }
    steps[index].id = std::move(id.value);
    return index;
  }
};

namespace detail {
inline std::string number(double x, const char* format = "%.12g") {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, x);
  return buffer;
}
inline std::string clip(const std::string& s, std::size_t width) {
  return s.size() <= width ? s : s.substr(0, width - 3) + "...";
}
}  // namespace detail

/// \brief The proof as a plain-text table, one row per step:
/// `#  step  relation  value  error  residual  tolerance  verdict`, then the formulas and identities
/// by number, then the verdict. Numbers are printed with 12 significant digits.
inline std::string to_table(const proof& p) {
  std::ostringstream out;
  out << p.title << "\n";
  if (!p.pair.empty()) out << "  for " << p.pair << "\n";
  char line[512];
  std::snprintf(line, sizeof line, "  %-3s %-44s %-3s %20s %10s %11s %10s  %s\n", "#", "step", "", "value", "error",
                "residual", "tolerance", "verdict");
  out << line;
  for (std::size_t k = 0; k < p.steps.size(); ++k) {
    const step& s = p.steps[k];
    const bool given = s.rel == relation::given;
    std::snprintf(line, sizeof line, "  %-3zu %-44s %-3s %20s %10s %11s %10s  %s\n", k + 1,
                  detail::clip(s.name, 44).c_str(), to_symbol(s.rel), detail::number(s.value).c_str(),
                  detail::number(s.error_estimate, "%.1e").c_str(), given ? "" : detail::number(s.residual(), "%.2e").c_str(),
                  given ? "" : detail::number(s.tolerance(), "%.1e").c_str(), s.holds() ? "ok" : "FAILS");
    out << line;
  }
  for (std::size_t k = 0; k < p.steps.size(); ++k) {
    const step& s = p.steps[k];
    out << "  (" << k + 1 << ") " << s.formula;
    if (!s.identity.empty()) out << "   [" << s.identity << "]";
    if (s.rel != relation::given && s.reference_name != "previous step") out << "   vs " << s.reference_name;
    out << "\n";
  }
  out << "  verdict: " << (p.holds() ? "holds" : "DOES NOT HOLD") << "\n";
  return out.str();
}

/// \brief Writes to_table(p).
inline std::ostream& operator<<(std::ostream& out, const proof& p) { return out << to_table(p); }

}  // namespace minimax::proofs
