/// The layer view's state: the pruning level shown. Its keys are handled here; moving
/// to another layer moves the graph cursor, which ``AppState`` owns.
public struct LayerState: Sendable {
  /// The pruning level whose states are drawn.
  public internal(set) var level = 0

  /// What a key asks of the app, beyond the view's own state.
  enum Request: Equatable {
    case none
    /// Show the layer `delta` layers on (the graph cursor moves).
    case moveLayer(Int)
  }

  /// ↑/↓ choose a level among `levels`, ←/→ another layer.
  mutating func handle(_ action: Action, levels: Int) -> Request {
    switch action {
    case .up: level = max(0, level - 1)
    case .down: level = min(max(0, levels - 1), level + 1)
    case .left: return .moveLayer(-1)
    case .right: return .moveLayer(1)
    default: break
    }
    return .none
  }
}
