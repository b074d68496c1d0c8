import Foundation
import PACTCore

/// `pact solve SCENARIO`: the least-energy plan (PACT, or the exact optimum).
enum SolveCommand: Subcommand {
  static let name = "solve"
  static let summary = "plan a scenario at least energy (PACT, or --exact for the optimum)"
  static let help = CommandHelp(
    name: name, arguments: "SCENARIO",
    about: """
      Plans SCENARIO at minimum energy with the PACT dynamic program (or, with
      --exact, the exact label-setting solver, ≤ 14 nodes) and prints the plan
      as a table with totals, or with --json the plan file of docs/MODEL.md.
      """,
    groups: [
      OptionGroup(
        title: "options",
        options: [
          .flag("exact", "the true optimum instead of PACT (refuses > 14 nodes)"),
          .flag(
            "json",
            """
            print the plan JSON (every figure filled in, totals.lowerBoundJoules
            and totals.provenGap: the proven bound on the optimum) with "statistics"
            """),
          .flag(
            "stats",
            """
            print the solver's figures (each pass's graph, the pass that
            gave the answer, totals, candidates, memory) to stderr
            """),
          .value(
            "time-budget", "S",
            """
            stop after S seconds: the exact solver (default 60, at most 604800)
            reports its best plan as not proven; PACT (default: no limit)
            returns its best plan so far with its proven gap
            """),
          .value(
            "memory-budget", "SIZE",
            """
            stop before the solver holds more than SIZE of states or labels
            (512M, 2G; a plain number is MiB; default 1G)
            """),
        ]),
      .whatIf,
      .knobs(),
    ],
    exitCodes: "0 feasible plan, 1 infeasible, 2 bad input, 130 interrupted or over budget")

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    let exact = arguments.flag("exact")
    let json = arguments.flag("json")
    let stats = arguments.flag("stats")
    let givenBudget = try arguments.seconds("time-budget")
    let budget = givenBudget ?? 60
    let memory = try arguments.memoryBudget() ?? PACTSolver.defaultMemoryBudgetBytes
    let whatIf = try arguments.whatIf()
    let overrides = try arguments.knobOverrides()
    let path = try arguments.finish(positionals: 1)[0]
    let scenario = try whatIf.apply(to: loadScenario(path))
    let knobs = scenario.solver.applying(overrides)

    let cancel = CancellationToken()
    let interrupt = InterruptHandler.install { cancel.cancel() }
    defer { interrupt.uninstall() }
    let progress = exact ? ProgressLine(task: "exact solve") : nil
    progress?.start()
    let result: SolveResult
    if exact {
      result = ExactSolver(scenario: scenario, timeBudgetSeconds: budget, memoryBudgetBytes: memory).solve(
        cancel: cancel)
    } else {
      var solver = PACTSolver(scenario: scenario, knobs: knobs)
      solver.memoryBudgetBytes = memory
      solver.timeBudgetSeconds = givenBudget
      result = solver.solve(cancel: cancel)
    }
    progress?.finish()
    let status = report(
      result, scenario: scenario, json: json, method: exact ? "exact" : "pact", knobs: knobs, whatIf: whatIf)
    if stats { printError(result.statistics.summary) }
    return status
  }

  static func report(
    _ result: SolveResult, scenario: Scenario, json: Bool, method: String, knobs: SolverKnobs,
    whatIf: WhatIf = WhatIf(changes: [])
  ) -> Int32 {
    switch result.status {
    case .refused(let refusal):
      printError("pact solve: \(refusal)")
      return ExitCode.badInput
    case .cancelled:
      printError("pact solve: interrupted")
      return ExitCode.interrupted
    case .budgetExceeded(let budget):
      printError("pact solve: \(budget)")
      if let e = result.evaluation {
        printError("best plan found so far (not proven optimal): \(Format.joules(e.totalJoules))")
      }
      return ExitCode.interrupted
    case .infeasible:
      if json {
        printOut(
          JSONWriter.write(
            .object([
              ("scenario", .string(scenario.name)), ("feasible", .bool(false)),
              ("reasons", .array(result.infeasibility.map { .string($0.description) })),
              ("statistics", result.statistics.json()),
            ])), terminator: "")
      } else {
        printOut("\(scenario.name): infeasible\(whatIf.changes.isEmpty ? "" : " (what-if: \(whatIf.summary))")")
        for reason in result.infeasibility { printOut("  - \(reason)") }
        if result.infeasibility.isEmpty {
          printOut("  - no feasible plan in PACT's graph; try finer knobs or --exact")
        }
      }
      return ExitCode.infeasible
    case .solved:
      guard let evaluation = result.evaluation else { return ExitCode.infeasible }
      if json {
        guard case .object(var members)? = result.planJSON(scenario: scenario) else { return ExitCode.ok }
        members.append(("statistics", result.statistics.json()))
        printOut(JSONWriter.write(.object(members)), terminator: "")
      } else {
        printOut(PlanTable.render(evaluation, scenario: scenario))
        var summary =
          "\n\(method): \(Format.joules(evaluation.totalJoules)) in \(Format.seconds(evaluation.totalSeconds)) (deadline \(Format.seconds(scenario.training.deadlineSeconds))), loss \(Format.number(evaluation.finalLoss)) (target \(Format.number(scenario.training.targetLoss))), \(evaluation.epochs.count) epochs"
        if !whatIf.changes.isEmpty { summary += "\nwhat-if: \(whatIf.summary) (the file is unchanged)" }
        if result.statistics.stoppedBy == .timeBudget {
          summary += "\nthe time budget ran out: the best plan found so far"
        }
        if let lower = result.lowerBoundJoules, lower.isFinite {
          summary +=
            "\nproven lower bound on the optimum: \(Format.joules(lower))"
            + (result.provenGapSentence.map { " — \($0)" } ?? "")
            + (result.statistics.stoppedBy.map { " (passes stopped: \($0.rawValue))" } ?? "")
        }
        summary += "\nsolved in \(Format.number(result.solveSeconds * 1000, digits: 3)) ms"
        if method == "pact" {
          let s = result.statistics
          let k = SolverKnobs.ranges.map { "\($0.name) \(knobs[$0.name] ?? 0)" }.joined(separator: ", ")
          let answer = s.answerPass.map { "pass \($0 + 1) of \(s.passes.count), which gave the answer" }
          let graph = result.graph.map { "\($0.vertexCount) vertices" } ?? "none"
          // The graph at the knobs' own grid, said apart from the answer's pass's graph.
          let own =
            s.ownPass(knobs).map { "own grid L\(knobs.lossBins)×T\(knobs.timeBins): \($0.vertices) vertices" }
            ?? "own grid L\(knobs.lossBins)×T\(knobs.timeBins): not run (passes stopped early)"
          summary +=
            "; graph \(graph)\(answer.map { " (\($0))" } ?? ""); \(own); all passes \(s.totalVertices) vertices; knobs: \(k)"
        }
        printOut(summary)
      }
      return evaluation.isFeasible ? ExitCode.ok : ExitCode.infeasible
    }
  }
}
