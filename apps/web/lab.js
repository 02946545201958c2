"use strict";
// The browser lab: builds minimax-lab command lines from the controls, runs them in the WebAssembly
// module (the same C++ as the native program) and draws what they print. Nothing is computed here
// but the drawing and one measured rate.

const SMALL_GAMES = ["bilinear", "dirac", "gauss1d"];
const NETWORK_GAMES = ["ring", "grid", "began"];
const ALL_GAMES = SMALL_GAMES.concat(NETWORK_GAMES);
// The schemes and the other options' choices are replaced, once the module loads, by those minimax-lab
// declares (adoptDescription): these lists only give the page its shape until then.
const SMALL_SCHEMES = ["simultaneous", "alternating", "extragradient", "optimistic", "consensus", "momentum",
                       "momentum_alt", "unrolled", "adam", "rmsprop", "flow"];
const NETWORK_SCHEMES = ["adam", "unrolled"];
// The network GANs train live, a few steps a frame, each part resumed from the last one's checkpoint
// (minimax-lab simulate --resume/--save-state, a file in the module's memory).
const isNetworkGame = game => NETWORK_GAMES.includes(game);
const CHECKPOINT = "live-checkpoint.cbor";  // binary: read several times faster than JSON text here
const MOST_SNAPSHOTS = 300;  // kept for the scrubber; beyond it every other one is dropped
const LINEAR_COMMANDS = ["simulate", "analyze", "sweep"];

// Every control, in the order shown. `cli` is the option's name on the command line where it differs
// from the page's (the URL's) name; `commands` says where it is passed; `when` hides it unless the
// rest of the state calls for it. Defaults given as functions depend on the game: the network games
// train with Adam at a much smaller step.
const OPTIONS = [
  {name: "game", kind: "choice", choices: ALL_GAMES, initial: "dirac", games: ALL_GAMES, commands: LINEAR_COMMANDS},
  {name: "loss", kind: "choice", initial: "non_saturating", games: ["dirac", "gauss1d"], commands: LINEAR_COMMANDS,
   choices: ["minimax", "non_saturating", "wasserstein", "least_squares", "hinge"]},
  {name: "regulariser", kind: "choice", initial: "none", games: ["dirac"], commands: LINEAR_COMMANDS,
   choices: ["none", "r1", "r2", "wgan_gp", "instance_noise", "weight_clipping"]},
  {name: "strength", kind: "number", initial: "0.3", slider: [0.01, 3, 0.01], games: ["dirac"],
   commands: ["simulate", "analyze"], when: s => s.regulariser !== "none"},
  {name: "coupling", kind: "number", initial: "1", slider: [-3, 3, 0.05], games: ["bilinear"], commands: LINEAR_COMMANDS,
   hint: "a in V = a x y, or a 2x2 A in V = xᵀAy, row by row: a11,a12,a21,a22"},
  {name: "data-mean", kind: "number", initial: "0", slider: [-3, 3, 0.05], games: ["gauss1d"], commands: LINEAR_COMMANDS},
  {name: "data-sigma", kind: "number", initial: "1", slider: [0.1, 3, 0.05], games: ["gauss1d"], commands: LINEAR_COMMANDS},
  {name: "init", kind: "text", initial: "", games: SMALL_GAMES, commands: LINEAR_COMMANDS,
   hint: "start, comma-separated (empty: the game's own)"},
  {name: "scheme", kind: "choice", games: ALL_GAMES, commands: LINEAR_COMMANDS,
   choices: game => (isNetworkGame(game) ? NETWORK_SCHEMES : SMALL_SCHEMES),
   initial: game => (isNetworkGame(game) ? "adam" : "simultaneous")},
  {name: "lr", kind: "number", games: ALL_GAMES, commands: ["simulate", "analyze"],
   initial: game => (isNetworkGame(game) ? "0.001" : "0.1"),
   slider: game => (isNetworkGame(game) ? [0.0001, 0.01, 0.0001] : [0.005, 1.5, 0.005])},
  {name: "lr-d", kind: "number", initial: "", games: ALL_GAMES, commands: LINEAR_COMMANDS,
   hint: "the discriminator's step (two time-scale updates); empty: lr", when: s => s.scheme !== "flow"},
  {name: "beta", kind: "number", initial: "-0.3", slider: [-0.95, 0.95, 0.01], games: SMALL_GAMES,
   commands: LINEAR_COMMANDS, when: s => s.scheme === "momentum" || s.scheme === "momentum_alt"},
  {name: "consensus-gamma", kind: "number", initial: "0.5", slider: [0, 3, 0.05], games: SMALL_GAMES,
   commands: LINEAR_COMMANDS, when: s => s.scheme === "consensus"},
  {name: "d-steps", kind: "number", initial: "1", slider: [1, 10, 1], games: SMALL_GAMES, commands: LINEAR_COMMANDS,
   hint: "the discriminator's steps per generator step", when: s => s.scheme === "alternating"},
  {name: "unroll", kind: "number", initial: "5", slider: [1, 20, 1], games: ALL_GAMES, commands: LINEAR_COMMANDS,
   when: s => s.scheme === "unrolled"},
  {name: "steps", kind: "number", games: ALL_GAMES, commands: ["simulate"],
   initial: game => (isNetworkGame(game) ? "500" : "1000"),
   slider: game => (isNetworkGame(game) ? [0, 3000, 50] : [0, 10000, 10])},
  {name: "record-every", kind: "number", games: ALL_GAMES, commands: ["simulate"],
   initial: game => (isNetworkGame(game) ? "" : "1"), hint: "every n steps (network games, empty: steps/100)"},
  {name: "seed", kind: "number", initial: "1", games: NETWORK_GAMES, commands: ["simulate"]},
  {name: "batch", kind: "number", initial: "128", games: NETWORK_GAMES, commands: ["simulate"]},
  {name: "lr-range", kind: "text", initial: "0.01,1,12", games: SMALL_GAMES, commands: ["sweep"], hint: "FROM,TO,COUNT"},
  {name: "strength-range", kind: "text", initial: "0.01,3,12", games: SMALL_GAMES, commands: ["sweep"], hint: "FROM,TO,COUNT"},
  {name: "log", kind: "flag", initial: "", games: SMALL_GAMES, commands: ["sweep"], hint: "space both axes geometrically"},
  {name: "sweep-steps", cli: "steps", label: "steps per cell", kind: "number", initial: "200", slider: [10, 2000, 10],
   games: SMALL_GAMES, commands: ["sweep"]},
];
const SPEEDS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000];  // steps per frame (small games)
const BACKGROUND = "#ffffff";
const COLOURS = {trajectory: "#2c5d8f", predicted: "#d9822b", field: "#a3adb8", axis: "#c3cad3", grid: "#eef0f3",
                 text: "#4a5562", real: "#1d232b", fake: "#e8710a", mesh: "#2c5d8f", mode: "#1e7d46", pull: "#c2185b",
                 converges: [30, 125, 70], cycles: [214, 150, 20], diverges: [179, 38, 30], unknown: [140, 140, 140]};

const query = new URLSearchParams(location.search);
const autorun = query.get("autorun") === "1";
const bench = autorun && query.get("bench") === "1";
const state = {tab: "dynamics"};
const pageErrors = [];      // console.error, window errors, rejections: kept for the page's life
let labProblems = [];       // failed commands of the latest redraw
let labModule = null;
let stdoutLines = [], stderrLines = [];
let recordedRuns = null;    // the autorun's record of every command, or null
const timing = {};
const drawnCanvases = new Set();
const analysisCache = new Map();
let networkResult = null, snapshotIndex = 0;  // the live run as one result, and the snapshot shown
let session = null;  // the live run of a network GAN: {identity, step, snapshots, table, meta}
let playhead = 0, playing = false;

