import Foundation

/// Candidate node sets for one epoch and level: the edges the solvers try.
///
/// There are 2^N node sets, so PACT cannot try them all. What makes a set good
/// under docs/MODEL.md is not obvious: the epoch takes as long as its slowest
/// node, costs the sum of its nodes' energy, and progresses at
/// ρ ∝ u^a · (1 − skewPenalty·δ), where u is the sample-weighted mean of local
/// steps (adding a *small* node lowers it) and δ the label skew of the union
/// (adding a *complementary* node lowers it). So "all nodes" wastes energy and
/// slows progress, "fastest nodes" may be skewed and small, and the best set is
/// often two or three mid-ranked nodes whose labels complement each other — a set
/// that greedy growth from the single best node never reaches.
///
/// The generator works per **time cap**: for each of `timeCaps` caps T (quantiles of
/// the available nodes' times, in the nested order 1, ½, ¼, ¾, …, so more caps only add
/// caps), only nodes finishing within T are eligible, and the pool gets:
/// 1. every eligible node alone, and all of them together;
/// 2. every pair of eligible nodes when there are at most `smallSetLimit` pairs,
///    and every triple when there are at most `smallSetLimit` triples;
/// 3. greedy chains grown up to `maxSetSize` nodes, every prefix a candidate, under
///    two criteria — *efficiency* (least joules per unit of progress, energy / ρ, what
///    decides the energy to reach a target) and *progress* (largest ρ, fewest epochs,
///    for deadlines) — each started from every eligible node when there are at most
///    `allSeedsLimit`, else from the `fewSeeds` best nodes by that criterion.
///
/// Then the pool's two Pareto fronts (below) are searched around, twice: every front
/// set with one more eligible node or one fewer node joins the pool (when that is at
/// most `neighbourWork` sets), which reaches four- and five-node sets built from the
/// pairs and triples.
///
/// The pool is Pareto-filtered twice: on (joules↓, seconds↓, factor↓) for states
/// above the level's loss floor, where faster progress is better, and on (joules↓,
/// seconds↓, factor↑) for states below it, where the loss *rises* toward the floor and
/// slower progress is better. With at most `exhaustiveNodes` available nodes every
/// subset is enumerated instead (the exact solver always does this).
///
/// - Complexity: per (availability pattern, cap): O(min(N, allSeedsLimit) · maxSetSize
///   · N · C) for the chains of N eligible nodes and C classes, O(smallSetLimit · C)
///   for pairs and triples, O(neighbourWork · C) per neighbour round, plus O(P · F)
///   for the Pareto filter of P pooled sets with fronts of size F — polynomial in N.
///   When no node has a measured profile every node's time, energy and ρ scale by the
///   same per-level factors, so the sets are chosen once per availability pattern and
///   re-costed per level.
public struct NodeSetCandidates: Sendable {
  /// One candidate: a node set with its epoch figures at one level.
  public struct Candidate: Equatable, Sendable {
    public var nodes: [Int]
    public var seconds: Double
    public var joules: Double
    /// The loss predictor's factor (exp(−ρ) for pact-v1): smaller is faster progress.
    public var factor: Double
  }

  /// Sets for states above the level's floor (more progress is better).
  public var descending: [Candidate]
  /// Sets for states below the level's floor (less progress is better).
  public var ascending: [Candidate]

  /// How sets are generated.
  public enum Mode: Sendable, Equatable {
    /// Every non-empty subset (exact; only for few nodes).
    case exhaustive
    /// The greedy rule above, with these knobs.
    case greedy(SolverKnobs)
    /// Optimistic corners that cover every set (``RelaxedDecisions``): not real sets,
    /// the decisions of the proven lower bound.
    /// `enumerate`: every set of a pattern of at most ``RelaxedDecisions/exhaustiveLimit`` nodes;
    /// `cheapest`: how many of the cheapest sets of the others (up to
    /// ``RelaxedDecisions/cheapestNodeLimit`` nodes) are enumerated (0: none, the ladder alone).
    case relaxed(enumerate: Bool, cheapest: Int)
  }

