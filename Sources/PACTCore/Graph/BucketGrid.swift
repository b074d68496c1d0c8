import Foundation

/// How the time-expanded graph rounds a state's loss into a bucket.
///
/// Losses at or below the target fall in the lowest `belowBins` buckets
/// (uniform from the lowest floor up to the target, so the target is always a
/// bucket boundary: no bucket mixes states that meet the target with ones
/// that do not). Losses above the target are spaced logarithmically in their
/// distance to a reference just under the lowest floor. Since pact-v1 moves
/// ℓ − ℓ∞ by a constant factor each epoch, log spacing keeps the same relative
/// resolution along a whole trajectory and puts most buckets near the target,
/// where rounding decides feasibility. Buckets are rounded up: bucket b holds
/// losses in (upperEdge(b − 1), upperEdge(b)].
public struct LossGrid: Equatable, Sendable {
  public let bins: Int
  public let target: Double
  /// Buckets 0..<belowBins hold losses ≤ target.
  public let belowBins: Int
  public let lowest: Double
  public let highest: Double
  let reference: Double
  let logSpan: Double

  /// A grid of `bins` buckets for losses between `lowest` and `highest` with `target` on a boundary.
  public init(bins: Int, lowest: Double, highest: Double, target: Double) {
    let bins = max(2, bins)
    self.bins = bins
    self.target = target
    belowBins = max(1, bins / 8)
    let lo = min(lowest, target)
    let hi = max(highest, target + 1e-9 * max(1, abs(target)))
    self.lowest = lo
    self.highest = hi
    reference = lo - 0.02 * (hi - lo) - 1e-12
    logSpan = log((hi - reference) / (target - reference))
  }

  /// The bucket of `loss`.
  @inline(__always)
  public func bucket(_ loss: Double) -> Int {
    if loss <= target {
      guard target > lowest else { return belowBins - 1 }
      let x = ((loss - lowest) / (target - lowest) * Double(belowBins)).rounded(.up) - 1
      return x <= 0 ? 0 : min(belowBins - 1, Int(x))
    }
    let above = bins - belowBins
    // Single precision is plenty for ≤ 4096 buckets and about three times cheaper; the same
    // function serves every user of the grid, so bucketing stays consistent.
    let x = (Double(logf(Float((loss - reference) / (target - reference)))) / logSpan * Double(above)).rounded(.up)
    if !(x > 1) { return belowBins }
    return x >= Double(above) ? bins - 1 : belowBins - 1 + Int(x)
  }

  /// The largest loss in bucket `b` (the last bucket is open above).
  public func upperEdge(_ b: Int) -> Double {
    if b < belowBins { return lowest + (target - lowest) * Double(b + 1) / Double(belowBins) }
    let above = bins - belowBins
    let x = Double(b - belowBins + 1) / Double(above)
    return reference + (target - reference) * Double(expf(Float(x * logSpan)))
  }
}

/// How the time-expanded graph rounds elapsed time into a bucket: uniform over
/// (0, deadline], rounded up; bucket 0 holds only the start.
public struct TimeGrid: Equatable, Sendable {
  public let bins: Int
  public let width: Double

  public init(bins: Int, deadline: Double) {
    self.bins = max(1, bins)
    width = deadline / Double(max(1, bins))
  }

  @inline(__always)
  public func bucket(_ seconds: Double) -> Int {
    let x = (seconds / width).rounded(.up)
    return !(x > 0) ? 0 : (x >= Double(bins) ? bins : Int(x))
  }

  /// The largest time in bucket `b`.
  public func upperEdge(_ b: Int) -> Double { Double(b) * width }
}
