import Foundation

/// The time-expanded graph PACT built, as a mixed-integer program (a shortest
/// path with a deadline) in free MPS format, for checking PACT's dynamic program
/// with an independent MILP solver.
///
/// The graph stores, per vertex, only the edge of the cheapest path into it
/// (`parent` + `decision`). A MILP needs every edge, so ``init(graph:scenario:edges:)``
/// re-expands the graph: for each kept vertex u of layer k − 1 that is not a
/// terminal, and each decision d of epoch k at a level ≥ u's, it computes the
/// successor with PACT's arithmetic — time u.seconds + d.seconds (dropped when
/// past the deadline), loss `LossPredictor.next(u.loss, u.level → d.level,
/// d.factor)` — buckets it as PACT does (level, `graph.lossBucket`,
/// `graph.timeBucket`), and adds an edge u → v to each vertex v that layer k
/// kept in that cell (PACT may keep several states per cell, Pareto-optimal in
/// energy and loss: the `bucketStates` knob).
///
/// Approximation (the same as PACT's): a vertex stands for its cell and carries
/// its representative's exact loss and time (those of the path that created
/// it); successors are computed from the representative's figures, not from
/// those of the path the MILP chooses. PACT's dynamic program never mixes the
/// two: a path entering a cell becomes a state of its own unless a state there
/// has no more energy and no more loss, and it evicts the states it dominates.
/// A MILP does mix them: with ``EdgeRule/all`` it may enter a vertex by a cheap
/// edge whose true loss is higher than the representative's and continue from
/// the representative's lower loss, so its optimum can lie below PACT's energy
/// with a path whose exact loss misses the target. That needs an edge PACT did
/// not relax (it tries, per state, only the Pareto front of node sets that fits
/// it, and skips edges its incumbent bound rules out).
/// ``EdgeRule/consistent`` keeps only edges whose successor loss is at most the
/// head's, so every MILP path is exactly feasible (the loss update is
/// monotone) and its optimum is PACT's energy, or a feasible plan PACT missed
/// (an edge it did not relax, or a state its per-cell limit evicted).
///
/// Model: binary x_e per edge and t_v per terminal (a vertex meeting the target
/// loss at a deployable level; terminals have no outgoing edges, as in PACT);
/// one unit of flow leaves the start vertex (row `R0`: Σ x_out = 1); every
/// other vertex conserves flow (Σ x_in − Σ x_out − t_v = 0); one unit reaches
/// the sink (row `SINK`: Σ t_v = 1); the deadline is a knapsack row
/// (`DEADLINE`: Σ seconds_e · x_e ≤ deadlineSeconds) — every edge also fits the
/// deadline from its tail's representative time, by construction; minimise
/// Σ joules_e · x_e (row `ENERGY`).
public struct MPSExport: Sendable {
  /// Which re-expanded edges the model gets.
  public enum EdgeRule: String, Sendable, CaseIterable {
    /// Every edge that lands in a kept vertex: the bucketed graph with vertices as
    /// pure buckets (a MILP path may then be infeasible under exact evaluation).
    case all
    /// Only edges whose successor loss is at most the head vertex's loss: the
    /// representative then never flatters a path, so by the loss update's
    /// monotonicity every path of the model is feasible under ``PlanEvaluator``.
    /// The default.
    case consistent
  }

  /// One edge of the re-expanded graph: epoch k from vertex `from` of layer k − 1
  /// to vertex `to` of layer k, by `decisions[k][decision]`.
  public struct Edge: Equatable, Sendable {
    public var epoch: Int
    public var from: Int
    public var to: Int
    public var decision: Int
    public var joules: Double
    public var seconds: Double
  }

  public let scenarioName: String
  /// `layers[k].count` of the graph.
  public let layerSizes: [Int]
  public let edges: [Edge]
  /// Terminal vertices (layer, vertex): target met at a deployable level.
  public let terminals: [(layer: Int, vertex: Int)]
  public let deadlineSeconds: Double

