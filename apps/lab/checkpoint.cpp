#include "checkpoint.hpp"

#include <cstdint>
#include <fstream>
#include <sstream>
#include <vector>

#include "args.hpp"
#include "json.hpp"

namespace lab {

namespace {

constexpr const char* checkpoint_kind = "minimax-lab simulate checkpoint";

// lab::to_json's vector form (common.cpp), kept here so that the checkpoint reader and its fuzz target
// build from json.cpp alone, without the lab's distributions and games
json::value numbers(const Eigen::VectorXd& v) {
  json::value out = json::value::array();
  for (Eigen::Index i = 0; i < v.size(); ++i) out.push_back(v[i]);
  return out;
}

json::value adam_to_json(const minimax::nn::adam<double>& opt) {
  json::value out = json::value::object();
  out["first_moment"] = numbers(opt.first_moment());
  out["second_moment"] = numbers(opt.second_moment());
  out["steps"] = opt.steps();
  return out;
}

}  // namespace

json::value checkpoint_to_json(const checkpoint& c) {
  json::value out = json::value::object();
  out["kind"] = checkpoint_kind;
  out["version"] = 1;
  out["game"] = c.game;
  out["seed"] = c.seed;
  out["step"] = c.step;
  std::ostringstream engine;
  engine << c.rng;
  out["rng"] = engine.str();
  out["generator_adam"] = adam_to_json(c.generator_adam);
  out["discriminator_adam"] = adam_to_json(c.discriminator_adam);
  if (c.began) {
    json::value control = json::value::object();
    control["k"] = c.began->k;
    const auto& pending = c.began->pending_losses;
    control["pending_losses"] = pending ? json::value::array({pending->first, pending->second}) : json::value();
    out["began_control"] = control;
  }
  out["parameters"] = numbers(c.parameters);
  return out;
}

std::string write_checkpoint(const checkpoint& c) { return json::dump(checkpoint_to_json(c)); }

std::string write_checkpoint_cbor(const checkpoint& c) {
  const std::vector<std::uint8_t> bytes = json::value::to_cbor(checkpoint_to_json(c));
  return {bytes.begin(), bytes.end()};
}

void save_checkpoint(const std::string& path, const checkpoint& c) {
  const bool text = path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0;
  const std::string bytes = text ? write_checkpoint(c) : write_checkpoint_cbor(c);
  std::ofstream file(path, std::ios::binary);
  if (!file) throw usage_error("--save-state: cannot write " + path);
  file << bytes;
  if (!file) throw usage_error("--save-state: writing " + path + " failed");
}

checkpoint read_checkpoint(std::string_view text, const std::string& source, const std::string& game,
                           Eigen::Index n_generator, Eigen::Index n_parameters,
                           const minimax::nn::adam<double>& generator_adam,
                           const minimax::nn::adam<double>& discriminator_adam) {
  // JSON text starts with '{' (after any white space); anything else is read as CBOR
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  const bool binary = first != std::string_view::npos && text[first] != '{';
  json::document doc;
  if (binary) {
    try {
      doc.root = json::value::from_cbor(text.begin(), text.end());
    } catch (const nlohmann::json::exception& e) {
      throw usage_error("--resume: " + source + ": neither JSON text nor CBOR (" + e.what() + ")");
    }
  } else {
    try {
      doc = json::parse(text, source);
    } catch (const json::parse_error& e) {
      throw usage_error(std::string("--resume: ") + e.what());
    }
  }
  const auto where = [&](const std::string& key) {  // CBOR has no lines: the field alone
    return source + (binary ? std::string() : ":" + std::to_string(doc.line_of(key))) + ": field \"" + key + "\"";
  };
  const auto fail = [&](const std::string& key, const std::string& message) {
    return usage_error("--resume: " + where(key) + ": " + message);
  };
  if (!doc.root.is_object()) {
    throw usage_error("--resume: " + source + ": a checkpoint is a JSON object, not " + json::kind_of(doc.root));
  }
  const auto member = [&](const std::string& key) -> const json::value& {
    if (!doc.root.contains(key)) throw usage_error("--resume: " + source + ": the field \"" + key + "\" is missing");
    return doc.root.at(key);
  };
  const auto integer = [&](const std::string& key, long min_value) {
    const json::value& v = member(key);
    if (!v.is_number_integer() || (v.is_number_unsigned() && v.get<std::uint64_t>() > 0x7fffffffffffffffu) ||
        v.get<long>() < min_value) {
      throw fail(key, "must be an integer >= " + std::to_string(min_value) + ", not " + json::one_line(v));
    }
    return v.get<long>();
  };
  const auto vector = [&](const std::string& key, const json::value& v, Eigen::Index size) {
    if (!v.is_array() || static_cast<Eigen::Index>(v.size()) != size) {
      throw fail(key, "must be an array of " + std::to_string(size) + " numbers (" + json::kind_of(v) +
                          (v.is_array() ? " of " + std::to_string(v.size()) : std::string()) + " given)");
    }
    Eigen::VectorXd out(size);
    for (Eigen::Index i = 0; i < size; ++i) {
      const json::value& x = v[static_cast<std::size_t>(i)];
      if (!x.is_number()) throw fail(key, "entry " + std::to_string(i) + " is " + json::kind_of(x) + ", not a number");
      out[i] = x.get<double>();
    }
    return out;
  };
  if (member("kind") != checkpoint_kind) throw fail("kind", "not a checkpoint of minimax-lab simulate");
  if (integer("version", 0) != 1) throw fail("version", "version 1 is the one this minimax-lab reads");
  if (!member("game").is_string() || member("game").get<std::string>() != game) {
    throw fail("game", "the checkpoint is of the game " + json::one_line(member("game")) + ", not \"" + game + "\"");
  }
  checkpoint c{game,
               static_cast<std::uint64_t>(integer("seed", 0)),
               integer("step", 0),
               vector("parameters", member("parameters"), n_parameters),
               generator_adam,
               discriminator_adam,
               minimax::rng{},
               std::nullopt};
  if (!c.parameters.allFinite()) throw fail("parameters", "every parameter must be finite");
  const auto adam = [&](const std::string& key, minimax::nn::adam<double>& opt, Eigen::Index size) {
    const json::value& v = member(key);
    if (!v.is_object() || !v.contains("first_moment") || !v.contains("second_moment") || !v.contains("steps") ||
        !v.at("steps").is_number_integer()) {
      throw fail(key, "must be an object with first_moment, second_moment (arrays) and steps (an integer)");
    }
    const long steps = v.at("steps").get<long>();
    const Eigen::Index n = steps == 0 ? 0 : size;
    try {
      opt.restore(vector(key, v.at("first_moment"), n), vector(key, v.at("second_moment"), n), steps);
    } catch (const minimax::invalid_argument& e) {
      throw fail(key, e.what());
    }
  };
  adam("generator_adam", c.generator_adam, n_generator);
  adam("discriminator_adam", c.discriminator_adam, n_parameters - n_generator);
  if (!member("rng").is_string()) {
    throw fail("rng", std::string("must be a string (the generator's state), not ") + json::kind_of(member("rng")));
  }
  std::istringstream engine(member("rng").get<std::string>());
  engine >> c.rng;
  if (!engine) throw fail("rng", "not the state of a minimax::rng");
  if (game == "began") {
    const json::value& control = member("began_control");
    const auto two_numbers = [](const json::value& v) {
      return v.is_array() && v.size() == 2 && v[0].is_number() && v[1].is_number();
    };
    if (!control.is_object() || !control.contains("k") || !control.at("k").is_number() ||
        !control.contains("pending_losses") ||
        !(control.at("pending_losses").is_null() || two_numbers(control.at("pending_losses")))) {
      throw fail("began_control", "must be an object with k (a number) and pending_losses (null or two numbers)");
    }
    began_control b{control.at("k").get<double>(), std::nullopt, where("began_control")};
    const json::value& pending = control.at("pending_losses");
    if (!pending.is_null()) b.pending_losses = std::pair{pending[0].get<double>(), pending[1].get<double>()};
    c.began = b;
  }
  return c;
}

checkpoint load_checkpoint(const std::string& path, const std::string& game, Eigen::Index n_generator,
                           Eigen::Index n_parameters, const minimax::nn::adam<double>& generator_adam,
                           const minimax::nn::adam<double>& discriminator_adam) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw usage_error("--resume: " + path + ": cannot open the file");
  std::ostringstream text;
  text << in.rdbuf();
  return read_checkpoint(text.str(), path, game, n_generator, n_parameters, generator_adam, discriminator_adam);
}

}  // namespace lab
