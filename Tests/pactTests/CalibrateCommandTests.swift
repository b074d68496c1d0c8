import Foundation
import Testing

/// `pact calibrate` end to end, in process, on small trace files written to a temporary folder.
@Suite struct CalibrateCommandTests {
  static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
    PACTRunner.run(arguments)
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
      "--holdout", "1", "--run", "r2", "--starts", "2", "--model", "pact-v1",
    ])
    #expect(result.status == 0, "\(result.err)")
    #expect(result.out.contains("\"loss\": { \"model\": \"pact-v1\""))
    #expect(result.out.contains("held-out (seed 1): 1 runs"))
    #expect(result.out.contains("run r2: rollout MAPE"))
    #expect(result.out.contains("● real"))
  }

  /// Rows of a run on levels 1, 0.75, 0.5 (pruned at rounds 6 and 12).
  static func otherLevelsRun(_ id: String, seed: Int, rate: Double) -> [String] {
    var rows = ["\(id),1,\(seed),p,none,0,,0,1.0,2.0,2.0,0.1"]
    var loss = 2.0
    for k in 1...16 {
      let remaining = k < 6 ? 1.0 : (k < 12 ? 0.75 : 0.5)
      loss = 0.2 + (loss - 0.2) * exp(-rate * remaining)
      rows.append("\(id),1,\(seed),p,none,\(k),a;b,0,\(remaining),\(loss),\(loss),0.5")
    }
    return rows
  }

  @Test func fitsTracesOfOtherLevelsAndBatchFromAScenarioChoosingByValidation() throws {
    let dir = try Self.folder(
      Self.otherLevelsRun("r0", seed: 0, rate: 0.3) + Self.otherLevelsRun("r1", seed: 1, rate: 0.25)
        + Self.otherLevelsRun("r2", seed: 2, rate: 0.28))
    defer { try? FileManager.default.removeItem(at: dir) }
    let scenario = """
      {"name": "other", "model": {"name": "m", "parameters": 1000, "flopsPerSample": 1e4,
        "pruningLevels": [1, 0.75, 0.5], "deployRemaining": 1},
       "training": {"epochs": 16, "targetLoss": 0.5, "deadlineSeconds": 100, "initialLoss": 2, "batchSize": 16,
        "localEpochs": 2},
       "nodes": [{"id": "a", "flops": 1e9, "watts": 1, "uplinkBitsPerSecond": 1e6, "downlinkBitsPerSecond": 1e6,
        "samples": 64, "labelHistogram": [60, 4]}],
       "loss": {"rate": 0.1, "stepsExponent": 0, "remainingExponent": 1, "floor": 0.2, "floorGrowth": 0,
        "floorExponent": 1, "pruneShock": 0, "skewPenalty": 0}}
      """
    let scenarioPath = dir.appendingPathComponent("s.json").path
    try scenario.write(toFile: scenarioPath, atomically: true, encoding: .utf8)
    let traces = dir.appendingPathComponent("traces.csv").path
    let nodes = dir.appendingPathComponent("nodes.json").path
    let result = try Self.run([
      "calibrate", traces, "--nodes", nodes, "--scenario", scenarioPath, "--starts", "2", "--into", scenarioPath,
    ])
    #expect(result.status == 0, "\(result.err)")
    #expect(result.out.contains("leave-one-seed-out over seeds 0, 1, 2"))
    for form in ["pact-v1", "pact-v2", "pact-v3"] { #expect(result.out.contains("  \(form) ")) }
    #expect(result.out.contains("← chosen"))
    #expect(result.out.contains("\"band\": { \"low\": ["))
    let written = try String(contentsOfFile: scenarioPath, encoding: .utf8)
    #expect(written.contains("\"band\""))
    // The same traces read with the digits levels: a remaining of 0.75 matches none, named by line.
    let digits = try Self.run(["calibrate", traces, "--nodes", nodes])
    #expect(digits.status == 2)
    #expect(digits.err.contains("line 8, column remaining: 0.75 is not one of the pruning levels"))
    // Flags instead of a scenario.
    let flags = try Self.run([
      "calibrate", traces, "--nodes", nodes, "--levels", "1,0.75,0.5", "--batch", "16", "--model", "pact-v3",
      "--starts", "1",
    ])
    #expect(flags.status == 0, "\(flags.err)")
    #expect(flags.out.contains("\"model\": \"pact-v3\""))
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
