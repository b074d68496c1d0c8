import Foundation
import PACTCore
import Testing

@testable import PACTDashboard

@Suite struct CastRecorderTests {
  @Test func recordsAHeaderAndOneEventPerFlushedFrame() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("cast-\(UUID().uuidString).cast").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let memory = MemoryBackend(width: 30, height: 6)
    let recorder = try CastRecorder(wrapping: memory, path: path)
    let terminal = Terminal(backend: recorder)
    var buffer = Buffer(width: 30, height: 6)
    buffer.write("hello 世界", in: buffer.area, row: 2, Style(fg: .rgb(255, 0, 0), modifiers: [.bold]))
    terminal.draw(buffer)
    terminal.draw(buffer)  // nothing changed: no event
    recorder.shutdown()
    // The wrapped backend saw the frame.
    #expect(memory.screen.text.contains("hello 世界"))
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 3)
    let header = try #require(
      JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    #expect(header["version"] as? Int == 2)
    #expect(header["width"] as? Int == 30 && header["height"] as? Int == 6)
    let event = try #require(JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [Any])
    #expect(event.count == 3 && event[1] as? String == "o")
    let text = try #require(event[2] as? String)
    #expect(text.contains("\u{1B}[3;1H"))
    #expect(text.contains("\u{1B}[0;1;38;2;255;0;0mhello 世界"))
  }

  @Test func unwritablePathThrows() {
    #expect(throws: CastError.self) {
      _ = try CastRecorder(wrapping: MemoryBackend(width: 10, height: 3), path: "/nonexistent-dir/x.cast")
    }
  }

  /// `--idle-limit`: the header says it and no recorded pause is longer; `M` writes markers.
  @Test func anIdleLimitCutsLongPausesAndMarkersAreEvents() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("cast-\(UUID().uuidString).cast").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let recorder = try CastRecorder(wrapping: MemoryBackend(width: 10, height: 2), path: path, idleLimit: 0.05)
    let terminal = Terminal(backend: recorder)
    for word in ["one", "two", "three"] {
      var buffer = Buffer(width: 10, height: 2)
      buffer.write(word, in: buffer.area, row: 0, Style())
      terminal.draw(buffer)
      Thread.sleep(forTimeInterval: 0.2)
    }
    #expect(recorder.mark("knobs") == 1)
    recorder.shutdown()
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    let header = try #require(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    #expect(header["idle_time_limit"] as? Double == 0.05)
    let events = try lines.dropFirst().map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [Any]) }
    let times = events.compactMap { $0[0] as? Double }
    #expect(times.count == events.count)
    for (a, b) in zip(times, times.dropFirst()) { #expect(b - a <= 0.051, "a pause of \(b - a) s") }
    #expect(events.contains { $0[1] as? String == "m" && $0[2] as? String == "knobs" })
  }

  @Test func theMarkerKeyNeedsARecording() {
    var state = Fixtures.solvedState()
    #expect(state.handle(.char("M")).isEmpty)
    #expect(state.message?.kind == .error)
    state.recording = true
    state.message = nil
    let effects = state.handle(.char("M"))
    #expect(effects == [.castMarker(label: "nodes")])
    state.didMark(1)
    #expect(state.message?.text == "marker 1 in the cast")
  }
}
