import PACTCore

/// A plan (and the frontier shown then) pinned with `P`, for before-and-after: the views
/// draw it beside the live one, faded, and say the difference in words.
public struct Pinned: Sendable {
  /// The scenario it was planned for.
  public var scenario: Scenario
  /// Its plan (nil when it had none).
  public var evaluation: PlanEvaluation?
  /// The trade-off view's frontier when it was pinned (nil when none was shown).
  public var frontier: Frontier?

  /// The live plan against this one (``PlanDifference``).
  public func difference(now: PlanEvaluation?, in live: Scenario) -> PlanDifference {
    PlanDifference(now: now, in: live, pinned: evaluation, in: scenario)
  }
}
