import PACTCore

/// `pact evaluate SCENARIO PLAN`: a plan's exact figures and feasibility.
enum EvaluateCommand: Subcommand {
  static let name = "evaluate"
  static let summary = "evaluate a plan file against a scenario"
  static let help = CommandHelp(
    name: name, arguments: "SCENARIO PLAN",
    about: """
      Reads a plan file (docs/MODEL.md: epochs[k].nodes and epochs[k].level; any
      figures in it are ignored) and computes, exactly as docs/MODEL.md defines,
      each epoch's seconds, joules and predicted loss, the totals, and whether the
      plan is feasible, with the reasons when it is not.
      """,
    groups: [
      OptionGroup(title: "options", options: [.flag("json", "print the plan JSON with every figure filled in")]),
      .whatIf,
    ],
    exitCodes: "0 feasible, 1 infeasible, 2 bad input")

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    let json = arguments.flag("json")
    let whatIf = try arguments.whatIf()
    let paths = try arguments.finish(positionals: 2)
    let scenario = try whatIf.apply(to: loadScenario(paths[0]))
    let plan = try Plan.load(path: paths[1], scenario: scenario)
    let evaluation = PlanEvaluator(scenario: scenario).evaluate(plan)
    if json {
      printOut(JSONWriter.write(evaluation.json(scenario: scenario)), terminator: "")
    } else {
      printOut(PlanTable.render(evaluation, scenario: scenario))
      printOut("")
      if evaluation.isFeasible {
        printOut(
          "feasible: \(Format.joules(evaluation.totalJoules)), \(Format.seconds(evaluation.totalSeconds)), loss \(Format.number(evaluation.finalLoss))"
        )
      } else {
        printOut("infeasible:")
        for v in evaluation.violations { printOut("  - \(v)") }
      }
    }
    return evaluation.isFeasible ? ExitCode.ok : ExitCode.infeasible
  }
}
