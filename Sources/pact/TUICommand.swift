import PACTCore

/// `pact tui`: open the dashboard on a scenario file.
enum TUICommand: Subcommand {
  static let name = "tui"
  static let summary = "open the dashboard on a scenario file"
  static let usage = """
    usage: pact tui
    (not built yet)
    """

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    printError("pact tui: not built yet")
    return ExitCode.badInput
  }
}
