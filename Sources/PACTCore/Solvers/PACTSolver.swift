import Foundation

/// The PACT planner: an approximate dynamic program over the time-expanded graph.
///
/// Layer k of the graph holds the states reachable after k epochs, grouped in cells
/// (level, loss bucket, time bucket). Every state keeps the exact loss, time and
/// energy of its path, so the returned plan's figures are exact and the plan is
/// feasible under ``PlanEvaluator``; the cells only decide which paths compete. Edges
/// are the candidate decisions of ``NodeSetCandidates`` at every level j' ≥ j (levels
/// never decrease).
///
/// What is dropped, and why the answer is still good:
/// - a state whose energy plus a lower bound on the energy it still needs reaches the
///   best plan so far (the incumbent), or whose time plus a lower bound on the time it
///   still needs passes the deadline (`RemainingCostBound`): it cannot lead to a
///   better plan;
/// - a state that meets the target at a deployable level is a terminal: more epochs
///   only add energy, so it is not expanded (the start state never is one: a plan
///   trains at least one epoch);
/// - within a cell, a state dominated in (energy, loss) by another of the cell; when a
///   cell holds `bucketStates` states, the least promising leaves (`BucketStore`) —
///   this is the approximation the knobs control;
/// - after each layer, a state dominated by another of the same level in loss, time
///   *and* energy (`Dominance`): exact, since the loss update is monotone.
///
/// Coarser passes (lossBins ÷ 4, timeBins ÷ 2, one state per cell, repeatedly down to
/// about 32 × 32) run first, each handing the next its best plan as the incumbent; a
/// caller may hand in an incumbent too (the plan of a coarser setting, so that a finer
/// one is never worse). The answer is the best plan of all.
///
/// - Complexity: O(K · V · J · F) edge relaxations for K epochs, V ≤ J · lossBins ·
///   (timeBins + 1) · bucketStates vertices per layer, J levels and F candidates per
///   level, plus candidate generation (see ``NodeSetCandidates``) — polynomial in
///   nodes, epochs, levels and buckets. Memory O(K · V), stopped at the memory budget.
public struct PACTSolver: Sendable {
  public let scenario: Scenario
  public let knobs: SolverKnobs
  /// Whether to run the coarse passes for an incumbent first.
  public var warmStart = true
  /// The most bytes of graph and bucket state the solve may hold (1 GiB by default);
  /// past it the solve stops with ``SolveBudget/memory(bytes:)`` and the best plan so far.
  public var memoryBudgetBytes = PACTSolver.defaultMemoryBudgetBytes
  /// The most loss buckets of the backward cost-to-go bound (256). A quick draft solve
  /// asks for fewer: the bound is then looser but built in a fraction of the time.
  public var boundBuckets = 256
  /// Whether an infeasible result carries ``InfeasibilityExplainer`` reasons.
  public var explainsInfeasibility = true
  /// Whether to prove a lower bound on the optimum (``OptimumBound``): the result's
  /// ``SolveResult/lowerBoundJoules``, and the stop of the passes at `gapTolerance`.
  public var provesBound = true
  /// Whether the proof runs beside the passes on a thread of its own (``BackgroundJob``)
  /// or between them; the results are the same. A small solve that must show soon (the
  /// dashboard's draft) proves between its passes: another thread would take the core
  /// that draws it.
  public var provesBeside = true
  /// Candidates kept across solves (the dashboard's ``CandidateStore/dashboard``): an edit
  /// reuses the patterns it does not change. Nil: every solve generates its own.
  public var candidateStore: CandidateStore? = nil
  /// Whether the proven bound enumerates every set of availability patterns of at most
  /// ``RelaxedDecisions/exhaustiveLimit`` nodes (else every pattern gets the per-node
  /// ladder relaxation, as large ones do; the tests check that one on small instances).
  var enumeratesRelaxedSets = true
  /// Wall-clock seconds the solve may take; when they run out it returns the best plan
  /// found so far with its proven gap (nil: no limit).
  public var timeBudgetSeconds: Double? = nil
  /// Called after each pass with the result so far (the plan and its proven gap), for a
  /// screen that shows the plan improving.
  public var onPass: (@Sendable (SolveResult) -> Void)? = nil

