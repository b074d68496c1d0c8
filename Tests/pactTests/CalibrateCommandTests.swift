import Foundation
import Testing

/// `pact calibrate` end to end: the built binary on small trace files written to a temporary folder.
@Suite struct CalibrateCommandTests {
  /// The `pact` binary of this build: next to the test bundle, or `.build/debug/pact` from the package root.
  static var binary: URL? {
    let candidates = [
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("pact"),
      Bundle.main.bundleURL.appendingPathComponent("pact"),
      URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent(".build/debug/pact"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }

  static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
    let binary = try #require(Self.binary, "the pact binary was not built")
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
  }

  static let header = "run,alpha,seed,policy,schedule,round,nodes,samples,remaining,train_loss,test_loss,test_acc"
  static let nodes = """
    {"nodes": [{"id": "a", "samples": 64, "labelHistogram": [60, 4]},
               {"id": "b", "samples": 40, "labelHistogram": [0, 40]}]}
    """

  /// A folder with `nodes.json` and `traces.csv` holding `rows`.
  static func folder(_ rows: [String]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pact-calibrate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try nodes.write(to: dir.appendingPathComponent("nodes.json"), atomically: true, encoding: .utf8)
    try ([header] + rows).joined(separator: "\n").write(
      to: dir.appendingPathComponent("traces.csv"), atomically: true, encoding: .utf8)
    return dir
  }

  /// Rows of a run whose loss decays toward 0.3 (seed `seed`, set {a, b} or {a}).
  static func run(_ id: String, seed: Int, rate: Double, nodes: String) -> [String] {
    var rows = ["\(id),1,\(seed),p,none,0,,0,1.0,2.3,2.3,0.1"]
    var loss = 2.3
    for k in 1...20 {
      loss = 0.3 + (loss - 0.3) * exp(-rate)
      let remaining = k < 10 ? "1.0" : "0.8"
      rows.append("\(id),1,\(seed),p,none,\(k),\(nodes),0,\(remaining),\(loss),\(loss),0.5")
    }
    return rows
  }

  @Test func fitsAndReportsHeldOutRuns() throws {
    let dir = try Self.folder(
      Self.run("r0", seed: 0, rate: 0.2, nodes: "a;b") + Self.run("r1", seed: 0, rate: 0.12, nodes: "a")
        + Self.run("r2", seed: 1, rate: 0.19, nodes: "a;b"))
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try Self.run([
      "calibrate", dir.appendingPathComponent("traces.csv").path, "--nodes",
      dir.appendingPathComponent("nodes.json").path,
      "--holdout", "1", "--run", "r2", "--starts", "2",
    ])
    #expect(result.status == 0, "\(result.err)")
    #expect(result.out.contains("\"loss\": { \"model\": \"pact-v1\""))
    #expect(result.out.contains("held-out (seed 1): 1 runs"))
    #expect(result.out.contains("run r2: rollout MAPE"))
    #expect(result.out.contains("● real"))
  }

  @Test func badTracesExitTwoNamingLineAndColumn() throws {
    var rows = Self.run("r0", seed: 0, rate: 0.2, nodes: "a;b")
    rows[3] = rows[3].replacingOccurrences(of: "a;b", with: "a;zz")
    let dir = try Self.folder(rows)
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try Self.run([
      "calibrate", dir.appendingPathComponent("traces.csv").path, "--nodes",
      dir.appendingPathComponent("nodes.json").path,
    ])
    #expect(result.status == 2)
    #expect(result.err.contains("line 5, column nodes: unknown node id \"zz\""))
  }

  @Test func missingNodesOptionIsAUsageError() throws {
    let result = try Self.run(["calibrate", "traces.csv"])
    #expect(result.status == 2)
    #expect(result.err.contains("--nodes FILE is required"))
  }
}
