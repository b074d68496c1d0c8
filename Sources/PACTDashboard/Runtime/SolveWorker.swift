import Dispatch
import PACTCore
import Synchronization

/// The solvers the dashboard calls; tests inject fakes.
public struct Solvers: Sendable {
  /// Plans `scenario` with the given knobs.
  public var plan: @Sendable (Scenario, SolverKnobs, CancellationToken) -> SolveResult
  public var exact: @Sendable (Scenario, CancellationToken) -> SolveResult
  /// Knobs for a quick draft plan shown before the full solve ends; nil: no draft.
  /// The worker narrows the draft's buckets (8, then 4) when drafts take over 25 ms.
  public var draftKnobs: @Sendable (SolverKnobs) -> SolverKnobs?
  /// Plans the draft (by default as ``plan``).
  public var draftPlan: @Sendable (Scenario, SolverKnobs, CancellationToken) -> SolveResult
  /// Plans like ``plan`` and reports each finished pass (the plan so far with its proven
  /// gap), so a long solve shows an improving plan; nil: ``plan`` is used.
  public var progressivePlan:
    (@Sendable (Scenario, SolverKnobs, CancellationToken, @escaping @Sendable (SolveResult) -> Void) -> SolveResult)? =
      nil
  /// The baseline policies' results on a scenario, for the loss chart.
  public var baselines: @Sendable (Scenario, CancellationToken) -> [BaselineResult]
  /// The frontier of a goal (the trade-off view).
  public var frontier: @Sendable (Scenario, GoalParameter, CancellationToken) -> Frontier
  /// A knob's sweep over its ladder (the knob view), reporting each point and the count.
  public var sweep: @Sendable (Scenario, KnobName, CancellationToken, (KnobSweep.Point, Int) -> Void) -> Void

  public init(
    plan: @escaping @Sendable (Scenario, SolverKnobs, CancellationToken) -> SolveResult,
    exact: @escaping @Sendable (Scenario, CancellationToken) -> SolveResult,
    draftKnobs: @escaping @Sendable (SolverKnobs) -> SolverKnobs? = { _ in nil },
    draftPlan: (@Sendable (Scenario, SolverKnobs, CancellationToken) -> SolveResult)? = nil,
    baselines: @escaping @Sendable (Scenario, CancellationToken) -> [BaselineResult] = { _, _ in [] },
    progressivePlan: (
      @Sendable (Scenario, SolverKnobs, CancellationToken, @escaping @Sendable (SolveResult) -> Void) -> SolveResult
    )? = nil,
    frontier: @escaping @Sendable (Scenario, GoalParameter, CancellationToken) -> Frontier = Solvers.standardFrontier,
    sweep: @escaping @Sendable (Scenario, KnobName, CancellationToken, (KnobSweep.Point, Int) -> Void) -> Void =
      Solvers.standardSweep
  ) {
    self.plan = plan
    self.exact = exact
    self.draftKnobs = draftKnobs
    self.draftPlan = draftPlan ?? plan
    self.baselines = baselines
    self.progressivePlan = progressivePlan
    self.frontier = frontier
    self.sweep = sweep
  }

  /// A 20-point frontier at the scenario's knobs.
  @Sendable public static func standardFrontier(_ s: Scenario, _ p: GoalParameter, _ token: CancellationToken)
    -> Frontier
  {
    Frontier.compute(s, vary: p, options: .init(points: 20), cancel: token)
  }

  /// The knob's ladder of useful values (and the scenario's own value), coarse to fine,
  /// each value refining from the coarser one, one solve each.
  @Sendable public static func standardSweep(
    _ s: Scenario, _ knob: KnobName, _ token: CancellationToken, _ onPoint: (KnobSweep.Point, Int) -> Void
  ) {
    let k = SolverKnobs.knob(knob)
    let values = Array(Set(k.ladder + [s.solver[keyPath: k.keyPath]])).filter { k.range.contains($0) }.sorted()
    withoutActuallyEscaping(onPoint) { report in
      _ = try? KnobSweep.run(s, knob: k.name, values: values, exact: false, repeats: 1, cancel: token, onPoint: report)
    }
  }

