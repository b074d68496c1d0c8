import Foundation

/// A chart axis: maps data values to pixels and chooses "nice" ticks
/// (1, 2 or 5 × 10^k steps for linear axes; powers of ten for log axes).
public struct AxisScale: Sendable {
  /// A linear or a base-10 logarithmic axis.
  public enum Kind: Sendable, Equatable { case linear, log10 }
  public let kind: Kind
  /// The data range shown (after rounding out to ticks).
  public let lower: Double
  public let upper: Double
  /// Tick values, ascending, within lower…upper.
  public let ticks: [Double]
  /// Digits after the point for linear tick labels.
  private let decimals: Int

  /// A linear axis covering `minimum…maximum` with about `count` ticks.
  public static func linear(_ minimum: Double, _ maximum: Double, count: Int = 5, includeZero: Bool = false)
    -> AxisScale
  {
    var lo = minimum.isFinite ? minimum : 0
    var hi = maximum.isFinite ? maximum : 1
    if includeZero {
      lo = min(lo, 0)
      hi = max(hi, 0)
    }
    if hi < lo { swap(&lo, &hi) }
    if hi - lo < 1e-12 * max(1, abs(hi)) {
      let pad = abs(hi) > 0 ? abs(hi) * 0.1 : 1
      lo -= pad
      hi += pad
      if includeZero && minimum >= 0 { lo = max(lo, 0) }
    }
    let step = niceStep((hi - lo) / Double(max(1, count)))
    let firstIndex = (lo / step).rounded(.down)
    let lastIndex = (hi / step).rounded(.up)
    let decimals = max(0, -Int(log10(step).rounded(.down)))
    let unit = pow(10, Double(decimals))
    // Multiples of the step, rounded to its decimals so that 3 × 0.1 is 0.3.
    let ticks = stride(from: firstIndex, through: lastIndex, by: 1).map { i -> Double in
      let v = (i * step * unit).rounded() / unit
      return v == 0 ? 0 : v
    }
    let first = ticks.first ?? lo
    let last = ticks.last ?? hi
    return AxisScale(kind: .linear, lower: first, upper: last, ticks: ticks, decimals: decimals)
  }

  /// A log₁₀ axis covering `minimum…maximum` (both > 0). Within one decade the
  /// ends and ticks are 1, 2, 3, 5 × 10^k; within three, 1, 2, 5 × 10^k; beyond,
  /// powers of ten.
  public static func log(_ minimum: Double, _ maximum: Double) -> AxisScale {
    var lo = minimum > 0 && minimum.isFinite ? minimum : 1e-3
    var hi = maximum > 0 && maximum.isFinite ? maximum : lo * 10
    if hi < lo { swap(&lo, &hi) }
    let e0 = Int(Foundation.log10(lo).rounded(.down))
    var e1 = Int(Foundation.log10(hi).rounded(.up))
    if e1 <= e0 { e1 = e0 + 1 }
    let multipliers: [Double] = e1 - e0 <= 1 ? [1, 2, 3, 5] : (e1 - e0 <= 3 ? [1, 2, 5] : [1])
    var candidates: [Double] = []
    for e in e0...e1 {
      for m in multipliers { candidates.append(m * pow(10, Double(e))) }
    }
    let tolerance = 1e-9
    var lower = candidates.last { $0 <= lo * (1 + tolerance) } ?? pow(10, Double(e0))
    var upper = candidates.first { $0 >= hi * (1 - tolerance) } ?? pow(10, Double(e1))
    if upper <= lower {
      // A single value: one step either side.
      lower = candidates.last { $0 < lower } ?? lower / 2
      upper = candidates.first { $0 > upper } ?? upper * 2
    }
    let ticks = candidates.filter { $0 >= lower * (1 - tolerance) && $0 <= upper * (1 + tolerance) }
    return AxisScale(kind: .log10, lower: lower, upper: upper, ticks: ticks, decimals: 0)
  }

  /// 1, 2 or 5 × 10^k, the smallest not below `raw`.
  static func niceStep(_ raw: Double) -> Double {
    guard raw > 0, raw.isFinite else { return 1 }
    let magnitude = pow(10, Foundation.log10(raw).rounded(.down))
    for m in [1.0, 2, 5, 10] where m * magnitude >= raw * (1 - 1e-9) { return m * magnitude }
    return 10 * magnitude
  }

  /// The fraction 0…1 of the axis at which `value` lies.
  public func fraction(_ value: Double) -> Double {
    switch kind {
    case .linear:
      return upper > lower ? (value - lower) / (upper - lower) : 0.5
    case .log10:
      guard value > 0 else { return 0 }
      return (Foundation.log10(value) - Foundation.log10(lower)) / (Foundation.log10(upper) - Foundation.log10(lower))
    }
  }

  /// A tick's label (`0.25`, `1200`, `0.01`).
  public func label(_ value: Double) -> String {
    switch kind {
    case .linear:
      return String(format: "%.\(decimals)f", value)
    case .log10:
      return Format.number(value, digits: 3)
    }
  }

  /// The SI factor and prefix that keep values up to `maximum` below 1000 (`(1e3, "k")`).
  public static func siPrefix(for maximum: Double) -> (factor: Double, prefix: String) {
    let prefixes = ["", "k", "M", "G", "T", "P"]
    var factor = 1.0
    var i = 0
    while abs(maximum) / factor >= 1000, i < prefixes.count - 1 {
      factor *= 1000
      i += 1
    }
    return (factor, prefixes[i])
  }
}
