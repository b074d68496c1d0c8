import Foundation

/// How far real training strays from a loss form's prediction, measured by calibration
/// on runs the fit did not see: for every round k ≥ 1, the 10 %, 50 % and 90 % quantiles
/// of the relative rollout error (predicted − real) ÷ real. Stored as `loss.band` with
/// three arrays (`low`, `median`, `high`), one number per round; rounds past the last
/// use the last.
///
/// A relative error e means real = predicted ÷ (1 + e), so the loss the real run stays
/// below with confidence c is predicted ÷ (1 + q_{1−c}), q_p the p-quantile of e
/// (interpolated linearly between the stored 0.1, 0.5 and 0.9; clamped outside).
public struct PredictionBand: Equatable, Sendable {
  /// The quantile levels of ``low``, ``median`` and ``high``.
  public static let levels = (low: 0.1, median: 0.5, high: 0.9)
  public var low: [Double]
  public var median: [Double]
  public var high: [Double]

  /// A band of per-round relative-error quantiles (10 %, 50 %, 90 %).
  public init(low: [Double], median: [Double], high: [Double]) {
    self.low = low
    self.median = median
    self.high = high
  }

  /// The p-quantile of the relative error at round k (1-based).
  public func relativeError(round k: Int, quantile p: Double) -> Double {
    guard !low.isEmpty else { return 0 }
    let i = max(0, min(low.count - 1, k - 1))
    let (l, m, h) = (low[i], median[i], high[i])
    if p <= Self.levels.low { return l }
    if p >= Self.levels.high { return h }
    if p <= Self.levels.median {
      return l + (m - l) * (p - Self.levels.low) / (Self.levels.median - Self.levels.low)
    }
    return m + (h - m) * (p - Self.levels.median) / (Self.levels.high - Self.levels.median)
  }

  /// The real loss at round k that training stays below with confidence c, for a
  /// predicted loss.
  public func pessimisticLoss(predicted: Double, round k: Int, confidence c: Double) -> Double {
    predicted / max(1e-9, 1 + relativeError(round: k, quantile: 1 - c))
  }

  /// The real loss at round k that training reaches at least with confidence c (the
  /// optimistic edge of the band).
  public func optimisticLoss(predicted: Double, round k: Int, confidence c: Double) -> Double {
    predicted / max(1e-9, 1 + relativeError(round: k, quantile: c))
  }

  /// The target a prediction must meet so that the real loss meets `target` with
  /// confidence c whatever the plan's length (1…`rounds`): target × min over k of
  /// (1 + q_{1−c}(k)), never above `target` — the band tightens a plan, never loosens it.
  public func planningTarget(_ target: Double, confidence c: Double, rounds: Int) -> Double {
    var factor = 1.0
    for k in 1...max(1, rounds) { factor = min(factor, 1 + relativeError(round: k, quantile: 1 - c)) }
    return target * max(0, factor)
  }

  /// Problems with the numbers, named by key (`loss.band.low`).
  func issues() -> [ScenarioIssue] {
    var out: [ScenarioIssue] = []
    if low.isEmpty || low.count != median.count || low.count != high.count {
      out.append(ScenarioIssue("loss.band", "low, median and high must be arrays of the same length ≥ 1"))
      return out
    }
    for (name, values) in [("low", low), ("median", median), ("high", high)] {
      if let i = values.firstIndex(where: { !($0.isFinite && $0 > -1) }) {
        out.append(ScenarioIssue("loss.band.\(name)[\(i)]", "must be a finite number > -1 (a relative error)"))
      }
    }
    if out.isEmpty, let i = low.indices.first(where: { !(low[$0] <= median[$0] && median[$0] <= high[$0]) }) {
      out.append(ScenarioIssue("loss.band", "round \(i + 1): low ≤ median ≤ high must hold"))
    }
    return out
  }
}
