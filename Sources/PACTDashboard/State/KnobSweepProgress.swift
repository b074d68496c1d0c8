import PACTCore

/// The knob view's sweep as it comes in, value by value.
public struct KnobSweepProgress: Sendable {
  public var generation: Int
  /// The knob swept.
  public var knob: KnobName
  /// The points computed so far, coarse to fine.
  public var points: [KnobSweep.Point]
  /// How many values the sweep has in all.
  public var total: Int
  public var isDone: Bool { points.count >= total }
}
