/// Prune to the deploy level before training, then train on every node.
///
/// Decision rule: from epoch 1, all available nodes train the model pruned to
/// the deploy level (``Scenario/firstDeployableLevel``); stop as soon as the
/// plan is feasible.
///
/// Source: pruning at initialisation, e.g. Lee et al., "SNIP: single-shot network
/// pruning based on connection sensitivity", ICLR 2019; a PACT baseline
/// (Malandrino et al., INFOCOM 2023).
public struct PruneFirst: BaselinePolicy {
  /// The prune-first baseline.
  public init() {}
  public var name: String { "prune-first" }
  public var rule: String { "all nodes, pruned to the deploy level from epoch 1" }
  public var source: String { "Lee et al., ICLR 2019 (SNIP, prune at initialisation)" }

  /// The next epoch's decision: every available node, at the deploy level.
  public func decide(_ state: BaselineState) -> BaselineStep {
    let nodes = state.available
    guard !nodes.isEmpty else { return .stop("no node is available") }
    return .train(EpochDecision(nodes: nodes, level: max(state.level, state.deployLevel)))
  }
}
