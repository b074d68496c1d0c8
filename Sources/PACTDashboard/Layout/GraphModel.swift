import PACTCore

/// What the graph panel shows of a time-expanded graph: per layer the vertices
/// (level, loss bucket, exact loss/time/energy, parent, entering decision), the
/// decisions, and the chosen path. Built from ``TimeExpandedGraph`` off the input
/// thread; tests build one by hand, so the panel does not depend on solver internals.
public struct GraphModel: Sendable {
  public struct Vertex: Equatable, Sendable {
    public var level: Int
    public var lossBucket: Int
    public var loss: Double
    public var seconds: Double
    public var joules: Double
    /// Index in the previous layer (−1 for the start).
    public var parent: Int
    /// Index into the layer's decisions of the decision that entered it (−1 for the start).
    public var decision: Int

    public init(level: Int, lossBucket: Int, loss: Double, seconds: Double, joules: Double, parent: Int, decision: Int)
    {
      self.level = level
      self.lossBucket = lossBucket
      self.loss = loss
      self.seconds = seconds
      self.joules = joules
      self.parent = parent
      self.decision = decision
    }
  }

  public struct Decision: Equatable, Sendable {
    public var nodes: [Int]
    public var level: Int
    public var seconds: Double
    public var joules: Double

    public init(nodes: [Int], level: Int, seconds: Double, joules: Double) {
      self.nodes = nodes
      self.level = level
      self.seconds = seconds
      self.joules = joules
    }
  }

  public var layers: [[Vertex]]
  /// `decisions[k]`: the decisions of epoch k (index 0 unused).
  public var decisions: [[Decision]]
  public var chosenPath: [Int]
  public var lossBins: Int
  public var levelCount: Int

  public init(layers: [[Vertex]], decisions: [[Decision]], chosenPath: [Int], lossBins: Int, levelCount: Int) {
    self.layers = layers
    self.decisions = decisions
    self.chosenPath = chosenPath
    self.lossBins = lossBins
    self.levelCount = levelCount
  }

  /// Copies what the panel needs from the solver's graph.
  public init(_ graph: TimeExpandedGraph) {
    layers = graph.layers.map { layer in
      layer.map {
        Vertex(
          level: $0.level, lossBucket: $0.lossBucket, loss: $0.loss, seconds: $0.seconds, joules: $0.joules,
          parent: Int($0.parent), decision: Int($0.decision))
      }
    }
    decisions = graph.decisions.map { list in
      list.map { Decision(nodes: $0.nodes, level: $0.level, seconds: $0.seconds, joules: $0.joules) }
    }
    chosenPath = graph.chosenPath
    lossBins = graph.lossBins
    levelCount = graph.levelCount
  }

  /// Layer `k`'s vertex indices sorted by (level, loss): the graph cursor's order.
  /// Computed on demand (one layer per cursor move), so large graphs cost nothing up front.
  public func vertexOrder(layer k: Int) -> [Int] {
    guard layers.indices.contains(k) else { return [] }
    let layer = layers[k]
    return layer.indices.sorted { a, b in
      let (va, vb) = (layer[a], layer[b])
      return va.level != vb.level ? va.level < vb.level : (va.loss != vb.loss ? va.loss < vb.loss : a < b)
    }
  }

  public var vertexCounts: [Int] { layers.map(\.count) }
  public var vertexCount: Int { layers.reduce(0) { $0 + $1.count } }

  /// The decision that entered vertex `v` of layer `k` (nil for the start or out of range).
  public func decision(enteringLayer k: Int, vertex v: Int) -> Decision? {
    guard layers.indices.contains(k), layers[k].indices.contains(v) else { return nil }
    let d = layers[k][v].decision
    guard decisions.indices.contains(k), decisions[k].indices.contains(d) else { return nil }
    return decisions[k][d]
  }
}
