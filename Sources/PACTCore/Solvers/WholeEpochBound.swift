import Foundation

/// ``LevelProgressBound``'s program in *whole* epochs (pact-v1): where the price per unit
/// of progress lets a plan buy the fraction of an epoch it cannot buy (a plan of 81
/// epochs of one node is bounded at 80.77 of them: the 1,000-node fleet's proven gap of
/// 0.27 %), this one steps epoch by epoch through each level's relaxed decisions.
///
/// **Setting.** D_j: the relaxed decisions (E_d, ρ_d = −ln f_d > 0) of level j over every
/// epoch (``RelaxedDecisions``): every real epoch (S, j) with ρ(S) > 0 has some d ∈ D_j with
/// E_d ≤ E(S) and ρ_d ≥ ρ(S). For a level with c_j = ℓ∞_j < T (the target), a loss ℓ needs
/// the progress p_j(ℓ) = ln((ℓ − c_j) / (T − c_j)) at that level; the level's cells have a
/// unit q_j > 0, and ι_j(ℓ) = ⌊(1 − 2δ)·p_j(ℓ) / q_j⌋ (δ = 1e-9) is the loss's cell (0 at or
/// below the target). s_d = ⌈(1 − δ)·ρ_d / q_j⌉ cells for each decision.
///
/// **Claim.** V_j[u] below is at most the energy any plan still spends from a state at
/// level j whose cell is ≥ u, up to a state with loss ≤ T at a deployable level:
///
/// - deployable j: V_j[0] = 0; non-deployable j: V_j[0] = W_j[0];
/// - V_j[u] = min(W_j[u], min over d ∈ D_j of E_d + V_j[max(0, u − s_d)]) for u ≥ 1;
/// - W_j[u] = min over j′ > j of V_j′[ι_j′(L_j(u))], with L_j(u) = c_j + (T − c_j)·e^{u·q_j / (1 − 2δ)}
///   the lowest loss of a cell ≥ u (a lower cell than ι_j′ is also a bound: the cells are
///   found by walking the L_j′ with a relative 1e-12 to spare);
/// - a level that cannot finish (T ≤ c_j, or no decision with ρ > 0) has one value: 0 if
///   deployable with T > c_j (a state already at the target), else the least V of any cell
///   of any higher level.
///
/// *Proof*, by induction on the plan's remaining epochs. A state at level j with cell ≥ u
/// has loss ≥ L_j(u) (ι is non-decreasing in the loss). It either switches level — the
/// shock only adds loss, so at j′ its cell is ≥ ι_j′(L_j(u)) — or trains one epoch (S, j)
/// with dominating d: the loss x = ln(ℓ − c_j) falls by ρ(S) ≤ ρ_d (pact-v1, no shock within
/// a level), so p_j falls by at most ρ_d, and (1 − 2δ)·p′/q ≥ u − (1 − 2δ)·ρ_d/q ≥ u − s_d:
/// its cell is ≥ u − s_d, and E(S) ≥ E_d. Epochs with ρ(S) = 0 cost ≥ 0 and leave the loss.
/// A level with T ≤ c_j never reaches the target; whatever it does, the plan switches to a
/// higher level at a loss ≥ T, where the least any cell costs is V_j′[0]. ∎
///
/// The unit is the best-ratio decision's ρ over m ≤ 256 (its steps are exact: a plan of it
/// alone is priced at its whole epochs); m is lowered so that the cells times the
/// decisions (dominated ones dropped: a dominated element of a multiset can be swapped for
/// its dominator) stay within ``work``. A switch costs at most one cell of the level
/// switched to; it ignores shocks and the deadline, like ``LevelProgressBound``.
enum WholeEpochBound {
  /// Relative slack on the steps and the cells (see the claim).
  static let slack = 1e-9
  /// Most cells × decisions over all levels.
  static let work = 12_000_000
  /// Most cells per epoch of the best ratio.
  static let cellsPerEpoch = 256