const byId = id => document.getElementById(id);
const optionNamed = name => OPTIONS.find(o => o.name === name);
const defaultOf = (option, game) => (typeof option.initial === "function" ? option.initial(game) : option.initial);
const choicesOf = (option, game) => (typeof option.choices === "function" ? option.choices(game) : option.choices);
const sliderOf = (option, game) => (typeof option.slider === "function" ? option.slider(game) : option.slider);

// ---- state and the address ----

function readAddress() {
  state.game = ALL_GAMES.includes(query.get("game")) ? query.get("game") : "dirac";
  for (const option of OPTIONS) {
    if (option.name === "game") continue;
    state[option.name] = query.has(option.name) ? query.get(option.name) : defaultOf(option, state.game);
  }
  state.tab = query.get("tab") === "phase" ? "phase" : "dynamics";
}

function writeAddress() {
  const params = new URLSearchParams();
  for (const option of OPTIONS) {
    if (state[option.name] !== defaultOf(option, state.game)) params.set(option.name, state[option.name]);
  }
  if (state.tab !== "dynamics") params.set("tab", state.tab);
  const text = params.toString();
  history.replaceState(null, "", location.pathname + (text ? "?" + text : ""));
  byId("view-link").href = location.href;
}

function applies(option, command, s = state) {
  return option.commands.includes(command) && option.games.includes(s.game) && (!option.when || option.when(s));
}

function shown(option) {
  if (state.tab === "phase") return option.name === "game" || applies(option, "sweep");
  return applies(option, "simulate") || (!isNetworkGame(state.game) && applies(option, "analyze"));
}

// The command line for `command` from the state; `overrides` replace some values (the playhead's steps).
function commandLine(command, overrides = {}) {
  const s = Object.assign({}, state, overrides);
  const argv = [command];
  for (const option of OPTIONS) {
    if (!applies(option, command, s)) continue;
    const value = s[option.name];
    const flag = "--" + (option.cli || option.name);
    if (option.kind === "flag") {
      if (value) argv.push(flag);
    } else if (value !== "") {  // empty: the lab's own default
      argv.push(flag, value);
    }
  }
  if (command === "sweep") {
    argv.push("--backend", "cpu");
    // sweep's own default regulariser is r1, which only the dirac game accepts
    if (s.game !== "dirac") argv.push("--regulariser", "none");
  }
  argv.push("--format", "json");
  return argv;
}

// ---- running the lab ----

function runLab(argv, timingName) {
  stdoutLines = [];
  stderrLines = [];
  const started = performance.now();
  let exit;
  try {
    exit = labModule.callMain(argv);
  } catch (error) {  // the runtime itself failed (not the lab's own error exit)
    exit = 1;
    stderrLines.push(String(error && error.stack ? error.stack : error));
  }
  const text = stdoutLines.join("\n");
  let output = null, parseError = "";
  if (text.trim() !== "") {
    try { output = JSON.parse(text); } catch (error) { parseError = "the output is not JSON: " + error.message; }
  }
  const ms = performance.now() - started;
  const run = {argv: argv.slice(), exit, output, stderr: stderrLines.join("\n")};
  if (recordedRuns && timingName) {
    recordedRuns.push(run);
    timing[timingName] = (timing[timingName] || 0) + ms;
  }
  byId("last-command").textContent = "minimax-lab " + argv.join(" ");
  if (exit !== 0) labProblems.push(`minimax-lab ${argv.join(" ")}\nexit ${exit}: ${run.stderr || "(no message)"}`);
  else if (parseError) labProblems.push(`minimax-lab ${argv.join(" ")}\n${parseError}`);
  showMessages();
  return exit === 0 ? output : null;
}

function analysisFor(argv) {
  const key = argv.join(" ");
  if (!analysisCache.has(key) || recordedRuns) analysisCache.set(key, runLab(argv, "analyze"));
  return analysisCache.get(key);
}

function showMessages() {
  const box = byId("messages");
  const all = labProblems.concat(pageErrors.map(e => "page error: " + e));
  box.hidden = all.length === 0;
  box.textContent = all.join("\n\n");
}

function installErrorHooks() {
  const consoleError = console.error.bind(console);
  console.error = (...args) => {
    pageErrors.push(args.map(a => (a instanceof Error ? a.stack || a.message : String(a))).join(" "));
    consoleError(...args);
    showMessages();
  };
  window.addEventListener("error", event => {
    pageErrors.push(event.error && event.error.stack ? event.error.stack : String(event.message));
    showMessages();
  });
  window.addEventListener("unhandledrejection", event => {
    const reason = event.reason;
    pageErrors.push("unhandled rejection: " + (reason && reason.stack ? reason.stack : String(reason)));
    showMessages();
  });
}

// ---- controls ----

function buildControls() {
  const form = byId("options");
  for (const option of OPTIONS) {
    const row = document.createElement("div");
    row.className = "option" + (option.kind === "flag" ? " flag" : "");
    row.dataset.option = option.name;
    const label = document.createElement("label");
    label.textContent = option.label || option.name;
    label.htmlFor = "option-" + option.name;
    let field;
    if (option.kind === "choice") {
      field = document.createElement("select");
    } else {
      field = document.createElement("input");
      field.type = option.kind === "flag" ? "checkbox" : "text";
      if (option.kind === "number") field.inputMode = "decimal";
    }
    field.id = "option-" + option.name;
    row.append(label, field);
    // typed text goes to the lab as it stands, so that its own checks report bad input
    const changed = live => () => setOption(option.name, option.kind === "flag" ? (field.checked ? "1" : "") : field.value, live);
    if (option.kind === "choice" || option.kind === "flag") {
      field.addEventListener("change", changed(false));
    } else {
      field.addEventListener("input", changed(true));
      field.addEventListener("change", changed(false));
    }
    if (option.slider) {
      const slider = document.createElement("input");
      slider.type = "range";
      slider.id = "slider-" + option.name;
      slider.setAttribute("aria-label", option.name);
      slider.addEventListener("input", () => setOption(option.name, slider.value, true));
      slider.addEventListener("change", () => setOption(option.name, slider.value, false));
      row.append(slider);
    }
    if (option.hint) {
      const hint = document.createElement("div");
      hint.className = "hint";
      hint.textContent = option.hint;
      row.append(hint);
    }
    form.append(row);
  }
  for (const button of document.querySelectorAll(".tabs button")) {
    button.addEventListener("click", () => { pause(); state.tab = button.dataset.tab; refreshControls(); writeAddress(); render(); });
  }
  byId("play").addEventListener("click", play);
  byId("pause").addEventListener("click", pause);
  byId("step").addEventListener("click", stepOnce);
  byId("reset").addEventListener("click", reset);
  byId("speed").addEventListener("input", refreshPlayback);
  byId("scrubber").addEventListener("input", () => {
    pause();
    if (isNetworkGame(state.game)) { snapshotIndex = Number(byId("scrubber").value); drawNetworkViews(); }
    else { playhead = Number(byId("scrubber").value); render(); }
  });
  byId("phase-diagram").addEventListener("click", openClickedCell);
}

function refreshControls() {
  for (const option of OPTIONS) {
    const row = document.querySelector(`[data-option="${option.name}"]`);
    row.hidden = !shown(option);
    const field = byId("option-" + option.name);
    if (option.kind === "choice") {
      const choices = choicesOf(option, state.game);
      if (field.options.length !== choices.length || choices.some((c, i) => field.options[i].value !== c)) {
        field.replaceChildren(...choices.map(c => new Option(c, c)));
      }
      field.value = state[option.name];
    } else if (option.kind === "flag") {
      field.checked = state[option.name] !== "";
    } else if (field.value !== state[option.name]) {
      field.value = state[option.name];
    }
    const slider = byId("slider-" + option.name);
    if (slider) {
      const [min, max, step] = sliderOf(option, state.game);
      Object.assign(slider, {min, max, step});
      const value = Number(state[option.name]);
      const single = state[option.name] !== "" && Number.isFinite(value);
      if (single) slider.value = value;
      slider.hidden = state[option.name] !== "" && !single;  // a list (a 2x2 coupling) has no slider
    }
  }
  for (const button of document.querySelectorAll(".tabs button")) {
    button.classList.toggle("active", button.dataset.tab === state.tab);
  }
  const network = isNetworkGame(state.game);
  byId("playback").hidden = state.tab === "phase";
  byId("network-note").hidden = !network;
  byId("dynamics-view").hidden = state.tab !== "dynamics";
  byId("phase-view").hidden = state.tab !== "phase";
  byId("small-game-views").hidden = network;
  byId("network-views").hidden = !network;
  byId("manifold-figure").hidden = state.game === "began";
  byId("divergence-figure").hidden = state.game === "began";
  refreshPlayback();
}

