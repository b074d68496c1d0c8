import PACTCore

/// `pact bench`: release-build timings of the solvers.
enum BenchCommand: Subcommand {
  static let name = "bench"
  static let summary = "release-build timings of the solvers"
  static let usage = """
    usage: pact bench
    (not built yet)
    """

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    printError("pact bench: not built yet")
    return ExitCode.badInput
  }
}