  /// Edges a pass may relax before the following passes get the full-scale backward bound.
  static let heavyPassEdges = 1_500_000

  /// 1 GiB: a sensible share of a laptop, far above what the sample scenarios need.
  public static let defaultMemoryBudgetBytes = 1 << 30

  /// A solver for `scenario` with its own knobs, or `knobs` when given.
  public init(scenario: Scenario, knobs: SolverKnobs? = nil) {
    self.scenario = scenario.forPlanning
    self.knobs = knobs ?? scenario.solver
  }

  /// The passes of a solve: coarse grids first (each a quarter of the loss buckets and
  /// half the time buckets of the next, one state per cell), then the knobs themselves.
  public func passSchedule() -> [SolverKnobs] {
    var passes: [SolverKnobs] = [knobs]
    guard warmStart else { return passes }
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
    return passes
  }

  /// Plans the scenario; see the type's documentation.
  ///
  /// - Parameter incumbent: a plan of this scenario (for example PACT's at coarser
  ///   knobs); the answer is never worse than it. An incumbent that is not feasible
  ///   here is ignored.
  /// - Complexity: see the type's documentation.
  public func solve(cancel: CancellationToken? = nil, incumbent: PlanEvaluation? = nil) -> SolveResult {
    solve(cancel: cancel, incumbent: incumbent, sharing: nil)
  }

  /// What every pass of a solve shares: the evaluator, the candidate sets, the bounds.
  struct Setup {
    let evaluator: PlanEvaluator
    let cache: CandidateCache
    let remaining: RemainingCostBound
    var statistics: SolveStatistics
  }

  /// The evaluator, candidates (those of `sharing` when given: candidates depend on the
  /// nodes, levels and knobs only, so a frontier's solves share them) and bounds.
  /// `candidatesReady` runs once the candidates are (before the backward bound).
  func setup(
    cancel: CancellationToken?, sharing: CandidateCache?, evaluator: PlanEvaluator? = nil,
    candidatesReady: () -> Void = {}
  ) -> Setup? {
    let evaluator = evaluator ?? PlanEvaluator(scenario: scenario)
    let cache: CandidateCache
    if let sharing {
      cache = sharing.with(scenario: scenario)
    } else {
      cache = CandidateCache(scenario: scenario, mode: .greedy(knobs), evaluator: evaluator)
      cache.use(candidateStore)
    }
    cache.prepare(epochs: scenario.training.epochs, cancel: cancel)
    if cancel?.isCancelled == true { return nil }
    candidatesReady()
    let boundClock = ContinuousClock.now
    let remaining = RemainingCostBound(
      scenario: scenario, cache: cache, predictor: evaluator.predictor, maxBuckets: boundBuckets)
    var statistics = SolveStatistics()
    statistics.boundSeconds = (ContinuousClock.now - boundClock).seconds
    statistics.boundBuckets = remaining.costToGo.isBuilt ? remaining.costToGo.buckets : 0
    return Setup(evaluator: evaluator, cache: cache, remaining: remaining, statistics: statistics)
  }

