import PACTCore

/// `pact validate SCENARIO`: checks a scenario file and lists every problem.
enum ValidateCommand: Subcommand {
  static let name = "validate"
  static let summary = "check a scenario file and list every problem"
  static let help = CommandHelp(
    name: name, arguments: "SCENARIO",
    about: """
      Reads SCENARIO (JSON, docs/MODEL.md) and reports every error at once, each
      named by its JSON path (nodes[2].uplinkBitsPerSecond: must be > 0), plus
      warnings for keys pact does not read.
      """,
    groups: [
      OptionGroup(
        title: "options", options: [.flag("json", "print {\"valid\": bool, \"errors\": [...], \"warnings\": [...]}")])
    ],
    exitCodes: "0 valid, 2 invalid or unreadable")

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    let json = arguments.flag("json")
    let path = try arguments.finish(positionals: 1)[0]
    do {
      let (scenario, warnings) = try Scenario.load(path: path)
      if json {
        printOut(report(valid: true, errors: [], warnings: warnings), terminator: "")
      } else {
        for w in warnings { printError("\(path): \(w)") }
        printOut(
          "\(path): valid — \(scenario.nodes.count) nodes, \(scenario.training.epochs) epochs, \(scenario.levelCount) levels"
        )
      }
      return ExitCode.ok
    } catch {
      if json {
        printOut(
          report(valid: false, errors: error.errors, warnings: error.issues.filter { $0.severity == .warning }),
          terminator: "")
      } else {
        printError(error.description)
      }
      return ExitCode.badInput
    }
  }

  static func report(valid: Bool, errors: [ScenarioIssue], warnings: [ScenarioIssue]) -> String {
    func list(_ issues: [ScenarioIssue]) -> JSONValue {
      .array(issues.map { .object([("path", .string($0.path)), ("message", .string($0.message))]) })
    }
    return JSONWriter.write(.object([("valid", .bool(valid)), ("errors", list(errors)), ("warnings", list(warnings))]))
  }
}
