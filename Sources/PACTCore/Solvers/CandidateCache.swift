import Foundation

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
  /// By pattern, hashed as one word (``NodeSetKey``): a pattern of a large fleet has
  /// thousands of nodes, and an array's own hash feeds every one to the hasher (10,000
  /// nodes: 13 % of a one-thread solve went to hashing patterns).
  private var byAvailability: [NodeSetKey: [NodeSetCandidates]] = [:]
  private var decisionsByAvailability: [NodeSetKey: EpochDecisions] = [:]
  private var decisionsByEpoch: [Int: EpochDecisions] = [:]
  private var availableByEpoch: [Int: [Int]] = [:]
  private var candidatesByEpoch: [Int: [NodeSetCandidates]] = [:]
  private(set) var setCount = 0
  /// Time spent generating candidates, in seconds.
  private(set) var generationSeconds = 0.0

  /// For the cheap relaxation: each node's corner factors, shared by every pattern.
  let corners: RelaxedDecisions.NodeCorners?
  /// Candidates kept across solves (the dashboard's), and this scenario's fingerprints.
  private(set) var store: CandidateStore? = nil
  private var fingerprints: (shared: Int, nodes: [Int])? = nil
  /// Patterns taken from the store.
  private(set) var reusedPatterns = 0

  /// Uses `store` for the candidates of patterns an earlier solve already generated.
  func use(_ store: CandidateStore?) {
    self.store = store
    fingerprints = store.map { _ in CandidateStore.fingerprints(scenario, mode: mode) }
  }

  private func key(_ available: [Int]) -> CandidateStore.Key? {
    guard let f = fingerprints else { return nil }
    var nodes: [Int] = []
    nodes.reserveCapacity(available.count * 2)
    for n in available {
      nodes.append(n)
      nodes.append(f.nodes[n])
    }
    return CandidateStore.Key(shared: f.shared, nodes: nodes)
  }

  /// The stored candidates of `available`, if an earlier solve left them.
  private func stored(_ available: [Int]) -> [NodeSetCandidates]? {
    guard let store, let key = key(available), let found = store.get(key) else { return nil }
    reusedPatterns += 1
    return found
  }

  init(
    scenario: Scenario, mode: NodeSetCandidates.Mode, costing: NodeSetCandidates.Costing,
    corners: RelaxedDecisions.NodeCorners? = nil
  ) {
    self.scenario = scenario
    self.mode = mode
    self.costing = costing
    levelInvariant = scenario.nodes.allSatisfy { $0.energyPerSample == nil && $0.secondsPerSample == nil }
    if let corners {
      self.corners = corners
    } else if case .relaxed(enumerate: false, _) = mode {
      self.corners = RelaxedDecisions.NodeCorners(levels: scenario.levelCount, costing: costing)
    } else {
      self.corners = nil
    }
  }

  /// The one setup every solver starts from (PACT, the exact solver, the proven bound):
  /// candidates of `mode` for `scenario`, costed by `evaluator`'s tables (times,
  /// energies, the node-set statistics and the loss predictor).
  convenience init(scenario: Scenario, mode: NodeSetCandidates.Mode, evaluator: PlanEvaluator) {
    let costing = NodeSetCandidates.Costing(
      cost: evaluator.cost, statistics: evaluator.statistics, predictor: evaluator.predictor)
    self.init(scenario: scenario, mode: mode, costing: costing)
  }

  /// The distinct sets of available nodes of epochs 1, 2, … in order of first use, up
  /// to the first epoch where no node is available: a plan trains a non-empty set in
  /// each of its consecutive epochs (docs/MODEL.md), so none goes past it.
  static func availabilityPatterns(_ scenario: Scenario, epochs: Int) -> [[Int]] {
    var patterns: [[Int]] = []
    var seen = Set<NodeSetKey>()
    for k in 1...max(1, epochs) {
      let available = scenario.availableNodes(at: k)
      if available.isEmpty { break }
      if seen.insert(NodeSetKey(available)).inserted { patterns.append(available) }
    }
    return patterns
  }

  /// A cache for `other`, a scenario with the same nodes, levels and model (another
  /// goal: target, deadline, deploy level, epochs), that starts with these candidates:
  /// they depend on none of the goals.
  func with(scenario other: Scenario) -> CandidateCache {
    let copy = CandidateCache(scenario: other, mode: mode, costing: costing, corners: corners)
    copy.store = store
    copy.fingerprints = fingerprints
    copy.byAvailability = byAvailability
    copy.decisionsByAvailability = decisionsByAvailability
    copy.setCount = setCount
    return copy
  }

  /// Distinct availability patterns seen.
  var patternCount: Int { byAvailability.count }

  /// Epoch k's decisions (1-based), or nil when no node is available then; built once
  /// per availability pattern and shared by every pass of the solvers. Remembered per
  /// epoch too, so a pattern (an array of up to thousands of nodes) is hashed once per
  /// epoch, not once per pass.
  func decisions(epoch k: Int) -> EpochDecisions? {
    if let memo = decisionsByEpoch[k] { return memo }
    let available = availableNodes(epoch: k)
    if available.isEmpty { return nil }
    let built = decisions(available: available)
    decisionsByEpoch[k] = built
    return built
  }

  /// The decisions of an epoch whose available nodes are `available` (built once).
  func decisions(available: [Int]) -> EpochDecisions {
    let key = NodeSetKey(available)
    if let cached = decisionsByAvailability[key] { return cached }
    let built = EpochDecisions(candidates(available: available))
    decisionsByAvailability[key] = built
    return built
  }

  /// The nodes available at epoch k (remembered).
  func availableNodes(epoch k: Int) -> [Int] {
    if let memo = availableByEpoch[k] { return memo }
    let available = scenario.availableNodes(at: k)
    availableByEpoch[k] = available
    return available
  }

  /// The candidates of each level at epoch k (remembered per epoch).
  func candidates(epoch k: Int) -> [NodeSetCandidates] {
    if let memo = candidatesByEpoch[k] { return memo }
    let built = candidates(available: availableNodes(epoch: k))
    candidatesByEpoch[k] = built
    return built
  }

  /// The candidates of each level for an epoch whose available nodes are `available`.
  func candidates(available: [Int]) -> [NodeSetCandidates] {
    candidates(available: available, poll: nil) ?? []
  }

  /// The candidates of each level for `available`, or nil when `poll` (asked every
  /// ``pollInterval`` sets costed) says to stop: costing every subset of 14 nodes takes
  /// long enough that the exact solver checks its budgets inside it.
  func candidates(available: [Int], poll: (() -> Bool)?) -> [NodeSetCandidates]? {
    if let cached = byAvailability[NodeSetKey(available)] { return cached }
    if let found = stored(available) {
      keep(available, found)
      return found
    }
    let clock = ContinuousClock.now
    let perLevel = generate(available: available, poll: poll)
    generationSeconds += (ContinuousClock.now - clock).seconds
    guard let perLevel else { return nil }
    store(available, perLevel)
    return perLevel
  }

  /// Sets costed between two polls.
  static let pollInterval = 1024

  /// Keeps candidates generated here, and hands them to the store for later solves.
  private func store(_ available: [Int], _ perLevel: [NodeSetCandidates]) {
    if byAvailability[NodeSetKey(available)] == nil, let store, let key = key(available) { store.put(key, perLevel) }
    keep(available, perLevel)
  }

  /// Keeps the candidates of `available` for this solve.
  private func keep(_ available: [Int], _ perLevel: [NodeSetCandidates]) {
    byAvailability[NodeSetKey(available)] = perLevel
    setCount += perLevel.reduce(0) { $0 + $1.descending.count + $1.ascending.count }
  }

  /// Generates the candidates of every availability pattern of epochs 1…K ahead of
  /// the dynamic program, spreading the patterns over the machine's cores.
  /// Results are the same as generating them one by one.
  /// Patterns not started when `cancel` fires are skipped (generated on demand, if ever).
  func prepare(epochs: Int, cancel: CancellationToken? = nil) {
    var patterns = CandidateCache.availabilityPatterns(scenario, epochs: epochs).filter {
      byAvailability[NodeSetKey($0)] == nil
    }
    // Those an earlier solve generated (the store), first.
    patterns = patterns.filter { pattern in
      guard let found = stored(pattern) else { return true }
      keep(pattern, found)
      return false
    }
    guard !patterns.isEmpty else { return }
    let clock = ContinuousClock.now
    // Runs of consecutive patterns (consecutive epochs' nodes, mostly alike) go to one worker
    // each, in order, so that each pattern's chains start from the last one's (``GreedyChainMemo``).
    let runs = max(1, min(patterns.count, 2 * ParallelMap.maximumThreads))
    let bounds = (0...runs).map { patterns.count * $0 / runs }
    let results = ParallelMap.map(Array(0..<runs)) { r in
      let memo = GreedyChainMemo()
      return patterns[bounds[r]..<bounds[r + 1]].map {
        cancel?.isCancelled == true ? nil : self.generate(available: $0, memo: memo)
      }
    }.flatMap { $0 }
    generationSeconds += (ContinuousClock.now - clock).seconds
    for (pattern, perLevel) in zip(patterns, results) {
      if let perLevel { store(pattern, perLevel) }
    }
  }

  /// The candidates of each level for one pattern (pure: touches no cache state); nil
  /// when `poll` says to stop.
  private func generate(available: [Int], poll: (() -> Bool)? = nil, memo: GreedyChainMemo? = nil)
    -> [NodeSetCandidates]?
  {
    let J = scenario.levelCount
    if case .relaxed(let enumerate, let cheapest) = mode {
      return RelaxedDecisions.fronts(
        available: available, levels: J, costing: costing, enumerate: enumerate, cheapest: cheapest, corners: corners)
    }
    func costed(level j: Int) -> [NodeSetCandidates.Candidate]? {
      NodeSetCandidates.candidates(available: available, level: j, mode: mode, costing: costing, memo: memo, poll: poll)
    }
    if levelInvariant {
      // Every node's time, energy and ρ scale by the same per-level factors, so the
      // Pareto fronts hold the same sets at every level: choose them at level 0, re-cost per level.
      guard let costs = costed(level: 0) else { return nil }
      let level0 = NodeSetCandidates.fronts(costs)
      let descending = level0.descending.map { costing.candidates($0.nodes, levels: 1..<J) }
      let ascending = level0.ascending.map { costing.candidates($0.nodes, levels: 1..<J) }
      return (0..<J).map { j in
        j == 0
          ? level0
          : NodeSetCandidates(descending: descending.map { $0[j - 1] }, ascending: ascending.map { $0[j - 1] })
      }
    }
    var perLevel: [NodeSetCandidates] = []
    for j in 0..<J {
      guard let costs = costed(level: j) else { return nil }
      perLevel.append(NodeSetCandidates.fronts(costs))
    }
    return perLevel
  }
}