  /// ``solve(cancel:incumbent:)`` with the candidates of an earlier solve of the same nodes;
  /// with `finalPassOnly`, an incumbent stands in for the coarse passes (which mostly
  /// find one).
  func solve(
    cancel: CancellationToken?, incumbent: PlanEvaluation?, sharing: CandidateCache?, finalPassOnly: Bool = false
  ) -> SolveResult {
    let clock = ContinuousClock.now
    func elapsed() -> Double { (ContinuousClock.now - clock).seconds }
    // Cheap proofs of infeasibility (target below what any plan can reach, deadline below
    // the fastest possible epochs) spare the search.
    let quick = InfeasibilityExplainer(scenario: scenario).provenReasons()
    if quick.proven {
      var statistics = SolveStatistics()
      statistics.lowerBoundJoules = .infinity  // no plan can be feasible
      return SolveResult(
        status: .infeasible, infeasibility: quick.reasons, solveSeconds: elapsed(), statistics: statistics)
    }
    // The time budget cancels an inner token; the caller's token still means "cancelled".
    let budget = TimeBudget(seconds: timeBudgetSeconds, clock: clock, cancel: cancel)
    let work = budget.token ?? cancel
    let overBudget = SolveStatus.budgetExceeded(.time(seconds: timeBudgetSeconds ?? 0))
    // The proven lower bound: the backward bound over every node set first (cheap), then a
    // relaxed forward pass at each pass's grid until the gap is within the tolerance.
    // The prover works on a thread of its own while PACT works: the relaxed decisions
    // from the end of PACT's candidates (which use every core) through its first pass, each forward pass during the pass after
    // the one it follows (which it cancels when it proves the plan before it — that pass
    // would not have run). Every decision waits for the work it depends on, so a solve is the same
    // as one that runs them in turn, on every run and thread count.
    let evaluator = PlanEvaluator(scenario: scenario)
    var prover = Prover(tolerance: knobs.gapToleranceFraction)
    var boundJob: BackgroundJob<(bound: OptimumBound, seconds: Double)>? = nil
    func startProving() {
      guard provesBound else { return }
      let boundClock = ContinuousClock.now
      boundJob = BackgroundJob(inline: !provesBeside) {
        [scenario, evaluator, boundBuckets, enumeratesRelaxedSets, candidateStore] in
        let bound = OptimumBound(
          scenario: scenario, evaluator: evaluator, boundBuckets: boundBuckets, cancel: work,
          enumerates: enumeratesRelaxedSets, store: candidateStore)
        return (bound, (ContinuousClock.now - boundClock).seconds)
      }
    }
    /// The forward pass of the pass before, running during this one, and this pass's token
    /// (cancelled when the forward pass proves the plan before).
    var forward: (job: BackgroundJob<ForwardProof>, passCancel: CancellationToken)? = nil
    defer {
      _ = boundJob?.wait()
      _ = forward?.job.wait()
    }
    // Beside: from the end of the candidates. In turn: after the setup and the warm start.
    guard
      let setup = setup(
        cancel: work, sharing: sharing, evaluator: evaluator, candidatesReady: { if provesBeside { startProving() } })
    else {
      return SolveResult(status: budget.ranOut ? overBudget : .cancelled, solveSeconds: elapsed())
    }
    let cache = setup.cache
    var remaining = setup.remaining
    var fullBound = false
    var statistics = setup.statistics
    var best: (graph: TimeExpandedGraph?, evaluation: PlanEvaluation)? = nil
    var starts: [PlanEvaluation] = incumbent.map { [$0] } ?? []
    if warmStart {
      // The peers' plans cost a few epochs' arithmetic and give the first pass a bound.
      starts += Baselines.all().map { $0.run(on: scenario, cancel: work).evaluation }
    }
    for start in starts {
      // Re-evaluated here, so an incumbent of another scenario cannot slip through.
      let evaluation = evaluator.evaluate(start.plan)
      if evaluation.isFeasible, evaluation.totalJoules < (best?.evaluation.totalJoules ?? .infinity) {
        best = (nil, evaluation)
      }
    }
    if !provesBeside { startProving() }
    func snapshot(_ status: SolveStatus, graph: TimeExpandedGraph?) -> SolveResult {
      var statistics = statistics
      statistics.lowerBoundJoules = prover.bound == nil ? nil : prover.lower
      return SolveResult(
        status: status, evaluation: best?.evaluation, solveSeconds: elapsed(), graph: best?.graph ?? graph,
        statistics: statistics)
    }
    /// Takes in a finished forward pass's bound.
    func record(_ proof: ForwardProof) {
      if let b = proof.bound { prover.raise(b) }
      prover.lastForwardEdges = proof.edges
      statistics.lowerBoundSeconds += proof.seconds
      statistics.lowerBoundStates += proof.states
    }
    var last: TimeExpandedGraph? = nil
    let passes = finalPassOnly && best != nil ? [knobs] : passSchedule()
    for (index, passKnobs) in passes.enumerated() {
      let passClock = ContinuousClock.now
      var run = Run(
        scenario: scenario, knobs: passKnobs, evaluator: evaluator, cache: cache, remaining: remaining,
        bound: best?.evaluation.totalJoules ?? .infinity)
      run.sharesCoresWith = forward?.job ?? boundJob
      let stop = run.execute(cancel: forward?.passCancel ?? work, memoryBudgetBytes: memoryBudgetBytes)
      if let running = forward {
        // The forward pass of the pass before: when it proves that pass's plan, this pass
        // would not have run — its work is dropped and the solve stops.
        forward = nil
        record(running.job.wait())
        if prover.isProven(best?.evaluation.totalJoules) {
          statistics.stoppedBy = .provenGap
          break
        }
      }
      statistics.passes.append(
        SolveStatistics.Pass(
          lossBins: passKnobs.lossBins, timeBins: passKnobs.timeBins, bucketStates: passKnobs.bucketStates,
          vertices: run.graph.vertexCount, edgesRelaxed: run.edgesRelaxed, layers: run.graph.layers.count - 1,
          seconds: (ContinuousClock.now - passClock).seconds))
      statistics.peakBytes = max(statistics.peakBytes, run.peakBytes)
      statistics.candidateSets = cache.setCount
      statistics.candidateSeconds = cache.generationSeconds
      statistics.availabilityPatterns = cache.patternCount
      statistics.reusedPatterns = cache.reusedPatterns
      if let job = boundJob, prover.bound == nil {
        let (bound, seconds) = job.wait()
        prover.bound = bound
        prover.forwardPasses = true
        prover.raise(bound.startBound)
        statistics.lowerBoundSeconds += seconds
      }
      if let stop {
        if budget.ranOut {
          statistics.stoppedBy = .timeBudget
          return snapshot(best == nil ? overBudget : .solved, graph: run.graph)
        }
        return snapshot(stop, graph: run.graph)
      }
      if let found = run.bestTerminal(evaluator: evaluator),
        found.evaluation.totalJoules < (best?.evaluation.totalJoules ?? .infinity)
      {
        var graph = run.graph
        graph.chosenPath = found.path
        best = (graph, found.evaluation)
        statistics.answerPass = index
      }
      last = run.graph
      // A heavy pass (the bound pruned too little) earns the next passes a finer backward
      // table: more work up front, which pays back many times on hard instances and is
      // skipped on easy ones. Decided by edges, not time, so runs stay deterministic.
      if !fullBound, index < passes.count - 1, run.edgesRelaxed > PACTSolver.heavyPassEdges {
        fullBound = true
        let boundClock = ContinuousClock.now
        remaining = RemainingCostBound(
          scenario: scenario, cache: cache, predictor: evaluator.predictor, maxBuckets: boundBuckets,
          workScale: CostToGo.fullScale)
        statistics.boundSeconds += (ContinuousClock.now - boundClock).seconds
        statistics.boundBuckets = remaining.costToGo.isBuilt ? remaining.costToGo.buckets : 0
      }
      // Prove: the forward relaxed pass at this pass's grid (skipped once proven).
      // A forward pass costs about four times the one before it (its grid is four times
      // finer); it runs when that is below what the next PACT pass will cost (about eight
      // times this one), and after the last pass when below that pass's own work, so the
      // proof never costs much more than the passes it can save. Work is counted in
      // successors computed, not seconds, so a solve is the same on every run.
      let passEdges = run.edgesRelaxed
      // (No forward pass yet: the first at the first pass's grid, which is cheap; a later
      // first one is taken to cost about twice its pass.)
      let expected = prover.lastForwardEdges.map { $0 * 4 } ?? (index == 0 ? 0 : passEdges * 2)
      let worthIt = index < passes.count - 1 ? expected <= passEdges * 8 : expected <= passEdges
      // The ladder relaxation of large patterns is loose at a coarse forward grid (its
      // merged corners fall below the backward bound), and its forward passes are large
      // (several times PACT's pass on fleets of hundreds): they start at 2,048 loss
      // buckets, and only while the plan is not proven within 25 % — where they matter
      // (smart-factory-night: 38 % → 2.5 %), not where they shave a few points at the
      // cost of a whole solve (city-phones-200: 23 % → 17 % for 150 ms).
      let fineEnough =
        prover.bound?.isExhaustive == true
        || (passKnobs.lossBins * OptimumBound.lossRefinement >= 2048
          && !((best?.evaluation.totalJoules).map { prover.lower > 0 && $0 / prover.lower - 1 <= 0.25 } ?? false))
      if let bound = prover.bound, prover.forwardPasses, worthIt, fineEnough,
        !prover.isProven(best?.evaluation.totalJoules)
      {
        let incumbent = best?.evaluation.totalJoules
        let (lossBins, timeBins) = (passKnobs.lossBins, passKnobs.timeBins)
        if index < passes.count - 1 {
          let passCancel = CancellationToken(parent: work, deadline: nil)
          let proving = prover
          let job = BackgroundJob(inline: !provesBeside) {
            let proof = ForwardProof(bound, lossBins: lossBins, timeBins: timeBins, incumbent: incumbent, cancel: work)
            var after = proving
            if let b = proof.bound { after.raise(b) }
            if after.isProven(incumbent) { passCancel.cancel() }
            return proof
          }
          forward = (job, passCancel)
        } else {
          record(ForwardProof(bound, lossBins: lossBins, timeBins: timeBins, incumbent: incumbent, cancel: work))
        }
      }
      if prover.bound != nil, prover.isProven(best?.evaluation.totalJoules) {
        if index < passes.count - 1 { statistics.stoppedBy = .provenGap }
        break
      }
      if index < passes.count - 1 { onPass?(snapshot(.solved, graph: last)) }
      if budget.ranOut {
        statistics.stoppedBy = .timeBudget
        break
      }
    }
    if let running = forward {
      // Stopped (time budget) with a forward pass still running: its bound still counts.
      forward = nil
      record(running.job.wait())
    }
    if cancel?.isCancelled == true { return snapshot(.cancelled, graph: last) }
    if best != nil { return snapshot(.solved, graph: last) }
    if budget.ranOut { return snapshot(overBudget, graph: last) }
    let reasons = explainsInfeasibility ? InfeasibilityExplainer(scenario: scenario).explain() : []
    var result = snapshot(.infeasible, graph: last)
    result.infeasibility = reasons
    return result
  }

