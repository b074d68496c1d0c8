import Foundation
import Testing

@testable import PACTCore

/// Candidate generation runs on every core (``ParallelMap``); the plans must not depend on it.
@Suite struct ParallelDeterminismTests {
  /// The parallel and the serial path give bit-identical plans, energies and graph sizes.
  @Test(arguments: [UInt64(1), 2, 3, 4])
  func parallelAndSerialSolvesAreBitIdentical(seed: UInt64) throws {
    let scenario = ScenarioGenerator(nodes: 50, epochs: 20, levels: 4).make(seed: seed)
    let parallel = ParallelMap.$threadOverride.withValue(nil) { PACTSolver(scenario: scenario).solve() }
    let serial = ParallelMap.$threadOverride.withValue(1) { PACTSolver(scenario: scenario).solve() }
    #expect(parallel.status == serial.status)
    #expect(parallel.plan == serial.plan, "seed \(seed): plans differ")
    let a = try #require(parallel.joules, "seed \(seed): no plan (\(parallel.status))")
    let b = try #require(serial.joules)
    #expect(a.bitPattern == b.bitPattern, "seed \(seed): \(a) J parallel, \(b) J serial")
    #expect(parallel.statistics.passes.map(\.vertices) == serial.statistics.passes.map(\.vertices))
    #expect(parallel.statistics.candidateSets == serial.statistics.candidateSets)
    // The scenario has several availability patterns, so the parallel path really ran.
    #expect(parallel.statistics.availabilityPatterns >= 2)
  }

  /// The proof runs beside the passes (``BackgroundJob``) and may cancel the pass after the
  /// one it proves; the bound, the passes, the answer and the stop must be those of a
  /// solve that proves between its passes (one thread). Hard instances, whose forward
  /// passes run beside a later pass, and easy ones, whose proof stops the passes early.
  @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
  func proofBesideThePassesChangesNothing(seed: UInt64) throws {
    let generator =
      seed.isMultiple(of: 2)
      ? ScenarioGenerator.hard(nodes: 9, epochs: 12, levels: 4) : ScenarioGenerator(nodes: 8, epochs: 10, levels: 3)
    let scenario = generator.make(seed: seed)
    let beside = ParallelMap.$threadOverride.withValue(nil) { PACTSolver(scenario: scenario).solve() }
    let inTurn = ParallelMap.$threadOverride.withValue(1) { PACTSolver(scenario: scenario).solve() }
    #expect(beside.status == inTurn.status)
    #expect(beside.plan == inTurn.plan, "seed \(seed): plans differ")
    let a = try #require(beside.statistics.lowerBoundJoules, "seed \(seed): no bound")
    let b = try #require(inTurn.statistics.lowerBoundJoules)
    #expect(a.bitPattern == b.bitPattern, "seed \(seed): bound \(a) J beside, \(b) J in turn")
    #expect(beside.statistics.passes.map(\.vertices) == inTurn.statistics.passes.map(\.vertices))
    #expect(beside.statistics.answerPass == inTurn.statistics.answerPass)
    #expect(beside.statistics.stoppedBy == inTurn.statistics.stoppedBy)
    #expect(beside.statistics.lowerBoundStates == inTurn.statistics.lowerBoundStates)
  }

  /// The passes take the proof's backward table when the proof enumerates every set
  /// (``PACTSolver/sharesProofTable``), whether the proof runs beside them or between them
  /// (the dashboard's draft): the same table, so the same plan, bound and graphs as the
  /// solve beside. (A solve that proved only after its setup would build its own table and
  /// plan apart: 10 × 20 × 5 seed 7's passes keep 16,161 vertices with PACT's own table,
  /// 6,230 with the proof's.)
  @Test(arguments: [UInt64(7), 8, 9])
  func theProofsTableIsSharedInTurnAsBeside(seed: UInt64) throws {
    let scenario = ScenarioGenerator(nodes: 10, epochs: 20, levels: 5).make(seed: seed)
    let beside = PACTSolver(scenario: scenario).solve()
    var between = PACTSolver(scenario: scenario)
    between.provesBeside = false
    let inTurn = between.solve()
    #expect(beside.plan == inTurn.plan, "seed \(seed): plans differ")
    let a = try #require(beside.statistics.lowerBoundJoules, "seed \(seed): no bound")
    let b = try #require(inTurn.statistics.lowerBoundJoules)
    #expect(a.bitPattern == b.bitPattern, "seed \(seed): bound \(a) J beside, \(b) J in turn")
    #expect(beside.statistics.passes.map(\.vertices) == inTurn.statistics.passes.map(\.vertices))
  }

  /// The map keeps the order of its results at every thread count.
  @Test(arguments: [1, 2, 3, 8])
  func mapKeepsOrder(threads: Int) {
    let items = Array(0..<1000)
    let out = ParallelMap.$threadOverride.withValue(threads) { ParallelMap.map(items) { $0 * $0 + 1 } }
    #expect(out == items.map { $0 * $0 + 1 })
  }

  /// An override of 1 runs every item on the calling thread.
  @Test func serialOverrideStaysOnTheCallingThread() {
    let caller = Thread.current
    let out = ParallelMap.$threadOverride.withValue(1) {
      ParallelMap.map(Array(0..<64)) { _ in Thread.current == caller }
    }
    #expect(out.allSatisfy { $0 })
    #expect(ParallelMap.$threadOverride.withValue(1) { ParallelMap.maximumThreads } == 1)
  }
}
