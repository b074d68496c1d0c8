import Foundation
import Testing

@testable import PACTCommands

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Every subcommand end to end, in process, on the repository's sample scenarios.
@Suite struct CLICommandsTests {
  /// The package root, from this file's path.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func sample(_ name: String) -> String {
    root.appendingPathComponent("sample-scenarios/\(name)").path
  }

  static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
    PACTRunner.run(arguments)
  }

  /// A fresh temporary folder, removed by the caller.
  static func folder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pact-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  static func json(_ text: String) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try #require(value as? [String: Any], "not a JSON object: \(text.prefix(200))")
  }

  // MARK: validate

  @Test func validateAcceptsASampleScenario() throws {
    let result = try Self.run(["validate", Self.sample("digits-fedavg.json")])
    #expect(result.status == 0, "\(result.err)")
    #expect(result.out.contains("valid"))
  }

  @Test func validateNamesTheBrokenFieldAndExitsTwo() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let text = try String(contentsOfFile: Self.sample("digits-fedavg.json"), encoding: .utf8)
    var scenario = try Self.json(text)
    var nodes = try #require(scenario["nodes"] as? [[String: Any]])
    nodes[1]["uplinkBitsPerSecond"] = -3
    scenario["nodes"] = nodes
    let file = dir.appendingPathComponent("broken.json")
    try JSONSerialization.data(withJSONObject: scenario).write(to: file)
    let before = try Data(contentsOf: file)
    let result = try Self.run(["validate", file.path])
    #expect(result.status == 2)
    #expect(result.err.contains("nodes[1].uplinkBitsPerSecond"), "\(result.err)")
    #expect(try Data(contentsOf: file) == before, "validate must not touch the file")
  }

  // MARK: solve and evaluate

  @Test func solvePrintsATableWithTotals() throws {
    let result = try Self.run(["solve", Self.sample("hospital-consortium.json")])
    #expect(result.status == 0, "\(result.err)")
    #expect(result.out.contains("pact: "))
    #expect(result.out.contains("epochs"))
  }

  @Test func solveJSONRoundTripsThroughEvaluate() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    for name in ["digits-fedavg.json", "hospital-consortium.json", "tight-deadline-prune-early.json"] {
      let solved = try Self.run(["solve", Self.sample(name), "--json"])
      #expect(solved.status == 0, "\(name): \(solved.err)")
      let plan = dir.appendingPathComponent("plan-\(name)")
      try solved.out.write(to: plan, atomically: true, encoding: .utf8)
      let evaluated = try Self.run(["evaluate", Self.sample(name), plan.path, "--json"])
      #expect(evaluated.status == 0, "\(name): \(evaluated.err)")
      let a = try #require(try Self.json(solved.out)["totals"] as? [String: Any])
      let b = try #require(try Self.json(evaluated.out)["totals"] as? [String: Any])
      for key in ["joules", "seconds", "loss"] {
        let x = try #require(a[key] as? Double, "\(name): solve totals.\(key)")
        let y = try #require(b[key] as? Double, "\(name): evaluate totals.\(key)")
        #expect(x == y, "\(name): totals.\(key) \(x) from solve, \(y) from evaluate")
      }
      #expect(a["feasible"] as? Bool == true)
      #expect(b["feasible"] as? Bool == true)
    }
  }

  @Test func solveOnAnInfeasibleSampleExitsOneWithReasons() throws {
    let result = try Self.run(["solve", Self.sample("infeasible-deploy-floor.json")])
    #expect(result.status == 1, "\(result.err)")
    #expect(result.out.contains("infeasible"))
    #expect(result.out.contains("  - "), "no reasons listed: \(result.out)")
  }

  @Test func evaluateWithAnUnknownNodeNamesThePath() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let plan = dir.appendingPathComponent("plan.json")
    try #"{"epochs": [{"nodes": ["no-such-node"], "level": 0}]}"#.write(to: plan, atomically: true, encoding: .utf8)
    let result = try Self.run(["evaluate", Self.sample("digits-fedavg.json"), plan.path])
    #expect(result.status == 2)
    #expect(result.err.contains("epochs[0].nodes[0]"), "\(result.err)")
    #expect(result.err.contains("no-such-node"), "\(result.err)")
  }

  // MARK: compare, sweep, plot, export

  @Test func compareJSONListsMethodsAndPACTIsNoWorseThanFeasibleBaselines() throws {
    let result = try Self.run(["compare", Self.sample("hospital-consortium.json"), "--json"])
    #expect(result.status == 0, "\(result.err)")
    let methods = try #require(try Self.json(result.out)["methods"] as? [[String: Any]])
    #expect(methods.count >= 3)
    for m in methods {
      for key in ["method", "joules", "seconds", "loss", "feasible"] {
        #expect(m[key] != nil, "method \(m["method"] ?? "?") lacks \(key)")
      }
    }
    let pact = try #require(methods.first { $0["method"] as? String == "pact" })
    let pactJoules = try #require(pact["joules"] as? Double)
    #expect(pact["feasible"] as? Bool == true)
    var feasibleBaselines = 0
    for m in methods where m["feasible"] as? Bool == true {
      let name = m["method"] as? String ?? "?"
      guard name != "pact", name != "exact", let joules = m["joules"] as? Double else { continue }
      feasibleBaselines += 1
      #expect(pactJoules <= joules, "pact \(pactJoules) J > \(name) \(joules) J")
    }
    #expect(feasibleBaselines > 0, "no feasible baseline to compare with")
  }

  @Test func sweepOverLossBins() throws {
    let result = try Self.run([
      "sweep", Self.sample("hospital-consortium.json"), "--knob", "lossBins=8,32", "--repeats", "1", "--json",
    ])
    #expect(result.status == 0, "\(result.err)")
    let points = try #require(try Self.json(result.out)["points"] as? [[String: Any]])
    #expect(points.compactMap { $0["value"] as? Int } == [8, 32])
    for p in points { #expect((p["joules"] as? Double).map { $0 > 0 } == true) }
  }

  /// Collects element names while parsing.
  final class SVGCollector: NSObject, XMLParserDelegate {
    var elements: [String] = []
    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      elements.append(elementName)
    }
  }

  @Test func plotWritesAParseableSVG() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    for kind in ["loss", "energy"] {
      let out = dir.appendingPathComponent("\(kind).svg")
      let result = try Self.run(["plot", Self.sample("hospital-consortium.json"), "--svg", out.path, "--kind", kind])
      #expect(result.status == 0, "\(kind): \(result.err)")
      let data = try Data(contentsOf: out)
      let parser = XMLParser(data: data)
      let collector = SVGCollector()
      parser.delegate = collector
      #expect(parser.parse(), "\(kind): \(parser.parserError.map { "\($0)" } ?? "parse failed")")
      #expect(collector.elements.first == "svg")
      #expect(collector.elements.count > 10, "\(kind): only \(collector.elements.count) elements")
    }
  }

  @Test func exportWritesAnMPSFileWithEverySection() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("graph.mps")
    let result = try Self.run(["export", Self.sample("tight-deadline-prune-early.json"), "--mps", out.path])
    #expect(result.status == 0, "\(result.err)")
    let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").map(String.init)
    var last = -1
    for section in ["ROWS", "COLUMNS", "RHS", "BOUNDS", "ENDATA"] {
      let index = try #require(lines.firstIndex { $0.hasPrefix(section) }, "no \(section) section")
      #expect(index > last, "\(section) out of order")
      last = index
    }
    #expect(lines.last(where: { !$0.isEmpty }) == "ENDATA")
  }

  /// `PACT_THREADS=1` (serial candidate generation) prints the same plan as the default (all cores).
  @Test func serialAndParallelRunsPrintTheSamePlan() throws {
    let binary = try #require(PACTRunner.binary, "the pact binary was not built")
    let generated = try Self.run(["bench", "--generate", "40,20,4,5"])
    try #require(generated.status == 0, "\(generated.err)")
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("generated.json")
    try generated.out.write(to: file, atomically: true, encoding: .utf8)
    func solve(threads: String?) throws -> String {
      let process = Process()
      process.executableURL = binary
      process.arguments = ["solve", file.path, "--json"]
      var environment = ProcessInfo.processInfo.environment
      environment["PACT_THREADS"] = threads
      process.environment = environment
      let out = Pipe()
      process.standardOutput = out
      process.standardError = FileHandle.nullDevice
      try process.run()
      let data = out.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      #expect(process.terminationStatus == 0 || process.terminationStatus == 1)
      return String(decoding: data, as: UTF8.self)
    }
    /// The plan's part of the JSON (the statistics hold timings, which differ).
    func plan(_ text: String) throws -> String {
      var json = try Self.json(text)
      json["statistics"] = nil
      return String(decoding: try JSONSerialization.data(withJSONObject: json, options: .sortedKeys), as: UTF8.self)
    }
    let parallel = try solve(threads: nil)
    #expect(parallel.contains("\"epochs\""))
    #expect(try plan(solve(threads: "1")) == plan(parallel))
  }

  // MARK: usage errors

  @Test func unknownSubcommandExitsTwo() throws {
    let result = try Self.run(["frobnicate"])
    #expect(result.status == 2)
    #expect(result.err.contains("unknown subcommand"))
  }

  @Test(arguments: ["solve", "validate", "compare", "export"])
  func unknownOptionExitsTwo(_ command: String) throws {
    let required = command == "export" ? ["--mps", "/nonexistent-folder/out.mps"] : []
    let result = try Self.run([command, Self.sample("digits-fedavg.json"), "--no-such-option"] + required)
    #expect(result.status == 2, "\(command): \(result.out) \(result.err)")
    #expect(result.err.contains("no-such-option"), "\(command): \(result.err)")
  }

  @Test(arguments: ["solve", "compare", "sweep"])
  func negativeTimeBudgetIsAUsageError(_ command: String) throws {
    let knob = command == "sweep" ? ["--knob", "lossBins=8,16"] : []
    let result = try Self.run([command, Self.sample("digits-fedavg.json"), "--time-budget", "-1"] + knob)
    #expect(result.status == 2, "\(command): \(result.err)")
    #expect(result.err.contains("--time-budget: must be at least 0 seconds"), "\(command): \(result.err)")
  }

  /// The binary itself: main.swift hands its arguments and exit code through.
  @Test func theBinaryExitsWithTheCommandsCode() throws {
    let valid = try PACTRunner.spawn(["validate", Self.sample("hospital-consortium.json")])
    #expect(valid.status == 0, "\(valid.err)")
    #expect(valid.out.contains("valid"))
    let broken = try PACTRunner.spawn(["solve", "/nonexistent/scenario.json"])
    #expect(broken.status == 2)
    #expect(broken.err.contains("/nonexistent/scenario.json"))
  }

  /// Every option a command declares is one it reads (debug builds assert it when the
  /// arguments are finished) and one its --help lists; an undeclared one is refused.
  @Test(arguments: CommandLineInterface.subcommands.map { $0.name })
  func everyDeclaredOptionIsReadAndListed(_ command: String) throws {
    let required: [String: [String]] = [
      "frontier": ["--vary", "deadline"], "plot": ["--svg", "/nonexistent-folder/out.svg"],
      "export": ["--mps", "/nonexistent-folder/out.mps"], "sweep": ["--knob", "lossBins=2"],
      "calibrate": ["--nodes", "/nonexistent-folder/nodes.json"],
    ]
    let result = try Self.run([command, "--zz-undeclared"] + (required[command] ?? []))
    #expect(result.status == 2, "\(command): \(result.err)")
    #expect(result.err.contains("unknown option --zz-undeclared"), "\(command): \(result.err)")
    let help = try Self.run([command, "--help"])
    #expect(help.status == 0)
    let subcommand = try #require(CommandLineInterface.subcommands.first { $0.name == command })
    for option in subcommand.help.options {
      #expect(help.out.contains("  \(option.form)"), "\(command): \(option.form) not in --help")
    }
  }

  @Test func missingFileExitsTwoNamingIt() throws {
    let result = try Self.run(["solve", "/nonexistent/scenario.json"])
    #expect(result.status == 2)
    #expect(result.err.contains("/nonexistent/scenario.json"))
  }
}