  /// One relaxed forward pass of the proven bound (``OptimumBound/forwardPass(lossBins:timeBins:incumbent:cancel:maxStates:)``)
  /// and its time.
  struct ForwardProof {
    let bound: Double?
    let states: Int
    let edges: Int
    let seconds: Double

    init(_ prover: OptimumBound, lossBins: Int, timeBins: Int, incumbent: Double?, cancel: CancellationToken?) {
      let clock = ContinuousClock.now
      let found = prover.forwardPass(
        lossBins: lossBins, timeBins: timeBins, incumbent: incumbent ?? .infinity, cancel: cancel)
      (bound, states, edges) = found
      seconds = (ContinuousClock.now - clock).seconds
    }
  }

  /// The proven lower bound of a solve and its stop rule.
  struct Prover {
    let tolerance: Double
    var bound: OptimumBound? = nil
    /// Whether the relaxed forward passes run (only when they are tight: ``OptimumBound/isExhaustive``).
    var forwardPasses = false
    /// Successors the last forward pass computed.
    var lastForwardEdges: Int? = nil
    /// The best lower bound so far (0: nothing proven; infinity: no plan is feasible).
    var lower = 0.0

    mutating func raise(_ b: Double) { if b > lower { lower = b } }

    /// Whether `joules` (the incumbent's) is proven within the tolerance, or no plan can exist.
    func isProven(_ joules: Double?) -> Bool {
      guard let joules else { return lower == .infinity }
      guard lower > 0 else { return joules <= 0 }
      return joules / lower - 1 <= tolerance * (1 + 1e-12)
    }
  }

