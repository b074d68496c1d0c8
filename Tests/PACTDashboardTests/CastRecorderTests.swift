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
}
