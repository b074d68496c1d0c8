import PACTCore

/// `pact plot SCENARIO --svg OUT.svg`: SVG charts of loss curves, energy per method, gap vs solve time.
enum PlotCommand: Subcommand {
  static let name = "plot"
  static let summary = "SVG charts of loss curves, energy per method, gap vs solve time"
  static let help = CommandHelp(
    name: name, arguments: "SCENARIO",
    about: """
      Draws one chart as a standalone SVG file (written atomically):
        loss     predicted loss vs epoch for PACT and every baseline, with the target (default)
        energy   total energy per method (bars; infeasible plans hollow)
        sweep    PACT's gap to the optimum vs solve time across --knob's values
      """,
    groups: [
      OptionGroup(
        title: "options",
        options: [
          .value("svg", "OUT.svg", "the file to write").required(),
          .value("kind", "K", "loss, energy or sweep"),
          .value("knob", "NAME=V1,…", "for --kind sweep: the knob and its values"),
          .flag("exact", "run the exact solver for the optimum even above 10 nodes (≤ 14)"),
          .value("seed", "N", "seed of the random baseline (default 1)"),
          Against.option,
        ]),
      .knobs("PACT's approximation knobs (default: the scenario's \"solver\" section)"),
    ],
    exitCodes: "0 written, 2 bad input or the file cannot be written, 130 interrupted")

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    guard let out = try arguments.option("svg") else { throw UsageError("--svg OUT.svg is required") }
    let kind = try arguments.option("kind") ?? "loss"
    let knobSpec = try arguments.option("knob")
    let exact = arguments.flag("exact")
    let seed = try arguments.integer("seed", in: 0...Int.max) ?? 1
    let againstPath = try arguments.option("against")
    let overrides = try arguments.knobOverrides()
    let path = try arguments.finish(positionals: 1)[0]
    guard ["loss", "energy", "sweep"].contains(kind) else {
      throw UsageError("--kind must be loss, energy or sweep, not \"\(kind)\"")
    }
    if kind == "sweep" && knobSpec == nil { throw UsageError("--kind sweep needs --knob NAME=V1,V2,…") }
    if kind != "sweep" && knobSpec != nil { throw UsageError("--knob only goes with --kind sweep") }
    if kind == "sweep" && againstPath != nil { throw UsageError("--against goes with --kind loss or energy") }
    let scenario = try loadScenario(path)
    let cancel = CancellationToken()
    let interrupt = InterruptHandler.install { cancel.cancel() }
    defer { interrupt.uninstall() }
    let knobs = scenario.solver.applying(overrides)

    let text: String
    if kind == "sweep", let knobSpec {
      let (knob, values) = try SweepCommand.parseKnob(knobSpec)
      do {
        let sweep = try KnobSweep.run(scenario, knob: knob, values: values, base: knobs, cancel: cancel)
        text = ComparisonCharts.sweep(sweep).svg()
      } catch {
        throw UsageError(error.description)
      }
    } else {
      let comparison = Comparison.run(
        scenario, options: .init(exact: exact ? .always : .automatic, knobs: knobs, seed: UInt64(seed)), cancel: cancel)
      let against = try againstPath.map { path throws(InputError) in
        try Against(
          path: path, overrides: overrides, now: comparison.row("pact")?.evaluation, in: scenario, cancel: cancel)
      }
      text = comparisonSVG(kind: kind, comparison, scenario: scenario, against: against)
    }
    if cancel.isCancelled {
      printError("pact plot: interrupted")
      return ExitCode.interrupted
    }
    try write(text, to: out)
    printOut("wrote \(out)")
    return ExitCode.ok
  }

  /// Writes a chart atomically; a failure is bad input (exit 2) naming the path.
  /// The comparison's loss curves (`kind` "loss") or energy bars as SVG, with another
  /// scenario's plan beside it when there is one (`--against`).
  static func comparisonSVG(kind: String, _ comparison: Comparison, scenario: Scenario, against: Against?) -> String {
    kind == "loss"
      ? ComparisonCharts.lossCurves(
        comparison, scenario: scenario,
        against: against.flatMap { a in a.evaluation.map { (a.label, $0, a.scenario.training.initialLoss) } },
        words: against?.words
      ).svg()
      : ComparisonCharts.energyBars(
        comparison,
        against: against.map { ($0.label, $0.evaluation.flatMap { $0.isFeasible ? $0.totalJoules : nil }) },
        words: against?.words
      ).svg()
  }

  static func write(_ text: String, to path: String) throws(InputError) {
    do {
      try AtomicFile.write(text, to: path)
    } catch {
      throw InputError(source: path, "", error.reason)
    }
  }
}
