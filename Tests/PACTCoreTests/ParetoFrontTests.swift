import Foundation
import Testing

@testable import PACTCore

/// ``NodeSetCandidates/paretoFront(_:preferSmallFactor:)`` thins large sets by pivots before
/// sorting; the front must be the one of sorting every candidate — the same records in the
/// same order, ties (equal figures, equal sizes, duplicate records) resolved alike. (When
/// written: 15 failures on these seeds when a pivot may drop a candidate it does not precede.)
@Suite struct ParetoFrontTests {
  @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
  func pivotsChangeNothing(seed: UInt64) {
    var rng = SeededGenerator(seed: 40_000 + seed)
    // Coarse figures, so that many candidates tie in one, two or all three of them.
    let levels = seed.isMultiple(of: 2) ? 40.0 : 4000.0
    func figure() -> Double { (Double.random(in: 0..<1, using: &rng) * levels).rounded() / levels }
    var candidates: [NodeSetCandidates.Candidate] = []
    let count = NodeSetCandidates.pivotThreshold * (1 + Int(seed % 3))
    for i in 0..<count {
      if i > 0, Int.random(in: 0..<10, using: &rng) == 0 {
        candidates.append(candidates[Int.random(in: 0..<i, using: &rng)])  // a duplicate record
        continue
      }
      let size = Int.random(in: 1...3, using: &rng)
      candidates.append(
        .init(
          nodes: Array(0..<size).map { _ in Int.random(in: 0..<50, using: &rng) }, seconds: 1 + figure(),
          joules: 1 + figure(), factor: 0.5 + 0.5 * figure()))
    }
    for small in [true, false] {
      let thinned = NodeSetCandidates.paretoFront(candidates, preferSmallFactor: small)
      let sorted = NodeSetCandidates.sortedFront(candidates, preferSmallFactor: small)
      #expect(thinned == sorted, "seed \(seed), preferSmallFactor \(small): \(thinned.count) against \(sorted.count)")
      #expect(sorted.count >= 3)
    }
  }
}
