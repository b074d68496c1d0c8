import Foundation

/// How the time-expanded graph rounds a state's loss into a bucket.
///
/// Losses at or below the target fall in the lowest `belowBins` buckets (uniform
/// from the lowest loss up to the target, so the target is always a bucket boundary:
/// no bucket mixes states that meet the target with ones that do not). Losses above
/// the target are spaced logarithmically in their distance to a per-level reference:
/// the lowest loss floor of the levels the state can still reach (levels never
/// decrease), or just under the lowest loss when the target is not above that floor.
/// Since pact-v1 moves ℓ − ℓ∞ by a constant factor each epoch, log spacing keeps the
/// same relative resolution along a whole trajectory and puts most buckets near the
/// target, where rounding decides feasibility; and the logarithm a state's bucket
/// needs is the one `RemainingCostBound` needs for the progress still to make, so
/// the solver takes it once. Buckets are rounded up: bucket b holds losses in
/// (upperEdge(b − 1), upperEdge(b)].
public struct LossGrid: Equatable, Sendable {
  public let bins: Int
  public let target: Double
  /// Buckets 0..<belowBins hold losses ≤ target.
  public let belowBins: Int
  public let lowest: Double
  public let highest: Double
  /// Per level: the reference of the above-target buckets, and ln((highest − ref)/(target − ref)).
  let references: [Double]
  let logSpans: [Double]
  /// Per level: above-target buckets per unit of log-ratio (a multiplication per bucket,
  /// not a division).
  let bucketsPerLogRatio: [Double]

  /// A grid of `bins` buckets for losses between `lowest` and `highest` with `target` on
  /// a boundary; `floors[j]` is the lowest loss floor of the levels ≥ j (one per level).
  public init(bins: Int, lowest: Double, highest: Double, target: Double, floors: [Double]) {
    let bins = max(2, bins)
    self.bins = bins
    self.target = target
    belowBins = max(1, bins / 8)
    let lo = min(lowest, target)
    let hi = max(highest, target + 1e-9 * max(1, abs(target)))
    self.lowest = lo
    self.highest = hi
    let fallback = lo - 0.02 * (hi - lo) - 1e-12
    references = floors.map { f in target > f ? f : fallback }
    logSpans = references.map { r in log((hi - r) / (target - r)) }
    let above = Double(bins - belowBins)
    bucketsPerLogRatio = logSpans.map { above / $0 }
  }

  /// The grid of a scenario's graph: from the lowest to the highest of the initial loss,
  /// the levels' floors and the target; `floors[j]` the lowest floor of the levels ≥ j.
  static func spanning(
    _ scenario: Scenario, predictor: any LossPredictor, bins: Int, floors: [Double]
  ) -> LossGrid {
    let t = scenario.training
    let values = (0..<scenario.levelCount).map { predictor.floor(level: $0) }
    let lo = min(t.initialLoss, values.min() ?? t.initialLoss, t.targetLoss)
    let hi = max(t.initialLoss, values.max() ?? t.initialLoss, t.targetLoss)
    return LossGrid(bins: bins, lowest: lo, highest: hi, target: t.targetLoss, floors: floors)
  }

  /// ln((loss − ref_j) / (target − ref_j)) in single precision (within a few ulps; the
  /// solver's bound keeps a margin), for a loss above the target.
  @inline(__always)
  public func logRatio(_ loss: Double, level j: Int) -> Double {
    let r = references[j]
    return Double(logf(Float((loss - r) / (target - r))))
  }

  /// Whether level j's reference is a loss floor (so ``logRatio(_:level:)`` is the
  /// progress a contracting loss form still needs).
  public func referenceIsFloor(level j: Int, floor: Double) -> Bool { references[j] == floor }

  /// The bucket of a loss above the target whose ``logRatio(_:level:)`` is `x`.
  @inline(__always)
  public func aboveBucket(logRatio x: Double, level j: Int) -> Int {
    let above = bins - belowBins
    let b = ceiling(x * bucketsPerLogRatio[j])
    if !(b > 1) { return belowBins }
    return b >= Double(above) ? bins - 1 : belowBins - 1 + Int(b)
  }

  /// The bucket of a loss at or below the target.
  @inline(__always)
  public func belowBucket(_ loss: Double) -> Int {
    guard target > lowest else { return belowBins - 1 }
    let x = ceiling((loss - lowest) / (target - lowest) * Double(belowBins)) - 1
    return x <= 0 ? 0 : min(belowBins - 1, Int(x))
  }

  /// The bucket of `loss` at level j.
  @inline(__always)
  public func bucket(_ loss: Double, level j: Int) -> Int {
    loss <= target ? belowBucket(loss) : aboveBucket(logRatio: logRatio(loss, level: j), level: j)
  }

  /// The largest loss in bucket `b` at level j (the last bucket is open above).
  public func upperEdge(_ b: Int, level j: Int) -> Double {
    if b < belowBins { return lowest + (target - lowest) * Double(b + 1) / Double(belowBins) }
    let above = bins - belowBins
    let x = Double(b - belowBins + 1) / Double(above)
    let r = references[j]
    return r + (target - r) * Double(expf(Float(x * logSpans[j])))
  }
}

/// How the time-expanded graph rounds elapsed time into a bucket: uniform over
/// (0, deadline], rounded up; bucket 0 holds only the start.
public struct TimeGrid: Equatable, Sendable {
  public let bins: Int
  public let width: Double

  /// A grid of `bins` equal time buckets up to `deadline` seconds.
  public init(bins: Int, deadline: Double) {
    self.bins = max(1, bins)
    width = deadline / Double(max(1, bins))
  }

  /// The bucket of a time in seconds (clamped to the grid).
  @inline(__always)
  public func bucket(_ seconds: Double) -> Int {
    let x = ceiling(seconds / width)
    return !(x > 0) ? 0 : (x >= Double(bins) ? bins : Int(x))
  }

  /// The largest time in bucket `b`.
  public func upperEdge(_ b: Int) -> Double { Double(b) * width }
}

/// The least whole number ≥ x for the range the grids use (|x| < 2^52; NaN stays NaN),
/// without the libm call that `rounded(.up)` compiles to on baseline x86-64.
@inline(__always)
func ceiling(_ x: Double) -> Double {
  guard abs(x) < 4.0e15 else { return x }
  let t = Double(Int64(x))
  return t < x ? t + 1 : t
}
