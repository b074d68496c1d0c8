/// Candidate node sets for one epoch and level: the edges the solvers try.
///
/// There are 2^N node sets, so PACT cannot try them all. What makes a set good
/// under spec/MODEL.md is not obvious: the epoch takes as long as its slowest
/// node, costs the sum of its nodes' energy, and progresses at
/// ρ ∝ u^a · (1 − skewPenalty·δ), where u is the sample-weighted mean of local
/// steps (adding a *small* node lowers it) and δ the label skew of the union
/// (adding a *complementary* node lowers it). So "all nodes" wastes energy and
/// slows progress, and "fastest nodes" may be skewed and small.
///
/// The generator therefore works per **time cap**: for each of up to `timeCaps`
/// caps T (quantiles of the available nodes' times), only nodes finishing
/// within T are eligible, and two greedy sequences are grown from the empty set
/// up to `maxSetSize` nodes, every prefix becoming a candidate:
/// - *efficiency*: add the node that minimises the set's joules per unit of
///   progress (energy / ρ), the quantity that decides energy to reach a target;
/// - *progress*: add the node that maximises ρ (fewest epochs, for deadlines).
/// Singletons and "every eligible node" are added too. The pool is then
/// Pareto-filtered twice: on (joules↓, seconds↓, factor↓) for states above the
/// level's loss floor, where faster progress is better, and on
/// (joules↓, seconds↓, factor↑) for states below it, where the loss *rises*
/// toward the floor and slower progress is better.
///
/// With at most `exhaustiveNodes` available nodes every subset is enumerated
/// instead (the exact solver always does this).
///
/// - Complexity: O(caps · maxSetSize · N · C) per (epoch, level) for N available
///   nodes and C classes, plus O(P · F) for the Pareto filter of P pooled sets
///   with fronts of size F. When no node has a measured profile every node's
///   time, energy and ρ scale by the same per-level factors, so the sets are
///   chosen once per availability pattern and re-costed per level.
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
  }

  /// Figures of a set at one level, from shared tables.
  struct Costing {
    let cost: CostModel
    let statistics: NodeSetStatistics.Context
    let predictor: any LossPredictor

    func candidate(_ nodes: [Int], level j: Int) -> Candidate {
      let stats = NodeSetStatistics(nodes, context: statistics)
      let factor = predictor.epochFactor(meanSteps: stats.meanSteps, skew: stats.skew(context: statistics), level: j)
      return Candidate(
        nodes: nodes, seconds: cost.epochSeconds(nodes, level: j), joules: cost.epochJoules(nodes, level: j),
        factor: factor)
    }
  }

  /// The candidate sets of the nodes `available` at level j.
  static func sets(available: [Int], level j: Int, mode: Mode, costing: Costing) -> [[Int]] {
    let n = available.count
    switch mode {
    case .exhaustive:
      return exhaustiveSets(available)
    case .greedy(let knobs):
      if n <= knobs.exhaustiveNodes { return exhaustiveSets(available) }
      return greedySets(available: available, level: j, knobs: knobs, costing: costing)
    }
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

  static func greedySets(available: [Int], level j: Int, knobs: SolverKnobs, costing: Costing) -> [[Int]] {
    let cost = costing.cost
    let context = costing.statistics
    let predictor = costing.predictor
    var pool: [[Int]] = available.map { [$0] }
    let sortedTimes = Array(Set(available.map { cost.seconds(node: $0, level: j) })).sorted()
    let capCount = min(knobs.timeCaps, sortedTimes.count)
    var caps: [Double] = []
    for c in 1...max(1, capCount) {
      let index = (c * sortedTimes.count) / max(1, capCount) - 1
      caps.append(sortedTimes[max(0, index)])
    }
    for cap in Array(Set(caps)).sorted() {
      let eligible = available.filter { cost.seconds(node: $0, level: j) <= cap }
      if eligible.count > 1 { pool.append(eligible) }
      for criterion in [GreedyCriterion.efficiency, .progress] {
        var chosen: [Int] = []
        var inSet = Set<Int>()
        var stats = NodeSetStatistics(context: context)
        var joules = 0.0
        while chosen.count < min(knobs.maxSetSize, eligible.count) {
          var best = -1
          var bestScore = Double.infinity
          for n in eligible where !inSet.contains(n) {
            let (u, delta) = stats.withNode(n, context: context)
            let rho = predictor.rate(meanSteps: u, skew: delta, level: j)
            let e = joules + cost.joules(node: n, level: j)
            let score: Double
            switch criterion {
            case .efficiency: score = rho > 0 ? e / rho : .infinity
            case .progress: score = -rho + e * 1e-18
            }
            if score < bestScore || best < 0 {
              bestScore = score
              best = n
            }
          }
          guard best >= 0 else { break }
          chosen.append(best)
          inSet.insert(best)
          stats.add(best, context: context)
          joules += cost.joules(node: best, level: j)
          if chosen.count > 1 { pool.append(chosen.sorted()) }
        }
      }
    }
    var seen = Set<[Int]>()
    return pool.filter { seen.insert($0).inserted }
  }

  enum GreedyCriterion { case efficiency, progress }

  /// Pareto-filters costed candidates into the two fronts.
  static func fronts(_ candidates: [Candidate]) -> NodeSetCandidates {
    NodeSetCandidates(
      descending: paretoFront(candidates, preferSmallFactor: true),
      ascending: paretoFront(candidates, preferSmallFactor: false))
  }

  /// The candidates not dominated in (joules, seconds, factor), factor minimised
  /// or maximised; exact ties keep the first.
  static func paretoFront(_ candidates: [Candidate], preferSmallFactor: Bool) -> [Candidate] {
    let sign = preferSmallFactor ? 1.0 : -1.0
    let order = candidates.indices.sorted { a, b in
      let x = candidates[a]
      let y = candidates[b]
      if x.joules != y.joules { return x.joules < y.joules }
      if x.seconds != y.seconds { return x.seconds < y.seconds }
      if x.factor != y.factor { return sign * x.factor < sign * y.factor }
      return x.nodes.count < y.nodes.count
    }
    var front: [Candidate] = []
    for i in order {
      let c = candidates[i]
      let dominated = front.contains { f in f.seconds <= c.seconds && sign * f.factor <= sign * c.factor }
      if !dominated { front.append(c) }
    }
    return front
  }
}

