import Foundation

/// A successor's ``LossGrid/logRatio(_:level:)`` without a logarithm per successor.
///
/// pact-v1 moves ℓ − ℓ∞ by the decision's factor f, so above the target a successor's
/// log-ratio to its level's floor is the shocked state's plus ln f — when the grid
/// measures that level from its own floor. The solvers' layer expansions (PACT's pass and
/// the proven bound's forward pass) take the shocked state's once per state and level
/// (``base(shocked:level:)``) and add each decision's ln f.
struct SuccessorLogRatio {
  /// Per level: whether the log-ratio is additive there, and ln(target − floor).
  private let additive: [Bool]
  private let logTargetGap: [Double]
  private let floors: [Double]

  /// For `grid` with `floors[j]` the lowest floor of the levels ≥ j; `linear` when the
  /// loss form is pact-v1 (no other form moves ℓ − ℓ∞ by the factor).
  init(grid: LossGrid, floors: [Double], linear: Bool) {
    self.floors = floors
    additive = floors.indices.map { j in
      linear && grid.referenceIsFloor(level: j, floor: floors[j]) && grid.target > floors[j]
    }
    logTargetGap = floors.map { grid.target > $0 ? log(grid.target - $0) : 0 }
  }

  /// The shocked loss's log-ratio at level j, to which a successor adds ln f; nil when a
  /// successor's must be computed from its loss.
  @inline(__always)
  func base(shocked: Double, level j: Int) -> Double? {
    additive[j] && shocked > floors[j] ? log(shocked - floors[j]) - logTargetGap[j] : nil
  }
}
