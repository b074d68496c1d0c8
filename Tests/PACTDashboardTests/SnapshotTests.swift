import Testing

@testable import PACTCore
@testable import PACTDashboard

@Suite struct SnapshotTests {
  /// Renders one panel alone into a buffer of `width`×`height`.
  func render(_ panel: Panel, _ width: Int, _ height: Int) -> Buffer {
    let state = Fixtures.solvedState(focus: panel)
    var buffer = Buffer(width: width, height: height)
    DashboardView(state: state).panelView(panel).draw(into: buffer.area, buffer: &buffer, theme: state.theme)
    return buffer
  }

  @Test(arguments: Panel.allCases)
  func panelAtTwoSizes(_ panel: Panel) {
    let layout = DashboardLayout(width: 120, height: 40, focus: panel)
    let rect = layout.panels[panel] ?? Rect(x: 0, y: 0, width: 60, height: 14)
    expectSnapshot(render(panel, rect.width, rect.height), "\(panel)-large")
    expectSnapshot(render(panel, 60, 18), "\(panel)-small")
  }

  @Test func wholeScreen() {
    expectSnapshot(DashboardView.render(Fixtures.solvedState()), "screen-120x40", styles: true)
    expectSnapshot(
      DashboardView.render(Fixtures.solvedState(width: 80, height: 24, focus: .plan)), "screen-80x24-plan", styles: true
    )
  }

  @Test func helpOverlayAndTooSmall() {
    var state = Fixtures.solvedState()
    state.showHelp = true
    expectSnapshot(DashboardView.render(state), "help-120x40")
    expectSnapshot(DashboardView.render(Fixtures.solvedState(width: 50, height: 12)), "too-small-50x12")
    var small = Fixtures.solvedState(width: 60, height: 20)
    _ = small.handle(.char("?"))
    for _ in 0..<5 { _ = small.handle(.char("j")) }
    #expect(small.showHelp)
    expectSnapshot(DashboardView.render(small), "help-60x20-scrolled")
    _ = small.handle(.char("x"))
    #expect(!small.showHelp)
  }

  /// Focus and selection are style only: the style layer sees them, and a monochrome
  /// theme still marks focus by modifiers.
  @Test func focusAndSelectionAreInTheStyleLayer() throws {
    var state = Fixtures.solvedState(focus: .settings)
    expectSnapshot(DashboardView.render(state), "screen-120x40-settings", styles: true)
    let nodesFocused = styleLayer(DashboardView.render(Fixtures.solvedState(focus: .nodes)))
    #expect(styleLayer(DashboardView.render(state)) != nodesFocused)
    _ = state.handle(.char("j"))
    #expect(
      styleLayer(DashboardView.render(state))
        != styleLayer(DashboardView.render(Fixtures.solvedState(focus: .settings))))
    let (mono, issues) = try ThemeCatalog().open("monochrome")
    state.setTheme(mono, issues: issues)
    state.message = nil
    expectSnapshot(DashboardView.render(state), "screen-120x40-monochrome", styles: true)
  }

  @Test func everySizeDownToOneCellRendersWithoutCrashing() {
    let base = Fixtures.solvedState()
    for (w, h) in [(0, 0), (1, 1), (10, 3), (59, 19), (60, 20), (61, 21), (99, 31), (100, 32), (133, 47), (250, 80)] {
      for panel in Panel.allCases {
        var state = base
        state.focus = panel
        state.size = (w, h)
        state.showHelp = panel == .plan
        let buffer = DashboardView.render(state)
        #expect(buffer.area.width == w && buffer.area.height == h)
      }
    }
  }

  @Test func infeasiblePlanShowsWhy() {
    var state = Fixtures.solvedState(focus: .plan)
    var s = state.scenario
    s.training.deadlineSeconds = 10
    _ = state.apply(s, "deadline")
    let result = SolveResult(
      status: .infeasible, evaluation: nil,
      infeasibility: [
        .targetAndDeadlineConflict(
          target: 0.6, deadline: 10, relaxedSeconds: 51.9, relaxedEpochs: 10, relaxedJoules: 880)
      ])
    state.receive(SolveOutcome(generation: state.generation, scenario: s, result: result))
    state.message = nil
    expectSnapshot(DashboardView.render(state), "screen-120x40-infeasible")
  }

  /// While a solve runs, a coarse pass's plan is a draft being refined; the last pass's
  /// (reported before the forward proof after it) is the final plan, its bound still
  /// being proven — the plan line and the header say which.
  @Test func theLastPassesPlanIsShownAsFinalWhileItsBoundIsProven() {
    var state = Fixtures.solvedState(focus: .plan)
    var s = state.scenario
    s.training.deadlineSeconds *= 0.99
    _ = state.apply(s, "deadline")
    let solved = PACTSolver(scenario: s).solve()
    #expect(solved.evaluation?.isFeasible == true)
    func report(_ lossBins: Int, _ timeBins: Int, _ bucketStates: Int) -> SolveOutcome {
      var result = solved
      result.statistics.passes = [
        .init(
          lossBins: lossBins, timeBins: timeBins, bucketStates: bucketStates, vertices: 10, edgesRelaxed: 100,
          layers: 3,
          seconds: 0.01)
      ]
      result.statistics.lowerBoundJoules = (result.evaluation?.totalJoules ?? 0) * 0.97
      return SolveOutcome(generation: state.generation, scenario: s, result: result, isDraft: true)
    }
    let k = s.solver
    _ = state.receive(report(max(2, k.lossBins / 4), max(1, k.timeBins / 2), 1))
    let coarse = DashboardView.render(state).text
    #expect(coarse.contains("refining…"))
    #expect(coarse.contains("draft within"))
    #expect(!coarse.contains("proving"))
    _ = state.receive(report(k.lossBins, k.timeBins, k.bucketStates))
    let last = DashboardView.render(state).text
    #expect(last.contains("plan final, proving its bound…"))
    #expect(last.contains("so far within 3.09 % of the optimum, proven"))
    #expect(last.contains("proving…"))
    #expect(!last.contains("refining…"))
  }

  @Test func realSolverGraphRendersItsPath() throws {
    let state = Fixtures.solvedState(focus: .graph, realSolver: true)
    let graph = try #require(state.outcome?.graph)
    #expect(graph.vertexCount > 0)
    #expect(graph.chosenPath.count == (Fixtures.pactResult.evaluation?.epochs.count ?? -1) + 1)
    let text = DashboardView.render(state).text
    #expect(text.contains("\(graph.vertexCount) vertices"))
    #expect(text.filter { $0 == "●" }.count >= 2)
    #expect(text.contains("(path)"))
  }

  @Test func smallScreenSaysSo() {
    let text = DashboardView.render(Fixtures.solvedState(width: 59, height: 30)).text
    #expect(text.contains("terminal too small"))
    #expect(text.contains("need 60×20, have 59×30"))
    #expect(!DashboardView.render(Fixtures.solvedState(width: 60, height: 20)).text.contains("too small"))
  }
}
