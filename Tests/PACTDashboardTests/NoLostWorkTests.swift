import Foundation
import PACTCore
import Testing

@testable import PACTDashboard

/// Ordinary key sequences never lose work and never garble the screen (issue 12).
@Suite struct NoLostWorkTests {
  /// A folder with two scenario files, `a.json` (the built-in scenario) and `b.json`
  /// (the same with another name), removed at the end.
  final class Files {
    let dir: String
    let a: String
    let b: String
    init() throws {
      dir = FileManager.default.temporaryDirectory.appendingPathComponent("pact-nolost-\(UUID().uuidString)").path
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
      a = dir + "/a.json"
      b = dir + "/b.json"
      var other = DefaultScenario.load()
      other.name = "scenario-b"
      other.training.deadlineSeconds = 90
      try JSONWriter.write(DefaultScenario.load().json()).write(toFile: a, atomically: true, encoding: .utf8)
      try JSONWriter.write(other.json()).write(toFile: b, atomically: true, encoding: .utf8)
    }
    deinit { try? FileManager.default.removeItem(atPath: dir) }
  }

  /// Runs a key sequence as the app would: effects that touch files are carried out.
  static func press(_ keys: [Key], _ state: inout AppState) {
    for key in keys { run(state.handle(key), &state) }
  }

  static func type(_ text: String, _ state: inout AppState) {
    press(text.map { .char($0) }, &state)
  }

  static func run(_ effects: [Effect], _ state: inout AppState) {
    for effect in effects {
      switch effect {
      case .save(let path, let text):
        var failure: String?
        do { try AtomicFile.write(text, to: path) } catch { failure = error.reason }
        run(state.didSave(path: path, text: text, error: failure), &state)
      case .open(let path):
        let result: Result<Scenario, InputError>
        do { result = .success(try Scenario.load(path: path).scenario) } catch { result = .failure(error) }
        run(state.didOpen(path: path, result: result), &state)
      default: break
      }
    }
  }

  static func state(_ files: Files) throws -> AppState {
    let scenario = try Scenario.load(path: files.a).scenario
    var state = AppState(scenario: scenario, path: files.a)
    state.fileExists = { FileManager.default.fileExists(atPath: $0) }
    _ = state.start()
    return state
  }

  /// Item 1: `+`, `o b.json`, `u`, `w` Enter y must not write a.json's content into b.json.
  @Test func undoAcrossOpenRestoresTheFileWithTheContent() throws {
    let files = try Files()
    var state = try Self.state(files)
    let bBefore = try String(contentsOfFile: files.b, encoding: .utf8)
    Self.press([.char("+")], &state)  // an edit of a.json
    #expect(state.dirty)
    Self.press([.char("o")], &state)
    #expect(state.prompt?.scope == .unsavedChanges, "o on unsaved edits asks first")
    Self.press([.char("d")], &state)  // discard, then open
    Self.press([.ctrl("u")], &state)
    Self.type(files.b, &state)
    Self.press([.enter], &state)
    #expect(state.path == files.b && state.scenario.name == "scenario-b" && !state.dirty)
    Self.press([.char("u")], &state)
    #expect(state.path == files.a, "undo across the open returns to a.json")
    #expect(state.scenario.name == "pact-demo")
    #expect(state.dirty, "a.json's unsaved edit is back, and marked")
    #expect(DashboardView.render(state).text.contains("a.json [modified]"))
    Self.press([.char("w"), .enter, .char("y")], &state)
    #expect(try String(contentsOfFile: files.b, encoding: .utf8) == bBefore, "b.json is untouched")
    #expect(try Scenario.load(path: files.a).scenario == state.scenario, "the edit went to a.json")
    // Redo returns to b.json, name and content together.
    Self.press([.ctrl("r")], &state)
    #expect(state.path == files.b && state.scenario.name == "scenario-b" && !state.dirty)
  }

