import Foundation
import PACTCore
import Testing

@testable import PACTDashboard

/// Issue 19: a recovery file is offered, restored or deleted, never silently; saves
/// from the dashboard are one-line diffs of the file as it was written.
@Suite struct RecoveryAndSaveTests {
  typealias Files = NoLostWorkTests.Files

  static func run(_ effects: [Effect], _ state: inout AppState) {
    for effect in effects {
      switch effect {
      case .deleteFile(let path):
        do {
          try FileManager.default.removeItem(atPath: path)
          state.didDelete(path: path, error: nil)
        } catch {
          state.didDelete(path: path, error: "\(error)")
        }
      case .save(let path, let text):
        var failure: String?
        do { try AtomicFile.write(text, to: path) } catch { failure = error.reason }
        run(state.didSave(path: path, text: text, error: failure), &state)
      default: NoLostWorkTests.run([effect], &state)
      }
    }
  }

  static func press(_ keys: [Key], _ state: inout AppState) {
    for key in keys { run(state.handle(key), &state) }
  }

  /// a.json written as a person would (one-line nodes, exponents), and a recovery file
  /// beside it with the deadline changed.
  static func withRecovery(_ files: Files) throws -> (file: String, recovery: String, original: String) {
    let original = String(decoding: SampleFixturesText.hospital, as: UTF8.self)
    try original.write(toFile: files.a, atomically: true, encoding: .utf8)
    var edited = try Scenario.load(path: files.a).scenario
    edited.training.deadlineSeconds = 250
    let recovery = files.dir + "/a.recovered.json"
    try edited.fileText().write(toFile: recovery, atomically: true, encoding: .utf8)
    return (files.a, recovery, original)
  }

  static func opened(_ files: Files, _ file: String, _ recovery: String) throws -> AppState {
    var state = AppState(scenario: try Scenario.load(path: file).scenario, path: file)
    state.fileExists = { FileManager.default.fileExists(atPath: $0) }
    _ = state.start()
    let recovered = try Scenario.load(path: recovery).scenario
    state.offer(RecoveryOffer(path: recovery, file: file, recovered: recovered))
    return state
  }

  @Test func aRecoveryFileIsOfferedShownRestoredAndDeletedOnSave() throws {
    let files = try Files()
    let (file, recovery, original) = try Self.withRecovery(files)
    var state = try Self.opened(files, file, recovery)
    #expect(state.prompt?.scope == .recovery)
    #expect(state.prompt?.label.contains("1 value differs") == true)
    Self.press([.char("v")], &state)
    #expect(state.prompt?.label.contains("training.deadlineSeconds 200 → 250") == true, "\(state.prompt?.label ?? "")")
    Self.press([.char("r")], &state)
    #expect(state.prompt == nil)
    #expect(state.scenario.training.deadlineSeconds == 250 && state.dirty, "restored as unsaved edits")
    #expect(try String(contentsOfFile: file, encoding: .utf8) == original, "the file itself untouched")
    Self.press([.char("u")], &state)
    #expect(state.scenario.training.deadlineSeconds == 200, "the restore is an undoable edit")
    Self.press([.ctrl("r")], &state)
    Self.press([.char("w"), .enter, .char("y")], &state)
    #expect(!state.dirty)
    #expect(!FileManager.default.fileExists(atPath: recovery), "saved: the recovery file is deleted")
    let saved = try String(contentsOfFile: file, encoding: .utf8)
    let changed = ScenarioSourceEditLines.changed(original, saved)
    #expect(changed == [#"    "deadlineSeconds": 250,"#], "\(changed ?? [])")
  }

  @Test func deletingOrKeepingTheRecoveryFileLeavesTheFileAsItIs() throws {
    let files = try Files()
    let (file, recovery, original) = try Self.withRecovery(files)
    var state = try Self.opened(files, file, recovery)
    Self.press([.escape], &state)
    #expect(state.prompt == nil && !state.dirty)
    #expect(FileManager.default.fileExists(atPath: recovery), "kept for later")
    #expect(state.message?.text.contains("offered again") == true)
    state = try Self.opened(files, file, recovery)
    Self.press([.char("x")], &state)
    #expect(!FileManager.default.fileExists(atPath: recovery))
    #expect(state.message?.text == "deleted \(recovery)")
    #expect(try String(contentsOfFile: file, encoding: .utf8) == original)
    #expect(state.scenario.training.deadlineSeconds == 200)
  }

  @Test func saveErrorsNameThePathAndTheCause() throws {
    var state = Fixtures.solvedState()
    _ = state.handle(.char("+"))
    let target = "/nonexistent-dir-for-pact/x.json"
    var failure: String?
    do { try AtomicFile.write("{}", to: target) } catch { failure = error.reason }
    _ = state.didSave(path: target, text: "{}", error: failure)
    let text = state.message?.text ?? ""
    #expect(text.hasPrefix("not saved to \(target): "), "\(text)")
    #expect(text.count > "not saved to \(target): ".count)
    #expect(state.dirty)
  }

