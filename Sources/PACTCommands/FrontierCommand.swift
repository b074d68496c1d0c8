import Foundation
import PACTCore

/// `pact frontier SCENARIO --vary PARAMETER`: the least energy as one goal varies.
enum FrontierCommand: Subcommand {
  static let name = "frontier"
  static let summary = "least energy as the deadline, target, deploy size or epochs vary"
  static let help = CommandHelp(
    name: name, arguments: "SCENARIO",
    about: """
      The trade-off: PACT's least energy at each value of one goal, everything else as
      in SCENARIO, with the values where the plan changes its shape (breakpoints:
      a node joins or leaves, pruning moves, more or fewer epochs) in words.

      By default the values run from where the problem turns infeasible to where the
      energy stops falling, with the scenario's own value among them. The deadline
      frontier comes from one search (the graph keeps the time of every state); the
      others solve once per value, each from the plan of the tighter value before it.
      Energy never rises as the goal loosens.
      """,
    groups: [
      OptionGroup(
        title: "options",
        options: [
          .value(
            "vary", "PARAMETER",
            """
            deadline (s), target (loss), deploy (model size kept, one value
            per pruning level) or epochs (K)
            """
          ).required(),
          .value("points", "N", "how many values (default 20)"),
          .value("from", "A", "the range's start"),
          .value("to", "B", "the range's end"),
          .flag("exact", "also the exact optimum at each value (≤ 12 nodes)"),
          .flag("baselines", "also each baseline's energy where its plan is feasible"),
          .flag(
            "json",
            """
            {"scenario", "vary", "points": [{"value", "feasible", "joules",
            "seconds", "loss", "epochs", "exactJoules", "reason", "baselines"}],
            "breakpoints": [{"value", "tighter", "change"}]}
            """),
          .value("svg", "FILE", "the frontier as a slide chart"),
          .value(
            "against", "FILE",
            """
            another scenario (the "before" of a what-if): its frontier over the
            same values, in the table (column "pinned"), the JSON and the SVG
            (faded, dashed), with the difference in words
            """),
          .flag("relative", "the SVG's y axis as the change from this scenario's own plan (%)"),
          .value("y-from", "Y", "the SVG's y axis from Y (joules, or % with --relative)"),
          .value("y-to", "Y", "the SVG's y axis to Y"),
          .value("time-budget", "S", "the exact solver's budget per value (default 30)"),
        ]),
      .knobs("PACT's approximation knobs (default: the scenario's \"solver\" section)"),
    ],
    notes: "Progress is shown on standard error when it is a terminal.",
    exitCodes: "0 at least one value feasible, 1 none, 2 bad input, 130 interrupted")

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    guard let varyText = try arguments.option("vary") else {
      throw UsageError("--vary deadline|target|deploy|epochs is required")
    }
    guard let parameter = GoalParameter(rawValue: varyText) else {
      throw UsageError("--vary must be deadline, target, deploy or epochs, not \"\(varyText)\"")
    }
    let points = try arguments.integer("points", in: 2...200) ?? 20
    let from = try arguments.double("from")
    let to = try arguments.double("to")
    let exact = arguments.flag("exact")
    let baselines = arguments.flag("baselines")
    let json = arguments.flag("json")
    let svg = try arguments.option("svg")
    let budget = try arguments.seconds("time-budget") ?? 30
    let againstPath = try arguments.option("against")
    let relative = arguments.flag("relative")
    let yFrom = try arguments.double("y-from")
    let yTo = try arguments.double("y-to")
    let overrides = try arguments.knobOverrides()
    let path = try arguments.finish(positionals: 1)[0]
    if let from, let to, !(from < to) { throw UsageError("--from must be below --to") }
    for (flag, v) in [("from", from), ("to", to)] {
      if let v, !(v > 0) { throw UsageError("--\(flag) must be positive, not \(Format.number(v))") }
    }
    if (yFrom == nil) != (yTo == nil) { throw UsageError("--y-from and --y-to go together") }
    if let yFrom, let yTo, !(yFrom < yTo) { throw UsageError("--y-from must be below --y-to") }
    let scenario = try loadScenario(path)
    let againstScenario = try againstPath.map { path throws(InputError) in try loadScenario(path) }

