import Foundation
import Testing

@testable import PACTCore

/// The frontier against the exact optimum at every value, on small generated scenarios.
@Suite struct FrontierTests {
  static func check(_ parameter: GoalParameter, seeds: ClosedRange<UInt64>) throws -> (points: Int, worst: Double) {
    var points = 0
    var worst = 0.0
    for seed in seeds {
      let scenario = ScenarioGenerator(nodes: 5, epochs: 8, levels: 3).make(seed: seed)
      let frontier = Frontier.compute(scenario, vary: parameter, options: .init(points: 8, exact: true))
      #expect(frontier.points.contains { abs($0.value - frontier.scenarioValue) < 1e-9 }, "the scenario's value")
      var previous: Double? = nil
      for point in frontier.points {
        let at = parameter.applying(point.value, to: scenario)
        let optimum = ExactSolver(scenario: at).solve()
        if optimum.status == .solved, let x = optimum.joules {
          let e = try #require(point.evaluation, "seed \(seed) \(parameter) \(point.value): PACT has no plan")
          #expect(e.isFeasible, "seed \(seed) \(parameter) \(point.value)")
          // The plan is feasible under an independent evaluation at this value.
          #expect(PlanEvaluator(scenario: at).evaluate(e.plan).isFeasible)
          worst = max(worst, e.totalJoules / x - 1)
          points += 1
          #expect(abs((point.exactJoules ?? -1) - x) <= 1e-9 * x, "the frontier's exact figure is the optimum")
        } else if optimum.status == .infeasible {
          #expect(!point.isFeasible, "seed \(seed) \(parameter) \(point.value): infeasible for the optimum")
        }
        // Energy never rises as the goal loosens (values ascend: looser last).
        if let j = point.joules {
          if let p = previous { #expect(j <= p * (1 + 1e-12), "seed \(seed) \(parameter) at \(point.value)") }
          previous = j
        }
      }
    }
    return (points, worst)
  }

  @Test func deadlineFrontierMatchesTheOptimumAtEveryValue() throws {
    let (points, worst) = try Self.check(.deadline, seeds: 1...8)
    #expect(points >= 20)
    #expect(worst <= 0.01, "worst gap \(worst * 100) %")
  }

  /// At the scenario's own deadline the frontier shows what `pact solve` gives (the
  /// shared search alone was 0.7 % above it on this sample).
  @Test func deadlineFrontierAgreesWithASolveAtTheScenariosOwnValue() throws {
    let s = try Scenario.parse(SampleFixtures.bytes("smart-factory-night.json")).scenario
    let frontier = Frontier.compute(s, vary: .deadline, options: .init(points: 5))
    let own = try #require(frontier.points.first { abs($0.value - s.training.deadlineSeconds) < 1e-9 })
    let direct = try #require(PACTSolver(scenario: s).solve().evaluation)
    let shown = try #require(own.joules)
    #expect(shown <= direct.totalJoules * (1 + 1e-9), "frontier \(shown) J, solve \(direct.totalJoules) J")
  }

  /// The breakpoints do not depend on how many points the frontier samples, nor on the
  /// range asked for (those inside it), nor on the scenario's own value (after adopting
  /// another one); each is a point of the frontier, listed with its jump in energy.
  @Test func deadlineBreakpointsDoNotDependOnTheSampling() throws {
    let s = try Scenario.parse(SampleFixtures.bytes("hospital-consortium.json")).scenario
    func located(_ f: Frontier) -> [String] {
      f.breakpoints.map { "\(GoalParameter.deadline.format($0.value)) \($0.change)" }
    }
    let full = Frontier.compute(s, vary: .deadline, options: .init(points: 20))
    #expect(full.breakpoints.count >= 3, "\(located(full))")
    for b in full.breakpoints {
      #expect(full.points.contains { $0.value == b.value && $0.isFeasible })
      #expect(full.points.contains { $0.value == b.tighter && $0.isFeasible })
      #expect(b.value - b.tighter <= Frontier.breakpointTolerance * b.value * 1.000_001)
      #expect(b.change.contains("% energy)"))
    }
    for points in [7, 40] {
      let other = Frontier.compute(s, vary: .deadline, options: .init(points: points))
      #expect(located(other) == located(full), "\(points) points")
    }
    // A range inside: exactly the breakpoints of the full frontier inside it.
    let lo = 90.0
    let hi = 120.0
    let part = Frontier.compute(s, vary: .deadline, options: .init(points: 5, from: lo, to: hi))
    let inside = full.breakpoints.filter { $0.tighter >= lo && $0.value <= hi }
    #expect(part.breakpoints.map(\.change) == inside.map(\.change))
    #expect(!inside.isEmpty)
    // Another deadline adopted: the breakpoints are where they were.
    let adopted = GoalParameter.deadline.applying(143, to: s)
    #expect(located(Frontier.compute(adopted, vary: .deadline, options: .init(points: 20))) == located(full))
  }

  @Test func targetFrontierMatchesTheOptimumAtEveryValue() throws {
    let (points, worst) = try Self.check(.target, seeds: 1...8)
    #expect(points >= 20)
    #expect(worst <= 0.01, "worst gap \(worst * 100) %")
  }

  @Test func deployAndEpochFrontiersAreMonotoneWithBreakpointsInWords() throws {
    let scenario = ScenarioGenerator(nodes: 6, epochs: 10, levels: 4).make(seed: 3)
    for parameter in [GoalParameter.deploy, .epochs] {
      let f = Frontier.compute(scenario, vary: parameter, options: .init(points: 10))
      #expect(f.points.contains { $0.isFeasible })
      let energies = f.points.compactMap(\.joules)
      for (a, b) in zip(energies, energies.dropFirst()) { #expect(b <= a * (1 + 1e-12), "\(parameter): \(energies)") }
      for b in f.breakpoints {
        #expect(
          b.change.contains(parameter.format(b.value)) || b.change.contains(parameter.format(b.tighter)), "\(b.change)")
        #expect(f.points.contains { $0.value == b.value }, "a breakpoint is a point of the frontier")
        #expect(
          b.change.contains("join") || b.change.contains("leave") || b.change.contains("prun")
            || b.change.contains("epoch") || b.change.contains("level"))
      }
    }
    // Deploy values are the model's levels.
    let deploy = Frontier.compute(scenario, vary: .deploy)
    #expect(deploy.points.map(\.value) == scenario.model.pruningLevels.sorted())
  }

  @Test func aPlanShapeChangeIsDescribed() {
    let scenario = ScenarioGenerator(nodes: 4, epochs: 6, levels: 3).make(seed: 2)
    let evaluator = PlanEvaluator(scenario: scenario)
    let a = evaluator.evaluate(
      Plan(epochs: [EpochDecision(nodes: [0], level: 0), EpochDecision(nodes: [0], level: 1)]))
    let b = evaluator.evaluate(
      Plan(epochs: [
        EpochDecision(nodes: [0, 1], level: 1), EpochDecision(nodes: [1], level: 2),
        EpochDecision(nodes: [1], level: 2),
      ]))
    let change = PlanShape(a, scenario: scenario).change(to: PlanShape(b, scenario: scenario))
    #expect(change == ["n1 joins", "pruning moves from epoch 2 to 1", "final level 1 → 2", "1 epoch more (3)"])
  }
}
