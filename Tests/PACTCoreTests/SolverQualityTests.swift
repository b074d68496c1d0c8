import Foundation
import Testing

@testable import PACTCore

/// PACT keeps its promise (issue 11): its candidate sets hold the optimum's sets, a
/// finer knob never gives a worse answer, the start is never a plan, and its answers
/// are within 1 % of the optimum on generated instances.
@Suite struct SolverQualityTests {
  /// The candidate rule before this round: chains grown from the empty set (so every
  /// chain starts with the single best node), singletons and all eligible nodes.
  static func oldRuleSets(available: [Int], level j: Int, knobs: SolverKnobs, costing: NodeSetCandidates.Costing)
    -> [[Int]]
  {
    let cost = costing.cost
    var pool: [[Int]] = available.map { [$0] }
    let times = Array(Set(available.map { cost.seconds(node: $0, level: j) })).sorted()
    let capCount = min(knobs.timeCaps, times.count)
    let caps = (1...max(1, capCount)).map { times[max(0, $0 * times.count / max(1, capCount) - 1)] }
    for cap in Set(caps) {
      let eligible = available.filter { cost.seconds(node: $0, level: j) <= cap }
      if eligible.count > 1 { pool.append(eligible) }
      for criterion in [NodeSetCandidates.GreedyCriterion.efficiency, .progress] {
        // The best single node by the criterion, then the greedy chain from it.
        let first = eligible.min {
          let a = criterion.score(
            joules: cost.joules(node: $0, level: j), rho: NodeSetCandidates.rate([$0], level: j, costing: costing))
          let b = criterion.score(
            joules: cost.joules(node: $1, level: j), rho: NodeSetCandidates.rate([$1], level: j, costing: costing))
          return a < b
        }
        guard let first else { continue }
        pool += NodeSetCandidates.chain(
          from: first, eligible: eligible, criterion: criterion, level: j, knobs: knobs, costing: costing)
      }
    }
    return pool
  }

  /// How many epochs of `plan` use a (set, level) that is a candidate decision.
  static func covered(_ plan: Plan, _ scenario: Scenario, rule: (([Int], Int) -> [[Int]])?) -> Bool {
    let evaluator = PlanEvaluator(scenario: scenario)
    let costing = NodeSetCandidates.Costing(
      cost: evaluator.cost, statistics: evaluator.statistics, predictor: evaluator.predictor)
    let cache = CandidateCache(scenario: scenario, mode: .greedy(scenario.solver), costing: costing)
    for (k, d) in plan.epochs.enumerated() {
      let available = scenario.availableNodes(at: k + 1)
      if let rule {
        let front = NodeSetCandidates.fronts(rule(available, d.level).map { costing.candidate($0, level: d.level) })
        if !(front.descending + front.ascending).contains(where: { $0.nodes == d.nodes }) { return false }
      } else {
        guard let decisions = cache.decisions(epoch: k + 1) else { return false }
        if !decisions.decisions.contains(where: { $0.nodes == d.nodes && $0.level == d.level }) { return false }
      }
    }
    return true
  }

  @Test func candidateSetsHoldTheOptimalPlansSetsFarMoreOftenThanBefore() throws {
    var newCovered = 0
    var oldCovered = 0
    var plans = 0
    for seed in UInt64(1)...30 {
      let scenario = ScenarioGenerator(nodes: 8, epochs: 8, levels: 3).make(seed: seed)
      guard let optimum = ExactSolver(scenario: scenario).solve().evaluation, optimum.isFeasible else { continue }
      plans += 1
      if Self.covered(optimum.plan, scenario, rule: nil) { newCovered += 1 }
      let evaluator = PlanEvaluator(scenario: scenario)
      let costing = NodeSetCandidates.Costing(
        cost: evaluator.cost, statistics: evaluator.statistics, predictor: evaluator.predictor)
      if Self.covered(
        optimum.plan, scenario,
        rule: { Self.oldRuleSets(available: $0, level: $1, knobs: scenario.solver, costing: costing) })
      {
        oldCovered += 1
      }
    }
    #expect(plans >= 20)
    #expect(newCovered == plans, "new rule: \(newCovered) of \(plans) optimal plans entirely among the candidates")
    #expect(oldCovered < newCovered, "old rule: \(oldCovered) of \(plans)")
    print(
      "candidates: the optimal plan's sets are all candidates in \(newCovered) of \(plans) instances (old rule: \(oldCovered))"
    )
  }

