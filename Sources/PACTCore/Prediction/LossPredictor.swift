import Foundation

/// Predicts the training loss from epoch to epoch.
///
/// The state is (loss, level). An epoch at level j with set statistics (u, δ)
/// coming from level j_prev maps the loss in two steps: the pruning shock
/// (``shock(loss:previousLevel:level:)``, the set plays no part) and the descent
/// (``descend(shocked:level:factor:)``) with a per-(set, level)
/// ``epochFactor(meanSteps:skew:level:)`` that the solvers precompute once per
/// candidate set; ``next(loss:previousLevel:level:factor:)`` is the two together. The
/// solvers shock once per (state, level) and descend once per candidate set.
///
/// Every form must keep the properties the solvers rely on:
/// - the new loss is non-decreasing in the old one (so a state with less loss,
///   time and energy dominates);
/// - a factor of 1 means no progress: `next(loss:…factor: 1)` is the loss after
///   the pruning shock alone;
/// - `next` is non-decreasing in the factor when that shocked loss is above
///   ``floor(level:)`` (a smaller factor is more progress) and non-increasing
///   below it, where the loss rises toward the floor (so node sets can be
///   Pareto-filtered on their factor in both directions).
public protocol LossPredictor: Sendable {
  /// The loss before training (training.initialLoss).
  var initialLoss: Double { get }
  /// ℓ∞ at level j: the loss this level converges to.
  func floor(level j: Int) -> Double
  /// ρ, the per-epoch convergence rate for a set with mean local steps u and skew δ at level j.
  func rate(meanSteps u: Double, skew delta: Double, level j: Int) -> Double
  /// The number an epoch's update needs from its set, precomputed per (set, level);
  /// for `pact-v1` it is exp(−ρ). Smaller means faster progress toward the floor.
  func epochFactor(meanSteps u: Double, skew delta: Double, level j: Int) -> Double
  /// The loss after the pruning shock of going from level j_prev to level j (the loss
  /// itself when j = j_prev).
  func shock(loss: Double, previousLevel: Int, level: Int) -> Double
  /// The loss after an epoch at level j whose set has `factor`, from the shocked loss.
  func descend(shocked: Double, level: Int, factor: Double) -> Double
  /// What every descent from one shocked loss at level j shares (the solvers compute it
  /// once per state and level), for ``descend(shocked:level:factor:logFactor:base:)``.
  func descentBase(shocked: Double, level: Int) -> Double
  /// ``descend(shocked:level:factor:)`` given ``descentBase(shocked:level:)`` and
  /// ln(factor): the same number, with the shared work done once.
  func descend(shocked: Double, level: Int, factor: Double, logFactor: Double, base: Double) -> Double
  /// 1 − κ of a power-law descent at level j (``PowerLawDescent``), whose
  /// ``descentBase(shocked:level:)`` is |ℓ − ℓ∞|^(1−κ); 0 for a form that is not one.
  func descentExponent(level: Int) -> Double
}

extension LossPredictor {
  /// Nothing shared by default.
  @inline(__always)
  public func descentBase(shocked: Double, level: Int) -> Double { 0 }

  /// Not a power-law descent by default.
  @inline(__always)
  public func descentExponent(level: Int) -> Double { 0 }

  @inline(__always)
  public func descend(shocked: Double, level: Int, factor: Double, logFactor: Double, base: Double) -> Double {
    descend(shocked: shocked, level: level, factor: factor)
  }

  /// The loss after an epoch at level j (from level j_prev) whose set has `factor`:
  /// the shock, then the descent.
  @inline(__always)
  public func next(loss: Double, previousLevel: Int, level: Int, factor: Double) -> Double {
    descend(shocked: shock(loss: loss, previousLevel: previousLevel, level: level), level: level, factor: factor)
  }

  /// exp(−ρ), the factor of every form so far.
  public func epochFactor(meanSteps u: Double, skew delta: Double, level j: Int) -> Double {
    exp(-rate(meanSteps: u, skew: delta, level: j))
  }

  /// The loss after one epoch with set statistics (u, δ): ``next(loss:previousLevel:level:factor:)``
  /// of ``epochFactor(meanSteps:skew:level:)``.
  public func next(loss: Double, previousLevel: Int, level: Int, meanSteps u: Double, skew delta: Double) -> Double {
    next(
      loss: loss, previousLevel: previousLevel, level: level,
      factor: epochFactor(meanSteps: u, skew: delta, level: level))
  }
}

extension LossParameters {
  /// ℓ∞ per level: floor + floorGrowth · (1/r − 1)^floorExponent (MODEL.md; every form).
  func floors(_ levels: [Double]) -> [Double] {
    levels.map { r in floor + floorGrowth * pow(1 / r - 1, floorExponent) }
  }

  /// rate · r^remainingExponent per level: the part of ρ that depends on the level only.
  func levelRates(_ levels: [Double]) -> [Double] {
    levels.map { rate * pow($0, remainingExponent) }
  }

  /// ρ with the skew raised to `exponent` (pact-v2 and pact-v3):
  /// levelRate · u^stepsExponent · max(0, 1 − skewPenalty · δ^exponent).
  @inline(__always)
  func skewedRate(levelRate: Double, meanSteps u: Double, skew delta: Double, exponent: Double) -> Double {
    let skew = delta > 0 ? pow(delta, exponent) : 0
    return levelRate * pow(u, stepsExponent) * max(0, 1 - skewPenalty * skew)
  }
}

