// Tests for include/minimax/nn/population_statistics.hpp: the running averages against the recursion
// computed by hand from the tape's batches (Blocks' and PyTorch's conventions, the cumulative mean),
// inference mode put into the network's layers, and refused input that leaves the averages as they were.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <type_traits>
#include <vector>

#include <minimax/nn.hpp>

namespace nn = minimax::nn;

namespace {

using net = nn::sequential<nn::dense<2, 3>, nn::batch_norm, nn::relu, nn::dense<3, 2>, nn::batch_norm>;
using tape = net::tape<double>;

// a batch of n samples from a fixed stream, and its pass through the network (training mode)
tape pass(const net& f, const nn::vector<double>& theta, Eigen::Index n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.5, 2.0);
  nn::batch<double, 2> x(2, n);
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = normal(rng);
  tape t;
  f.forward(theta, x, t);
  return t;
}

nn::vector<double> parameters() {
  std::mt19937_64 rng(3);
  nn::vector<double> theta(net::parameter_count);
  net{}.initialise(theta, nn::glorot{}, rng);
  return theta;
}

// the per-feature mean and biased variance of a batch, by the textbook formulas
void moments(const Eigen::MatrixXd& x, Eigen::ArrayXd& mean, Eigen::ArrayXd& variance) {
  mean = x.rowwise().mean().array();
  variance = (x.colwise() - mean.matrix()).array().square().rowwise().sum() / static_cast<double>(x.cols());
}

}  // namespace

TEST_CASE("population_statistics: Blocks' running averages of the mean and sqrt(var + eps)") {
  const net f;
  const nn::vector<double> theta = parameters();
  auto stats = nn::population_statistics::blocks();
  CHECK(stats.momentum() == 0.05);
  CHECK(stats.spread() == nn::population_statistics::kept::standard_deviation);
  CHECK(stats.layers() == 0);
  Eigen::ArrayXd m1 = Eigen::ArrayXd::Zero(3), s1 = Eigen::ArrayXd::Ones(3);
  Eigen::ArrayXd m4 = Eigen::ArrayXd::Zero(2), s4 = Eigen::ArrayXd::Ones(2);
  for (unsigned batch = 0; batch < 3; ++batch) {
    const tape t = pass(f, theta, 7 + batch, 10 + batch);
    stats.update(f, t);
    Eigen::ArrayXd mu, var;
    moments(std::get<1>(t.values), mu, var);
    m1 = 0.95 * m1 + 0.05 * mu;
    s1 = 0.95 * s1 + 0.05 * (var + 1e-5).sqrt();
    moments(std::get<4>(t.values), mu, var);
    m4 = 0.95 * m4 + 0.05 * mu;
    s4 = 0.95 * s4 + 0.05 * (var + 1e-5).sqrt();
  }
  REQUIRE(stats.layers() == 2);
  CHECK(stats.updates() == 3);
  CHECK(((stats.mean(0) - m1).abs() <= 1e-15 * (1 + m1.abs())).all());
  CHECK(((stats.spread_average(0) - s1).abs() <= 1e-15 * s1).all());
  CHECK(((stats.mean(1) - m4).abs() <= 1e-15 * (1 + m4.abs())).all());
  CHECK(((stats.spread_average(1) - s4).abs() <= 1e-15 * s4).all());
  // the standard deviation is kept as it is: inference divides by the average itself
  CHECK((stats.standard_deviation(0, 1e-5) == stats.spread_average(0)).all());
}

TEST_CASE("for_each_batch_norm visits the batch-normalisation layers in order, with their indices") {
  net f;
  std::vector<std::size_t> seen;
  nn::for_each_batch_norm(f, [&](nn::batch_norm& layer, auto k) {
    seen.push_back(decltype(k)::value);
    layer = nn::batch_norm(1e-3);
  });
  CHECK(seen == std::vector<std::size_t>{1, 4});
  CHECK(f.layer<1>().epsilon == 1e-3);
  CHECK(f.layer<4>().epsilon == 1e-3);
  const net& g = f;
  std::size_t count = 0;
  nn::for_each_batch_norm(g, [&](const nn::batch_norm&, auto) { ++count; });
  CHECK(count == 2);
}

