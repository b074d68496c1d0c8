/// Plans found so far that are Pareto-optimal in (seconds, joules): a staircase,
/// seconds ascending and joules strictly descending. A deadline frontier reads it: the
/// cheapest plan within deadline d is the last step with seconds ≤ d. Deadlines below
/// `shortest` do not matter, so a plan of any time up to it counts as that fast.
struct TerminalFront {
  private(set) var seconds: [Double] = []
  private(set) var joules: [Double] = []
  /// The tightest deadline of interest.
  var shortest: Double = 0

  /// Whether a known plan is no slower (for any deadline of interest) and no dearer than
  /// `s` seconds and `e` joules, so a state that needs at least that cannot add a step.
  @inline(__always)
  func covers(seconds s: Double, joules e: Double) -> Bool {
    guard let i = lastIndex(atMost: max(s, shortest)) else { return false }
    return joules[i] <= e
  }

  /// Adds a plan's figures, dropping the steps it dominates.
  mutating func insert(seconds s: Double, joules e: Double) {
    guard lastIndex(atMost: s).map({ joules[$0] > e }) ?? true else { return }
    let start = (lastIndex(atMost: s) ?? -1) + 1
    var end = start
    while end < seconds.count && joules[end] >= e { end += 1 }
    seconds.replaceSubrange(start..<end, with: CollectionOfOne(s))
    joules.replaceSubrange(start..<end, with: CollectionOfOne(e))
  }

  @inline(__always)
  private func lastIndex(atMost s: Double) -> Int? {
    var lo = 0
    var hi = seconds.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if seconds[mid] <= s { lo = mid + 1 } else { hi = mid }
    }
    return lo > 0 ? lo - 1 : nil
  }
}
