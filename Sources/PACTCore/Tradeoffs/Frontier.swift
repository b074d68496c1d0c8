import Foundation

/// The least energy as a function of one goal (deadline, target loss, deployed model
/// size, most epochs), everything else fixed: the trade-off a speaker shows.
///
/// Each point is PACT's plan at that value, evaluated exactly at that value (as every
/// plan pact prints), or why there is none; optionally the exact optimum there and
/// the baselines' energies. **Breakpoints** are the values where the plan changes its
/// shape: a node joins or leaves, pruning starts at another epoch, the plan has more
/// or fewer epochs — said in words.
///
/// What is shared between the points, and what is not:
/// - **deadline**: one search. PACT's graph carries time in every state, so one search
///   at the loosest deadline that keeps, instead of one incumbent, the (seconds, joules)
///   Pareto front of the plans it finds holds the cheapest plan of every tighter
///   deadline: a point reads the cheapest plan of time ≤ its value. The front is seeded
///   with PACT's plan at the tightest feasible value (solved from the tight end), whose
///   energy no looser value needs to beat, so the search drops nearly as much as a
///   plain solve (measured with `pact bench --suite frontier`).
/// - **target**, **deploy**, **epochs**: one solve per value, from the tightest value to
///   the loosest, each starting from the plan of the tighter value before it as its
///   incumbent (a plan that meets a tighter goal meets a looser one). The target cannot
///   share one search: a state's loss bucket, its bound and whether it is a terminal
///   all depend on the target.
/// - Every solve of a frontier shares the candidate node sets: they depend on the
///   nodes, levels and knobs, not on the goals.
///
/// Either way the frontier is monotone by construction: energy never rises as the goal
/// loosens.
public struct Frontier: Sendable {
  /// One value of the varied goal.
  public struct Point: Sendable {
    public var value: Double
    /// PACT's plan at this value, evaluated exactly there (nil when none was found).
    public var evaluation: PlanEvaluation?
    /// Why no plan exists at this value (when infeasible).
    public var reasons: [InfeasibilityReason]
    /// The exact optimum's energy at this value (when asked and the exact solver finished).
    public var exactJoules: Double?
    /// Each baseline's energy at this value, where its plan is feasible.
    public var baselines: [(method: String, joules: Double)]
    /// A proven lower bound on the optimum at this value (``SolveResult/lowerBoundJoules``;
    /// on the deadline frontier the backward bound, which ignores the deadline).
    public var lowerBoundJoules: Double? = nil

    /// joules ÷ lowerBoundJoules − 1, when both are known.
    public var provenGap: Double? { SolveResult.provenGap(joules: joules, lowerBound: lowerBoundJoules) }

    public var isFeasible: Bool { evaluation?.isFeasible ?? false }
    public var joules: Double? { isFeasible ? evaluation?.totalJoules : nil }
  }

  /// A value where the plan changes its shape, located by bisection between two sampled
  /// values whose plans differ (to ``Frontier/breakpointTolerance`` of the value), so the
  /// breakpoints do not depend on the range or the number of points.
  public struct Breakpoint: Sendable {
    /// The tightest value found with the looser plan's shape: just below it, the plan
    /// changes (a frontier point sits here, so every view draws and selects it).
    public var value: Double
    /// The loosest value found with the tighter plan's shape (within the tolerance below
    /// ``value``).
    public var tighter: Double
    /// What changed, in words (`below 142 s: gpu1 joins; pruning moves from epoch 6 to 3`).
    /// Only changes that cost at least 1 % more energy than the looser plan are breakpoints.
    public var change: String
  }

  /// How to compute a frontier.
  public struct Options: Sendable {
    /// How many values (deploy: at most the levels; epochs: at most the whole numbers in range).
    public var points: Int
    /// The range; nil: from where the problem turns infeasible to where the energy stops falling.
    public var from: Double?
    public var to: Double?
    /// Also the exact optimum at each value (only for scenarios of at most `exactMaxNodes` nodes).
    public var exact: Bool
    public var exactMaxNodes: Int
    public var exactBudgetSeconds: Double
    /// Also each baseline's energy at each value.
    public var baselines: Bool
    /// PACT's knobs (nil: the scenario's).
    public var knobs: SolverKnobs?

