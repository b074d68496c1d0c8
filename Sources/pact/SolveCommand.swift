import PACTCore

/// `pact solve`: plan a scenario at least energy (PACT, or --exact for the optimum).
enum SolveCommand: Subcommand {
  static let name = "solve"
  static let summary = "plan a scenario at least energy (PACT, or --exact for the optimum)"
  static let usage = """
    usage: pact solve
    (not built yet)
    """

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    printError("pact solve: not built yet")
    return ExitCode.badInput
  }
}
