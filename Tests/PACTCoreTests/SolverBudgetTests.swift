import Foundation
import Testing

@testable import PACTCore

/// Every solver limit ends the solve cleanly with a readable status, never a crash,
/// and cancellation stops a running solve promptly.
@Suite struct SolverBudgetTests {
  static let small = ScenarioGenerator(nodes: 6, epochs: 12, levels: 3).make(seed: 7)
  static let large = ScenarioGenerator(nodes: 12, epochs: 40, levels: 6).make(seed: 3)

  /// The message of a budget or refusal status, or nil for other statuses.
  static func message(_ status: SolveStatus) -> String? {
    switch status {
    case .budgetExceeded(let m), .refused(let m): return m
    default: return nil
    }
  }

  @Test func pactVertexBudgetStopsWithAMessage() throws {
    var solver = PACTSolver(scenario: Self.small)
    solver.vertexBudget = 10
    let result = solver.solve()
    guard case .budgetExceeded(let message) = result.status else {
      Issue.record("expected budgetExceeded, got \(result.status)")
      return
    }
    #expect(message.contains("10 vertices"), "\(message)")
    #expect(message.contains("lossBins"), "the message should say which knobs to change: \(message)")
    if let evaluation = result.evaluation { #expect(evaluation.isFeasible) }
  }

  @Test func pactVertexBudgetLargeEnoughSolves() {
    var solver = PACTSolver(scenario: Self.small)
    solver.vertexBudget = 1_000_000
    #expect(solver.solve().status == .solved)
  }

  @Test func exactRefusesTooManyNodes() throws {
    let result = ExactSolver(scenario: Self.small, maxNodes: 4).solve()
    let message = try #require(Self.message(result.status), "got \(result.status)")
    guard case .refused = result.status else {
      Issue.record("expected refused, got \(result.status)")
      return
    }
    #expect(message.contains("at most 4 nodes") && message.contains("has 6"), "\(message)")
    #expect(result.evaluation == nil)
  }

  @Test func exactLabelBudgetStopsWithAMessage() throws {
    let result = ExactSolver(scenario: Self.small, labelBudget: 5).solve()
    guard case .budgetExceeded(let message) = result.status else {
      Issue.record("expected budgetExceeded, got \(result.status)")
      return
    }
    #expect(message.contains("5 labels"), "\(message)")
    // The best plan so far (PACT's warm start) is attached and is a real plan.
    if let evaluation = result.evaluation { #expect(evaluation.isFeasible) }
  }

  @Test func exactTimeBudgetStopsOnTime() throws {
    let clock = ContinuousClock.now
    let result = ExactSolver(scenario: Self.large, timeBudgetSeconds: 0.3).solve()
    let elapsed = (ContinuousClock.now - clock)
    guard case .budgetExceeded(let message) = result.status else {
      Issue.record("expected budgetExceeded, got \(result.status)")
      return
    }
    #expect(message.contains("time budget of 0.3 s"), "\(message)")
    // Generous for a loaded debug build: the budget includes PACT's warm start.
    #expect(elapsed < .seconds(5), "stopped after \(elapsed)")
  }

  @Test func exactZeroTimeBudgetDoesNotCrash() {
    let result = ExactSolver(scenario: Self.small, timeBudgetSeconds: 0).solve()
    switch result.status {
    case .budgetExceeded(let message): #expect(message.contains("time budget"))
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
    #expect(elapsed < .seconds(4), "took \(elapsed) to stop")
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
    #expect(elapsed < .seconds(4), "took \(elapsed) to stop")
  }
}
