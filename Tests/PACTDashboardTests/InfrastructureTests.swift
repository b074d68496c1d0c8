import Foundation
import PACTCore
import Synchronization
import Testing

@testable import PACTDashboard

@Suite struct InfrastructureTests {
  @Test func bufferAccessIsChecked() {
    var b = Buffer(width: 3, height: 2)
    #expect(b.cell(x: 3, y: 0) == nil)
    #expect(b.cell(x: -1, y: 0) == nil)
    b.set(x: 5, y: 5, "x", Style())
    b.write("abcdef", x: 1, y: 1, Style())
    #expect(b.text == "   \n a…", "cut text ends with an ellipsis")
  }

  /// Wrapped text cut to a number of lines says it was cut; text that fits is left whole.
  @Test func wrappingToFewerLinesEndsWithAnEllipsis() {
    let text = "changed: +11.3 % energy — time: the old plan takes 194 s, past the deadline"
    let whole = text.wrapped(width: 30)
    #expect(whole.count == 3)
    #expect(text.wrapped(width: 30, maxLines: 3) == whole)
    let cut = text.wrapped(width: 30, maxLines: 2)
    #expect(cut.count == 2)
    #expect(cut[0] == whole[0])
    #expect(cut[1].hasSuffix("…"))
    #expect(cut.allSatisfy { $0.displayWidth <= 30 })
    #expect(text.wrapped(width: 30, maxLines: 0).isEmpty)
  }

  @Test func terminalSendsOnlyChangedCells() {
    let backend = MemoryBackend(width: 10, height: 2)
    let terminal = Terminal(backend: backend)
    var b = Buffer(width: 10, height: 2)
    b.write("hello", x: 0, y: 0, Style())
    #expect(terminal.draw(b) == 20)
    b.write("J", x: 0, y: 0, Style())
    #expect(terminal.draw(b) == 1)
    #expect(terminal.draw(b) == 0)
    #expect(backend.screen.text.hasPrefix("Jello"))
  }

  @Test func brailleDotsUseTheStandardBits() {
    var c = BrailleCanvas(width: 2, height: 1)
    c.set(0, 0, color: .terminalDefault)
    #expect(c.symbol(0, 0) == "⠁")
    c.set(1, 3, color: .terminalDefault)
    #expect(c.symbol(0, 0) == Character(Unicode.Scalar(0x2800 + 0x81)!))
    c.set(2, 1, color: .terminalDefault)
    #expect(c.symbol(1, 0) == "⠂")
    c.set(99, 99, color: .terminalDefault)
  }

  @Test func colourReduction() {
    #expect(ColorDepth.palette256.index(of: .rgb(255, 0, 0)) == 196)
    #expect(ColorDepth.palette256.index(of: .rgb(0, 0, 0)) == 16)
    #expect(ColorDepth.palette256.index(of: .rgb(128, 128, 128)) == 244)
    #expect(ColorDepth.ansi8.index(of: .rgb(250, 10, 10)) == 1)
    #expect(ColorDepth.ansi8.index(of: .rgb(240, 240, 240)) == 7)
    #expect(ColorDepth.ansi8.index(of: .rgb(0x5a, 0x64, 0x72)) == 0)  // grey: black, not cyan
    #expect(ColorDepth.ansi8.index(of: .rgb(0x00, 0x5f, 0xd7)) == 4)
    #expect(ColorDepth.ansi8.index(of: .terminalDefault) == -1)
    #expect(ColorDepth.none.index(of: .rgb(1, 2, 3)) == -1)
    #expect(ColorDepth.forTerminal(colors: 8) == .ansi8)
    #expect(ColorDepth.forTerminal(colors: 256) == .palette256)
    #expect(ColorDepth.forTerminal(colors: 0) == .none)
  }

  @Test func themesOverrideTheDefaultAndReportBadLines() {
    let (theme, issues) = Theme.parse(
      "# comment\nmain_fg = #102030\nnot a line\nbogus = #ffffff\ntitle = red\nborder =\n", name: "t")
    #expect(theme[.mainFg] == .rgb(0x10, 0x20, 0x30))
    #expect(theme[.border] == .terminalDefault)
    #expect(theme[.title] == Theme.builtinDefault[.title])
    #expect(theme[.ok] == Theme.builtinDefault[.ok])
    #expect(issues.map(\.line) == [3, 4, 5])
    #expect(issues[1].message.contains("bogus"))
  }