// `live`: an input event while typing or dragging; the network games retrain only once it settles.
function setOption(name, value, live) {
  if (live && isNetworkGame(state.game) && name !== "game") {
    state[name] = value;
    writeAddress();
    return;
  }
  const previousGame = state.game;
  if (state[name] === value && !(isNetworkGame(state.game) && !live)) return;
  state[name] = value;
  if (name === "game" && isNetworkGame(value) !== isNetworkGame(previousGame)) {
    for (const option of OPTIONS) {  // the other family's defaults: Adam's step size, its step counts
      if (typeof option.initial === "function") state[option.name] = defaultOf(option, value);
    }
  }
  const scheme = optionNamed("scheme");
  if (!choicesOf(scheme, state.game).includes(state.scheme)) state.scheme = defaultOf(scheme, state.game);
  // a paused playhead stays where it is (within the new step count); a new step count is shown whole
  if (name === "steps" || name === "game") playhead = stepTarget();
  else playhead = Math.min(playhead, stepTarget());
  refreshControls();
  writeAddress();
  render();
}

// ---- playback ----

function stepTarget() {
  const steps = Number(state.steps);
  return Number.isInteger(steps) && steps >= 0 ? steps : 0;
}

function refreshPlayback() {
  const speed = Number(byId("speed").value);
  const scrubber = byId("scrubber");
  if (isNetworkGame(state.game)) {
    byId("speed-text").textContent = `${SPEEDS[speed]} steps/frame`;
    const count = networkResult ? networkResult.snapshots.length : 0;
    scrubber.max = Math.max(0, count - 1);
    scrubber.value = snapshotIndex;
    const shot = networkResult && networkResult.snapshots[snapshotIndex];
    const trained = session ? `; trained ${session.step} of ${stepTarget()} steps` : "";
    byId("playhead-text").textContent = shot ? `snapshot ${snapshotIndex + 1} of ${count}, step ${shot.step}${trained}` : "not trained yet";
  } else {
    byId("speed-text").textContent = `${SPEEDS[speed]} steps/frame`;
    scrubber.max = stepTarget();
    scrubber.value = playhead;
    byId("playhead-text").textContent = `step ${playhead} of ${stepTarget()}`;
  }
  byId("play").disabled = playing;
  byId("pause").disabled = !playing;
}

function play() {
  if (playing || state.tab !== "dynamics") return;
  if (isNetworkGame(state.game)) {
    if (!session || session.identity !== sessionIdentity()) startSession();
    if (!session) return;
    if (session.step >= stepTarget()) {  // at the horizon, play trains on: the horizon moves out
      state.steps = String(session.step + Number(defaultOf(optionNamed("steps"), state.game)));
      refreshControls();
      writeAddress();
    }
    composeNetworkResult();
    drawNetworkViews();
  } else if (playhead >= stepTarget()) {
    playhead = 0;
  }
  playing = true;
  refreshPlayback();
  requestAnimationFrame(animate);
}

function pause() {
  playing = false;
  refreshPlayback();
}

function animate() {
  if (!playing) return;
  if (isNetworkGame(state.game)) {
    const chunk = Math.min(SPEEDS[Number(byId("speed").value)], stepTarget() - session.step);
    const going = chunk > 0 && advanceSession(chunk);
    drawNetworkViews();
    if (!going || session.step >= stepTarget()) playing = false;
  } else {
    playhead = Math.min(stepTarget(), playhead + SPEEDS[Number(byId("speed").value)]);
    if (!renderSmallGame() || playhead >= stepTarget()) playing = false;
  }
  refreshPlayback();
  if (playing) requestAnimationFrame(animate);
}

function stepOnce() {
  pause();
  if (isNetworkGame(state.game)) {  // one training step
    advanceSession(1);
    if (session && session.step > stepTarget()) {
      state.steps = String(session.step);
      refreshControls();
      writeAddress();
    }
    drawNetworkViews();
    return;
  }
  playhead += 1;
  if (playhead > stepTarget()) {  // one more step than asked for: the step count grows with it
    state.steps = String(playhead);
    refreshControls();
    writeAddress();
  }
  render();
}

function reset() {
  pause();
  if (isNetworkGame(state.game)) {  // back to step 0: the same initial networks (the seed's)
    startSession();
    drawNetworkViews();
  } else {
    playhead = 0;
    render();
  }
}

// ---- the views ----

function render() {
  labProblems = [];
  showMessages();
  if (!labModule) return;
  if (state.tab === "phase") renderPhaseDiagram();
  else if (isNetworkGame(state.game)) renderNetworkGame();
  else renderSmallGame();
  refreshPlayback();
}

// Returns whether the run succeeded (the animation stops on a failure).
function renderSmallGame() {
  const steps = String(Number(state.steps)) === state.steps ? String(Math.min(playhead, stepTarget())) : state.steps;
  const simulation = runLab(commandLine("simulate", {steps}), "simulate");
  const analysis = analysisFor(commandLine("analyze"));
  if (!simulation) return false;
  const started = performance.now();
  drawSmallGame(simulation, analysis);
  timing.redraw = performance.now() - started;
  return true;
}

function drawSmallGame(simulation, analysis) {
  drawPhasePlane(simulation, analysis);
  drawDistance(simulation, analysis);
  byId("analysis").innerHTML = analysisPanel(simulation, analysis);
  showSchemeFormula();
}

// The update and its linearisation M (docs/dynamics.md), for the scheme chosen; H = diag(h_G I, h_D I)
// holds the two players' step sizes (lr and lr-d).
const SCHEME_FORMULAS = {
  simultaneous: ["z_{t+1} = z_t + H\\,v(z_t)", "M = I + HJ"],
  alternating: ["\\theta_{t+1} = \\theta_t + h_G\\,v_\\theta(\\theta_t, \\psi_t), \\text{ then } n_D \\text{ steps } \\psi \\leftarrow \\psi + h_D\\,v_\\psi(\\theta_{t+1}, \\psi)",
                "M = (I + h_D P_D J)^{n_D}(I + h_G P_G J)"],
  extragradient: ["z_{t+1} = z_t + H\\,v\\big(z_t + H\\,v(z_t)\\big)", "M = I + HJ + (HJ)^2"],
  optimistic: ["z_{t+1} = z_t + 2H\\,v(z_t) - H\\,v(z_{t-1})",
               "M = \\begin{pmatrix} I + 2HJ & -HJ \\\\ I & 0 \\end{pmatrix} \\text{ on } (z_t, z_{t-1})"],
  consensus: ["z_{t+1} = z_t + H\\big(v(z_t) - \\gamma\\,J(z_t)^\\top v(z_t)\\big)", "M = I + H(J - \\gamma J^\\top J)"],
  momentum: ["z_{t+1} = z_t + H\\,v(z_t) + \\beta\\,(z_t - z_{t-1})",
             "M = \\begin{pmatrix} (1+\\beta) I + HJ & -\\beta I \\\\ I & 0 \\end{pmatrix}"],
  momentum_alt: ["\\theta \\text{ first, then } \\psi \\text{ at the new } \\theta: \\; z_{t+1} = z_t + H\\,v + \\beta\\,(z_t - z_{t-1})",
                 "M = \\text{the product of the two players' partial updates}"],
  unrolled: ["\\theta_{t+1} = \\theta_t - h_G\\,\\nabla_\\theta L_G\\big(\\theta, \\psi_k(\\theta)\\big), \\quad \\psi_k: k \\text{ look-ahead steps}",
             "\\text{no linear } M \\text{: compared by simulation}"],
  adam: ["\\text{each player: Adam on its own loss, rates } h_G, h_D", "\\text{no linear } M \\text{ (Adam is nonlinear)}"],
  rmsprop: ["\\text{each player: RMSProp on its own loss, rates } h_G, h_D", "\\text{no linear } M \\text{ (RMSProp is nonlinear)}"],
  flow: ["\\dot z = v(z), \\text{ RK4 with time step } h", "M = \\textstyle\\sum_{k \\le 4} (hJ)^k / k!"],
};
let shownFormula = null;

