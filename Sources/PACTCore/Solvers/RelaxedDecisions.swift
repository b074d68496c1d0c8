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
/// - **Beyond it**, every set S is covered by the corner of its node m with the most
///   local steps: u(S) ≤ steps_m (u is a sample-weighted mean), δ(S) ≥ 0, E(S) ≥ E({m})
///   and T(S) ≥ T({m}). This ignores the label skew of multi-node sets and is looser.
///
/// Costs of a set at another level are computed from the node tables of that level,
/// so measured profiles are honoured. Each relaxed joules and seconds figure is lowered
/// by a relative 1e-9 (and each factor moved by as much toward the optimistic side) so
/// that rounding in a different order of additions can never lift it above the figure of
/// the set it stands for.
enum RelaxedDecisions {
  /// Sets are enumerated when at most this many nodes are available (2^16 sets).
  static let exhaustiveLimit = 16
  /// Relative margin below every relaxed figure.
  static let margin = 1e-9

  /// A figure lowered by the margin (energy, time, or a factor for states above the floor).
  static func lowered(_ x: Double) -> Double { x * (1 - margin) }
  /// A factor for states below the floor raised by the margin, never past 1 (no progress).
  static func raisedFactor(_ f: Double) -> Double { f < 1 ? min(1, f * (1 + margin)) : f }

  /// The relaxed fronts of every level for the nodes `available`.
  static func fronts(
    available: [Int], levels J: Int, costing: NodeSetCandidates.Costing, enumerate: Bool = true,
    corners: NodeCorners? = nil
  ) -> [NodeSetCandidates] {
    guard !available.isEmpty else {
      return [NodeSetCandidates](repeating: .init(descending: [], ascending: []), count: J)
    }
    if enumerate && available.count <= exhaustiveLimit {
      return enumeratedFronts(available, levels: J, costing: costing)
    }
    return largestStepsFronts(
      available, levels: J, costing: costing, corners: corners ?? NodeCorners(levels: J, costing: costing))
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
      var skew = 0.0
      if C > 0 {
        var total = 0.0
        for c in 0..<C { total += hist[c] }
        if total > 0 {
          for c in 0..<C { skew += abs(hist[c] / total - q[c]) }
          skew *= 0.5
        } else {
          skew = 1
        }
      }
      skews[index] = skew
      for j in 0..<J { energies[index * J + j] = energy[j] }
    }
    var out: [NodeSetCandidates] = []
    var factors = [Double](repeating: 0, count: count)
    var slowest = [Int32](repeating: 0, count: count)
    for j in 0..<J {
      for index in 0..<count {
        factors[index] = costing.predictor.epochFactor(meanSteps: meanSteps[index], skew: skews[index], level: j)
        var worst = -Double.infinity
        var who = 0
        var m = index + 1
        while m != 0 {
          let b = m.trailingZeroBitCount
          m &= m - 1
          if nodeSeconds[b * J + j] > worst {
            worst = nodeSeconds[b * J + j]
            who = b
          }
        }
        slowest[index] = Int32(who)
      }
      // Per slowest node: the (energy, factor) staircases in both directions.
      var families = [[Int]](repeating: [], count: n)
      for index in 0..<count { families[Int(slowest[index])].append(index) }
      var corners: [NodeSetCandidates.Candidate] = []
      for (b, family) in families.enumerated() where !family.isEmpty {
        let seconds = lowered(nodeSeconds[b * J + j] + cost.aggregationSeconds)
        let byEnergy = family.sorted { energies[$0 * J + j] < energies[$1 * J + j] }
        var bestDown = Double.infinity
        var bestUp = -Double.infinity
        for index in byEnergy {
          let f = factors[index]
          let e = lowered(energies[index * J + j])
          if f < bestDown {
            bestDown = f
            corners.append(.init(nodes: [], seconds: seconds, joules: e, factor: lowered(f)))
          }
          if f > bestUp {
            bestUp = f
            corners.append(.init(nodes: [], seconds: seconds, joules: e, factor: raisedFactor(f)))
          }
        }
      }
      out.append(NodeSetCandidates.fronts(corners))
    }
    return out
  }

  /// One corner per node m for the sets whose most local steps are m's: u ≤ steps_m,
  /// δ ≥ 0, E ≥ E({m}), T ≥ T({m}) (see the type's documentation); the best factor over
  /// u ∈ [least steps, steps_m] × δ ∈ [0, 1] at a corner of that box. For states below
  /// the floor one corner stands for every set: the least energy, the least time and the
  /// largest factor of any node's box.
  static func largestStepsFronts(
    _ available: [Int], levels J: Int, costing: NodeSetCandidates.Costing, corners table: NodeCorners
  ) -> [NodeSetCandidates] {
    let cost = costing.cost
    return (0..<J).map { j in
      var corners: [NodeSetCandidates.Candidate] = []
      corners.reserveCapacity(available.count)
      var leastJoules = Double.infinity
      var leastSeconds = Double.infinity
      for m in available {
        let joules = lowered(cost.joules(node: m, level: j))
        let seconds = lowered(cost.seconds(node: m, level: j) + cost.aggregationSeconds)
        leastJoules = min(leastJoules, joules)
        leastSeconds = min(leastSeconds, seconds)
        corners.append(.init(nodes: [], seconds: seconds, joules: joules, factor: table.down[m * J + j]))
      }
      let up = table.up[j]
      let ascending = NodeSetCandidates.Candidate(nodes: [], seconds: leastSeconds, joules: leastJoules, factor: up)
      return NodeSetCandidates(
        descending: NodeSetCandidates.paretoFront(corners, preferSmallFactor: true), ascending: [ascending])
    }
  }

  /// The cheap relaxation's factors, per node and level, computed once for all patterns:
  /// the box u ∈ [least steps of any node, steps_m] × δ ∈ [0, 1] contains every pattern's
  /// box for m, so its best factor is optimistic for every pattern (and the largest factor
  /// over all nodes' boxes likewise for states below the floor).
  struct NodeCorners: Sendable {
    /// Smallest factor of node m's box at `m * J + j`, lowered by the margin.
    let down: [Double]
    /// Largest factor of any node's box per level, raised by the margin (at most 1).
    let up: [Double]

    init(levels J: Int, costing: NodeSetCandidates.Costing) {
      let context = costing.statistics
      let predictor = costing.predictor
      let uLo = context.steps.min() ?? 0
      let uHi = context.steps.max() ?? 0
      let skewMax = context.classes > 0 ? 1.0 : 0.0
      var down = [Double](repeating: 0, count: context.steps.count * J)
      for (m, steps) in context.steps.enumerated() {
        for j in 0..<J {
          var f = Double.infinity
          for u in [uLo, steps] {
            for d in [0, skewMax] { f = min(f, predictor.epochFactor(meanSteps: u, skew: d, level: j)) }
          }
          down[m * J + j] = RelaxedDecisions.lowered(f)
        }
      }
      self.down = down
      up = (0..<J).map { j in
        var f = -Double.infinity
        for u in [uLo, uHi] {
          for d in [0, skewMax] { f = max(f, predictor.epochFactor(meanSteps: u, skew: d, level: j)) }
        }
        return RelaxedDecisions.raisedFactor(f)
      }
    }
  }
}