    let cancel = CancellationToken()
    let interrupt = InterruptHandler.install { cancel.cancel() }
    defer { interrupt.uninstall() }
    let line = ProgressLine(task: "frontier over \(parameter.rawValue)")
    line.start()
    let frontier = Frontier.compute(
      scenario, vary: parameter,
      options: .init(
        points: points, from: from, to: to, exact: exact, exactBudgetSeconds: budget, baselines: baselines,
        knobs: scenario.solver.applying(overrides)),
      cancel: cancel, progress: line.progress)
    // The pinned frontier: the other scenario over the same values.
    var pinned: (frontier: Frontier, words: String, label: String)? = nil
    if let other = againstScenario, let againstPath, cancel.isCancelled == false {
      let values = frontier.points.map(\.value)
      let f = Frontier.compute(
        other, vary: parameter,
        options: .init(
          points: points, from: values.first, to: values.last, exact: false, baselines: false,
          knobs: other.solver.applying(overrides)),
        cancel: cancel, progress: line.progress)
      let now = PACTSolver(scenario: scenario, knobs: scenario.solver.applying(overrides)).solve(cancel: cancel)
      let before = Against(
        other: other, label: Against.label(againstPath), overrides: overrides, now: now.evaluation, in: scenario,
        cancel: cancel)
      pinned = (f, before.words, before.label)
    }
    line.finish()
    if cancel.isCancelled {
      printError("pact frontier: interrupted")
      return ExitCode.interrupted
    }
    if json {
      var value = Self.json(frontier, scenario: scenario)
      if let pinned, case .object(var members) = value {
        members.append(
          (
            "against",
            .object([
              ("file", .string(againstPath ?? "")), ("difference", .string(pinned.words)),
              ("points", Self.json(pinned.frontier, scenario: againstScenario ?? scenario)["points"] ?? .array([])),
            ])
          ))
        value = .object(members)
      }
      printOut(JSONWriter.write(value), terminator: "")
    } else {
      printOut(Self.table(frontier, scenario: scenario, pinned: pinned.map { ($0.frontier, $0.label, $0.words) }))
    }
    if let svg {
      let chart = FrontierChart(
        frontier: frontier, against: pinned?.frontier, againstLabel: pinned?.label ?? "pinned",
        comparison: pinned?.words, relative: relative, yRange: yFrom.flatMap { a in yTo.map { a...$0 } })
      try PlotCommand.write(chart.svg(), to: svg)
      if !json { printOut("wrote \(svg)") }
    }
    return frontier.points.contains(where: \.isFeasible) ? ExitCode.ok : ExitCode.infeasible
  }

  static func table(_ f: Frontier, scenario: Scenario, pinned: (Frontier, String, String)? = nil) -> String {
    let p = f.parameter
    var header = [p.rawValue, "energy", "seconds", "loss", "epochs", "nodes"]
    let exact = f.points.contains { $0.exactJoules != nil }
    if exact { header.append("exact") }
    if pinned != nil { header.append("pinned") }
    // One column per baseline with a feasible plan somewhere (– where it has none).
    let present = Set(f.points.flatMap { $0.baselines.map(\.method) })
    let baselines = Palette.baselines.filter(present.contains)
    header += baselines
    var rows: [[String]] = [header]
    for point in f.points {
      var mark = abs(point.value - f.scenarioValue) < 1e-12 * max(1, abs(f.scenarioValue)) ? " ◀" : ""
      if let i = f.breakpoints.firstIndex(where: { $0.value == point.value }) { mark += " (\(i + 1))" }
      // The pinned frontier's energy at this value: its cheapest plan of a value no looser.
      let pinnedEnergy = pinned.map { pf in
        pf.0.points.filter { $0.value <= point.value * (1 + 1e-12) }.compactMap(\.joules).min().map(Format.joules)
          ?? "–"
      }
      let others =
        (exact ? [point.exactJoules.map(Format.joules) ?? "–"] : []) + (pinnedEnergy.map { [$0] } ?? [])
        + baselines.map { m in point.baselines.first { $0.method == m }.map { Format.joules($0.joules) } ?? "–" }
      guard let e = point.evaluation, point.isFeasible else {
        rows.append([p.format(point.value) + mark, "infeasible", "", "", "", ""] + others)
        continue
      }
      let nodes = Set(e.epochs.flatMap(\.nodes)).count
      rows.append(
        [
          p.format(point.value) + mark, Format.joules(e.totalJoules), Format.seconds(e.totalSeconds),
          Format.number(e.finalLoss), String(e.epochs.count), String(nodes),
        ] + others)
    }
    var out = "\(f.scenario): least energy as \(p.path) varies (◀ the scenario's value, (n) breakpoint n)\n\n"
    out += TextTable.render(rows, rightAligned: Set(0..<header.count))
    if !f.breakpoints.isEmpty {
      out +=
        "\n\nwhere the plan changes shape (located to \(Format.number(Frontier.breakpointTolerance * 100)) %):\n"
        + f.breakpoints.enumerated().map { "  \($0.offset + 1). \($0.element.change)" }.joined(separator: "\n")
    }
    if let first = f.points.first(where: { !$0.isFeasible }), let reason = first.reasons.first {
      out += "\n\nat \(p.format(first.value)): \(reason)"
    }
    if let note = f.exactNote { out += "\n\nnote: \(note)" }
    if let (_, label, words) = pinned {
      out += "\n\npinned: \(label); at the scenarios' own values, now vs pinned: \(words)"
    }
    out += "\n\n\(f.points.count) values, \(f.solves) search\(f.solves == 1 ? "" : "es"), \(Format.seconds(f.seconds))"
    return out
  }

  static func json(_ f: Frontier, scenario: Scenario) -> JSONValue {
    .object([
      ("scenario", .string(f.scenario)),
      ("vary", .string(f.parameter.rawValue)),
      ("scenarioValue", .number(f.scenarioValue)),
      (
        "points",
        .array(
          f.points.map { p in
            var members: [(key: String, value: JSONValue)] = [
              ("value", .number(p.value)), ("feasible", .bool(p.isFeasible)),
            ]
            if let e = p.evaluation, p.isFeasible {
              members += [
                ("joules", .number(e.totalJoules)), ("seconds", .number(e.totalSeconds)),
                ("loss", .number(e.finalLoss)),
              ]
              let planJSON = e.json(scenario: f.parameter.applying(p.value, to: scenario))
              members.append(("epochs", planJSON["epochs"] ?? .array([])))
            } else {
              members.append(("reason", .string(p.reasons.first?.description ?? "no plan found")))
            }
            if let x = p.exactJoules { members.append(("exactJoules", .number(x))) }
            if let lower = p.lowerBoundJoules, lower.isFinite { members.append(("lowerBoundJoules", .number(lower))) }
            if let g = p.provenGap { members.append(("provenGap", .number(g))) }
            if !p.baselines.isEmpty {
              members.append(("baselines", .object(p.baselines.map { ($0.method, .number($0.joules)) })))
            }
            return .object(members)
          })
      ),
      (
        "breakpoints",
        .array(
          f.breakpoints.map {
            .object([
              ("value", .number($0.value)), ("tighter", .number($0.tighter)), ("change", .string($0.change)),
            ])
          })
      ),
    ])
  }
}
