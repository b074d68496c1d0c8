import PACTCore

/// What fills the dashboard's body: the five panels, or one full view.
public enum BodyView: Equatable, Hashable, Sendable {
  /// Nodes, goal & knobs, the graph, the loss chart and the plan.
  case panels
  /// The trade-off: least energy as a goal varies (`f`).
  case tradeoff
  /// What one approximation knob does: gap and solve time per value (`s`).
  case knobs
  /// PACT, the optimum and the baselines side by side (`c`).
  case compare
  /// The graph panel's layer view: one layer's states in the (time, loss) plane of a
  /// level, with the bucket grid (Enter in the graph panel).
  case layer

  public var title: String {
    switch self {
    case .panels: return "Panels"
    case .tradeoff: return "Trade-off"
    case .knobs: return "Knob"
    case .compare: return "Compare"
    case .layer: return "Layer"
    }
  }
}
