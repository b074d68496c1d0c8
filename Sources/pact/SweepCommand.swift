import PACTCore

/// `pact sweep`: PACT across values of an approximation knob.
enum SweepCommand: Subcommand {
  static let name = "sweep"
  static let summary = "PACT across values of an approximation knob"
  static let usage = """
    usage: pact sweep
    (not built yet)
    """

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    printError("pact sweep: not built yet")
    return ExitCode.badInput
  }
}
