import PACTCore

/// `pact export SCENARIO --mps OUT.mps`: the time-expanded graph as a MILP in MPS format.
enum ExportCommand: Subcommand {
  static let name = "export"
  static let summary = "the time-expanded graph as a MILP in MPS format"
  static let help = CommandHelp(
    name: name, arguments: "SCENARIO",
    about: """
      Solves SCENARIO with PACT at the given knobs and writes the time-expanded
      graph it built as a mixed-integer program in free MPS format: a binary flow
      per edge (every edge, re-expanded from the kept vertices), flow conservation
      at every vertex, one unit out of the start, sink arcs from the vertices that
      meet the target at a deployable level, the deadline as a knapsack row, and
      minimum energy. Its optimum is PACT's energy on that graph (README, section
      "baselines", says when and why it can differ). The file is written atomically.
      """,
    groups: [
      OptionGroup(
        title: "options",
        options: [
          .value("mps", "OUT.mps", "the file to write").required(),
          .value(
            "edges", "RULE",
            """
            consistent (default): only edges whose loss is at most the head
            vertex's, so every path of the MILP is feasible under exact
            evaluation and its optimum is PACT's energy on the graph;
            all: every re-expanded edge landing in a kept vertex (vertices
            as pure buckets; the optimum can be an infeasible path)
            """),
        ]),
      .whatIf,
      .knobs("PACT's approximation knobs (default: the scenario's \"solver\" section)"),
    ],
    exitCodes: """
      0 written, 1 PACT found no plan (the graph is still written),
      2 bad input or the file cannot be written, 130 interrupted
      """)

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    guard let out = try arguments.option("mps") else { throw UsageError("--mps OUT.mps is required") }
    let ruleName = try arguments.option("edges") ?? "consistent"
    guard let rule = MPSExport.EdgeRule(rawValue: ruleName) else {
      throw UsageError("--edges must be all or consistent, not \"\(ruleName)\"")
    }
    let overrides = try arguments.knobOverrides()
    let whatIf = try arguments.whatIf()
    let path = try arguments.finish(positionals: 1)[0]
    let scenario = try whatIf.apply(to: loadScenario(path))
    let cancel = CancellationToken()
    let interrupt = InterruptHandler.install { cancel.cancel() }
    defer { interrupt.uninstall() }
    let result = PACTSolver(scenario: scenario, knobs: scenario.solver.applying(overrides)).solve(cancel: cancel)
    guard let graph = result.graph, result.status != .cancelled else {
      printError("pact export: \(Comparison.describe(result.status))")
      return result.status == .cancelled ? ExitCode.interrupted : ExitCode.infeasible
    }
    let model = MPSExport(graph: graph, scenario: scenario, edges: rule)
    try PlotCommand.write(model.mps(), to: out)
    printOut(
      "wrote \(out): \(graph.vertexCount) vertices, \(model.edges.count) edges, \(model.terminals.count) terminals; \(model.rowCount) rows, \(model.columnCount) binary columns"
    )
    if let e = result.evaluation, e.isFeasible {
      printOut("PACT's energy on this graph: \(JSONWriter.number(e.totalJoules)) J (\(e.epochs.count) epochs)")
      return ExitCode.ok
    }
    printOut("PACT found no feasible plan in this graph (\(Comparison.describe(result.status)))")
    return ExitCode.infeasible
  }
}