/// Builds and caches the candidate sets of every epoch and level of a scenario.
///
/// Epochs with the same available nodes share their candidates.
final class CandidateCache: @unchecked Sendable {
  let scenario: Scenario
  let mode: NodeSetCandidates.Mode
  let costing: NodeSetCandidates.Costing
  /// Whether every node's figures scale uniformly with the level (no measured profiles),
  /// so that the sets chosen at level 0 serve every level.
  let levelInvariant: Bool
  private var byAvailability: [[Int]: [NodeSetCandidates]] = [:]
  private(set) var setCount = 0
  /// Time spent generating candidates, in seconds.
  private(set) var generationSeconds = 0.0

  init(scenario: Scenario, mode: NodeSetCandidates.Mode, costing: NodeSetCandidates.Costing) {
    self.scenario = scenario
    self.mode = mode
    self.costing = costing
    levelInvariant = scenario.nodes.allSatisfy { $0.energyPerSample == nil && $0.secondsPerSample == nil }
  }

  /// Distinct availability patterns seen.
  var patternCount: Int { byAvailability.count }

  /// The candidates of each level for an epoch whose available nodes are `available`.
  func candidates(available: [Int]) -> [NodeSetCandidates] {
    if let cached = byAvailability[available] { return cached }
    let clock = ContinuousClock.now
    defer { generationSeconds += (ContinuousClock.now - clock).seconds }
    let J = scenario.levelCount
    var perLevel: [NodeSetCandidates] = []
    perLevel.reserveCapacity(J)
    var shared: [[Int]]? = nil
    for j in 0..<J {
      let sets: [[Int]]
      if levelInvariant, let s = shared {
        sets = s
      } else {
        sets = NodeSetCandidates.sets(available: available, level: j, mode: mode, costing: costing)
        if levelInvariant { shared = sets }
      }
      let costed = sets.map { costing.candidate($0, level: j) }
      let fronts = NodeSetCandidates.fronts(costed)
      setCount += fronts.descending.count + fronts.ascending.count
      perLevel.append(fronts)
    }
    byAvailability[available] = perLevel
    return perLevel
  }
}
