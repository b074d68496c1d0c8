import Foundation
import Testing

@testable import PACTCore

/// Issue 18: an edit reuses the candidate sets it does not invalidate, and the plan is
/// the one a fresh solve finds.
@Suite struct CandidateStoreTests {
  static func solve(_ s: Scenario, store: CandidateStore?) -> SolveResult {
    var solver = PACTSolver(scenario: s)
    solver.candidateStore = store
    return solver.solve()
  }

  @Test func aGoalEditReusesEveryPatternAndANodeEditTheOthers() throws {
    let base = ScenarioGenerator.hard(nodes: 9, epochs: 12, levels: 4).make(seed: 5)
    let store = CandidateStore()
    let first = Self.solve(base, store: store)
    #expect(first.statistics.reusedPatterns == 0)
    let patterns = first.statistics.availabilityPatterns
    #expect(patterns >= 2)
    // A goal: every pattern reused, the same plan as a fresh solve.
    let tighter = GoalParameter.deadline.applying(base.training.deadlineSeconds * 0.9, to: base)
    let again = Self.solve(tighter, store: store)
    #expect(again.statistics.reusedPatterns == patterns, "\(again.statistics.reusedPatterns) of \(patterns)")
    #expect(again.evaluation?.plan == Self.solve(tighter, store: nil).evaluation?.plan)
    // One node's power: the patterns without it are reused, those with it generated anew.
    var edited = base
    let node = try #require(
      base.nodes.indices.first { n in
        CandidateCache.availabilityPatterns(base, epochs: base.training.epochs).contains { !$0.contains(n) }
      })
    edited.nodes[node].watts *= 1.5
    let afterEdit = Self.solve(edited, store: store)
    let without = CandidateCache.availabilityPatterns(edited, epochs: edited.training.epochs).filter {
      !$0.contains(node)
    }
    #expect(afterEdit.statistics.reusedPatterns == without.count)
    #expect(afterEdit.evaluation?.plan == Self.solve(edited, store: nil).evaluation?.plan)
    #expect(afterEdit.lowerBoundJoules == Self.solve(edited, store: nil).lowerBoundJoules)
  }
}
