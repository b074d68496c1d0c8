/// The time-expanded graph of the training process that the PACT solver builds.
///
/// Layer k is the state after k epochs (layer 0 holds only the start state). A
/// vertex is a training state bucketed by (pruning level, loss bucket, time
/// bucket); it keeps the exact loss, time and energy of the cheapest path that
/// reaches its bucket, so figures along any path are exact, never bucket
/// values. An edge is a decision (node set, level) with its energy and time:
/// edges of epoch k are listed once in ``decisions`` and vertices point to the
/// decision that entered them.
///
/// Only reachable vertices are stored: the vertices of a layer *are* the
/// reachable region (after the solver's pruning of dominated and hopeless states).
public struct TimeExpandedGraph: Sendable {
  /// A training state after some epochs.
  public struct Vertex: Equatable, Sendable {
    public var level: Int
    public var lossBucket: Int
    public var timeBucket: Int
    /// Exact predicted loss of the cheapest path into this vertex.
    public var loss: Double
    /// Exact seconds spent on that path.
    public var seconds: Double
    /// Exact joules spent on that path.
    public var joules: Double
    /// Index of the previous vertex in layer k − 1 (−1 for the start state).
    public var parent: Int32
    /// Index into `decisions[k]` of the decision that entered this vertex (−1 for the start).
    public var decision: Int32
  }

  /// An edge template: one decision of one epoch.
  public struct Decision: Equatable, Sendable {
    /// Node indices, ascending.
    public var nodes: [Int]
    public var level: Int
    /// Epoch time and energy of this decision (MODEL.md "One epoch").
    public var seconds: Double
    public var joules: Double
    /// The loss predictor's per-set factor (exp(−ρ) for pact-v1).
    public var factor: Double
  }

  /// An edge of the chosen path.
  public struct PathEdge: Equatable, Sendable {
    /// The epoch it trains (1-based): from layer epoch − 1 to layer epoch.
    public var epoch: Int
    public var from: Int
    public var to: Int
    public var decision: Decision
  }

  /// `layers[k]`: the reachable vertices after k epochs.
  public internal(set) var layers: [[Vertex]]
  /// `decisions[k]`: the decisions considered for epoch k (index 0 is unused and empty).
  public internal(set) var decisions: [[Decision]]
  /// Which of epoch k's decisions each level tries from a state above its loss floor
  /// (`descending[j]`, faster progress is better) and below it (`ascending[j]`).
  public struct Fronts: Sendable, Equatable {
    public var descending: [Range<Int>]
    public var ascending: [Range<Int>]
  }
  /// `decisionFronts[k]`: epoch k's fronts (index 0 is unused and empty).
  public internal(set) var decisionFronts: [Fronts] = []
  /// How losses are bucketed (log-spaced above the target; the target is a boundary).
  public let lossGrid: LossGrid
  /// How elapsed time is bucketed (uniform up to the deadline).
  public let timeGrid: TimeGrid
  public let levelCount: Int
  /// The chosen path: the vertex index in each layer 0…m, or empty when no plan was found.
  public internal(set) var chosenPath: [Int]

  init(lossGrid: LossGrid, timeGrid: TimeGrid, levelCount: Int) {
    self.lossGrid = lossGrid
    self.timeGrid = timeGrid
    self.levelCount = levelCount
    layers = []
    decisions = []
    chosenPath = []
  }

  /// Number of loss buckets per level.
  public var lossBins: Int { lossGrid.bins }
  /// Number of time buckets (bucket 0 holds only the start, so indices run 0…timeBins).
  public var timeBins: Int { timeGrid.bins }

  /// Loss bucket of a loss value at level j (see ``LossGrid``).
  @inline(__always)
  public func lossBucket(_ loss: Double, level j: Int) -> Int { lossGrid.bucket(loss, level: j) }

  /// Time bucket of a time (see ``TimeGrid``).
  @inline(__always)
  public func timeBucket(_ seconds: Double) -> Int { timeGrid.bucket(seconds) }

  /// The number of reachable vertices in each layer.
  public var vertexCounts: [Int] { layers.map(\.count) }

  /// Total vertices over all layers.
  public var vertexCount: Int { layers.reduce(0) { $0 + $1.count } }

  /// The decision that entered vertex `v` of layer `k` (nil for the start state).
  public func decision(enteringLayer k: Int, vertex v: Int) -> Decision? {
    let d = layers[k][v].decision
    return d < 0 ? nil : decisions[k][Int(d)]
  }

  /// The vertex indices of the cheapest path into vertex `v` of layer `k`, layer 0 first.
  public func path(toLayer k: Int, vertex v: Int) -> [Int] {
    var out = [Int](repeating: 0, count: k + 1)
    var current = v
    var layer = k
    while layer >= 0 {
      out[layer] = current
      let parent = layers[layer][current].parent
      if parent < 0 { break }
      current = Int(parent)
      layer -= 1
    }
    return out
  }

  /// The edges of the chosen path, epoch 1 first.
  public var chosenEdges: [PathEdge] {
    guard chosenPath.count > 1 else { return [] }
    return (1..<chosenPath.count).map { k in
      let v = chosenPath[k]
      let d = layers[k][v].decision
      return PathEdge(epoch: k, from: chosenPath[k - 1], to: v, decision: decisions[k][Int(d)])
    }
  }

  /// The plan along a path of vertices (one per layer, layer 0 first).
  public func plan(along path: [Int]) -> Plan {
    Plan(
      epochs: (1..<max(1, path.count)).compactMap { k in
        decision(enteringLayer: k, vertex: path[k]).map { EpochDecision(nodes: $0.nodes, level: $0.level) }
      })
  }
}
