import PACTCore

/// Something the app must do for the state: run a solver, touch a file, quit.
/// The state itself never blocks, so key handling is testable without a terminal.
public enum Effect: Equatable, Sendable {
  /// Start the PACT solver on `scenario`; its result comes back with `generation`.
  case solve(generation: Int, scenario: Scenario)
  /// Start the exact solver in the background.
  case exact(generation: Int, scenario: Scenario)
  /// Stop a running exact solve.
  case cancelExact
  /// Run the baseline policies for the loss chart; results come back with `generation`.
  case baselines(generation: Int, scenario: Scenario)
  /// Write the scenario file (atomically) and report with ``AppState/didSave(path:error:)``.
  case save(path: String, text: String)
  /// Read a scenario file and report with ``AppState/didOpen(path:result:)``.
  case open(path: String)
  /// Load a theme by name and report with ``AppState/setTheme(_:issues:)``.
  case loadTheme(String)
  /// Compute the frontier of `parameter` in the background (the trade-off view).
  case frontier(generation: Int, scenario: Scenario, parameter: GoalParameter)
  /// Sweep `knob` in the background,
  /// posting each value as it is solved (the knob view).
  case knobSweep(generation: Int, scenario: Scenario, knob: KnobName)
  /// Stop the background work of the full views (frontier, sweep).
  case cancelViews
  /// Write the current screen as an SVG file (atomically) and report with ``AppState/didSaveScreen(path:error:)``.
  case saveScreen(path: String)
  /// Add a marker named `label` to the cast being recorded; reported with ``AppState/didMark(_:)``.
  case castMarker(label: String)
  /// Delete a file (a recovery file dealt with) and report with ``AppState/didDelete(path:error:)``.
  case deleteFile(path: String)
  case quit
}

/// A line of feedback at the bottom of the screen.
public struct StatusMessage: Equatable, Sendable {
  public enum Kind: Sendable { case info, ok, error }
  public var text: String
  public var kind: Kind
  public init(_ text: String, _ kind: Kind = .info) {
    self.text = text
    self.kind = kind
  }
}
