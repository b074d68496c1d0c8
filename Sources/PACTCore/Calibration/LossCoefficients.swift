import Foundation

/// The coefficients of one loss form as a vector for fitting: names, bounds,
/// a default starting point, and the mapping to and from ``LossParameters``.
public struct LossCoefficients: Sendable {
  /// One fitted coefficient.
  public struct Coefficient: Sendable {
    public var name: String
    public var lower: Double
    public var upper: Double
    /// The starting value of the first start (docs/MODEL.md's example for pact-v1's).
    public var start: Double
    /// Drawn log-uniformly for random starts (scale coefficients), else uniformly.
    public var logScale: Bool
  }

  public let model: LossModelKind
  public let coefficients: [Coefficient]

  /// The coefficients of `model` with the bounds calibration searches in.
  public init(model: LossModelKind) {
    self.model = model
    var list: [Coefficient] = [
      Coefficient(name: "rate", lower: 1e-4, upper: 5, start: 0.058, logScale: true),
      Coefficient(name: "stepsExponent", lower: -1, upper: 2, start: 0.37, logScale: false),
      Coefficient(name: "remainingExponent", lower: -1, upper: 4, start: 0.91, logScale: false),
      Coefficient(name: "floor", lower: 0, upper: 3, start: 0.27, logScale: false),
      Coefficient(name: "floorGrowth", lower: 0, upper: 3, start: 0.0007, logScale: false),
      Coefficient(name: "floorExponent", lower: 0.1, upper: 8, start: 3.4, logScale: false),
      Coefficient(name: "pruneShock", lower: 0, upper: 3, start: 0.22, logScale: false),
      Coefficient(name: "skewPenalty", lower: 0, upper: 8, start: 1.0, logScale: false),
    ]
    switch model {
    case .pactV1: break
    case .pactV2:
      list.append(Coefficient(name: "shockExponent", lower: 0.3, upper: 4, start: 1.5, logScale: false))
      list.append(Coefficient(name: "curvature", lower: 0.05, upper: 3, start: 0.8, logScale: false))
      list.append(Coefficient(name: "skewExponent", lower: 0.3, upper: 4, start: 1.5, logScale: false))
    case .pactV3:
      list.append(Coefficient(name: "shockExponent", lower: 0.3, upper: 4, start: 1, logScale: false))
      list.append(Coefficient(name: "curvature", lower: 0.05, upper: 3, start: 1, logScale: false))
      list.append(Coefficient(name: "curvatureSlope", lower: -2, upper: 3, start: 0, logScale: false))
      list.append(Coefficient(name: "skewExponent", lower: 0.3, upper: 4, start: 1, logScale: false))
    }
    coefficients = list
  }

  public var names: [String] { coefficients.map(\.name) }
  public var lower: [Double] { coefficients.map(\.lower) }
  public var upper: [Double] { coefficients.map(\.upper) }
  public var start: [Double] { coefficients.map(\.start) }

  /// The loss parameters of vector `x`.
  public func parameters(_ x: [Double]) -> LossParameters {
    var p = LossParameters(
      model: model, rate: 0, stepsExponent: 0, remainingExponent: 0, floor: 0, floorGrowth: 0, floorExponent: 0,
      pruneShock: 0, skewPenalty: 0)
    for (i, c) in LossParameters.coefficients.enumerated() { p[keyPath: c.keyPath] = x[i] }
    for (i, c) in coefficients.enumerated().dropFirst(LossParameters.coefficients.count) { p.extra[c.name] = x[i] }
    return p
  }

  /// The vector of `parameters` (extra coefficients missing from it take their start value).
  public func vector(_ parameters: LossParameters) -> [Double] {
    let p = parameters
    var x = LossParameters.coefficients.map { p[keyPath: $0.keyPath] }
    for c in coefficients.dropFirst(LossParameters.coefficients.count) { x.append(p.extra[c.name] ?? c.start) }
    return x
  }

  /// Deterministic random starting points inside the bounds (SplitMix64 from `seed`).
  public func randomStarts(_ count: Int, seed: UInt64) -> [[Double]] {
    var state = seed
    func uniform() -> Double {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      z = z ^ (z >> 31)
      return Double(z >> 11) / Double(1 << 53)
    }
    return (0..<max(0, count)).map { _ in
      coefficients.map { c in
        if c.logScale, c.lower > 0 {
          return exp(log(c.lower) + uniform() * (log(c.upper) - log(c.lower)))
        }
        // Keep random starts off the edges, where a projected step can stick.
        return c.lower + (0.05 + 0.9 * uniform()) * (c.upper - c.lower)
      }
    }
  }
}
