import Foundation
import Testing

@testable import PACTCore

/// pact-v3: the properties the solvers rely on (on a grid), exact = brute force with it,
/// PACT's plans feasible under exact evaluation, the fit recovering known coefficients,
/// and the validation, band and confidence built on it.
@Suite struct PACTv3Tests {
  static let levels = TraceRuns.digitsLevels

  static func parameters(k0: Double, k1: Double) -> LossParameters {
    LossParameters(
      model: .pactV3, rate: 0.09, stepsExponent: 0.1, remainingExponent: 0.9, floor: 0.2, floorGrowth: 0.01,
      floorExponent: 1.5, pruneShock: 0.06, skewPenalty: 1.2,
      extra: ["curvature": k0, "curvatureSlope": k1, "shockExponent": 1.7, "skewExponent": 1.6])
  }

  static let losses = stride(from: 0.0, through: 3.2, by: 0.05).map { $0 }
  static let factors = [0.0, 0.01, 0.2, 0.5, 0.8, 0.95, 0.999, 1.0]

  @Test(arguments: [(1.4, -0.4), (0.6, 0.8), (1.0, 0.0), (2.0, -2.0)])
  func monotoneInTheLossAndOrderedByTheFactor(k: (Double, Double)) {
    let p = PACTv3LossPredictor(
      parameters: Self.parameters(k0: k.0, k1: k.1), pruningLevels: Self.levels, initialLoss: 2.5)
    #expect(p.curvatures.allSatisfy { $0 >= PACTv3LossPredictor.minimumCurvature })
    for prev in 0..<Self.levels.count {
      for j in prev..<Self.levels.count {
        for f in Self.factors {
          var last = -Double.infinity
          for l in Self.losses {
            let n = p.next(loss: l, previousLevel: prev, level: j, factor: f)
            #expect(n.isFinite && n >= last - 1e-12, "κ \(k) prev \(prev) j \(j) f \(f) ℓ \(l)")
            last = n
          }
        }
        for l in Self.losses {
          let shocked = p.next(loss: l, previousLevel: prev, level: j, factor: 1)
          var last: Double?
          for f in Self.factors {
            let n = p.next(loss: l, previousLevel: prev, level: j, factor: f)
            if let last {
              if shocked >= p.floor(level: j) { #expect(n >= last - 1e-12) } else { #expect(n <= last + 1e-12) }
            }
            last = n
          }
        }
      }
    }
  }

  @Test func theShockIsAdditiveAndGrowsWithTheStep() {
    let p = PACTv3LossPredictor(parameters: Self.parameters(k0: 1, k1: 0), pruningLevels: Self.levels, initialLoss: 2.5)
    // Independent of the loss (pact-v1 scales it by initialLoss − ℓ).
    let a = p.shock(loss: 0.5, previousLevel: 0, level: 2) - 0.5
    let b = p.shock(loss: 1.5, previousLevel: 0, level: 2) - 1.5
    #expect(abs(a - b) < 1e-12 && a > 0)
    let expected = 0.06 * pow(1 / Self.levels[2] - 1, 1.7)
    #expect(abs(a - expected) < 1e-12)
    #expect(p.shock(loss: 0.5, previousLevel: 0, level: 4) > p.shock(loss: 0.5, previousLevel: 0, level: 2))
    #expect(p.shock(loss: 0.5, previousLevel: 3, level: 3) == 0.5)
  }

  @Test func exactEqualsBruteForceAndPACTPlansAreFeasible() {
    var rng = SeededGenerator(seed: 77)
    var compared = 0
    for trial in 0..<60 {
      var s = RandomScenarios.make(&rng, nodes: 1 + trial % 3, epochs: 1 + (trial / 3) % 3, levels: 2 + trial % 2)
      s.loss = Self.parameters(k0: 1.3, k1: -0.5)
      s.loss.rate = 0.3 + 0.1 * Double(trial % 5)
      let brute = Self.bruteForce(s)
      let exact = ExactSolver(scenario: s, timeBudgetSeconds: 30).solve(incumbent: SolverTests.noIncumbent(s))
      let pact = PACTSolver(scenario: s).solve()
      if let brute {
        compared += 1
        #expect(exact.evaluation.map { SolverTests.close($0.totalJoules, brute.joules) } == true, "trial \(trial)")
        if let p = pact.evaluation, pact.status == .solved {
          #expect(PlanEvaluator(scenario: s).evaluate(p.plan).isFeasible, "trial \(trial)")
          #expect(p.totalJoules >= brute.joules * (1 - 1e-9))
        }
      } else {
        #expect(exact.status == .infeasible, "trial \(trial)")
      }
    }
    #expect(compared >= 10)
  }

  /// The least energy of any feasible plan, every plan enumerated and evaluated by
  /// ``PlanEvaluator`` (which reads the scenario's loss form).
  static func bruteForce(_ s: Scenario) -> (joules: Double, plans: Int)? {
    let evaluator = PlanEvaluator(scenario: s)
    var best: Double? = nil
    var plans = 0
    func visit(_ epochs: [EpochDecision]) {
      if !epochs.isEmpty {
        plans += 1
        let e = evaluator.evaluate(Plan(epochs: epochs))
        if e.isFeasible { best = min(best ?? .infinity, e.totalJoules) }
      }
      guard epochs.count < s.training.epochs else { return }
      let available = s.availableNodes(at: epochs.count + 1)
      let N = s.nodes.count
      for mask in 1..<(1 << N) {
        let set = (0..<N).filter { mask & (1 << $0) != 0 }
        guard set.allSatisfy({ available.contains($0) }) else { continue }
        for j in (epochs.last?.level ?? 0)..<s.levelCount {
          visit(epochs + [EpochDecision(nodes: set, level: j)])
        }
      }
    }
    visit([])
    return best.map { ($0, plans) }
  }

  @Test func recoversKnownCoefficients() throws {
    let truth = Self.parameters(k0: 1.3, k1: -0.5)
    let runs = CalibrationFitTests.synthetic(try CalibrationFitTests.structureRuns(), truth)
    let fit = LossCalibrator(runs: runs, model: .pactV3, pruningLevels: Self.levels, starts: 2, maxIterations: 150)
      .fit()
    let report = CalibrationReport(runs: runs, parameters: fit.parameters, pruningLevels: Self.levels)
    #expect(report.summary.rolloutMAPE < 2e-3)
  }

  @Test func validationFoldsBySeedOrByRuns() throws {
    let runs = try DigitsFixtures.runs().filter { Double($0.alpha) == 1 }
    let (folds, scheme) = ModelSelection.makeFolds(runs)
    #expect(folds.count == Set(runs.map(\.seed)).count && scheme.contains("leave-one-seed-out"))
    #expect(folds.flatMap(\.members).sorted() == Array(runs.indices))
    let one = runs.filter { $0.seed == "0" }
    let (k, kScheme) = ModelSelection.makeFolds(one)
    #expect(k.count == 5 && kScheme.contains("5-fold"))
  }

  @Test func selectionChoosesTheLowestHeldOutErrorAndMeasuresABand() throws {
    let runs = try DigitsFixtures.runs().filter { Double($0.alpha) == 1 }
    let v = ModelSelection.run(runs: runs, forms: [.pactV1, .pactV3], pruningLevels: Self.levels, starts: 2)
    #expect(v.scores.count == 2)
    let best = v.scores.indices.min { v.scores[$0].meanRolloutMAPE < v.scores[$1].meanRolloutMAPE }
    #expect(v.chosen == best)
    #expect(v.reason.contains(v.scores[v.chosen].model.rawValue))
    let band = try #require(v.band)
    #expect(band.low.count == 40 && band.issues().isEmpty)
    #expect(zip(band.low, band.high).allSatisfy { $0 <= $1 })
  }

  @Test func confidenceTightensTheTargetAndCostsEnergy() throws {
    var s = BaselineTestScenarios.small()
    s.loss.band = PredictionBand(low: [-0.1, -0.2], median: [0, 0.01], high: [0.1, 0.2])
    #expect(s.planningTargetLoss == s.training.targetLoss)
    s.training.confidence = 0.9
    #expect(s.validate().isEmpty)
    #expect(abs(s.planningTargetLoss - s.training.targetLoss * 0.8) < 1e-12)
    let sure = PACTSolver(scenario: s).solve()
    s.training.confidence = nil
    let plain = PACTSolver(scenario: s).solve()
    let e1 = try #require(sure.evaluation)
    let e0 = try #require(plain.evaluation)
    #expect(e1.finalLoss <= s.training.targetLoss * 0.8 + 1e-12)
    #expect(e1.totalJoules >= e0.totalJoules)
    // A confidence needs a band; a band must be well formed.
    var bad = BaselineTestScenarios.small()
    bad.training.confidence = 0.9
    #expect(bad.validate().contains { $0.path == "training.confidence" })
    bad.loss.band = PredictionBand(low: [0.1], median: [0], high: [0.2])
    #expect(bad.validate().contains { $0.path == "loss.band" })
  }

  @Test func bandAndConfidenceRoundTripThroughTheFile() throws {
    var s = BaselineTestScenarios.small()
    s.loss.band = PredictionBand(low: [-0.1, -0.2], median: [0, 0.01], high: [0.1, 0.2])
    s.training.confidence = 0.8
    let text = JSONWriter.write(s.json())
    let back = try Scenario.parse(Array(text.utf8), source: "mem").scenario
    #expect(back.loss.band == s.loss.band)
    #expect(back.training.confidence == 0.8)
  }
}
