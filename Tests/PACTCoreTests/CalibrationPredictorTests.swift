import Foundation
import Testing

@testable import PACTCore

/// The properties the solvers rely on, checked for the pact-v2 form on a grid.
@Suite struct CalibrationPredictorTests {
  static let levels = TraceRuns.digitsLevels

  static func predictor(curvature: Double, shockExponent: Double = 1.9) -> PACTv2LossPredictor {
    PACTv2LossPredictor(
      parameters: LossParameters(
        model: .pactV2, rate: 0.11, stepsExponent: 0, remainingExponent: 1.0, floor: 0.31, floorGrowth: 0.02,
        floorExponent: 1.7, pruneShock: 0.034, skewPenalty: 0.83,
        extra: ["curvature": curvature, "shockExponent": shockExponent, "skewExponent": 2]),
      pruningLevels: levels, initialLoss: 2.5)
  }

  static let losses = stride(from: 0.0, through: 3.2, by: 0.05).map { $0 }
  static let factors = [0.0, 0.01, 0.2, 0.5, 0.8, 0.95, 0.999, 1.0]

  @Test(arguments: [0.3, 0.9, 1.0, 1.6])
  func newLossIsNonDecreasingInTheOldOne(curvature: Double) {
    let p = Self.predictor(curvature: curvature)
    for prev in 0..<Self.levels.count {
      for j in prev..<Self.levels.count {
        for f in Self.factors {
          var last = -Double.infinity
          for l in Self.losses {
            let n = p.next(loss: l, previousLevel: prev, level: j, factor: f)
            #expect(n.isFinite)
            #expect(n >= last - 1e-12, "κ \(curvature) prev \(prev) j \(j) f \(f) at ℓ \(l)")
            last = n
          }
        }
      }
    }
  }

  @Test(arguments: [0.3, 0.9, 1.0, 1.6])
  func factorOrderFlipsAtTheFloor(curvature: Double) {
    let p = Self.predictor(curvature: curvature)
    for prev in 0..<Self.levels.count {
      for j in prev..<Self.levels.count {
        for l in Self.losses {
          let shocked = p.next(loss: l, previousLevel: prev, level: j, factor: 1)
          var last: Double?
          for f in Self.factors {
            let n = p.next(loss: l, previousLevel: prev, level: j, factor: f)
            if let last {
              if shocked >= p.floor(level: j) {
                #expect(n >= last - 1e-12, "above the floor a slower set never ends lower")
              } else {
                #expect(n <= last + 1e-12, "below the floor a slower set never ends higher")
              }
            }
            last = n
          }
        }
      }
    }
  }

  @Test func factorOneOnlyShocks() {
    let p = Self.predictor(curvature: 0.8)
    #expect(p.next(loss: 1.0, previousLevel: 0, level: 0, factor: 1) == 1.0)
    let shocked = p.next(loss: 1.0, previousLevel: 2, level: 5, factor: 1)
    #expect(shocked > 1.0 && shocked <= 2.5)
  }

  @Test func curvatureOneIsAnExponentialApproach() {
    let p = Self.predictor(curvature: 1)
    let f = p.epochFactor(meanSteps: 5, skew: 0.1, level: 2)
    let expected = p.floor(level: 2) + (1.4 - p.floor(level: 2)) * f
    #expect(abs(p.next(loss: 1.4, previousLevel: 2, level: 2, factor: f) - expected) < 1e-12)
  }

  @Test func scenarioSelectsAndValidatesTheForm() throws {
    var parameters = LossParameters(
      model: .pactV2, rate: 0.1, stepsExponent: 0, remainingExponent: 1, floor: 0.3, floorGrowth: 0, floorExponent: 1,
      pruneShock: 0.1, skewPenalty: 0.5, extra: ["curvature": 0.9, "shockExponent": 2])
    #expect(LossPredictors.make(parameters, pruningLevels: [1, 0.8], initialLoss: 2) is PACTv2LossPredictor)
    #expect(LossPredictors.validate(parameters).isEmpty)
    parameters.extra["curvature"] = -1
    #expect(LossPredictors.validate(parameters).map(\.path) == ["loss.curvature"])
    #expect(LossPredictors.extraCoefficients(for: .pactV2).sorted() == ["curvature", "shockExponent", "skewExponent"])
  }
}
