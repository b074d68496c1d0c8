import Foundation
import PACTCore

/// `pact solve SCENARIO`: the least-energy plan (PACT, or the exact optimum).
enum SolveCommand: Subcommand {
  static let name = "solve"
  static let summary = "plan a scenario at least energy (PACT, or --exact for the optimum)"
  static var usage: String {
    let knobs = SolverKnobs.ranges.map {
      "  --\($0.name) N".padding(toLength: 24, withPad: " ", startingAt: 0)
        + "\($0.help) (\($0.range.lowerBound)…\($0.range.upperBound))"
    }.joined(separator: "\n")
    return """
      usage: pact solve SCENARIO [--exact] [--json] [--time-budget SECONDS] [--KNOB N …]

      Plans SCENARIO at minimum energy with the PACT dynamic program (or, with
      --exact, the exact label-setting solver, ≤ 14 nodes) and prints the plan
      as a table with totals, or with --json the plan file of docs/MODEL.md.

      options:
        --exact               the true optimum instead of PACT (refuses > 14 nodes)
        --json                print the plan JSON (every figure filled in)
        --time-budget S       stop the exact solver after S seconds (default 60)
        --stats               print the solver's counters (graph size, edges, passes) to stderr
      approximation knobs (default: the scenario's "solver" section):
      \(knobs)

      exit codes: 0 feasible plan, 1 infeasible, 2 bad input, 130 interrupted or over budget
      """
  }

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    let exact = arguments.flag("exact")
    let json = arguments.flag("json")
    let stats = arguments.flag("stats")
    let budget = try arguments.seconds("time-budget") ?? 60
    let overrides = try arguments.knobOverrides()
    let path = try arguments.finish(positionals: 1)[0]
    let scenario = try loadScenario(path)
    let knobs = scenario.solver.applying(overrides)

    let cancel = CancellationToken()
    let interrupt = InterruptHandler.install { cancel.cancel() }
    defer { interrupt.uninstall() }
    let result: SolveResult
    if exact {
      result = ExactSolver(scenario: scenario, timeBudgetSeconds: budget).solve(cancel: cancel)
    } else {
      result = PACTSolver(scenario: scenario, knobs: knobs).solve(cancel: cancel)
    }
    let status = report(result, scenario: scenario, json: json, method: exact ? "exact" : "pact", knobs: knobs)
    if stats {
      printError(result.counters.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }
    return status
  }

  static func report(_ result: SolveResult, scenario: Scenario, json: Bool, method: String, knobs: SolverKnobs) -> Int32
  {
    switch result.status {
    case .refused(let message):
      printError("pact solve: \(message)")
      return ExitCode.badInput
    case .cancelled:
      printError("pact solve: interrupted")
      return ExitCode.interrupted
    case .budgetExceeded(let message):
      printError("pact solve: \(message)")
      if let e = result.evaluation {
        printError("best plan found so far (not proven optimal): \(Format.joules(e.totalJoules))")
      }
      return ExitCode.interrupted
    case .infeasible:
      if json {
        print(
          JSONWriter.write(
            .object([
              ("scenario", .string(scenario.name)), ("feasible", .bool(false)),
              ("reasons", .array(result.infeasibility.map { .string($0) })),
            ])), terminator: "")
      } else {
        print("\(scenario.name): infeasible")
        for reason in result.infeasibility { print("  - \(reason)") }
        if result.infeasibility.isEmpty {
          print("  - no feasible plan in PACT's graph; try finer knobs or --exact")
        }
      }
      return ExitCode.infeasible
    case .solved:
      guard let evaluation = result.evaluation else { return ExitCode.infeasible }
      if json {
        print(JSONWriter.write(evaluation.json(scenario: scenario)), terminator: "")
      } else {
        print(PlanTable.render(evaluation, scenario: scenario))
        var summary =
          "\n\(method): \(Format.joules(evaluation.totalJoules)) in \(Format.seconds(evaluation.totalSeconds)) (deadline \(Format.seconds(scenario.training.deadlineSeconds))), loss \(Format.number(evaluation.finalLoss)) (target \(Format.number(scenario.training.targetLoss))), \(evaluation.epochs.count) epochs"
        summary += "\nsolved in \(Format.number(result.solveSeconds * 1000, digits: 3)) ms"
        if method == "pact" {
          let k = SolverKnobs.ranges.map { "\($0.name) \(knobs[$0.name] ?? 0)" }.joined(separator: ", ")
          summary += "; graph \(result.graph?.vertexCount ?? 0) vertices; knobs: \(k)"
        }
        print(summary)
      }
      return evaluation.isFeasible ? ExitCode.ok : ExitCode.infeasible
    }
  }
}
