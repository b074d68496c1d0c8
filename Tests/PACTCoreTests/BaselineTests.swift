import PACTCore
import Testing

@Suite struct BaselineTests {
  let scenario = BaselineTestScenarios.small()

  /// Whether the plan's first `count` epochs are feasible.
  func prefixFeasible(_ plan: Plan, _ count: Int, _ scenario: Scenario) -> Bool {
    PlanEvaluator(scenario: scenario).evaluate(Plan(epochs: Array(plan.epochs.prefix(count)))).isFeasible
  }

  @Test func trainThenPruneTrainsFullModelAndPrunesOnlyInTheLastEpoch() throws {
    let result = TrainThenPrune().run(on: scenario)
    let epochs = result.evaluation.plan.epochs
    #expect(result.isFeasible)
    #expect(epochs.count > 1)
    let deploy = try #require(scenario.firstDeployableLevel)
    #expect(epochs.last?.level == deploy)
    for e in epochs.dropLast() { #expect(e.level == 0) }
    for (k, e) in epochs.enumerated() { #expect(e.nodes == scenario.availableNodes(at: k + 1)) }
    // It stops as soon as a pruned epoch finishes the job: one epoch earlier, a pruned epoch would not have.
    let shorter =
      Array(epochs.dropLast(2)) + [EpochDecision(nodes: scenario.availableNodes(at: epochs.count - 1), level: deploy)]
    #expect(!PlanEvaluator(scenario: scenario).evaluate(Plan(epochs: shorter)).isFeasible)
  }

  @Test func trainThenPrunePrunesAtEpochKWhenTheTargetIsOutOfReach() throws {
    let hard = BaselineTestScenarios.small(epochs: 5, targetLoss: 0.3)
    let result = TrainThenPrune().run(on: hard)
    #expect(!result.isFeasible)
    #expect(result.evaluation.plan.epochs.count == 5)
    #expect(result.evaluation.plan.epochs.last?.level == hard.firstDeployableLevel)
    #expect(result.evaluation.violations.contains { $0.contains("final loss") })
  }

  @Test func pruneFirstUsesTheDeployLevelFromEpochOneAndStopsWhenFeasible() throws {
    let result = PruneFirst().run(on: scenario)
    let plan = result.evaluation.plan
    #expect(result.isFeasible)
    for (k, e) in plan.epochs.enumerated() {
      #expect(e.level == scenario.firstDeployableLevel)
      #expect(e.nodes == scenario.availableNodes(at: k + 1))
    }
    #expect(!prefixFeasible(plan, plan.epochs.count - 1, scenario))
  }

  @Test func fedCSKeepsEveryEpochWithinTheBudgetAndTakesEveryNodeThatFits() throws {
    // A budget that only the fast nodes meet at the deploy level.
    var tight = scenario
    let deploy = try #require(scenario.firstDeployableLevel)
    let cost = CostModel(scenario: scenario)
    let times = scenario.nodes.indices.map { cost.seconds(node: $0, level: deploy) + cost.aggregationSeconds }.sorted()
    tight.training.deadlineSeconds = (times[1] + times[2]) / 2 * Double(tight.training.epochs)
    let budget = FedCSSelection.epochBudget(tight)
    let result = FedCSSelection().run(on: tight)
    #expect(!result.evaluation.plan.isEmpty)
    for (k, e) in result.evaluation.epochs.enumerated() {
      #expect(e.seconds <= budget)
      #expect(e.level == deploy)
      let fits = tight.availableNodes(at: k + 1).filter {
        cost.seconds(node: $0, level: deploy) + cost.aggregationSeconds <= budget
      }
      #expect(e.nodes == fits)
    }
    #expect(result.evaluation.totalSeconds <= tight.training.deadlineSeconds)
  }

  @Test func fedCSStopsInfeasibleWhenNoNodeFitsTheBudget() {
    let impossible = BaselineTestScenarios.small(deadline: 0.01)
    let result = FedCSSelection().run(on: impossible)
    #expect(!result.isFeasible)
    #expect(result.evaluation.plan.isEmpty)
    #expect(result.notes.contains { $0.contains("per-epoch budget") })
  }

  @Test func pruneFLNeverDecreasesLevelsAndEndsDeployable() {
    for s in [scenario, BaselineTestScenarios.small(epochs: 6, targetLoss: 0.3)] {
      let result = PruneFLAdaptive().run(on: s)
      let levels = result.evaluation.plan.epochs.map(\.level)
      #expect(levels == levels.sorted())
      #expect((levels.last ?? 0) >= (s.firstDeployableLevel ?? 0))
      for (k, e) in result.evaluation.plan.epochs.enumerated() { #expect(e.nodes == s.availableNodes(at: k + 1)) }
    }
  }

  @Test func oortPicksTheTopHalfByUtility() {
    let result = OortSelection().run(on: scenario)
    let policy = OortSelection()
    let cost = CostModel(scenario: scenario)
    for (k, e) in result.evaluation.plan.epochs.enumerated() {
      let available = scenario.availableNodes(at: k + 1)
      #expect(e.nodes.count == (available.count + 1) / 2)
      let chosen = e.nodes.map { policy.utility(node: $0, level: e.level, scenario: scenario, cost: cost) }
      let others = available.filter { !e.nodes.contains($0) }
        .map { policy.utility(node: $0, level: e.level, scenario: scenario, cost: cost) }
      #expect((chosen.min() ?? 0) >= (others.max() ?? 0))
    }
  }

  @Test func oortPenalisesStragglers() {
    var slow = scenario
    let policy = OortSelection()
    let before = policy.utility(node: 3, level: 2, scenario: slow, cost: CostModel(scenario: slow))
    slow.nodes[3].flops /= 1e4
    let cost = CostModel(scenario: slow)
    let t = cost.seconds(node: 3, level: 2) + cost.aggregationSeconds
    let preferred = FedCSSelection.epochBudget(slow)
    #expect(t > preferred)
    let after = policy.utility(node: 3, level: 2, scenario: slow, cost: cost)
    #expect(abs(after - before / ((t / preferred) * (t / preferred))) < 1e-9 * before)
  }

  @Test func randomSelectionIsDeterministicPerSeed() {
    let a = RandomSelection(seed: 7).run(on: scenario).evaluation.plan
    let b = RandomSelection(seed: 7).run(on: scenario).evaluation.plan
    #expect(a == b)
    let plans = Set((1...8).map { RandomSelection(seed: UInt64($0)).run(on: scenario).evaluation.plan })
    #expect(plans.count > 1)
    for (k, e) in a.epochs.enumerated() {
      let available = scenario.availableNodes(at: k + 1)
      #expect(e.nodes.count == (available.count + 1) / 2)
      #expect(e.nodes.allSatisfy { available.contains($0) })
    }
  }

  @Test func infeasibleBaselinesSaySoWithTheirAttempt() {
    let hard = BaselineTestScenarios.small(epochs: 4, targetLoss: 0.3)
    for policy in Baselines.all() {
      let result = policy.run(on: hard)
      #expect(!result.isFeasible, "\(policy.name)")
      #expect(!result.evaluation.violations.isEmpty, "\(policy.name)")
      #expect(result.evaluation.plan.epochs.count == 4, "\(policy.name)")
    }
  }

  @Test func deadlinePassedStopsTheRun() {
    let short = BaselineTestScenarios.small(deadline: 20)
    let result = TrainThenPrune().run(on: short)
    if !result.isFeasible {
      #expect(result.evaluation.violations.contains { $0.contains("deadline") || $0.contains("final loss") })
    }
    #expect(result.evaluation.epochs.dropLast().reduce(0) { $0 + $1.seconds } <= 20)
  }

  @Test func comparisonPutsPACTAtOrBelowEveryFeasibleBaseline() throws {
    for s in [scenario, ScenarioGenerator(nodes: 8, epochs: 10, levels: 4).make(seed: 3)] {
      let c = Comparison.run(s, options: .init(exact: .never))
      #expect(c.rows.map(\.method) == ["pact"] + Baselines.all().map(\.name))
      let pact = try #require(c.row("pact"))
      if pact.isFeasible {
        #expect(c.baselinesBeatingPACT.isEmpty, "\(s.name)")
      }
    }
  }

  @Test func comparisonReportsTheGapWhenTheOptimumIsKnown() throws {
    let c = Comparison.run(scenario, options: .init(exact: .always))
    let optimum = try #require(c.optimumJoules)
    let pact = try #require(c.row("pact"))
    let gap = try #require(pact.gap)
    #expect(gap >= -1e-9)
    #expect(abs(gap - ((pact.joules ?? 0) - optimum) / optimum) < 1e-12)
  }

  @Test func knobSweepRejectsUnknownKnobsAndBadValues() {
    #expect(throws: KnobSweep.SweepError.self) { try KnobSweep.run(scenario, knob: "nope", values: [1]) }
    #expect(throws: KnobSweep.SweepError.self) { try KnobSweep.run(scenario, knob: "lossBins", values: [1]) }
  }

  @Test func knobSweepMeasuresEveryValue() throws {
    let sweep = try KnobSweep.run(scenario, knob: "lossBins", values: [4, 16, 64], repeats: 1)
    #expect(sweep.points.map(\.value) == [4, 16, 64])
    for p in sweep.points where p.isFeasible {
      #expect(p.vertices > 0)
      #expect((p.gap ?? -1) >= -1e-9)
    }
  }
}
