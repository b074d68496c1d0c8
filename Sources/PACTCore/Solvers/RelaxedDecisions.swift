import Foundation

/// Optimistic stand-ins for *every* node set of one epoch: the decisions of the proven
/// lower bound (``OptimumBound``).
///
/// PACT's candidates (``NodeSetCandidates``) are a choice among the 2^N − 1 node sets,
/// so a bound computed over them bounds PACT's graph, not the optimum. The relaxed
/// decisions instead *cover* every set: for each non-empty set S of the available nodes
/// there is a relaxed decision with joules ≤ E(S), seconds ≤ T(S) and, for each
/// direction of progress, a factor at least as good as S's (≤ for states above the
/// level's floor, ≥ below it). A relaxed decision is not a real set; it is the
/// optimistic corner of a group of sets:
///
/// - **Up to ``exhaustiveLimit`` available nodes** every set is enumerated (u, δ and E
///   of each, O(2^N · (C + J)) with C classes and J levels). Sets with the same slowest
///   node share their time exactly, so each such family keeps only its (energy, factor)
///   staircases in both directions: real sets' figures, nothing lost but dominated sets.
/// - **Beyond it**, every set S is covered through its node m with the most local steps
///   (u(S) ≤ steps_m, u being a sample-weighted mean; E(S) ≥ E({m}); T(S) ≥ T({m})): m
///   alone, then a ladder of corners in which the label skew falls only as fast as the
///   others' label mass — bought with their energy — can move it away from m's
///   (``largestStepsFronts(_:levels:costing:corners:thresholds:)``). Looser than
///   enumeration, but it knows that a node's skew is not undone for free.
/// - **Up to ``cheapestNodeLimit`` nodes** the ``cheapestLimit`` cheapest sets are listed
///   first with their real figures, and the ladder covers only the sets left out, none
///   cheaper than a threshold (``cheapestFronts(_:levels:costing:corners:limit:)``): the
///   ladder's loosest corners, the cheap ones, give way to real sets (20 × 50 × 5: proven
///   gap 2.07 → 0.15 %).
///
/// Costs of a set at another level are computed from the node tables of that level,
/// so measured profiles are honoured. Each relaxed joules and seconds figure is lowered
/// by a relative 1e-9 (and each factor moved by as much toward the optimistic side) so
/// that rounding in a different order of additions can never lift it above the figure of
/// the set it stands for.
enum RelaxedDecisions {
  /// Sets are enumerated when at most this many nodes are available (2^16 sets).
  static let exhaustiveLimit = 16
  /// Patterns beyond ``exhaustiveLimit`` and up to ``cheapestNodeLimit`` nodes: this many
  /// of their cheapest sets are enumerated (``cheapestFronts(_:levels:costing:corners:limit:)``).
  /// Beyond 64 nodes the cheapest sets are singletons and pairs of the cheapest nodes, which
  /// changed no bound measured (1,000 nodes, city-phones-200) and cost the proof ~30 ms.
  static let cheapestLimit = 256
  static let cheapestNodeLimit = 64
  /// Relative margin below every relaxed figure.
  static let margin = 1e-9

  /// A figure lowered by the margin (energy, time, or a factor for states above the floor).
  static func lowered(_ x: Double) -> Double { x * (1 - margin) }
  /// A factor for states below the floor raised by the margin, never past 1 (no progress).
  static func raisedFactor(_ f: Double) -> Double { f < 1 ? min(1, f * (1 + margin)) : f }

  /// The relaxed fronts of every level for the nodes `available`: every set enumerated
  /// (with `enumerate`, up to ``exhaustiveLimit`` nodes), else the `cheapest` cheapest sets
  /// listed before the ladder (up to ``cheapestNodeLimit`` nodes; 0: the ladder alone),
  /// else the ladder.
  static func fronts(
    available: [Int], levels J: Int, costing: NodeSetCandidates.Costing, enumerate: Bool = true,
    cheapest: Int = cheapestLimit, corners: NodeCorners? = nil
  ) -> [NodeSetCandidates] {
    guard !available.isEmpty else {
      return [NodeSetCandidates](repeating: .init(descending: [], ascending: []), count: J)
    }
    if enumerate && available.count <= exhaustiveLimit {
      return enumeratedFronts(available, levels: J, costing: costing)
    }
    let table = corners ?? NodeCorners(levels: J, costing: costing)
    if cheapest > 0, available.count <= cheapestNodeLimit {
      return cheapestFronts(available, levels: J, costing: costing, corners: table, limit: cheapest)
    }
    return largestStepsFronts(available, levels: J, costing: costing, corners: table)
  }

