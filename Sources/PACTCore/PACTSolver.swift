import Foundation

/// The PACT planner: an approximate dynamic program over the time-expanded graph.
///
/// Layer k of the graph holds the states reachable after k epochs, one vertex per
/// (level, loss bucket, time bucket). Each vertex keeps the exact loss, time and
/// energy of the cheapest path found into its bucket (buckets are rounded up
/// from the exact values), so the returned plan's figures are exact and the plan
/// is feasible under ``PlanEvaluator``; bucketing only decides which paths are
/// merged. Edges are the candidate decisions of ``NodeSetCandidates`` at every
/// level j' ≥ j (levels never decrease).
///
/// Pruning keeps the graph small without losing the optimum of the graph:
/// - a state whose energy plus the cheapest possible further epoch reaches the
///   best plan found so far (the incumbent) is dropped; so is one that cannot
///   finish another epoch before the deadline;
/// - a state that already meets the target at a deployable level is a terminal
///   (more epochs only add energy), so it is not expanded;
/// - a vertex dominated by one in a strictly lower loss *and* time bucket of the
///   same level with no more energy is dropped;
/// - a coarse pass (8 × 8 buckets) runs first to give the incumbent.
///
/// Knobs (``SolverKnobs``): `lossBins` and `timeBins` set the bucket grid,
/// `timeCaps`, `maxSetSize` and `exhaustiveNodes` the candidate sets.
///
/// - Complexity: O(K · V · J · F) edge relaxations for K epochs, V ≤ J · lossBins ·
///   (timeBins + 1) vertices per layer, J levels and F candidates per level, plus
///   candidate generation (see ``NodeSetCandidates``) — polynomial in nodes, epochs,
///   levels and buckets. Memory O(K · V).
public struct PACTSolver: Sendable {
  public let scenario: Scenario
  public let knobs: SolverKnobs
  /// Whether to run the coarse pass for an incumbent first.
  public var warmStart = true
  /// Upper bound on dense cells per layer before falling back to a hash map.
  static let denseCellLimit = 4_000_000
  /// Stop (``SolveStatus/budgetExceeded(_:)``) past this many stored vertices.
  public var vertexBudget = 50_000_000
  /// Whether an infeasible result carries ``InfeasibilityExplainer`` reasons.
  public var explainsInfeasibility = true

  /// A solver for `scenario` with its own knobs, or `knobs` when given.
  public init(scenario: Scenario, knobs: SolverKnobs? = nil) {
    self.scenario = scenario
    self.knobs = knobs ?? scenario.solver
  }

  /// Plans the scenario; see the type's documentation.
  public func solve(cancel: CancellationToken? = nil) -> SolveResult {
    let clock = ContinuousClock.now
    let evaluator = PlanEvaluator(scenario: scenario)
    let costing = NodeSetCandidates.Costing(
      cost: evaluator.cost, statistics: evaluator.statistics, predictor: evaluator.predictor)
    let cache = CandidateCache(scenario: scenario, mode: .greedy(knobs), costing: costing)
    var bound = Double.infinity
    var counters: [String: Int] = [:]
    var coarse: Run? = nil
    if warmStart, knobs.lossBins > 8 || knobs.timeBins > 8 {
      var coarseKnobs = knobs
      coarseKnobs.lossBins = min(8, knobs.lossBins)
      coarseKnobs.timeBins = min(8, knobs.timeBins)
      var run = Run(scenario: scenario, knobs: coarseKnobs, evaluator: evaluator, cache: cache, bound: bound)
      run.execute(cancel: cancel, vertexBudget: vertexBudget)
      if let best = run.bestTerminal(evaluator: evaluator) {
        bound = best.evaluation.totalJoules
      }
      counters["coarseVertices"] = run.graph.vertexCount
      coarse = run
    }
    var run = Run(scenario: scenario, knobs: knobs, evaluator: evaluator, cache: cache, bound: bound)
    run.execute(cancel: cancel, vertexBudget: vertexBudget)
    counters["vertices"] = run.graph.vertexCount
    counters["edgesRelaxed"] = run.edgesRelaxed
    counters["candidateSets"] = cache.setCount
    counters["layers"] = run.graph.layers.count - 1
    let elapsed = (ContinuousClock.now - clock).seconds

    if let message = run.stopped {
      return SolveResult(
        status: message == "cancelled" ? .cancelled : .budgetExceeded(message), solveSeconds: elapsed,
        graph: run.graph, counters: counters)
    }
    var graph = run.graph
    if let best = run.bestTerminal(evaluator: evaluator) {
      graph.chosenPath = best.path
      return SolveResult(
        status: .solved, evaluation: best.evaluation, solveSeconds: elapsed, graph: graph, counters: counters)
    }
    if let coarse, let best = coarse.bestTerminal(evaluator: evaluator) {
      // The fine pass found nothing cheaper than the coarse incumbent: that plan stands.
      var coarseGraph = coarse.graph
      coarseGraph.chosenPath = best.path
      counters["fromCoarsePass"] = 1
      return SolveResult(
        status: .solved, evaluation: best.evaluation, solveSeconds: elapsed, graph: coarseGraph, counters: counters)
    }
    let reasons = explainsInfeasibility ? InfeasibilityExplainer(scenario: scenario).explain() : []
    return SolveResult(
      status: .infeasible, infeasibility: reasons, solveSeconds: (ContinuousClock.now - clock).seconds, graph: graph,
      counters: counters)
  }