  /// Item 2: Enter at "overwrite? (y/n)" keeps the file; the footer describes the question.
  @Test func enterAtOverwriteMeansNo() throws {
    let files = try Files()
    var state = try Self.state(files)
    let before = try String(contentsOfFile: files.b, encoding: .utf8)
    Self.press([.char("+"), .char("w"), .ctrl("u")], &state)
    Self.type(files.b, &state)
    Self.press([.enter], &state)
    #expect(state.prompt?.scope == .confirmOverwrite)
    let footer = DashboardView.render(state).text.split(separator: "\n").last.map(String.init) ?? ""
    #expect(footer.contains("overwrite?") && footer.contains("y overwrite") && footer.contains("keep the file"))
    #expect(!footer.contains("Enter apply"))
    let effects = state.handle(.enter)
    #expect(effects.isEmpty && state.prompt == nil)
    #expect(try String(contentsOfFile: files.b, encoding: .utf8) == before)
    #expect(state.message?.text.contains("not saved") == true)
    // Only y writes.
    Self.press([.char("w"), .ctrl("u")], &state)
    Self.type(files.b, &state)
    Self.press([.enter, .char("y")], &state)
    #expect(try Scenario.load(path: files.b).scenario == state.scenario)
  }

  /// `S` onto an existing file asks too (a scenario named by mistake is not replaced
  /// by a picture); only y writes the screen.
  @Test func savingTheScreenOverAFileAsksFirst() throws {
    let files = try Files()
    var state = try Self.state(files)
    _ = state.handle(.char("S"))
    _ = state.handle(.ctrl("u"))
    Self.type(files.b, &state)
    #expect(state.handle(.enter).isEmpty)
    #expect(state.prompt?.scope == .confirmOverwrite)
    #expect(state.handle(.enter).isEmpty && state.prompt == nil)
    _ = state.handle(.char("S"))
    _ = state.handle(.ctrl("u"))
    Self.type(files.b, &state)
    _ = state.handle(.enter)
    #expect(state.handle(.char("y")) == [.saveScreen(path: files.b)])
    // A new file is written at once.
    _ = state.handle(.char("S"))
    _ = state.handle(.ctrl("u"))
    Self.type(files.b + ".svg", &state)
    #expect(state.handle(.enter) == [.saveScreen(path: files.b + ".svg")])
  }

  /// Item 3: q, Ctrl-C and o ask on unsaved edits; cancel keeps them, save then quits,
  /// discard quits; undo back to the saved content clears `[modified]`.
  @Test func unsavedEditsAreGuarded() throws {
    let files = try Files()
    var state = try Self.state(files)
    #expect(state.handle(.char("q")) == [.quit], "nothing unsaved: q quits at once")
    state = try Self.state(files)
    Self.press([.char("+")], &state)
    for key in [Key.char("q"), .ctrl("c")] {
      #expect(state.handle(key).isEmpty)
      #expect(state.prompt?.scope == .unsavedChanges && !state.quitRequested)
      #expect(DashboardView.render(state).text.contains("s save"))
      #expect(state.handle(.escape).isEmpty && state.prompt == nil && state.dirty)
    }
    // Enter does not pick a destructive answer.
    _ = state.handle(.char("q"))
    #expect(state.handle(.enter).isEmpty && !state.quitRequested && state.dirty)
    // Undo to the saved content clears [modified]; redo brings it back.
    Self.press([.char("u")], &state)
    #expect(!state.dirty && !DashboardView.render(state).text.contains("[modified]"))
    Self.press([.ctrl("r")], &state)
    #expect(state.dirty)
    // s: save (confirming the overwrite of the scenario's own file), then quit.
    Self.press([.char("q"), .char("s"), .enter], &state)
    #expect(state.prompt?.scope == .confirmOverwrite && !state.quitRequested)
    var saving = state
    let effects = saving.handle(.char("y"))
    Self.run(effects, &saving)
    #expect(saving.quitRequested && !saving.dirty)
    #expect(try Scenario.load(path: files.a).scenario == saving.scenario)
    // d: discard and quit, nothing written.
    var discarding = try Self.state(files)
    Self.press([.char("-")], &discarding)
    #expect(discarding.handle(.char("q")).isEmpty)
    #expect(discarding.handle(.char("d")) == [.quit])
    #expect(try Scenario.load(path: files.a).scenario != discarding.scenario)
  }

  /// Item 3: the recovery file goes beside the scenario, never over it or an earlier one.
  @Test func recoveryFileGoesBesideTheOriginal() throws {
    let files = try Files()
    let state = try Self.state(files)
    #expect(state.recoveryPath { _ in false } == files.dir + "/a.recovered.json")
    let taken: Set<String> = [files.dir + "/a.recovered.json", files.dir + "/a.recovered-2.json"]
    #expect(state.recoveryPath { taken.contains($0) } == files.dir + "/a.recovered-3.json")
    let builtin = AppState(scenario: DefaultScenario.load())
    #expect(builtin.recoveryPath { _ in false } == "\(DefaultScenario.load().name).recovered.json")
  }