  /// Every set enumerated, in Gray-code order (one node in or out per step, so u, δ and
  /// the energies are updated in O(C + J)). At each level, the sets with the same slowest
  /// node share their time exactly, so each such family is reduced to its two Pareto
  /// fronts in (energy, factor) — for states above the floor (factor ↓) and below it
  /// (factor ↑) — and the union is Pareto-filtered as the candidates are. These are real
  /// sets' figures (less the margin): nothing is lost but dominated sets.
  static func enumeratedFronts(_ available: [Int], levels J: Int, costing: NodeSetCandidates.Costing)
    -> [NodeSetCandidates]
  {
    let cost = costing.cost
    let context = costing.statistics
    let n = available.count
    let C = context.classes
    let steps = available.map { context.steps[$0] }
    let samples = available.map { context.samples[$0] }
    var nodeJoules = [Double](repeating: 0, count: n * J)
    var nodeSeconds = [Double](repeating: 0, count: n * J)
    for a in 0..<n {
      for j in 0..<J {
        nodeJoules[a * J + j] = cost.joules(node: available[a], level: j)
        nodeSeconds[a * J + j] = cost.seconds(node: available[a], level: j)
      }
    }
    var nodeHist = [Double](repeating: 0, count: n * max(1, C))
    for a in 0..<n { for c in 0..<C { nodeHist[a * C + c] = context.histograms[available[a] * C + c] } }
    let q = context.globalDistribution
    let count = (1 << n) - 1
    // Per set (index mask − 1): u, δ, the energy at each level.
    var meanSteps = [Double](repeating: 0, count: count)
    var skews = [Double](repeating: 0, count: count)
    var energies = [Double](repeating: 0, count: count * J)
    var hist = [Double](repeating: 0, count: max(1, C))
    var energy = [Double](repeating: 0, count: J)
    var sampleSum = 0.0
    var weighted = 0.0
    var mask = 0
    for i in 1...count {
      let a = i.trailingZeroBitCount
      let adding = mask & (1 << a) == 0
      mask ^= 1 << a
      let sign = adding ? 1.0 : -1.0
      sampleSum += sign * samples[a]
      weighted += sign * samples[a] * steps[a]
      for c in 0..<C { hist[c] += sign * nodeHist[a * C + c] }
      if mask & (mask - 1) == 0 {
        // One node: its own figures, so the sums never drift far.
        let b = mask.trailingZeroBitCount
        for j in 0..<J { energy[j] = nodeJoules[b * J + j] }
      } else {
        for j in 0..<J { energy[j] += sign * nodeJoules[a * J + j] }
      }
      let index = mask - 1
      meanSteps[index] = sampleSum > 0 ? weighted / sampleSum : 0
      var total = 0.0
      for c in 0..<C { total += hist[c] }
      skews[index] = NodeSetStatistics.skew(classes: C, total: total, global: q) { hist[$0] }
      for j in 0..<J { energies[index * J + j] = energy[j] }
    }
    // Each level on its own (on every core: a pattern of 15 nodes has 32,767 sets per level).
    return ParallelMap.map(Array(0..<J)) { j in
      var factors = [Double](repeating: 0, count: count)
      for index in 0..<count {
        factors[index] = costing.predictor.epochFactor(meanSteps: meanSteps[index], skew: skews[index], level: j)
      }
      // The slowest node of each set from the set without its lowest node (index mask − 1;
      // ties to the lower node, as a scan from the lowest would).
      var slowest = [Int32](repeating: 0, count: count)
      for index in 0..<count {
        let mask = index + 1
        let b = mask.trailingZeroBitCount
        let rest = mask & (mask - 1)
        var who = b
        if rest != 0 {
          let r = Int(slowest[rest - 1])
          if nodeSeconds[r * J + j] > nodeSeconds[b * J + j] { who = r }
        }
        slowest[index] = Int32(who)
      }
      return NodeSetCandidates.fronts(
        familyCorners(
          families: n, family: slowest, energies: (0..<count).map { energies[$0 * J + j] }, factors: factors,
          seconds: { nodeSeconds[$0 * J + j] + cost.aggregationSeconds }))
    }
  }

