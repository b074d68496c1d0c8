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
/// - coarser passes (lossBins ÷ 4, timeBins ÷ 2, repeatedly, down to about 16 × 16)
///   run first, each giving the next its incumbent; the answer is the best plan of all passes.
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
    // Cheap proofs of infeasibility (target below what any plan can reach, deadline below
    // the fastest possible epochs) spare the search.
    let quick = InfeasibilityExplainer(scenario: scenario).provenReasons()
    if quick.proven {
      return SolveResult(
        status: .infeasible, infeasibility: quick.reasons, solveSeconds: (ContinuousClock.now - clock).seconds)
    }
    let evaluator = PlanEvaluator(scenario: scenario)
    let costing = NodeSetCandidates.Costing(
      cost: evaluator.cost, statistics: evaluator.statistics, predictor: evaluator.predictor)
    let cache = CandidateCache(scenario: scenario, mode: .greedy(knobs), costing: costing)
    cache.prepare(epochs: scenario.training.epochs, cancel: cancel)
    if cancel?.isCancelled == true {
      return SolveResult(status: .cancelled, solveSeconds: (ContinuousClock.now - clock).seconds)
    }
    let remaining = RemainingCostBound(scenario: scenario, cache: cache, predictor: evaluator.predictor)
    var counters: [String: Int] = [:]
    // Coarse-to-fine: each pass runs with the best plan so far as its incumbent, so
    // the fine pass only explores states that can still beat it.
    var passes: [SolverKnobs] = [knobs]
    if warmStart {
      var lb = knobs.lossBins
      var tb = knobs.timeBins
      while lb > 32 || tb > 32 {
        lb = max(8, lb / 4)
        tb = max(8, tb / 2)
        var coarse = knobs
        coarse.lossBins = min(lb, knobs.lossBins)
        coarse.timeBins = min(tb, knobs.timeBins)
        coarse.bucketStates = 1
        passes.insert(coarse, at: 0)
      }
    }
    var bound = Double.infinity
    var best: (graph: TimeExpandedGraph, path: [Int], evaluation: PlanEvaluation)? = nil
    var last: Run? = nil
    for (index, passKnobs) in passes.enumerated() {
      var run = Run(
        scenario: scenario, knobs: passKnobs, evaluator: evaluator, cache: cache, remaining: remaining, bound: bound)
      run.execute(cancel: cancel, vertexBudget: vertexBudget)
      if let message = run.stopped {
        return SolveResult(
          status: message == "cancelled" ? .cancelled : .budgetExceeded(message), evaluation: best?.evaluation,
          solveSeconds: (ContinuousClock.now - clock).seconds, graph: run.graph, counters: counters)
      }
      if let found = run.bestTerminal(evaluator: evaluator), found.evaluation.totalJoules < bound {
        bound = found.evaluation.totalJoules
        var graph = run.graph
        graph.chosenPath = found.path
        best = (graph, found.path, found.evaluation)
        counters["answerPass"] = index + 1
      }
      counters["pass\(index + 1)Vertices"] = run.graph.vertexCount
      last = run
    }
    let final = last!
    counters["passes"] = passes.count
    counters["vertices"] = final.graph.vertexCount
    counters["edgesRelaxed"] = final.edgesRelaxed
    counters["candidateSets"] = cache.setCount
    counters["candidateMicroseconds"] = Int(cache.generationSeconds * 1e6)
    counters["availabilityPatterns"] = cache.patternCount
    counters["layers"] = final.graph.layers.count - 1
    if let best {
      return SolveResult(
        status: .solved, evaluation: best.evaluation, solveSeconds: (ContinuousClock.now - clock).seconds,
        graph: best.graph, counters: counters)
    }
    let reasons = explainsInfeasibility ? InfeasibilityExplainer(scenario: scenario).explain() : []
    return SolveResult(
      status: .infeasible, infeasibility: reasons, solveSeconds: (ContinuousClock.now - clock).seconds,
      graph: final.graph, counters: counters)
  }

  /// One pass of the dynamic program at one bucket grid.
  struct Run {
    let scenario: Scenario
    let evaluator: PlanEvaluator
    let cache: CandidateCache
    /// Lower bounds on what a state still needs; the same for every pass of a solve.
    let remaining: RemainingCostBound
    var graph: TimeExpandedGraph
    var bound: Double
    var edgesRelaxed = 0
    var stopped: String? = nil
    /// Terminal vertices (layer, index): target met at a deployable level.
    var terminals: [(layer: Int, vertex: Int)] = []
    let statesPerBucket: Int

    init(
      scenario: Scenario, knobs: SolverKnobs, evaluator: PlanEvaluator, cache: CandidateCache,
      remaining: RemainingCostBound, bound: Double
    ) {
      self.remaining = remaining
      self.scenario = scenario
      self.evaluator = evaluator
      self.cache = cache
      self.bound = bound
      statesPerBucket = max(1, knobs.bucketStates)
      let predictor = evaluator.predictor
      let t = scenario.training
      let floors = (0..<scenario.levelCount).map { predictor.floor(level: $0) }
      let lo = min(t.initialLoss, floors.min() ?? t.initialLoss, t.targetLoss)
      let hi = max(t.initialLoss, floors.max() ?? t.initialLoss, t.targetLoss)
      graph = TimeExpandedGraph(
        lossGrid: LossGrid(bins: knobs.lossBins, lowest: lo, highest: hi, target: t.targetLoss),
        timeGrid: TimeGrid(bins: knobs.timeBins, deadline: t.deadlineSeconds), levelCount: scenario.levelCount)
    }

    mutating func execute(cancel: CancellationToken?, vertexBudget: Int) {
      // Open the existential once so the hot loop calls a concrete, inlinable predictor.
      if let v1 = evaluator.predictor as? PACTv1LossPredictor {
        execute(predictor: v1, cancel: cancel, vertexBudget: vertexBudget)
      } else {
        func run<L: LossPredictor>(_ predictor: L) {
          execute(predictor: predictor, cancel: cancel, vertexBudget: vertexBudget)
        }
        run(evaluator.predictor)
      }
    }

    mutating func execute<L: LossPredictor>(predictor: L, cancel: CancellationToken?, vertexBudget: Int) {
      let t = scenario.training
      let J = scenario.levelCount
      let K = t.epochs
      let D = t.deadlineSeconds
      let target = t.targetLoss
      let deployLevel = scenario.firstDeployableLevel ?? J
      let floors = (0..<J).map { predictor.floor(level: $0) }
      let LB = graph.lossBins
      let TB = graph.timeBins + 1
      let lossGrid = graph.lossGrid
      let timeGrid = graph.timeGrid

      let remaining = self.remaining

      let start = TimeExpandedGraph.Vertex(
        level: 0, lossBucket: lossGrid.bucket(t.initialLoss), timeBucket: 0, loss: t.initialLoss,
        seconds: 0, joules: 0, parent: -1, decision: -1)
      graph.layers = [[start]]
      graph.decisions = [[]]

      let cellCount = J * LB * TB
      let P = statesPerBucket
      let dense = cellCount * P <= PACTSolver.denseCellLimit
      // slotStore[base..<base+P]: the vertex indices kept in one cell (−1 = free), energy ascending.
      var slotStore = dense ? [Int32](repeating: -1, count: cellCount * P) : []
      var sparseBase: [Int: Int] = [:]
      var scratch = [Int32](repeating: 0, count: P + 1)
      var scratchEnergy = [Double](repeating: 0, count: P + 1)
      var stored = 1

      for k in 1...K {
        if cancel?.isCancelled == true {
          stopped = "cancelled"
          return
        }
        guard let epochDecisions = cache.decisions(epoch: k) else { break }
        let decisions = epochDecisions.decisions
        let descendingRange = epochDecisions.descending
        let ascendingRange = epochDecisions.ascending

        // Structure-of-arrays copies of the edge figures keep the hot loop free of reference counting.
        let edgeJoules = epochDecisions.joules
        let edgeSeconds = epochDecisions.seconds
        let edgeFactor = epochDecisions.factors
        let previous = graph.layers[k - 1]
        var layer: [TimeExpandedGraph.Vertex] = []
        var touched: [Int] = []
        var relaxed = 0
        var bound = self.bound
        for vi in previous.indices {
          let v = previous[vi]
          if v.joules >= bound { continue }
          if v.loss <= target && v.level >= deployLevel { continue }  // terminal: never expand
          for j in v.level..<J {
            let shocked = predictor.next(loss: v.loss, previousLevel: v.level, level: j, factor: 1)
            let range = shocked >= floors[j] ? descendingRange[j] : ascendingRange[j]
            for ei in range {
              let e = v.joules + edgeJoules[ei]
              if e >= bound { break }  // fronts are sorted by joules
              let s = v.seconds + edgeSeconds[ei]
              if s > D { continue }
              relaxed += 1
              let l = predictor.next(loss: v.loss, previousLevel: v.level, level: j, factor: edgeFactor[ei])
              let done = l <= target && j >= deployLevel
              if !done {
                if k == K { continue }
                if remaining.prunes(afterEpoch: k, loss: l, level: j, joules: e, seconds: s, bound: bound, deadline: D)
                {
                  continue
                }
              }
              let lb = lossGrid.bucket(l)
              let tb = timeGrid.bucket(s)
              let cell = (j * LB + lb) * TB + tb
              var base: Int
              if dense {
                base = cell * P
              } else if let b = sparseBase[cell] {
                base = b
              } else {
                base = slotStore.count
                sparseBase[cell] = base
                slotStore += [Int32](repeating: -1, count: P)
              }
              // The cell keeps up to P states that are Pareto-optimal in (energy, loss).
              var count = 0
              var dominated = false
              while count < P && slotStore[base + count] >= 0 {
                let o = layer[Int(slotStore[base + count])]
                if o.joules <= e && o.loss <= l { dominated = true }
                count += 1
              }
              if dominated { continue }
              if count == 0 { touched.append(cell) }
              // Drop the states the new one dominates.
              var kept = 0
              for q in 0..<count {
                let index = slotStore[base + q]
                let o = layer[Int(index)]
                if o.joules >= e && o.loss >= l {
                  layer[Int(index)].joules = .infinity  // dead; filtered after the layer
                } else {
                  slotStore[base + kept] = index
                  kept += 1
                }
              }
              for q in kept..<count { slotStore[base + q] = -1 }
              let vertex = TimeExpandedGraph.Vertex(
                level: j, lossBucket: lb, timeBucket: tb, loss: l, seconds: s, joules: e, parent: Int32(vi),
                decision: Int32(ei))
              if kept < P {
                // Insert in energy order.
                var q = kept
                while q > 0 && layer[Int(slotStore[base + q - 1])].joules > e {
                  slotStore[base + q] = slotStore[base + q - 1]
                  q -= 1
                }
                slotStore[base + q] = Int32(layer.count)
                layer.append(vertex)
              } else {
                // Full: of the P + 1 states (energy ascending, loss descending) keep the cheapest and,
                // for P > 1, the lowest-loss one; drop the interior state closest in energy to its
                // cheaper neighbour (the most redundant). With P = 1 the cheapest stays.
                let newIndex = Int32(layer.count)
                var n = 0
                var placed = false
                for q in 0..<P {
                  let index = slotStore[base + q]
                  if !placed && layer[Int(index)].joules > e {
                    scratch[n] = newIndex
                    scratchEnergy[n] = e
                    n += 1
                    placed = true
                  }
                  scratch[n] = index
                  scratchEnergy[n] = layer[Int(index)].joules
                  n += 1
                }
                if !placed {
                  scratch[n] = newIndex
                  scratchEnergy[n] = e
                  n += 1
                }
                var victim = n - 1
                if P > 1 {
                  var smallest = Double.infinity
                  for q in 1..<(n - 1) where scratchEnergy[q] - scratchEnergy[q - 1] < smallest {
                    smallest = scratchEnergy[q] - scratchEnergy[q - 1]
                    victim = q
                  }
                }
                let dropped = scratch[victim]
                var w = 0
                for q in 0..<n where q != victim {
                  slotStore[base + w] = scratch[q]
                  w += 1
                }
                if dropped == newIndex { continue }
                layer[Int(dropped)].joules = .infinity
                layer.append(vertex)
              }
              if done && e < bound { bound = e }
            }
          }
        }
        self.bound = bound
        edgesRelaxed += relaxed
        if dense {
          for cell in touched { for q in 0..<P { slotStore[cell * P + q] = -1 } }
        } else {
          sparseBase.removeAll(keepingCapacity: true)
          slotStore.removeAll(keepingCapacity: true)
        }

        layer = Run.pruneDominated(layer, bound: bound, target: target, deployLevel: deployLevel, levels: J)
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

    /// Drops vertices whose energy reaches the bound (but the incumbent's own terminal),
    /// and those dominated by another vertex of the same level (``Dominance``).
    /// The survivors keep their order, which the next layer's parent indices refer to.
    ///
    /// - Complexity: O(V log V) for V vertices.
    static func pruneDominated(
      _ layer: [TimeExpandedGraph.Vertex], bound: Double, target: Double, deployLevel: Int, levels J: Int
    ) -> [TimeExpandedGraph.Vertex] {
      var byLevel = [[Int]](repeating: [], count: J)
      for (i, v) in layer.enumerated()
      where v.joules < bound || (v.joules == bound && v.loss <= target && v.level >= deployLevel) {
        byLevel[v.level].append(i)
      }
      var keep = [Bool](repeating: false, count: layer.count)
      for members in byLevel where !members.isEmpty {
        let costs = members.map {
          Dominance.Costs(loss: layer[$0].loss, seconds: layer[$0].seconds, joules: layer[$0].joules)
        }
        for k in Dominance.nondominated(costs) { keep[members[k]] = true }
      }
      var out: [TimeExpandedGraph.Vertex] = []
      out.reserveCapacity(layer.count)
      for i in layer.indices where keep[i] { out.append(layer[i]) }
      return out
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
