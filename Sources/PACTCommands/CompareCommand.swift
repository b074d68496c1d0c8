import PACTCore

/// `pact compare SCENARIO`: PACT, the optimum and the baselines side by side.
enum CompareCommand: Subcommand {
  static let name = "compare"
  static let summary = "PACT, the optimum and the baselines side by side"
  static let help = CommandHelp(
    name: name, arguments: "SCENARIO",
    about: """
      Plans SCENARIO with PACT and with every baseline (train-then-prune,
      prune-first, fedcs, prunefl, oort, random) and prints one row per method:
      energy, time, final loss, feasible, solve time, and the gap to the optimum
      when the exact solver ran. Every figure is the exact MODEL.md evaluation.
      """,
    groups: [
      OptionGroup(
        title: "options",
        options: [
          .flag(
            "exact",
            """
            always run the exact solver (it refuses > 14 nodes);
            without it, the exact solver runs only for ≤ 10 nodes
            """),
          .value("time-budget", "S", "the exact solver's time budget (default 60 with --exact, else 20)"),
          .flag(
            "json",
            """
            print {"scenario", "optimumJoules", "methods": [{"method",
            "joules", "seconds", "loss", "feasible", "solveSeconds", "gap", …}]}
            """),
          .value(
            "svg", "OUT.svg",
            """
            also draw a chart: energy per method (default) or, with
            --kind loss, the loss curves with the target line
            """),
          .value("kind", "energy|loss", "the chart --svg draws (default energy)"),
          .value("seed", "N", "seed of the random baseline (default 1)"),
          Against.option,
        ]),
      .whatIf,
      .knobs("PACT's approximation knobs (default: the scenario's \"solver\" section)"),
    ],
    exitCodes: "0 compared, 1 PACT found no feasible plan, 2 bad input, 130 interrupted")

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    let exact = arguments.flag("exact")
    let json = arguments.flag("json")
    let svg = try arguments.option("svg")
    let kind = try arguments.option("kind") ?? "energy"
    let budget = try arguments.seconds("time-budget") ?? (exact ? 60 : 20)
    let seed = try arguments.integer("seed", in: 0...Int.max) ?? 1
    let againstPath = try arguments.option("against")
    let overrides = try arguments.knobOverrides()
    let whatIf = try arguments.whatIf()
    let path = try arguments.finish(positionals: 1)[0]
    guard ["energy", "loss"].contains(kind) else { throw UsageError("--kind must be energy or loss, not \"\(kind)\"") }
    guard budget > 0 else { throw UsageError("--time-budget must be positive") }
    let scenario = try whatIf.apply(to: loadScenario(path))

