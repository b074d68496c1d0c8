import Foundation

/// A loss form fitted to the shared digits traces that predicts held-out runs
/// better than `pact-v1` (see README, "Calibration"). Selected by
/// `"loss": {"model": "pact-v2", …}`; three coefficients beyond pact-v1's go in
/// `loss.extra`: `shockExponent` (s), `curvature` (κ) and `skewExponent` (q).
///
/// 1. pruning shock, when j > j_prev: σ = 1 − exp(−pruneShock · (1/r − 1/r_prev)^s);
///    ℓ ← ℓ + σ · max(0, initialLoss − ℓ). A step from 0.8 to 0.64 hurts more than
///    one from 1 to 0.8, as measured, where pact-v1's ln(r_prev / r) treats them alike.
/// 2. floor: ℓ∞ = floor + floorGrowth · (1/r − 1)^floorExponent (as pact-v1)
/// 3. rate: ρ = rate · u^stepsExponent · r^remainingExponent · max(0, 1 − skewPenalty · δ^q): mild
///    skew costs little, strong skew (sets missing whole classes) much more.
/// 4. x = ℓ − ℓ∞ follows dx/dt = −ρ · |x|^κ · sign(x) for one epoch:
///    |x'| = max(0, |x|^(1−κ) − (1−κ) · ρ)^(1/(1−κ)), sign kept (κ = 1 is pact-v1's exp(−ρ)).
///    κ < 1 gives the nearly linear descent of heavily pruned models.
///
/// The epoch factor is exp(−ρ) as in pact-v1, so smaller means faster. The new
/// loss is non-decreasing in the old one (σ ≤ 1 and the descent map is
/// increasing in |x|); above the floor it is non-decreasing in the factor and
/// below the floor non-increasing, as for pact-v1.
public struct PACTv2LossPredictor: LossPredictor {
  /// Names of the coefficients this form reads from `loss.extra`.
  public static let extraCoefficients = ["curvature", "shockExponent", "skewExponent"]
  /// Defaults when a coefficient is missing from `loss.extra`: pact-v1-like curvature 1, exponents 1.
  public static let defaults: [String: Double] = ["curvature": 1, "shockExponent": 1, "skewExponent": 1]

  public let parameters: LossParameters
  public let levels: [Double]
  public let initialLoss: Double
  /// κ.
  public let curvature: Double
  /// s.
  public let shockExponent: Double
  /// q.
  public let skewExponent: Double
  private let floors: [Double]
  /// σ at `prev * J + j`.
  private let shocks: [Double]
  private let oneMinusKappa: Double
  /// rate · r_j^remainingExponent, the part of ρ that depends on the level only.
  private let levelRates: [Double]

  /// The predictor of `parameters` (extra coefficients from `loss.extra`) for these levels.
  public init(parameters: LossParameters, pruningLevels: [Double], initialLoss: Double) {
    self.parameters = parameters
    self.levels = pruningLevels
    self.initialLoss = initialLoss
    let kappa = parameters.extra["curvature"] ?? Self.defaults["curvature"] ?? 1
    let s = parameters.extra["shockExponent"] ?? Self.defaults["shockExponent"] ?? 1
    curvature = kappa
    shockExponent = s
    skewExponent = parameters.extra["skewExponent"] ?? Self.defaults["skewExponent"] ?? 1
    oneMinusKappa = abs(1 - kappa) < 1e-9 ? 0 : 1 - kappa
    floors = parameters.floors(pruningLevels)
    let J = pruningLevels.count
    var table = [Double](repeating: 0, count: J * J)
    for prev in 0..<J {
      for j in 0..<J where j > prev {
        let gap = max(0, 1 / pruningLevels[j] - 1 / pruningLevels[prev])
        table[prev * J + j] = min(1, max(0, 1 - exp(-parameters.pruneShock * pow(gap, s))))
      }
    }
    shocks = table
    levelRates = parameters.levelRates(pruningLevels)
  }

  /// ℓ∞ at level j.
  public func floor(level j: Int) -> Double { floors[j] }

  /// ρ = rate · u^stepsExponent · r^remainingExponent · max(0, 1 − skewPenalty · δ^q).
  public func rate(meanSteps u: Double, skew delta: Double, level j: Int) -> Double {
    parameters.skewedRate(levelRate: levelRates[j], meanSteps: u, skew: delta, exponent: skewExponent)
  }

  /// ℓ + σ · max(0, initialLoss − ℓ) when j > j_prev, else ℓ.
  public func shock(loss: Double, previousLevel: Int, level j: Int) -> Double {
    guard j > previousLevel else { return loss }
    return loss + shocks[previousLevel * levels.count + j] * max(0, initialLoss - loss)
  }

  /// One epoch of the power-law descent with curvature κ.
  public func descend(shocked l: Double, level j: Int, factor: Double) -> Double {
    PowerLawDescent.step(from: l, floor: floors[j], factor: factor, oneMinusKappa: oneMinusKappa)
  }

  /// 1 − κ (0 for κ = 1).
  @inline(__always)
  public func descentExponent(level j: Int) -> Double { oneMinusKappa }

  /// |x|^(1−κ) of the shocked loss (``PowerLawDescent/base(from:floor:oneMinusKappa:)``).
  @inline(__always)
  public func descentBase(shocked l: Double, level j: Int) -> Double {
    PowerLawDescent.base(from: l, floor: floors[j], oneMinusKappa: oneMinusKappa)
  }

  @inline(__always)
  public func descend(shocked l: Double, level j: Int, factor: Double, logFactor: Double, base: Double) -> Double {
    PowerLawDescent.step(
      from: l, floor: floors[j], factor: factor, logFactor: logFactor, base: base, oneMinusKappa: oneMinusKappa)
  }
}
