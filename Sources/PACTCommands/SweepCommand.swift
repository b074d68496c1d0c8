import PACTCore

/// `pact sweep SCENARIO --knob NAME=V1,V2,…`: PACT across values of an approximation knob.
enum SweepCommand: Subcommand {
  static let name = "sweep"
  static let summary = "PACT across values of an approximation knob"
  static let help = CommandHelp(
    name: name, arguments: "SCENARIO",
    about: """
      Solves SCENARIO with PACT once per value of one knob (the others stay at the
      scenario's or the --KNOB values) and prints, per value: PACT's energy, its gap
      to the optimum (exact solver, ≤ 14 nodes) or, when that cannot run, to PACT at
      the finest (largest) value, the vertices of the graph at the value's own
      grid, and the median solve time of --repeats runs (default 3). Each value
      is solved in one pass at its own grid (no coarse passes, no early stop),
      so a finer grid shows its own, larger graph; sweeping gapTolerance keeps
      the passes, which is what that knob is about.
      """,
    groups: [
      OptionGroup(
        title: "options",
        options: [
          .value("knob", "NAME=V1,…", "the knob and its values (the knobs are listed below)").required(),
          .flag("json", "print {\"scenario\", \"knob\", \"reference\", \"points\": [...]}"),
          .value("svg", "OUT.svg", "also draw gap vs solve time"),
          .value("repeats", "N", "solves per value; the median time is shown (default 3)"),
          .flag("no-exact", "do not run the exact solver (gap to the finest value)"),
          .value("time-budget", "S", "the exact solver's budget (default 60)"),
        ]),
      .knobs("the other knobs (default: the scenario's \"solver\" section)"),
    ],
    exitCodes: "0 ok, 2 bad input, 130 interrupted")

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    let json = arguments.flag("json")
    let noExact = arguments.flag("no-exact")
    let svg = try arguments.option("svg")
    let repeats = try arguments.integer("repeats", in: 1...100) ?? 3
    let budget = try arguments.seconds("time-budget") ?? 60
    guard let spec = try arguments.option("knob") else { throw UsageError("--knob NAME=V1,V2,… is required") }
    let (knob, values) = try parseKnob(spec)
    let overrides = try arguments.knobOverrides()
    let path = try arguments.finish(positionals: 1)[0]
    guard budget > 0 else { throw UsageError("--time-budget must be positive") }
    let scenario = try loadScenario(path)

    let cancel = CancellationToken()
    let interrupt = InterruptHandler.install { cancel.cancel() }
    defer { interrupt.uninstall() }
    let sweep: KnobSweep
    let line = ProgressLine(task: "sweeping \(knob)")
    line.start()
    do {
      sweep = try KnobSweep.run(
        scenario, knob: knob, values: values, base: scenario.solver.applying(overrides), exact: !noExact,
        exactBudgetSeconds: budget, repeats: repeats, cancel: cancel, progress: line.progress)
    } catch {
      line.finish()
      throw UsageError(error.description)
    }
    line.finish()
    if cancel.isCancelled {
      printError("pact sweep: interrupted")
      return ExitCode.interrupted
    }
    if json {
      printOut(JSONWriter.write(Self.json(sweep)), terminator: "")
    } else {
      printOut(Self.table(sweep))
    }
    if let svg { try PlotCommand.write(ComparisonCharts.sweep(sweep).svg(), to: svg) }
    return ExitCode.ok
  }

  /// Parses `NAME=V1,V2,…` against ``SolverKnobs/ranges``.
  static func parseKnob(_ spec: String) throws(UsageError) -> (String, [Int]) {
    let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2, !parts[1].isEmpty else {
      throw UsageError("--knob: expected NAME=V1,V2,…, not \"\(spec)\"")
    }
    let name = parts[0]
    guard let range = SolverKnobs.ranges.first(where: { $0.name == name })?.range else {
      let names = SolverKnobs.ranges.map(\.name).joined(separator: ", ")
      throw UsageError("--knob: unknown knob \"\(name)\" (knobs: \(names))")
    }
    var values: [Int] = []
    for text in parts[1].split(separator: ",", omittingEmptySubsequences: false) {
      guard let v = Int(text.trimmingCharacters(in: .whitespaces)) else {
        throw UsageError("--knob: \"\(text)\" is not a whole number")
      }
      guard range.contains(v) else {
        throw UsageError("--knob: \(name) must be between \(range.lowerBound) and \(range.upperBound), not \(v)")
      }
      values.append(v)
    }
    return (name, values)
  }

  static func table(_ s: KnobSweep) -> String {
    var rows: [[String]] = [
      [s.knob, "energy (J)", "gap", "graph", "all passes", "solve (ms)", "status", "plan"]
    ]
    for p in s.points {
      rows.append([
        String(p.value), p.joules.map { Format.number($0) } ?? "–", p.gap.map { Format.percent($0) } ?? "–",
        p.vertices > 0 ? String(p.vertices) : "–", String(p.allPassVertices),
        Format.number(p.solveSeconds * 1000, digits: 3),
        p.isFeasible ? "solved" : p.status.components(separatedBy: ":")[0],
        p.planFrom == p.value ? "own" : "from \(s.knob) = \(p.planFrom)",
      ])
    }
    var out = "\(s.scenario): sweeping \(s.knob); gap to \(s.reference.describe(knob: s.knob))"
    if let r = s.reference.joules { out += " (\(Format.number(r)) J)" }
    out += "\n\n" + TextTable.render(rows, rightAligned: [0, 1, 2, 3, 4, 5])
    out +=
      s.knob == KnobName.gapTolerance.rawValue
      ? "\n\ngraph: vertices of the pass at the knobs' own grid (– when the passes stopped before it); all passes: every pass's graphs together"
      : "\n\ngraph: vertices at the value's own grid (each value is solved in one pass there: no coarse passes, no early stop, so all passes = graph)"
    if s.points.contains(where: { $0.planFrom != $0.value }) {
      out += "\n\na finer value refines from the coarser ones: \"from\" marks a plan its own solve did not beat"
    }
    if let note = s.referenceNote { out += "\n\nnote: \(note)" }
    return out
  }

  static func json(_ s: KnobSweep) -> JSONValue {
    func number(_ x: Double?) -> JSONValue { x.map { .number($0) } ?? .null }
    var reference: [(key: String, value: JSONValue)] = []
    switch s.reference {
    case .optimum(let j): reference = [("kind", .string("optimum")), ("joules", .number(j))]
    case .finest(let v, let j):
      reference = [("kind", .string("finest")), ("value", .number(Double(v))), ("joules", .number(j))]
    case .none: reference = [("kind", .string("none"))]
    }
    if let note = s.referenceNote { reference.append(("note", .string(note))) }
    return .object([
      ("scenario", .string(s.scenario)),
      ("knob", .string(s.knob)),
      ("reference", .object(reference)),
      (
        "points",
        .array(
          s.points.map { p in
            .object([
              ("value", .number(Double(p.value))),
              ("joules", number(p.joules)),
              ("feasible", .bool(p.isFeasible)),
              ("gap", number(p.gap)),
              ("lowerBoundJoules", number(p.lowerBoundJoules.flatMap { $0.isFinite ? $0 : nil })),
              ("provenGap", number(p.provenGap)),
              ("vertices", .number(Double(p.vertices))),
              ("allPassVertices", .number(Double(p.allPassVertices))),
              ("solveSeconds", .number(p.solveSeconds)),
              ("runSeconds", .array(p.runSeconds.map { .number($0) })),
              ("status", .string(p.status)),
              ("planFrom", .number(Double(p.planFrom))),
            ])
          })
      ),
    ])
  }
}
