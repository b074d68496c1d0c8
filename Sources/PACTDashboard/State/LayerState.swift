import PACTCore

/// The layer view's state: the pruning level shown, and the axes it keeps. Its keys are
/// handled here; moving to another layer moves the graph cursor, and stepping a knob
/// edits the scenario, which ``AppState`` owns.
public struct LayerState: Sendable {
  /// The pruning level whose states are drawn.
  public internal(set) var level = 0
  /// The axes kept for (layer, level): a knob change redraws the new grid on the same
  /// axes, so two grids can be compared; another layer or level, or `a`, fits them anew.
  public internal(set) var axes: (layer: Int, level: Int, window: LayerInspection.Axes)?

  /// What a key asks of the app, beyond the view's own state.
  enum Request: Equatable {
    case none
    /// Show the layer `delta` layers on (the graph cursor moves).
    case moveLayer(Int)
    /// Fit the axes to the states shown now.
    case fitAxes
    /// Step the knob the layer view turns (up: finer or larger).
    case stepKnob(up: Bool)
  }

  /// ↑/↓ choose a level among `levels`, ←/→ another layer, `a` fits the axes, +/- step a knob.
  mutating func handle(_ action: Action, levels: Int) -> Request {
    switch action {
    case .up:
      level = max(0, level - 1)
      return .fitAxes
    case .down:
      level = min(max(0, levels - 1), level + 1)
      return .fitAxes
    case .left: return .moveLayer(-1)
    case .right: return .moveLayer(1)
    case .lossAxis: return .fitAxes
    case .increase: return .stepKnob(up: true)
    case .decrease: return .stepKnob(up: false)
    default: break
    }
    return .none
  }

  /// Keeps `window` as the axes of (layer, level).
  mutating func keep(_ window: LayerInspection.Axes?, layer: Int) {
    axes = window.map { (layer, level, $0) }
  }

  /// The axes kept for (layer, level), if any.
  func kept(layer: Int) -> LayerInspection.Axes? {
    guard let a = axes, a.layer == layer, a.level == level else { return nil }
    return a.window
  }
}