  /// PACT for plans (with a coarse-bucket draft first when the knobs are finer),
  /// the exact label-setting solver (60 s budget) for the optimum.
  /// Every solve shares ``CandidateStore/dashboard``: an edit reuses the candidate sets of
  /// the availability patterns it leaves as they were.
  public static let standard = Solvers(
    plan: { scenario, knobs, token in
      var solver = PACTSolver(scenario: scenario, knobs: knobs)
      solver.candidateStore = .dashboard
      return solver.solve(cancel: token)
    },
    exact: { ExactSolver(scenario: $0).solve(cancel: $1) },
    draftKnobs: { Solvers.coarse($0) },
    draftPlan: { scenario, knobs, token in
      // A draft is replaced a moment later: a coarse bound is enough.
      var solver = PACTSolver(scenario: scenario, knobs: knobs)
      solver.boundBuckets = 16
      solver.provesBeside = false
      solver.candidateStore = .dashboard
      return solver.solve(cancel: token)
    },
    baselines: { scenario, token in Baselines.all().map { $0.run(on: scenario, cancel: token) } },
    progressivePlan: { scenario, knobs, token, report in
      var solver = PACTSolver(scenario: scenario, knobs: knobs)
      solver.onPass = report
      solver.candidateStore = .dashboard
      return solver.solve(cancel: token)
    })

  /// The knobs with at most `bins` loss and time buckets, or nil when they already are that coarse.
  @Sendable public static func coarse(_ knobs: SolverKnobs, bins: Int = 8) -> SolverKnobs? {
    guard knobs.lossBins > bins || knobs.timeBins > bins else { return nil }
    var k = knobs
    k.lossBins = min(bins, knobs.lossBins)
    k.timeBins = min(bins, knobs.timeBins)
    // Fewer candidates too: the draft only has to show a plan soon.
    k.maxSetSize = min(3, knobs.maxSetSize)
    k.timeCaps = 1
    k.exhaustiveNodes = min(4, knobs.exhaustiveNodes)
    k.bucketStates = 1
    return k
  }
}

/// Runs solves off the input thread. A new request cancels the running one
/// (through its ``CancellationToken``) and requests that are no longer the
/// latest are skipped, so only the newest edit's plan is computed and posted.
public final class SolveWorker: Sendable {
  public enum Event: Sendable {
    case plan(SolveOutcome)
    case exact(SolveOutcome)
    case baselines(generation: Int, [BaselineResult])
    /// PACT's energy at each confidence (nil: no plan), when the loss model has a band.
    case certainty(generation: Int, [CertaintyPoint])
    case frontier(generation: Int, Frontier)
    case sweepPoint(generation: Int, knob: KnobName, KnobSweep.Point, total: Int)
  }

  private let solvers: Solvers
  private let planQueue = DispatchQueue(label: "pact.dashboard.plan", qos: .userInitiated)
  private let exactQueue = DispatchQueue(label: "pact.dashboard.exact", qos: .utility)
  private let baselineQueue = DispatchQueue(label: "pact.dashboard.baselines", qos: .utility)
  private let baselineToken = Mutex<CancellationToken?>(nil)
  private let latest = Mutex<(generation: Int, token: CancellationToken?)>((0, nil))
  private let exactToken = Mutex<CancellationToken?>(nil)
  private let viewQueue = DispatchQueue(label: "pact.dashboard.views", qos: .utility)
  private let viewToken = Mutex<CancellationToken?>(nil)
  private let events = Mutex<[Event]>([])
  /// Seconds the last full solve took: drafts are skipped when full solves are this quick anyway.
  private let lastFullSeconds = Mutex<Double>(.infinity)
  /// Below this full-solve time a draft would not show a plan sooner in any way that matters.
  public static let draftThresholdSeconds = 0.03
  /// Bucket count of the draft: 8, halved to 4 while drafts take longer than 25 ms.
  private let draftBins = Mutex<Int>(8)
  private let wake: @Sendable () -> Void

  /// - Parameter wake: called (from a worker thread) after an event is posted.
  public init(solvers: Solvers = .standard, wake: @escaping @Sendable () -> Void = {}) {
    self.solvers = solvers
    self.wake = wake
  }

