import Testing

@testable import PACTCore

/// The greedy chains skip nodes whose score cannot beat a step's best; the chains must be
/// the ones that evaluate every node.
@Suite struct GreedyChainTests {
  @Test(arguments: [UInt64(11), 12, 13, 14])
  func skippingNodesLeavesEveryChainUnchanged(seed: UInt64) {
    let generator =
      seed.isMultiple(of: 2)
      ? ScenarioGenerator.hard(nodes: 120, epochs: 4, levels: 3) : ScenarioGenerator(nodes: 300, epochs: 4, levels: 3)
    let scenario = generator.make(seed: seed)
    let evaluator = PlanEvaluator(scenario: scenario)
    let costing = NodeSetCandidates.Costing(
      cost: evaluator.cost, statistics: evaluator.statistics, predictor: evaluator.predictor)
    let available = scenario.availableNodes(at: 1)
    for j in 0..<scenario.levelCount {
      let rates = GreedyChainMemo().skewFreeRates(available, level: j, costing: costing)
      for criterion in [NodeSetCandidates.GreedyCriterion.efficiency, .progress] {
        for seedNode in available.prefix(6) {
          let every = NodeSetCandidates.chain(
            from: seedNode, eligible: available, criterion: criterion, level: j, knobs: scenario.solver,
            costing: costing)
          let skipping = NodeSetCandidates.chain(
            from: seedNode, eligible: available, criterion: criterion, level: j, knobs: scenario.solver,
            costing: costing, skewFreeRates: rates)
          #expect(every == skipping, "seed \(seed), level \(j), \(criterion), from node \(seedNode)")
        }
      }
    }
    #expect(available.count > 50)
  }
}

/// Candidates generated in runs of consecutive patterns, each pattern's chains starting
/// from the last one's (``GreedyChainMemo``), must be those generated pattern by pattern.
@Suite struct GreedyChainMemoTests {
  @Test(arguments: [UInt64(21), 22, 23])
  func runsOfPatternsGiveTheCandidatesOfEachPatternAlone(seed: UInt64) {
    let generator =
      seed == 22
      ? ScenarioGenerator.hard(nodes: 150, epochs: 24, levels: 3) : ScenarioGenerator(nodes: 250, epochs: 24, levels: 3)
    let scenario = generator.make(seed: seed)
    let evaluator = PlanEvaluator(scenario: scenario)
    let inRuns = CandidateCache(scenario: scenario, mode: .greedy(scenario.solver), evaluator: evaluator)
    ParallelMap.$threadOverride.withValue(1) { inRuns.prepare(epochs: scenario.training.epochs) }
    let patterns = CandidateCache.availabilityPatterns(scenario, epochs: scenario.training.epochs)
    #expect(patterns.count >= 10, "seed \(seed): too few patterns to chain")
    for pattern in patterns {
      let alone = CandidateCache(scenario: scenario, mode: .greedy(scenario.solver), evaluator: evaluator)
      let a = inRuns.candidates(available: pattern)
      let b = alone.candidates(available: pattern)
      #expect(a.map(\.descending) == b.map(\.descending), "seed \(seed): descending fronts differ")
      #expect(a.map(\.ascending) == b.map(\.ascending), "seed \(seed): ascending fronts differ")
    }
  }
}
