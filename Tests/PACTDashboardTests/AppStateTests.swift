import Foundation
import PACTCore
import Testing

@testable import PACTDashboard

@Suite struct AppStateTests {
  func solveEffects(_ effects: [Effect]) -> [(Int, Scenario)] {
    effects.compactMap { if case .solve(let g, let s) = $0 { return (g, s) } else { return nil } }
  }

  @Test func plusScalesTheSelectedFieldAndReplans() {
    var state = Fixtures.solvedState()
    state.nodeRow = 4  // jet1
    state.nodeField = .flops
    let before = state.scenario.nodes[4].flops
    let effects = state.handle(.char("+"))
    let solves = solveEffects(effects)
    #expect(solves.count == 1)
    #expect(solves.first?.0 == 2)
    #expect(state.scenario.nodes[4].flops == before * 1.25)
    #expect(solves.first?.1 == state.scenario)
    #expect(state.solving == 2)
    #expect(state.undoStack.count == 1)
  }

  @Test func typedValueIsParsedWithSuffixes() {
    var state = Fixtures.solvedState()
    state.nodeField = .flops
    _ = state.handle(.char("e"))
    #expect(state.prompt != nil)
    _ = state.handle(.ctrl("u"))
    for c in "3.5G" { _ = state.handle(.char(c)) }
    let effects = state.handle(.enter)
    #expect(state.prompt == nil)
    #expect(state.scenario.nodes[0].flops == 3.5e9)
    #expect(solveEffects(effects).count == 1)
  }

  @Test func invalidValueIsRejectedNamingTheField() {
    var state = Fixtures.solvedState()
    let original = state.scenario
    state.nodeRow = 2
    state.nodeField = .watts
    _ = state.handle(.char("e"))
    _ = state.handle(.ctrl("u"))
    for c in "-5" { _ = state.handle(.char(c)) }
    let effects = state.handle(.enter)
    #expect(effects.isEmpty)
    #expect(state.scenario == original)
    #expect(state.message?.kind == .error)
    #expect(state.message?.text.contains("nodes[2].watts") == true)

    _ = state.handle(.char("e"))
    _ = state.handle(.ctrl("u"))
    for c in "lots" { _ = state.handle(.char(c)) }
    #expect(state.handle(.enter).isEmpty)
    #expect(state.message?.text.contains("watts") == true)
    #expect(state.message?.text.contains("not a number") == true)
  }

  @Test func settingsEditsGoalAndKnobsAndValidates() {
    var state = Fixtures.solvedState(focus: .settings)
    state.settingRow = SettingField.goal(.deadline).row
    _ = state.handle(.char("+"))
    #expect(state.scenario.training.deadlineSeconds == 75)
    state.settingRow = SettingField.knob(named: "lossBins")!.row
    _ = state.handle(.char("e"))
    _ = state.handle(.ctrl("u"))
    for c in "1" { _ = state.handle(.char(c)) }
    #expect(state.handle(.enter).isEmpty)
    #expect(state.message?.text.contains("solver.lossBins") == true)
    #expect(state.scenario.solver.lossBins == 64)
    // Selecting a knob says what it trades.
    state.settingRow = SettingField.knob(named: "lossBins")!.row - 1
    _ = state.handle(.down)
    #expect(state.message?.text.hasPrefix("lossBins: loss buckets per level and layer") == true)
    // Fewer epochs clip availability windows instead of failing validation.
    state.settingRow = SettingField.goal(.epochs).row
    _ = state.handle(.char("e"))
    _ = state.handle(.ctrl("u"))
    _ = state.handle(.char("5"))
    #expect(solveEffects(state.handle(.enter)).count == 1)
    #expect(state.scenario.training.epochs == 5)
    #expect(state.scenario.nodes[1].availableEpochs == [EpochWindow(1, 4)])
  }

