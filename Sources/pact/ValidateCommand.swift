import PACTCore

/// `pact validate`: check a scenario file and list every problem.
enum ValidateCommand: Subcommand {
  static let name = "validate"
  static let summary = "check a scenario file and list every problem"
  static let usage = """
    usage: pact validate
    (not built yet)
    """

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    printError("pact validate: not built yet")
    return ExitCode.badInput
  }
}
