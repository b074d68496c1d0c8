import Foundation
import Testing

@testable import PACTCore

/// The whole-epoch program (``WholeEpochBound``): on one level it is the cheapest multiset
/// of decisions that covers the progress (checked against a brute force), never above it,
/// and above the per-unit price where a plan cannot buy the fraction of an epoch; on
/// generated pact-v1 instances it is never above the exact optimum.
@Suite struct WholeEpochBoundTests {
  /// The least joules of a multiset of `decisions` whose ρ sum to at least `progress` (brute force).
  static func cheapestCover(_ decisions: [(joules: Double, rho: Double)], progress: Double) -> Double {
    var best = Double.infinity
    func go(_ index: Int, _ left: Double, _ spent: Double) {
      if spent >= best { return }
      if left <= 0 {
        best = spent
        return
      }
      guard index < decisions.count else { return }
      let d = decisions[index]
      let most = Int((left / d.rho).rounded(.up))
      for n in stride(from: most, through: 0, by: -1) {
        go(index + 1, left - Double(n) * d.rho, spent + Double(n) * d.joules)
      }
    }
    go(0, progress, 0)
    return best
  }

  @Test func oneLevelIsTheCheapestCover() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func random() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
    var tighter = 0
    for _ in 0..<300 {
      let decisions = (0..<(1 + Int(random() * 4))).map { _ in (joules: 0.2 + random() * 2, rho: 0.05 + random() * 0.3)
      }
      let floor = 0.1
      let target = 0.5
      let start = floor + (target - floor) * exp(0.1 + random() * 2)
      let progress = log((start - floor) / (target - floor))
      let optimum = Self.cheapestCover(decisions, progress: progress)
      let bound = WholeEpochBound.joules(
        decisions: [decisions], floors: [floor], target: target, start: start, deploy: 0)
      let price = decisions.map { $0.joules / $0.rho }.min()!
      #expect(bound <= optimum * (1 + 1e-9), "bound \(bound) > cheapest cover \(optimum)")
      // Each step rounds up by less than a cell (1/256 of the best ratio's ρ), the start by
      // less than one more: at least the cheapest cover of that much less progress.
      let best = decisions.min { $0.joules / $0.rho < $1.joules / $1.rho }!
      let cell = best.rho / 256
      let epochs = (progress / decisions.map(\.rho).min()!).rounded(.up)
      let slack = Self.cheapestCover(decisions, progress: progress - cell * (epochs + 1))
      #expect(bound >= slack * (1 - 2e-9), "bound \(bound) below \(slack), the cover of \(epochs + 1) cells less")
      if bound > price * progress * (1 + 1e-3) { tighter += 1 }
    }
    // (Most draws cannot buy the last fraction of an epoch at the best price.)
    #expect(tighter >= 150, "above the per-unit price on only \(tighter) of 300")
  }

  @Test func wholeEpochsOfOneDecision() {
    // ρ = 0.1 per epoch, 0.95 to go: ten epochs, where the price per unit says 9.5.
    let floor = 0.0
    let target = 1.0
    let bound = WholeEpochBound.joules(
      decisions: [[(1, 0.1)]], floors: [floor], target: target, start: exp(0.95), deploy: 0)
    #expect(abs(bound - 10) < 1e-6, "\(bound)")
    // Exactly nine and a half epochs' worth, one level above that is cheaper per unit
    // but cannot finish (its floor is the target): still ten.
    let two = WholeEpochBound.joules(
      decisions: [[(1, 0.1)], [(0.5, 0.1)]], floors: [floor, target], target: target, start: exp(0.95), deploy: 0)
    #expect(abs(two - 10) < 1e-6, "\(two)")
  }

  /// Decisions of almost no progress (cells past what an Int counts), none at all, or
  /// figures that are not numbers: no bound, no crash.
  @Test func degenerateDecisionsClaimNothing() {
    let start = exp(0.95)
    for decisions in [[(1.0, 1e-300)], [(1.0, 1e-12)], [], [(Double.nan, 0.1)], [(1.0, Double.infinity)]] {
      let bound = WholeEpochBound.joules(
        decisions: [decisions], floors: [0], target: 1, start: start, deploy: 0)
      #expect(bound.isFinite && bound >= 0, "\(decisions): \(bound)")
    }
    // The target at the floor, or the start at the target: nothing to claim.
    #expect(WholeEpochBound.joules(decisions: [[(1, 0.1)]], floors: [1], target: 1, start: start, deploy: 0) == 0)
    #expect(WholeEpochBound.joules(decisions: [[(1, 0.1)]], floors: [0], target: 1, start: 1, deploy: 0) == 0)
  }

  /// Long plans (where whole epochs matter most) on generated pact-v1 fleets: the level
  /// bound with its whole-epoch program is never above the exact optimum.
  @Test func neverAboveTheOptimumOnLongPlans() {
    let shapes = [(4, 30, 3), (5, 40, 4), (6, 36, 5), (4, 50, 6)]
    var compared = 0
    var raised = 0
    var violations: [String] = []
    for i in 0..<40 {
      let seed = UInt64(31_000 + i)
      let scenario = LevelProgressBoundTests.mixed(i, shapes: shapes, seed: seed)
      guard PlanEvaluator(scenario: scenario).predictor is PACTv1LossPredictor else { continue }
      let (_, level, linear, found) = LevelProgressBoundTests.levelBounds(scenario, index: i)
      guard let optimum = found else { continue }
      compared += 1
      if level > optimum * (1 + 1e-9) { violations.append("seed \(seed): \(level) J > optimum \(optimum) J") }
      if level > linear * (1 + 1e-6) { raised += 1 }
    }
    #expect(violations.isEmpty, "\(violations.prefix(5))")
    #expect(compared >= 20, "only \(compared) instances had an optimum")
    #expect(raised >= compared / 4, "whole epochs raised the level bound on only \(raised) of \(compared)")
  }
}
