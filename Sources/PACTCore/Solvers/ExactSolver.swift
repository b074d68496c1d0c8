import Foundation

/// The true optimum of docs/MODEL.md: every subset of the available nodes, every
/// level, continuous loss and time.
///
/// Label setting with dominance, layer by layer: a label is a state (level, loss,
/// time, energy) reached after k epochs. Within a layer and level, a label with no
/// more loss, time and energy than another dominates it — valid because the loss
/// update is non-decreasing in the old loss, so whatever the dominated label can do
/// next the dominating one does at least as well. Node sets are all 2^N − 1 subsets,
/// Pareto-filtered on (energy, time, progress) in both directions of progress (see
/// ``NodeSetCandidates``), which keeps exactness. The PACT plan, when given, is the
/// incumbent: labels that cannot beat it are dropped (`RemainingCostBound`), so the
/// exact solver returns PACT's plan when nothing is cheaper.
///
/// It refuses scenarios with more than `maxNodes` nodes and stops with
/// ``SolveStatus/budgetExceeded(_:)`` when the time or memory budget runs out, with the
/// best plan found so far (not proven optimal).
public struct ExactSolver: Sendable {
  public let scenario: Scenario
  /// Wall-clock seconds the solve may take, its PACT warm start included.
  public var timeBudgetSeconds: Double
  public var maxNodes: Int
  /// The most bytes of labels (kept and pending) the solve may hold; the default is
  /// ``PACTSolver/defaultMemoryBudgetBytes``.
  public var memoryBudgetBytes: Int
  /// Where the solve reports its layers (epochs) done, for a progress line.
  public var progress: WorkProgress?

  /// An exact solver for `scenario` with its time, node and memory budgets.
  public init(
    scenario: Scenario, timeBudgetSeconds: Double = 60, maxNodes: Int = 14,
    memoryBudgetBytes: Int = PACTSolver.defaultMemoryBudgetBytes
  ) {
    self.scenario = scenario.forPlanning
    self.timeBudgetSeconds = timeBudgetSeconds
    self.maxNodes = maxNodes
    self.memoryBudgetBytes = memoryBudgetBytes
  }

  struct Label {
    var level: Int
    var loss: Double
    var seconds: Double
    var joules: Double
    var parent: Int32
    var decision: Int32
  }

  /// Bytes one label takes.
  static let labelBytes = MemoryLayout<Label>.stride

  /// Solves to optimality; `incumbent` (a feasible plan's exact evaluation, e.g. PACT's)
  /// speeds it up. When `incumbent` is nil, PACT runs first to provide one.
  ///
  /// - Complexity: exponential in the nodes (2^N subsets per availability pattern) and,
  ///   in the worst case, in the epochs (labels); bounded by the time and memory budgets.
  public func solve(cancel: CancellationToken? = nil, incumbent: PlanEvaluation? = nil) -> SolveResult {
    let clock = ContinuousClock.now
    guard scenario.nodes.count <= maxNodes else {
      return SolveResult(status: .refused(.tooManyNodes(nodes: scenario.nodes.count, limit: maxNodes)))
    }
    var watch = Watch(clock: clock, seconds: timeBudgetSeconds, cancel: cancel)
    var best = incumbent ?? warmStart(clock: clock, cancel: cancel)
    if let stop = watch.stopped(checkNow: true) { return result(stop, best, watch, statistics: SolveStatistics()) }
    if let b = best, !b.isFeasible { best = nil }

    let evaluator = PlanEvaluator(scenario: scenario)
    let cache = CandidateCache(scenario: scenario, mode: .exhaustive, evaluator: evaluator)
    var statistics = SolveStatistics()
    // Costing every subset of each availability pattern is the longest step without a
    // poll (seconds at 12+ nodes in a debug build): it polls every 1,024 subsets.
    for available in CandidateCache.availabilityPatterns(scenario, epochs: scenario.training.epochs) {
      if cache.candidates(available: available, poll: { watch.stopped(checkNow: true) != nil }) == nil
        || watch.stopped(checkNow: true) != nil
      {
        return result(watch.stopped(checkNow: true) ?? .cancelled, best, watch, statistics: statistics)
      }
    }
    statistics.candidateSets = cache.setCount
    statistics.availabilityPatterns = cache.patternCount
    var search = Search(
      scenario: scenario, evaluator: evaluator, cache: cache,
      remaining: RemainingCostBound(scenario: scenario, cache: cache, predictor: evaluator.predictor),
      bound: best?.totalJoules ?? .infinity, memoryBudgetBytes: memoryBudgetBytes)
    search.progress = progress
    let stop = search.run(&watch)
    statistics.labels = search.kept
    statistics.peakBytes = search.peakBytes
    if let stop { return result(stop, best, watch, statistics: statistics) }
    if let plan = search.bestPlan() {
      let evaluation = evaluator.evaluate(plan)
      if evaluation.isFeasible, evaluation.totalJoules <= (best?.totalJoules ?? .infinity) { best = evaluation }
    }
    if let best {
      // The optimum is its own lower bound.
      statistics.lowerBoundJoules = best.totalJoules
      return SolveResult(status: .solved, evaluation: best, solveSeconds: watch.elapsed, statistics: statistics)
    }
    statistics.lowerBoundJoules = .infinity
    return SolveResult(
      status: .infeasible, infeasibility: InfeasibilityExplainer(scenario: scenario).explain(),
      solveSeconds: watch.elapsed, statistics: statistics)
  }