    /// Options of a frontier: points, range, exact and baseline figures, knobs.
    public init(
      points: Int = 20, from: Double? = nil, to: Double? = nil, exact: Bool = false, exactMaxNodes: Int = 12,
      exactBudgetSeconds: Double = 30, baselines: Bool = false, knobs: SolverKnobs? = nil
    ) {
      self.points = points
      self.from = from
      self.to = to
      self.exact = exact
      self.exactMaxNodes = exactMaxNodes
      self.exactBudgetSeconds = exactBudgetSeconds
      self.baselines = baselines
      self.knobs = knobs
    }
  }

  public var scenario: String
  public var parameter: GoalParameter
  /// The scenario's own value of the parameter.
  public var scenarioValue: Double
  /// Values ascending (loosest last).
  public var points: [Point]
  public var breakpoints: [Breakpoint]
  /// Solves run, and the seconds the whole frontier took.
  public var solves: Int
  public var seconds: Double
  /// Why the exact optimum was not computed, when asked and it was not.
  public var exactNote: String?

  /// The energy a relative axis measures against: this scenario's own plan (or the least
  /// energy on the frontier when its own value has no plan).
  public var referenceJoules: Double? {
    let own = points.first { abs($0.value - scenarioValue) <= 1e-9 * max(1, scenarioValue) }
    return own?.joules ?? points.compactMap(\.joules).min()
  }

  /// The frontier of `parameter` for `scenario` (see the type's documentation).
  ///
  /// - Complexity: deadline: one PACT search (plus solves from the tight end up to the
  ///   first feasible value); the others: one PACT solve per point.
  public static func compute(
    _ scenario: Scenario, vary parameter: GoalParameter, options: Options = Options(),
    cancel: CancellationToken? = nil, progress: WorkProgress? = nil
  ) -> Frontier {
    let clock = ContinuousClock.now
    let knobs = options.knobs ?? scenario.solver
    // The deadline frontier's one search runs to the same horizon whatever the range asked
    // for (past where the energy stops falling), so its plans, and so the breakpoints, do
    // not depend on the range.
    let cheapest = parameter == .deadline ? FrontierRange.cheapestSeconds(scenario, knobs) : nil
    let values = FrontierRange.values(
      scenario, parameter: parameter, options: options, knobs: knobs, cheapestSeconds: cheapest)
    progress?.update(task: "frontier over \(parameter.rawValue)", done: 0, total: values.count)
    var points: [Point]
    var solves = 0
    let probe: BreakpointSearch.Probe
    var front: [PlanEvaluation] = []
    var sharedCache: CandidateCache? = nil
    if parameter == .deadline {
      (points, solves, front, sharedCache) = deadlinePoints(
        scenario, values: values, horizon: (cheapest ?? 0) * 1.05, knobs: knobs, cancel: cancel, progress: progress)
      // The front holds the cheapest plan of every deadline: a probe reads it (no solve).
      probe = { value, _ in
        let s = GoalParameter.deadline.applying(value, to: scenario)
        return front.filter { $0.totalSeconds <= value }.min { $0.totalJoules < $1.totalJoules }
          .map { PlanEvaluator(scenario: s).evaluate($0.plan) }
      }
    } else {
      let shared: CandidateCache?
      (points, solves, shared) = chainedPoints(
        scenario, parameter: parameter, values: values, knobs: knobs, cancel: cancel, progress: progress)
      probe = { value, incumbent in
        let s = parameter.applying(value, to: scenario)
        guard s.validate().allSatisfy({ $0.severity != .error }) else { return nil }
        return Frontier.pact(s, knobs: knobs).solve(cancel: cancel, incumbent: incumbent, sharing: shared)
          .evaluation.map { PlanEvaluator(scenario: s).evaluate($0.plan) }
      }
    }
    var search = BreakpointSearch(scenario: scenario, parameter: parameter, probe: probe, cancel: cancel)
    if parameter == .deadline {
      // Every step of the front (a hair above its seconds, so no rounding of a sum in
      // another order makes the plan miss it), and just below it: each change is bracketed.
      search.anchors = front.flatMap {
        [$0.totalSeconds * (1 + 1e-9), $0.totalSeconds * (1 - breakpointTolerance / 2)]
      }
      search.refine = { value, incumbent in
        let s = GoalParameter.deadline.applying(value, to: scenario)
        return Frontier.pact(s, knobs: knobs).solve(cancel: cancel, incumbent: incumbent, sharing: sharedCache)
          .evaluation.map { PlanEvaluator(scenario: s).evaluate($0.plan) }
      }
    } else {
      search.budget = breakpointProbesPerPoint * values.count
    }
    let breakpoints = search.locate(in: &points)
    if parameter != .deadline { solves += search.probes }
    var exactNote: String? = nil
    if options.exact {
      if scenario.nodes.count > options.exactMaxNodes {
        exactNote =
          "the exact optimum is computed for at most \(options.exactMaxNodes) nodes; this scenario has \(scenario.nodes.count)"
      } else {
        for i in points.indices where cancel?.isCancelled != true {
          progress?.update(task: "exact optimum per value", done: i, total: points.count)
          let s = parameter.applying(points[i].value, to: scenario)
          let result = ExactSolver(scenario: s, timeBudgetSeconds: options.exactBudgetSeconds)
            .solve(cancel: cancel, incumbent: points[i].evaluation.flatMap { $0.isFeasible ? $0 : nil })
          if result.status == .solved { points[i].exactJoules = result.joules }
          if case .budgetExceeded = result.status { exactNote = "the exact solver ran out of budget at some values" }
        }
      }
    }
    if options.baselines {
      for i in points.indices where cancel?.isCancelled != true {
        progress?.update(task: "baselines per value", done: i, total: points.count)
        let s = parameter.applying(points[i].value, to: scenario)
        points[i].baselines = Baselines.all().compactMap { policy in
          let r = policy.run(on: s, cancel: cancel)
          return r.isFeasible ? (r.method, r.evaluation.totalJoules) : nil
        }
      }
    }
    return Frontier(
      scenario: scenario.name, parameter: parameter, scenarioValue: parameter.value(in: scenario), points: points,
      breakpoints: breakpoints, solves: solves,
      seconds: (ContinuousClock.now - clock).seconds, exactNote: exactNote)
  }

