/// The exit codes of every subcommand.
enum ExitCode {
  /// Success (a feasible plan, a valid file).
  static let ok: Int32 = 0
  /// The scenario or plan is valid but infeasible.
  static let infeasible: Int32 = 1
  /// Bad input: unreadable or invalid files, wrong arguments.
  static let badInput: Int32 = 2
  /// Interrupted (Ctrl-C) or a solver budget ran out.
  static let interrupted: Int32 = 130
}