  /// One pass of the dynamic program at one bucket grid.
  struct Run {
    let scenario: Scenario
    let evaluator: PlanEvaluator
    let cache: CandidateCache
    var graph: TimeExpandedGraph
    var bound: Double
    var edgesRelaxed = 0
    var stopped: String? = nil
    /// Terminal vertices (layer, index): target met at a deployable level.
    var terminals: [(layer: Int, vertex: Int)] = []
    let targetBucket: Int

    init(scenario: Scenario, knobs: SolverKnobs, evaluator: PlanEvaluator, cache: CandidateCache, bound: Double) {
      self.scenario = scenario
      self.evaluator = evaluator
      self.cache = cache
      self.bound = bound
      let predictor = evaluator.predictor
      let t = scenario.training
      let floors = (0..<scenario.levelCount).map { predictor.floor(level: $0) }
      let lo = min(t.initialLoss, floors.min() ?? t.initialLoss, t.targetLoss)
      let hi = max(t.initialLoss, floors.max() ?? t.initialLoss, t.targetLoss)
      let bins = max(2, knobs.lossBins)
      var width = (hi - lo) / Double(bins - 1)
      if !(width > 0) || !width.isFinite { width = max(abs(hi), 1) / Double(bins) }
      // Align the grid so that the target is a bucket boundary.
      let below = ((t.targetLoss - lo) / width).rounded(.up)
      targetBucket = Int(min(below, Double(bins - 1)))
      graph = TimeExpandedGraph(
        lossLowerBound: t.targetLoss - Double(targetBucket) * width, lossBucketWidth: width, lossBins: bins,
        timeBucketWidth: t.deadlineSeconds / Double(max(1, knobs.timeBins)), timeBins: max(1, knobs.timeBins),
        levelCount: scenario.levelCount)
    }

    /// Loss bucket with the target boundary enforced exactly.
    @inline(__always)
    func lossBucket(_ loss: Double, target: Double) -> Int {
      let b = graph.lossBucket(loss)
      return loss <= target ? min(b, targetBucket) : max(b, min(targetBucket + 1, graph.lossBins - 1))
    }

