import Foundation
import Testing

@testable import PACTCore

/// The backward table's greedy plan (``GuidedPlan``) is only a first incumbent: every plan
/// it returns must be a real one (docs/MODEL.md's evaluator finds it feasible: target met
/// at a deployable level before the deadline), it must be found often enough to matter,
/// and PACT's answer with it must be no worse than PACT's answer without it where the
/// exact optimum shows how far either is.
@Suite struct GuidedPlanTests {
  @Test func guidedPlansAreFeasibleAndPACTIsNoWorseForThem() {
    let cases = OptimumBoundTests.instances(count: 120, seedBase: 83_000)
    let results = ParallelMap.map(cases) { name, scenario in Self.check(scenario, name: name) }
    let problems = results.compactMap(\.problem)
    #expect(problems.isEmpty, "\(problems.count) problems: \(problems.prefix(5))")
    let found = results.filter(\.found).count
    let feasible = results.filter(\.feasible).count
    // The greedy must find a plan on a good share of the feasible instances, or it is dead code.
    #expect(found * 3 >= feasible, "a guided plan on only \(found) of \(feasible) feasible instances")
    let worse = results.filter(\.pactWorse).count
    let better = results.filter(\.pactBetter).count
    print(
      "guided plan: found on \(found) of \(feasible) feasible instances; PACT with it worse on \(worse), better on \(better)"
    )
    // (When written: found on 102 of 106 feasible instances, PACT's answer the same on all;
    // 43 infeasible plans when the greedy's deadline checks are dropped; 28 answers off
    // their graph's path when the passes' bound has no slack above a warm start's plan.)
    #expect(worse == 0, "PACT's answer worse with the guided incumbent on \(worse) instances")
    let graphless = results.filter(\.graphless).count
    #expect(graphless == 0, "PACT's answer not on its graph's chosen path on \(graphless) instances")
  }

  struct Result: Sendable {
    var problem: String? = nil
    var found = false
    var feasible = false
    var pactWorse = false
    var pactBetter = false
    var graphless = false
  }

  static func check(_ scenario: Scenario, name: String) -> Result {
    var result = Result()
    let planning = scenario.forPlanning
    let evaluator = PlanEvaluator(scenario: planning)
    let cache = CandidateCache(scenario: planning, mode: .greedy(planning.solver), evaluator: evaluator)
    cache.prepare(epochs: planning.training.epochs)
    let remaining = RemainingCostBound(scenario: planning, cache: cache, predictor: evaluator.predictor)
    let exact = ExactSolver(scenario: scenario).solve()
    result.feasible = exact.evaluation != nil
    for weight in GuidedPlan.weights {
      guard
        let plan = GuidedPlan.plan(
          scenario: planning, cache: cache, remaining: remaining, predictor: evaluator.predictor, weight: weight)
      else { continue }
      result.found = true
      let evaluation = evaluator.evaluate(plan)
      if !evaluation.isFeasible {
        result.problem = "\(name): the plan at weight \(weight) is infeasible: \(evaluation.violations)"
        return result
      }
      if let optimum = exact.evaluation?.totalJoules, evaluation.totalJoules < optimum * (1 - 1e-9) {
        result.problem = "\(name): the plan at weight \(weight) beats the optimum"
        return result
      }
    }
    var with = PACTSolver(scenario: scenario)
    with.provesBound = false
    var without = with
    without.guidesFirstPass = false
    let solved = with.solve()
    let a = solved.evaluation?.totalJoules
    let b = without.solve().evaluation?.totalJoules
    // The answer's graph holds its path (the graph view and the MPS export show it), also
    // when the guided plan was the best there is: a pass finds it again.
    if let plan = solved.plan {
      result.graphless = solved.graph.map { $0.plan(along: $0.chosenPath) != plan } ?? true
    }
    if (a == nil) != (b == nil) {
      result.problem = "\(name): a plan with the guided incumbent: \(a != nil), without: \(b != nil)"
    } else if let a, let b {
      result.pactWorse = a > b * (1 + 1e-9)
      result.pactBetter = a < b * (1 - 1e-9)
    }
    return result
  }
}
