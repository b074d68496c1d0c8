import Foundation

/// A successor's ``LossGrid/logRatio(_:level:)`` without a logarithm per successor
/// (pact-v1) or without its descent (the power-law forms).
///
/// pact-v1 moves ℓ − ℓ∞ by the decision's factor f, so above the target a successor's
/// log-ratio to its level's floor is the shocked state's plus ln f — when the grid
/// measures that level from its own floor. The solvers' layer expansions (PACT's pass and
/// the proven bound's forward pass) take the shocked state's once per state and level
/// (``base(shocked:level:)``) and add each decision's ln f.
///
/// The power-law descent (pact-v2, pact-v3; ``PowerLawDescent``) leaves
/// |ℓ' − ℓ∞|^c = b = |x|^c − c·ρ with c = 1 − κ and ρ = −ln f, so above the floor
/// ln(ℓ' − ℓ∞) = ln(b) / c: one logarithm gives the log-ratio, and a successor that the
/// bound drops never needs its power (``aboveTarget(shocked:descentBase:logFactor:level:)``).
struct SuccessorLogRatio {
  /// Per level: whether the log-ratio is additive there, and ln(target − floor).
  private let additive: [Bool]
  private let logTargetGap: [Double]
  private let floors: [Double]
  /// Per level: the power-law descent's c = 1 − κ where its log-ratio is taken from b
  /// (0: it is not).
  private let exponents: [Double]

  /// A log-ratio above this is a loss above the target whatever the rounding of the
  /// descent (the logarithm of b is within a few ulps of the loss's).
  static let aboveMargin = 1e-9

  /// For `grid` with `floors[j]` the lowest floor of the levels ≥ j; `linear` when the
  /// loss form is pact-v1 (no other form moves ℓ − ℓ∞ by the factor); `exponents[j]`
  /// the form's 1 − κ at level j (``LossPredictor/descentExponent(level:)``) and
  /// `usable[j]` whether the caller may take a log-ratio at level j without the loss
  /// (its bound reads the loss only through it there).
  init(grid: LossGrid, floors: [Double], linear: Bool, exponents: [Double] = [], usable: [Bool] = []) {
    self.floors = floors
    let measured = floors.indices.map { j in
      grid.referenceIsFloor(level: j, floor: floors[j]) && grid.target > floors[j]
    }
    additive = floors.indices.map { linear && measured[$0] }
    self.exponents = floors.indices.map { j in
      !linear && measured[j] && j < exponents.count && j < usable.count && usable[j] ? exponents[j] : 0
    }
    logTargetGap = floors.map { grid.target > $0 ? log(grid.target - $0) : 0 }
  }

  /// The shocked loss's log-ratio at level j, to which a successor adds ln f; nil when a
  /// successor's must be computed from its loss.
  @inline(__always)
  func base(shocked: Double, level j: Int) -> Double? {
    additive[j] && shocked > floors[j] ? log(shocked - floors[j]) - logTargetGap[j] : nil
  }

  /// Whether level j's successors may take ``aboveTarget(shocked:descentBase:logFactor:level:)``.
  @inline(__always)
  func powerLaw(level j: Int) -> Bool { exponents[j] != 0 }

  /// A power-law successor's log-ratio from the shocked loss's descent base
  /// (``LossPredictor/descentBase(shocked:level:)``, |x|^c) and ln f, when its loss is
  /// certainly above the target (the log-ratio over ``aboveMargin``); nil otherwise —
  /// then the successor's loss decides. (ρ = −ln f, so b = |x|^c + c·ln f; the descent
  /// leaves ℓ' = ℓ∞ + b^(1/c) when x > 0 and b > 0, finite.)
  @inline(__always)
  func aboveTarget(shocked: Double, descentBase: Double, logFactor: Double, level j: Int) -> Double? {
    let c = exponents[j]
    guard c != 0, shocked > floors[j] else { return nil }
    let b = descentBase + c * logFactor
    guard b > 0, b.isFinite else { return nil }
    let ratio = log(b) / c - logTargetGap[j]
    return ratio > SuccessorLogRatio.aboveMargin ? ratio : nil
  }
}