TEST_CASE("population_statistics: averages kept in float") {
  const net f;
  const nn::vector<double> theta = parameters();
  auto in_float = nn::basic_population_statistics<float>::blocks();
  auto in_double = nn::population_statistics::blocks();
  for (unsigned batch = 0; batch < 3; ++batch) {
    const tape t = pass(f, theta, 8, 70 + batch);
    in_float.update(f, t);
    in_double.update(f, t);
  }
  static_assert(std::is_same_v<decltype(in_float.mean(0)), const Eigen::ArrayXf&>);
  CHECK(((in_float.mean(1).cast<double>() - in_double.mean(1)).abs() <= 1e-6 * (1 + in_double.mean(1).abs())).all());
  CHECK(((in_float.spread_average(0).cast<double>() - in_double.spread_average(0)).abs() <=
         1e-6 * in_double.spread_average(0))
            .all());
  const net g = in_float.inference(f);
  CHECK((g.layer<4>().population_mean() == in_float.mean(1).cast<double>()).all());
}

TEST_CASE("population_statistics: PyTorch's unbiased variance, with the closed form of one feature") {
  // one feature, batch {1, 2, 3, 4}: mean 5/2, unbiased variance 5/3; from (0, 1) with momentum 0.1:
  // m = 0.25, v = 0.9 + 0.1 * 5/3 = 16/15; inference divides by sqrt(16/15 + eps)
  using single = nn::sequential<nn::dense<1, 1>, nn::batch_norm>;  // the identity, then the layer
  const single f;
  single::tape<double> t;
  nn::vector<double> theta = nn::vector<double>::Zero(single::parameter_count);
  single::weight<0>(theta)(0, 0) = 1.0;
  f.forward(theta, (nn::batch<double, 1>(1, 4) << 1, 2, 3, 4).finished(), t);
  auto stats = nn::population_statistics::pytorch();
  stats.update(f, t);
  CHECK(stats.mean(0)[0] == Approx(0.25).epsilon(1e-15));
  CHECK(stats.spread_average(0)[0] == Approx(16.0 / 15.0).epsilon(1e-15));
  CHECK(stats.standard_deviation(0, 1e-5)[0] == Approx(std::sqrt(16.0 / 15.0 + 1e-5)).epsilon(1e-15));
  // the biased variance: 5/4, so v = 0.9 + 0.125
  nn::population_statistics biased(0.1, nn::population_statistics::kept::variance);
  biased.update(f, t);
  CHECK(biased.spread_average(0)[0] == Approx(1.025).epsilon(1e-15));
  // a float tape is read in double
  single::tape<float> tf;
  f.forward(theta.cast<float>().eval(), (nn::batch<float, 1>(1, 4) << 1, 2, 3, 4).finished(), tf);
  auto from_float = nn::population_statistics::pytorch();
  from_float.update(f, tf);
  CHECK(from_float.spread_average(0)[0] == Approx(16.0 / 15.0).epsilon(1e-15));
}

TEST_CASE("population_statistics: cumulative() is the plain mean of every batch's statistics") {
  const net f;
  const nn::vector<double> theta = parameters();
  auto stats = nn::population_statistics::cumulative(nn::population_statistics::kept::variance);
  CHECK(stats.is_cumulative());
  Eigen::ArrayXd sum_mean = Eigen::ArrayXd::Zero(2), sum_var = Eigen::ArrayXd::Zero(2);
  for (unsigned batch = 0; batch < 5; ++batch) {
    const tape t = pass(f, theta, 16, 40 + batch);
    stats.update(f, t);
    Eigen::ArrayXd mu, var;
    moments(std::get<4>(t.values), mu, var);
    sum_mean += mu;
    sum_var += var;
  }
  // no trace of the starting point (0, 1): the first update's weight is 1
  CHECK(((stats.mean(1) - sum_mean / 5).abs() <= 1e-14 * (1 + sum_mean.abs())).all());
  CHECK(((stats.spread_average(1) - sum_var / 5).abs() <= 1e-14 * sum_var).all());
}

