import Foundation
import Testing

@testable import PACTCore

/// One epoch before the last, PACT's pass ranks and drops states by their exact cost of
/// finishing in the last epoch (``PACTSolver/Run/finishingJoules(from:level:seconds:_:predictor:floors:target:deployLevel:deadline:)``).
/// That is only right if it is the least joules of any last-epoch decision that meets the
/// target at a deployable level within the deadline — checked against every decision on
/// generated states of every loss form — and it must fix what it was made for: the
/// knife-edge instances whose optimum ends a hair below the target, where a cell's four
/// states were all cheaper and a little higher in loss than the optimum's and none could
/// finish.
@Suite struct FinishingJoulesTests {
  @Test func theLeastJoulesOfAnyFinishingDecision() {
    var checked = 0
    var finishing = 0
    var mismatches: [String] = []
    for (name, scenario) in OptimumBoundTests.instances(count: 60, seedBase: 88_000) {
      let planning = scenario.forPlanning
      let evaluator = PlanEvaluator(scenario: planning)
      let predictor = evaluator.predictor
      let cache = CandidateCache(scenario: planning, mode: .greedy(planning.solver), evaluator: evaluator)
      cache.prepare(epochs: planning.training.epochs)
      let t = planning.training
      let J = planning.levelCount
      let deploy = planning.firstDeployableLevel ?? J
      let floors = (0..<J).map { predictor.floor(level: $0) }
      guard let last = cache.decisions(epoch: t.epochs) else { continue }
      var rng = SeededGenerator(seed: 5_000 + UInt64(checked))
      for _ in 0..<40 {
        // A state between the lowest floor and the initial loss, near the target often.
        let lowest = floors.min() ?? 0
        let loss =
          Bool.random(using: &rng)
          ? t.targetLoss * Double.random(in: 0.95...1.1, using: &rng)
          : Double.random(in: lowest...t.initialLoss, using: &rng)
        let level = Int.random(in: 0..<J, using: &rng)
        let seconds = Double.random(in: 0...t.deadlineSeconds, using: &rng)
        let found = PACTSolver.Run.finishingJoules(
          from: loss, level: level, seconds: seconds, last, predictor: predictor, floors: floors,
          target: t.targetLoss, deployLevel: deploy, deadline: t.deadlineSeconds)
        // Every decision of every level the state may move to, no order assumed.
        var best: Double? = nil
        for j2 in level..<J where j2 >= deploy {
          let shocked = predictor.shock(loss: loss, previousLevel: level, level: j2)
          for d in last.descending[j2].lowerBound..<last.ascending[j2].upperBound
          where seconds + last.seconds[d] <= t.deadlineSeconds {
            let inRange = shocked >= floors[j2] ? last.descending[j2] : last.ascending[j2]
            guard inRange.contains(d) else { continue }
            let l = predictor.descend(
              shocked: shocked, level: j2, factor: last.factors[d], logFactor: last.logFactors[d],
              base: predictor.descentBase(shocked: shocked, level: j2))
            if l <= t.targetLoss { best = min(best ?? .infinity, last.joules[d]) }
          }
        }
        checked += 1
        if best != nil { finishing += 1 }
        if found != best {
          mismatches.append("\(name): \(String(describing: found)) against \(String(describing: best))")
        }
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches.count) mismatches: \(mismatches.prefix(5))")
    #expect(finishing >= checked / 10 && finishing < checked, "\(finishing) of \(checked) states can finish")
    print("finishing joules: \(checked) states, \(finishing) can finish")
  }

  /// 10 × 12 × 5 seeds 9011 and 12009 of the gap suite's generator, which no other seed of
  /// 900 each had missed by more than 0.4 %: PACT at its default knobs now finds the optimum.
  @Test(arguments: [UInt64(9011), 12009])
  func knifeEdgeOptimaAreFound(seed: UInt64) throws {
    let scenario = ScenarioGenerator(nodes: 10, epochs: 12, levels: 5).make(seed: seed)
    let exact = try #require(ExactSolver(scenario: scenario).solve().evaluation?.totalJoules)
    let pact = try #require(PACTSolver(scenario: scenario).solve().evaluation?.totalJoules)
    // (Before: 1,232 J against 1,189 J on seed 9011, 217 J against 206 J on seed 12009.)
    #expect(pact <= exact * 1.001, "seed \(seed): PACT \(pact) J against the optimum \(exact) J")
  }
}
