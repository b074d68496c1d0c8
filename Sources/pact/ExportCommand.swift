import PACTCore

/// `pact export`: the time-expanded graph as a MILP in MPS format.
enum ExportCommand: Subcommand {
  static let name = "export"
  static let summary = "the time-expanded graph as a MILP in MPS format"
  static let usage = """
    usage: pact export
    (not built yet)
    """

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    printError("pact export: not built yet")
    return ExitCode.badInput
  }
}
