import Foundation
import Testing

@testable import PACTCore

/// The backward table built on every core (``CostToGo``'s `parallel`: patterns, the two
/// programs, the λ tried, and ranges of one pattern's rows built apart and joined) is the
/// table built in turn, figure for figure — on PACT's candidates and on the proof's
/// enumerated relaxed decisions, with the Lagrangian column where the deadline binds.
@Suite struct CostToGoParallelTests {
  @Test func onEveryCoreTheSameTableAsInTurn() {
    var compared = 0
    var lagrangian = 0
    for i in 0..<24 {
      let seed = UInt64(47_000 + i)
      var generator =
        i % 2 == 0
        ? ScenarioGenerator.hard(nodes: 6 + i % 5, epochs: 10, levels: 3 + i % 3)
        : ScenarioGenerator(nodes: 6 + i % 5, epochs: 10, levels: 3 + i % 3)
      generator.deadlineFraction = 0.75...0.95
      let scenario = generator.make(seed: seed).forPlanning
      let evaluator = PlanEvaluator(scenario: scenario)
      let greedy = CandidateCache(scenario: scenario, mode: .greedy(scenario.solver), evaluator: evaluator)
      greedy.prepare(epochs: scenario.training.epochs)
      let relaxed = OptimumBound(scenario: scenario, evaluator: evaluator).cache
      for cache in [greedy, relaxed] {
        func table(parallel: Bool) -> CostToGo {
          ParallelMap.$threadOverride.withValue(parallel ? 4 : 1) {
            CostToGo(
              scenario: scenario, cache: cache, predictor: evaluator.predictor,
              floors: (0..<scenario.levelCount).map { evaluator.predictor.floor(level: $0) },
              workScale: CostToGo.heavyScale, lagrangian: true, parallel: parallel)
          }
        }
        let a = table(parallel: true)
        let b = table(parallel: false)
        #expect(a.isBuilt == b.isBuilt && a.buckets == b.buckets, "seed \(seed): different shapes")
        #expect(a.lambdas == b.lambdas, "seed \(seed): λ \(a.lambdas) against \(b.lambdas)")
        #expect(a.table == b.table, "seed \(seed): the tables differ")
        if a.isBuilt { compared += 1 }
        if a.lambdas.x > 0 { lagrangian += 1 }
      }
    }
    #expect(compared >= 40, "only \(compared) tables built")
    #expect(lagrangian >= 2, "the Lagrangian column on only \(lagrangian) tables")
    print("parallel tables: \(compared) compared, \(lagrangian) with the Lagrangian column")
  }
}