/// The pinned loss form of docs/MODEL.md, "Loss prediction, pact-v1".
///
/// 1. pruning shock, when j > j_prev: ℓ ← ℓ + min(1, pruneShock · ln(r_prev / r)) · max(0, initialLoss − ℓ)
/// 2. floor: ℓ∞ = floor + floorGrowth · (1/r − 1)^floorExponent
/// 3. rate: ρ = rate · u^stepsExponent · r^remainingExponent · max(0, 1 − skewPenalty · δ)
/// 4. ℓ ← ℓ∞ + (ℓ − ℓ∞) · exp(−ρ)
public struct PACTv1LossPredictor: LossPredictor {
  public let parameters: LossParameters
  public let levels: [Double]
  public let initialLoss: Double
  private let floors: [Double]
  /// min(1, pruneShock · ln(r_prev / r)) at `prev * J + j`.
  private let shocks: [Double]
  /// rate · r_j^remainingExponent, the part of ρ that depends on the level only.
  private let levelRates: [Double]

  /// The predictor of `parameters` for these levels and initial loss.
  public init(parameters: LossParameters, pruningLevels: [Double], initialLoss: Double) {
    self.parameters = parameters
    self.levels = pruningLevels
    self.initialLoss = initialLoss
    floors = parameters.floors(pruningLevels)
    let J = pruningLevels.count
    var s = [Double](repeating: 0, count: J * J)
    for prev in 0..<J {
      for j in 0..<J where j > prev {
        s[prev * J + j] = min(1, parameters.pruneShock * log(pruningLevels[prev] / pruningLevels[j]))
      }
    }
    shocks = s
    levelRates = parameters.levelRates(pruningLevels)
  }

  /// ℓ∞ at level j.
  public func floor(level j: Int) -> Double { floors[j] }

  /// ρ = rate · u^stepsExponent · r^remainingExponent · max(0, 1 − skewPenalty · δ).
  public func rate(meanSteps u: Double, skew delta: Double, level j: Int) -> Double {
    levelRates[j] * pow(u, parameters.stepsExponent) * max(0, 1 - parameters.skewPenalty * delta)
  }

  /// ℓ + min(1, pruneShock · ln(r_prev / r)) · max(0, initialLoss − ℓ) when j > j_prev, else ℓ.
  @inline(__always)
  public func shock(loss: Double, previousLevel: Int, level j: Int) -> Double {
    guard j > previousLevel else { return loss }
    return loss + shocks[previousLevel * levels.count + j] * max(0, initialLoss - loss)
  }

  /// ℓ∞ + (ℓ − ℓ∞) · factor.
  @inline(__always)
  public func descend(shocked l: Double, level j: Int, factor: Double) -> Double {
    let lInf = floors[j]
    return lInf + (l - lInf) * factor
  }
}

/// The registry of loss-model forms: builds the predictor a scenario names.
public enum LossPredictors {
  /// The predictor for `scenario.loss.model`.
  public static func make(_ scenario: Scenario) -> any LossPredictor {
    make(scenario.loss, pruningLevels: scenario.model.pruningLevels, initialLoss: scenario.training.initialLoss)
  }

  /// The predictor of `parameters` for these levels and initial loss.
  public static func make(_ parameters: LossParameters, pruningLevels: [Double], initialLoss: Double)
    -> any LossPredictor
  {
    switch parameters.model {
    case .pactV1:
      return PACTv1LossPredictor(parameters: parameters, pruningLevels: pruningLevels, initialLoss: initialLoss)
    case .pactV2:
      return PACTv2LossPredictor(parameters: parameters, pruningLevels: pruningLevels, initialLoss: initialLoss)
    case .pactV3:
      return PACTv3LossPredictor(parameters: parameters, pruningLevels: pruningLevels, initialLoss: initialLoss)
    }
  }

  /// Coefficient names a form reads beyond pact-v1's.
  public static func extraCoefficients(for kind: LossModelKind) -> [String] {
    switch kind {
    case .pactV1: return []
    case .pactV2: return PACTv2LossPredictor.extraCoefficients
    case .pactV3: return PACTv3LossPredictor.extraCoefficients
    }
  }

  /// Form-specific rules on the coefficients (beyond finiteness).
  static func validate(_ parameters: LossParameters) -> [ScenarioIssue] {
    switch parameters.model {
    case .pactV1:
      return []
    case .pactV2:
      var issues: [ScenarioIssue] = []
      for name in PACTv2LossPredictor.extraCoefficients {
        if let x = parameters.extra[name], !(x.isFinite && x > 0) {
          issues.append(ScenarioIssue("loss.\(name)", "must be a finite number > 0"))
        }
      }
      return issues
    case .pactV3:
      var issues: [ScenarioIssue] = []
      for name in PACTv3LossPredictor.extraCoefficients {
        guard let x = parameters.extra[name] else { continue }
        if !x.isFinite {
          issues.append(ScenarioIssue("loss.\(name)", "must be a finite number"))
        } else if name != "curvatureSlope" && x <= 0 {
          issues.append(ScenarioIssue("loss.\(name)", "must be > 0"))
        }
      }
      return issues
    }
  }
}
