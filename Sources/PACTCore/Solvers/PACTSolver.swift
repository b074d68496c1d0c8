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
  /// The most loss buckets of the backward cost-to-go bound (256; twice that after a
  /// heavy pass). A quick draft solve asks for fewer: the bound is then looser but built
  /// in a fraction of the time.
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
  /// relaxation of large ones; the tests check that one on small instances).
  var enumeratesRelaxedSets = true
  /// Whether the passes take the proof's backward table instead of building their own when
  /// the proof enumerates every set (``OptimumBound/isExhaustive``): its decisions are every
  /// real set, a superset of the candidates, so its needs bound the passes' states too;
  /// it is built on every core at the proof's larger work scale (256 loss buckets where
  /// PACT's own had 128 on 10 × 20 × 5 seed 7), and one table is built instead of two. The
  /// passes wait for it after the candidates. Gap suite, 200 instances a shape, medians:
  /// 5.0 → 3.8 ms, 11.7 → 7.9 ms, 29.2 → 20.0 ms, plans as good (worst gaps the same).
  var sharesProofTable = true
  /// How many of the cheapest sets the relaxation of a pattern too large to enumerate
  /// lists (``RelaxedDecisions/cheapestFronts(_:levels:costing:corners:limit:)``; 0: the
  /// ladder alone — the tests check both on small instances).
  var cheapestRelaxedSets = RelaxedDecisions.cheapestLimit
  /// Whether the warm start adds the backward table's greedy plan (``GuidedPlan``) to the
  /// peers' plans (tests and measurements turn it off).
  var guidesFirstPass = true
  /// Wall-clock seconds the solve may take; when they run out it returns the best plan
  /// found so far with its proven gap (nil: no limit).
  public var timeBudgetSeconds: Double? = nil
  /// Called after each pass with the result so far (the plan and its proven gap), for a
  /// screen that shows the plan improving — after the last pass too when a forward proof
  /// follows it (the plan is then final, its bound not yet).
  public var onPass: (@Sendable (SolveResult) -> Void)? = nil

  /// Edges a pass may relax before the following passes get the heavy backward bound
  /// (twice the buckets, 32 times the work, time priced when the deadline binds). At
  /// 500,000 a first pass of the hard 14 × 20 × 6 instances already earns it (its table
  /// then serves three passes, not two; with the rest of the heavy table's change, seeds
  /// 1–40 and 10 × 14 × 5 seed 20101 in all 19.5 → 12.7 s, alternating).
  static let heavyPassEdges = 500_000
  /// The passes' own backward table is built only with at least this many loss buckets
  /// (or the buckets asked for, when fewer: the dashboard's draft asks for 16): coarser (a
  /// fleet whose candidates leave room for 16 within the work) it prunes too little to pay
  /// — city-phones-200's 16-bucket table took 6 ms for 2 % fewer successors; without it, 62.9 → 56.6 ms (medians of six), and not one plan, bound or pass changed
  /// on 242 files (hard 14 × 20 × 6 seeds 1–100, the samples, 120 gap-suite instances, the
  /// target shapes). (Not 64: 20 × 50 × 5's 32-bucket table pays, 17.4 vs 20.3 ms.)
  static let leastPassBuckets = 32

  /// Successors a forward proof after the last pass may always take, whatever that pass
  /// cost: tens of milliseconds, for a certificate the smaller instances otherwise go
  /// without. Their last pass is cheap once the passes share the proof's table (10 × 20 × 5
  /// seed 7: 471,602 successors, its forward proof expected at 1.07 M), so the proof's
  /// usual budget (the last pass's work) would skip it: "within 0.26 %" instead of "proven
  /// optimal". At 1.5 M, gap suite (200 instances a shape): worst proven gap 0.73 → 0.16 %
  /// (5 × 8 × 3), 7.78 → 1.98 % (7 × 10 × 4), 8.32 → 7.23 % (10 × 12 × 5); 2.5 M also
  /// covers most hard 14 × 20 × 6 instances whose passes no longer earn the heavy table
  /// (seeds 1–100: median proven gap 0.16 → 0.13 %, seed 59 3.20 → 0.82 %), not
  /// digits-fedavg's (3.8 M, for 0.77 → 0.32 % at 16 ms, a quarter of its solve).
  static let cheapProofEdges = 2_500_000

  /// A warm start's plan (a peer's, the guided one, the caller's incumbent) has no graph,
  /// so no path to show or export: while the best plan is such a one, a pass's bound is
  /// this much (relative) above it, so that the pass can find the same plan again, and a
  /// plan it finds within that much replaces it (a rounding's difference in energy).
  static let refindSlack = 1e-9

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
  /// `candidatesReady` runs once the candidates are (before the backward bound);
  /// `sharedTable` then gives a backward table to take instead of building one (nil: build).
  func setup(
    cancel: CancellationToken?, sharing: CandidateCache?, evaluator: PlanEvaluator? = nil,
    candidatesReady: () -> Void = {}, sharedTable: () -> RemainingCostBound? = { nil }
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
    let shared = sharedTable()
    let remaining =
      shared
      ?? RemainingCostBound(
        scenario: scenario, cache: cache, predictor: evaluator.predictor, maxBuckets: boundBuckets,
        leastBuckets: min(PACTSolver.leastPassBuckets, boundBuckets))
    if cancel?.isCancelled == true { return nil }
    var statistics = SolveStatistics()
    statistics.boundSeconds = (ContinuousClock.now - boundClock).seconds
    statistics.boundBuckets = remaining.costToGo.isBuilt ? remaining.costToGo.buckets : 0
    statistics.boundFromProof = shared != nil
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
    // The proven lower bound: the bounds over every node set first (cheap), then a relaxed
    // forward pass at each pass's grid until the gap is within the tolerance. Beside the
    // passes (``provesBeside``), the prover works on a thread of its own: the relaxed
    // decisions from the end of PACT's candidates (which use every core) through its first
    // pass, each forward pass during the pass after the one it follows (which it cancels
    // when it proves the plan before it — that pass would not have run). Every decision
    // waits for the work it depends on, so a solve is the same as one that runs them in
    // turn, on every run and thread count.
    let evaluator = PlanEvaluator(scenario: scenario)
    var prover = Prover(tolerance: knobs.gapToleranceFraction)
    var boundJob: BackgroundJob<(bound: OptimumBound, seconds: Double)>? = nil
    func startProving() {
      guard provesBound else { return }
      let boundClock = ContinuousClock.now
      boundJob = BackgroundJob(inline: !provesBeside) {
        [scenario, evaluator, boundBuckets, enumeratesRelaxedSets, cheapestRelaxedSets, candidateStore] in
        let bound = OptimumBound(
          scenario: scenario, evaluator: evaluator, boundBuckets: boundBuckets, cancel: work,
          enumerates: enumeratesRelaxedSets, cheapest: cheapestRelaxedSets, store: candidateStore)
        return (bound, (ContinuousClock.now - boundClock).seconds)
      }
    }
    /// The forward pass of the pass before, running during this one, and this pass's token
    /// (cancelled when the forward pass proves the plan before).
    var forward: (job: BackgroundJob<ForwardProof>, passCancel: CancellationToken, threads: ForwardThreads)? = nil
    defer {
      _ = boundJob?.wait()
      _ = forward?.job.wait()
    }
    // Beside: from the end of the candidates. In turn: after the setup and the warm start —
    // or after the candidates too when the passes take the proof's table
    // (``sharesProofTable``): then the setup waits for it instead of building its own.
    let sharesTable = provesBound && sharesProofTable && enumeratesRelaxedSets && OptimumBound.enumerates(scenario)
    guard
      let setup = setup(
        cancel: work, sharing: sharing, evaluator: evaluator,
        candidatesReady: { if provesBeside || sharesTable { startProving() } },
        sharedTable: {
          guard sharesTable, let job = boundJob else { return nil }
          let remaining = job.wait().bound.remaining
          return remaining.costToGo.isBuilt ? remaining : nil
        })
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
      // The backward table's greedy plan: a few thousand successors, often close to the answer.
      if guidesFirstPass, remaining.costToGo.isBuilt,
        let guided = GuidedPlan.incumbent(scenario: scenario, cache: cache, remaining: remaining, evaluator: evaluator)
      {
        starts.append(guided)
      }
    }
    for start in starts {
      // Re-evaluated here, so an incumbent of another scenario cannot slip through.
      let evaluation = evaluator.evaluate(start.plan)
      if evaluation.isFeasible, evaluation.totalJoules < (best?.evaluation.totalJoules ?? .infinity) {
        best = (nil, evaluation)
      }
    }
    if boundJob == nil { startProving() }
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
    /// Whether the forward pass beside the last pass was left for after it (then it runs).
    var proofLeftForAfter = false
    let passes = finalPassOnly && best != nil ? [knobs] : passSchedule()
    for (index, passKnobs) in passes.enumerated() {
      let passClock = ContinuousClock.now
      // The best plan's energy, a hair above it while that plan has no graph (``refindSlack``).
      let passBound =
        best.map { $0.evaluation.totalJoules * ($0.graph == nil ? 1 + PACTSolver.refindSlack : 1) } ?? .infinity
      var run = Run(
        scenario: scenario, knobs: passKnobs, evaluator: evaluator, cache: cache, remaining: remaining,
        bound: passBound)
      run.sharesCoresWith = forward?.job ?? boundJob
      let stop = run.execute(cancel: forward?.passCancel ?? work, memoryBudgetBytes: memoryBudgetBytes)
      if let running = forward {
        // The forward pass of the pass before: when it proves that pass's plan, this pass
        // would not have run — its work is dropped and the solve stops. (While the solve
        // waits for it, its layers take every core.)
        forward = nil
        running.threads.solveWaits()
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
          || (best?.graph == nil && found.evaluation.totalJoules <= passBound)
      {
        var graph = run.graph
        graph.chosenPath = found.path
        best = (graph, found.evaluation)
        statistics.answerPass = index
      }
      last = run.graph
      // A heavy pass (the bound pruned too little) earns the next passes a finer backward
      // table (twice the buckets) that also prices time when the deadline binds
      // (``CostToGo``'s Lagrangian columns): more work up front, which pays back many
      // times on hard instances and is skipped on easy ones. Decided by edges, not time, so
      // runs stay deterministic. Built on every core: nothing else runs meanwhile (hard
      // seed 19: 0.45 → 0.26 s).
      // (Not when the heavy table would be skipped for its work too, as on fleets of
      // thousands: its fronts alone cost a first pass's time, for the same bounds.)
      if !fullBound, index < passes.count - 1, run.edgesRelaxed > PACTSolver.heavyPassEdges,
        remaining.costToGo.wouldBuild(maxBuckets: 2 * boundBuckets, workScale: CostToGo.heavyScale)
      {
        fullBound = true
        let boundClock = ContinuousClock.now
        // (The proof's only when its table was built at all: one skipped for its work would
        // leave the passes without any.)
        if let bound = prover.bound, bound.isExhaustive, bound.remaining.costToGo.isBuilt {
          // The proof's table likewise, so that its forward passes shrink as the passes
          // did (``OptimumBound/withHeavyTable(boundBuckets:)``) — and the passes take it
          // as theirs: its decisions are every real set (enumerated), a superset of the
          // candidates, so its needs are lower bounds for the passes too, and nearly the
          // candidates' own (hard seed 19: the next pass 3,896,187 → 3,888,363 successors);
          // one heavy table instead of two (seed 19: 0.92 → 0.68 s).
          let heavier = bound.withHeavyTable(boundBuckets: boundBuckets)
          prover.bound = heavier
          prover.raise(heavier.startBound)
          remaining = heavier.remaining
          statistics.boundFromProof = true
        } else {
          remaining = RemainingCostBound(
            scenario: scenario, cache: cache, predictor: evaluator.predictor, maxBuckets: 2 * boundBuckets,
            workScale: CostToGo.heavyScale, lagrangian: true, parallel: true, reusing: remaining)
          statistics.boundFromProof = false
        }
        statistics.boundSeconds += (ContinuousClock.now - boundClock).seconds
        statistics.boundBuckets = remaining.costToGo.isBuilt ? remaining.costToGo.buckets : 0
      }
      // Prove: the forward relaxed pass at this pass's grid (skipped once proven).
      // A forward pass costs about four times the one before it (its grid is four times
      // finer); it runs when that is below what the next PACT pass will cost (about eight
      // times this one), and after the last pass when below that pass's own work, so the
      // proof never costs much more than the passes it can save — or below eight times it
      // after a heavy pass: the heavy tables made that pass a fraction of what it was, and
      // the proof's forward passes too (hard 14 × 20 × 6 seeds 1–40: median proven gap
      // 0.27 → 0 %, worst 6.54 → 0.72 %; with the last pass's work alone, 2.66 % and
      // 16.8 %). And after the last pass whenever it is cheap in itself
      // (``cheapProofEdges``). Work is counted in successors computed, not seconds, so a
      // solve is the same on every run.
      let passEdges = run.edgesRelaxed
      // (No forward pass yet: the first at the first pass's grid, which is cheap; a later
      // first one is taken to cost about twice its pass.)
      let expected = prover.lastForwardEdges.map { $0 * 4 } ?? (index == 0 ? 0 : passEdges * 2)
      let worthIt =
        index < passes.count - 1
        ? expected <= passEdges * 8
        : proofLeftForAfter || expected <= max(PACTSolver.cheapProofEdges, passEdges * (fullBound ? 8 : 1))
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
      // Beside the last pass, a forward pass expected to be large is left for after it: on
      // 534 solves (hard 14 × 20 × 6 seeds 1–100, the samples, 120 gap-suite instances) none
      // of over 433,113 successors proved the plan before the last pass (the 13 largest:
      // 3.5–37 M successors, 0.1–1 s), and the proof after the last pass, with its plan and
      // grid, supersedes its bound — meanwhile the last pass takes every core.
      let leftForAfter = index == passes.count - 2 && expected > PACTSolver.cheapProofEdges
      if leftForAfter && worthIt && fineEnough { proofLeftForAfter = true }
      if let bound = prover.bound, prover.forwardPasses, worthIt, fineEnough, !leftForAfter,
        !prover.isProven(best?.evaluation.totalJoules)
      {
        let incumbent = best?.evaluation.totalJoules
        let (lossBins, timeBins) = (passKnobs.lossBins, passKnobs.timeBins)
        if index < passes.count - 1 {
          let passCancel = CancellationToken(parent: work, deadline: nil)
          let proving = prover
          let threads = ForwardThreads()
          let job = BackgroundJob(inline: !provesBeside) {
            let proof = ForwardProof(
              bound, lossBins: lossBins, timeBins: timeBins, incumbent: incumbent, cancel: work,
              threads: { threads.current })
            var after = proving
            if let b = proof.bound { after.raise(b) }
            if after.isProven(incumbent) { passCancel.cancel() }
            return proof
          }
          forward = (job, passCancel, threads)
        } else {
          // The plan is final: the screen gets it now, with the bound so far — this proof
          // only tightens the certificate (hard 14 × 20 × 6 seed 93: 0.8 s).
          onPass?(snapshot(.solved, graph: last))
          // After the last pass nothing else runs: its large layers take every core, in
          // twice as many shares as threads (they finish unevenly) — the same bound (hard
          // 14 × 20 × 6 seed 93: 48.6 M successors in 1.04 → 0.81 s on two cores).
          record(
            ForwardProof(
              bound, lossBins: lossBins, timeBins: timeBins, incumbent: incumbent, cancel: work,
              threads: { ForwardThreads.everyCore }))
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
      running.threads.solveWaits()
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
}
