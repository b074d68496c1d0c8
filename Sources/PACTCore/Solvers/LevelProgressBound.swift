import Foundation

/// A lower bound on the optimum from the progress a plan must make at each pruning level
/// (pact-v1 only): the bound over every node set that knows each level's own floor and
/// price of progress, where ``RemainingCostBound``'s per-unit-of-progress bound takes the
/// cheapest price of any level with the lowest floor of any level, and its backward table
/// loses up to a loss bucket per epoch (many on long plans).
///
/// **Claim.** With E_j the least joules per unit of ρ of any relaxed decision of level j
/// (``RelaxedDecisions``, every epoch), c_j = ℓ∞_j, T the target, ℓ0 the initial loss:
/// every feasible plan spends at least V_0(ℓ0), where V_j(ℓ) is the least cost of moving
/// a loss ℓ at level j to at most T through levels j ≤ j_1 ≤ j_2 ≤ … (levels never fall),
/// moving from ℓ to ℓ′ > c_j at level j costing E_j · ln((ℓ − c_j) / (ℓ′ − c_j)), and
/// reaching T at a deployable level or passing through it costing nothing more.
/// *Proof.* Take the plan's epochs up to the first one whose loss is ≤ T. An epoch of set
/// S at level j costs E(S) ≥ E_j · ρ(S) (some relaxed decision has joules ≤ E(S) and
/// ρ ≥ ρ(S)) and moves the loss ℓ to c_j + (ℓₛ − c_j)·e^{−ρ(S)} with ℓₛ ≥ ℓ (the shock only
/// adds loss), so ρ(S) ≥ ln((ℓ − c_j) / (ℓ′ − c_j)) when ℓ > c_j (when ℓ ≤ c_j the epoch
/// cannot lower the loss: cost ≥ 0, no progress). Summing, the plan is a path of the
/// program above, and its energy is at least the path's cost. ∎
///
/// The program runs on a grid of N + 1 losses g_0 = T < g_1 < … < g_N = ℓ0 (geometric in
/// the distance to the lowest floor); V_j[i] bounds V_j on [g_i, g_{i+1}) from below, as
/// every term is monotone: with W = min over higher levels of V,
/// V_j[i] = min(W[i], E_j·ln((g_i − c_j)/(T − c_j)) if j is deployable,
///              E_j·ln(g_i − c_j) + min over m < i of (W[m] − E_j·ln(g_{m+1} − c_j)))
/// (terms with g ≤ c_j left out). A path switches level at most J − 1 times, so the grid
/// costs at most one cell per switch, not one per epoch. O(J · N). It prices progress by
/// the unit, so a plan may buy a fraction of an epoch; the bound returned is the larger of
/// it and ``WholeEpochBound``'s program over the same paths in whole epochs.
enum LevelProgressBound {
  /// Grid cells between the target and the initial loss.
  static let cells = 4096

  /// The bound for `scenario` over `cache`'s relaxed decisions; 0 when it claims nothing
  /// (another loss form, no progress possible, the start already at the target).
  /// - Parameter wholeEpochs: whether to take the larger of it and ``WholeEpochBound`` (the tests compare).
  /// - Parameter table: that program's table over the same decisions, when already built
  ///   (``RemainingCostBound/wholeEpochs``).
  static func joules(
    scenario: Scenario, predictor: any LossPredictor, cache: CandidateCache, wholeEpochs: Bool = true,
    table: WholeEpochBound.Table? = nil
  ) -> Double {
    guard predictor is PACTv1LossPredictor else { return 0 }
    let t = scenario.training
    let J = scenario.levelCount
    let T = t.targetLoss
    let start = t.initialLoss
    let deploy = scenario.firstDeployableLevel ?? J
    let floors = (0..<J).map { predictor.floor(level: $0) }
    guard let lowest = floors.min(), T > lowest, start > T, deploy < J else { return 0 }
    // E_j over every epoch a plan can use (the decisions' logarithms are already taken;
    // the cache remembers each epoch's decisions, so no pattern of thousands of nodes is
    // hashed again — the forward passes ask for the same).
    let decisions = WholeEpochBound.decisions(cache, levels: J, epochs: t.epochs)
    let price = decisions.map { $0.reduce(Double.infinity) { min($0, $1.joules / $1.rho) } }
    if price.contains(where: { $0 <= 0 }) { return 0 }
    let N = cells
    let step = log((start - lowest) / (T - lowest)) / Double(N)
    var grid = (0...N).map { lowest + (T - lowest) * exp(Double($0) * step) }
    grid[0] = T
    grid[N] = start
    var higher = [Double](repeating: .infinity, count: N + 1)  // W: the least V of the levels above
    var value = higher
    for j in stride(from: J - 1, through: 0, by: -1) {
      let c = floors[j]
      let e = price[j]
      var best = Double.infinity  // min over m < i of W[m] − e·ln(g_{m+1} − c)
      for i in 0...N {
        var v = higher[i]
        if e.isFinite, grid[i] > c {
          let here = log(grid[i] - c)
          if j >= deploy, T > c { v = min(v, e * (here - log(T - c))) }
          v = min(v, e * here + best)
          if i < N, grid[i + 1] > c, higher[i].isFinite { best = min(best, higher[i] - e * log(grid[i + 1] - c)) }
        }
        value[i] = max(0, v)
      }
      for i in 0...N { higher[i] = min(higher[i], value[i]) }
    }
    let bound = value[N]
    // Rounding of the logarithms and sums: far below this margin.
    let linear = bound.isFinite ? bound * (1 - 1e-9) : 0
    guard wholeEpochs else { return linear }
    let whole =
      table.map { WholeEpochBound.joules($0, start: start) }
      ?? WholeEpochBound.joules(decisions: decisions, floors: floors, target: T, start: start, deploy: deploy)
    return max(linear, whole)
  }
}