  /// Figures of a set at one level, from shared tables.
  struct Costing {
    let cost: CostModel
    let statistics: NodeSetStatistics.Context
    let predictor: any LossPredictor

    func candidate(_ nodes: [Int], level j: Int) -> Candidate {
      let stats = NodeSetStatistics.meanStepsAndSkew(of: nodes, context: statistics)
      let factor = predictor.epochFactor(meanSteps: stats.meanSteps, skew: stats.skew, level: j)
      return Candidate(
        nodes: nodes, seconds: cost.epochSeconds(nodes, level: j), joules: cost.epochJoules(nodes, level: j),
        factor: factor)
    }

    /// ``candidate(_:level:)`` at each of `levels`, the set's statistics (its mean steps
    /// and skew, which no level changes) computed once: the same figures.
    func candidates(_ nodes: [Int], levels: Range<Int>) -> [Candidate] {
      let stats = NodeSetStatistics.meanStepsAndSkew(of: nodes, context: statistics)
      let skew = stats.skew
      return levels.map { j in
        Candidate(
          nodes: nodes, seconds: cost.epochSeconds(nodes, level: j), joules: cost.epochJoules(nodes, level: j),
          factor: predictor.epochFactor(meanSteps: stats.meanSteps, skew: skew, level: j))
      }
    }
  }

  /// The candidate sets of the nodes `available`, costed at level j (each set once: the
  /// greedy rule costs its pool as it builds it); nil when `poll` says stop.
  /// `memo`: what the last pattern's chains left (the same sets, fewer nodes looked at).
  static func candidates(
    available: [Int], level j: Int, mode: Mode, costing: Costing, memo: GreedyChainMemo? = nil,
    poll: (() -> Bool)? = nil
  ) -> [Candidate]? {
    if case .greedy(let knobs) = mode, available.count > knobs.exhaustiveNodes {
      return greedySets(available: available, level: j, knobs: knobs, costing: costing, memo: memo)
    }
    let sets = exhaustiveSets(available)
    var out: [Candidate] = []
    out.reserveCapacity(sets.count)
    for (i, set) in sets.enumerated() {
      if let poll, i % CandidateCache.pollInterval == CandidateCache.pollInterval - 1, poll() { return nil }
      out.append(costing.candidate(set, level: j))
    }
    return out
  }

  static func exhaustiveSets(_ available: [Int]) -> [[Int]] {
    let n = available.count
    guard n > 0, n < 31 else { return [] }
    var out: [[Int]] = []
    out.reserveCapacity((1 << n) - 1)
    for mask in 1..<(1 << n) {
      var set: [Int] = []
      for i in 0..<n where mask & (1 << i) != 0 { set.append(available[i]) }
      out.append(set)
    }
    return out
  }

  /// Fractions of the sorted node times at which the time caps sit, in the order caps
  /// are added as `timeCaps` grows (1, ½, ¼, ¾, ⅛, ⅜, …): the caps of k are among those
  /// of k + 1, so more caps only add candidates.
  static func capFractions(_ count: Int) -> [Double] {
    var out: [Double] = [1]
    var denominator = 2
    while out.count < count {
      for numerator in stride(from: 1, to: denominator, by: 2) where out.count < count {
        out.append(Double(numerator) / Double(denominator))
      }
      denominator *= 2
    }
    return out
  }

  /// Greedy chains start from every eligible node when there are at most this many.
  static let allSeedsLimit = 16
  /// Otherwise they start from up to this many of the best nodes by the chain's
  /// criterion, fewer when the chains would pass ``chainWork`` evaluations.
  static let fewSeeds = 4
  /// Node evaluations the chains of one criterion and cap may take beyond one chain.
  static let chainWork = 16384
  /// Every set of two (three) eligible nodes is a candidate when there are at most
  /// this many sets of that size.
  static let smallSetLimit = 1024
  /// The most sets one round of neighbour search may add.
  static let neighbourWork = 2048

