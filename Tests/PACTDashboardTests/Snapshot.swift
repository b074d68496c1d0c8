import Foundation
import PACTDashboard
import Testing

/// Compares a rendered buffer with `Snapshots/NAME.txt`; records it when
/// `PACT_RECORD_SNAPSHOTS=1` (or when the file does not exist yet, failing the test
/// so a missing snapshot is never silently accepted). On mismatch, prints a line diff.
///
/// With `styles: true` a second layer is compared too, `Snapshots/NAME.style.txt`: the
/// same grid with one letter per distinct style (foreground, background, modifiers) and
/// a legend of what each letter is — so focus, selection and theme changes, invisible
/// in the text, fail a test (as ratatui's buffer assertions compare styles).
func expectSnapshot(
  _ buffer: Buffer, _ name: String, styles: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
) {
  compareSnapshot(buffer.text + "\n", name, sourceLocation: sourceLocation)
  if styles { compareSnapshot(styleLayer(buffer), name + ".style", sourceLocation: sourceLocation) }
}

/// The style layer of `buffer`: a letter per cell, then the legend.
func styleLayer(_ buffer: Buffer) -> String {
  let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
  var codes: [Style: Character] = [:]
  var order: [Style] = []
  var rows: [String] = []
  for y in 0..<buffer.area.height {
    var row = ""
    for x in 0..<buffer.area.width {
      let style = buffer[x, y].style
      if codes[style] == nil {
        codes[style] = order.count < letters.count ? letters[order.count] : "?"
        order.append(style)
      }
      row.append(codes[style] ?? "?")
    }
    rows.append(row)
  }
  func describe(_ s: Style) -> String {
    var parts = ["fg \(s.fg.hex.isEmpty ? "default" : s.fg.hex)", "bg \(s.bg.hex.isEmpty ? "default" : s.bg.hex)"]
    let names: [(Modifiers, String)] = [
      (.bold, "bold"), (.dim, "dim"), (.underline, "underline"), (.reverse, "reverse"), (.italic, "italic"),
    ]
    for (m, n) in names where s.modifiers.contains(m) { parts.append(n) }
    return parts.joined(separator: " ")
  }
  let legend = order.map { "\(codes[$0] ?? "?") = \(describe($0))" }
  return (rows + ["", "legend:"] + legend).joined(separator: "\n") + "\n"
}

private func compareSnapshot(_ actual: String, _ name: String, sourceLocation: SourceLocation) {
  let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
  let file = directory.appendingPathComponent(name + ".txt")
  let record = ProcessInfo.processInfo.environment["PACT_RECORD_SNAPSHOTS"] == "1"
  guard !record, let expected = try? String(contentsOf: file, encoding: .utf8) else {
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try? actual.write(to: file, atomically: true, encoding: .utf8)
    if !record {
      Issue.record(
        "snapshot \(name) did not exist; recorded it — check it and run again", sourceLocation: sourceLocation)
    }
    return
  }
  if expected == actual { return }
  let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
  let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
  var diff: [String] = []
  for i in 0..<max(a.count, b.count) {
    let l = i < a.count ? String(a[i]) : "<none>"
    let r = i < b.count ? String(b[i]) : "<none>"
    if l != r { diff.append("line \(i + 1):\n  - \(l)\n  + \(r)") }
  }
  let lines = diff.prefix(20).joined(separator: "\n")
  Issue.record(
    "snapshot \(name) differs (PACT_RECORD_SNAPSHOTS=1 re-records):\n\(lines)", sourceLocation: sourceLocation)
}
