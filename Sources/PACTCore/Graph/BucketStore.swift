/// The states of one layer of the time-expanded graph, grouped by cell (pruning
/// level, loss bucket, time bucket): what makes the PACT dynamic program approximate.
///
/// Each cell keeps at most `capacity` states (the `bucketStates` knob), none of which
/// is dominated by another of the cell in (energy, loss, time). A new state is refused
/// when one of the cell dominates it; it removes the ones it dominates. When the cell
/// is full, the least *promising* state leaves: promise is the joules spent plus a
/// lower bound on the joules still needed to finish (`RemainingCostBound`, whose
/// backward part knows the epochs left, the shocks and the nodes available), ties
/// broken by the higher loss. So a cell keeps the states that can still finish
/// cheaply, not merely the cheapest so far.
///
/// Only the cells a layer touches are stored (an open-addressing table over a compact
/// slot array), so the store's memory follows the layer, not the grid.
struct BucketStore {
  /// One kept state: its vertex (index in the layer being built) and the figures the
  /// store compares.
  struct Slot {
    var vertex: Int32
    var joules: Double
    var loss: Double
    var seconds: Double
    var promise: Double

    static let empty = Slot(vertex: -1, joules: 0, loss: 0, seconds: 0, promise: 0)
  }

  /// Most states per cell.
  let capacity: Int
  /// The slots of the cells touched in the current layer, `capacity` per cell, in the
  /// order the cells were first touched.
  private var slots: [Slot] = []
  /// Open-addressing table from cell to its first slot: the cells a layer touches are
  /// few (a few thousand) though the grid has millions, so the table stays small and in
  /// cache. An entry is live when its stamp is the current layer's.
  private var tableCells: [Int] = []
  private var tableBase: [Int32] = []
  private var tableStamp: [UInt32] = []
  private var stamp: UInt32 = 1
  private var shift = 64
  private var used = 0

  /// A store whose cells hold at most `capacity` states each.
  init(capacity: Int) {
    self.capacity = max(1, capacity)
    grow(to: 1 << 12)
  }

  /// Bytes the store holds now.
  var bytes: Int {
    slots.capacity * MemoryLayout<Slot>.stride + tableCells.capacity * (MemoryLayout<Int>.stride + 8)
  }

  /// Times that differ by rounding only (sums of the same epochs in another order) are equal.
  @inline(__always)
  func slack(_ s: Double) -> Double { abs(s) * 1e-12 }

  /// Cells touched in the current layer.
  var touchedCells: Int { used }

  private mutating func grow(to size: Int) {
    let oldCells = tableCells
    let oldBase = tableBase
    let oldStamp = tableStamp
    tableCells = [Int](repeating: 0, count: size)
    tableBase = [Int32](repeating: 0, count: size)
    tableStamp = [UInt32](repeating: 0, count: size)
    shift = 64 - size.trailingZeroBitCount
    for i in oldCells.indices where oldStamp[i] == stamp {
      var h = slotIndex(oldCells[i])
      while tableStamp[h] == stamp { h = (h + 1) & (size - 1) }
      tableCells[h] = oldCells[i]
      tableBase[h] = oldBase[i]
      tableStamp[h] = stamp
    }
  }

  @inline(__always)
  private func slotIndex(_ cell: Int) -> Int {
    Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(cell)) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
  }

  /// The first slot of `cell`, adding the cell (with empty slots) when it is new.
  @inline(__always)
  private mutating func start(of cell: Int) -> Int {
    let mask = tableCells.count - 1
    var h = slotIndex(cell)
    while tableStamp[h] == stamp {
      if tableCells[h] == cell { return Int(tableBase[h]) }
      h = (h + 1) & mask
    }
    let base = slots.count
    slots.append(contentsOf: repeatElement(Slot.empty, count: capacity))
    tableCells[h] = cell
    tableBase[h] = Int32(base)
    tableStamp[h] = stamp
    used += 1
    if used * 2 > tableCells.count { grow(to: tableCells.count * 2) }
    return base
  }

  /// Offers a state to `cell`. Returns false when the cell refuses it (dominated, or
  /// full of states it keeps rather than this one). Vertices it pushes out are appended
  /// to `removed`.
  @inline(__always)
  mutating func offer(
    cell: Int, vertex: Int32, joules e: Double, loss l: Double, seconds s: Double, promise p: Double,
    removed: inout [Int32]
  ) -> Bool {
    let base = start(of: cell)
    let P = capacity
    var count = 0
    while count < P && slots[base + count].vertex >= 0 {
      let o = slots[base + count]
      if o.joules <= e && o.loss <= l && o.seconds <= s + slack(s) { return false }
      count += 1
    }
    // The states the newcomer dominates leave; the rest close up, in promise order.
    var kept = 0
    for q in 0..<count {
      let o = slots[base + q]
      if o.joules >= e && o.loss >= l && o.seconds + slack(s) >= s {
        removed.append(o.vertex)
      } else {
        slots[base + kept] = o
        kept += 1
      }
    }
    for q in kept..<count { slots[base + q] = .empty }
    let newcomer = Slot(vertex: vertex, joules: e, loss: l, seconds: s, promise: p)
    if kept == P {
      // Full (the slots are in promise order): the least promising of the P + 1 leaves.
      let worst = slots[base + P - 1]
      if worst.promise < p || (worst.promise == p && worst.loss <= l) { return false }
      removed.append(worst.vertex)
      slots[base + P - 1] = .empty
      kept = P - 1
    }
    var q = kept
    while q > 0
      && (slots[base + q - 1].promise > p || (slots[base + q - 1].promise == p && slots[base + q - 1].loss > l))
    {
      slots[base + q] = slots[base + q - 1]
      q -= 1
    }
    slots[base + q] = newcomer
    return true
  }

  /// The vertices kept in `cell`, most promising first.
  func vertices(in cell: Int) -> [Int32] {
    let mask = tableCells.count - 1
    var h = slotIndex(cell)
    while tableStamp[h] == stamp {
      if tableCells[h] == cell {
        let base = Int(tableBase[h])
        return (0..<capacity).map { slots[base + $0].vertex }.filter { $0 >= 0 }
      }
      h = (h + 1) & mask
    }
    return []
  }

  /// Empties every cell for the next layer.
  mutating func reset() {
    slots.removeAll(keepingCapacity: true)
    used = 0
    stamp &+= 1
    if stamp == 0 {
      // The stamps wrapped around: clear them so no old entry looks live.
      for i in tableStamp.indices { tableStamp[i] = 0 }
      stamp = 1
    }
  }
}