  /// One step finer in one knob, refining from the coarser plan, never raises the energy;
  /// and a sweep is monotone in every knob.
  @Test func refiningAKnobNeverRaisesTheEnergy() throws {
    let base = SolverKnobs(
      lossBins: 16, timeBins: 8, maxSetSize: 2, timeCaps: 1, exhaustiveNodes: 2, bucketStates: 1)
    var comparisons = 0
    for seed in UInt64(1)...200 {
      let scenario = ScenarioGenerator(nodes: 6, epochs: 5, levels: 3).make(seed: 1000 + seed)
      let coarse = PACTSolver(scenario: scenario, knobs: base).solve()
      guard let c = coarse.evaluation, c.isFeasible else { continue }
      for knob in SolverKnobs.table {
        var finer = base
        finer[keyPath: knob.keyPath] = knob.finer(base[keyPath: knob.keyPath])
        let refined = PACTSolver(scenario: scenario, knobs: finer).solve(incumbent: c)
        let e = try #require(refined.evaluation, "seed \(seed), \(knob.name): no plan")
        #expect(e.isFeasible)
        #expect(
          e.totalJoules <= c.totalJoules,
          "seed \(seed): \(knob.name) finer gave \(e.totalJoules) J > \(c.totalJoules) J")
        comparisons += 1
      }
    }
    #expect(comparisons >= 6 * 150)
  }

  @Test func aSweepIsNeverWorseAtAFinerValue() throws {
    let scenario = ScenarioGenerator(nodes: 7, epochs: 10, levels: 4).make(seed: 176)
    for knob in SolverKnobs.table {
      let sweep = try KnobSweep.run(
        scenario, knob: knob.name, values: Array(knob.ladder.prefix(5)), base: SolverKnobs(lossBins: 32, timeBins: 16),
        exact: false, repeats: 1)
      let energies = sweep.points.compactMap(\.joules)
      for (a, b) in zip(energies, energies.dropFirst()) { #expect(b <= a, "\(knob.name): \(energies)") }
    }
  }

  /// A target at or above the initial loss: the cheapest plan of one or more epochs.
  @Test func aTargetAboveTheInitialLossNeedsAPlanOfOneEpochOrMore() throws {
    var scenario = ScenarioGenerator(nodes: 5, epochs: 6, levels: 3).make(seed: 4)
    scenario.training.targetLoss = scenario.training.initialLoss * 1.1
    scenario.model.deployRemaining = 1
    let pact = PACTSolver(scenario: scenario).solve()
    let exact = ExactSolver(scenario: scenario).solve()
    #expect(pact.status == .solved && exact.status == .solved)
    let p = try #require(pact.evaluation)
    let x = try #require(exact.evaluation)
    #expect(p.epochs.count >= 1 && x.epochs.count >= 1)
    #expect(p.isFeasible && x.isFeasible)
    #expect(abs(p.totalJoules - x.totalJoules) <= 1e-9 * x.totalJoules, "one epoch of the cheapest set")
    // The cheapest single epoch at level 0 is the optimum: check it by enumeration.
    let evaluator = PlanEvaluator(scenario: scenario)
    let cheapest = scenario.availableNodes(at: 1).map {
      evaluator.evaluate(Plan(epochs: [EpochDecision(nodes: [$0], level: 0)]))
    }.filter(\.isFeasible).map(\.totalJoules).min()
    #expect(x.totalJoules <= (cheapest ?? .infinity) + 1e-9)
    // Every baseline and the comparison agree that it is feasible.
    let comparison = Comparison.run(scenario)
    #expect(comparison.row("pact")?.isFeasible == true && comparison.row("exact")?.isFeasible == true)
    for row in comparison.rows where row.kind == .baseline { #expect(row.isFeasible, "\(row.method)") }
  }

  /// PACT at default knobs against the optimum on generated instances not used for tuning.
  @Test func defaultKnobsAreWithinOnePercentOfTheOptimum() throws {
    var worst = 0.0
    var count = 0
    for seed in UInt64(501)...520 {
      let scenario = ScenarioGenerator(nodes: 7, epochs: 10, levels: 4).make(seed: seed)
      let exact = ExactSolver(scenario: scenario).solve()
      let pact = PACTSolver(scenario: scenario).solve()
      guard let x = exact.evaluation, exact.status == .solved else {
        #expect(pact.evaluation == nil || pact.evaluation?.isFeasible == true)
        continue
      }
      let p = try #require(pact.evaluation, "seed \(seed): PACT found no plan, the optimum is \(x.totalJoules) J")
      #expect(p.isFeasible)
      worst = max(worst, p.totalJoules / x.totalJoules - 1)
      count += 1
    }
    #expect(count >= 15)
    #expect(worst <= 0.01, "worst gap \(worst * 100) %")
  }
}
