/// A node set (its nodes, sorted) as a hash key that hashes one word: a 64-bit
/// fingerprint of its nodes (FNV-1a), where an array's own hash feeds the hasher every
/// element and the count. Equal exactly when the node lists are (the fingerprint only
/// speeds up the comparison), so a set of keys keeps the same sets as a set of arrays.
/// The greedy rule's pools dedupe tens of thousands of sets this way (city-phones-200:
/// 49,026 insertions, 3.7 % of a one-thread solve as arrays), and the candidate cache keys
/// its availability patterns by it (thousands of nodes each on large fleets).
struct NodeSetKey: Hashable {
  let nodes: [Int]
  let fingerprint: UInt64

  init(_ nodes: [Int]) {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for n in nodes { h = (h ^ UInt64(truncatingIfNeeded: n)) &* 0x100_0000_01b3 }
    self.nodes = nodes
    fingerprint = h
  }

  static func == (a: NodeSetKey, b: NodeSetKey) -> Bool { a.fingerprint == b.fingerprint && a.nodes == b.nodes }

  func hash(into hasher: inout Hasher) { hasher.combine(fingerprint) }
}
