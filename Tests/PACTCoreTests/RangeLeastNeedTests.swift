import Foundation
import Testing

@testable import PACTCore

/// The passes stop a range of decisions once its joules plus ``PACTSolver/Run/leastNeed``
/// reach the bound, and skip a successor whose seconds plus the range's least seconds pass
/// the deadline: that is only right if no decision of the range has a successor that
/// needs less (joules or seconds). Checked successor by successor, computed as the passes compute them, on
/// generated instances of every loss form and measured profiles, over PACT's candidates
/// and the relaxed decisions, with the Lagrangian column of tight-deadline instances.
@Suite struct RangeLeastNeedTests {
  @Test func noSuccessorNeedsLessThanItsRangesLeastNeed() {
    let cases = OptimumBoundTests.instances(count: 150, seedBase: 71_000).map { name, scenario in
      var tight = scenario
      // Every other instance with a tight deadline, where the Lagrangian column is built.
      if name.hasSuffix("0") || name.hasSuffix("4") || name.hasSuffix("8") {
        tight.training.deadlineSeconds *= 0.8
      }
      return (name, tight)
    }
    let results = ParallelMap.map(Array(cases.enumerated())) { Self.check($0.1.1, name: $0.1.0, seed: UInt64($0.0)) }
    let violations = results.flatMap(\.violations)
    let successors = results.reduce(0) { $0 + $1.successors }
    let binding = results.reduce(0) { $0 + $1.binding }
    let timed = results.filter(\.timed).count
    let powerLaw = results.reduce(0) { $0 + $1.powerLaw }
    let timedBinding = results.reduce(0) { $0 + $1.timedBinding }
    #expect(
      violations.isEmpty, "\(violations.count) successors below their range's least need: \(violations.prefix(5))")
    // The check must have had something to check: many successors, and ranges where the
    // least need is positive (a range whose best successor is above the target).
    #expect(successors >= 100_000, "only \(successors) successors checked")
    #expect(binding >= successors / 10, "a positive least need on only \(binding) of \(successors) successors")
    // (When written: 417,493 successors, a positive least need on 371,294, the Lagrangian
    // column on 41 instances, 0 violations; 39,911 when the least need is raised 1 %.)
    print(
      "least need: \(successors) successors, positive on \(binding) (seconds on \(timedBinding)), Lagrangian column on \(timed) instances, \(powerLaw) power-law log-ratios"
    )
    // The seconds too: the passes skip a successor's descent when its seconds plus them pass the deadline.
    #expect(
      timedBinding >= successors / 10, "positive least seconds on only \(timedBinding) of \(successors) successors")
    #expect(powerLaw >= 10_000, "only \(powerLaw) log-ratios taken without the descent")
    #expect(timed >= 5, "the Lagrangian column was built on only \(timed) instances")
  }

  /// What one instance's check found.
  struct Result: Sendable {
    var violations: [String] = []
    var successors = 0
    var binding = 0
    var timed = false
    /// Successors whose log-ratio was taken without their descent (the power-law forms).
    var powerLaw = 0
    /// Successors whose range's least seconds are positive.
    var timedBinding = 0
  }

  static func check(_ scenario: Scenario, name: String, seed: UInt64) -> Result {
    var result = Result()
    let scenario = scenario.forPlanning
    let evaluator = PlanEvaluator(scenario: scenario)
    let predictor = evaluator.predictor
    let t = scenario.training
    let J = scenario.levelCount
    let deploy = scenario.firstDeployableLevel ?? J
    let floors = (0..<J).map { predictor.floor(level: $0) }
    let greedy = CandidateCache(scenario: scenario, mode: .greedy(scenario.solver), evaluator: evaluator)
    greedy.prepare(epochs: t.epochs)
    let relaxed = OptimumBound(scenario: scenario, evaluator: evaluator).cache
    var rng = SeededGenerator(seed: 9_000 + seed)
    for cache in [greedy, relaxed] {
      let remaining = RemainingCostBound(
        scenario: scenario, cache: cache, predictor: predictor, workScale: CostToGo.fullScale, lagrangian: true)
      if remaining.costToGo.lambdas.x > 0 { result.timed = true }
      let grid = LossGrid.spanning(scenario, predictor: predictor, bins: 1024, floors: remaining.floorFrom)
      let logRatios = SuccessorLogRatio(
        grid: grid, floors: floors, linear: predictor is PACTv1LossPredictor,
        exponents: (0..<J).map { predictor.descentExponent(level: $0) }, usable: remaining.sharesReferences)
      for _ in 0..<60 {
        let k = Int.random(in: 0..<t.epochs, using: &rng)
        guard let epoch = cache.decisions(epoch: k + 1) else { continue }
        let level = Int.random(in: 0..<J, using: &rng)
        let loss = Double.random(in: t.targetLoss * 0.9...t.initialLoss * 1.05, using: &rng)
        let seconds = Double.random(in: 0...t.deadlineSeconds, using: &rng)
        for j in level..<J {
          let shocked = predictor.shock(loss: loss, previousLevel: level, level: j)
          let above = shocked >= floors[j]
          let range = above ? epoch.descending[j] : epoch.ascending[j]
          let base = logRatios.base(shocked: shocked, level: j)
          let shared = predictor.descentBase(shocked: shocked, level: j)
          let least = PACTSolver.Run.leastNeed(
            above ? epoch.descendingBest[j] : epoch.ascendingBest[j], afterEpoch: k + 1, level: j, shocked: shocked,
            seconds: seconds, target: t.targetLoss, epoch: epoch, predictor: predictor, base: shared, logBase: base,
            logRatios: logRatios, lossGrid: grid, remaining: remaining)
          for ei in range {
            // As the passes compute a successor and what it still needs.
            let l = predictor.descend(
              shocked: shocked, level: j, factor: epoch.factors[ei], logFactor: epoch.logFactors[ei], base: shared)
            var ratio = 0.0
            if l > t.targetLoss { ratio = base.map { $0 + epoch.logFactors[ei] } ?? grid.logRatio(l, level: j) }
            // A power-law successor's log-ratio without its descent, where the passes take it:
            // only for a loss above the target, and the loss's own log-ratio to the last digits.
            let above = logRatios.aboveTarget(
              shocked: shocked, descentBase: shared, logFactor: epoch.logFactors[ei], level: j)
            if let above {
              result.powerLaw += 1
              let exact = log((l - floors[j]) / (t.targetLoss - floors[j]))
              if !(l > t.targetLoss) || abs(above - exact) > 1e-9 * max(1, abs(exact)) {
                result.violations.append(
                  "\(name) level \(j): log-ratio \(above) without the descent, \(exact) from loss \(l)")
              }
              ratio = above
            }
            let need = remaining.need(
              afterEpoch: k + 1, loss: above == nil ? l : .infinity, level: j, logRatio: ratio,
              seconds: seconds + epoch.seconds[ei])
            result.successors += 1
            if least.joules > 0 { result.binding += 1 }
            if least.seconds > 0 { result.timedBinding += 1 }
            if need.seconds < least.seconds {
              result.violations.append(
                "\(name) epoch \(k + 1) level \(level)→\(j) loss \(loss): successor \(l) needs \(need.seconds) s < \(least.seconds) s"
              )
            }
            if need.joules < least.joules {
              let terminal = l <= t.targetLoss && j >= deploy
              result.violations.append(
                "\(name) epoch \(k + 1) level \(level)→\(j) loss \(loss): successor \(l) needs \(need.joules) J < \(least.joules) J\(terminal ? " (terminal)" : "")"
              )
            }
          }
        }
      }
    }
    return result
  }
}