  @Test func builtinDefaultSetsEveryKey() {
    let text = BuiltinThemes.text["default"] ?? ""
    for key in ThemeKey.allCases { #expect(text.contains("\n\(key.rawValue) =")) }
    for name in ["default", "light", "high-contrast", "monochrome"] {
      let (_, issues) = Theme.parse(BuiltinThemes.text[name] ?? "", name: name)
      #expect(issues.isEmpty, "\(name): \(issues)")
    }
    #expect(Theme.parse(BuiltinThemes.text["monochrome"] ?? "", name: "m").0.isMonochrome)
  }

  @Test func embeddedThemesMatchTheThemeFiles() throws {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("themes")
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".theme") }
    #expect(Set(files.map { String($0.dropLast(6)) }) == Set(BuiltinThemes.text.keys))
    for f in files {
      let text = try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)
      #expect(
        BuiltinThemes.text[String(f.dropLast(6))].map { $0 + "\n" } == text, "\(f) differs from BuiltinThemes.swift")
    }
    let catalog = ThemeCatalog(directory: dir.path)
    #expect(catalog.names.prefix(4) == ["default", "light", "high-contrast", "monochrome"])
    #expect(catalog.load("light")?.1.isEmpty == true)
    #expect(catalog.load("nope") == nil)
    #expect(ThemeCatalog(directory: nil).load("high-contrast") != nil)
  }

  @Test func defaultScenarioIsValidAndInteresting() {
    let s = DefaultScenario.load()
    #expect(s.validate().isEmpty)
    #expect(s.nodes.count == 8)
    #expect(s.model.pruningLevels == [1, 0.8, 0.64, 0.512, 0.41, 0.33])
    let r = Fixtures.pactResult
    #expect(r.status == .solved)
    // Not trivial: the plan uses several nodes and more than one level.
    let eval = r.evaluation
    #expect(Set(eval?.epochs.flatMap(\.nodes) ?? []).count >= 2)
    #expect(Set(eval?.epochs.map(\.level) ?? []).count >= 2)
  }

  @Test func workerPostsOnlyTheLatestGeneration() async throws {
    let calls = Mutex<[Int]>([])
    let solvers = Solvers(
      plan: { s, _, token in
        calls.withLock { $0.append(s.training.epochs) }
        for _ in 0..<20 where !token.isCancelled { usleep(5_000) }
        return token.isCancelled ? SolveResult(status: .cancelled) : Fixtures.fakeResult(s)
      },
      exact: { s, _ in Fixtures.fakeResult(s) })
    let worker = SolveWorker(solvers: solvers)
    var s = Fixtures.scenario
    for g in 1...5 {
      s.training.epochs = 10 + g
      worker.submit(generation: g, scenario: s)
    }
    var events: [SolveWorker.Event] = []
    for _ in 0..<400 where events.isEmpty {
      try await Task.sleep(nanoseconds: 5_000_000)
      events += worker.drain()
    }
    try await Task.sleep(nanoseconds: 150_000_000)
    events += worker.drain()
    #expect(events.count == 1)
    if case .plan(let o)? = events.first {
      #expect(o.generation == 5)
      #expect(o.scenario.training.epochs == 15)
    }
    // Superseded requests were cancelled or skipped, never all run to the end.
    #expect(calls.withLock { $0.count } <= 5)
  }

  @Test func workerPostsADraftThenTheFullPlan() async throws {
    let knobsSeen = Mutex<[Int]>([])
    let solvers = Solvers(
      plan: { s, knobs, _ in
        knobsSeen.withLock { $0.append(knobs.lossBins) }
        var r = Fixtures.fakeResult(s)
        r.evaluation?.violations = []  // drafts are shown only when feasible
        return r
      },
      exact: { s, _ in Fixtures.fakeResult(s) }, draftKnobs: { Solvers.coarse($0) })
    let worker = SolveWorker(solvers: solvers)
    var state = AppState(scenario: Fixtures.scenario)
    for case .solve(let g, let s) in state.start() { worker.submit(generation: g, scenario: s) }
    var events: [SolveWorker.Event] = []
    for _ in 0..<400 where events.count < 2 {
      try await Task.sleep(nanoseconds: 5_000_000)
      events += worker.drain()
    }
    #expect(knobsSeen.withLock { $0 } == [8, 64])
    guard events.count == 2, case .plan(let draft) = events[0], case .plan(let full) = events[1] else {
      Issue.record("expected a draft and a full plan, got \(events.count) events")
      return
    }
    #expect(draft.isDraft && !full.isDraft)
    let shownDraft = state.receive(draft)
    #expect(shownDraft)
    #expect(state.solving == 1)
    #expect(state.outcome?.isDraft == true)
    let shownFull = state.receive(full)
    #expect(shownFull)
    #expect(state.solving == nil)
    #expect(state.lastFull?.isDraft == false)
    // A late draft never replaces the full plan.
    let late = state.receive(draft)
    #expect(!late)
    #expect(Solvers.coarse(SolverKnobs(lossBins: 8, timeBins: 4)) == nil)
    let coarse = try #require(Solvers.coarse(SolverKnobs()))
    #expect(coarse.lossBins == 8 && coarse.maxSetSize == 3 && coarse.timeCaps == 1 && coarse.bucketStates == 1)
  }

  @Test func terminalWithoutColourGetsTheMonochromeTheme() {
    let backend = MemoryBackend(width: 100, height: 32, keys: [.char("t")], colorDepth: .none)
    let solvers = Solvers(plan: { s, _, _ in Fixtures.fakeResult(s) }, exact: { s, _ in Fixtures.fakeResult(s) })
    let app = DashboardApp(
      scenario: Fixtures.scenario, path: nil, themeName: "light", backend: backend, solvers: solvers,
      catalog: ThemeCatalog(directory: nil), tracePath: nil)
    app.run(maxIterations: 2)
    #expect(app.state.theme.name == "monochrome")
    #expect(app.state.theme.isMonochrome)
    #expect(app.state.message?.text.contains("no colour") == true)
    #expect(app.state.theme.selected.modifiers.contains(.underline))
  }

  @Test func openingABadFileKeepsTheScenarioAndSaysWhy() {
    var state = Fixtures.solvedState()
    let before = state.scenario
    let error = InputError(source: "x.json", "nodes[0].watts", "must be > 0, not -1")
    #expect(state.didOpen(path: "x.json", result: .failure(error)).isEmpty)
    #expect(state.scenario == before)
    #expect(state.message?.text == "cannot open x.json: nodes[0].watts: must be > 0, not -1")
  }

  @Test func appLoopRunsScriptedKeysOnAMemoryTerminal() {
    let backend = MemoryBackend(width: 120, height: 40, keys: [.char("+"), .resize(80, 24), .tab])
    let solvers = Solvers(plan: { s, _, _ in Fixtures.fakeResult(s) }, exact: { s, _ in Fixtures.fakeResult(s) })
    let app = DashboardApp(
      scenario: Fixtures.scenario, path: nil, themeName: "light", backend: backend, solvers: solvers,
      catalog: ThemeCatalog(directory: nil), tracePath: nil)
    app.run(maxIterations: 3)
    #expect(app.state.generation == 2)
    #expect(app.state.size.width == 80)
    #expect(app.state.focus == .settings)
    #expect(app.state.theme.name == "light")
    #expect(backend.screen.area.width == 80)
    #expect(backend.screen.text.contains("Goal & knobs"))
  }
}