  /// The greedy rule's pool for the nodes `available` at level j (see the type's
  /// documentation), duplicates removed, costed at level j.
  static func greedySets(
    available: [Int], level j: Int, knobs: SolverKnobs, costing: Costing, memo: GreedyChainMemo? = nil
  ) -> [Candidate] {
    let cost = costing.cost
    var pool: [[Int]] = available.map { [$0] }
    let sortedTimes = Array(Set(available.map { cost.seconds(node: $0, level: j) })).sorted()
    var caps: [Double] = []
    for fraction in capFractions(max(1, knobs.timeCaps)) {
      let index = Int((fraction * Double(sortedTimes.count)).rounded(.up)) - 1
      caps.append(sortedTimes[max(0, min(sortedTimes.count - 1, index))])
    }
    // Without a worker's memo, one for this pattern alone (its chains have nothing to reuse).
    let memo = memo ?? GreedyChainMemo()
    let aloneRates = memo.aloneRates(available, level: j, costing: costing)
    let skewFree = memo.skewFreeRates(available, level: j, costing: costing)
    for (capRank, cap) in Array(Set(caps)).sorted().enumerated() {
      let eligible = available.filter { cost.seconds(node: $0, level: j) <= cap }
      let n = eligible.count
      if n > 1 { pool.append(eligible) }
      if n * (n - 1) / 2 <= smallSetLimit {
        for a in 0..<n { for b in (a + 1)..<max(a + 1, n) { pool.append([eligible[a], eligible[b]]) } }
      }
      if n * (n - 1) * (n - 2) / 6 <= smallSetLimit {
        for a in 0..<n {
          for b in (a + 1)..<max(a + 1, n) {
            for c in (b + 1)..<max(b + 1, n) { pool.append([eligible[a], eligible[b], eligible[c]]) }
          }
        }
      }
      for criterion in [GreedyCriterion.efficiency, .progress] {
        var seeds = eligible
        if n > allSeedsLimit {
          let count = max(1, min(fewSeeds, chainWork / max(1, n * knobs.maxSetSize)))
          // The `count` best by (score, node), without sorting all n.
          var best: [(score: Double, node: Int)] = []
          for node in eligible {
            let score = criterion.score(joules: cost.joules(node: node, level: j), rho: aloneRates[node])
            if best.count == count, let last = best.last,
              !(score < last.score || (score == last.score && node < last.node))
            {
              continue
            }
            var i = best.count
            while i > 0 && (score < best[i - 1].score || (score == best[i - 1].score && node < best[i - 1].node)) {
              i -= 1
            }
            best.insert((score, node), at: i)
            if best.count > count { best.removeLast() }
          }
          seeds = best.map(\.node)
        }
        for seed in seeds {
          let key = GreedyChainMemo.Key(level: j, cap: capRank, criterion: criterion == .efficiency ? 0 : 1, seed: seed)
          pool += chain(
            from: seed, eligible: eligible, criterion: criterion, level: j, knobs: knobs, costing: costing,
            skewFreeRates: skewFree, memo: (memo, key))
        }
      }
    }
    var seen = Set<NodeSetKey>(minimumCapacity: 2 * pool.count)
    pool = pool.filter { seen.insert(NodeSetKey($0)).inserted }
    // Neighbours of the best sets: one node more or one fewer, twice over.
    var costs = pool.map { costing.candidate($0, level: j) }
    var front = fronts(costs)
    for _ in 0..<2 {
      let members = Array(Set((front.descending + front.ascending).map(\.nodes))).sorted {
        $0.lexicographicallyPrecedes($1)
      }
      guard members.count * available.count <= neighbourWork else { break }
      var added: [[Int]] = []
      for set in members {
        for n in available where !set.contains(n) {
          let grown = (set + [n]).sorted()
          if seen.insert(NodeSetKey(grown)).inserted { added.append(grown) }
        }
        guard set.count > 1 else { continue }
        for n in set {
          let shrunk = set.filter { $0 != n }
          if seen.insert(NodeSetKey(shrunk)).inserted { added.append(shrunk) }
        }
      }
      if added.isEmpty { break }
      let addedCosts = added.map { costing.candidate($0, level: j) }
      costs += addedCosts
      front = fronts(front.descending + front.ascending + addedCosts)
    }
    return costs
  }