    mutating func execute(cancel: CancellationToken?, vertexBudget: Int) {
      let t = scenario.training
      let J = scenario.levelCount
      let K = t.epochs
      let D = t.deadlineSeconds
      let target = t.targetLoss
      let deployLevel = scenario.firstDeployableLevel ?? J
      let predictor = evaluator.predictor
      let cost = evaluator.cost
      let floors = (0..<J).map { predictor.floor(level: $0) }
      let LB = graph.lossBins
      let TB = graph.timeBins + 1

      // Lower bounds on one more epoch from level j: the cheapest and quickest node at any level ≥ j.
      var minJoulesFrom = [Double](repeating: .infinity, count: J + 1)
      var minSecondsFrom = [Double](repeating: .infinity, count: J + 1)
      for j in stride(from: J - 1, through: 0, by: -1) {
        var e = minJoulesFrom[j + 1]
        var s = minSecondsFrom[j + 1]
        for n in 0..<cost.nodeCount {
          e = min(e, cost.joules(node: n, level: j))
          s = min(s, cost.seconds(node: n, level: j) + cost.aggregationSeconds)
        }
        minJoulesFrom[j] = e
        minSecondsFrom[j] = s
      }

      let start = TimeExpandedGraph.Vertex(
        level: 0, lossBucket: lossBucket(t.initialLoss, target: target), timeBucket: 0, loss: t.initialLoss,
        seconds: 0, joules: 0, parent: -1, decision: -1)
      graph.layers = [[start]]
      graph.decisions = [[]]

      let cellCount = J * LB * TB
      let dense = cellCount <= PACTSolver.denseCellLimit
      var cellSlot = dense ? [Int32](repeating: -1, count: cellCount) : []
      var sparseSlot: [Int: Int32] = [:]
      var stored = 1

      for k in 1...K {
        if cancel?.isCancelled == true {
          stopped = "cancelled"
          return
        }
        let available = scenario.availableNodes(at: k)
        if available.isEmpty { break }
        let perLevel = cache.candidates(available: available)
        // The decisions of this epoch, flattened: level j's candidates start at offset[j].
        var decisions: [TimeExpandedGraph.Decision] = []
        var descendingRange: [Range<Int>] = []
        var ascendingRange: [Range<Int>] = []
        for j in 0..<J {
          let c = perLevel[j]
          let d0 = decisions.count
          decisions += c.descending.map {
            .init(nodes: $0.nodes, level: j, seconds: $0.seconds, joules: $0.joules, factor: $0.factor)
          }
          descendingRange.append(d0..<decisions.count)
          let a0 = decisions.count
          decisions += c.ascending.map {
            .init(nodes: $0.nodes, level: j, seconds: $0.seconds, joules: $0.joules, factor: $0.factor)
          }
          ascendingRange.append(a0..<decisions.count)
        }

        let previous = graph.layers[k - 1]
        var layer: [TimeExpandedGraph.Vertex] = []
        var touched: [Int] = []
        var relaxed = 0
        decisions.withUnsafeBufferPointer { edges in
          for (vi, v) in previous.enumerated() {
            if v.joules >= bound { continue }
            if v.loss <= target && v.level >= deployLevel { continue }  // terminal: never expand
            for j in v.level..<J {
              let shocked = predictor.next(loss: v.loss, previousLevel: v.level, level: j, factor: 1)
              let range = shocked >= floors[j] ? descendingRange[j] : ascendingRange[j]
              for ei in range {
                let edge = edges[ei]
                let e = v.joules + edge.joules
                if e >= bound { break }  // fronts are sorted by joules
                let s = v.seconds + edge.seconds
                if s > D { continue }
                relaxed += 1
                let l = predictor.next(loss: v.loss, previousLevel: v.level, level: j, factor: edge.factor)
                let done = l <= target && j >= deployLevel
                if !done {
                  if k == K { continue }
                  if e + minJoulesFrom[j] >= bound { continue }
                  if s + minSecondsFrom[j] > D { continue }
                }
                let lb = lossBucket(l, target: target)
                let tb = graph.timeBucket(s)
                let cell = (j * LB + lb) * TB + tb
                let slot = dense ? cellSlot[cell] : (sparseSlot[cell] ?? -1)
                let vertex = TimeExpandedGraph.Vertex(
                  level: j, lossBucket: lb, timeBucket: tb, loss: l, seconds: s, joules: e, parent: Int32(vi),
                  decision: Int32(ei))
                if slot < 0 {
                  let newSlot = Int32(layer.count)
                  if dense { cellSlot[cell] = newSlot } else { sparseSlot[cell] = newSlot }
                  touched.append(cell)
                  layer.append(vertex)
                } else {
                  let old = layer[Int(slot)]
                  if e < old.joules || (e == old.joules && (l < old.loss || (l == old.loss && s < old.seconds))) {
                    layer[Int(slot)] = vertex
                  } else {
                    continue
                  }
                }
                if done && e < bound { bound = e }
              }
            }
          }
        }
        edgesRelaxed += relaxed
        if dense { for cell in touched { cellSlot[cell] = -1 } } else { sparseSlot.removeAll(keepingCapacity: true) }

        layer = pruneDominated(layer, bound: bound, levels: J, lossBins: LB, timeBins: TB)
        for (i, v) in layer.enumerated() where v.loss <= target && v.level >= deployLevel {
          terminals.append((k, i))
        }
        graph.layers.append(layer)
        graph.decisions.append(decisions)
        stored += layer.count
        if stored > vertexBudget {
          stopped = "the graph passed \(vertexBudget) vertices; use coarser knobs (lossBins, timeBins)"
          return
        }
        if layer.isEmpty { break }
      }
    }

