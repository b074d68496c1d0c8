import Foundation
import Synchronization

/// Candidate sets kept across solves, so that an edit reuses what it does not
/// invalidate (the dashboard replans after every edit): a pattern's candidates depend on
/// its nodes' figures, the model, the loss coefficients, the label mix of all nodes and
/// the candidate knobs — not on the goals (target, deadline, deployed size, epochs) nor on
/// other nodes' availability. So a goal edit reuses every pattern; an availability edit
/// or an edit of one node's figures reuses every pattern the edit leaves as it was.
///
/// A pattern's key is a fingerprint of what its candidates depend on (``fingerprints(_:mode:)``):
/// one for everything shared, one per node of the pattern (with its index, since the
/// candidates name nodes by index). The store keeps the most recent ``capacity`` patterns.
public final class CandidateStore: Sendable {
  struct Key: Hashable, Sendable {
    var shared: Int
    /// Index and fingerprint of each node of the pattern, in order.
    var nodes: [Int]
  }

  private struct State {
    var entries: [Key: [NodeSetCandidates]] = [:]
    var order: [Key] = []
    var hits = 0
  }

  private let state = Mutex(State())
  /// The most patterns kept.
  public let capacity: Int

  public init(capacity: Int = 4096) { self.capacity = max(1, capacity) }

  /// The store the dashboard's solves share.
  public static let dashboard = CandidateStore()
  /// The store the solves of frontiers share (``Frontier/pact(_:knobs:)``).
  public static let frontiers = CandidateStore()

  /// Patterns found in the store so far.
  public var hits: Int { state.withLock { $0.hits } }

  func get(_ key: Key) -> [NodeSetCandidates]? {
    state.withLock { s in
      guard let found = s.entries[key] else { return nil }
      s.hits += 1
      return found
    }
  }

  func put(_ key: Key, _ value: [NodeSetCandidates]) {
    state.withLock { s in
      if s.entries.updateValue(value, forKey: key) == nil { s.order.append(key) }
      while s.order.count > capacity {
        let old = s.order.removeFirst()
        s.entries[old] = nil
      }
    }
  }

  /// The shared fingerprint and each node's, for `scenario`'s candidates of `mode`.
  static func fingerprints(_ scenario: Scenario, mode: NodeSetCandidates.Mode) -> (shared: Int, nodes: [Int]) {
    var h = Hasher()
    let m = scenario.model
    h.combine(m.parameters)
    h.combine(m.bitsPerParameter)
    h.combine(m.flopsPerSample)
    h.combine(m.pruningLevels)
    let t = scenario.training
    h.combine(t.localEpochs)
    h.combine(t.batchSize)
    h.combine(t.aggregationSeconds)
    let l = scenario.loss
    h.combine(l.model.rawValue)
    for value in [
      l.rate, l.stepsExponent, l.remainingExponent, l.floor, l.floorGrowth, l.floorExponent, l.pruneShock,
      l.skewPenalty,
    ] {
      h.combine(value)
    }
    for key in l.extra.keys.sorted() {
      h.combine(key)
      h.combine(l.extra[key] ?? 0)
    }
    switch mode {
    case .exhaustive: h.combine(0)
    case .greedy(let k):
      h.combine(1)
      h.combine(k.maxSetSize)
      h.combine(k.timeCaps)
      h.combine(k.exhaustiveNodes)
    case .relaxed(let enumerate, let cheapest):
      h.combine(2)
      h.combine(enumerate)
      h.combine(cheapest)
      // The ladder relaxation reads every node's steps (the least of them) and mass.
      h.combine(scenario.nodes.map(\.samples))
    }
    // The label mix of all nodes (δ is measured against it).
    for node in scenario.nodes { h.combine(node.labelHistogram ?? []) }
    let shared = h.finalize()
    let nodes = scenario.nodes.map { n -> Int in
      var h = Hasher()
      h.combine(n.flops)
      h.combine(n.watts)
      h.combine(n.uplinkBitsPerSecond)
      h.combine(n.downlinkBitsPerSecond)
      h.combine(n.radioWatts)
      h.combine(n.samples)
      h.combine(n.labelHistogram ?? [])
      h.combine(n.energyPerSample ?? [])
      h.combine(n.secondsPerSample ?? [])
      return h.finalize()
    }
    return (shared, nodes)
  }
}
