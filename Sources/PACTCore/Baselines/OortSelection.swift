import Foundation

/// Oort-style guided participant selection: the nodes of highest utility.
///
/// Decision rule: each epoch, at the deploy level, the ⌈N/2⌉ available nodes
/// (N available) of highest utility train, where
///   utility_n = d_n · diversity_n ÷ penalty_n,
/// d_n the node's samples (statistical utility grows with data size);
/// diversity_n the normalised entropy of its label histogram, H(p_n) ÷ ln C
/// (1 without histograms); and penalty_n = (t_n ÷ T)^α when the node's epoch
/// time t_n exceeds the preferred epoch duration T = deadline ÷ epochs, else 1,
/// with α = 2 (Oort's default straggler penalty). Ties go to the lower index.
///
/// Differences from the paper: Oort's statistical utility is |B_n|·sqrt(mean
/// loss²) measured during training, and it explores (ε-greedy) and ages
/// utilities; this version is deterministic exploitation with data size and
/// label diversity standing in for the training loss.
///
/// Source: F. Lai et al., "Oort: efficient federated learning via guided
/// participant selection", USENIX OSDI 2021.
public struct OortSelection: BaselinePolicy {
  /// α, the straggler penalty exponent.
  public var penaltyExponent: Double
  /// Oort with the given penalty exponent on slow nodes' utility.
  public init(penaltyExponent: Double = 2) { self.penaltyExponent = penaltyExponent }
  public var name: String { "oort" }
  public var rule: String { "top ⌈N/2⌉ nodes by samples·label entropy ÷ straggler penalty, deploy level" }
  public var source: String { "Lai et al., USENIX OSDI 2021 (Oort)" }

  /// utility_n at level j (see the type's documentation).
  public func utility(node n: Int, level j: Int, scenario: Scenario, cost: CostModel) -> Double {
    let node = scenario.nodes[n]
    var diversity = 1.0
    if let h = node.labelHistogram, h.count > 1 {
      let total = h.reduce(0, +)
      if total > 0 {
        let entropy = h.reduce(0.0) { acc, c in c > 0 ? acc - (c / total) * log(c / total) : acc }
        diversity = entropy / log(Double(h.count))
      } else {
        diversity = 0
      }
    }
    let preferred = FedCSSelection.epochBudget(scenario)
    let t = cost.seconds(node: n, level: j) + cost.aggregationSeconds
    let penalty = t > preferred ? pow(t / preferred, penaltyExponent) : 1
    return Double(node.samples) * diversity / penalty
  }

  /// The next epoch's decision: the ⌈N/2⌉ available nodes of highest utility, at the deploy level.
  public func decide(_ state: BaselineState) -> BaselineStep {
    let available = state.available
    guard !available.isEmpty else { return .stop("no node is available") }
    let level = max(state.level, state.deployLevel)
    let count = (available.count + 1) / 2
    let u = available.map { utility(node: $0, level: level, scenario: state.scenario, cost: state.evaluator.cost) }
    let ranked = available.indices.sorted { u[$0] > u[$1] || (u[$0] == u[$1] && available[$0] < available[$1]) }
    return .train(EpochDecision(nodes: ranked.prefix(count).map { available[$0] }, level: level))
  }
}
