import PACTCore

/// `pact calibrate`: fit loss-model coefficients to training traces.
enum CalibrateCommand: Subcommand {
  static let name = "calibrate"
  static let summary = "fit loss-model coefficients to training traces"
  static let usage = """
    usage: pact calibrate
    (not built yet)
    """

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    printError("pact calibrate: not built yet")
    return ExitCode.badInput
  }
}
