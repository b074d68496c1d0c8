import PACTCore

/// The knob view's state: the knob shown, the selected value row and the sweep as it
/// comes in. Its keys are handled here; what reaches beyond the view (a new sweep,
/// adopting a value) is returned to ``AppState``.
public struct KnobState: Sendable {
  /// The knob shown; it stays chosen after the view closes.
  public internal(set) var knob: KnobName = SolverKnobs.table[0].id
  /// The selected value (index into the sweep's points).
  public internal(set) var row = 0
  /// The sweep of ``knob`` as it comes in.
  public internal(set) var sweep: KnobSweepProgress?

  /// What a key asks of the app, beyond the view's own state.
  enum Request: Equatable {
    case none
    /// Another knob is shown: its sweep must start.
    case sweepAgain
    /// Make this value the knob's (undoable).
    case adopt(KnobName, Int)
  }

  /// Forgets the sweep (a new one starts).
  mutating func restart() {
    sweep = nil
    row = 0
  }

  /// The knob `delta` rows further in the knob table, wrapping.
  mutating func cycle(by delta: Int) {
    let n = SolverKnobs.table.count
    knob = SolverKnobs.table[(SolverKnobs.index(of: knob) + delta + n) % n].id
    restart()
  }

  /// The view's keys: ↑/↓ choose a value, ←/→ another knob, Enter adopts the value.
  mutating func handle(_ action: Action) -> Request {
    switch action {
    case .up: row = max(0, row - 1)
    case .down: row = min(max(0, (sweep?.points.count ?? 1) - 1), row + 1)
    case .left:
      cycle(by: -1)
      return .sweepAgain
    case .right:
      cycle(by: 1)
      return .sweepAgain
    case .edit:
      guard let sweep, sweep.points.indices.contains(row) else { return .none }
      return .adopt(sweep.knob, sweep.points[row].value)
    default: break
    }
    return .none
  }

  /// Takes one more point of generation `g`'s sweep of `knob`; the row starts on the
  /// scenario's own value `current`.
  mutating func receive(generation g: Int, knob: KnobName, _ point: KnobSweep.Point, total: Int, current: Int)
    -> Bool
  {
    guard knob == self.knob else { return false }
    var progress = sweep ?? KnobSweepProgress(generation: g, knob: knob, points: [], total: total)
    if progress.generation != g || progress.knob != knob {
      progress = KnobSweepProgress(generation: g, knob: knob, points: [], total: total)
    }
    progress.points.append(point)
    sweep = progress
    if let own = progress.points.firstIndex(where: { $0.value == current }), progress.points.count == 1 || row == 0 {
      row = own
    }
    return true
  }
}