  /// Patterns too large to enumerate: the ``cheapestLimit`` cheapest sets at level 0
  /// enumerated (``CheapestSubsets``; their real figures at every level, as
  /// ``enumeratedFronts(_:levels:costing:)`` keeps them), and every other set covered by
  /// the ladder of ``largestStepsFronts(_:levels:costing:corners:thresholds:)`` with its
  /// rungs starting at the level's threshold: a set S left out costs E_0(S) ≥ τ_0 (the
  /// least level-0 energy of a set left out), so at level j
  /// E_j(S) = Σ E_j(n) ≥ r_j · Σ E_0(n) ≥ r_j · τ_0 =: τ_j with r_j the least ratio
  /// E_j(n) / E_0(n) over the pattern's nodes (the level's scale when no node has a
  /// measured profile); the ladder for m then starts at τ_j − E_j({m}) of the others'
  /// energy. The ladder's cheap end, its loosest corners, is replaced by real sets.
  static func cheapestFronts(
    _ available: [Int], levels J: Int, costing: NodeSetCandidates.Costing, corners table: NodeCorners, limit: Int
  ) -> [NodeSetCandidates] {
    let cost = costing.cost
    let context = costing.statistics
    let C = context.classes
    let n = available.count
    let q = context.globalDistribution
    let joules0 = available.map { cost.joules(node: $0, level: 0) }
    let subsets = CheapestSubsets(costs: joules0, limit: limit)
    let k = subsets.count
    // Per set: u and δ (level-free), from its prefix's sums.
    var meanSteps = [Double](repeating: 0, count: k)
    var skews = [Double](repeating: 0, count: k)
    var samples = [Double](repeating: 0, count: k)
    var weighted = [Double](repeating: 0, count: k)
    var hist = [Double](repeating: 0, count: k * max(1, C))
    for s in 0..<k {
      let p = Int(subsets.prefix[s])
      let m = available[Int(subsets.last[s])]
      let ownSamples = context.samples[m]
      samples[s] = (p >= 0 ? samples[p] : 0) + ownSamples
      weighted[s] = (p >= 0 ? weighted[p] : 0) + ownSamples * context.steps[m]
      var total = 0.0
      for c in 0..<C {
        let h = (p >= 0 ? hist[p * C + c] : 0) + context.histograms[m * C + c]
        hist[s * C + c] = h
        total += h
      }
      skews[s] = NodeSetStatistics.skew(classes: C, total: total, global: q) { hist[s * C + $0] }
      meanSteps[s] = samples[s] > 0 ? weighted[s] / samples[s] : 0
    }
    var thresholds = [Double](repeating: .infinity, count: J)
    let listed = (0..<J).map { j -> [NodeSetCandidates.Candidate] in
      let joules = available.map { cost.joules(node: $0, level: j) }
      let seconds = available.map { cost.seconds(node: $0, level: j) }
      var energies = [Double](repeating: 0, count: k)
      var slowest = [Int32](repeating: 0, count: k)
      var factors = [Double](repeating: 0, count: k)
      for s in 0..<k {
        let p = Int(subsets.prefix[s])
        let a = Int(subsets.last[s])
        energies[s] = (p >= 0 ? energies[p] : 0) + joules[a]
        // Ties to the lower node, as a scan from the lowest would.
        if p >= 0 {
          let r = Int(slowest[p])
          slowest[s] = Int32(seconds[r] > seconds[a] || (seconds[r] == seconds[a] && r < a) ? r : a)
        } else {
          slowest[s] = Int32(a)
        }
        factors[s] = costing.predictor.epochFactor(meanSteps: meanSteps[s], skew: skews[s], level: j)
      }
      if subsets.threshold.isFinite {
        var ratio = Double.infinity
        for (a, e0) in joules0.enumerated() where e0 > 0 { ratio = min(ratio, joules[a] / e0) }
        thresholds[j] = ratio.isFinite ? lowered(lowered(ratio) * subsets.threshold) : 0
      }
      return familyCorners(
        families: n, family: slowest, energies: energies, factors: factors,
        seconds: { seconds[$0] + cost.aggregationSeconds })
    }
    guard subsets.threshold.isFinite else { return listed.map { NodeSetCandidates.fronts($0) } }
    let ladder = largestStepsFronts(available, levels: J, costing: costing, corners: table, thresholds: thresholds)
    return (0..<J).map { j in
      NodeSetCandidates(
        descending: NodeSetCandidates.paretoFront(listed[j] + ladder[j].descending, preferSmallFactor: true),
        ascending: NodeSetCandidates.paretoFront(listed[j] + ladder[j].ascending, preferSmallFactor: false))
    }
  }