  /// PACT for one solve of a frontier. A frontier's solves share one store
  /// (``CandidateStore/frontiers``): the relaxed decisions of the proof, which no goal
  /// changes, are made once per frontier rather than once per point and probe.
  static func pact(_ scenario: Scenario, knobs: SolverKnobs) -> PACTSolver {
    var solver = PACTSolver(scenario: scenario, knobs: knobs)
    solver.candidateStore = .frontiers
    return solver
  }

  /// The deadline frontier from one search at the loosest deadline (at least `horizon`)
  /// whose (seconds, joules) front replaces the incumbent, over every deadline of the
  /// range (not only from the first feasible sampled value, so no plan the range could
  /// show depends on where it was sampled), seeded with PACT's plan at the tightest
  /// feasible value (found from the tight end; its energy bounds every looser value).
  static func deadlinePoints(
    _ scenario: Scenario, values: [Double], horizon: Double, knobs: SolverKnobs, cancel: CancellationToken?,
    progress: WorkProgress?
  ) -> ([Point], Int, [PlanEvaluation], CandidateCache?) {
    guard let last = values.last else { return ([], 0, [], nil) }
    let loosest = max(last, horizon)
    var seeds: [PlanEvaluation] = []
    var shared: CandidateCache? = nil
    var solves = 0
    for value in values {
      if cancel?.isCancelled == true { break }
      let s = GoalParameter.deadline.applying(value, to: scenario)
      guard s.validate().allSatisfy({ $0.severity != .error }) else { continue }
      let solver = Frontier.pact(s, knobs: knobs)
      if shared == nil { shared = solver.setup(cancel: cancel, sharing: nil)?.cache }
      solves += 1
      if let e = solver.solve(cancel: cancel, incumbent: nil, sharing: shared).evaluation, e.isFeasible {
        seeds.append(e)
        break
      }
    }
    let widest = GoalParameter.deadline.applying(loosest, to: scenario)
    var front = Frontier.pact(widest, knobs: knobs)
      .deadlineFront(shortest: values.first ?? loosest, seeds: seeds, cancel: cancel, sharing: shared).plans
    solves += 1
    // The shared search rounds time on one grid for every deadline; at the scenario's own
    // deadline one direct solve (from the front's plan there) makes the frontier agree
    // with `pact solve` and the dashboard's plan, and looser values inherit it.
    let own = scenario.training.deadlineSeconds
    if cancel?.isCancelled != true, values.contains(where: { abs($0 - own) <= 1e-9 * max(1, own) }) {
      let incumbent = front.filter { $0.totalSeconds <= own }.min { $0.totalJoules < $1.totalJoules }
      let direct = Frontier.pact(scenario, knobs: knobs).solve(
        cancel: cancel, incumbent: incumbent, sharing: shared)
      solves += 1
      if let e = direct.evaluation, e.isFeasible { front.append(e) }
    }
    // One proven bound for every point: the backward bound over every node set ignores the
    // deadline, so it holds at every value (looser where the deadline binds).
    let planning = widest.forPlanning
    let widestBound =
      cancel?.isCancelled == true
      ? nil : OptimumBound(scenario: planning, evaluator: PlanEvaluator(scenario: planning)).startBound
    var out: [Point] = []
    for (i, value) in values.enumerated() {
      progress?.update(done: i)
      let s = GoalParameter.deadline.applying(value, to: scenario)
      if let issue = s.validate().first(where: { $0.severity == .error }) {
        out.append(
          Point(value: value, evaluation: nil, reasons: [.invalidGoal(issue)], exactJoules: nil, baselines: []))
        continue
      }
      let best = front.filter { $0.totalSeconds <= value }.min { $0.totalJoules < $1.totalJoules }
      let evaluation = best.map { PlanEvaluator(scenario: s).evaluate($0.plan) }
      var reasons: [InfeasibilityReason] = []
      if evaluation?.isFeasible != true {
        let proven = InfeasibilityExplainer(scenario: s).provenReasons()
        reasons =
          proven.reasons.isEmpty
          ? [.notFoundInGraph(target: s.training.targetLoss, deadline: value)] : proven.reasons
      }
      out.append(
        Point(
          value: value, evaluation: evaluation, reasons: reasons, exactJoules: nil, baselines: [],
          lowerBoundJoules: widestBound))
    }
    return (out, solves, front, shared)
  }