  /// PACT's plan as the first incumbent. The warm start counts against the time budget:
  /// a watchdog stops it at the budget (or when the caller cancels).
  private func warmStart(clock: ContinuousClock.Instant, cancel: CancellationToken?) -> PlanEvaluation? {
    let warm = CancellationToken()
    let watchdog = DispatchSource.makeTimerSource(queue: .global())
    let budget = timeBudgetSeconds
    watchdog.schedule(deadline: .now(), repeating: .milliseconds(20))
    watchdog.setEventHandler {
      if cancel?.isCancelled == true || (ContinuousClock.now - clock).seconds > budget { warm.cancel() }
    }
    watchdog.resume()
    // A quick first incumbent, not PACT's full solve: one coarse pass, no proof. The
    // label setting proves the optimum whatever the incumbent; a good one only prunes.
    var knobs = scenario.solver
    knobs.lossBins = min(knobs.lossBins, 64)
    knobs.timeBins = min(knobs.timeBins, 32)
    knobs.bucketStates = 1
    var pact = PACTSolver(scenario: scenario, knobs: knobs)
    pact.warmStart = false
    pact.provesBound = false
    pact.memoryBudgetBytes = memoryBudgetBytes
    let result = pact.solve(cancel: warm)
    watchdog.cancel()
    return result.evaluation
  }

  private func result(_ stop: SolveStatus, _ best: PlanEvaluation?, _ watch: Watch, statistics: SolveStatistics)
    -> SolveResult
  {
    SolveResult(status: stop, evaluation: best, solveSeconds: watch.elapsed, statistics: statistics)
  }

  /// The caller's cancellation and the time budget, checked by work done.
  struct Watch {
    let clock: ContinuousClock.Instant
    let seconds: Double
    let cancel: CancellationToken?
    /// Edges tried since the last look at the clock.
    var work = 0

    var elapsed: Double { (ContinuousClock.now - clock).seconds }

    /// Why to stop now, if anything: looks at the clock every 20,000 units of work, or now.
    mutating func stopped(work done: Int = 0, checkNow: Bool = false) -> SolveStatus? {
      work += done
      guard checkNow || work >= 20_000 else { return nil }
      work = 0
      if cancel?.isCancelled == true { return .cancelled }
      if elapsed > seconds { return .budgetExceeded(.time(seconds: seconds)) }
      return nil
    }
  }

  /// The label-setting search over the layers.
  struct Search {
    let scenario: Scenario
    let evaluator: PlanEvaluator
    let cache: CandidateCache
    let remaining: RemainingCostBound
    var bound: Double
    let memoryBudgetBytes: Int
    var layers: [[Label]] = []
    var decisionsByLayer: [[TimeExpandedGraph.Decision]] = [[]]
    var bestTerminal: (layer: Int, label: Int)? = nil
    /// Labels kept over all layers, and the most bytes held at once.
    var kept = 1
    var peakBytes = 0
    var progress: WorkProgress? = nil

    init(
      scenario: Scenario, evaluator: PlanEvaluator, cache: CandidateCache, remaining: RemainingCostBound,
      bound: Double, memoryBudgetBytes: Int
    ) {
      self.scenario = scenario
      self.evaluator = evaluator
      self.cache = cache
      self.remaining = remaining
      self.bound = bound
      self.memoryBudgetBytes = memoryBudgetBytes
      let t = scenario.training
      layers = [[Label(level: 0, loss: t.initialLoss, seconds: 0, joules: 0, parent: -1, decision: -1)]]
    }

    var deployLevel: Int { scenario.firstDeployableLevel ?? scenario.levelCount }

    func isTerminal(_ label: Label) -> Bool {
      label.loss <= scenario.training.targetLoss && label.level >= deployLevel
    }

