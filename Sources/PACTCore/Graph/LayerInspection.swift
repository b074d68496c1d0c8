/// One layer of PACT's graph taken apart for teaching: every state the dynamic program
/// offered to the layer's cells at one level — the successors of the previous layer's
/// kept states through the epoch's candidate decisions — marked as kept, or dropped in
/// its cell (dominated by, or evicted for, another state of the same bucket), with the
/// chosen path's state, and the loss- and time-bucket boundaries of the cells.
/// Turning `lossBins` or `timeBins` changes the boundaries and which states share one.
public struct LayerInspection: Sendable {
  /// What became of a state offered to the layer.
  public enum Fate: Sendable, Equatable {
    /// Kept in the graph (a vertex of the layer).
    case kept
    /// The chosen path's vertex.
    case path
    /// Dropped in its cell: dominated, or evicted for a more promising state.
    case dropped
  }

  /// One state offered to the layer: its figures and what became of it.
  public struct State: Sendable, Equatable {
    public var loss: Double
    public var seconds: Double
    public var joules: Double
    public var fate: Fate
  }

  /// The (seconds, loss) window a view draws: fitted to the states, or kept from an
  /// earlier grid so two grids of the same layer can be compared.
  public struct Axes: Sendable, Equatable {
    public var loss: ClosedRange<Double>
    public var seconds: ClosedRange<Double>

    public init(loss: ClosedRange<Double>, seconds: ClosedRange<Double>) {
      self.loss = loss
      self.seconds = seconds
    }

    public func contains(_ s: State) -> Bool { loss.contains(s.loss) && seconds.contains(s.seconds) }
  }

  public var layer: Int
  public var level: Int
  public var states: [State]
  /// Loss-bucket upper edges and time-bucket upper edges within the states' range.
  public var lossEdges: [Double]
  public var timeEdges: [Double]

  /// Re-expands layer `k` (≥ 1) of `graph` at level `j` (see the type's documentation).
  /// States offered beyond `limit` are not listed (a dense layer has tens of thousands).
  ///
  /// - Complexity: O(V · F) for V kept states in layer k − 1 and F decisions of level j.
  /// The bucket edges listed are those within `window` when given (the axes a view
  /// keeps), else within the states' range.
  public init(
    scenario: Scenario, graph: TimeExpandedGraph, layer k: Int, level j: Int, limit: Int = 20_000,
    window: Axes? = nil
  ) {
    layer = k
    level = j
    states = []
    lossEdges = []
    timeEdges = []
    guard k >= 1, graph.layers.indices.contains(k), graph.decisions.indices.contains(k) else { return }
    let predictor = LossPredictors.make(scenario)
    let t = scenario.training
    let deploy = scenario.firstDeployableLevel ?? scenario.levelCount
    let floor = predictor.floor(level: j)
    // The kept vertices of this level, to tell kept successors from dropped ones.
    var kept: Set<[Double]> = []
    for v in graph.layers[k] where v.level == j { kept.insert([v.loss, v.seconds, v.joules]) }
    let onPath = graph.chosenPath.indices.contains(k) ? graph.layers[k][graph.chosenPath[k]] : nil
    let decisions = graph.decisions[k].enumerated().filter { $0.element.level == j }
    for (pi, v) in graph.layers[k - 1].enumerated() where v.level <= j {
      if k > 1 && v.loss <= t.targetLoss && v.level >= deploy { continue }  // terminals are not expanded
      let shocked = predictor.shock(loss: v.loss, previousLevel: v.level, level: j)
      for (di, d) in decisions {
        // PACT tries the front that fits the state (above or below the level's floor).
        let descending = graph.decisionFronts[k].descending[j].contains(di)
        if (shocked >= floor) != descending { continue }
        let s = v.seconds + d.seconds
        if s > t.deadlineSeconds { continue }
        let l = predictor.descend(shocked: shocked, level: j, factor: d.factor)
        let e = v.joules + d.joules
        var fate = kept.contains([l, s, e]) ? Fate.kept : .dropped
        if let p = onPath, p.level == j, p.loss == l, p.seconds == s, p.joules == e, p.parent == Int32(pi) {
          fate = .path
        }
        states.append(State(loss: l, seconds: s, joules: e, fate: fate))
        if states.count >= limit { break }
      }
      if states.count >= limit { break }
    }
    guard let fitted = window ?? fittedAxes else { return }
    let (lo, hi) = (fitted.loss.lowerBound, fitted.loss.upperBound)
    let (t0, t1) = (fitted.seconds.lowerBound, fitted.seconds.upperBound)
    for b in 0..<graph.lossBins {
      let edge = graph.lossGrid.upperEdge(b, level: j)
      if edge >= lo && edge <= hi { lossEdges.append(edge) }
      if edge > hi { break }
    }
    for b in 0...graph.timeBins {
      let edge = graph.timeGrid.upperEdge(b)
      if edge >= t0 && edge <= t1 { timeEdges.append(edge) }
    }
  }

  /// The states' own range (widened a little when they all share a loss or a time).
  public var fittedAxes: Axes? {
    guard var l0 = states.map(\.loss).min(), var l1 = states.map(\.loss).max(),
      var t0 = states.map(\.seconds).min(), var t1 = states.map(\.seconds).max()
    else { return nil }
    if l1 <= l0 { (l0, l1) = (l0 - 0.01, l1 + 0.01) }
    if t1 <= t0 { (t0, t1) = (t0 - 0.5, t1 + 0.5) }
    return Axes(loss: l0...l1, seconds: t0...t1)
  }

  /// How many states each fate has.
  public func count(_ fate: Fate) -> Int { states.filter { $0.fate == fate }.count }
}
