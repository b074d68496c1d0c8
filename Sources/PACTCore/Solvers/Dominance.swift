/// Dominance among training states of one layer and level: a state with no
/// more loss, time and energy than another is at least as good in every
/// future (the loss update is non-decreasing in the old loss), so the other
/// can be dropped. Both solvers filter with it.
enum Dominance {
  /// A state's three costs, all minimised.
  struct Costs {
    var loss: Double
    var seconds: Double
    var joules: Double
  }

  /// The indices of the states not dominated by another (of exact duplicates, one is kept).
  ///
  /// - Complexity: O(n log n) — sort by loss, then a staircase of (seconds, joules).
  static func nondominated(_ states: [Costs]) -> [Int] {
    guard states.count > 1 else { return Array(states.indices) }
    let order = states.indices.sorted {
      let a = states[$0]
      let b = states[$1]
      if a.loss != b.loss { return a.loss < b.loss }
      if a.seconds != b.seconds { return a.seconds < b.seconds }
      return a.joules < b.joules
    }
    // Kept (seconds, joules) pairs: seconds ascending, joules strictly descending.
    var stairSeconds: [Double] = []
    var stairJoules: [Double] = []
    var kept: [Int] = []
    for i in order {
      let s = states[i]
      // The last stair with seconds ≤ s.seconds has the least joules among them.
      var lo = 0
      var hi = stairSeconds.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if stairSeconds[mid] <= s.seconds { lo = mid + 1 } else { hi = mid }
      }
      if lo > 0 && stairJoules[lo - 1] <= s.joules { continue }
      kept.append(i)
      var end = lo
      while end < stairSeconds.count && stairJoules[end] >= s.joules { end += 1 }
      stairSeconds.replaceSubrange(lo..<end, with: CollectionOfOne(s.seconds))
      stairJoules.replaceSubrange(lo..<end, with: CollectionOfOne(s.joules))
    }
    return kept
  }
}