TEST_CASE("population_statistics: apply() puts every batch-normalisation layer in inference mode") {
  net f;
  const nn::vector<double> theta = parameters();
  nn::population_statistics stats(0.3, nn::population_statistics::kept::unbiased_variance);
  for (unsigned batch = 0; batch < 4; ++batch) stats.update(f, pass(f, theta, 9, 60 + batch));
  const net g = stats.inference(f);
  CHECK(!f.layer<1>().uses_population());  // inference() works on a copy
  REQUIRE(g.layer<1>().uses_population());
  REQUIRE(g.layer<4>().uses_population());
  CHECK((g.layer<1>().population_mean() == stats.mean(0)).all());
  CHECK((g.layer<4>().population_standard_deviation() == (stats.spread_average(1) + 1e-5).sqrt()).all());
  // each sample's output is now its own: one sample alone gives what it gives within a batch
  const tape t = pass(g, theta, 5, 90);
  const nn::batch<double, 2> one = std::get<0>(t.values).col(3);
  CHECK((g(theta, one) - t.output().col(3)).cwiseAbs().maxCoeff() <= 1e-15);
  stats.apply(f);
  CHECK(f.layer<4>().uses_population());
}

TEST_CASE("population_statistics: bad input is refused by name and leaves the averages as they were") {
  using Catch::Matchers::Contains;
  CHECK_THROWS_WITH(nn::population_statistics(0.0), Contains("minimax::nn::population_statistics") && Contains("0"));
  CHECK_THROWS_WITH(nn::population_statistics(1.5), Contains("momentum must be in (0, 1]") && Contains("1.5"));
  CHECK_THROWS_WITH(nn::population_statistics(std::nan("")), Contains("momentum"));
  CHECK_NOTHROW(nn::population_statistics(1.0));

  net f;
  const nn::vector<double> theta = parameters();
  auto stats = nn::population_statistics::pytorch();
  CHECK_THROWS_WITH(stats.apply(f), Contains("population_statistics::apply") && Contains("update first"));
  // one sample has no unbiased variance
  CHECK_THROWS_WITH(stats.update(f, pass(f, theta, 1, 5)),
                    Contains("population_statistics::update") && Contains("at least two samples") && Contains("1"));
  CHECK(stats.updates() == 0);
  stats.update(f, pass(f, theta, 6, 5));
  const Eigen::ArrayXd mean = stats.mean(0), spread = stats.spread_average(0);

  // another network: its batch-normalisation layers do not match the averages kept
  using wider = nn::sequential<nn::dense<2, 4>, nn::batch_norm, nn::relu, nn::dense<4, 2>, nn::batch_norm>;
  const wider w;
  std::mt19937_64 rng(5);
  nn::vector<double> theta_w(wider::parameter_count);
  w.initialise(theta_w, nn::glorot{}, rng);
  wider::tape<double> tw;
  w.forward(theta_w, nn::batch<double, 2>::Ones(2, 6), tw);
  CHECK_THROWS_WITH(stats.update(w, tw), Contains("features now and at the earlier updates") && Contains("4 and 3"));
  using one_layer = nn::sequential<nn::dense<2, 3>, nn::batch_norm>;
  const one_layer o;
  nn::vector<double> theta_o(one_layer::parameter_count);
  o.initialise(theta_o, nn::glorot{}, rng);
  one_layer::tape<double> to;
  o.forward(theta_o, nn::batch<double, 2>::Ones(2, 6), to);
  CHECK_THROWS_WITH(stats.update(o, to), Contains("batch-normalisation layers now and at the earlier updates") &&
                                             Contains("1 and 2"));
  one_layer po;
  CHECK_THROWS_WITH(stats.apply(po), Contains("population_statistics::apply") && Contains("1 and 2"));
  CHECK(!po.layer<1>().uses_population());
  CHECK(stats.updates() == 1);
  CHECK((stats.mean(0) == mean).all());
  CHECK((stats.spread_average(0) == spread).all());
  CHECK_THROWS(stats.mean(2));
}

