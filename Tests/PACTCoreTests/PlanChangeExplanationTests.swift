import Foundation
import Testing

@testable import PACTCore

/// Issue 20: after an edit, one line says what changed in the plan and the term behind it.
@Suite struct PlanChangeExplanationTests {
  static func solve(_ s: Scenario) throws -> PlanEvaluation {
    try #require(PACTSolver(scenario: s).solve().evaluation)
  }

  /// A node the plan leans on learns only one class: its sets' label skew rises, the old
  /// plan no longer reaches the target, and the line says so with the numbers.
  @Test func aSkewedNodeIsExplainedByTheLabelSkew() throws {
    let s0 = try Scenario.parse(SampleFixtures.bytes("hospital-consortium.json")).scenario
    let e0 = try Self.solve(s0)
    let counts = Dictionary(e0.epochs.flatMap(\.nodes).map { ($0, 1) }, uniquingKeysWith: +)
    let busiest = try #require(counts.max { $0.value < $1.value }?.key)
    var s1 = s0
    let classes = try #require(s0.nodes[busiest].labelHistogram).count
    s1.nodes[busiest].labelHistogram = [1] + Array(repeating: 0, count: classes - 1)
    let e1 = try Self.solve(s1)
    let why = try #require(PlanChangeExplanation(from: e0, in: s0, to: e1, in: s1))
    print(why.summary)
    #expect(why.term == .labelSkew)
    #expect(why.because?.contains("δ") == true)
  }

  @Test func aTighterDeadlineNamesTime() throws {
    let s0 = try Scenario.parse(SampleFixtures.bytes("hospital-consortium.json")).scenario
    let e0 = try Self.solve(s0)
    let s1 = GoalParameter.deadline.applying(e0.totalSeconds * 0.8, to: s0)
    let e1 = try Self.solve(s1)
    let why = try #require(PlanChangeExplanation(from: e0, in: s0, to: e1, in: s1))
    print(why.summary)
    #expect(why.term == .time)
    #expect(why.because?.contains("past the deadline") == true)
    #expect(!why.changes.isEmpty)
    #expect(why.relativeEnergy > 0)
  }

  @Test func aNodeMadeUnavailableNamesAvailability() throws {
    let s0 = try Scenario.parse(SampleFixtures.bytes("hospital-consortium.json")).scenario
    let e0 = try Self.solve(s0)
    let counts = Dictionary(e0.epochs.flatMap(\.nodes).map { ($0, 1) }, uniquingKeysWith: +)
    let busiest = try #require(counts.max { $0.value < $1.value }?.key)
    // Available only at the last epoch, which the plan does not reach.
    var s1 = s0
    let last = s0.training.epochs
    #expect(e0.epochs.count < last)
    s1.nodes[busiest].availableEpochs = [EpochWindow(last, last)]
    let e1 = try Self.solve(s1)
    let why = try #require(PlanChangeExplanation(from: e0, in: s0, to: e1, in: s1))
    print(why.summary)
    #expect(why.term == .availability)
    #expect(why.because?.contains("\(s0.nodes[busiest].id) is no longer available") == true)
  }

  @Test func cheaperEnergyNamesEnergyAndTheSamePlanIsSaidSo() throws {
    let s0 = try Scenario.parse(SampleFixtures.bytes("hospital-consortium.json")).scenario
    let e0 = try Self.solve(s0)
    var s1 = s0
    for i in s1.nodes.indices { s1.nodes[i].watts *= 0.5 }
    let e1 = try Self.solve(s1)
    let why = try #require(PlanChangeExplanation(from: e0, in: s0, to: e1, in: s1))
    print(why.summary)
    #expect(why.relativeEnergy < 0)
    #expect(why.term == .energy || why.term == .solver)
    // No change at all: nothing to explain.
    #expect(PlanChangeExplanation(from: e0, in: s0, to: e0, in: s0) == nil)
  }
}