  /// Re-expands `graph` (built by ``PACTSolver`` for `scenario`) into its full edge list.
  ///
  /// - Complexity: O(Σ_k V_(k−1) · D_k) for V vertices and D decisions per layer.
  public init(graph: TimeExpandedGraph, scenario: Scenario, edges rule: EdgeRule = .consistent) {
    let t = scenario.training
    let target = t.targetLoss
    let deadline = t.deadlineSeconds
    let deployLevel = scenario.firstDeployableLevel ?? scenario.levelCount
    let predictor = LossPredictors.make(scenario)
    func isTerminal(_ v: TimeExpandedGraph.Vertex) -> Bool { v.loss <= target && v.level >= deployLevel }

    var edges: [Edge] = []
    var terminals: [(layer: Int, vertex: Int)] = []
    for (k, layer) in graph.layers.enumerated() {
      for (i, v) in layer.enumerated() where k > 0 && isTerminal(v) { terminals.append((k, i)) }
      guard k > 0 else { continue }
      struct Cell: Hashable {
        var level: Int
        var loss: Int
        var time: Int
      }
      // A cell may keep several states (PACT's bucketStates knob): an edge may enter any of them.
      var index: [Cell: [Int]] = [:]
      for (i, v) in layer.enumerated() {
        index[Cell(level: v.level, loss: v.lossBucket, time: v.timeBucket), default: []].append(i)
      }
      let decisions = graph.decisions[k]
      for (ui, u) in graph.layers[k - 1].enumerated() where !isTerminal(u) {
        for (di, d) in decisions.enumerated() where d.level >= u.level {
          let s = u.seconds + d.seconds
          if s > deadline { continue }
          let l = predictor.next(loss: u.loss, previousLevel: u.level, level: d.level, factor: d.factor)
          let cell = Cell(level: d.level, loss: graph.lossBucket(l, level: d.level), time: graph.timeBucket(s))
          for vi in index[cell] ?? [] where rule == .all || l <= layer[vi].loss {
            edges.append(Edge(epoch: k, from: ui, to: vi, decision: di, joules: d.joules, seconds: d.seconds))
          }
        }
      }
    }
    scenarioName = scenario.name
    layerSizes = graph.layers.map(\.count)
    self.edges = edges
    self.terminals = terminals
    deadlineSeconds = deadline
  }

  /// The plan along edge columns chosen by a MILP solver (`X<i>` names, any
  /// order): the edges are chained from the start; nil when they do not form one path.
  public func plan(columns: [String], graph: TimeExpandedGraph) -> Plan? {
    let chosen = columns.compactMap { name -> Edge? in
      guard name.hasPrefix("X"), let i = Int(name.dropFirst()), edges.indices.contains(i) else { return nil }
      return edges[i]
    }.sorted { $0.epoch < $1.epoch }
    var at = 0
    var decisions: [EpochDecision] = []
    for (k, e) in chosen.enumerated() {
      guard e.epoch == k + 1, e.from == at else { return nil }
      let d = graph.decisions[e.epoch][e.decision]
      decisions.append(EpochDecision(nodes: d.nodes, level: d.level))
      at = e.to
    }
    return Plan(epochs: decisions)
  }

  /// Rows: the objective, one per vertex, SINK and DEADLINE.
  public var rowCount: Int { 1 + layerSizes.reduce(0, +) + 2 }
  /// Columns: one per edge and one per terminal.
  public var columnCount: Int { edges.count + terminals.count }

  /// The row name of vertex `v` of layer `k` (`R0` is the start).
  func rowName(layer k: Int, vertex v: Int, offsets: [Int]) -> String { "R\(offsets[k] + v)" }

  /// The model in free MPS (whitespace-separated fields; names have no spaces).
  /// Edge column `X<i>` is ``edges``[i]; terminal column `T<i>` is ``terminals``[i].
  public func mps() -> String {
    var offsets: [Int] = []
    var running = 0
    for size in layerSizes {
      offsets.append(running)
      running += size
    }
    func number(_ x: Double) -> String { String(format: "%.17g", x) }
    var out: [String] = []
    out.reserveCapacity(edges.count * 2 + running + 32)
    let safeName = scenarioName.map { $0.isWhitespace ? "_" : $0 }
    out.append("* pact time-expanded graph of \(String(safeName)) as a MILP (see MPSExport in PACTCore)")
    out.append(
      "* \(running) vertices in \(layerSizes.count) layers, \(edges.count) edges, \(terminals.count) terminals")
    out.append("NAME          PACT-\(String(safeName))")
    out.append("ROWS")
    out.append(" N  ENERGY")
    for i in 0..<running { out.append(" E  R\(i)") }
    out.append(" E  SINK")
    out.append(" L  DEADLINE")
    out.append("COLUMNS")
    out.append("    MARKER                 'MARKER'                 'INTORG'")
    for (i, e) in edges.enumerated() {
      let name = "X\(i)"
      let fromRow = rowName(layer: e.epoch - 1, vertex: e.from, offsets: offsets)
      let toRow = rowName(layer: e.epoch, vertex: e.to, offsets: offsets)
      let fromCoefficient = e.epoch == 1 ? "1" : "-1"  // the start row counts outflow positively
      out.append("    \(name)  ENERGY  \(number(e.joules))  \(fromRow)  \(fromCoefficient)")
      out.append("    \(name)  \(toRow)  1  DEADLINE  \(number(e.seconds))")
    }
    for (i, t) in terminals.enumerated() {
      out.append("    T\(i)  \(rowName(layer: t.layer, vertex: t.vertex, offsets: offsets))  -1  SINK  1")
    }
    out.append("    MARKER                 'MARKER'                 'INTEND'")
    out.append("RHS")
    out.append("    RHS  R0  1  SINK  1")
    out.append("    RHS  DEADLINE  \(number(deadlineSeconds))")
    out.append("BOUNDS")
    for i in 0..<edges.count { out.append(" BV BND  X\(i)") }
    for i in 0..<terminals.count { out.append(" BV BND  T\(i)") }
    out.append("ENDATA")
    return out.joined(separator: "\n") + "\n"
  }
}