function showSchemeFormula() {
  const formula = SCHEME_FORMULAS[state.scheme];
  const element = byId("scheme-formula");
  element.hidden = !formula;
  if (!formula || shownFormula === state.scheme) return;
  shownFormula = state.scheme;
  element.innerHTML = `<h2>The scheme: ${escapeHtml(state.scheme)}</h2>
    <p>\\[ ${formula[0]} \\]</p><p>\\[ ${formula[1]} \\]</p>
    <p>with the field \\(v = (-\\nabla_\\theta L_G, -\\nabla_\\psi L_D)\\), its Jacobian \\(J\\) at the equilibrium,
    \\(H = \\operatorname{diag}(h_G I, h_D I)\\) (lr, lr-d); the run converges locally when \\(\\rho(M) < 1\\).</p>`;
  // MathJax loads on its own (async); it typesets what is there once ready, and each change after
  if (window.MathJax && MathJax.Hub) MathJax.Hub.Queue(["Typeset", MathJax.Hub, element]);
}

// ---- live training (the network GANs) ----

const sessionIdentity = () => `${state.game} ${state.seed}`;

// --record-every as given, else one row per hundredth of the horizon (the steps asked for)
function liveRecordEvery() {
  const given = Number(state["record-every"]);
  return Number.isInteger(given) && given >= 1 ? String(given) : String(Math.max(1, Math.floor(stepTarget() / 100)));
}

// `steps` more steps from the checkpoint (or, with resume false, a new run's step 0), its state saved
// for the next part; one snapshot, at the part's end.
function sessionCommand(steps, resume) {
  const argv = commandLine("simulate", {steps: String(steps), "record-every": liveRecordEvery()});
  const extra = ["--snapshots", "1", "--save-state", CHECKPOINT].concat(resume ? ["--resume", CHECKPOINT] : []);
  argv.splice(argv.length - 2, 0, ...extra);  // before --format json
  return argv;
}

function startSession() {
  const out = runLab(sessionCommand(0, false), "simulate");
  session = out && out.snapshots && out.snapshots.length
    ? {identity: sessionIdentity(), step: 0, snapshots: out.snapshots.slice(),
       table: Object.fromEntries(Object.entries(out.table).map(([name, values]) => [name, values.slice()])), meta: out}
    : null;
  composeNetworkResult();
}

// Trains `steps` more steps; false when the part failed or its run ended early (a non-finite step).
function advanceSession(steps) {
  if (!session || session.identity !== sessionIdentity()) startSession();
  if (!session) return false;
  const out = runLab(sessionCommand(steps, true), "simulate");
  if (!out) return false;
  for (const [name, values] of Object.entries(out.table)) (session.table[name] = session.table[name] || []).push(...values);
  session.snapshots.push(...out.snapshots);
  if (session.snapshots.length > MOST_SNAPSHOTS) {
    session.snapshots = session.snapshots.filter((shot, i, all) => i % 2 === 0 || i === all.length - 1);
  }
  session.step = out.first_step + out.steps_taken;
  session.meta = out;
  composeNetworkResult();
  return out.status === "completed";
}

// The session as one run's result, for the views: its latest facts, every kept snapshot, every row.
function composeNetworkResult() {
  networkResult = session
    ? Object.assign({}, session.meta, {snapshots: session.snapshots, table: session.table,
                                       steps: Math.max(stepTarget(), session.step), steps_taken: session.step})
    : null;
  snapshotIndex = networkResult ? networkResult.snapshots.length - 1 : 0;
}

// A new game or seed starts a new run, which plays to the horizon (the autorun trains it there in
// parts of 50 steps, each command compared with the native program's); any other option applies
// from the next part on, as the run goes.
function renderNetworkGame() {
  const fresh = !session || session.identity !== sessionIdentity();
  if (fresh) startSession();
  if (autorun) {
    while (session && session.step < stepTarget() && advanceSession(Math.min(50, stepTarget() - session.step))) {}
  } else if (fresh && session) {
    setTimeout(play, 0);
  }
  composeNetworkResult();
  drawNetworkViews();
}

function drawNetworkViews() {
  byId("scheme-formula").hidden = true;
  if (!networkResult) return;
  const started = performance.now();
  const result = networkResult, shot = result.snapshots[snapshotIndex], table = result.table;
  drawSamples(result, shot);
  if (shot.mesh) drawManifold(result, shot);
  const lastStep = Number(result.steps);
  if (state.game === "began") {
    drawCurves("loss-plot", table, [["loss_real", "reconstruction loss, real"], ["loss_fake", "reconstruction loss, fake"]], lastStep, shot.step);
    drawCurves("coverage-plot", table, [["k", "k (equilibrium control)"], ["m_global", "global convergence M"]], lastStep, shot.step);
    byId("loss-caption").textContent = "BEGAN: the autoencoder's reconstruction losses over the steps.";
    byId("coverage-caption").textContent = "BEGAN: the control variable k and the convergence measure M.";
  } else {
    const modes = result.modes.length;
    drawCurves("loss-plot", table, [["loss_d", "discriminator loss"], ["loss_g", "generator loss"]], lastStep, shot.step);
    const scaled = {step: table.step, modes_fraction: table.modes_captured.map(m => m / modes),
                    high_quality_fraction: table.high_quality_fraction};
    drawCurves("coverage-plot", scaled, [["modes_fraction", `modes captured ÷ ${modes}`],
                                         ["high_quality_fraction", "high-quality fraction"]], lastStep, shot.step, [0, 1]);
    drawCurves("divergence-plot", table, [["energy_distance", "energy distance, generated vs real"]], lastStep, shot.step);
    byId("loss-caption").textContent = "The losses of both players over the steps.";
    byId("coverage-caption").textContent = "Mode coverage: the share of the modes captured and of the samples near a mode.";
  }
  byId("analysis").innerHTML = networkPanel(result, shot);
  refreshPlayback();
  timing.redraw = performance.now() - started;
}

function renderPhaseDiagram() {
  if (isNetworkGame(state.game)) {
    byId("phase-diagram").hidden = true;
    byId("phase-legend").innerHTML = "";
    byId("phase-summary").textContent = "The phase diagram covers the games bilinear, dirac and gauss1d: choose one of them.";
    return;
  }
  byId("phase-diagram").hidden = false;
  const sweep = runLab(commandLine("sweep"), "sweep");
  if (!sweep) return;
  const started = performance.now();
  drawPhaseDiagram(sweep);
  timing.redraw = performance.now() - started;
}

// ---- drawing helpers ----

// Each canvas is drawn in the CSS pixels its width and height attributes give (its logical size),
// on a backing store of devicePixelRatio times as many device pixels, so that lines and text stay
// sharp on high-density screens.
const logicalWidth = canvas => Number(canvas.dataset.width || canvas.width);
const logicalHeight = canvas => Number(canvas.dataset.height || canvas.height);