  @Test func savingAnUnchangedFileWritesItBackByteForByte() throws {
    let files = try Files()
    let original = String(decoding: SampleFixturesText.hospital, as: UTF8.self)
    try original.write(toFile: files.a, atomically: true, encoding: .utf8)
    var state = AppState(scenario: try Scenario.load(path: files.a).scenario, path: files.a)
    state.fileExists = { FileManager.default.fileExists(atPath: $0) }
    _ = state.start()
    Self.press([.char("w"), .enter, .char("y")], &state)
    #expect(try String(contentsOfFile: files.a, encoding: .utf8) == original)
    // Two edits, two saves: each save is the file as last written plus that edit.
    state.focus = .settings
    state.settingRow = 1
    Self.press([.char("+")], &state)
    Self.press([.char("w"), .enter, .char("y")], &state)
    let once = try String(contentsOfFile: files.a, encoding: .utf8)
    #expect(ScenarioSourceEditLines.changed(original, once)?.count == 1)
    state.focus = .nodes
    state.nodeRow = 0
    state.nodeField = .watts
    Self.press([.char("+")], &state)
    Self.press([.char("w"), .enter, .char("y")], &state)
    let twice = try String(contentsOfFile: files.a, encoding: .utf8)
    #expect(
      ScenarioSourceEditLines.changed(once, twice)?.count == 1, "\(ScenarioSourceEditLines.changed(once, twice) ?? [])")
  }
}

/// The hospital sample as written by hand (one-line nodes, `4.0e13`, `radioWatts: 0`).
enum SampleFixturesText {
  static var hospital: [UInt8] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("PACTCoreTests/Fixtures/samples/hospital-consortium.json")
    return (try? Array(Data(contentsOf: url))) ?? []
  }
}

enum ScenarioSourceEditLines {
  /// The lines of `b` that differ from `a`'s, when both have as many lines.
  static func changed(_ a: String, _ b: String) -> [String]? {
    let x = a.split(separator: "\n", omittingEmptySubsequences: false)
    let y = b.split(separator: "\n", omittingEmptySubsequences: false)
    guard x.count == y.count else { return nil }
    return zip(x, y).filter { $0 != $1 }.map { String($1) }
  }
}

/// Issue 20: the knob chosen in the knob view is remembered after Esc.
@Suite struct KnobViewMemoryTests {
  @Test func theKnobChosenInTheKnobViewIsTheOneEditedAfterEsc() {
    var state = Fixtures.solvedState()
    state.focus = .settings
    state.settingRow = SettingField.knob(.lossBins).row
    _ = state.handle(.char("s"))
    #expect(state.view == .knobs)
    _ = state.handle(.right)  // the next knob
    let chosen = state.knobs.knob
    #expect(chosen != .lossBins)
    _ = state.handle(.escape)
    #expect(state.view == .panels)
    #expect(state.selectedSetting == .knob(chosen), "\(state.selectedSetting)")
  }
}

/// Issue 20: a method with no plan shows no figures, and the selected one's reason in full.
@Suite struct CompareNoPlanTests {
  @Test func aMethodWithNoPlanShowsDashesAndItsWholeReason() throws {
    let scenario = try Scenario.parse(SampleFixturesText.hospital, source: "hospital").scenario
    var state = AppState(scenario: scenario)
    state.size = (120, 40)
    _ = state.start()
    state.receive(
      SolveOutcome(generation: state.generation, scenario: scenario, result: PACTSolver(scenario: scenario).solve()))
    _ = state.handle(.char("c"))
    let results = Baselines.all().map { $0.run(on: scenario) }
    let took = state.receiveBaselines(generation: state.generation, results)
    #expect(took)
    let rows = state.compareRows
    let index = try #require(rows.firstIndex { $0.method == "fedcs" })
    #expect(rows[index].evaluation?.epochs.isEmpty ?? true, "fedcs has no plan on this scenario")
    while state.compare.row < index { _ = state.handle(.down) }
    let text = DashboardView.render(state).text
    let line = try #require(text.split(separator: "\n").first { $0.contains("fedcs ") && $0.contains("no plan") })
    #expect(!line.contains(" 0 J"), "no figures for a method without a plan: \(line)")
    #expect(line.contains("–         –       –"), "\(line)")
    #expect(text.contains("fedcs: no plan: epoch 1: no available node finishes within the per-epoch budget"), "\(text)")
    // At 80 columns the reason wraps onto the rows under the table, every word of it shown.
    state.size = (80, 24)
    let narrow = DashboardView.render(state).text
    let reason = "fedcs: \(CompareView.why(rows[index]))"
    let words = reason.split(separator: " ")
    #expect(reason.count > 78, "a reason longer than the view is wide")
    let lines = narrow.split(separator: "\n").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "┃ ")) }
    let start = try #require(lines.firstIndex { $0.hasPrefix("fedcs: no plan") }, "\(narrow)")
    let shown = lines[start...].prefix(4).joined(separator: " ").split(separator: " ")
    #expect(Array(shown.prefix(words.count)) == words, "\(narrow)")
  }
}
