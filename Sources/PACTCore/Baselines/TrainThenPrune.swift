/// Train the full model on every node, prune once at the end.
///
/// Decision rule: every epoch, all available nodes train. The model stays at
/// level 0 (unpruned) except in the last epoch, which is trained at the deploy
/// level (``Scenario/firstDeployableLevel``). The last epoch is the first one at
/// which a pruned epoch makes the plan feasible; or, failing that, the last one
/// there is room for: epoch K, or the epoch after which a pruned epoch of the
/// next epoch's nodes would no longer fit before the deadline.
///
/// Source: the classic "train, then prune (and fine-tune)" pipeline, e.g. Han et
/// al., "Learning both weights and connections for efficient neural networks",
/// NeurIPS 2015; the federated variant used as a baseline by PACT (Malandrino et
/// al., INFOCOM 2023).
public struct TrainThenPrune: BaselinePolicy {
  /// The train-then-prune baseline.
  public init() {}
  public var name: String { "train-then-prune" }
  public var rule: String { "all nodes, full model; prune to the deploy level in the last epoch" }
  public var source: String { "Han et al., NeurIPS 2015 (train, then prune)" }

  /// The next epoch's decision: every available node, unpruned until the last epoch (at the deploy level).
  public func decide(_ state: BaselineState) -> BaselineStep {
    let nodes = state.available
    guard !nodes.isEmpty else { return .stop("no node is available") }
    let deploy = max(state.level, state.deployLevel)
    if state.level >= deploy || state.finishes(nodes, level: deploy) {
      return .train(EpochDecision(nodes: nodes, level: deploy))
    }
    // Prune now unless another (pruned) epoch still fits after a full-model one.
    if !state.leavesRoom(nodes, level: state.level, thenLevel: deploy) {
      return .train(EpochDecision(nodes: nodes, level: deploy))
    }
    return .train(EpochDecision(nodes: nodes, level: state.level))
  }
}