  /// Each level's decisions (joules, ρ) with ρ > 0 over the epochs of `cache` up to the
  /// first with no node available (the per-unit price and this program read the same).
  static func decisions(_ cache: CandidateCache, levels J: Int, epochs K: Int) -> [[(joules: Double, rho: Double)]] {
    var out = [[(joules: Double, rho: Double)]](repeating: [], count: J)
    for k in 1...max(1, K) {
      guard let epoch = cache.decisions(epoch: k) else { break }
      for j in 0..<J {
        for d in epoch.descending[j] where epoch.logFactors[d] < 0 {
          out[j].append((epoch.joules[d], -epoch.logFactors[d]))
        }
      }
    }
    return out
  }

  /// One level's non-dominated decisions: by ρ descending (joules ascending on ties), each
  /// kept when cheaper than every decision with more progress.
  static func front(_ decisions: [(joules: Double, rho: Double)]) -> [(joules: Double, rho: Double)] {
    let sorted = decisions.filter { $0.rho > 0 && $0.rho.isFinite && $0.joules >= 0 }.sorted {
      $0.rho != $1.rho ? $0.rho > $1.rho : $0.joules < $1.joules
    }
    var out: [(joules: Double, rho: Double)] = []
    for d in sorted where out.last.map({ d.joules < $0.joules }) ?? true { out.append(d) }
    return out
  }

  /// The program's values: per level, its cell's unit (0: the level has one value) and
  /// V_j by cell, every level's cells in one array (level j's from `start[j]`, `count[j]`
  /// of them: read for every successor, so no array of arrays to retain).
  struct Table {
    let unit: [Double]
    let values: [Double]
    let start: [Int]
    let count: [Int]
    let target: Double
    let floors: [Double]
    /// Per level: cells per unit of progress, less the slack ((1 − 2·slack) / unit; 0
    /// without cells) — a multiplication per successor instead of a division (its rounding,
    /// a few ulps, is far inside the slack).
    let cellsPerProgress: [Double]

    init(unit: [Double], values levels: [[Double]], target: Double, floors: [Double]) {
      self.unit = unit
      values = levels.flatMap { $0 }
      count = levels.map(\.count)
      start = levels.indices.map { j in levels[..<j].reduce(0) { $0 + $1.count } }
      self.target = target
      self.floors = floors
      cellsPerProgress = unit.map { $0 > 0 ? (1 - 2 * WholeEpochBound.slack) / $0 : 0 }
    }

    /// V_j at the cell of a state whose progress still needed at level j is at least
    /// `progress` (any lower estimate of p_j(ℓ) serves: a lower cell bounds it too), less
    /// 1e-9 relative for the rounding of the program's sums.
    @inline(__always)
    func joules(level j: Int, progress: Double) -> Double {
      let first = start[j]
      guard unit[j] > 0, progress > 0 else { return values[first] * (1 - 1e-9) }
      let x = progress * cellsPerProgress[j]
      let last = count[j] - 1
      return values[first + (x >= Double(last) ? last : Int(x))] * (1 - 1e-9)
    }
  }

  /// The bound from the initial loss `start` at level 0; 0 when it claims nothing.
  /// - Parameter decisions: each level's relaxed (joules, ρ) over every epoch.
  static func joules(
    decisions: [[(joules: Double, rho: Double)]], floors: [Double], target T: Double, start: Double, deploy: Int
  ) -> Double {
    guard let table = table(decisions: decisions, floors: floors, target: T, start: start, deploy: deploy) else {
      return 0
    }
    return joules(table, start: start)
  }

  /// The bound of a built table from the loss `start` at level 0.
  static func joules(_ table: Table, start: Double) -> Double {
    let (T, c) = (table.target, table.floors[0])
    guard table.unit[0] > 0, start > T, T > c else { return 0 }
    // (The start's cell a hair low: never above ι, whatever the rounding of its logarithm.)
    let bound = table.joules(level: 0, progress: (1 - slack) * log((start - c) / (T - c)))
    return bound.isFinite ? bound : 0
  }