  /// ρ of a set at level j.
  static func rate(_ set: [Int], level j: Int, costing: Costing) -> Double {
    let stats = NodeSetStatistics(set, context: costing.statistics)
    return costing.predictor.rate(meanSteps: stats.meanSteps, skew: stats.skew(context: costing.statistics), level: j)
  }

  /// A greedy chain from `seed`: repeatedly the eligible node that makes the set best by
  /// `criterion`, up to `maxSetSize` nodes; every set along the way (seed excluded).
  ///
  /// Each step picks the least (score, node). A node is skipped without computing its
  /// skew and rate when a bound on its score already reaches the best: the set's mean
  /// steps with it lie between the set's and its own, the rate is monotone in the mean
  /// steps and largest without skew (skewPenalty ≥ 0), so ρ ≤ max(ρ(u_S, 0), ρ(steps_n, 0))
  /// (raised by 1e-9 against rounding) — the chosen node is the same as without the skip
  /// (`skewFreeRates` nil: every node evaluated).
  static func chain(
    from seed: Int, eligible: [Int], criterion: GreedyCriterion, level j: Int, knobs: SolverKnobs, costing: Costing,
    skewFreeRates: [Double]? = nil, memo: (GreedyChainMemo, GreedyChainMemo.Key)? = nil
  ) -> [[Int]] {
    let cost = costing.cost
    let context = costing.statistics
    var out: [[Int]] = []
    var chosen = [seed]
    var inSet = [Bool](repeating: false, count: cost.nodeCount)
    inSet[seed] = true
    var stats = NodeSetStatistics([seed], context: context)
    var joules = cost.joules(node: seed, level: j)
    // The last pattern's chain (``GreedyChainMemo``): its winners are reused while this
    // chain follows it, with the nodes newly eligible as the only challengers.
    var mask = [Bool](repeating: false, count: memo == nil ? 0 : cost.nodeCount)
    var newcomers: [Int] = []
    let previous = memo.flatMap { $0.0.chains[$0.1] }
    if memo != nil {
      for n in eligible {
        mask[n] = true
        if let previous, !previous.eligible[n] { newcomers.append(n) }
      }
    }
    var following = previous != nil
    var steps: [Int] = []
    while chosen.count < min(knobs.maxSetSize, eligible.count) {
      var best = -1
      var bestScore = Double.infinity
      func score(_ n: Int) -> Double {
        let (u, delta) = stats.withNode(n, context: context)
        return criterion.score(
          joules: joules + cost.joules(node: n, level: j),
          rho: costing.predictor.rate(meanSteps: u, skew: delta, level: j))
      }
      if following, let previous, steps.count < previous.steps.count, mask[previous.steps[steps.count]] {
        let winner = previous.steps[steps.count]
        best = winner
        bestScore = score(winner)
        for n in newcomers where !inSet[n] {
          let s = score(n)
          if s < bestScore || (s == bestScore && n < best) {
            bestScore = s
            best = n
          }
        }
        following = best == winner
      } else {
        following = false
        let setRate = costing.predictor.rate(meanSteps: stats.meanSteps, skew: 0, level: j)
        for n in eligible where !inSet[n] {
          if best >= 0, let skewFreeRates {
            let most = max(setRate, skewFreeRates[n]) * (1 + 1e-9)
            let nodeJoules = joules + cost.joules(node: n, level: j)
            if criterion.score(joules: nodeJoules, rho: most) > bestScore { continue }
          }
          let s = score(n)
          if s < bestScore || best < 0 {
            bestScore = s
            best = n
          }
        }
      }
      guard best >= 0 else { break }
      steps.append(best)
      chosen.append(best)
      inSet[best] = true
      stats.add(best, context: context)
      joules += cost.joules(node: best, level: j)
      out.append(chosen.sorted())
    }
    if let (memo, key) = memo { memo.chains[key] = GreedyChainMemo.Chain(eligible: mask, steps: steps) }
    return out
  }

  /// What a greedy chain adds next.
  enum GreedyCriterion {
    /// The node that minimises the set's joules per unit of progress.
    case efficiency
    /// The node that maximises the set's progress ρ (ties: fewer joules).
    case progress

