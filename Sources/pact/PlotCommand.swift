import PACTCore

/// `pact plot`: SVG charts of loss curves, energy per method, gap vs solve time.
enum PlotCommand: Subcommand {
  static let name = "plot"
  static let summary = "SVG charts of loss curves, energy per method, gap vs solve time"
  static let usage = """
    usage: pact plot
    (not built yet)
    """

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    printError("pact plot: not built yet")
    return ExitCode.badInput
  }
}