    let cancel = CancellationToken()
    let interrupt = InterruptHandler.install { cancel.cancel() }
    defer { interrupt.uninstall() }
    let options = Comparison.Options(
      exact: exact ? .always : .automatic, exactBudgetSeconds: budget,
      knobs: scenario.solver.applying(overrides), seed: UInt64(seed))
    let line = ProgressLine(task: "comparing")
    line.start()
    let comparison = Comparison.run(scenario, options: options, cancel: cancel, progress: line.progress)
    line.finish()
    if cancel.isCancelled {
      printError("pact compare: interrupted")
      return ExitCode.interrupted
    }
    let against = try againstPath.map { path throws(InputError) in
      try Against(
        path: path, overrides: overrides, now: comparison.row("pact")?.evaluation, in: scenario, cancel: cancel)
    }
    if json {
      var value = Self.json(comparison)
      if let a = against, case .object(var members) = value {
        members.append(
          (
            "against",
            .object([
              ("file", .string(againstPath ?? "")), ("difference", .string(a.words)),
              ("joules", a.evaluation.map { .number($0.totalJoules) } ?? .null),
              ("feasible", .bool(a.evaluation?.isFeasible ?? false)),
            ])
          ))
        value = .object(members)
      }
      printOut(JSONWriter.write(value), terminator: "")
    } else {
      printOut(Self.table(comparison, scenario: scenario))
      if scenario.loss.band != nil { printOut(Self.certainty(scenario)) }
      if let a = against { printOut("\nnow vs \(a.label): \(a.words)") }
    }
    if let svg {
      let text = PlotCommand.comparisonSVG(kind: kind, comparison, scenario: scenario, against: against)
      try PlotCommand.write(text, to: svg)
    }
    return comparison.row("pact")?.isFeasible == true ? ExitCode.ok : ExitCode.infeasible
  }

  /// The comparison as a text table with notes under it.
  // Swift 6.3.1's release optimizer (CopyPropagation) crashes on this function; it runs once per command.
  @_optimize(none)
  static func table(_ c: Comparison, scenario: Scenario) -> String {
    var rows: [[String]] = [["method", "energy (J)", "time (s)", "loss", "feasible", "solve (ms)", "gap"]]
    for r in c.rows {
      // (Kept as plain statements: a denser form of this loop crashed the release compiler.)
      var feasible = r.isFeasible ? "yes" : "no"
      if r.joules == nil, let head = r.status.split(separator: ":").first { feasible = String(head) }
      var row = [r.method]
      row.append(r.joules.map { Format.number($0) } ?? "–")
      row.append(r.seconds.map { Format.number($0) } ?? "–")
      row.append(r.finalLoss.map { Format.number($0) } ?? "–")
      row.append(feasible)
      row.append(Format.number(r.solveSeconds * 1000, digits: 3))
      row.append(r.gap.map { Format.percent($0) } ?? "–")
      rows.append(row)
    }
    var out =
      "\(c.scenario): target loss \(Format.number(scenario.training.targetLoss)), deadline \(Format.seconds(scenario.training.deadlineSeconds)), \(scenario.nodes.count) nodes, \(scenario.training.epochs) epochs\n\n"
    out += TextTable.render(rows, rightAligned: [1, 2, 3, 5, 6])
    var notes: [String] = []
    for r in c.rows {
      let evaluated = r.joules != nil
      if r.isFeasible && evaluated { continue }
      let first = r.notes.prefix(3).joined(separator: "; ")
      let what = evaluated ? "infeasible" : r.status
      notes.append("  \(r.method): \(what)" + (first.isEmpty ? "" : " — " + first))
    }
    if c.optimumJoules == nil {
      notes.append("  gap: the exact optimum is not known (no --exact, > 10 nodes, or it did not finish)")
    }
    for r in c.baselinesBeatingPACT {
      notes.append("  WARNING: \(r.method) (\(Format.joules(r.joules ?? 0))) spends less than PACT")
    }
    if !notes.isEmpty { out += "\n\nnotes:\n" + notes.joined(separator: "\n") }
    return out
  }

  /// The comparison as JSON: `{"scenario", "optimumJoules", "methods": [...]}`.
  /// What certainty costs: PACT's energy when the real loss must meet the target with
  /// confidence 0.5, 0.8, 0.9 and 0.95 (by the loss model's band).
  static func certainty(_ scenario: Scenario) -> String {
    let parts = (CertaintyPoint.costs(scenario, confidences: [0.5, 0.8, 0.9, 0.95]) ?? []).map { p in
      "\(Format.number(p.confidence * 100)) % → \(p.joules.map { Format.joules($0) } ?? "no plan")"
    }
    let now = scenario.training.confidence.map { "now \(Format.number($0 * 100)) %" } ?? "now: on the predicted curve"
    return "\nwhat certainty costs (PACT, real loss ≤ target with confidence; \(now)): " + parts.joined(separator: ", ")
  }

  static func json(_ c: Comparison) -> JSONValue {
    func number(_ x: Double?) -> JSONValue { x.map { .number($0) } ?? .null }
    let methods: [JSONValue] = c.rows.map { r in
      .object([
        ("method", .string(r.method)),
        ("kind", .string(r.kind.rawValue)),
        ("rule", .string(r.rule)),
        ("status", .string(r.status)),
        ("joules", number(r.joules)),
        ("seconds", number(r.seconds)),
        ("loss", number(r.finalLoss)),
        ("feasible", .bool(r.isFeasible)),
        ("epochs", number(r.evaluation.map { Double($0.epochs.count) })),
        ("solveSeconds", .number(r.solveSeconds)),
        ("gap", number(r.gap)),
        ("lowerBoundJoules", number(r.lowerBoundJoules.flatMap { $0.isFinite ? $0 : nil })),
        ("provenGap", number(r.provenGap)),
        ("notes", .array(r.notes.map { .string($0) })),
      ])
    }
    return .object([
      ("scenario", .string(c.scenario)),
      ("optimumJoules", number(c.optimumJoules)),
      ("methods", .array(methods)),
    ])
  }
}