function scaleCanvases() {
  const ratio = Math.max(1, window.devicePixelRatio || 1);
  for (const canvas of document.querySelectorAll("canvas")) {
    if (!canvas.dataset.width) {
      canvas.dataset.width = canvas.width;
      canvas.dataset.height = canvas.height;
    }
    const w = logicalWidth(canvas), h = logicalHeight(canvas);
    canvas.style.width = `${w}px`;
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
    canvas.dataset.ratio = canvas.width / w;
  }
}

function prepareCanvas(id) {
  const canvas = byId(id);
  const context = canvas.getContext("2d");
  const ratio = Number(canvas.dataset.ratio || 1);
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.fillStyle = BACKGROUND;
  context.fillRect(0, 0, logicalWidth(canvas), logicalHeight(canvas));
  context.font = "11px system-ui, sans-serif";
  drawnCanvases.add(id);
  return context;
}

// A plot area with its scales; a zero-width range is widened so that the scales stay finite.
function makeFrame(context, xRange, yRange, logY = false) {
  const widen = ([lo, hi]) => (hi > lo ? [lo, hi] : [lo - (Math.abs(lo) || 1) * 0.5, hi + (Math.abs(hi) || 1) * 0.5]);
  const ty = logY ? v => Math.log10(v) : v => v;
  const [xLo, xHi] = widen(xRange);
  const [yLo, yHi] = logY ? widen(yRange.map(Math.log10)).map(v => 10 ** v) : widen(yRange);
  const f = {left: 60, right: logicalWidth(context.canvas) - 14, top: 12, bottom: logicalHeight(context.canvas) - 38,
             xLo, xHi, yLo, yHi, logY};
  f.x = v => f.left + ((v - xLo) / (xHi - xLo)) * (f.right - f.left);
  f.y = v => f.bottom - ((ty(v) - ty(yLo)) / (ty(yHi) - ty(yLo))) * (f.bottom - f.top);
  return f;
}

function niceTicks(lo, hi, count) {
  const raw = (hi - lo) / count, base = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map(m => m * base).find(s => s >= raw) || 10 * base;
  const ticks = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return ticks;
}

function formatNumber(x, digits = 4) {
  if (x === null || x === undefined || Number.isNaN(x)) return "—";
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(digits - 1).replace("e+", "e");
  return String(Number(x.toPrecision(digits)));
}

function drawAxes(context, f, xLabel, yLabel) {
  context.strokeStyle = COLOURS.grid;
  context.fillStyle = COLOURS.text;
  context.lineWidth = 1;
  context.textAlign = "center";
  context.textBaseline = "top";
  for (const t of niceTicks(f.xLo, f.xHi, 6)) {
    const x = Math.round(f.x(t)) + 0.5;
    context.beginPath(); context.moveTo(x, f.top); context.lineTo(x, f.bottom); context.stroke();
    context.fillText(formatNumber(t, 3), x, f.bottom + 4);
  }
  context.textAlign = "right";
  context.textBaseline = "middle";
  let yTicks;
  if (f.logY) {
    const lo = Math.ceil(Math.log10(f.yLo)), hi = Math.floor(Math.log10(f.yHi));
    const stride = Math.max(1, Math.ceil((hi - lo + 1) / 7));
    yTicks = [];
    for (let k = lo; k <= hi; k += stride) yTicks.push([10 ** k, k === 0 ? "1" : "1e" + k]);
  } else {
    yTicks = niceTicks(f.yLo, f.yHi, 6).map(t => [t, formatNumber(t, 3)]);
  }
  for (const [t, text] of yTicks) {
    const y = Math.round(f.y(t)) + 0.5;
    context.beginPath(); context.moveTo(f.left, y); context.lineTo(f.right, y); context.stroke();
    context.fillText(text, f.left - 5, y);
  }
  context.strokeStyle = COLOURS.axis;
  context.strokeRect(f.left + 0.5, f.top + 0.5, f.right - f.left, f.bottom - f.top);
  context.textAlign = "center";
  context.textBaseline = "bottom";
  context.fillText(xLabel, (f.left + f.right) / 2, logicalHeight(context.canvas) - 3);
  context.save();
  context.translate(12, (f.top + f.bottom) / 2);
  context.rotate(-Math.PI / 2);
  context.textBaseline = "middle";
  context.fillText(yLabel, 0, 0);
  context.restore();
}

function clipTo(context, f) {
  context.save();
  context.beginPath();
  context.rect(f.left, f.top, f.right - f.left, f.bottom - f.top);
  context.clip();
}

// A polyline through the finite points; a missing value (null, a diverged run) breaks it.
function polyline(context, f, xs, ys, colour, width = 1.5, dash = []) {
  context.strokeStyle = colour;
  context.lineWidth = width;
  context.setLineDash(dash);
  context.beginPath();
  let pen = false;
  for (let i = 0; i < xs.length; ++i) {
    const ok = Number.isFinite(xs[i]) && Number.isFinite(ys[i]) && (!f.logY || ys[i] > 0);
    if (!ok) { pen = false; continue; }
    if (pen) context.lineTo(f.x(xs[i]), f.y(ys[i])); else context.moveTo(f.x(xs[i]), f.y(ys[i]));
    pen = true;
  }
  context.stroke();
  context.setLineDash([]);
}

function legend(context, f, entries) {
  context.textAlign = "left";
  context.textBaseline = "middle";
  const width = 34 + Math.max(...entries.map(([text]) => context.measureText(text).width));
  entries.forEach(([text, colour, dash], i) => {
    const y = f.top + 12 + i * 15, x = f.right - width - 4;
    context.fillStyle = "rgba(255,255,255,0.85)";
    context.fillRect(x - 4, y - 7, width + 4, 15);
    context.strokeStyle = colour;
    context.lineWidth = 2;
    context.setLineDash(dash || []);
    context.beginPath(); context.moveTo(x, y); context.lineTo(x + 22, y); context.stroke();
    context.setLineDash([]);
    context.fillStyle = COLOURS.text;
    context.fillText(text, x + 28, y);
  });
}

function finiteRange(values, extra = []) {
  const finite = values.concat(extra).filter(Number.isFinite);
  return finite.length ? [Math.min(...finite), Math.max(...finite)] : [0, 1];
}

// ---- the small games ----

function coordinateNames(table) {
  return Object.keys(table).filter(k => k !== "step" && k !== "distance");
}

function drawPhasePlane(simulation, analysis) {
  const context = prepareCanvas("phase-plane");
  const table = simulation.table, [xName, yName] = coordinateNames(table);
  const xs = table[xName], ys = table[yName];
  const equilibrium = analysis && analysis.at ? analysis.at : null;
  let f;
  if (simulation.field) {
    const axis = simulation.field.axis, box = [axis[0], axis[axis.length - 1]];
    f = makeFrame(context, box, box);
  } else {  // gauss1d: a projection, framed around the trajectory and the equilibrium
    const pad = ([lo, hi]) => [lo - 0.08 * (hi - lo || 1), hi + 0.08 * (hi - lo || 1)];
    f = makeFrame(context, pad(finiteRange(xs, equilibrium ? [equilibrium[0]] : [])),
                  pad(finiteRange(ys, equilibrium ? [equilibrium[1]] : [])));
  }
  drawAxes(context, f, xName, yName);
  clipTo(context, f);
  if (simulation.field) drawField(context, f, simulation.field);
  polyline(context, f, xs, ys, COLOURS.trajectory, 1.6);
  const last = xs.length - 1;
  if (Number.isFinite(xs[0])) marker(context, f.x(xs[0]), f.y(ys[0]), "start");
  if (equilibrium) marker(context, f.x(equilibrium[0]), f.y(equilibrium[1]), "equilibrium");
  if (last > 0 && Number.isFinite(xs[last]) && Number.isFinite(ys[last])) marker(context, f.x(xs[last]), f.y(ys[last]), "now");
  context.restore();
  byId("phase-plane-caption").textContent = simulation.field
    ? `Phase plane of ${simulation.game}: the vector field (arrows), the trajectory from its start (○) towards the equilibrium (✕).`
    : `${simulation.game}: the trajectory projected onto its first two coordinates (${xName}, ${yName}); the other coordinates are not shown.`;
}

