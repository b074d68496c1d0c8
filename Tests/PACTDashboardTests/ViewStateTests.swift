import Testing

@testable import PACTCore
@testable import PACTDashboard

/// Each full view's own state and keys, without the rest of the dashboard.
@Suite struct ViewStateTests {
  static func frontier(_ parameter: GoalParameter = .deadline) -> Frontier {
    Frontier.compute(Fixtures.scenario, vary: parameter, options: .init(points: 6))
  }

  @Test func tradeoffCursorStaysOnTheFrontierAndEnterAdoptsItsValue() throws {
    var t = TradeoffState()
    let r1 = t.handle(.edit)
    #expect(r1 == .none, "nothing to adopt before a frontier")
    t.restart(computing: 3)
    #expect(t.running == 3)
    let f = Self.frontier()
    let r2 = t.receive(generation: 3, f)
    #expect(r2)
    #expect(t.running == nil)
    let own = try #require(
      f.points.indices.min { abs(f.points[$0].value - f.scenarioValue) < abs(f.points[$1].value - f.scenarioValue) })
    #expect(t.cursor == own, "the cursor starts on the scenario's own value")
    _ = t.handle(.last)
    _ = t.handle(.right)
    #expect(t.cursor == f.points.count - 1)
    _ = t.handle(.first)
    _ = t.handle(.left)
    #expect(t.cursor == 0)
    let r3 = t.handle(.edit)
    #expect(r3 == .adopt(.deadline, f.points[0].value))
  }

  @Test func tradeoffRefusesAFrontierOfAnotherGoal() {
    var t = TradeoffState()
    t.nextGoal()
    #expect(t.parameter == .target)
    let taken = t.receive(generation: 1, Self.frontier(.deadline))
    #expect(!taken)
    #expect(t.frontier == nil)
  }

  @Test func knobStateCyclesKnobsAndAdoptsTheSelectedValue() {
    var k = KnobState(knob: .lossBins)
    let r4 = k.handle(.right)
    #expect(r4 == .sweepAgain)
    #expect(k.knob == SolverKnobs.table[1].id)
    let r5 = k.handle(.left)
    #expect(r5 == .sweepAgain)
    let r6 = k.handle(.left)
    #expect(r6 == .sweepAgain)
    #expect(k.knob == SolverKnobs.table.last?.id, "cycling wraps")
    k = KnobState(knob: .timeBins)
    let points = [8, 64, 128].map {
      KnobSweep.Point(
        value: $0, joules: 1, isFeasible: true, gap: 0, vertices: 10, solveSeconds: 0, runSeconds: [], status: "solved",
        planFrom: $0, evaluation: nil)
    }
    let other = k.receive(generation: 1, knob: .lossBins, points[0], total: 3, current: 128)
    #expect(!other, "another knob's point")
    for p in points {
      let r7 = k.receive(generation: 1, knob: .timeBins, p, total: 3, current: 128)
      #expect(r7)
    }
    #expect(k.sweep?.isDone == true)
    #expect(k.row == 2, "the row starts on the scenario's own value")
    _ = k.handle(.down)
    #expect(k.row == 2)
    _ = k.handle(.up)
    let r8 = k.handle(.edit)
    #expect(r8 == .adopt(.timeBins, 64))
  }

  @Test func compareAndLayerRowsStayInRange() {
    var c = CompareState()
    c.handle(.up, rows: 3)
    #expect(c.row == 0)
    for _ in 0..<5 { c.handle(.down, rows: 3) }
    #expect(c.row == 2)
    var l = LayerState()
    for _ in 0..<9 {
      let r9 = l.handle(.down, levels: 4)
      #expect(r9 == .fitAxes)
    }
    #expect(l.level == 3)
    let r10 = l.handle(.left, levels: 4)
    #expect(r10 == .moveLayer(-1))
    let r11 = l.handle(.right, levels: 4)
    #expect(r11 == .moveLayer(1))
  }
}

/// Issue 20: the layer view keeps its axes when a knob changes the grid (so two grids can
/// be compared), `a` fits them anew, and another layer fits them too.
@Suite struct LayerAxesTests {
  @Test func axesStayAcrossAKnobChangeAndAFitsThem() throws {
    var state = Fixtures.solvedState(focus: .graph, realSolver: true)
    _ = state.handle(.right)
    _ = state.handle(.right)
    _ = state.handle(.enter)
    #expect(state.view == .layer)
    let layer = state.graphLayer
    let before = try #require(state.layer.kept(layer: layer))
    // + steps lossBins (the knob view's choice at first): a new scenario to solve.
    let effects = state.handle(.char("+"))
    #expect(!effects.isEmpty)
    #expect(state.scenario.solver.lossBins != Fixtures.scenario.solver.lossBins)
    let solved = PACTSolver(scenario: state.scenario).solve()
    _ = state.receive(SolveOutcome(generation: state.generation, scenario: state.scenario, result: solved))
    #expect(state.view == .layer)
    #expect(state.layer.kept(layer: layer) == before, "the axes are kept across the knob change")
    let text = DashboardView.render(state).text
    #expect(text.contains("lossBins \(state.scenario.solver.lossBins)"), "\(text)")
    // a: fitted to the new grid's states.
    _ = state.handle(.char("a"))
    let graph = try #require(solved.graph)
    let fitted = LayerInspection(
      scenario: state.scenario, graph: graph, layer: layer, level: state.layer.level
    ).fittedAxes
    #expect(state.layer.kept(layer: layer) == fitted)
    // Another layer: fitted to it.
    _ = state.handle(.right)
    #expect(state.layer.kept(layer: state.graphLayer) != nil)
    #expect(state.layer.kept(layer: layer) == nil || state.graphLayer == layer)
  }
}

/// Issue 20: P pins the plan; after an edit the views draw it beside the live one and say
/// the difference in words; P again unpins.
@Suite struct PinTests {
  @Test func pinnedPlanIsDrawnBesideTheLiveOneWithTheDifference() throws {
    var state = Fixtures.solvedState(realSolver: true)
    _ = state.handle(.char("P"))
    let pinned = try #require(state.pinned)
    #expect(pinned.evaluation == state.outcome?.result.evaluation)
    // A tighter deadline, solved.
    let tighter = GoalParameter.deadline.applying(state.scenario.training.deadlineSeconds * 0.8, to: state.scenario)
    _ = state.apply(tighter, "deadline")
    _ = state.receive(
      SolveOutcome(
        generation: state.generation, scenario: state.scenario, result: PACTSolver(scenario: tighter).solve()))
    let text = DashboardView.render(state).text
    #expect(text.contains("vs pinned: deadline"), "\(text)")
    #expect(text.contains("━ pinned"), "the loss chart's legend: \(text)")
    // The compare view lists it.
    #expect(state.compareRows.map(\.method).contains("pinned"))
    // The trade-off view: P there adds its frontier to the pin; % turns the axis relative.
    _ = state.handle(.char("f"))
    let f = Frontier.compute(state.scenario, vary: .deadline, options: .init(points: 6))
    _ = state.receiveFrontier(generation: state.generation, f)
    _ = state.handle(.char("P"))
    #expect(state.pinned?.frontier != nil)
    _ = state.handle(.char("%"))
    #expect(state.tradeoff.relative)
    let view = DashboardView.render(state).text
    #expect(view.contains("now vs pinned:"), "\(view)")
    #expect(view.contains(" %┤"), "a relative axis: \(view)")
    // P again unpins.
    _ = state.handle(.escape)
    _ = state.handle(.char("P"))
    #expect(state.pinned == nil)
    #expect(!DashboardView.render(state).text.contains("vs pinned"))
  }
}