  /// The program's table up to the loss `start`; nil when it claims nothing.
  static func table(
    decisions: [[(joules: Double, rho: Double)]], floors: [Double], target T: Double, start: Double, deploy: Int
  ) -> Table? {
    let J = floors.count
    guard J > 0, start > T, deploy < J else { return nil }
    let fronts = decisions.map(front)
    // Each finishing-capable level's unit and cells.
    var unit = [Double](repeating: 0, count: J)
    var cells = [Int](repeating: 0, count: J)
    func progress(_ loss: Double, _ j: Int) -> Double { log((loss - floors[j]) / (T - floors[j])) }
    var need: [(j: Int, rho: Double, most: Double, count: Int)] = []
    for j in 0..<J where T > floors[j] {
      guard let best = fronts[j].min(by: { $0.joules * $1.rho < $1.joules * $0.rho }) else { continue }
      need.append((j, best.rho, progress(start, j), fronts[j].count))
    }
    guard !need.isEmpty else { return nil }
    var m = cellsPerEpoch
    // (Counted in floating point: a decision of almost no progress asks for more cells than
    // an Int holds; then there is no table, and no bound from it.)
    func total(_ m: Int) -> Double {
      need.reduce(0) { $0 + (($1.most / ($1.rho / Double(m))).rounded(.up) + 2) * Double(max(1, $1.count)) }
    }
    while m > 1 && !(total(m) <= Double(work)) { m /= 2 }
    guard total(m) <= Double(work) else { return nil }
    for n in need {
      unit[n.j] = n.rho / Double(m)
      cells[n.j] = Int((n.most / unit[n.j]).rounded(.up)) + 2
    }
    // The lowest loss of each cell ≥ u (L_j(u)), and where a cell begins from a higher
    // level's view: a loss reaches cell k only from a hair above L(k), so a cell found by
    // walking these is never above ι (a lower cell's value is a bound for it too).
    let lowestLoss = (0..<J).map { j in
      (0..<cells[j]).map { u in u == 0 ? T : floors[j] + (T - floors[j]) * exp(Double(u) * unit[j] / (1 - 2 * slack)) }
    }
    var values = [[Double]](repeating: [], count: J)
    var least = [Double](repeating: .infinity, count: J + 1)  // min over levels ≥ j of their least cell
    for j in stride(from: J - 1, through: 0, by: -1) {
      defer { least[j] = min(least[j + 1], values[j].min() ?? .infinity) }
      guard cells[j] > 0 else {
        // Cannot finish here (no progress, or the target at or below the floor): a
        // deployable level at the target costs nothing more; else the least of any
        // higher level at a loss ≥ T.
        values[j] = [j >= deploy && T > floors[j] ? 0 : least[j + 1]]
        continue
      }
      let q = unit[j]
      let U = cells[j]
      // W_j[u]: the levels above at the cell's lowest loss.
      var v = [Double](repeating: .infinity, count: U)
      for h in (j + 1)..<J {
        guard cells[h] > 0 else {
          for u in 0..<U { v[u] = min(v[u], values[h][0]) }
          continue
        }
        var k = 0
        let edges = lowestLoss[h]
        for u in 0..<U {
          let loss = lowestLoss[j][u]
          while k + 1 < cells[h] && loss >= edges[k + 1] * (1 + 1e-12) { k += 1 }
          v[u] = min(v[u], values[h][k])
        }
      }
      if j >= deploy { v[0] = 0 }
      // In cells (the front's joules fall as its ρ falls): decisions a cell apart in ρ
      // share a step count, and the cheaper of them, the later, stands for both.
      var steps: [Int] = []
      var joules: [Double] = []
      for d in fronts[j] {
        let step = max(1, Int(((1 - slack) * d.rho / q).rounded(.up)))
        if steps.last == step {
          joules[joules.count - 1] = d.joules
        } else {
          steps.append(step)
          joules.append(d.joules)
        }
      }
      // Decision by decision (the order of a multiset's epochs does not change its cost or
      // its cells, so this is the same minimum as cell by cell), each over the cells upward:
      // any number of that decision's epochs.
      v.withUnsafeMutableBufferPointer { g in
        for (step, e) in zip(steps, joules) {
          let first = min(step, U)
          // (Branch-free minima: the same values.)
          for u in stride(from: 1, to: first, by: 1) { g[u] = min(g[u], e + g[0]) }
          for u in stride(from: first, to: U, by: 1) { g[u] = min(g[u], e + g[u - step]) }
        }
      }
      values[j] = v
    }
    return Table(unit: unit, values: values, target: T, floors: floors)
  }
}