function drawField(context, f, field) {
  const {axis, u, v} = field;
  const spacing = Math.abs(f.x(axis[1]) - f.x(axis[0]));
  let largest = 0;
  for (let i = 0; i < axis.length; ++i) for (let j = 0; j < axis.length; ++j) largest = Math.max(largest, Math.hypot(u[i][j], v[i][j]));
  if (!(largest > 0)) return;
  context.strokeStyle = COLOURS.field;
  context.lineWidth = 1;
  for (let i = 0; i < axis.length; ++i) {
    for (let j = 0; j < axis.length; ++j) {
      const magnitude = Math.hypot(u[i][j], v[i][j]);
      if (!(magnitude > 0)) continue;
      // square-root lengths: slow regions near the equilibrium stay visible
      const length = 0.85 * spacing * Math.sqrt(magnitude / largest);
      const dx = (u[i][j] / magnitude) * length, dy = (-v[i][j] / magnitude) * length;
      const x0 = f.x(axis[j]) - dx / 2, y0 = f.y(axis[i]) - dy / 2, x1 = x0 + dx, y1 = y0 + dy;
      const angle = Math.atan2(dy, dx), head = Math.min(4, length * 0.4);
      context.beginPath();
      context.moveTo(x0, y0); context.lineTo(x1, y1);
      context.lineTo(x1 - head * Math.cos(angle - 0.5), y1 - head * Math.sin(angle - 0.5));
      context.moveTo(x1, y1);
      context.lineTo(x1 - head * Math.cos(angle + 0.5), y1 - head * Math.sin(angle + 0.5));
      context.stroke();
    }
  }
}

function marker(context, x, y, kind) {
  context.lineWidth = 2;
  context.strokeStyle = kind === "equilibrium" ? "#b3261e" : COLOURS.trajectory;
  context.fillStyle = COLOURS.trajectory;
  context.beginPath();
  if (kind === "start") context.arc(x, y, 5, 0, 2 * Math.PI);
  else if (kind === "now") { context.arc(x, y, 3.5, 0, 2 * Math.PI); context.fill(); }
  else { context.moveTo(x - 6, y - 6); context.lineTo(x + 6, y + 6); context.moveTo(x + 6, y - 6); context.lineTo(x - 6, y + 6); }
  context.stroke();
}

function drawDistance(simulation, analysis) {
  const context = prepareCanvas("distance-plot");
  const steps = simulation.table.step, distances = simulation.table.distance;
  const xMax = Math.max(1, stepTarget(), steps[steps.length - 1]);
  const measured = distances.filter(d => Number.isFinite(d) && d > 0);
  const rho = analysis ? analysis.spectral_radius : null, d0 = distances[0];
  let [lo, hi] = measured.length ? [Math.min(...measured), Math.max(...measured)] : [0.1, 10];
  const predictable = Number.isFinite(rho) && rho > 0 && Number.isFinite(d0) && d0 > 0;
  if (predictable) {  // the prediction may stretch the scale, by three decades at most
    const end = Math.log10(d0) + xMax * Math.log10(rho);
    lo = Math.min(lo, Math.max(10 ** end, lo / 1e3));
    hi = Math.max(hi, Math.min(10 ** end, hi * 1e3));
  }
  lo = Math.max(lo, 1e-300);
  const f = makeFrame(context, [0, xMax], [lo / 1.5, hi * 1.5], true);
  drawAxes(context, f, "step", "distance to the equilibrium");
  clipTo(context, f);
  polyline(context, f, steps, distances, COLOURS.trajectory, 2.4);
  if (predictable) {  // drawn over the measured curve, which it may match exactly; a straight line on the log scale: drawn through its ends, in logarithms
    const y = k => f.bottom - ((Math.log10(d0) + k * Math.log10(rho) - Math.log10(f.yLo)) /
                               (Math.log10(f.yHi) - Math.log10(f.yLo))) * (f.bottom - f.top);
    context.strokeStyle = COLOURS.predicted;
    context.lineWidth = 1.5;
    context.setLineDash([6, 4]);
    context.beginPath(); context.moveTo(f.x(0), y(0)); context.lineTo(f.x(xMax), y(xMax)); context.stroke();
    context.setLineDash([]);
  }
  context.restore();
  const entries = [["measured", COLOURS.trajectory]];
  if (predictable) entries.push([`predicted d₀·ρᵏ, ρ = ${formatNumber(rho, 6)}`, COLOURS.predicted, [6, 4]]);
  legend(context, f, entries);
}

// The measured contraction per step over the run's second half: (d_N / d_{N/2})^(1 / (N - N/2)).
function measuredRate(table) {
  const steps = table.step, distances = table.distance, last = steps.length - 1;
  if (last < 1) return null;
  const n = steps[last];
  let middle = steps.findIndex(s => s >= Math.floor(n / 2));
  if (middle < 0 || middle >= last) middle = last - 1;
  const dN = distances[last], dM = distances[middle];
  if (!(dN > 0) || !(dM > 0) || !(n > steps[middle])) return null;
  return (dN / dM) ** (1 / (n - steps[middle]));
}

