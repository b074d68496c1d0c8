import Foundation

/// The `limit` cheapest non-empty subsets of items with non-negative costs, in order of
/// cost, and the least cost of any subset left out.
///
/// The items are sorted by cost; every subset is its sorted items, so it is an earlier
/// subset (its *prefix*, or none) plus its last item. From a subset P + i the search
/// reaches P + i + (i+1) (add the next item) and P + (i+1) (replace the last by the next),
/// each costing at least as much as P + i; every subset is reached exactly once from the
/// single item 0, so a heap that pops the cheapest reached subset lists them in order of
/// cost (the classic k-smallest-subset-sums enumeration, O(k log k)). When the list stops,
/// every subset not listed descends from one still in the heap, so none costs less than
/// the heap's top: ``threshold``.
///
/// A subset's cost is its prefix's plus its last item's — the same additions whichever
/// way it was reached, so costs never decrease along the search, rounding included.
struct CheapestSubsets {
  /// Per subset listed (cheapest first): the index of its prefix in these arrays (−1 for
  /// none), its last item (an index into the items given) and its cost.
  private(set) var prefix: [Int32] = []
  private(set) var last: [Int32] = []
  private(set) var cost: [Double] = []
  /// The least cost of a subset not listed (infinity when every subset is).
  private(set) var threshold = Double.infinity

  var count: Int { cost.count }

  init(costs: [Double], limit: Int) {
    guard !costs.isEmpty, limit > 0 else {
      threshold = costs.min() ?? .infinity
      return
    }
    // Only the `limit` + 1 cheapest items can be in the `limit` cheapest subsets (their
    // singletons alone are that many); a subset with any other item costs at least that
    // item, which bounds the threshold too.
    func before(_ a: Int, _ b: Int) -> Bool { costs[a] != costs[b] ? costs[a] < costs[b] : a < b }
    var order: [Int] = []
    var beyond = Double.infinity
    if costs.count <= 2 * limit + 2 {
      order = (0..<costs.count).sorted(by: before)
    } else {
      order.reserveCapacity(limit + 2)
      for i in 0..<costs.count {
        guard order.count <= limit || before(i, order[limit]) else {
          beyond = min(beyond, costs[i])
          continue
        }
        var lo = 0
        var hi = order.count
        while lo < hi {
          let mid = (lo + hi) / 2
          if before(order[mid], i) { lo = mid + 1 } else { hi = mid }
        }
        order.insert(i, at: lo)
        if order.count > limit + 1 { beyond = min(beyond, costs[order.removeLast()]) }
      }
    }
    let n = order.count
    // Heap entries: the subset prefix + order[position], at `sum` (ties: first reached first).
    struct Entry {
      var sum: Double
      var serial: Int
      var prefix: Int32
      var position: Int32
      func precedes(_ o: Entry) -> Bool { sum != o.sum ? sum < o.sum : serial < o.serial }
    }
    var heap: [Entry] = [Entry(sum: costs[order[0]], serial: 0, prefix: -1, position: 0)]
    heap.reserveCapacity(2 * limit + 2)
    var serial = 1
    /// Sifts `e` up from a new slot at the end (the hole moves, no swaps).
    func push(_ heap: inout [Entry], _ e: Entry) {
      heap.append(e)
      var i = heap.count - 1
      while i > 0 {
        let p = (i - 1) / 2
        guard e.precedes(heap[p]) else { break }
        heap[i] = heap[p]
        i = p
      }
      heap[i] = e
    }
    /// Removes the top, sifting the last entry down from the root.
    func pop(_ heap: inout [Entry]) -> Entry {
      let top = heap[0]
      let end = heap.removeLast()
      guard !heap.isEmpty else { return top }
      var i = 0
      let count = heap.count
      while true {
        let l = 2 * i + 1
        guard l < count else { break }
        let r = l + 1
        let c = r < count && heap[r].precedes(heap[l]) ? r : l
        guard heap[c].precedes(end) else { break }
        heap[i] = heap[c]
        i = c
      }
      heap[i] = end
      return top
    }
    let capacity = min(limit, n >= 62 ? limit : (1 << n) - 1)
    prefix.reserveCapacity(capacity)
    last.reserveCapacity(capacity)
    cost.reserveCapacity(capacity)
    while cost.count < limit, !heap.isEmpty {
      let e = pop(&heap)
      let id = Int32(cost.count)
      prefix.append(e.prefix)
      last.append(Int32(order[Int(e.position)]))
      cost.append(e.sum)
      let next = Int(e.position) + 1
      guard next < n else { continue }
      let item = costs[order[next]]
      push(&heap, Entry(sum: e.sum + item, serial: serial, prefix: id, position: Int32(next)))
      let base = e.prefix >= 0 ? cost[Int(e.prefix)] : 0
      push(&heap, Entry(sum: base + item, serial: serial + 1, prefix: e.prefix, position: Int32(next)))
      serial += 2
    }
    threshold = min(heap.first?.sum ?? .infinity, beyond)
  }
}