@Suite struct TraceSeriesTests {
  func writeTrace(_ rows: [String]) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("pact-trace-\(getpid())-\(rows.count).csv")
      .path
    let header = "run,alpha,seed,policy,schedule,round,nodes,samples,remaining,train_loss,test_loss,test_acc"
    try ([header] + rows).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func aRunBecomesRealAndPredictedCurvesAgainstTime() throws {
    let s = Fixtures.scenario
    let path = try writeTrace([
      "r1,1,0,x,none,0,,0,1.0,2.30,2.3,0.1",
      "r1,1,0,x,none,1,jet1;tab1,3100,1.0,1.90,1.9,0.3",
      "r1,1,0,x,none,2,jet1,2000,0.64,1.70,1.7,0.4",
      "other,1,0,x,none,0,,0,1.0,2.30,2.3,0.1",
      "other,1,0,x,none,1,nobody,10,1.0,2.0,2.0,0.2",
    ])
    defer { try? FileManager.default.removeItem(atPath: path) }
    let series = try TraceSeries.load(tracesPath: path, runID: "r1", scenario: s)
    #expect(series.count == 2)
    let real = series[0].points
    #expect(real.map(\.y) == [2.30, 1.90, 1.70])
    let cost = CostModel(scenario: s)
    let jet = try #require(s.nodeIndex(id: "jet1"))
    let tab = try #require(s.nodeIndex(id: "tab1"))
    let t1 = cost.epochSeconds([jet, tab], level: 0)
    #expect(abs(real[1].x - t1) < 1e-9)
    #expect(abs(real[2].x - t1 - cost.epochSeconds([jet], level: 2)) < 1e-9)
    #expect(series[1].points.count == 3)
    #expect(series[1].points[1].y < 2.30)
    #expect(throws: InputError.self) { try TraceSeries.load(tracesPath: path, runID: "missing", scenario: s) }
    #expect(throws: InputError.self) { try TraceSeries.load(tracesPath: path, runID: "other", scenario: s) }
  }

  /// Theme files with CRLF or CR line endings are read line by line; a path that is a
  /// folder, a pipe, empty or not UTF-8 says so (issue 12, item 13).
  @Test func themeLineEndingsAndBadPaths() throws {
    for ending in ["\r\n", "\r", "\n"] {
      let text = ["# a comment first", "title = #ff0000", "label = #00ff00"].joined(separator: ending)
      let (theme, issues) = Theme.parse(text, name: "t")
      #expect(issues.isEmpty, "\(issues)")
      #expect(theme[.title] == Color(hex: "#ff0000"), "line ending \(ending.debugDescription)")
      #expect(theme[.label] == Color(hex: "#00ff00"))
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pact-theme-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir + "/folder.theme", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    mkfifo(dir + "/pipe.theme", 0o600)
    #expect(FileManager.default.createFile(atPath: dir + "/empty.theme", contents: Data()))
    #expect(
      FileManager.default.createFile(atPath: dir + "/latin1.theme", contents: Data([0x23, 0x20, 0xE9, 0xFF, 0x0A])))
    let catalog = ThemeCatalog(directory: nil)
    for (name, reason) in [
      ("folder", "is a folder"), ("pipe", "is a pipe"), ("empty", "is empty"), ("latin1", "is not UTF-8"),
      ("missing", "no such file"),
    ] {
      var message = ""
      do { _ = try catalog.open(dir + "/\(name).theme") } catch { message = error.message }
      #expect(message.contains(reason), "\(name): \(message)")
    }
  }
}