const verdictClass = verdict => "verdict-" + String(verdict).replace("/", "");
const complex = (re, im) => `${formatNumber(re, 5)} ${im < 0 ? "−" : "+"} ${formatNumber(Math.abs(im), 5)}i`;
const escapeHtml = text => String(text).replace(/[&<>"]/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]));

function matrixTable(rows) {
  return `<table class="matrix">${rows.map(r => `<tr>${r.map(x => `<td>${formatNumber(x, 5)}</td>`).join("")}</tr>`).join("")}</table>`;
}

function eigenvalueTable(analysis, matrix) {
  const t = analysis.table, rows = [];
  for (let i = 0; i < t.matrix.length; ++i) {
    if (t.matrix[i] === matrix) rows.push(`<tr><td>${complex(t.re[i], t.im[i])}</td><td>${formatNumber(t.abs[i], 6)}</td></tr>`);
  }
  return rows.length ? `<table><tr><th>λ</th><th>|λ|</th></tr>${rows.join("")}</table>` : "<p>none: the scheme has no linearised update</p>";
}

function analysisPanel(simulation, analysis) {
  const measured = measuredRate(simulation.table);
  const message = simulation.message ? ` (${escapeHtml(simulation.message)})` : "";
  let html = `<h2>Local analysis at the equilibrium: ${escapeHtml(simulation.game)}, ${escapeHtml(simulation.scheme)}, h = ${formatNumber(simulation.lr, 6)}${
    simulation.lr_d !== undefined && simulation.lr_d !== simulation.lr ? `, h<sub>D</sub> = ${formatNumber(simulation.lr_d, 6)}` : ""}</h2>`;
  if (!analysis) return html + "<p>analyze failed: see the message above.</p>";
  html += `<div class="columns"><div><strong>Jacobian J</strong> of the vector field${matrixTable(analysis.jacobian)}</div>`;
  html += `<div><strong>eigenvalues of J</strong>${eigenvalueTable(analysis, "J")}</div>`;
  html += `<div><strong>eigenvalues of the update M</strong>${eigenvalueTable(analysis, "M")}</div>`;
  html += `<dl><dt>spectral radius ρ(M)</dt><dd>${formatNumber(analysis.spectral_radius, 8)}</dd>
    <dt>predicted contraction per step</dt><dd>${formatNumber(analysis.spectral_radius, 8)}</dd>
    <dt>measured per step (2nd half)</dt><dd>${formatNumber(measured, 8)}</dd>
    <dt>verdict</dt><dd class="${verdictClass(analysis.verdict)}">${escapeHtml(analysis.verdict)}</dd>
    <dt>largest stable step h*</dt><dd>${formatNumber(analysis.largest_stable_step, 6)}</dd>
    <dt>run</dt><dd>${escapeHtml(simulation.status)}${message}, ${simulation.steps} steps</dd>
    <dt>final distance</dt><dd>${formatNumber(simulation.final_distance, 6)}</dd></dl></div>`;
  return html;
}

// ---- the network games ----

function heatColour(t) {  // t in [-1, 1]: purple (judged fake) through white to green (judged real)
  const base = t >= 0 ? [27, 158, 119] : [117, 112, 179], w = Math.min(1, Math.abs(t)) * 0.7;
  return `rgb(${base.map(c => Math.round(255 + (c - 255) * w)).join(",")})`;
}

function drawSamples(result, shot) {
  const context = prepareCanvas("samples-map");
  const box = [-result.extent, result.extent];
  const f = makeFrame(context, box, box);
  clipTo(context, f);
  if (shot.logit) {
    const axis = shot.axis, half = (axis[1] - axis[0]) / 2;
    let scale = 1;
    for (const row of shot.logit) for (const l of row) if (Number.isFinite(l)) scale = Math.max(scale, Math.abs(l));
    for (let i = 0; i < axis.length; ++i) {
      for (let j = 0; j < axis.length; ++j) {
        context.fillStyle = heatColour(shot.logit[i][j] / scale);
        const x0 = f.x(axis[j] - half), y0 = f.y(axis[i] + half);
        context.fillRect(x0, y0, f.x(axis[j] + half) - x0 + 0.5, f.y(axis[i] - half) - y0 + 0.5);
      }
    }
  }
  const dots = (points, colour) => {
    context.fillStyle = colour;
    for (const [x, y] of points) if (Number.isFinite(x) && Number.isFinite(y)) context.fillRect(f.x(x) - 1, f.y(y) - 1, 2.5, 2.5);
  };
  dots(shot.real, COLOURS.real);
  dots(shot.fake, COLOURS.fake);
  if (shot.fake_descent) {  // the generator loss's pull on the first samples, the longest 6% of the box
    let longest = 0;
    for (const [u, v] of shot.fake_descent) if (Number.isFinite(u) && Number.isFinite(v)) longest = Math.max(longest, Math.hypot(u, v));
    const scale = longest > 0 ? 0.06 * (box[1] - box[0]) / longest : 0;
    context.strokeStyle = COLOURS.pull;
    context.lineWidth = 1;
    context.beginPath();
    shot.fake_descent.forEach(([u, v], i) => {
      const [x, y] = shot.fake[i];
      if (![x, y, u, v].every(Number.isFinite)) return;
      context.moveTo(f.x(x), f.y(y));
      context.lineTo(f.x(x + scale * u), f.y(y + scale * v));
    });
    context.stroke();
  }
  context.restore();
  drawAxes(context, f, "x₁", "x₂");
  byId("samples-caption").textContent = shot.logit
    ? `Step ${shot.step}: the discriminator's logit (green: judged real, purple: judged fake), real samples (dark), generated samples (orange), and the generator loss's pull on the first ${shot.fake_descent ? shot.fake_descent.length : 0} of them (pink: where each would move to lower its loss).`
    : `Step ${shot.step}: real samples (dark) and generated samples (orange).`;
}

function drawManifold(result, shot) {
  const context = prepareCanvas("manifold");
  const box = [-result.extent, result.extent];
  const f = makeFrame(context, box, box);
  drawAxes(context, f, "x₁", "x₂");
  clipTo(context, f);
  context.fillStyle = COLOURS.mode;
  for (const [x, y] of result.modes) { context.beginPath(); context.arc(f.x(x), f.y(y), 5, 0, 2 * Math.PI); context.fill(); }
  const rows = shot.mesh;
  for (const row of rows) polyline(context, f, row.map(p => p[0]), row.map(p => p[1]), COLOURS.mesh, 1);
  for (let j = 0; j < rows[0].length; ++j) polyline(context, f, rows.map(r => r[j][0]), rows.map(r => r[j][1]), COLOURS.mesh, 1);
  context.restore();
}

const CURVE_COLOURS = ["#2c5d8f", "#d9822b"];

function drawCurves(id, table, columns, lastStep, uptoStep, yRange) {
  const context = prepareCanvas(id);
  const shownRows = table.step.filter(s => s <= uptoStep).length;
  const xs = table.step.slice(0, shownRows);
  const series = columns.map(([name]) => table[name].slice(0, shownRows));
  const f = makeFrame(context, [0, Math.max(1, lastStep)], yRange || finiteRange([].concat(...columns.map(([name]) => table[name]))));
  drawAxes(context, f, "step", "");
  clipTo(context, f);
  series.forEach((ys, i) => polyline(context, f, xs, ys, CURVE_COLOURS[i], 1.5));
  context.strokeStyle = COLOURS.axis;
  context.beginPath(); context.moveTo(f.x(uptoStep), f.top); context.lineTo(f.x(uptoStep), f.bottom); context.stroke();
  context.restore();
  legend(context, f, columns.map(([, label], i) => [label, CURVE_COLOURS[i]]));
}

function networkPanel(result, shot) {
  const message = result.message ? ` (${escapeHtml(result.message)})` : "";
  const unrolled = result.unrolled_steps > 0 ? `, unrolled ${result.unrolled_steps} steps` : "";
  return `<h2>${escapeHtml(result.game)}: ${escapeHtml(result.scheme)}${unrolled}, lr = ${formatNumber(result.lr, 4)}, batch ${result.batch}, seed ${result.seed}</h2>
    <dl><dt>modes captured (at the end)</dt><dd>${result.modes_captured} of ${result.modes.length}</dd>
    <dt>high-quality fraction</dt><dd>${formatNumber(result.high_quality_fraction, 4)}</dd>
    <dt>reverse KL</dt><dd>${"reverse_kl" in result ? formatNumber(result.reverse_kl, 5) : "— (not measured for began)"}</dd>
    <dt>run</dt><dd>${escapeHtml(result.status)}${message}, ${result.steps_taken} of ${result.steps} steps</dd>
    <dt>shown</dt><dd>snapshot ${snapshotIndex + 1} of ${result.snapshots.length}, step ${shot.step}</dd></dl>`;
}

// ---- the phase diagram ----

let phaseGeometry = null;  // where the last diagram's cells are, for clicks

function drawPhaseDiagram(sweep) {
  const context = prepareCanvas("phase-diagram");
  const t = sweep.table;
  const lrs = [...new Set(t.lr)], strengths = [...new Set(t.strength)];
  const f = {left: 70, right: logicalWidth(context.canvas) - 16, top: 14, bottom: logicalHeight(context.canvas) - 44};
  const cellW = (f.right - f.left) / lrs.length, cellH = (f.bottom - f.top) / strengths.length;
  const counts = {};
  for (let k = 0; k < t.lr.length; ++k) {
    const i = lrs.indexOf(t.lr[k]), j = strengths.indexOf(t.strength[k]);
    const base = COLOURS[t.verdict[k]] || COLOURS.unknown, rho = t.spectral_radius[k];
    // the shade: pale near rho = 1 (the edge of stability), full further from it
    const depth = Number.isFinite(rho) ? 0.35 + 0.65 * Math.min(1, Math.abs(rho - 1) / 0.3) : 0.5;
    context.fillStyle = `rgb(${base.map(c => Math.round(255 + (c - 255) * depth)).join(",")})`;
    context.fillRect(f.left + i * cellW, f.bottom - (j + 1) * cellH, cellW + 0.5, cellH + 0.5);
    counts[t.verdict[k]] = (counts[t.verdict[k]] || 0) + 1;
  }
  context.fillStyle = COLOURS.text;
  context.textAlign = "center";
  context.textBaseline = "top";
  const every = n => Math.max(1, Math.ceil(n / 8));
  lrs.forEach((lr, i) => { if (i % every(lrs.length) === 0) context.fillText(formatNumber(lr, 3), f.left + (i + 0.5) * cellW, f.bottom + 4); });
  context.fillText("learning rate h", (f.left + f.right) / 2, logicalHeight(context.canvas) - 16);
  context.textAlign = "right";
  context.textBaseline = "middle";
  strengths.forEach((s, j) => { if (j % every(strengths.length) === 0) context.fillText(formatNumber(s, 3), f.left - 5, f.bottom - (j + 0.5) * cellH); });
  context.save();
  context.translate(14, (f.top + f.bottom) / 2);
  context.rotate(-Math.PI / 2);
  context.textAlign = "center";
  context.fillText("regulariser strength", 0, 0);
  context.restore();
  // the current dynamics' cell, outlined
  const nearest = (values, v) => values.reduce((best, x, i) => (Math.abs(x - v) < Math.abs(values[best] - v) ? i : best), 0);
  const lr = Number(state.lr), strength = Number(state.strength);
  if (Number.isFinite(lr) && Number.isFinite(strength)) {
    const i = nearest(lrs, lr), j = nearest(strengths, strength);
    context.strokeStyle = "#1d232b";
    context.lineWidth = 2;
    context.strokeRect(f.left + i * cellW + 1, f.bottom - (j + 1) * cellH + 1, cellW - 2, cellH - 2);
  }
  phaseGeometry = {f, cellW, cellH, lrs, strengths};
  const swatch = name => `rgb(${COLOURS[name].join(",")})`;
  byId("phase-legend").innerHTML = ["converges", "cycles", "diverges"]
    .map(v => `<span style="--swatch: ${swatch(v)}">${v} (${counts[v] || 0})</span>`).join("") +
    `<span style="--swatch: ${swatch("unknown")}">n/a (${counts["n/a"] || 0})</span>`;
  const statuses = {};
  t.status.forEach(s => { statuses[s] = (statuses[s] || 0) + 1; });
  const game = sweep.game.replace(/, \w+\([^)]*\)$/, "");  // the description names the first strength only
  byId("phase-summary").innerHTML = `<h2>${escapeHtml(game)}: ${escapeHtml(sweep.scheme)}, regulariser ${escapeHtml(sweep.regulariser)}</h2>
    <p>${lrs.length} × ${strengths.length} cells, ${sweep.steps} steps each from (${sweep.init.map(x => formatNumber(x)).join(", ")}),
    backend ${escapeHtml(sweep.backend)}. Runs: ${Object.entries(statuses).map(([s, n]) => `${n} ${escapeHtml(s)}`).join(", ")}.
    The outlined cell is the one nearest the dynamics tab's lr and strength.</p>`;
}

function openClickedCell(event) {
  if (!phaseGeometry) return;
  const {f, cellW, cellH, lrs, strengths} = phaseGeometry;
  const box = event.target.getBoundingClientRect();
  const x = (event.clientX - box.left) * (logicalWidth(event.target) / box.width);
  const y = (event.clientY - box.top) * (logicalHeight(event.target) / box.height);
  const i = Math.floor((x - f.left) / cellW), j = Math.floor((f.bottom - y) / cellH);
  if (i < 0 || j < 0 || i >= lrs.length || j >= strengths.length) return;
  state.lr = String(lrs[i]);
  if (state.game === "dirac" && state.regulariser !== "none") state.strength = String(strengths[j]);
  state.tab = "dynamics";
  playhead = stepTarget();
  refreshControls();
  writeAddress();
  render();
}

// ---- the test hook ----

function countDrawnPixels() {
  const counts = {};
  for (const id of drawnCanvases) {
    const canvas = byId(id);
    if (!canvas || canvas.offsetParent === null) continue;  // hidden: not part of this view
    const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    let differing = 0;
    for (let p = 0; p < data.length; p += 4) if (data[p] !== 255 || data[p + 1] !== 255 || data[p + 2] !== 255) ++differing;
    counts[id] = differing;
  }
  return counts;
}

const median = values => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];

