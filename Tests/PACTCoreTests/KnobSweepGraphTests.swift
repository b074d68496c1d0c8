import Foundation
import Testing

@testable import PACTCore

/// Issue 20: a sweep shows the graph at each value's own grid (every pass run, no early
/// stop), so a finer value does not show the smaller graph of a coarser pass.
@Suite struct KnobSweepGraphTests {
  /// On digits-fedavg, bucketStates 6 used to show 2,446 vertices against 24,567 at 4:
  /// its solve stopped on a coarse pass. Now each shows its own pass's graph.
  @Test func aFinerValueShowsItsOwnGrid() throws {
    let s = try Scenario.parse(SampleFixtures.bytes("digits-fedavg.json")).scenario
    let sweep = try KnobSweep.run(s, knob: "bucketStates", values: [4, 6], exact: false, repeats: 1)
    let (four, six) = (sweep.points[0], sweep.points[1])
    #expect(four.vertices > 0 && six.vertices > four.vertices, "4: \(four.vertices), 6: \(six.vertices)")
    for p in sweep.points { #expect(p.allPassVertices >= p.vertices) }
  }

  /// The figures are those of the own pass: one pass at the value's own grid.
  @Test func theGraphIsTheOwnPasssGraph() throws {
    let s = ScenarioGenerator(nodes: 6, epochs: 10, levels: 3).make(seed: 11)
    let sweep = try KnobSweep.run(s, knob: "lossBins", values: [8, 64], exact: false, repeats: 1)
    for p in sweep.points {
      var knobs = s.solver
      knobs.lossBins = p.value
      knobs.gapTolerance = 0
      var solver = PACTSolver(scenario: s, knobs: knobs)
      solver.warmStart = false
      let r = solver.solve()
      let own = try #require(r.statistics.ownPass(knobs))
      #expect(p.vertices == own.vertices)
      #expect(p.allPassVertices == r.statistics.totalVertices)
    }
  }

  /// On a grid knob, a finer value's own graph is never smaller (teach-lossBins, the whole
  /// ladder; it went 1,767 → 686 vertices from 128 to 256 buckets when a coarse pass's
  /// incumbent pruned the finer grid).
  @Test func aFinerGridNeverShowsASmallerGraph() throws {
    let s = try Scenario.parse(SampleFixtures.bytes("teach-lossBins.json")).scenario
    let ladder = SolverKnobs.knob(.lossBins).ladder
    let sweep = try KnobSweep.run(s, knob: "lossBins", values: ladder, exact: false, repeats: 1)
    let sizes = sweep.points.map(\.vertices)
    for (a, b) in zip(sizes, sizes.dropFirst()) { #expect(b >= a, "\(sizes)") }
  }
}
