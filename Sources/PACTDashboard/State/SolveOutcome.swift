import PACTCore

/// A solver result with what the views need precomputed off the input thread.
public struct SolveOutcome: Sendable {
  /// The edit generation the solve belongs to; results of older generations are dropped.
  public var generation: Int
  /// The scenario that was solved.
  public var scenario: Scenario
  public var result: SolveResult
  /// What the graph panel shows of the solver's graph (nil when the solver made none).
  public var graph: GraphModel?
  /// Node indices used by any epoch of the plan.
  public var usedNodes: Set<Int>
  /// A quick first plan with coarse knobs, shown while the full solve runs.
  public var isDraft: Bool

  /// - Parameter graph: the graph to show; by default the one in `result`.
  public init(generation: Int, scenario: Scenario, result: SolveResult, isDraft: Bool = false, graph: GraphModel? = nil)
  {
    self.generation = generation
    self.isDraft = isDraft
    self.scenario = scenario
    self.result = result
    self.graph = graph ?? result.graph.map(GraphModel.init)
    usedNodes = Set(result.evaluation?.epochs.flatMap(\.nodes) ?? [])
  }

  /// Whether the result carries a plan to show.
  public var hasPlan: Bool { result.evaluation != nil }
}

/// What changed between two successive plans, shown after an edit.
public struct PlanChange: Equatable, Sendable {
  /// New total joules minus old (nil when either has no plan).
  public var joulesDelta: Double?
  public var gained: [String]
  public var lost: [String]
  public var epochsDelta: Int?
  /// Why the plan changed, in one line (PACTCore's counterfactuals); nil when both plans
  /// are not feasible or nothing changed.
  public var explanation: PlanChangeExplanation?

  /// Compares plans by node id, so edits that add or remove nodes compare sensibly.
  public init(from old: SolveOutcome, to new: SolveOutcome) {
    if let a = old.result.evaluation, let b = new.result.evaluation, a.isFeasible || b.isFeasible {
      joulesDelta = b.totalJoules - a.totalJoules
      epochsDelta = b.epochs.count - a.epochs.count
    } else {
      joulesDelta = nil
      epochsDelta = nil
    }
    let oldIDs = Set(
      old.usedNodes.compactMap { old.scenario.nodes.indices.contains($0) ? old.scenario.nodes[$0].id : nil })
    let newIDs = Set(
      new.usedNodes.compactMap { new.scenario.nodes.indices.contains($0) ? new.scenario.nodes[$0].id : nil })
    gained = newIDs.subtracting(oldIDs).sorted()
    lost = oldIDs.subtracting(newIDs).sorted()
    if let a = old.result.evaluation, let b = new.result.evaluation {
      explanation = PlanChangeExplanation(from: a, in: old.scenario, to: b, in: new.scenario)
    }
  }
}