function runBenchmarks() {
  const keep = recordedRuns;
  recordedRuns = null;  // timed runs only, not part of the compared record
  const analysis = runLab(["analyze", "--game", "dirac", "--format", "json"]);
  const samples = [];
  for (let k = 0; k < 20; ++k) {
    const started = performance.now();
    const simulation = runLab(["simulate", "--game", "dirac", "--steps", "10000", "--record-every", "10", "--format", "json"]);
    if (simulation) drawSmallGame(simulation, analysis);
    samples.push(performance.now() - started);
  }
  timing.dirac_10000_redraw = median(samples);
  const started = performance.now();
  runLab(["simulate", "--game", "ring", "--steps", "300", "--batch", "128", "--snapshots", "1", "--format", "json"]);
  timing.ring_steps_per_second = 300 / ((performance.now() - started) / 1000);
  // live training, as the page trains: parts resumed from the last one's checkpoint, each drawn as it
  // comes; parts of 10 steps, and of one step as GAN Lab trains one iteration a frame
  runLab(["simulate", "--game", "ring", "--steps", "0", "--snapshots", "1", "--save-state", CHECKPOINT, "--format", "json"]);
  const livePartsPerSecond = (stepsPerPart, parts) => {
    const started = performance.now();
    for (let part = 0; part < parts; ++part) {
      const out = runLab(["simulate", "--game", "ring", "--steps", String(stepsPerPart), "--batch", "128", "--snapshots", "1",
                          "--record-every", String(Math.min(5, stepsPerPart)), "--resume", CHECKPOINT,
                          "--save-state", CHECKPOINT, "--format", "json"]);
      if (out) {
        networkResult = Object.assign({}, out, {steps: out.first_step + out.steps, steps_taken: out.first_step + out.steps_taken});
        snapshotIndex = 0;
        drawNetworkViews();
      }
    }
    return stepsPerPart * parts / ((performance.now() - started) / 1000);
  };
  timing.ring_live_steps_per_second = livePartsPerSecond(10, 30);
  timing.ring_live_single_steps_per_second = livePartsPerSecond(1, 60);
  networkResult = null;
  recordedRuns = keep;
}

function writeResult() {
  let element = byId("minimax-result");
  if (!element) {
    element = document.createElement("pre");
    element.id = "minimax-result";
    element.hidden = true;
    document.body.append(element);
  }
  element.textContent = JSON.stringify({runs: recordedRuns || [], canvases: countDrawnPixels(), errors: pageErrors, timing_ms: timing});
  document.body.dataset.done = "1";
}

// The choices of the games, losses, regularisers and schemes, as minimax-lab declares them (its
// --describe): the page lists what the program accepts, from the one declaration in apps/lab.
function adoptDescription() {
  const described = runLab(["simulate", "--describe"]);
  if (!described) return;
  for (const declared of described.options) {
    if (!declared.choices.length) continue;
    if (declared.name === "scheme") {
      SMALL_SCHEMES.splice(0, SMALL_SCHEMES.length, ...declared.choices);
      continue;
    }
    const option = OPTIONS.find(o => o.name === declared.name);
    if (option && option.kind === "choice") option.choices = declared.choices.slice();
  }
}

async function main() {
  installErrorHooks();
  const started = performance.now();
  try {
    if (typeof createMinimaxLab !== "function") throw new Error("minimax-lab.js did not load: the lab cannot run");
    labModule = await createMinimaxLab({print: line => stdoutLines.push(line), printErr: line => stderrLines.push(line)});
  } catch (error) {
    console.error("loading the lab failed:", error);
    if (autorun) writeResult();
    return;
  }
  timing.load = performance.now() - started;
  adoptDescription();
  readAddress();
  scaleCanvases();
  buildControls();
  playhead = stepTarget();
  refreshControls();
  byId("view-link").href = location.href;
  if (autorun) recordedRuns = [];
  if (autorun) {
    if (bench) {
      runBenchmarks();
      labProblems = [];
    }
    render();  // the configuration last, so that the views show it
    writeResult();
  } else {
    render();
  }
}

main();
