import Foundation
import Testing

@testable import PACTCore

/// The candidates' costing takes u and δ from ``NodeSetStatistics/meanStepsAndSkew(of:context:)``
/// (no histogram allocated); every figure must be the very number the statistics give, or
/// plans would differ with the code path. Checked bit for bit on random sets of generated
/// fleets with and without label histograms.
@Suite struct NodeSetStatisticsTests {
  @Test func meanStepsAndSkewAreTheStatisticsOwnNumbers() {
    var checked = 0
    var skewed = 0
    for (name, scenario) in OptimumBoundTests.instances(count: 40, seedBase: 88_000) {
      let context = NodeSetStatistics.Context(scenario: scenario)
      var rng = SeededGenerator(seed: UInt64(checked + 1))
      let N = scenario.nodes.count
      for _ in 0..<200 {
        let size = Int.random(in: 1...N, using: &rng)
        let set = Array((0..<N).shuffled(using: &rng).prefix(size))
        let stats = NodeSetStatistics(set, context: context)
        let fast = NodeSetStatistics.meanStepsAndSkew(of: set, context: context)
        #expect(
          fast.meanSteps.bitPattern == stats.meanSteps.bitPattern,
          "\(name) \(set): u \(fast.meanSteps) vs \(stats.meanSteps)")
        #expect(
          fast.skew.bitPattern == stats.skew(context: context).bitPattern,
          "\(name) \(set): δ \(fast.skew) vs \(stats.skew(context: context))")
        checked += 1
        if fast.skew > 0 { skewed += 1 }
      }
    }
    // Something to check: many sets, most with a positive skew (histograms present).
    #expect(checked == 8_000)
    #expect(skewed >= checked / 2, "only \(skewed) of \(checked) sets with a skew")
  }
}
