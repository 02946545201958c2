// Hostile input to minimax-lab: a mixture weight that would be dropped, JSON values of the wrong kind,
// counts beyond the integer range, integers printed as integers, and a run that overflows, which
// ends as a run (status non_finite, exit 0), never as a usage error.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "../../apps/lab/json.hpp"
#include "run_lab.hpp"

using Catch::Matchers::Contains;

namespace {
// A configuration file with `text`, in the build directory's working folder.
std::string config_file(const std::string& name, const std::string& text) {
  const std::string path = "lab_hostile_" + name + ".json";
  std::ofstream(path) << text;
  return path;
}
}  // namespace

TEST_CASE("lab: a lone mixture component keeps its weight: 0.3*normal is refused, 1*normal is the normal",
          "[lab][hostile]") {
  const outcome bad = run_lab("divergence --p 'mixture:0.3*normal:7,1' --q normal:0,1");
  CHECK(bad.status == 2);  // bad input, named with the option it came from
  CHECK_THAT(bad.out, Contains("--p") && Contains("minimax::mixture") && Contains("sum to 1") && Contains("got 0.3"));
  // weight 1: the normal itself, KL(N(7,1) || N(0,1)) = 49/2
  const auto doc = json_of("divergence --p 'mixture:1*normal:7,1' --q normal:0,1");
  const auto& table = doc.at("table");
  const auto& measures = table.at("measure");
  bool found = false;
  for (std::size_t i = 0; i < measures.size(); ++i) {
    if (measures[i].get<std::string>() != "kl") continue;
    found = true;
    CHECK(std::abs(table.at("value")[i].get<double>() - 24.5) <= 1e-12);
  }
  CHECK(found);
}

TEST_CASE("lab: JSON booleans are flags only, and flags take booleans only", "[lab][hostile]") {
  const outcome lr = run_lab("simulate --game dirac --config " + config_file("lr_true", "{\n  \"lr\": true\n}\n"));
  CHECK(lr.status == 2);
  CHECK_THAT(lr.out, Contains(":2: field \"lr\" takes a value") && Contains("got a boolean"));
  const outcome progress = run_lab("simulate --game dirac --steps 3 --config " + config_file("progress_5", "{\"progress\": 5}"));
  CHECK(progress.status == 2);
  CHECK_THAT(progress.out, Contains("field \"progress\" is a flag: it must be true or false, got a number"));
  // the valid forms still work
  const outcome flag = run_lab("simulate --game dirac --steps 3 --format csv --config " +
                               config_file("progress_true", "{\"progress\": true, \"lr\": 0.1}"));
  CHECK(flag.status == 0);
}

TEST_CASE("lab: a count beyond the integer range is a usage error naming the range", "[lab][hostile]") {
  for (const std::string steps : {"99999999999999999999999", "-99999999999999999999999"}) {
    const outcome o = run_lab("simulate --game dirac --steps " + steps);
    INFO(o.out);
    CHECK(o.status == 2);
    CHECK_THAT(o.out, Contains("--steps must be an integer") && Contains(steps));
  }
}

TEST_CASE("lab: integers print as integers in CSV and JSON (step 10, not 1e+01)", "[lab][hostile]") {
  const outcome o = run_lab("simulate --game bilinear --steps 100 --record-every 10 --format csv");
  REQUIRE(o.status == 0);
  CHECK_THAT(o.out, Contains("\n10,") && Contains("\n100,"));
  CHECK_THAT(o.out, !Contains("e+01,") && !Contains("e+02,"));
  CHECK(lab::json::shortest_text(10.0) == "10");
  CHECK(lab::json::shortest_text(-0.0) == "-0");
  CHECK(lab::json::shortest_text(9007199254740992.0) == "9007199254740992");
  CHECK(lab::json::shortest_text(1e300) == "1e+300");
  CHECK(lab::json::shortest_text(0.1) == "0.1");
  CHECK(std::stod(lab::json::shortest_text(1.0 / 3.0)) == 1.0 / 3.0);
}

// The bisection over the digit count finds what a scan from one digit up finds: the fewest %g
// digits that read back, on random doubles of every magnitude and on powers of two, where the
// values that read back are not centred on x.
TEST_CASE("lab: numbers print with the fewest digits that read back", "[lab][hostile]") {
  const auto scan = [](double x) {
    char buffer[32];
    for (int digits = 1; digits <= 17; ++digits) {
      std::snprintf(buffer, sizeof buffer, "%.*g", digits, x);
      if (std::strtod(buffer, nullptr) == x) break;
    }
    return std::string(buffer);
  };
  std::mt19937_64 bits(4122026);
  std::vector<double> values;
  for (int i = 0; i < 5000; ++i) {
    const std::uint64_t u = bits();
    double x;
    std::memcpy(&x, &u, sizeof x);
    if (std::isfinite(x) && x != std::trunc(x)) values.push_back(x);
  }
  for (int k = -1074; k <= 52; ++k) values.push_back(std::ldexp(1.0, k));
  std::uniform_real_distribution<double> unit(0, 1);
  for (int i = 0; i < 2000; ++i) values.push_back(unit(bits));
  for (const double x : values) {
    const std::string text = lab::json::shortest_text(x);
    INFO("x = " << scan(x));
    CHECK(text == scan(x));
    CHECK(std::strtod(text.c_str(), nullptr) == x);
  }
}

