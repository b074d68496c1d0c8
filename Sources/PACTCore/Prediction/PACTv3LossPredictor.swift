import Foundation

/// A loss form built on what the shared digits traces (four partition seeds, small-set
/// policies included) show about pact-v1's errors (README, "Calibration"). Selected by
/// `"loss": {"model": "pact-v3", …}`; four coefficients beyond pact-v1's go in
/// `loss.extra`: `shockExponent` (e), `curvature` (k0), `curvatureSlope` (k1) and
/// `skewExponent` (q).
///
/// 1. pruning shock, when j > j_prev, **additive**: ℓ ← ℓ + pruneShock · (1/r − 1/r_prev)^e.
///    It does not scale with initialLoss − ℓ, so a small late pruning costs little, where
///    pact-v1's ln(r_prev / r) · (initialLoss − ℓ) overshoots gradual schedules.
/// 2. floor: ℓ∞ = floor + floorGrowth · (1/r − 1)^floorExponent (as pact-v1; the traces
///    fit floorGrowth ≈ 0: pruned networks are slow, not held up).
/// 3. rate: ρ = rate · u^stepsExponent · r^remainingExponent · max(0, 1 − skewPenalty · δ^q).
/// 4. curvature by level: x = ℓ − ℓ∞ follows dx/dt = −ρ · |x|^κ with
///    κ_j = max(0.05, k0 + k1 · (1 − r_j)): near-exponential unpruned, flatter when heavily
///    pruned (`PowerLawDescent`).
///
/// The epoch factor is exp(−ρ), so smaller means faster. The new loss is non-decreasing
/// in the old one (the shock adds a constant per (j_prev, j), the descent is increasing
/// in x); above the floor it is non-decreasing in the factor, below it non-increasing.
public struct PACTv3LossPredictor: LossPredictor {
  /// Names of the coefficients this form reads from `loss.extra`.
  public static let extraCoefficients = ["curvature", "curvatureSlope", "shockExponent", "skewExponent"]
  /// Defaults when a coefficient is missing from `loss.extra`.
  public static let defaults: [String: Double] = [
    "curvature": 1, "curvatureSlope": 0, "shockExponent": 1, "skewExponent": 1,
  ]
  /// The smallest κ a level gets.
  public static let minimumCurvature = 0.05

  public let parameters: LossParameters
  public let levels: [Double]
  public let initialLoss: Double
  /// κ_j per level.
  public let curvatures: [Double]
  public let shockExponent: Double
  public let skewExponent: Double
  private let floors: [Double]
  /// The additive shock at `prev * J + j`.
  private let shocks: [Double]
  private let oneMinusKappa: [Double]
  private let levelRates: [Double]

  /// The predictor of `parameters` (extra coefficients from `loss.extra`) for these levels.
  public init(parameters: LossParameters, pruningLevels: [Double], initialLoss: Double) {
    self.parameters = parameters
    self.levels = pruningLevels
    self.initialLoss = initialLoss
    func extra(_ name: String) -> Double { parameters.extra[name] ?? Self.defaults[name] ?? 1 }
    let k0 = extra("curvature")
    let k1 = extra("curvatureSlope")
    let e = extra("shockExponent")
    shockExponent = e
    skewExponent = extra("skewExponent")
    curvatures = pruningLevels.map { max(Self.minimumCurvature, k0 + k1 * (1 - $0)) }
    oneMinusKappa = curvatures.map { abs(1 - $0) < 1e-9 ? 0 : 1 - $0 }
    floors = parameters.floors(pruningLevels)
    let J = pruningLevels.count
    var table = [Double](repeating: 0, count: J * J)
    for prev in 0..<J {
      for j in 0..<J where j > prev {
        let gap = max(0, 1 / pruningLevels[j] - 1 / pruningLevels[prev])
        table[prev * J + j] = max(0, parameters.pruneShock * pow(gap, e))
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

  /// ℓ + pruneShock · (1/r − 1/r_prev)^e when j > j_prev, else ℓ.
  public func shock(loss: Double, previousLevel: Int, level j: Int) -> Double {
    guard j > previousLevel else { return loss }
    return loss + shocks[previousLevel * levels.count + j]
  }

  /// One epoch of the power-law descent with the level's curvature κ_j.
  public func descend(shocked l: Double, level j: Int, factor: Double) -> Double {
    PowerLawDescent.step(from: l, floor: floors[j], factor: factor, oneMinusKappa: oneMinusKappa[j])
  }

  /// 1 − κ_j (0 for κ_j = 1).
  @inline(__always)
  public func descentExponent(level j: Int) -> Double { oneMinusKappa[j] }

  /// |x|^(1−κ) of the shocked loss (``PowerLawDescent/base(from:floor:oneMinusKappa:)``).
  @inline(__always)
  public func descentBase(shocked l: Double, level j: Int) -> Double {
    PowerLawDescent.base(from: l, floor: floors[j], oneMinusKappa: oneMinusKappa[j])
  }

  @inline(__always)
  public func descend(shocked l: Double, level j: Int, factor: Double, logFactor: Double, base: Double) -> Double {
    PowerLawDescent.step(
      from: l, floor: floors[j], factor: factor, logFactor: logFactor, base: base, oneMinusKappa: oneMinusKappa[j])
  }
}
