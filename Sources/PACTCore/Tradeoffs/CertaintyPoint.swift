/// PACT's least energy when the real loss must meet the target with a confidence (by
/// the loss model's ``PredictionBand``): what certainty costs, for `pact compare` and
/// the dashboard's compare view.
public struct CertaintyPoint: Sendable, Equatable {
  /// The confidences the compare view shows.
  public static let levels = [0.5, 0.8, 0.9]
  public var confidence: Double
  /// nil: no feasible plan.
  public var joules: Double?

  /// PACT's energy `joules` (nil: no plan) at `confidence`.
  public init(confidence: Double, joules: Double?) {
    self.confidence = confidence
    self.joules = joules
  }

  /// One solve per confidence with `training.confidence` set; nil when cancelled.
  /// `solve` plans a scenario (PACT at its own knobs unless a caller says otherwise).
  public static func costs(
    _ scenario: Scenario, confidences: [Double] = levels, cancel: CancellationToken? = nil,
    solve: (Scenario) -> SolveResult = { PACTSolver(scenario: $0).solve() }
  ) -> [CertaintyPoint]? {
    var points: [CertaintyPoint] = []
    for c in confidences {
      var s = scenario
      s.training.confidence = c
      let r = solve(s)
      if cancel?.isCancelled == true { return nil }
      points.append(
        CertaintyPoint(confidence: c, joules: r.evaluation.flatMap { $0.isFeasible ? $0.totalJoules : nil }))
    }
    return points
  }
}
