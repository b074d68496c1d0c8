import Foundation
import Testing

@testable import PACTCore

/// Every solver limit ends the solve cleanly with a readable status, never a crash,
/// and cancellation stops a running solve promptly.
@Suite struct SolverBudgetTests {
  static let small = ScenarioGenerator(nodes: 6, epochs: 12, levels: 3).make(seed: 7)
  static let large = ScenarioGenerator(nodes: 12, epochs: 40, levels: 6).make(seed: 3)

  @Test func pactMemoryBudgetStopsWithTheBudgetNamed() throws {
    var solver = PACTSolver(scenario: Self.large, knobs: SolverKnobs(lossBins: 4096, timeBins: 1024, bucketStates: 8))
    solver.memoryBudgetBytes = 1 << 20
    let result = solver.solve()
    #expect(result.status == .budgetExceeded(.memory(bytes: 1 << 20)), "\(result.status)")
    #expect(result.status.description.contains("1 MiB") && result.status.description.contains("lossBins"))
    if let evaluation = result.evaluation { #expect(evaluation.isFeasible) }
    #expect(result.statistics.peakBytes > 1 << 20, "it stopped once the budget was passed")
  }

  @Test func pactMemoryBudgetLargeEnoughSolves() {
    var solver = PACTSolver(scenario: Self.small)
    solver.memoryBudgetBytes = 256 << 20
    let result = solver.solve()
    #expect(result.status == .solved)
    #expect(result.statistics.peakBytes > 0 && result.statistics.peakBytes < 256 << 20)
  }

  @Test func exactRefusesTooManyNodes() throws {
    let result = ExactSolver(scenario: Self.small, maxNodes: 4).solve()
    #expect(result.status == .refused(.tooManyNodes(nodes: 6, limit: 4)))
    #expect(result.status.description.contains("at most 4 nodes") && result.status.description.contains("has 6"))
    #expect(result.evaluation == nil)
  }

  @Test func exactMemoryBudgetStopsWithTheBudgetNamed() throws {
    let result = ExactSolver(scenario: Self.large, memoryBudgetBytes: 64 << 10).solve()
    #expect(result.status == .budgetExceeded(.memory(bytes: 64 << 10)), "\(result.status)")
    // The best plan so far (PACT's warm start) is attached and is a real plan.
    if let evaluation = result.evaluation { #expect(evaluation.isFeasible) }
    #expect(result.statistics.peakBytes <= 64 << 10 + ExactSolver.labelBytes * 64, "stopped at the budget")
  }

  @Test func exactTimeBudgetStops() throws {
    let result = ExactSolver(scenario: Self.large, timeBudgetSeconds: 0.3).solve()
    #expect(result.status == .budgetExceeded(.time(seconds: 0.3)), "\(result.status)")
    #expect(result.status.description.contains("time budget of 0.3 s"))
    // Whatever the load, it stops (a generous bound: the budget includes PACT's warm start).
    #expect(result.solveSeconds < 60)
  }

  @Test func exactZeroTimeBudgetDoesNotCrash() {
    let result = ExactSolver(scenario: Self.small, timeBudgetSeconds: 0).solve()
    switch result.status {
    case .budgetExceeded(let budget): #expect(budget == .time(seconds: 0))
    case .solved: break  // finished within the first check
    default: Issue.record("unexpected \(result.status)")
    }
  }

  @Test func cancelledBeforeStartReturnsCancelled() {
    let token = CancellationToken()
    token.cancel()
    #expect(PACTSolver(scenario: Self.small).solve(cancel: token).status == .cancelled)
    #expect(ExactSolver(scenario: Self.small).solve(cancel: token).status == .cancelled)
  }

  /// Cancels `token` after `delay` seconds from a thread of its own (not Dispatch's pool,
  /// which parallel candidate generation in other tests can keep busy).
  static func cancel(_ token: CancellationToken, after delay: Double) {
    let thread = Thread {
      Thread.sleep(forTimeInterval: delay)
      token.cancel()
    }
    thread.start()
  }

  @Test func cancellingARunningExactSolveReturnsPromptly() {
    let token = CancellationToken()
    Self.cancel(token, after: 0.5)
    let clock = ContinuousClock.now
    let result = ExactSolver(scenario: Self.large, timeBudgetSeconds: 600).solve(cancel: token)
    let elapsed = ContinuousClock.now - clock
    #expect(result.status == .cancelled)
    // A bound no load reaches: without cancellation this solve takes minutes.
    #expect(elapsed < .seconds(60), "took \(elapsed) to stop")
  }

  @Test func cancellingARunningPACTSolveReturnsPromptly() {
    // 200 nodes × 100 epochs at fine buckets: about a second or more in a debug build.
    let scenario = ScenarioGenerator(nodes: 200, epochs: 100, levels: 8).make(seed: 11)
    var knobs = scenario.solver
    knobs.lossBins = 1024
    knobs.timeBins = 256
    let token = CancellationToken()
    Self.cancel(token, after: 0.1)
    let clock = ContinuousClock.now
    let result = PACTSolver(scenario: scenario, knobs: knobs).solve(cancel: token)
    let elapsed = ContinuousClock.now - clock
    #expect(result.status == .cancelled, "finished as \(result.status) in \(elapsed)")
    #expect(elapsed < .seconds(60), "took \(elapsed) to stop")
  }
}