  /// Real sets' corners, less the margin: per family of sets with the same slowest node
  /// (`family`, their time `seconds(family)` exact), the (energy, factor) staircases for
  /// states above the floor (factor ↓) and below it (factor ↑) — nothing lost but sets
  /// dominated within their family.
  static func familyCorners(
    families n: Int, family: [Int32], energies: [Double], factors: [Double], seconds: (Int) -> Double
  ) -> [NodeSetCandidates.Candidate] {
    let count = family.count
    var familySize = [Int](repeating: 0, count: n)
    for f in family { familySize[Int(f)] += 1 }
    var start = [Int](repeating: 0, count: n + 1)
    for b in 0..<n { start[b + 1] = start[b] + familySize[b] }
    var members = [(energy: Double, factor: Double)](repeating: (0, 0), count: count)
    var fill = start
    for index in 0..<count {
      let b = Int(family[index])
      members[fill[b]] = (energies[index], factors[index])
      fill[b] += 1
    }
    var corners: [NodeSetCandidates.Candidate] = []
    for b in 0..<n where familySize[b] > 0 {
      let time = lowered(seconds(b))
      members[start[b]..<start[b + 1]].sort { $0.energy < $1.energy }
      var bestDown = Double.infinity
      var bestUp = -Double.infinity
      for (energy, f) in members[start[b]..<start[b + 1]] {
        let e = lowered(energy)
        if f < bestDown {
          bestDown = f
          corners.append(.init(nodes: [], seconds: time, joules: e, factor: lowered(f)))
        }
        if f > bestUp {
          bestUp = f
          corners.append(.init(nodes: [], seconds: time, joules: e, factor: raisedFactor(f)))
        }
      }
    }
    return corners
  }

  /// The sets of more than ``exhaustiveLimit`` nodes, covered per node m — for the sets
  /// whose most local steps are m's — by m alone (its real figures) and a ladder of
  /// corners for the sets with others: u ≤ steps_m, E ≥ E({m}) + B, T ≥ T({m}), and a
  /// label skew no lower than m's own less what the others' labels can change.
  ///
  /// **Why the skew bound holds.** p(S), the label distribution of S's union, mixes m's
  /// distribution p_m (weight t_m, m's histogram total) with the others' (weight H, their
  /// total): the total-variation distance TV(p(S), p_m) ≤ H / (t_m + H), so by the triangle
  /// inequality δ(S) = TV(p(S), q) ≥ δ_m − H / (t_m + H). The others' energy B buys at
  /// most H ≤ H*(B), the histogram mass of the fractional knapsack that takes the nodes
  /// (m included, which only raises H*) in order of mass per joule up to B joules. So a
  /// set whose others spend B ∈ [B_i, B_{i+1}) is covered by the corner
  /// (E_m + B_i, T_m, factor at u ∈ [least steps, steps_m], δ ∈ [δ_m − w(H*(B_{i+1})), 1])
  /// with w(H) = H / (t_m + H); the last corner (B ≥ B_L) takes H*(∞), all the mass; the
  /// first rung is the cheapest other node's energy (a set with others spends at least
  /// that). The factor is the best over that box (its corners, the loss forms being
  /// monotone in u and δ each way). Without histograms δ = 0 for every set and only the
  /// corner of m with the cheapest other node remains.
  static func largestStepsFronts(
    _ available: [Int], levels J: Int, costing: NodeSetCandidates.Costing, corners table: NodeCorners,
    thresholds: [Double]? = nil
  ) -> [NodeSetCandidates] {
    let n = available.count
    // Rungs per node: enough to follow the skew down, fewer for large fleets.
    let rungs = table.hasHistograms ? max(2, min(12, 4000 / max(1, n))) : 1
    // With every node's costs scaling alike across levels and pact-v1's factor a power
    // of level 0's, a corner dominated at level 0 is dominated at every level: the front
    // is chosen once and its corners re-costed per level.
    let invariant = table.levelInvariant && costing.predictor is PACTv1LossPredictor
    func front(_ j: Int, only keys: [Int]?) -> (
      descending: [NodeSetCandidates.Candidate], keys: [Int], ascending: NodeSetCandidates.Candidate
    ) {
      let all = ladderCorners(
        available, level: j, rungs: rungs, costing: costing, table: table, only: keys, threshold: thresholds?[j] ?? 0)
      let kept = NodeSetCandidates.paretoFrontPositions(all.corners, preferSmallFactor: true)
      return (kept.map { all.corners[$0] }, kept.map { all.keys[$0] }, all.ascending)
    }
    func strip(_ c: [NodeSetCandidates.Candidate]) -> [NodeSetCandidates.Candidate] {
      c.map { .init(nodes: [], seconds: $0.seconds, joules: $0.joules, factor: $0.factor) }
    }
    guard invariant, J > 1 else {
      return (0..<J).map { j in
        let f = front(j, only: nil)
        return NodeSetCandidates(descending: strip(f.descending), ascending: [f.ascending])
      }
    }
    let first = front(0, only: nil)
    let keys = first.keys
    return (0..<J).map { j in
      let f = j == 0 ? first : front(j, only: keys)
      return NodeSetCandidates(
        descending: strip(j == 0 ? f.descending : NodeSetCandidates.paretoFront(f.descending, preferSmallFactor: true)),
        ascending: [f.ascending])
    }
  }

