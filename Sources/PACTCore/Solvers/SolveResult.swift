/// How a solve ended.
public enum SolveStatus: Equatable, Sendable {
  /// A feasible plan was found (for the exact solver: the proven optimum).
  case solved
  /// No feasible plan exists (for PACT: none in its graph); see ``SolveResult/infeasibility``.
  case infeasible
  /// The caller cancelled.
  case cancelled
  /// A time or memory budget ran out; the message says which. A plan may still be
  /// attached (the best found so far), but it is not proven optimal.
  case budgetExceeded(String)
  /// The solver declined the instance (too large for it); the message says why.
  case refused(String)
}

/// What a solver returns: the plan with its exact evaluation, or why there is none.
public struct SolveResult: Sendable {
  public var status: SolveStatus
  /// The plan and its exact evaluation under docs/MODEL.md (never bucket values).
  public var evaluation: PlanEvaluation?
  /// Why no plan exists, in user terms, with the numbers (when infeasible).
  public var infeasibility: [String]
  /// Wall-clock seconds the solve took.
  public var solveSeconds: Double
  /// The time-expanded graph PACT built (nil for other solvers).
  public var graph: TimeExpandedGraph?
  /// Size figures: vertices kept, edges relaxed, candidate sets, labels…
  public var counters: [String: Int]

  public init(
    status: SolveStatus, evaluation: PlanEvaluation? = nil, infeasibility: [String] = [], solveSeconds: Double = 0,
    graph: TimeExpandedGraph? = nil, counters: [String: Int] = [:]
  ) {
    self.status = status
    self.evaluation = evaluation
    self.infeasibility = infeasibility
    self.solveSeconds = solveSeconds
    self.graph = graph
    self.counters = counters
  }

  public var plan: Plan? { evaluation?.plan }
  public var joules: Double? { evaluation?.totalJoules }
}
