import PACTCore

/// `pact evaluate`: evaluate a plan file against a scenario.
enum EvaluateCommand: Subcommand {
  static let name = "evaluate"
  static let summary = "evaluate a plan file against a scenario"
  static let usage = """
    usage: pact evaluate
    (not built yet)
    """

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    printError("pact evaluate: not built yet")
    return ExitCode.badInput
  }
}
