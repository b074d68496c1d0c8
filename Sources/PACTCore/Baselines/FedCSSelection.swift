/// FedCS-style client selection: as many nodes as finish within a per-epoch time budget.
///
/// Decision rule: the per-epoch budget is T = deadlineSeconds ÷ epochs (K). Each
/// epoch, at the deploy level, the available nodes are taken greedily, fastest
/// first, while the epoch time (slowest node + aggregation) stays ≤ T; since the
/// epoch time is its slowest node's, this is every node that fits, the most
/// nodes possible. When no node fits, the run stops (infeasible) rather than
/// break the budget. Because every epoch takes ≤ T, the deadline always holds.
///
/// Level rule: the deploy level (``Scenario/firstDeployableLevel``) from epoch 1
/// (FedCS does not prune; pruning at once is its cheapest way to deploy).
/// Difference from the paper: MODEL.md transfers run in parallel, so FedCS's
/// sequential upload scheduling reduces to each node's own time.
///
/// Source: T. Nishio and R. Yonetani, "Client selection for federated learning
/// with heterogeneous resources in mobile edge", IEEE ICC 2019.
public struct FedCSSelection: BaselinePolicy {
  /// The FedCS baseline.
  public init() {}
  public var name: String { "fedcs" }
  public var rule: String { "most nodes finishing within deadline÷epochs per epoch, deploy level" }
  public var source: String { "Nishio & Yonetani, IEEE ICC 2019 (FedCS)" }

  /// T, the per-epoch budget in seconds.
  public static func epochBudget(_ scenario: Scenario) -> Double {
    scenario.training.deadlineSeconds / Double(max(1, scenario.training.epochs))
  }

  /// The next epoch's decision: every node that finishes within the per-epoch budget, at the deploy level.
  public func decide(_ state: BaselineState) -> BaselineStep {
    let available = state.available
    guard !available.isEmpty else { return .stop("no node is available") }
    let level = max(state.level, state.deployLevel)
    let budget = Self.epochBudget(state.scenario)
    let cost = state.evaluator.cost
    let ordered = available.sorted { cost.seconds(node: $0, level: level) < cost.seconds(node: $1, level: level) }
    // Fastest first, the epoch time with n added is n's own (the slowest) plus aggregation.
    var chosen: [Int] = []
    for n in ordered {
      if cost.seconds(node: n, level: level) + cost.aggregationSeconds > budget { break }
      chosen.append(n)
    }
    guard !chosen.isEmpty else {
      let fastest = ordered.first.map { state.epochSeconds([$0], level: level) } ?? .infinity
      return .stop(
        "no available node finishes within the per-epoch budget of \(Format.number(budget)) s (fastest: \(Format.number(fastest)) s)"
      )
    }
    return .train(EpochDecision(nodes: chosen, level: level))
  }
}