  @Test func undoAndRedoRestoreScenariosAndReplan() {
    var state = Fixtures.solvedState()
    let s0 = state.scenario
    _ = state.handle(.char("+"))
    let s1 = state.scenario
    _ = state.handle(.char("j"))
    _ = state.handle(.char("-"))
    let s2 = state.scenario
    #expect(s0 != s1 && s1 != s2)
    #expect(solveEffects(state.handle(.char("u"))).first?.1 == s1)
    #expect(solveEffects(state.handle(.char("u"))).first?.1 == s0)
    #expect(state.handle(.char("u")).isEmpty)
    #expect(solveEffects(state.handle(.ctrl("r"))).first?.1 == s1)
    #expect(state.scenario == s1)
    // A new edit clears the redo stack.
    _ = state.handle(.char("+"))
    #expect(state.redoStack.isEmpty)
  }

  @Test func staleResultsAreDropped() {
    var state = Fixtures.solvedState()
    _ = state.handle(.char("+"))  // generation 2
    _ = state.handle(.char("+"))  // generation 3
    #expect(state.generation == 3)
    let stale = SolveOutcome(generation: 2, scenario: state.scenario, result: Fixtures.fakeResult(state.scenario))
    let shownStale = state.receive(stale)
    #expect(!shownStale)
    #expect(state.solving == 3)
    #expect(state.outcome?.generation == 1)
    let fresh = SolveOutcome(generation: 3, scenario: state.scenario, result: Fixtures.fakeResult(state.scenario))
    let shownFresh = state.receive(fresh)
    #expect(shownFresh)
    #expect(state.solving == nil)
    #expect(state.outcome?.generation == 3)
    // The change summary compares with the plan shown before.
    #expect(state.change?.lost.contains("gpu1") == true)
    #expect(state.change?.gained == ["ph1"])  // the fake plan trains on nodes[0]
  }

  @Test func nodesCanBeAddedDuplicatedAndRemoved() {
    var state = Fixtures.solvedState()
    let n = state.scenario.nodes.count
    _ = state.handle(.char("n"))
    #expect(state.scenario.nodes.count == n + 1)
    #expect(state.scenario.validate().isEmpty)
    state.nodeRow = 4
    _ = state.handle(.char("d"))
    #expect(state.scenario.nodes.count == n + 2)
    #expect(state.scenario.nodes[5].id == "jet1-2")
    #expect(state.nodeRow == 5)
    _ = state.handle(.char("r"))
    #expect(state.scenario.nodes.count == n + 1)
    #expect(!state.scenario.nodes.contains { $0.id == "jet1-2" })
  }

  @Test func exactSolveStartsCancelsAndReportsTheGap() {
    var state = Fixtures.solvedState()
    #expect(state.handle(.char("x")) == [.exact(generation: 1, scenario: state.scenario)])
    #expect(state.handle(.char("x")).isEmpty)
    #expect(state.handle(.escape) == [.cancelExact])
    #expect(state.exactRunning == nil)
    _ = state.handle(.char("x"))
    var exact = state.outcome?.result ?? Fixtures.fakeResult(state.scenario)
    let cheaper = (exact.evaluation?.totalJoules ?? 1) / 1.1
    exact.evaluation?.totalJoules = cheaper
    let shown = state.receiveExact(SolveOutcome(generation: 1, scenario: state.scenario, result: exact))
    #expect(shown)
    #expect(abs((state.gap() ?? 0) - 0.1) < 1e-9)
    // An edit makes the exact result stale and cancels a running one.
    _ = state.handle(.char("x"))
    let effects = state.handle(.char("+"))
    #expect(state.exact == nil)
    #expect(!effects.contains(.cancelExact))  // none was running: the optimum was already known
    // Undo returns to the problem whose optimum is known: it comes back, no new solve.
    let undone = state.handle(.char("u"))
    #expect(state.exact?.result.evaluation?.totalJoules == cheaper)
    #expect(!undone.contains { if case .exact = $0 { return true } else { return false } })
  }

  @Test func baselinesToggleAndFollowEdits() {
    var state = Fixtures.solvedState()
    #expect(state.handle(.char("b")) == [.baselines(generation: 1, scenario: state.scenario)])
    let results = Baselines.all().map { $0.run(on: state.scenario) }
    let shown = state.receiveBaselines(generation: 1, results)
    #expect(shown)
    #expect(state.currentBaselines?.count == results.count)
    // An edit asks for new baselines; the old ones are stale.
    let effects = state.handle(.char("+"))
    #expect(effects.contains(.baselines(generation: 2, scenario: state.scenario)))
    #expect(state.currentBaselines == nil)
    let stale = state.receiveBaselines(generation: 1, results)
    #expect(!stale)
    let text = DashboardView.render(
      {
        var s = state
        _ = s.receiveBaselines(generation: 2, results)
        return s
      }()
    ).text
    #expect(text.contains("fedcs"))
    _ = state.handle(.char("b"))
    #expect(state.currentBaselines == nil)
  }