  /// One pass of the dynamic program at one bucket grid.
  struct Run {
    let scenario: Scenario
    let evaluator: PlanEvaluator
    let cache: CandidateCache
    /// Lower bounds on what a state still needs; the same for every pass of a solve.
    let remaining: RemainingCostBound
    var graph: TimeExpandedGraph
    var store: BucketStore
    /// The incumbent's energy: states that cannot beat it are dropped.
    var bound: Double
    var edgesRelaxed = 0
    /// Terminal vertices (layer, index): target met at a deployable level.
    var terminals: [(layer: Int, vertex: Int)] = []
    /// In front mode (a deadline frontier), the plans found so far that are Pareto-optimal
    /// in (seconds, joules) replace the single incumbent: a state is dropped only when a
    /// known plan is no slower and no dearer than anything it could still become.
    var front: TerminalFront? = nil
    /// Work running beside this pass on a core of its own (the prover), if any.
    var sharesCoresWith: (any BackgroundActivity)? = nil
    /// Vertices kept over all layers, and the most bytes held at once.
    var storedVertices = 0
    var peakBytes = 0

    init(
      scenario: Scenario, knobs: SolverKnobs, evaluator: PlanEvaluator, cache: CandidateCache,
      remaining: RemainingCostBound, bound: Double
    ) {
      self.scenario = scenario
      self.evaluator = evaluator
      self.cache = cache
      self.remaining = remaining
      self.bound = bound
      graph = TimeExpandedGraph(
        lossGrid: LossGrid.spanning(
          scenario, predictor: evaluator.predictor, bins: knobs.lossBins, floors: remaining.floorFrom),
        timeGrid: TimeGrid(bins: knobs.timeBins, deadline: scenario.training.deadlineSeconds),
        levelCount: scenario.levelCount)
      store = BucketStore(capacity: knobs.bucketStates)
    }

