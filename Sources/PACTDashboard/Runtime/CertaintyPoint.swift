/// PACT's least energy when the real loss must meet the target with a confidence.
public struct CertaintyPoint: Sendable, Equatable {
  /// The confidences the compare view shows.
  public static let levels = [0.5, 0.8, 0.9]
  public var confidence: Double
  /// nil: no feasible plan.
  public var joules: Double?
}
