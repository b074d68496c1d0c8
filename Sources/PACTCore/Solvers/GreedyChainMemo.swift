/// What the greedy chains of one availability pattern leave to the next pattern a worker
/// generates (``CandidateCache/prepare(epochs:cancel:)``): consecutive patterns of a big
/// fleet differ by a few nodes, so most chain steps need not look at every node again.
///
/// A chain step picks the least (score, node) over the eligible nodes not yet chosen,
/// and a node's score depends only on the nodes chosen before it. So if a chain of the
/// last pattern reached the same step with the same nodes chosen, and that step's winner
/// b is still eligible, the new winner is the least of b and the nodes that were not
/// eligible then: every other node was eligible then and lost to b. Removed nodes other
/// than b change nothing. The chains are the same as computed from scratch (a test
/// compares them); only the nodes looked at are fewer.
///
/// Also kept per level: each node's rate alone and its rate without skew, which do not
/// depend on the pattern.
final class GreedyChainMemo {
  /// One chain: its level, the cap's rank among the pattern's caps, criterion and seed.
  struct Key: Hashable {
    let level: Int
    let cap: Int
    let criterion: Int
    let seed: Int
  }

  /// The eligible nodes of the chain's last computation (by fleet index) and its winners in order.
  struct Chain {
    var eligible: [Bool]
    var steps: [Int]
  }

  var chains: [Key: Chain] = [:]
  /// Per level, per node: ρ of the node alone and ρ at its steps without skew (NaN: not yet computed).
  private var alone: [Int: [Double]] = [:]
  private var skewFree: [Int: [Double]] = [:]

  /// ρ of each of `nodes` alone at level j, computed once per node.
  func aloneRates(_ nodes: [Int], level j: Int, costing: NodeSetCandidates.Costing) -> [Double] {
    var rates = alone[j] ?? [Double](repeating: .nan, count: costing.cost.nodeCount)
    for n in nodes where rates[n].isNaN { rates[n] = NodeSetCandidates.rate([n], level: j, costing: costing) }
    alone[j] = rates
    return rates
  }

  /// Each of `nodes`' rate without skew at its own steps (by fleet index), computed once per
  /// node: what lets ``NodeSetCandidates/chain(from:eligible:criterion:level:knobs:costing:skewFreeRates:memo:)``
  /// skip nodes that cannot win a step.
  func skewFreeRates(_ nodes: [Int], level j: Int, costing: NodeSetCandidates.Costing) -> [Double] {
    var rates = skewFree[j] ?? [Double](repeating: .nan, count: costing.cost.nodeCount)
    for n in nodes where rates[n].isNaN {
      rates[n] = costing.predictor.rate(meanSteps: costing.statistics.steps[n], skew: 0, level: j)
    }
    skewFree[j] = rates
    return rates
  }
}