  /// Item 7: control characters are refused in prompts and never reach a file name.
  @Test func controlCharactersAreRejectedInPrompts() throws {
    var state = Fixtures.solvedState()
    Self.press([.char("w"), .ctrl("u")], &state)
    Self.press([.char("y"), .char("\u{1C}"), .char("E"), .char("\u{7F}"), .char("t")], &state)
    #expect(state.prompt?.text == "yEt")
    #expect(state.message?.text.contains("control characters") == true)
    // Pasted text that holds one is refused as a whole file name.
    var p = try #require(state.prompt)
    p.text = "bad\u{1B}[2Jname.json"
    state.prompt = p
    let effects = state.handle(.enter)
    #expect(effects.isEmpty)
    #expect(state.message?.text.contains("control characters") == true)
  }

  /// Item 8: a click in a scrolled panel selects the row drawn under it.
  @Test func clicksInAScrolledPanelSelectTheRowUnderThem() throws {
    var state = Fixtures.solvedState(width: 100, height: 32, focus: .settings)
    let rect = try #require(DashboardLayout(width: 100, height: 32, focus: .settings).panels[.settings])
    Self.press([.end], &state)  // bucketStates, the last setting: the panel scrolls
    #expect(state.settingScroll > 0)
    let firstVisible = state.settingScroll
    let text = DashboardView.render(state).text.split(separator: "\n").map(String.init)
    let label = SettingField.allCases[firstVisible].label
    #expect(text[rect.y + 1].contains(label), "the first visible row is \(label)")
    Self.press([.click(x: rect.x + 3, y: rect.y + 1)], &state)
    #expect(state.settingRow == firstVisible, "the click selects the row drawn there, not targetLoss")
    // The Nodes panel keeps its offset in the state too.
    var many = Fixtures.solvedState(width: 100, height: 32)
    var s = many.scenario
    for i in 0..<30 {
      var node = s.nodes[0]
      node.id = "extra\(i)"
      s.nodes.append(node)
    }
    _ = many.apply(s, "more nodes")
    Self.press([.end], &many)
    let nodes = try #require(DashboardLayout(width: 100, height: 32, focus: .nodes).panels[.nodes])
    let top = many.nodeScroll
    #expect(top > 0)
    Self.press([.click(x: nodes.x + 2, y: nodes.y + 2)], &many)
    #expect(many.nodeRow == top)
  }

  /// Item 9: columns keep their places when a field is selected; they scroll to show it.
  @Test func nodeColumnsKeepTheirPlaces() throws {
    var state = Fixtures.solvedState()
    func header(_ s: AppState) -> String {
      DashboardView.render(s).text.split(separator: "\n").map(String.init)[2]
    }
    let first = header(state)
    for _ in 0..<4 { Self.press([.right], &state) }  // flops → radio
    #expect(state.nodeField == .radioWatts)
    #expect(header(state) == first, "selecting radio moves no column (skew stays)")
    #expect(first.contains("skew"))
    // Name and kind are columns too, reached by scrolling.
    for _ in 0..<10 { Self.press([.right], &state) }
    #expect(state.nodeField == .name)
    let scrolled = header(state)
    #expect(scrolled.contains("name") && scrolled.contains("‹"))
    #expect(DashboardView.render(state).text.contains("phone-pixel"))
  }

  /// Item 6: wide characters take two columns; borders and rows stay in place.
  @Test func wideCharactersKeepTheScreenAligned() throws {
    var state = Fixtures.solvedState()
    var s = state.scenario
    s.nodes[0].id = "東京ノード1"
    s.nodes[1].name = "📱 phone"
    _ = state.apply(s, "wide ids")
    Self.press([.char("w"), .ctrl("u")], &state)
    Self.type("日本語😀.json", &state)
    let buffer = DashboardView.render(state)
    for line in buffer.text.split(separator: "\n") {
      #expect(line.displayWidth == 120, "\(line)")
    }
    let rows = buffer.text.split(separator: "\n").map(String.init)
    #expect(rows[3].hasPrefix("┃東京ノード1"))
    #expect(rows[3].hasSuffix("┃│deadline         60 s           │"))
    #expect(rows.last?.contains("日本語😀.json█") == true)
  }
}
