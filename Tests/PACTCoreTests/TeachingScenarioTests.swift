import Foundation
import Testing

@testable import PACTCore

/// Issue 20: each teaching scenario makes its knob visibly matter — on the knob view's
/// ladder, coarse values lose energy (or find no plan) and the finest recovers the exact
/// optimum — as sample-scenarios/README.md's table says.
@Suite struct TeachingScenarioTests {
  /// (knob, the least loss of the coarsest value, as a fraction; nil: no plan there).
  static let lessons: [(KnobName, Double?)] = [
    (.lossBins, 0.10), (.timeBins, nil), (.bucketStates, 0.05), (.maxSetSize, 0.25), (.exhaustiveNodes, 0.25),
    (.gapTolerance, 0.015),
  ]

  @Test(arguments: lessons.map(\.0))
  func coarseValuesLoseAndTheFinestFindsTheOptimum(_ knob: KnobName) throws {
    let file = "teach-\(knob.rawValue).json"
    let s = try Scenario.parse(SampleFixtures.bytes(file), source: file).scenario
    #expect(s.nodes.count <= 12, "the knob view runs the exact solver up to 12 nodes")
    let spec = SolverKnobs.knob(knob)
    let values = Array(Set(spec.ladder + [s.solver[keyPath: spec.keyPath]])).filter { spec.range.contains($0) }
    let sweep = try KnobSweep.run(s, knob: knob.rawValue, values: values, exact: true, repeats: 1)
    guard case .optimum = sweep.reference else {
      Issue.record("\(file): no exact optimum (\(sweep.referenceNote ?? ""))")
      return
    }
    let coarsest = try #require(sweep.points.first)
    let finest = try #require(sweep.points.last)
    let expected = Self.lessons.first { $0.0 == knob }?.1
    if let loss = expected {
      let gap = try #require(coarsest.gap, "\(file): no plan at \(coarsest.value)")
      #expect(gap >= loss, "\(file): \(knob) = \(coarsest.value) loses \(gap * 100) %")
    } else {
      #expect(!coarsest.isFeasible, "\(file): \(knob) = \(coarsest.value) should find no plan")
    }
    #expect(finest.gap == 0, "\(file): \(knob) = \(finest.value) is \(finest.gap.map { $0 * 100 } ?? .nan) % off")
    // Finer never worse.
    let gaps = sweep.points.compactMap(\.gap)
    for (a, b) in zip(gaps, gaps.dropFirst()) { #expect(b <= a + 1e-12, "\(file): \(gaps)") }
    // The description says which knob it teaches.
    #expect(s.description.hasPrefix("Teaches \(knob.rawValue)"))
  }
}