TEST_CASE("population_statistics: the cumulative averages of fixed layers converge to the population's moments") {
  // the identity into the layer: its inputs are draws of N(0.5, 2^2), so over 400 batches of 50 the mean
  // of the batch means is within a few standard errors (2 / sqrt(20000)) of 0.5, and the mean of the
  // unbiased batch variances (each unbiased for 4) within a few of theirs (4 sqrt(2 / 49) / sqrt(400)) of 4
  using single = nn::sequential<nn::dense<1, 1>, nn::batch_norm>;
  const single f;
  nn::vector<double> theta = nn::vector<double>::Zero(single::parameter_count);
  single::weight<0>(theta)(0, 0) = 1.0;
  single::tape<double> t;
  std::mt19937_64 rng(11);
  std::normal_distribution<double> normal(0.5, 2.0);
  auto stats = nn::population_statistics::cumulative(nn::population_statistics::kept::unbiased_variance);
  nn::batch<double, 1> x(1, 50);
  for (int b = 0; b < 400; ++b) {
    for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = normal(rng);
    f.forward(theta, x, t);
    stats.update(f, t);
  }
  CHECK(std::abs(stats.mean(0)[0] - 0.5) <= 5 * 2.0 / std::sqrt(20000.0));
  CHECK(std::abs(stats.spread_average(0)[0] - 4.0) <= 5 * 4.0 * std::sqrt(2.0 / 49.0) / std::sqrt(400.0));
}

TEST_CASE("population_statistics: in a training loop, inference mode agrees with the batch it was kept from") {
  //! [population statistics]
  // a small regression network with batch normalisation, trained with Adam to fit y = x^2
  using network = nn::sequential<nn::dense<1, 16>, nn::batch_norm, nn::relu, nn::dense<16, 1>>;
  const network f;
  std::mt19937_64 rng(4);
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  nn::vector<double> theta(network::parameter_count), grad(network::parameter_count);
  f.initialise(theta, nn::glorot{}, rng);
  nn::adam<double> fast(1e-2), slow(1e-3);  // a rate lowered for the last 400 steps
  network::tape<double> tape;
  auto stats = nn::population_statistics::pytorch();  // momentum 0.1, the unbiased variance
  nn::batch<double, 1> x(1, 64);
  for (int step = 0; step < 1000; ++step) {
    for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = uniform(rng);
    f.forward(theta, x, tape);  // training mode: each batch normalised by its own statistics
    stats.update(f, tape);      // the batch's statistics folded into the running averages
    const nn::batch<double, 1> dy = 2.0 * (tape.output().array() - x.array().square()) / double(x.cols());
    grad.setZero();
    f.backward(theta, tape, dy, grad);
    (step < 600 ? fast : slow).step(theta, grad);
  }
  const network g = stats.inference(f);  // every sample normalised alike, whatever its batch
  //! [population statistics]
  // on a large batch of the same inputs, the training-mode outputs (the batch's own statistics) and
  // the inference-mode ones (running averages over about 20 batches of 64, so a few per cent of
  // sampling noise in each statistic) agree to a small fraction of the outputs' spread, and the
  // network fits y = x^2 in inference mode too
  nn::batch<double, 1> big(1, 4000);
  for (Eigen::Index i = 0; i < big.size(); ++i) big.data()[i] = uniform(rng);
  const nn::batch<double, 1> trained = f(theta, big), inferred = g(theta, big);
  const double spread = std::sqrt((trained.array() - trained.mean()).square().mean());
  CHECK(spread > 0.2);  // y = x^2 on [-1, 1] has standard deviation 0.298
  const auto rms = [](const auto& e) { return std::sqrt(e.array().square().mean()); };
  CHECK(rms(trained - inferred) <= 0.15 * spread);
  CHECK(rms(trained - big.array().square().matrix()) <= 0.1);
  CHECK(rms(inferred - big.array().square().matrix()) <= 0.1);
  // and not only by chance of a stale average: the layer really divides by the kept statistics
  CHECK((g.layer<1>().population_mean() == stats.mean(0)).all());
}

