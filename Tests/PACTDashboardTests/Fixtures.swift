import PACTCore
import PACTDashboard

/// Shared inputs: the built-in scenario solved once by PACT and by the exact solver,
/// with solve times fixed so renders are deterministic.
enum Fixtures {
  static let scenario = DefaultScenario.load()

  /// PACT's result with its graph (snapshots that show the graph change when the solver does).
  static let pactResult: SolveResult = {
    var r = PACTSolver(scenario: scenario).solve()
    r.solveSeconds = 0.0123
    return r
  }()

  /// A fixed plan on the default scenario (gpu1 ×6, tab1+jet1 ×2, edge1, jet1), evaluated
  /// exactly: panels other than the graph are snapshot on it, independent of the solver.
  static let fixedResult: SolveResult = {
    let ids: [[String]] = [["gpu1"], ["gpu1"], ["gpu1"], ["gpu1"], ["gpu1"], ["gpu1"], ["tab1", "jet1"], ["tab1", "jet1"], ["edge1"], ["jet1"]]
    let levels = [0, 2, 2, 2, 2, 2, 2, 2, 2, 2]
    let plan = Plan(
      epochs: zip(ids, levels).map { set, level in
        EpochDecision(nodes: set.compactMap { scenario.nodeIndex(id: $0) }, level: level)
      })
    return SolveResult(status: .solved, evaluation: PlanEvaluator(scenario: scenario).evaluate(plan), solveSeconds: 0.0123)
  }()

  /// A state with the default scenario solved (generation 1), at `width`×`height`.
  static func solvedState(width: Int = 120, height: Int = 40, focus: Panel = .nodes, graph: Bool = false) -> AppState {
    var state = AppState(scenario: scenario, themeNames: ["default", "light", "high-contrast", "monochrome"])
    _ = state.start()
    state.receive(SolveOutcome(generation: state.generation, scenario: scenario, result: graph ? pactResult : fixedResult))
    state.size = (width, height)
    state.focus = focus
    state.message = nil
    return state
  }

  /// A solver that returns at once with PlanEvaluator figures of a fixed one-node plan.
  static func fakeResult(_ s: Scenario) -> SolveResult {
    let level = s.firstDeployableLevel ?? 0
    let plan = Plan(epochs: (0..<min(3, s.training.epochs)).map { _ in EpochDecision(nodes: [0], level: level) })
    return SolveResult(status: .solved, evaluation: PlanEvaluator(scenario: s).evaluate(plan))
  }
}
