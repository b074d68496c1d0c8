import Testing

@testable import PACTCore

/// The cells of a layer: dominance, capacity, eviction by promise, reset.
@Suite struct BucketStoreTests {
  @Test func aDominatedStateIsRefusedAndADominatingOneTakesItsPlace() {
    var store = BucketStore(capacity: 2)
    var removed: [Int32] = []
    #expect(store.offer(cell: 7, vertex: 0, joules: 10, loss: 1.0, seconds: 5, promise: 20, removed: &removed))
    // More energy, more loss, more time: dominated.
    #expect(!store.offer(cell: 7, vertex: 1, joules: 11, loss: 1.1, seconds: 6, promise: 21, removed: &removed))
    // Less of everything: dominates vertex 0, which leaves.
    #expect(store.offer(cell: 7, vertex: 2, joules: 9, loss: 0.9, seconds: 4, promise: 18, removed: &removed))
    #expect(removed == [0])
    #expect(store.vertices(in: 7) == [2])
    // Another cell is independent.
    #expect(store.offer(cell: 8, vertex: 3, joules: 11, loss: 1.1, seconds: 6, promise: 21, removed: &removed))
    #expect(store.vertices(in: 8) == [3])
  }

  @Test func timesThatDifferByRoundingOnlyAreEqual() {
    var store = BucketStore(capacity: 3)
    var removed: [Int32] = []
    let t = 372.68846935767226
    #expect(store.offer(cell: 1, vertex: 0, joules: 10, loss: 1.0, seconds: t, promise: 20, removed: &removed))
    // One ulp later, no cheaper, no lower loss: still dominated.
    #expect(
      !store.offer(cell: 1, vertex: 1, joules: 10.5, loss: 1.0, seconds: t.nextUp, promise: 21, removed: &removed))
  }

  @Test func aFullCellKeepsTheMostPromisingStates() {
    var store = BucketStore(capacity: 2)
    var removed: [Int32] = []
    // Three states none of which dominates another (less energy, more loss).
    #expect(store.offer(cell: 0, vertex: 0, joules: 10, loss: 1.3, seconds: 5, promise: 30, removed: &removed))
    #expect(store.offer(cell: 0, vertex: 1, joules: 12, loss: 1.2, seconds: 5, promise: 25, removed: &removed))
    // The newcomer is less promising than both: refused.
    #expect(!store.offer(cell: 0, vertex: 2, joules: 14, loss: 1.1, seconds: 5, promise: 31, removed: &removed))
    #expect(removed.isEmpty)
    // This one is more promising than vertex 0, which leaves.
    #expect(store.offer(cell: 0, vertex: 3, joules: 13, loss: 1.15, seconds: 5, promise: 22, removed: &removed))
    #expect(removed == [0])
    #expect(store.vertices(in: 0) == [3, 1], "most promising first")
  }

  @Test func resetEmptiesEveryCellAndTheTableGrows() {
    var store = BucketStore(capacity: 1)
    var removed: [Int32] = []
    for cell in 0..<20_000 {
      #expect(
        store.offer(
          cell: cell * 7919, vertex: Int32(cell), joules: 1, loss: 1, seconds: 1, promise: 1, removed: &removed))
    }
    #expect(store.touchedCells == 20_000)
    #expect(store.vertices(in: 5 * 7919) == [5])
    store.reset()
    #expect(store.touchedCells == 0)
    #expect(store.vertices(in: 5 * 7919).isEmpty)
    #expect(store.offer(cell: 5 * 7919, vertex: 9, joules: 2, loss: 2, seconds: 2, promise: 2, removed: &removed))
  }
}