  /// Solves `scenario` for `generation`, superseding any earlier request.
  public func submit(generation: Int, scenario: Scenario) {
    let token = CancellationToken()
    latest.withLock { state in
      state.token?.cancel()
      state = (generation, token)
    }
    planQueue.async { [self] in
      guard latest.withLock({ $0.generation }) == generation, !token.isCancelled else { return }
      let bins = draftBins.withLock { $0 }
      if lastFullSeconds.withLock({ $0 }) > SolveWorker.draftThresholdSeconds,
        var draft = solvers.draftKnobs(scenario.solver)
      {
        draft.lossBins = min(draft.lossBins, bins)
        draft.timeBins = min(draft.timeBins, bins)
        let started = ContinuousClock.now
        let result = solvers.draftPlan(scenario, draft, token)
        if token.isCancelled { return }
        let took = (ContinuousClock.now - started).seconds
        draftBins.withLock { $0 = took > 0.025 ? 4 : (took < 0.006 ? 8 : $0) }
        // Only a feasible draft is worth showing; an infeasible one may be the coarse grid's fault.
        if result.evaluation?.isFeasible == true, latest.withLock({ $0.generation }) == generation {
          post(.plan(SolveOutcome(generation: generation, scenario: scenario, result: result, isDraft: true)))
        }
      }
      let started = ContinuousClock.now
      let result: SolveResult
      if let progressive = solvers.progressivePlan {
        result = progressive(scenario, scenario.solver, token) { [self] partial in
          // A pass finished: its plan (and proven gap) as a draft, when it is the latest edit's.
          guard !token.isCancelled, partial.evaluation?.isFeasible == true,
            latest.withLock({ $0.generation }) == generation
          else { return }
          post(.plan(SolveOutcome(generation: generation, scenario: scenario, result: partial, isDraft: true)))
        }
      } else {
        result = solvers.plan(scenario, scenario.solver, token)
      }
      if token.isCancelled { return }
      let elapsed = (ContinuousClock.now - started).seconds
      lastFullSeconds.withLock { $0 = elapsed }
      let outcome = SolveOutcome(generation: generation, scenario: scenario, result: result)
      guard latest.withLock({ $0.generation }) == generation else { return }
      post(.plan(outcome))
    }
  }

  /// Starts the exact solver, cancelling a running one.
  public func submitExact(generation: Int, scenario: Scenario) {
    let token = CancellationToken()
    exactToken.withLock { current in
      current?.cancel()
      current = token
    }
    exactQueue.async { [self] in
      guard !token.isCancelled else { return }
      let result = solvers.exact(scenario, token)
      if token.isCancelled { return }
      post(.exact(SolveOutcome(generation: generation, scenario: scenario, result: result)))
    }
  }

  /// Runs the baseline policies, cancelling an earlier run.
  public func submitBaselines(generation: Int, scenario: Scenario) {
    let token = CancellationToken()
    baselineToken.withLock { current in
      current?.cancel()
      current = token
    }
    baselineQueue.async { [self] in
      guard !token.isCancelled else { return }
      let results = solvers.baselines(scenario, token)
      if token.isCancelled { return }
      post(.baselines(generation: generation, results))
      // What certainty costs, beside the baselines (the compare view shows it).
      guard scenario.loss.band != nil else { return }
      guard let points = CertaintyPoint.costs(scenario, cancel: token, solve: { solvers.plan($0, $0.solver, token) })
      else { return }
      post(.certainty(generation: generation, points))
    }
  }

  /// Computes a frontier for the trade-off view, cancelling earlier view work.
  public func submitFrontier(generation: Int, scenario: Scenario, parameter: GoalParameter) {
    let token = replaceViewToken()
    viewQueue.async { [self] in
      guard !token.isCancelled else { return }
      let f = solvers.frontier(scenario, parameter, token)
      if token.isCancelled { return }
      post(.frontier(generation: generation, f))
    }
  }

  /// Sweeps a knob for the knob view, posting each value as it is solved.
  public func submitSweep(generation: Int, scenario: Scenario, knob: KnobName) {
    let token = replaceViewToken()
    viewQueue.async { [self] in
      guard !token.isCancelled else { return }
      solvers.sweep(scenario, knob, token) { point, total in
        if !token.isCancelled { self.post(.sweepPoint(generation: generation, knob: knob, point, total: total)) }
      }
    }
  }

  private func replaceViewToken() -> CancellationToken {
    let token = CancellationToken()
    viewToken.withLock { current in
      current?.cancel()
      current = token
    }
    return token
  }

  /// Stops the full views' background work.
  public func cancelViews() { viewToken.withLock { $0?.cancel() } }

  public func cancelExact() {
    exactToken.withLock { current in
      current?.cancel()
      current = nil
    }
  }

  /// Cancels everything (on quit).
  public func cancelAll() {
    cancelExact()
    cancelViews()
    baselineToken.withLock { $0?.cancel() }
    latest.withLock { $0.token?.cancel() }
  }

  private func post(_ event: Event) {
    events.withLock { $0.append(event) }
    wake()
  }

  /// Takes the events posted since the last call.
  public func drain() -> [Event] {
    events.withLock { list in
      let out = list
      list.removeAll()
      return out
    }
  }
}
