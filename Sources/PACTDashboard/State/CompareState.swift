/// The compare view's state: the selected row. Its keys are handled here.
public struct CompareState: Sendable {
  /// The selected method (index into ``AppState/compareRows``).
  public internal(set) var row = 0

  /// ↑/↓ choose a method among `count` rows.
  mutating func handle(_ action: Action, rows count: Int) {
    switch action {
    case .up: row = max(0, row - 1)
    case .down: row = min(max(0, count - 1), row + 1)
    default: break
    }
  }
}
