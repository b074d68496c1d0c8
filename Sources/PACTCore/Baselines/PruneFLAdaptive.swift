/// PruneFL-style adaptive pruning: all nodes, the level that buys the most loss per second.
///
/// Decision rule: every epoch all available nodes train; the level j ≥ the
/// previous level (levels never decrease) is the one maximising the predicted
/// loss reduction per second of epoch time, (ℓ − ℓ_next(j)) ÷ epochSeconds(j).
/// The plan must end at a deploy level: when a deployable level makes the plan
/// feasible this epoch, the best such level is taken (and the run stops); levels
/// after which no deployable epoch would fit any more (epoch K, or the
/// deadline) are excluded, so the last epoch is always deployable.
///
/// Difference from the paper: PruneFL estimates the reduction from gradient
/// norms of the parameters it keeps; here the pact-v1 loss predictor supplies it.
///
/// Source: Y. Jiang et al., "Model pruning enables efficient federated learning
/// on edge devices", IEEE TNNLS 2022 (PruneFL).
public struct PruneFLAdaptive: BaselinePolicy {
  /// The PruneFL baseline.
  public init() {}
  public var name: String { "prunefl" }
  public var rule: String { "all nodes; level maximising predicted loss drop per second (never decreasing)" }
  public var source: String { "Jiang et al., IEEE TNNLS 2022 (PruneFL)" }

  /// The next epoch's decision: every available node, at the level of most predicted loss reduction per second.
  public func decide(_ state: BaselineState) -> BaselineStep {
    let nodes = state.available
    guard !nodes.isEmpty else { return .stop("no node is available") }
    let levels = state.level..<state.scenario.levelCount
    let deploy = max(state.level, state.deployLevel)
    func score(_ j: Int) -> Double {
      (state.loss - state.lossAfter(nodes, level: j)) / max(state.epochSeconds(nodes, level: j), 1e-12)
    }
    func best(_ candidates: [Int]) -> Int? {
      candidates.max { a, b in score(a) < score(b) || (score(a) == score(b) && a > b) }
    }
    let finishing = levels.filter { $0 >= deploy && state.finishes(nodes, level: $0) }
    if let j = best(finishing) { return .train(EpochDecision(nodes: nodes, level: j)) }
    let allowed = levels.filter { $0 >= deploy || state.leavesRoom(nodes, level: $0, thenLevel: max($0, deploy)) }
    guard let j = best(allowed) else { return .stop("no level is left") }
    return .train(EpochDecision(nodes: nodes, level: j))
  }
}