    /// Builds the graph layer by layer; returns why it stopped early, if it did.
    mutating func execute(cancel: CancellationToken?, memoryBudgetBytes: Int) -> SolveStatus? {
      // Open the existential once so the hot loop calls a concrete, inlinable predictor.
      if let v1 = evaluator.predictor as? PACTv1LossPredictor {
        return execute(predictor: v1, cancel: cancel, memoryBudgetBytes: memoryBudgetBytes)
      }
      func run<L: LossPredictor>(_ predictor: L) -> SolveStatus? {
        execute(predictor: predictor, cancel: cancel, memoryBudgetBytes: memoryBudgetBytes)
      }
      return run(evaluator.predictor)
    }

    mutating func execute<L: LossPredictor>(predictor: L, cancel: CancellationToken?, memoryBudgetBytes: Int)
      -> SolveStatus?
    {
      let t = scenario.training
      let start = TimeExpandedGraph.Vertex(
        level: 0, lossBucket: graph.lossGrid.bucket(t.initialLoss, level: 0), timeBucket: 0, loss: t.initialLoss,
        seconds: 0, joules: 0, parent: -1, decision: -1)
      graph.layers = [[start]]
      graph.decisions = [[]]
      graph.decisionFronts = [.init(descending: [], ascending: [])]
      storedVertices = 1
      for k in 1...t.epochs {
        if cancel?.isCancelled == true { return .cancelled }
        guard let decisions = cache.decisions(epoch: k) else { break }
        var layer = buildLayer(k, decisions, predictor: predictor)
        layer = Run.pruneDominated(
          layer, bound: bound, target: t.targetLoss, deployLevel: scenario.firstDeployableLevel ?? scenario.levelCount,
          levels: scenario.levelCount)
        for (i, v) in layer.enumerated() where isTerminal(v) { terminals.append((k, i)) }
        graph.layers.append(layer)
        graph.decisions.append(decisions.decisions)
        graph.decisionFronts.append(.init(descending: decisions.descending, ascending: decisions.ascending))
        storedVertices += layer.count
        let bytes =
          storedVertices * MemoryLayout<TimeExpandedGraph.Vertex>.stride + store.bytes
          + graph.decisions.reduce(0) { $0 + $1.count * 64 }
        peakBytes = max(peakBytes, bytes)
        if bytes > memoryBudgetBytes { return .budgetExceeded(.memory(bytes: memoryBudgetBytes)) }
        if layer.isEmpty { break }
      }
      return nil
    }

