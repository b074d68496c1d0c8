extension PACTSolver {
  /// The plans of one search that are Pareto-optimal in (seconds, joules) for deadlines
  /// from `shortest` up to the scenario's: for any such deadline d, the cheapest plan of
  /// time ≤ d is the cheapest of these with `totalSeconds ≤ d` (what a deadline frontier
  /// reads).
  ///
  /// It is PACT's search with one change: instead of one incumbent's energy, a state is
  /// dropped only when a plan already known is no slower (for any deadline from
  /// `shortest` on) and no dearer than anything it could still become (its time and
  /// energy plus the lower bounds of `RemainingCostBound`). `seeds` (plans at some of
  /// the deadlines) give that front its first steps. The cells keep their rounding (time
  /// buckets are the scenario deadline's), so the plans are approximate as PACT's are.
  ///
  /// - Complexity: that of ``solve(cancel:incumbent:)``, pruning by the front.
  func deadlineFront(
    shortest: Double, seeds: [PlanEvaluation], cancel: CancellationToken?, sharing: CandidateCache?
  ) -> (plans: [PlanEvaluation], status: SolveStatus) {
    let quick = InfeasibilityExplainer(scenario: scenario).provenReasons()
    if quick.proven { return ([], .infeasible) }
    guard let setup = setup(cancel: cancel, sharing: sharing) else { return ([], .cancelled) }
    var front = TerminalFront()
    front.shortest = shortest
    var plans: [PlanEvaluation] = []
    func add(_ evaluation: PlanEvaluation) {
      guard evaluation.isFeasible else { return }
      plans.append(evaluation)
      front.insert(seconds: evaluation.totalSeconds, joules: evaluation.totalJoules)
    }
    for seed in seeds { add(setup.evaluator.evaluate(seed.plan)) }
    for passKnobs in passSchedule() {
      var run = Run(
        scenario: scenario, knobs: passKnobs, evaluator: setup.evaluator, cache: setup.cache,
        remaining: setup.remaining, bound: .infinity)
      run.front = front
      if let stop = run.execute(cancel: cancel, memoryBudgetBytes: memoryBudgetBytes) {
        return (PACTSolver.staircase(plans), stop)
      }
      // The terminals on this pass's (seconds, joules) staircase, evaluated exactly.
      var steps = TerminalFront()
      let ordered = run.terminals.map { (t: $0, v: run.graph.layers[$0.layer][$0.vertex]) }
        .sorted { ($0.v.seconds, $0.v.joules) < ($1.v.seconds, $1.v.joules) }
      for (terminal, v) in ordered where !steps.covers(seconds: v.seconds, joules: v.joules) {
        steps.insert(seconds: v.seconds, joules: v.joules)
        add(
          setup.evaluator.evaluate(
            run.graph.plan(along: run.graph.path(toLayer: terminal.layer, vertex: terminal.vertex))))
      }
    }
    let staircase = PACTSolver.staircase(plans)
    return (staircase, staircase.isEmpty ? .infeasible : .solved)
  }

  /// The plans not beaten in both time and energy by another, seconds ascending.
  static func staircase(_ plans: [PlanEvaluation]) -> [PlanEvaluation] {
    var out: [PlanEvaluation] = []
    for p in plans.sorted(by: { ($0.totalSeconds, $0.totalJoules) < ($1.totalSeconds, $1.totalJoules) })
    where p.totalJoules < (out.last?.totalJoules ?? .infinity) {
      out.append(p)
    }
    return out
  }
}
