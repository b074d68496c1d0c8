import PACTCore
import Testing

@testable import PACTDashboard

/// The full views (trade-off, knob, compare, layer) at two sizes, fed with results
/// computed here with solve times fixed, so renders are deterministic.
@Suite struct ViewSnapshotTests {
  static let sizes: [(Int, Int)] = [(120, 40), (80, 24)]

  /// The default scenario's exact optimum, with its solve time fixed.
  static let exactResult: SolveResult = {
    var r = ExactSolver(scenario: Fixtures.scenario).solve()
    r.solveSeconds = 0.456
    return r
  }()

  static func stateWithExact(width: Int, height: Int) -> AppState {
    var state = Fixtures.solvedState(width: width, height: height, focus: .settings)
    _ = state.handle(.char("x"))
    _ = state.receiveExact(
      SolveOutcome(generation: state.generation, scenario: state.scenario, result: exactResult))
    state.message = nil
    return state
  }

  @Test func tradeoffView() {
    let frontier = Frontier.compute(Fixtures.scenario, vary: .deadline, options: .init(points: 12))
    for (w, h) in Self.sizes {
      var state = Fixtures.solvedState(width: w, height: h)
      _ = state.handle(.char("f"))
      #expect(state.view == .tradeoff)
      let took = state.receiveFrontier(generation: state.generation, frontier)
      #expect(took)
      state.message = nil
      expectSnapshot(DashboardView.render(state), "view-tradeoff-\(w)x\(h)")
    }
  }

  @Test func knobView() throws {
    let knob = KnobName.lossBins
    let values = [2, 8, 64, 1024]
    let sweep = try KnobSweep.run(Fixtures.scenario, knob: "lossBins", values: values, exact: false, repeats: 1)
    for (w, h) in Self.sizes {
      var state = Self.stateWithExact(width: w, height: h)
      _ = state.handle(.char("s"))
      #expect(state.view == .knobs)
      state.knobs = KnobState(knob: knob)
      for (i, var p) in sweep.points.enumerated() {
        p.solveSeconds = 0.001 * Double(1 << i)
        p.runSeconds = [p.solveSeconds]
        let took = state.receiveSweepPoint(generation: state.generation, knob: knob, p, total: values.count)
        #expect(took)
      }
      state.message = nil
      expectSnapshot(DashboardView.render(state), "view-knobs-\(w)x\(h)")
    }
  }

  @Test func compareView() {
    let baselines = Baselines.all().map { policy in
      var r = policy.run(on: Fixtures.scenario)
      r.solveSeconds = 0.002
      return r
    }
    for (w, h) in Self.sizes {
      var state = Self.stateWithExact(width: w, height: h)
      _ = state.handle(.char("c"))
      #expect(state.view == .compare)
      let took = state.receiveBaselines(generation: state.generation, baselines)
      #expect(took)
      #expect(state.compareRows.map(\.method).prefix(2) == ["pact", "exact"])
      #expect(state.compareRows.count == 2 + baselines.count)
      state.message = nil
      expectSnapshot(DashboardView.render(state), "view-compare-\(w)x\(h)")
    }
  }

  @Test func layerViewFollowsTheLossBuckets() throws {
    for (w, h) in Self.sizes {
      var state = Fixtures.solvedState(width: w, height: h, focus: .graph, realSolver: true)
      _ = state.handle(.right)
      _ = state.handle(.right)
      _ = state.handle(.enter)
      #expect(state.view == .layer)
      state.message = nil
      let text = DashboardView.render(state).text
      #expect(text.contains("kept ●"))
      expectSnapshot(DashboardView.render(state), "view-layer-\(w)x\(h)")
    }
  }

  @Test func compareViewShowsWhatCertaintyCosts() {
    var state = Fixtures.solvedState()
    var s = state.scenario
    s.loss.band = PredictionBand(low: [-0.1, -0.2], median: [0, 0], high: [0.1, 0.2])
    _ = state.apply(s, "band")
    _ = state.handle(.char("c"))
    #expect(DashboardView.render(state).text.contains("with confidence): computing…"))
    let points = [
      CertaintyPoint(confidence: 0.5, joules: 900), CertaintyPoint(confidence: 0.8, joules: 950),
      CertaintyPoint(confidence: 0.9, joules: nil),
    ]
    let stale = state.receiveCertainty(generation: state.generation - 1, points)
    let fresh = state.receiveCertainty(generation: state.generation, points)
    #expect(!stale && fresh)
    let text = DashboardView.render(state).text
    #expect(text.contains("50 %: 900 J · 80 %: 950 J · 90 %: no plan"))
  }

  @Test func lossChartAgainstEpochsOrTime() {
    var state = Fixtures.solvedState(focus: .loss)
    #expect(DashboardView.render(state).text.contains("Loss vs time"))
    _ = state.handle(.enter)
    #expect(state.lossAgainstEpochs)
    let text = DashboardView.render(state).text
    #expect(text.contains("Loss vs epoch") && text.contains("Enter: against time"))
    _ = state.handle(.char("a"))
    #expect(DashboardView.render(state).text.contains("Loss vs time"))
  }
}