  /// One solve per value, tightest first, each refining from the tighter value's plan.
  static func chainedPoints(
    _ scenario: Scenario, parameter: GoalParameter, values: [Double], knobs: SolverKnobs,
    cancel: CancellationToken?, progress: WorkProgress?
  ) -> ([Point], Int, CandidateCache?) {
    var out: [Point] = []
    var carried: PlanEvaluation? = nil
    var shared: CandidateCache? = nil
    for (i, value) in values.enumerated() {
      if cancel?.isCancelled == true { break }
      progress?.update(done: i)
      let s = parameter.applying(value, to: scenario)
      if let issue = s.validate().first(where: { $0.severity == .error }) {
        out.append(
          Point(value: value, evaluation: nil, reasons: [.invalidGoal(issue)], exactJoules: nil, baselines: []))
        continue
      }
      let solver = Frontier.pact(s, knobs: knobs)
      if shared == nil, let setup = solver.setup(cancel: cancel, sharing: nil) { shared = setup.cache }
      let result = solver.solve(cancel: cancel, incumbent: carried, sharing: shared)
      let evaluation = result.evaluation.map { PlanEvaluator(scenario: s).evaluate($0.plan) }
      if let e = evaluation, e.isFeasible { carried = e }
      out.append(
        Point(
          value: value, evaluation: evaluation, reasons: result.infeasibility, exactJoules: nil, baselines: [],
          lowerBoundJoules: result.lowerBoundJoules))
    }
    return (out, out.count, shared)
  }
}