  /// The corners of ``largestStepsFronts(_:levels:costing:corners:)`` at level j (no nodes:
  /// each one's key, node position × (rungs + 1) + rung, at its position in `keys` — a
  /// list of one node per corner cost 10 % of a 10,000-node solve in allocations), only
  /// those of `keys` when given, and the one corner for states below the floor.
  static func ladderCorners(
    _ available: [Int], level j: Int, rungs: Int, costing: NodeSetCandidates.Costing, table: NodeCorners,
    only keys: [Int]?, threshold: Double = 0
  ) -> (corners: [NodeSetCandidates.Candidate], keys: [Int], ascending: NodeSetCandidates.Candidate) {
    let cost = costing.cost
    let predictor = costing.predictor
    let n = available.count
    var corners: [NodeSetCandidates.Candidate] = []
    corners.reserveCapacity(keys?.count ?? n * (rungs + 1))
    var cornerKeys: [Int] = []
    cornerKeys.reserveCapacity(keys?.count ?? n * (rungs + 1))
    var leastJoules = Double.infinity
    var leastSeconds = Double.infinity
    var joules = [Double](repeating: 0, count: n)
    var seconds = [Double](repeating: 0, count: n)
    for (a, m) in available.enumerated() {
      joules[a] = cost.joules(node: m, level: j)
      seconds[a] = cost.seconds(node: m, level: j) + cost.aggregationSeconds
      leastJoules = min(leastJoules, joules[a])
      leastSeconds = min(leastSeconds, seconds[a])
    }
    let ascending = NodeSetCandidates.Candidate(
      nodes: [], seconds: lowered(leastSeconds), joules: lowered(max(leastJoules, threshold)), factor: table.up[j])
    // The knapsack of histogram mass per joule: prefix sums in that order (the fleet's
    // order, computed once per level, restricted to the nodes available).
    let order = table.knapsackOrder(available, level: j)
    var prefixJoules = [0.0]
    var prefixMass = [0.0]
    for a in order {
      prefixJoules.append(prefixJoules.last! + joules[a])
      prefixMass.append(prefixMass.last! + table.mass[available[a]])
    }
    let totalMass = prefixMass.last!
    // The most mass B joules buy (fractionally).
    func massFor(_ budget: Double) -> Double {
      guard budget.isFinite else { return totalMass }
      var lo = 0
      var hi = n
      while lo < hi {
        let mid = (lo + hi + 1) / 2
        if prefixJoules[mid] <= budget { lo = mid } else { hi = mid - 1 }
      }
      guard lo < n else { return totalMass }
      let a = order[lo]
      let part = joules[a] > 0 ? min(1, (budget - prefixJoules[lo]) / joules[a]) : 1
      return prefixMass[lo] + part * table.mass[available[a]]
    }
    // The least budget whose knapsack reaches `mass` (the whole knapsack's when it never does).
    func budgetFor(mass: Double) -> Double {
      guard mass < totalMass else { return prefixJoules[n] }
      var lo = 0
      var hi = n
      while lo < hi {
        let mid = (lo + hi + 1) / 2
        if prefixMass[mid] <= mass { lo = mid } else { hi = mid - 1 }
      }
      guard lo < n else { return prefixJoules[n] }
      let a = order[lo]
      let m = table.mass[available[a]]
      let part = m > 0 ? (mass - prefixMass[lo]) / m : 0
      return prefixJoules[lo] + part * joules[a]
    }
    // The two cheapest nodes: a set with others spends at least the cheapest other's energy.
    var cheapest = (Double.infinity, Double.infinity)
    for e in joules {
      if e < cheapest.0 { cheapest = (e, cheapest.0) } else if e < cheapest.1 { cheapest.1 = e }
    }
    // Which corners to make: all, or the keys asked for (per node position, a bit per rung;
    // at most 13 rungs).
    var wanted: [UInt16] = []
    if let keys {
      wanted = [UInt16](repeating: 0, count: n)
      for key in keys { wanted[key / (rungs + 1)] |= 1 << UInt16(key % (rungs + 1)) }
    }
    for (a, m) in available.enumerated() {
      let asked: UInt16 = keys == nil ? .max : wanted[a]
      if asked == 0 { continue }
      func wants(_ r: Int) -> Bool { asked & (1 << UInt16(r)) != 0 }
      if wants(0) {
        // m alone: its real figures (the factor shared by every pattern).
        corners.append(
          .init(
            nodes: [], seconds: lowered(seconds[a]), joules: lowered(joules[a]),
            factor: table.alone[m * table.levels + j]))
        cornerKeys.append(a * (rungs + 1))
      }
      guard n > 1, (1...rungs).contains(where: wants) else { continue }
      // Sets below the threshold are covered elsewhere (enumerated): the others spend at
      // least the threshold less m's own.
      let first = max(joules[a] == cheapest.0 ? cheapest.1 : cheapest.0, lowered(threshold) - joules[a])
      let ownMass = table.mass[m]
      let ownSkew = table.skew[m]
      // The best factor over the box: its corners at full skew are the same for every
      // rung and pattern (precomputed); those at the rung's least skew computed here.
      func bestFactor(skewAtLeast d: Double) -> Double {
        var f = table.fullSkew[m * table.levels + j]
        // Every form's rate is (level, u)'s skew-free rate times a skew term: one
        // exponential per end of the box instead of a power and an exponential.
        if let term = table.skewTerm(max(0, d), predictor: predictor) {
          f = min(f, exp(-table.leastRate[j] * term), exp(-table.skewFreeRate[m * table.levels + j] * term))
        } else {
          for u in [table.leastSteps, table.steps[m]] {
            f = min(f, predictor.epochFactor(meanSteps: u, skew: max(0, d), level: j))
          }
        }
        return lowered(f)
      }
      func skewFloor(_ budget: Double) -> Double {
        let h = massFor(budget)
        let total = ownMass + h
        return total > 0 ? ownSkew - h / total : 0
      }
      // Rungs from the cheapest other's energy to where the skew floor reaches 0
      // (geometric), the last open-ended.
      var top = first
      if rungs > 1 {
        // The skew floor is 0 once the others' mass reaches t_m·δ_m / (1 − δ_m): the
        // budget that buys it (the knapsack inverted), or all of it.
        let needed = ownSkew < 1 ? ownMass * ownSkew / (1 - ownSkew) : Double.infinity
        top = max(first, budgetFor(mass: needed))
      }
      let ratio = rungs > 1 && first > 0 ? pow(top / first, 1 / Double(rungs - 1)) : 1
      var budget = first
      for r in 1...rungs {
        let next = r < rungs ? budget * ratio : Double.infinity
        if wants(r) {
          corners.append(
            .init(
              nodes: [], seconds: lowered(seconds[a]), joules: lowered(joules[a] + budget),
              factor: bestFactor(skewAtLeast: skewFloor(next))))
          cornerKeys.append(a * (rungs + 1) + r)
        }
        budget = next
      }
    }
    return (corners, cornerKeys, ascending)
  }