TEST_CASE("lab: a network run whose step overflows ends non_finite with its rows kept, exit 0", "[lab][hostile]") {
  for (const std::string game : {"ring", "began"}) {
    INFO(game);
    const auto doc = json_of("simulate --game " + game + " --steps 30 --lr 1e300 --batch 16 --snapshots 1");
    CHECK(doc.at("status").get<std::string>() == "non_finite");
    CHECK_THAT(doc.at("message").get<std::string>(), Contains("non-finite: step"));
    const double taken = doc.at("steps_taken").get<double>();
    CHECK(taken < 30);
    // the rows recorded before the overflow are there
    const auto& steps = doc.at("table").at("step");
    REQUIRE(!steps.empty());
    CHECK(steps.back().get<double>() <= taken);
    // every recorded step is a number; a loss is null (NaN) where the networks overflow at a finite state
    for (const auto& cell : steps) CHECK(cell.is_number());
  }
  // a step that does not overflow completes
  const auto fine = json_of("simulate --game ring --steps 20 --batch 16 --snapshots 1");
  CHECK(fine.at("status").get<std::string>() == "completed");
  CHECK(fine.at("steps_taken").get<double>() == 20);
}

TEST_CASE("lab: the configuration reader keeps each member's line and refuses what it cannot keep", "[lab][hostile]") {
  const auto doc = lab::json::parse("{\"game\": \"dirac\",\n\n  \"lr\":\n 0.5, \"steps\": [1, {\"a\": 2}]\n}\n", "c.json");
  CHECK(doc.line_of("game") == 1);
  CHECK(doc.line_of("lr") == 3);  // the key's line, not the value's
  CHECK(doc.line_of("steps") == 4);
  CHECK(doc.root.at("lr").get<double>() == 0.5);
  const auto refused = [](const std::string& text, const std::string& message) {
    INFO(text);
    CHECK_THROWS_WITH(lab::json::parse(text, "c.json"), Contains(message));
  };
  refused("{\"lr\": 0.1,\n \"lr\": 0.2}", "c.json:2: duplicate key \"lr\"");  // neither is dropped silently
  refused("{\"a\": {\"b\": 1,\n \"b\": 2}}", "c.json:2: duplicate key \"b\"");
  refused("{\"lr\":\n 1e999}", "c.json:2:");                                // beyond a double
  refused("{\"lr\": 0.1}\n x", "c.json:2:");                                  // text after the value
  refused("", "c.json:1:");
  refused(std::string(70, '[') + std::string(70, ']'), "nesting deeper than 64 levels");
  CHECK_THROWS_WITH(lab::json::parse_file("no_such_config.json"), Contains("no_such_config.json: cannot open the file"));
  // what the lab writes reads back: an array of scalars on one line, text that is not UTF-8 replaced
  lab::json::value out = {{"x", {1.5, 2.0}}, {"name", std::string("a\xff")}};
  const auto back = lab::json::parse(lab::json::dump(out), "dump").root;
  CHECK(back.at("x") == out.at("x"));
  CHECK(back.at("name").get<std::string>() == "a\xef\xbf\xbd");
  CHECK_THAT(lab::json::dump(out), Contains("\"x\": [1.5, 2.0]"));
}

TEST_CASE("lab: --config, the command line and CLI11's own checks", "[lab][hostile]") {
  // the command line wins over the file, which wins over the defaults
  const std::string config = config_file("steps", "{\"game\": \"bilinear\",\n \"steps\": 7,\n \"lr\": 0.2}");
  const auto both = json_of("simulate --config " + config + " --lr 0.05");
  CHECK(both.at("lr").get<double>() == 0.05);
  CHECK(both.at("steps").get<double>() == 7);
  CHECK(both.at("game").get<std::string>().find("bilinear") != std::string::npos);
  // a value from the file that a later check refuses names the file, the line and the field
  const outcome negative = run_lab("simulate --config " + config_file("negative", "{\"game\": \"dirac\",\n \"lr\": -2}"));
  CHECK(negative.status == 2);
  CHECK_THAT(negative.out, Contains("lab_hostile_negative.json:2: field \"lr\": --lr must be positive, got -2"));
  const outcome twice = run_lab("simulate --config " + config_file("twice", "{\"steps\": 5,\n \"steps\": 6}"));
  CHECK(twice.status == 2);
  CHECK_THAT(twice.out, Contains("lab_hostile_twice.json:2: duplicate key \"steps\""));
  const outcome missing = run_lab("simulate --config no_such_config.json");
  CHECK(missing.status == 2);
  CHECK_THAT(missing.out, Contains("no_such_config.json"));
  // a flag set to false in the file stays off
  const outcome off = run_lab("simulate --game dirac --steps 2 --format csv --config " + config_file("off", "{\"progress\": false}"));
  CHECK(off.status == 0);
  // what the command line cannot mean is refused, never ignored
  for (const std::string bad : {"simulate --lr", "simulate --no-such-option 1", "simulate stray", "simulate --lr 0.1 --lr 0.2"}) {
    const outcome o = run_lab(bad);
    INFO(bad << "\n" << o.out);
    CHECK(o.status == 2);
    CHECK_THAT(o.out, Contains("minimax-lab simulate: ") && Contains("(see minimax-lab simulate --help)"));
  }
  // --help lists each option with its default, exit 0
  const outcome help = run_lab("simulate --help");
  CHECK(help.status == 0);
  CHECK_THAT(help.out, Contains("--lr") && Contains("=0.1") && Contains("--config FILE"));
}