TEST_CASE("population_statistics: restore() takes up a run where it stopped, bit for bit") {
  const net f;
  const nn::vector<double> theta = parameters();
  for (const auto make : {+[] { return nn::population_statistics::blocks(); },
                          +[] { return nn::population_statistics::pytorch(); },
                          +[] { return nn::population_statistics::cumulative(); }}) {
    auto whole = make();
    for (unsigned seed = 1; seed <= 3; ++seed) whole.update(f, pass(f, theta, 7, seed));
    //! [population statistics checkpoint]
    // saved after three batches, as a checkpoint keeps it, and read back into a fresh object
    std::vector<nn::population_statistics::array> means, spreads;
    for (std::size_t b = 0; b < whole.layers(); ++b) {
      means.push_back(whole.mean(b));
      spreads.push_back(whole.spread_average(b));
    }
    auto resumed = make();  // made as the saved one was: the same convention and momentum
    resumed.restore(means, spreads, whole.updates());
    //! [population statistics checkpoint]
    REQUIRE(resumed.updates() == 3);
    for (unsigned seed = 4; seed <= 6; ++seed) {
      whole.update(f, pass(f, theta, 7, seed));
      resumed.update(f, pass(f, theta, 7, seed));
    }
    CHECK(resumed.updates() == whole.updates());
    for (std::size_t b = 0; b < whole.layers(); ++b) {
      CHECK((resumed.mean(b) == whole.mean(b)).all());  // the same operations on the same numbers
      CHECK((resumed.spread_average(b) == whole.spread_average(b)).all());
    }
    net a, c;
    whole.apply(a);
    resumed.apply(c);
    CHECK((a.layer<4>().population_mean() == c.layer<4>().population_mean()).all());
  }
  // nothing saved, nothing restored: an object that has seen no batch
  auto fresh = nn::population_statistics::blocks();
  fresh.restore({}, {}, 0);
  CHECK(fresh.updates() == 0);
  CHECK(fresh.layers() == 0);
}

TEST_CASE("population_statistics: restore() refuses inconsistent averages by name and keeps its own") {
  using Catch::Matchers::Contains;
  using array = nn::population_statistics::array;
  const net f;
  const nn::vector<double> theta = parameters();
  auto stats = nn::population_statistics::blocks();
  stats.update(f, pass(f, theta, 6, 5));
  const Eigen::ArrayXd mean = stats.mean(1), spread = stats.spread_average(1);
  const std::vector<array> m{array::Zero(3), array::Zero(2)}, r{array::Ones(3), array::Ones(2)};
  const auto refused = [&](std::vector<array> means, std::vector<array> spreads, long updates) {
    try {
      stats.restore(std::move(means), std::move(spreads), updates);
    } catch (const minimax::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  const auto with = [](std::vector<array> v, std::size_t b, Eigen::Index j, double x) {
    v[b][j] = x;
    return v;
  };
  CHECK_THAT(refused(m, {r[0]}, 4), Contains("population_statistics::restore") && Contains("2 and 1"));
  CHECK_THAT(refused(m, r, -1), Contains("update count must be >= 0") && Contains("-1"));
  CHECK_THAT(refused(m, r, 0), Contains("no updates") && Contains("2"));
  CHECK_THAT(refused({}, {}, 3), Contains("no averages") && Contains("3"));
  CHECK_THAT(refused({array(), m[1]}, {array(), r[1]}, 4), Contains("layer 0's mean"));
  CHECK_THAT(refused(m, {r[0], array::Ones(3)}, 4), Contains("layer 1's mean and spread average") && Contains("2 and 3"));
  CHECK_THAT(refused(with(m, 1, 1, std::nan("")), r, 4), Contains("layer 1's mean[1]"));
  CHECK_THAT(refused(m, with(r, 0, 2, HUGE_VAL), 4), Contains("layer 0's spread average[2]"));
  CHECK_THAT(refused(m, with(r, 1, 0, 0.0), 4), Contains("layer 1's spread average[0] must be > 0") && Contains("0"));
  // the variances may be zero (a constant feature), not negative
  auto variances = nn::population_statistics::pytorch();
  CHECK_NOTHROW(variances.restore(m, with(r, 1, 0, 0.0), 4));
  CHECK_THROWS_WITH(variances.restore(m, with(r, 1, 0, -0.5), 4),
                    Contains("layer 1's spread average[0] must be >= 0") && Contains("-0.5"));
  CHECK(variances.updates() == 4);  // the accepted restore, not the refused one
  CHECK(stats.updates() == 1);
  CHECK((stats.mean(1) == mean).all());
  CHECK((stats.spread_average(1) == spread).all());
}