  /// The cheap relaxation's factors, per node and level, computed once for all patterns:
  /// the box u ∈ [least steps of any node, steps_m] × δ ∈ [0, 1] contains every pattern's
  /// box for m, so its best factor is optimistic for every pattern (and the largest factor
  /// over all nodes' boxes likewise for states below the floor).
  struct NodeCorners: Sendable {
    /// Largest factor of any node's box per level, raised by the margin (at most 1).
    let up: [Double]
    /// Per node: local steps, histogram total (the weight of its labels in a union) and
    /// label skew δ of the node alone; the least steps of any node.
    let steps: [Double]
    let mass: [Double]
    let skew: [Double]
    let leastSteps: Double
    let hasHistograms: Bool
    /// Levels J, and per node and level (`m * J + j`): the factor of the node alone
    /// (lowered by the margin), and the best factor of its box at full skew (δ = 1, or 0
    /// without histograms) before the margin.
    let levels: Int
    let alone: [Double]
    let fullSkew: [Double]
    /// The rate without skew (δ = 0) at u = steps_m (`m * J + j`) and at the least steps
    /// (per level), and at u = 1 on level 0 (the skew term's denominator).
    let skewFreeRate: [Double]
    let leastRate: [Double]
    let unitRate: Double

    /// rate(δ) ÷ rate(0), the same for every u and level in every loss form (ρ = level rate
    /// · u^a · max(0, 1 − s·δ^q)); nil when the skew-free rate is 0.
    @inline(__always)
    func skewTerm(_ delta: Double, predictor: any LossPredictor) -> Double? {
      guard unitRate > 0 else { return nil }
      return predictor.rate(meanSteps: 1, skew: delta, level: 0) / unitRate
    }
    /// Whether every node's costs scale alike across levels (no measured profiles).
    let levelInvariant: Bool
    /// Per level, every node by histogram mass per joule, most first (ties: lower index).
    let massPerJouleOrder: [[Int]]

