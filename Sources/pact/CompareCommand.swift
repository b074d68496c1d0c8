import PACTCore

/// `pact compare`: PACT, the optimum and the baselines side by side.
enum CompareCommand: Subcommand {
  static let name = "compare"
  static let summary = "PACT, the optimum and the baselines side by side"
  static let usage = """
    usage: pact compare
    (not built yet)
    """

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    printError("pact compare: not built yet")
    return ExitCode.badInput
  }
}
