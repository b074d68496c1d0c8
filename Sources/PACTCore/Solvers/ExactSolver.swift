import Foundation

/// The true optimum of docs/MODEL.md: every subset of the available nodes, every
/// level, continuous loss and time.
///
/// Label setting with dominance, layer by layer: a label is a state (level,
/// loss, time, energy) reached after k epochs. Within a layer and level, a label
/// with no more loss, time and energy than another dominates it — valid because
/// the loss update is non-decreasing in the old loss, so whatever the dominated
/// label can do next the dominating one does at least as well. Node sets are
/// all 2^N − 1 subsets, Pareto-filtered on (energy, time, progress) in both
/// directions of progress (see ``NodeSetCandidates``), which keeps exactness.
/// The PACT plan, when given, is the incumbent: labels that cannot beat it are
/// dropped, so the exact solver returns PACT's plan when nothing is cheaper.
///
/// It refuses scenarios with more than `maxNodes` nodes and stops with
/// ``SolveStatus/budgetExceeded(_:)`` when the time or label budget runs out.
public struct ExactSolver: Sendable {
  public let scenario: Scenario
  public var timeBudgetSeconds: Double
  public var maxNodes: Int
  /// Stop past this many labels kept in total (about 64 bytes each).
  public var labelBudget: Int

  public init(scenario: Scenario, timeBudgetSeconds: Double = 60, maxNodes: Int = 14, labelBudget: Int = 40_000_000) {
    self.scenario = scenario
    self.timeBudgetSeconds = timeBudgetSeconds
    self.maxNodes = maxNodes
    self.labelBudget = labelBudget
  }

  struct Label {
    var level: Int
    var loss: Double
    var seconds: Double
    var joules: Double
    var parent: Int32
    var decision: Int32
  }

