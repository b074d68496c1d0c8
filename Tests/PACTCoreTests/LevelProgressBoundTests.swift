import Foundation
import Testing

@testable import PACTCore

/// The level-progress bound (``LevelProgressBound``) over every node set: never above the
/// exact optimum, on generated pact-v1 instances with short and long horizons, plain and
/// hard, enumerated and ladder relaxations — and often the tightest of the proof's bounds
/// (else this suite would not test the claim it rests on).
@Suite struct LevelProgressBoundTests {
  /// The i-th instance of a mix: shapes in turn, hard on even i, a deadline near the
  /// fastest plan's on every third.
  static func mixed(_ i: Int, shapes: [(Int, Int, Int)], seed: UInt64) -> Scenario {
    let (n, k, j) = shapes[i % shapes.count]
    var generator =
      i % 2 == 0
      ? ScenarioGenerator.hard(nodes: n, epochs: k, levels: j) : ScenarioGenerator(nodes: n, epochs: k, levels: j)
    if i % 3 == 0 { generator.deadlineFraction = 0.9...1.0 }
    return generator.make(seed: seed)
  }

  /// An instance's proof (enumerated, or the ladder on every fourth), its level bound with
  /// and without whole epochs, and the exact optimum (nil when the solver gives up).
  static func levelBounds(_ scenario: Scenario, index i: Int) -> (
    bound: OptimumBound, level: Double, linear: Double, optimum: Double?
  ) {
    let evaluator = PlanEvaluator(scenario: scenario)
    let bound = OptimumBound(scenario: scenario, evaluator: evaluator, enumerates: i % 4 != 1)
    let level = LevelProgressBound.joules(scenario: scenario, predictor: evaluator.predictor, cache: bound.cache)
    let linear = LevelProgressBound.joules(
      scenario: scenario, predictor: evaluator.predictor, cache: bound.cache, wholeEpochs: false)
    let exact = ExactSolver(scenario: scenario, timeBudgetSeconds: 2).solve()
    return (bound, level, linear, exact.status == .solved ? exact.evaluation?.totalJoules : nil)
  }

  @Test func neverAboveTheOptimum() {
    let shapes = [(4, 12, 3), (5, 20, 4), (5, 16, 3), (6, 24, 5), (4, 30, 6)]
    var compared = 0
    var tightest = 0
    var violations: [String] = []
    for i in 0..<120 {
      let seed = UInt64(7_000 + i)
      let scenario = Self.mixed(i, shapes: shapes, seed: seed)
      let (bound, level, linear, found) = Self.levelBounds(scenario, index: i)
      // (The remaining-cost bound now includes the whole-epoch program too: the level bound
      // per unit of progress against the backward table alone.)
      let backward = bound.remaining.costToGo.need(
        afterEpoch: 0, loss: scenario.training.initialLoss, level: 0, seconds: 0
      ).joules
      guard let optimum = found else { continue }
      compared += 1
      if level > optimum * (1 + 1e-9) { violations.append("seed \(seed): \(level) J > optimum \(optimum) J") }
      if linear > backward { tightest += 1 }
    }
    #expect(violations.isEmpty, "\(violations.prefix(5))")
    #expect(compared >= 60, "only \(compared) instances had an optimum")
    // (12 of 112 when written: long plans at a level other than the cheapest's floor.)
    #expect(tightest >= compared / 20, "the level bound was the tighter one on only \(tightest) of \(compared)")
  }

  /// On fleets too big for the exact solver, PACT's plan is feasible, so no bound may pass it.
  @Test func neverAbovePACTsPlanOnBiggerFleets() {
    var checked = 0
    for i in 0..<24 {
      let (n, k, j) = [(20, 40, 5), (40, 60, 6), (30, 80, 4), (60, 50, 8)][i % 4]
      let generator =
        i % 2 == 0
        ? ScenarioGenerator.hard(nodes: n, epochs: k, levels: j) : ScenarioGenerator(nodes: n, epochs: k, levels: j)
      let scenario = generator.make(seed: UInt64(9_000 + i))
      var knobs = scenario.solver
      knobs.lossBins = 64
      knobs.timeBins = 32
      var solver = PACTSolver(scenario: scenario, knobs: knobs)
      solver.provesBound = false
      guard let plan = solver.solve().evaluation, plan.isFeasible else { continue }
      let evaluator = PlanEvaluator(scenario: scenario)
      let bound = OptimumBound(scenario: scenario, evaluator: evaluator)
      let level = LevelProgressBound.joules(scenario: scenario, predictor: evaluator.predictor, cache: bound.cache)
      #expect(
        level <= plan.totalJoules * (1 + 1e-9),
        "seed \(9_000 + i): bound \(level) J > PACT's plan \(plan.totalJoules) J")
      checked += 1
    }
    #expect(checked >= 12)
  }
}
