import Foundation
import PACTDashboard
import Testing

/// Compares a rendered buffer with `Snapshots/NAME.txt`; records it when
/// `PACT_RECORD_SNAPSHOTS=1` (or when the file does not exist yet, failing the test
/// so a missing snapshot is never silently accepted). On mismatch, prints a line diff.
func expectSnapshot(_ buffer: Buffer, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
  let file = directory.appendingPathComponent(name + ".txt")
  let actual = buffer.text + "\n"
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
