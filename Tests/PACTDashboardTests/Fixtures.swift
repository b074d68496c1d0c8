import Foundation
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
    let ids: [[String]] = [
      ["gpu1"], ["gpu1"], ["gpu1"], ["gpu1"], ["gpu1"], ["gpu1"], ["tab1", "jet1"], ["tab1", "jet1"], ["edge1"],
      ["jet1"],
    ]
    let levels = [0, 2, 2, 2, 2, 2, 2, 2, 2, 2]
    let plan = Plan(
      epochs: zip(ids, levels).map { set, level in
        EpochDecision(nodes: set.compactMap { scenario.nodeIndex(id: $0) }, level: level)
      })
    return SolveResult(
      status: .solved, evaluation: PlanEvaluator(scenario: scenario).evaluate(plan), solveSeconds: 0.0123)
  }()

  /// A hand-made graph around the fixed plan: its path is vertex 0 of each layer, with
  /// deterministic other vertices, so the graph panel's snapshots do not depend on the solver.
  static let fixedGraph: GraphModel = {
    guard let eval = fixedResult.evaluation else {
      return GraphModel(layers: [], decisions: [], chosenPath: [], lossBins: 64, levelCount: 6)
    }
    let bins = 64
    func bucket(_ loss: Double) -> Int { max(0, min(bins - 1, Int(loss / 2.4 * Double(bins - 1)))) }
    let sizes = [1, 8, 20, 30, 36, 40, 40, 36, 30, 20, 4]
    var layers: [[GraphModel.Vertex]] = [
      [GraphModel.Vertex(level: 0, lossBucket: bucket(2.3), loss: 2.3, seconds: 0, joules: 0, parent: -1, decision: -1)]
    ]
    var decisions: [[GraphModel.Decision]] = [[]]
    var seconds = 0.0
    var joules = 0.0
    for (k, e) in eval.epochs.enumerated() {
      let epoch = k + 1
      seconds += e.seconds
      joules += e.joules
      decisions.append([
        GraphModel.Decision(nodes: e.nodes, level: e.level, seconds: e.seconds, joules: e.joules),
        GraphModel.Decision(nodes: [4], level: 5, seconds: 3.71, joules: 17.4),
        GraphModel.Decision(nodes: [7], level: 2, seconds: 3.0, joules: 85.5),
        GraphModel.Decision(nodes: [3, 4], level: 3, seconds: 10.1, joules: 55.0),
      ])
      var layer = [
        GraphModel.Vertex(
          level: e.level, lossBucket: bucket(e.loss), loss: e.loss, seconds: seconds, joules: joules, parent: 0,
          decision: 0)
      ]
      for i in 1..<sizes[epoch] {
        let loss = e.loss * (1 + 0.015 * Double(i))
        layer.append(
          GraphModel.Vertex(
            level: (i * 7 + epoch) % 6, lossBucket: (bucket(loss) + i * 5) % bins, loss: loss,
            seconds: seconds + Double(i),
            joules: joules + 10 * Double(i), parent: i % layers[k].count, decision: 1 + i % 3))
      }
      layers.append(layer)
    }
    return GraphModel(
      layers: layers, decisions: decisions, chosenPath: Array(repeating: 0, count: layers.count), lossBins: bins,
      levelCount: 6)
  }()

  /// A state with the default scenario solved (generation 1), at `width`×`height`.
  /// `graph`: the fixed hand-made graph (default) or PACT's real result with its graph.
  static func solvedState(width: Int = 120, height: Int = 40, focus: Panel = .nodes, realSolver: Bool = false)
    -> AppState
  {
    var state = AppState(scenario: scenario, themeNames: ["default", "light", "high-contrast", "monochrome"])
    state.fileExists = { FileManager.default.fileExists(atPath: $0) }
    _ = state.start()
    state.receive(
      realSolver
        ? SolveOutcome(generation: state.generation, scenario: scenario, result: pactResult)
        : SolveOutcome(generation: state.generation, scenario: scenario, result: fixedResult, graph: fixedGraph))
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