    /// The positions in `available` (ascending node indices) in the order of
    /// ``massPerJouleOrder``: the same order as sorting the available nodes themselves,
    /// in O(fleet) instead of O(n log n) per pattern.
    func knapsackOrder(_ available: [Int], level j: Int) -> [Int] {
      var position = [Int32](repeating: -1, count: steps.count)
      for (a, m) in available.enumerated() { position[m] = Int32(a) }
      var order: [Int] = []
      order.reserveCapacity(available.count)
      for m in massPerJouleOrder[j] where position[m] >= 0 { order.append(Int(position[m])) }
      return order
    }

    init(levels J: Int, costing: NodeSetCandidates.Costing) {
      let context = costing.statistics
      let predictor = costing.predictor
      let uLo = context.steps.min() ?? 0
      let uHi = context.steps.max() ?? 0
      let skewMax = context.classes > 0 ? 1.0 : 0.0
      up = (0..<J).map { j in
        var f = -Double.infinity
        for u in [uLo, uHi] {
          for d in [0, skewMax] { f = max(f, predictor.epochFactor(meanSteps: u, skew: d, level: j)) }
        }
        return RelaxedDecisions.raisedFactor(f)
      }
      steps = context.steps
      leastSteps = uLo
      levelInvariant = costing.cost.isLevelInvariant
      hasHistograms = context.classes > 0
      let C = context.classes
      let count = context.steps.count
      mass = (0..<count).map { m in C > 0 ? (0..<C).reduce(0) { $0 + context.histograms[m * C + $1] } : 0 }
      skew = (0..<count).map { m in NodeSetStatistics([m], context: context).skew(context: context) }
      levels = J
      var alone = [Double](repeating: 0, count: count * J)
      var full = [Double](repeating: 0, count: count * J)
      var skewFree = [Double](repeating: 0, count: count * J)
      for m in 0..<count {
        for j in 0..<J {
          alone[m * J + j] = RelaxedDecisions.lowered(costing.candidate([m], level: j).factor)
          full[m * J + j] = min(
            predictor.epochFactor(meanSteps: uLo, skew: skewMax, level: j),
            predictor.epochFactor(meanSteps: context.steps[m], skew: skewMax, level: j))
          skewFree[m * J + j] = predictor.rate(meanSteps: context.steps[m], skew: 0, level: j)
        }
      }
      self.alone = alone
      fullSkew = full
      skewFreeRate = skewFree
      leastRate = (0..<J).map { predictor.rate(meanSteps: uLo, skew: 0, level: $0) }
      let cost = costing.cost
      let masses = mass
      massPerJouleOrder = (0..<J).map { j in
        let perJoule = (0..<count).map { m in
          let e = cost.joules(node: m, level: j)
          return e > 0 ? masses[m] / e : .infinity
        }
        return (0..<count).sorted { perJoule[$0] != perJoule[$1] ? perJoule[$0] > perJoule[$1] : $0 < $1 }
      }
      unitRate = predictor.rate(meanSteps: 1, skew: 0, level: 0)
    }
  }
}
