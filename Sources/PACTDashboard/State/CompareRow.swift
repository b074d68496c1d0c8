import PACTCore

/// One row of the compare view (the rows of `pact compare`).
public struct CompareRow: Sendable {
  public var method: String
  /// The plan's exact figures (nil: the method has no plan).
  public var evaluation: PlanEvaluation?
  public var status: String
  public var solveSeconds: Double
  /// Why it stopped or what it violates.
  public var notes: [String]
  /// (joules − optimum) ÷ optimum, when the optimum is known and the plan is feasible.
  public var gap: Double?

  public var isFeasible: Bool { evaluation?.isFeasible ?? false }
}
