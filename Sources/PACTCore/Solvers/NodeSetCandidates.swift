import Foundation

/// Candidate node sets for one epoch and level: the edges the solvers try.
///
/// There are 2^N node sets, so PACT cannot try them all. What makes a set good
/// under docs/MODEL.md is not obvious: the epoch takes as long as its slowest
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
        var inSet = [Bool](repeating: false, count: cost.nodeCount)
        var stats = NodeSetStatistics(context: context)
        var joules = 0.0
        while chosen.count < min(knobs.maxSetSize, eligible.count) {
          var best = -1
          var bestScore = Double.infinity
          for n in eligible where !inSet[n] {
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
          inSet[best] = true
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

/// One epoch's candidates of every level as a flat list of graph decisions, with
/// the index range of each level's two fronts.
struct EpochDecisions {
  var decisions: [TimeExpandedGraph.Decision] = []
  /// `descending[j]`: level j's sets for states above its floor; `ascending[j]`: below it.
  var descending: [Range<Int>] = []
  var ascending: [Range<Int>] = []
  /// The decisions' joules, seconds and loss factors as plain arrays, for the solvers' hot loops.
  var joules: [Double] = []
  var seconds: [Double] = []
  var factors: [Double] = []

  init(_ perLevel: [NodeSetCandidates]) {
    defer {
      joules = decisions.map(\.joules)
      seconds = decisions.map(\.seconds)
      factors = decisions.map(\.factor)
    }
    for (j, candidates) in perLevel.enumerated() {
      for (front, isDescending) in [(candidates.descending, true), (candidates.ascending, false)] {
        let start = decisions.count
        decisions += front.map {
          .init(nodes: $0.nodes, level: j, seconds: $0.seconds, joules: $0.joules, factor: $0.factor)
        }
        if isDescending {
          descending.append(start..<decisions.count)
        } else {
          ascending.append(start..<decisions.count)
        }
      }
    }
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
  private var decisionsByAvailability: [[Int]: EpochDecisions] = [:]
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

  /// Epoch k's decisions (1-based), or nil when no node is available then; built once
  /// per availability pattern and shared by every pass of the solvers.
  func decisions(epoch k: Int) -> EpochDecisions? {
    let available = scenario.availableNodes(at: k)
    if available.isEmpty { return nil }
    if let cached = decisionsByAvailability[available] { return cached }
    let built = EpochDecisions(candidates(available: available))
    decisionsByAvailability[available] = built
    return built
  }

  /// The candidates of each level for an epoch whose available nodes are `available`.
  func candidates(available: [Int]) -> [NodeSetCandidates] {
    if let cached = byAvailability[available] { return cached }
    let clock = ContinuousClock.now
    let perLevel = generate(available: available)
    generationSeconds += (ContinuousClock.now - clock).seconds
    store(available, perLevel)
    return perLevel
  }

  private func store(_ available: [Int], _ perLevel: [NodeSetCandidates]) {
    byAvailability[available] = perLevel
    setCount += perLevel.reduce(0) { $0 + $1.descending.count + $1.ascending.count }
  }

  /// Generates the candidates of every availability pattern of epochs 1…K ahead of
  /// the dynamic program, spreading the patterns over the machine's cores.
  /// Results are the same as generating them one by one.
  /// Patterns not started when `cancel` fires are skipped (generated on demand, if ever).
  func prepare(epochs: Int, cancel: CancellationToken? = nil) {
    var patterns: [[Int]] = []
    var seen = Set<[Int]>()
    for k in 1...max(1, epochs) {
      let available = scenario.availableNodes(at: k)
      if available.isEmpty { break }
      if byAvailability[available] == nil, seen.insert(available).inserted { patterns.append(available) }
    }
    guard !patterns.isEmpty else { return }
    let clock = ContinuousClock.now
    let results = ParallelMap.map(patterns) { cancel?.isCancelled == true ? nil : self.generate(available: $0) }
    generationSeconds += (ContinuousClock.now - clock).seconds
    for (pattern, perLevel) in zip(patterns, results) {
      if let perLevel { store(pattern, perLevel) }
    }
  }

  /// The candidates of each level for one pattern (pure: touches no cache state).
  private func generate(available: [Int]) -> [NodeSetCandidates] {
    let J = scenario.levelCount
    if levelInvariant {
      // Every node's time, energy and ρ scale by the same per-level factors, so the
      // Pareto fronts hold the same sets at every level: choose them at level 0, re-cost per level.
      let sets = NodeSetCandidates.sets(available: available, level: 0, mode: mode, costing: costing)
      let level0 = NodeSetCandidates.fronts(sets.map { costing.candidate($0, level: 0) })
      return (0..<J).map { j in
        j == 0
          ? level0
          : NodeSetCandidates(
            descending: level0.descending.map { costing.candidate($0.nodes, level: j) },
            ascending: level0.ascending.map { costing.candidate($0.nodes, level: j) })
      }
    }
    return (0..<J).map { j in
      let sets = NodeSetCandidates.sets(available: available, level: j, mode: mode, costing: costing)
      return NodeSetCandidates.fronts(sets.map { costing.candidate($0, level: j) })
    }
  }
}

/// Maps over an array on all cores (Dispatch), keeping the order of the results.
///
/// The environment variable `PACT_THREADS=N` (read once) caps the threads at N;
/// `PACT_THREADS=1` runs serially, e.g. to rule out threading when debugging.
/// Tests override the cap for one call tree with ``threadOverride``.
enum ParallelMap {
  /// Holds what the concurrent iterations share; each iteration writes only its own slot.
  private final class Box<T, R>: @unchecked Sendable {
    let items: [T]
    let transform: (T) -> R
    var results: [R?]
    init(items: [T], transform: @escaping (T) -> R) {
      self.items = items
      self.transform = transform
      results = [R?](repeating: nil, count: items.count)
    }
  }

  /// `PACT_THREADS` as a positive number, or nil when unset or not a positive integer.
  static let environmentThreads: Int? = {
    guard let text = ProcessInfo.processInfo.environment["PACT_THREADS"], let n = Int(text), n > 0 else { return nil }
    return n
  }()

  /// Caps the threads for work started inside `$threadOverride.withValue(n) { … }` (tests).
  @TaskLocal static var threadOverride: Int?

  /// The most threads a map may use: the override, else `PACT_THREADS`, else every core.
  static var maximumThreads: Int {
    max(1, threadOverride ?? environmentThreads ?? ProcessInfo.processInfo.activeProcessorCount)
  }

  static func map<T, R>(_ items: [T], _ transform: @escaping (T) -> R) -> [R] {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let threads = min(maximumThreads, items.count)
    if threads < 2 { return items.map(transform) }
    let box = Box(items: items, transform: transform)
    box.results.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let out = buffer
      if threads >= cores {
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
          out[i] = box.transform(box.items[i])
        }
      } else {
        // Fewer threads than cores: one strided share of the items per thread.
        DispatchQueue.concurrentPerform(iterations: threads) { t in
          for i in stride(from: t, to: box.items.count, by: threads) { out[i] = box.transform(box.items[i]) }
        }
      }
    }
    return box.results.map { $0! }
  }
}