    /// Builds every layer; returns why it stopped early, if it did.
    mutating func run(_ watch: inout Watch) -> SolveStatus? {
      for k in 1...scenario.training.epochs {
        progress?.update(task: "exact solve: epoch", done: k - 1, total: scenario.training.epochs)
        if let stop = watch.stopped(checkNow: true) { return stop }
        guard let decisions = cache.decisions(epoch: k) else { break }
        let byLevel: [[Label]]
        switch expand(k, decisions, &watch) {
        case .success(let labels): byLevel = labels
        case .failure(let stop): return stop.status
        }
        var layer: [Label] = []
        for labels in byLevel {
          if let stop = watch.stopped(checkNow: true) { return stop }
          layer += ExactSolver.nondominated(labels)
        }
        layer = closeLayer(k, layer)
        layers.append(layer)
        decisionsByLayer.append(decisions.decisions)
        kept += layer.count
        if layer.isEmpty { break }
      }
      return nil
    }

    /// A solve that stopped inside a layer.
    struct Stop: Error { var status: SolveStatus }

    /// The labels of layer k before dominance, by level: every successor of layer k − 1
    /// through epoch k's decisions that the bound and the deadline keep. Pending labels
    /// are thinned by dominance when they grow large, and the memory budget is checked.
    mutating func expand(_ k: Int, _ epoch: EpochDecisions, _ watch: inout Watch) -> Result<[[Label]], Stop> {
      let t = scenario.training
      let J = scenario.levelCount
      let D = t.deadlineSeconds
      let target = t.targetLoss
      let predictor = evaluator.predictor
      let floors = (0..<J).map { predictor.floor(level: $0) }
      let deploy = deployLevel
      var byLevel = [[Label]](repeating: [], count: J)
      var pending = 0
      // Thin a level's pending labels by dominance once they pass this many.
      var thinAt = max(1 << 16, memoryBudgetBytes / ExactSolver.labelBytes / (4 * J))
      for (pi, p) in layers[k - 1].enumerated() {
        if p.joules >= bound { continue }
        if k > 1 && p.loss <= target && p.level >= deploy { continue }  // a terminal is not expanded
        for j in p.level..<J {
          let shocked = predictor.shock(loss: p.loss, previousLevel: p.level, level: j)
          let range = shocked >= floors[j] ? epoch.descending[j] : epoch.ascending[j]
          if let stop = watch.stopped(work: range.count) { return .failure(Stop(status: stop)) }
          for ei in range {
            let e = p.joules + epoch.joules[ei]
            if e >= bound { break }
            let s = p.seconds + epoch.seconds[ei]
            if s > D { continue }
            let l = predictor.descend(shocked: shocked, level: j, factor: epoch.factors[ei])
            let done = l <= target && j >= deploy
            if !done {
              if k == t.epochs { continue }
              let need = remaining.need(afterEpoch: k, loss: l, level: j, seconds: s)
              if e + need.joules >= bound || s + need.seconds > D { continue }
            }
            byLevel[j].append(Label(level: j, loss: l, seconds: s, joules: e, parent: Int32(pi), decision: Int32(ei)))
            pending += 1
          }
          if byLevel[j].count >= thinAt {
            pending -= byLevel[j].count
            byLevel[j] = ExactSolver.nondominated(byLevel[j])
            pending += byLevel[j].count
            thinAt = max(thinAt, byLevel[j].count * 2)
          }
          let bytes = (kept + pending) * ExactSolver.labelBytes
          peakBytes = max(peakBytes, bytes)
          if bytes > memoryBudgetBytes {
            return .failure(Stop(status: .budgetExceeded(.memory(bytes: memoryBudgetBytes))))
          }
        }
      }
      return .success(byLevel)
    }

    /// Lowers the bound with the layer's terminals, then drops the labels that can no
    /// longer beat it (but the incumbent terminal itself).
    mutating func closeLayer(_ k: Int, _ layer: [Label]) -> [Label] {
      for (i, label) in layer.enumerated() where isTerminal(label) && label.joules < bound {
        bound = label.joules
        bestTerminal = (k, i)
      }
      let kept = layer.filter { $0.joules < bound || ($0.joules == bound && isTerminal($0)) }
      if let bt = bestTerminal, bt.layer == k {
        // Re-find the terminal after filtering.
        bestTerminal = kept.firstIndex { $0.joules == bound && isTerminal($0) }.map { (k, $0) }
      }
      return kept
    }

    /// The plan along the parents of the best terminal, if one was found.
    func bestPlan() -> Plan? {
      guard let bt = bestTerminal else { return nil }
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
      return Plan(epochs: epochs.reversed())
    }
  }

  /// The labels of one level not dominated in (loss, seconds, joules).
  static func nondominated(_ labels: [Label]) -> [Label] {
    Dominance.nondominated(labels.map { .init(loss: $0.loss, seconds: $0.seconds, joules: $0.joules) }).map {
      labels[$0]
    }
  }
}
