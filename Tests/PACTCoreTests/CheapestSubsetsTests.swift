import Foundation
import Testing

@testable import PACTCore

/// The k cheapest subsets (the relaxation's listed sets): against every subset, sorted.
@Suite struct CheapestSubsetsTests {
  /// Random costs (ties and zeros included), every limit from 0 to past 2^n: the sets
  /// listed are distinct, in order of cost, the cheapest there are (their costs are the
  /// first of all subsets' sorted costs), their costs are their items' sums, and the
  /// threshold is the least cost of a subset left out.
  @Test func theCheapestSubsetsAreListedInOrder() {
    var rng = SeededGenerator(seed: 7)
    for trial in 0..<300 {
      let n = 1 + trial % 9
      let costs = (0..<n).map { _ -> Double in
        switch rng.next() % 5 {
        case 0: return 0
        case 1: return 1
        default: return Double(rng.next() % 1000) / 100
        }
      }
      var all: [Double] = []
      for mask in 1..<(1 << n) {
        var sum = 0.0
        for i in 0..<n where mask & (1 << i) != 0 { sum += costs[i] }
        all.append(sum)
      }
      all.sort()
      let limit = Int(rng.next() % UInt64((1 << n) + 3))
      let listed = CheapestSubsets(costs: costs, limit: limit)
      #expect(listed.count == min(limit, all.count))
      var seen = Set<Int>()
      for s in 0..<listed.count {
        // The set's items, from its chain of prefixes.
        var mask = 0
        var at = s
        var sum = 0.0
        var items: [Int] = []
        while at >= 0 {
          let item = Int(listed.last[at])
          #expect(mask & (1 << item) == 0)
          mask |= 1 << item
          items.append(item)
          at = Int(listed.prefix[at])
        }
        for item in items.reversed() { sum += costs[item] }
        #expect(seen.insert(mask).inserted, "trial \(trial): a set listed twice")
        #expect(abs(sum - listed.cost[s]) <= 1e-9, "trial \(trial): cost \(listed.cost[s]) for sum \(sum)")
        #expect(abs(listed.cost[s] - all[s]) <= 1e-9, "trial \(trial): \(s)th cost \(listed.cost[s]), want \(all[s])")
        if s > 0 { #expect(listed.cost[s] >= listed.cost[s - 1]) }
      }
      if listed.count < all.count {
        #expect(abs(listed.threshold - all[listed.count]) <= 1e-9, "trial \(trial): threshold")
      } else {
        #expect(listed.threshold == .infinity)
      }
    }
  }

  /// Many items, few sets: only the cheapest items are sorted, the threshold still holds.
  @Test func manyItemsFewSets() {
    var rng = SeededGenerator(seed: 11)
    for _ in 0..<50 {
      let n = 200 + Int(rng.next() % 300)
      let costs = (0..<n).map { _ in Double(rng.next() % 10_000) / 10 }
      let limit = 1 + Int(rng.next() % 40)
      let listed = CheapestSubsets(costs: costs, limit: limit)
      let sorted = costs.sorted()
      // With this few sets, the k-th cheapest is at most the k-th cheapest item.
      #expect(listed.count == limit)
      #expect(listed.cost[0] == sorted[0])
      #expect(listed.cost[limit - 1] <= sorted[limit - 1])
      // A brute-force threshold over singletons and pairs (every subset left out costs at
      // least the cheapest of those left out when the limit is below n).
      var small: [Double] = sorted
      for i in 0..<min(n, 60) { for k in (i + 1)..<min(n, 60) { small.append(sorted[i] + sorted[k]) } }
      small.sort()
      #expect(listed.threshold <= small[limit])
      #expect(listed.threshold >= listed.cost[limit - 1])
    }
  }
}