  @Test func saveAsksBeforeOverwriting() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pact-dash-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let existing = dir.appendingPathComponent("s.json").path
    try "{}".write(toFile: existing, atomically: true, encoding: .utf8)
    var state = Fixtures.solvedState()
    _ = state.handle(.char("w"))
    _ = state.handle(.ctrl("u"))
    for c in existing { _ = state.handle(.char(c)) }
    #expect(state.handle(.enter).isEmpty)
    #expect(state.prompt?.label.contains("overwrite") == true)
    #expect(state.handle(.char("n")).isEmpty)
    _ = state.handle(.char("w"))
    _ = state.handle(.ctrl("u"))
    for c in existing { _ = state.handle(.char(c)) }
    _ = state.handle(.enter)
    let effects = state.handle(.char("y"))
    guard case .save(let path, let text)? = effects.first else {
      Issue.record("expected a save effect")
      return
    }
    #expect(path == existing)
    let reread = try Scenario.parse(Array(text.utf8)).scenario
    #expect(reread == state.scenario)
  }

  @Test func tabCyclesFocusAndQuitKeysQuit() {
    var state = Fixtures.solvedState()
    for expected in [Panel.settings, .graph, .loss, .plan, .nodes] {
      _ = state.handle(.tab)
      #expect(state.focus == expected)
    }
    _ = state.handle(.backTab)
    #expect(state.focus == .plan)
    var q = state
    #expect(q.handle(.char("q")) == [.quit])
    #expect(state.handle(.ctrl("c")) == [.quit])
  }

  @Test func graphCursorFollowsThePathAndWalksVertices() throws {
    var state = Fixtures.solvedState(focus: .graph, realSolver: true)
    let graph = try #require(state.outcome?.graph)
    _ = state.handle(.char("l"))
    _ = state.handle(.char("l"))
    #expect(state.graphLayer == 2)
    #expect(state.graphVertex == graph.chosenPath[2])
    _ = state.handle(.char("j"))
    let order = state.outcome?.graph?.vertexOrder(layer: 2) ?? []
    #expect(order.firstIndex(of: state.graphVertex) == (order.firstIndex(of: graph.chosenPath[2]) ?? 0) + 1)
    _ = state.handle(.char("g"))
    #expect(state.graphVertex == graph.chosenPath[2])
  }

  @Test func clickInTheGraphSelectsTheVertexThere() throws {
    var state = Fixtures.solvedState()
    let layout = DashboardLayout(width: 120, height: 40, focus: .nodes)
    let rect = try #require(layout.panels[.graph])
    let graph = try #require(state.outcome?.graph)
    let geometry = try #require(GraphGeometry(graph: graph, inner: rect.inset(1)))
    let (x, y) = geometry.cell(layer: 3, graph.layers[3][graph.chosenPath[3]])
    _ = state.handle(.click(x: x, y: y))
    #expect(state.focus == .graph)
    #expect(state.graphLayer == 3)
    #expect(state.graphVertex == graph.chosenPath[3])
    let text = DashboardView.render(state).text
    #expect(text.contains("epoch 3 #\(graph.chosenPath[3]) (path)"))
  }

  @Test func clickSelectsPanelAndRow() {
    var state = Fixtures.solvedState()
    let layout = DashboardLayout(width: 120, height: 40, focus: .nodes)
    let nodes = layout.panels[.nodes] ?? Rect(x: 0, y: 0, width: 0, height: 0)
    _ = state.handle(.click(x: nodes.x + 3, y: nodes.y + 2 + 3))
    #expect(state.nodeRow == 3)
    let plan = layout.panels[.plan] ?? Rect(x: 0, y: 0, width: 0, height: 0)
    _ = state.handle(.click(x: plan.x + 5, y: plan.y + 2))
    #expect(state.focus == .plan)
  }
}