    /// Drops vertices whose energy reaches the bound, and those dominated by a
    /// vertex of the same level in a strictly lower loss and time bucket with no more energy.
    func pruneDominated(
      _ layer: [TimeExpandedGraph.Vertex], bound: Double, levels J: Int, lossBins LB: Int, timeBins TB: Int
    ) -> [TimeExpandedGraph.Vertex] {
      guard layer.count > 16 else { return layer.filter { $0.joules < bound || isTerminalCandidate($0) } }
      var best = [Double](repeating: .infinity, count: LB * TB)
      var keep = [Bool](repeating: false, count: layer.count)
      var byLevel = [[Int]](repeating: [], count: J)
      for (i, v) in layer.enumerated() { byLevel[v.level].append(i) }
      for j in 0..<J where !byLevel[j].isEmpty {
        for i in 0..<best.count { best[i] = .infinity }
        for i in byLevel[j] {
          let v = layer[i]
          best[v.lossBucket * TB + v.timeBucket] = v.joules
        }
        // prefix minimum over (loss bucket ≤ lb, time bucket ≤ tb)
        for lb in 0..<LB {
          for tb in 0..<TB {
            var m = best[lb * TB + tb]
            if lb > 0 { m = min(m, best[(lb - 1) * TB + tb]) }
            if tb > 0 { m = min(m, best[lb * TB + tb - 1]) }
            best[lb * TB + tb] = m
          }
        }
        for i in byLevel[j] {
          let v = layer[i]
          if !(v.joules < bound) && !isTerminalCandidate(v) { continue }
          if v.lossBucket > 0 && v.timeBucket > 0 && best[(v.lossBucket - 1) * TB + v.timeBucket - 1] <= v.joules {
            continue
          }
          keep[i] = true
        }
      }
      var out: [TimeExpandedGraph.Vertex] = []
      out.reserveCapacity(layer.count)
      // Parent indices in the next layer refer to positions in this array, which is built before any child.
      for i in layer.indices where keep[i] { out.append(layer[i]) }
      return out
    }

    /// A vertex equal to the incumbent (it may be the incumbent's own terminal).
    func isTerminalCandidate(_ v: TimeExpandedGraph.Vertex) -> Bool {
      v.joules == bound && v.loss <= scenario.training.targetLoss
        && v.level >= (scenario.firstDeployableLevel ?? scenario.levelCount)
    }

    /// The cheapest terminal whose exact evaluation is feasible, with its path.
    func bestTerminal(evaluator: PlanEvaluator) -> (path: [Int], evaluation: PlanEvaluation)? {
      let ordered = terminals.sorted {
        let a = graph.layers[$0.layer][$0.vertex]
        let b = graph.layers[$1.layer][$1.vertex]
        return a.joules != b.joules ? a.joules < b.joules : $0.layer < $1.layer
      }
      for terminal in ordered.prefix(32) {
        let path = graph.path(toLayer: terminal.layer, vertex: terminal.vertex)
        let evaluation = evaluator.evaluate(graph.plan(along: path))
        if evaluation.isFeasible { return (path, evaluation) }
      }
      return nil
    }
  }
}

extension Duration {
  /// The duration in seconds as a Double.
  public var seconds: Double {
    let c = components
    return Double(c.seconds) + Double(c.attoseconds) * 1e-18
  }
}