    /// Smaller is better.
    func score(joules: Double, rho: Double) -> Double {
      switch self {
      case .efficiency: return rho > 0 ? joules / rho : .infinity
      case .progress: return -rho + joules * 1e-18
      }
    }
  }

  /// Pareto-filters costed candidates into the two fronts.
  static func fronts(_ candidates: [Candidate]) -> NodeSetCandidates {
    NodeSetCandidates(
      descending: paretoFront(candidates, preferSmallFactor: true),
      ascending: paretoFront(candidates, preferSmallFactor: false))
  }

  /// The candidates not dominated in (joules, seconds, factor), factor minimised
  /// or maximised; exact ties keep the first.
  ///
  /// Large sets (the ladder's tens of thousands of corners per pattern, of which about a
  /// hundred stay) are first thinned by pivots — the front of every 32nd candidate: a
  /// candidate that a pivot precedes in the order below and dominates is dropped, as it
  /// would be anyway (whatever it dominates, the pivot dominates too), so the front is
  /// the same, at a fraction of the sorting.
  static func paretoFront(_ candidates: [Candidate], preferSmallFactor: Bool) -> [Candidate] {
    paretoFrontPositions(candidates, preferSmallFactor: preferSmallFactor).map { candidates[$0] }
  }

  /// The positions in `candidates` of ``paretoFront(_:preferSmallFactor:)``'s front, in its order.
  static func paretoFrontPositions(_ candidates: [Candidate], preferSmallFactor: Bool) -> [Int] {
    let keys = FrontKey.keys(candidates, preferSmallFactor: preferSmallFactor)
    guard candidates.count >= pivotThreshold else { return FrontKey.front(keys) }
    let pivots = FrontKey.front(stride(from: 0, to: keys.count, by: pivotStride).map { keys[$0] }).map { keys[$0] }
    let kept = keys.filter { k in !pivots.contains { $0.seconds <= k.seconds && $0.factor <= k.factor && $0 < k } }
    return FrontKey.front(kept)
  }

  /// Candidates from which ``paretoFront(_:preferSmallFactor:)`` thins by pivots first, and
  /// its sample's stride.
  static let pivotThreshold = 1024
  static let pivotStride = 32

  /// ``paretoFront(_:preferSmallFactor:)`` by sorting every candidate.
  static func sortedFront(_ candidates: [Candidate], preferSmallFactor: Bool) -> [Candidate] {
    FrontKey.front(FrontKey.keys(candidates, preferSmallFactor: preferSmallFactor)).map { candidates[$0] }
  }

  /// The figures a front compares, apart from the candidates (copying a candidate copies its
  /// node list's reference), in the fronts' order: joules, seconds, signed factor, set size,
  /// then position.
  private struct FrontKey: Comparable {
    var joules: Double
    var seconds: Double
    var factor: Double
    var size: Int
    var index: Int

    static func < (x: FrontKey, y: FrontKey) -> Bool {
      if x.joules != y.joules { return x.joules < y.joules }
      if x.seconds != y.seconds { return x.seconds < y.seconds }
      if x.factor != y.factor { return x.factor < y.factor }
      return x.size != y.size ? x.size < y.size : x.index < y.index
    }

    /// The keys of `candidates`, the factor signed so that less is better.
    static func keys(_ candidates: [Candidate], preferSmallFactor: Bool) -> [FrontKey] {
      let sign = preferSmallFactor ? 1.0 : -1.0
      return candidates.enumerated().map {
        FrontKey(joules: $1.joules, seconds: $1.seconds, factor: sign * $1.factor, size: $1.nodes.count, index: $0)
      }
    }

    /// The positions of the keys no earlier key dominates in (seconds, factor), in order.
    static func front(_ keys: [FrontKey]) -> [Int] {
      var frontSeconds: [Double] = []
      var frontFactors: [Double] = []
      var front: [Int] = []
      for key in keys.sorted() {
        var dominated = false
        for f in frontSeconds.indices where frontSeconds[f] <= key.seconds && frontFactors[f] <= key.factor {
          dominated = true
          break
        }
        if !dominated {
          frontSeconds.append(key.seconds)
          frontFactors.append(key.factor)
          front.append(key.index)
        }
      }
      return front
    }
  }
}
