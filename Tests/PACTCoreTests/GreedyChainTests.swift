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
      let rates = NodeSetCandidates.skewFreeRates(available, level: j, costing: costing)
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