  /// Solves to optimality; `incumbent` (a feasible plan's exact energy, e.g. PACT's)
  /// speeds it up. When `incumbent` is nil, PACT runs first to provide one.
  public func solve(cancel: CancellationToken? = nil, incumbent: PlanEvaluation? = nil) -> SolveResult {
    let clock = ContinuousClock.now
    guard scenario.nodes.count <= maxNodes else {
      return SolveResult(
        status: .refused(
          "the exact solver handles at most \(maxNodes) nodes (2^\(maxNodes) node sets per epoch); this scenario has \(scenario.nodes.count)"
        ))
    }
    let evaluator = PlanEvaluator(scenario: scenario)
    var best = incumbent
    if best == nil {
      // The warm start counts against the time budget too: a watchdog stops it at the
      // budget (or when the caller cancels), so `--time-budget 1` means about a second.
      let warm = CancellationToken()
      let watchdog = DispatchSource.makeTimerSource(queue: .global())
      let budget = timeBudgetSeconds
      watchdog.schedule(deadline: .now(), repeating: .milliseconds(20))
      watchdog.setEventHandler {
        if cancel?.isCancelled == true || (ContinuousClock.now - clock).seconds > budget { warm.cancel() }
      }
      watchdog.resume()
      let pact = PACTSolver(scenario: scenario).solve(cancel: warm)
      watchdog.cancel()
      if pact.status == .cancelled {
        if cancel?.isCancelled == true { return stop(.cancelled, nil, clock, 0) }
        return stop(.budgetExceeded(timeBudgetMessage), nil, clock, 0)
      }
      best = pact.evaluation
    }
    if let b = best, !b.isFeasible { best = nil }
    var bound = best?.totalJoules ?? .infinity

    let costing = NodeSetCandidates.Costing(
      cost: evaluator.cost, statistics: evaluator.statistics, predictor: evaluator.predictor)
    let cache = CandidateCache(scenario: scenario, mode: .exhaustive, costing: costing)
    let t = scenario.training
    let J = scenario.levelCount
    let D = t.deadlineSeconds
    let target = t.targetLoss
    let deployLevel = scenario.firstDeployableLevel ?? J
    let predictor = evaluator.predictor
    let floors = (0..<J).map { predictor.floor(level: $0) }
    // Costing every subset of each availability pattern is the longest step without a
    // poll (seconds at 12+ nodes in a debug build): do it pattern by pattern, checking.
    var patterns = Set<[Int]>()
    for k in 1...max(1, t.epochs) {
      let available = scenario.availableNodes(at: k)
      guard !available.isEmpty, patterns.insert(available).inserted else { continue }
      if cancel?.isCancelled == true { return stop(.cancelled, best, clock, 0) }
      if (ContinuousClock.now - clock).seconds > timeBudgetSeconds {
        return stop(.budgetExceeded(timeBudgetMessage), best, clock, 0)
      }
      _ = cache.candidates(available: available)
    }
    let remaining = RemainingCostBound(scenario: scenario, cache: cache, predictor: predictor)

    var layers: [[Label]] = [[Label(level: 0, loss: t.initialLoss, seconds: 0, joules: 0, parent: -1, decision: -1)]]
    var decisionsByLayer: [[TimeExpandedGraph.Decision]] = [[]]
    var bestTerminal: (layer: Int, label: Int)? = nil
    var kept = 1
    var expanded = 0
    var nextPoll = 0

    for k in 1...t.epochs {
      if cancel?.isCancelled == true { return stop(.cancelled, best, clock, kept) }
      if (ContinuousClock.now - clock).seconds > timeBudgetSeconds {
        return stop(.budgetExceeded(timeBudgetMessage), best, clock, kept)
      }
      guard let epochDecisions = cache.decisions(epoch: k) else { break }
      let decisions = epochDecisions.decisions
      let descendingRange = epochDecisions.descending
      let ascendingRange = epochDecisions.ascending
      var byLevel = [[Label]](repeating: [], count: J)
      let previous = layers[k - 1]
      for (pi, p) in previous.enumerated() {
        if p.joules >= bound { continue }
        if p.loss <= target && p.level >= deployLevel { continue }
        // Poll by work done (edges tried), not parents: one parent can try thousands of sets.
        if expanded >= nextPoll {
          nextPoll = expanded + 20_000
          if cancel?.isCancelled == true { return stop(.cancelled, best, clock, kept) }
          if (ContinuousClock.now - clock).seconds > timeBudgetSeconds {
            return stop(
              .budgetExceeded(timeBudgetMessage), best,
              clock, kept)
          }
        }
        for j in p.level..<J {
          let shocked = predictor.next(loss: p.loss, previousLevel: p.level, level: j, factor: 1)
          let range = shocked >= floors[j] ? descendingRange[j] : ascendingRange[j]
          expanded += range.count
          for ei in range {
            let d = decisions[ei]
            let e = p.joules + d.joules
            if e >= bound { break }
            let s = p.seconds + d.seconds
            if s > D { continue }
            let l = predictor.next(loss: p.loss, previousLevel: p.level, level: j, factor: d.factor)
            let done = l <= target && j >= deployLevel
            if !done {
              if k == t.epochs { continue }
              if remaining.prunes(afterEpoch: k, loss: l, level: j, joules: e, seconds: s, bound: bound, deadline: D) {
                continue
              }
            }
            byLevel[j].append(Label(level: j, loss: l, seconds: s, joules: e, parent: Int32(pi), decision: Int32(ei)))
          }
        }
      }
      var layer: [Label] = []
      for j in 0..<J {
        if cancel?.isCancelled == true { return stop(.cancelled, best, clock, kept) }
        if (ContinuousClock.now - clock).seconds > timeBudgetSeconds {
          return stop(.budgetExceeded(timeBudgetMessage), best, clock, kept)
        }
        layer += ExactSolver.nondominated(byLevel[j])
      }
      // Terminals of this layer may lower the bound.
      for (i, label) in layer.enumerated() where label.loss <= target && label.level >= deployLevel {
        if label.joules < bound {
          bound = label.joules
          bestTerminal = (k, i)
        }
      }
      layer = layer.filter { $0.joules < bound || ($0.joules == bound && $0.loss <= target && $0.level >= deployLevel) }
      if let bt = bestTerminal, bt.layer == k {
        // Re-find the terminal after filtering.
        bestTerminal = layer.firstIndex { $0.joules == bound && $0.loss <= target && $0.level >= deployLevel }.map {
          (k, $0)
        }
      }
      layers.append(layer)
      decisionsByLayer.append(decisions)
      kept += layer.count
      if kept > labelBudget {
        return stop(.budgetExceeded("the exact solver passed its budget of \(labelBudget) labels"), best, clock, kept)
      }
      if layer.isEmpty { break }
    }

    if let bt = bestTerminal {
      var epochs: [EpochDecision] = []
      var layer = bt.layer
      var index = bt.label
      while layer > 0 {
        let label = layers[layer][index]
        let d = decisionsByLayer[layer][Int(label.decision)]
        epochs.append(EpochDecision(nodes: d.nodes, level: d.level))
        index = Int(label.parent)
        layer -= 1
      }
      let evaluation = evaluator.evaluate(Plan(epochs: epochs.reversed()))
      if evaluation.isFeasible, evaluation.totalJoules <= (best?.totalJoules ?? .infinity) { best = evaluation }
    }
    let elapsed = (ContinuousClock.now - clock).seconds
    let counters = ["labels": kept, "candidateSets": cache.setCount]
    if let best {
      return SolveResult(status: .solved, evaluation: best, solveSeconds: elapsed, counters: counters)
    }
    return SolveResult(
      status: .infeasible, infeasibility: InfeasibilityExplainer(scenario: scenario).explain(), solveSeconds: elapsed,
      counters: counters)
  }

  private var timeBudgetMessage: String {
    "the exact solver's time budget of \(Format.number(timeBudgetSeconds)) s ran out"
  }

  private func stop(_ status: SolveStatus, _ best: PlanEvaluation?, _ clock: ContinuousClock.Instant, _ kept: Int)
    -> SolveResult
  {
    SolveResult(
      status: status, evaluation: best, solveSeconds: (ContinuousClock.now - clock).seconds, counters: ["labels": kept])
  }

  /// The labels of one level not dominated in (loss, seconds, joules).
  static func nondominated(_ labels: [Label]) -> [Label] {
    Dominance.nondominated(labels.map { .init(loss: $0.loss, seconds: $0.seconds, joules: $0.joules) }).map {
      labels[$0]
    }
  }
}