    /// Whether a state meets the target at a deployable level.
    func isTerminal(_ v: TimeExpandedGraph.Vertex) -> Bool {
      v.loss <= scenario.training.targetLoss && v.level >= (scenario.firstDeployableLevel ?? scenario.levelCount)
    }

    /// A successor that passed the checks that do not depend on the layer's running
    /// bound: what ``buildLayer(_:_:predictor:)`` offers to its cell, in order.
    struct Successor {
      var parent: Int32
      var decision: Int32
      var level: Int32
      var lossBucket: Int32
      var timeBucket: Int32
      var done: Bool
      var loss: Double
      var seconds: Double
      var joules: Double
      /// Joules plus the joules still needed (the cell's ranking), and seconds plus the
      /// seconds still needed.
      var promise: Double
      var reach: Double
    }

    /// Layer k: the successors of layer k − 1's states through epoch k's decisions that
    /// the bound, the deadline and the cells keep.
    ///
    /// In two phases, so that the costly part runs on every core with results identical
    /// to one thread's: (1) each state's successors are computed (loss, buckets, the
    /// bounds on what they still need) and checked against the bound *at the start of the
    /// layer* — a successor that fails then fails later too, as the bound only falls and
    /// the front only grows — by contiguous shares of the states on separate threads;
    /// (2) in the states' order, the survivors are checked against the running bound and
    /// offered to their cells, exactly as one pass over the states would.
    mutating func buildLayer<L: LossPredictor>(_ k: Int, _ epoch: EpochDecisions, predictor: L)
      -> [TimeExpandedGraph.Vertex]
    {
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
      // Structure-of-arrays copies of the edge figures keep the hot loop free of reference counting.
      let edgeJoules = epoch.joules
      let edgeSeconds = epoch.seconds
      let edgeFactor = epoch.factors
      let edgeLogFactor = epoch.logFactors
      let logRatios = SuccessorLogRatio(grid: lossGrid, floors: floors, linear: L.self == PACTv1LossPredictor.self)
      let previous = graph.layers[k - 1]
      let startBound = self.bound
      let startFront = front
      let frontMode = front != nil
      // Phase 1: the successors of states [lo, hi), checked against the start bound.
      func successors(_ lo: Int, _ hi: Int) -> (out: [Successor], relaxed: Int) {
        var out: [Successor] = []
        var relaxed = 0
        for vi in lo..<hi {
          let v = previous[vi]
          if v.joules >= startBound { continue }
          if k > 1 && v.loss <= target && v.level >= deployLevel { continue }  // a terminal is not expanded
          for j in v.level..<J {
            let shocked = predictor.shock(loss: v.loss, previousLevel: v.level, level: j)
            let range = shocked >= floors[j] ? epoch.descending[j] : epoch.ascending[j]
            let base = logRatios.base(shocked: shocked, level: j)
            let shared = predictor.descentBase(shocked: shocked, level: j)
            for ei in range {
              let e = v.joules + edgeJoules[ei]
              if e >= startBound { break }  // fronts are sorted by joules
              let s = v.seconds + edgeSeconds[ei]
              if s > D { continue }
              relaxed += 1
              let l = predictor.descend(
                shocked: shocked, level: j, factor: edgeFactor[ei], logFactor: edgeLogFactor[ei], base: shared)
              let done = l <= target && j >= deployLevel
              if !done && k == K { continue }
              // One logarithm serves the loss bucket and the progress still needed (none for
              // pact-v1: the state's plus the decision's).
              var ratio = 0.0
              if l > target {
                if let base { ratio = base + edgeLogFactor[ei] } else { ratio = lossGrid.logRatio(l, level: j) }
              }
              let need = remaining.need(afterEpoch: k, loss: l, level: j, logRatio: ratio)
              if e + need.joules >= startBound || s + need.seconds > D { continue }
              if frontMode, startFront?.covers(seconds: s + need.seconds, joules: e + need.joules) == true { continue }
              let lb = l > target ? lossGrid.aboveBucket(logRatio: ratio, level: j) : lossGrid.belowBucket(l)
              out.append(
                Successor(
                  parent: Int32(vi), decision: Int32(ei), level: Int32(j), lossBucket: Int32(lb),
                  timeBucket: Int32(timeGrid.bucket(s)), done: done, loss: l, seconds: s, joules: e,
                  promise: e + need.joules, reach: s + need.seconds))
            }
          }
        }
        return (out, relaxed)
      }
      // Shares of about equal size; one share for a small layer (threads cost more than they save).
      // (One core fewer while the prover runs on its own.)
      let cores = min(ParallelMap.maximumThreads, 8) - (sharesCoresWith?.isRunning == true ? 1 : 0)
      let threads = previous.count >= Run.parallelStates ? max(1, cores) : 1
      let bounds = (0...threads).map { previous.count * $0 / threads }
      let shares =
        threads > 1
        ? ParallelMap.map(Array(0..<threads)) { successors(bounds[$0], bounds[$0 + 1]) }
        : [successors(0, previous.count)]
      // Phase 2: in order, against the running bound, into the cells.
      var layer: [TimeExpandedGraph.Vertex] = []
      var removed: [Int32] = []
      var bound = startBound
      for share in shares {
        edgesRelaxed += share.relaxed
        for c in share.out {
          if c.joules >= bound || c.promise >= bound || previous[Int(c.parent)].joules >= bound { continue }
          if frontMode, front?.covers(seconds: c.reach, joules: c.promise) == true { continue }
          let j = Int(c.level)
          let cell = (j * LB + Int(c.lossBucket)) * TB + Int(c.timeBucket)
          guard
            store.offer(
              cell: cell, vertex: Int32(layer.count), joules: c.joules, loss: c.loss, seconds: c.seconds,
              promise: c.promise, removed: &removed)
          else { continue }
          for dead in removed { layer[Int(dead)].joules = .infinity }  // filtered after the layer
          removed.removeAll(keepingCapacity: true)
          layer.append(
            TimeExpandedGraph.Vertex(
              level: j, lossBucket: Int(c.lossBucket), timeBucket: Int(c.timeBucket), loss: c.loss,
              seconds: c.seconds, joules: c.joules, parent: c.parent, decision: c.decision))
          if c.done {
            if frontMode {
              front?.insert(seconds: c.seconds, joules: c.joules)
            } else if c.joules < bound {
              bound = c.joules
            }
          }
        }
      }
      self.bound = bound
      store.reset()
      return layer
    }

    /// States of the previous layer from which a layer's successors are computed on
    /// several threads.
    static let parallelStates = 512

    /// Drops vertices whose energy reaches the bound (but the incumbent's own terminal),
    /// and those dominated by another vertex of the same level (`Dominance`).
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
