import PACTCore

/// The trade-off view's state: the goal varied, the cursor on the frontier, the
/// frontier of a generation and the generation being computed. Its keys are handled
/// here; what reaches beyond the view (adopting a value) is returned to ``AppState``.
public struct TradeoffState: Sendable {
  /// The goal varied (`f` cycles it).
  public internal(set) var parameter: GoalParameter = .deadline
  /// The selected point (index into the frontier's points).
  public internal(set) var cursor = 0
  /// The frontier of a generation.
  public internal(set) var frontier: Stamped<Frontier>?
  /// The generation whose frontier is being computed.
  public internal(set) var running: Int?
  /// The energy axis as % of this scenario's own plan (`%` toggles).
  public internal(set) var relative = false

  /// What a key asks of the app, beyond the view's own state.
  enum Request: Equatable {
    case none
    /// Make this value the scenario's goal (undoable).
    case adopt(GoalParameter, Double)
  }

  /// The next goal (the view's key pressed again).
  mutating func nextGoal() {
    let all = GoalParameter.allCases
    parameter = all[((all.firstIndex(of: parameter) ?? 0) + 1) % all.count]
  }

  /// Forgets the frontier: generation `g`'s is being computed.
  mutating func restart(computing g: Int) {
    frontier = nil
    running = g
    cursor = 0
  }

  /// The view's keys: ←/→ move along the frontier, Home/End jump, Enter adopts.
  mutating func handle(_ action: Action) -> Request {
    let last = max(0, (frontier?.value.points.count ?? 1) - 1)
    switch action {
    case .left: cursor = max(0, cursor - 1)
    case .right: cursor = min(last, cursor + 1)
    case .first: cursor = 0
    case .last: cursor = last
    case .edit:
      guard let f = frontier?.value, f.points.indices.contains(cursor) else { return .none }
      return .adopt(f.parameter, f.points[cursor].value)
    case .relativeAxis: relative.toggle()
    default: break
    }
    return .none
  }

  /// Takes generation `g`'s frontier when it is of the goal shown; the cursor starts
  /// on the scenario's own value.
  mutating func receive(generation g: Int, _ f: Frontier) -> Bool {
    guard f.parameter == parameter else { return false }
    frontier = Stamped(g, f)
    running = nil
    cursor =
      f.points.indices.min { abs(f.points[$0].value - f.scenarioValue) < abs(f.points[$1].value - f.scenarioValue) }
      ?? 0
    return true
  }
}
