import Foundation
import Testing

@testable import PACTCore

/// Where the digits fixtures (a copy of shared data's digits/) live in the test bundle.
enum DigitsFixtures {
  static var directory: URL {
    guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
      fatalError("the Fixtures resource folder is missing from the test bundle")
    }
    return url.appendingPathComponent("digits")
  }
  static var tracesPath: String { directory.appendingPathComponent("traces.csv").path }
  static var nodesPath: String { directory.appendingPathComponent("nodes.json").path }

  static func nodes() throws -> TraceNodes { try TraceNodes.load(path: nodesPath) }
  static func runs() throws -> [TraceRun] { try TraceRuns.load(path: tracesPath, nodes: nodes()) }
}

@Suite struct CalibrationParsingTests {
  static let header = "run,alpha,seed,policy,schedule,round,nodes,samples,remaining,train_loss,test_loss,test_acc"
  static let nodesJSON = """
    {"nodes": [{"id": "a", "samples": 64, "labelHistogram": [60, 4]},
               {"id": "b", "samples": 40, "labelHistogram": [0, 40]}]}
    """

  static func nodes() throws -> TraceNodes {
    try TraceNodes.decode(JSONParser.parse(nodesJSON))
  }

  /// The issues of parsing and building `rows` under the header.
  static func issues(_ text: String) -> [ScenarioIssue] {
    do {
      let records = try TraceCSV.parse(text)
      _ = try TraceRuns.build(records, nodes: nodes())
      return []
    } catch let error as InputError {
      return error.issues
    } catch {
      return [ScenarioIssue("", "\(error)")]
    }
  }

  @Test func goodTracesGiveUAndDelta() throws {
    let text = """
      \(Self.header)
      r1,1,0,all,none,0,,0,1.0,2.5,2.5,0.1
      r1,1,0,all,none,1,a;b,104,1.0,2.0,2.0,0.3
      r1,1,0,all,none,2,a,64,0.8,1.8,1.8,0.4

      """
    let runs = try TraceRuns.build(TraceCSV.parse(text), nodes: Self.nodes())
    #expect(runs.count == 1)
    let run = try #require(runs.first)
    #expect(run.initialLoss == 2.5)
    #expect(run.epochs.map(\.level) == [0, 1])
    // u = (64·2 + 40·2) / 104 = 2 for {a, b}; 2 for {a}.
    #expect(abs(run.epochs[0].meanSteps - 2) < 1e-12)
    #expect(abs(run.epochs[0].skew) < 1e-12)
    // {a}: p = (60, 4)/64, q = (60, 44)/104 → δ = |60/64 − 60/104|.
    #expect(abs(run.epochs[1].skew - abs(60.0 / 64 - 60.0 / 104)) < 1e-12)
  }

  @Test func crlfLineEndingsAreRead() throws {
    let text = "\(Self.header)\r\nr1,1,0,all,none,0,,0,1.0,2.5,2.5,0.1\r\nr1,1,0,all,none,1,a,64,1.0,2.0,2.0,0.3\r\n"
    #expect(try TraceCSV.parse(text).count == 2)
  }

  @Test func emptyFileIsAnError() {
    let issues = Self.issues("")
    #expect(issues.first?.path == "line 1")
    #expect(issues.first?.message.contains("empty") == true)
  }

  @Test func wrongHeaderNamesTheMissingColumn() {
    let issues = Self.issues(
      "run,alpha,seed,policy,schedule,round,nodes,samples,remaining,loss\nr1,1,0,all,none,0,,0,1.0,2.5\n")
    #expect(issues.count == 1)
    #expect(issues.first?.path == "line 1")
    #expect(issues.first?.message.contains("train_loss") == true)
  }

  @Test func raggedRowNamesItsLine() {
    let issues = Self.issues("\(Self.header)\nr1,1,0,all,none,0,,0,1.0,2.5,2.5,0.1\nr1,1,0,all,none,1,a,64,1.0,2.0\n")
    #expect(issues.map(\.path) == ["line 3"])
    #expect(issues.first?.message.contains("ragged") == true)
  }

  @Test func nonNumericLossNamesLineAndColumn() {
    let issues = Self.issues(
      "\(Self.header)\nr1,1,0,all,none,0,,0,1.0,2.5,2.5,0.1\nr1,1,0,all,none,1,a,64,1.0,nan?,2.0,0.3\n")
    #expect(issues.map(\.path) == ["line 3, column train_loss"])
  }

  @Test func unknownNodeIDNamesLineAndColumn() {
    let issues = Self.issues(
      "\(Self.header)\nr1,1,0,all,none,0,,0,1.0,2.5,2.5,0.1\nr1,1,0,all,none,1,a;zz,64,1.0,2.0,2.0,0.3\n")
    #expect(issues.map(\.path) == ["line 3, column nodes"])
    #expect(issues.first?.message.contains("\"zz\"") == true)
  }

  @Test func missingRoundZeroIsAnError() {
    let issues = Self.issues(
      "\(Self.header)\nr1,1,0,all,none,1,a,64,1.0,2.0,2.0,0.3\nr1,1,0,all,none,2,a,64,1.0,1.9,2.0,0.3\n")
    #expect(issues.map(\.path) == ["line 2, column round"])
    #expect(issues.first?.message.contains("no round 0") == true)
  }

  @Test func remainingOffTheLevelsIsAnError() {
    let issues = Self.issues(
      "\(Self.header)\nr1,1,0,all,none,0,,0,1.0,2.5,2.5,0.1\nr1,1,0,all,none,1,a,64,0.7,2.0,2.0,0.3\n")
    #expect(issues.map(\.path) == ["line 3, column remaining"])
  }

  @Test func everyBadRowIsReportedAtOnce() {
    let issues = Self.issues(
      "\(Self.header)\nr1,1,0,all,none,0,,0,1.0,2.5,2.5,0.1\nr1,1,0,all,none,x,a,64,1.0,2.0,2.0,0.3\nr1,1,0,all,none,2,a,64,2,1.9,2.0,0.3\n"
    )
    #expect(issues.map(\.path) == ["line 3, column round", "line 4, column remaining"])
  }

  @Test func nodesFileErrorsNameTheField() {
    #expect(throws: InputError.self) { try TraceNodes.decode(JSONParser.parse("{\"nodes\": [{\"id\": \"a\"}]}")) }
    do {
      _ = try TraceNodes.decode(JSONParser.parse("{\"nodes\": [{\"id\": \"a\", \"samples\": -3}]}"))
      Issue.record("negative samples were accepted")
    } catch let error as InputError {
      #expect(error.issues.first?.path == "nodes[0].samples")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func sharedDigitsTracesParse() throws {
    let runs = try DigitsFixtures.runs()
    #expect(runs.count == 210)
    #expect(runs.allSatisfy { $0.epochs.count == 40 })
    let all = try #require(runs.first { $0.id == "a1-s0-all-none" })
    #expect(all.epochs.allSatisfy { abs($0.skew) < 1e-12 && $0.level == 0 })
    let gradual = try #require(runs.first { $0.id == "a1-s0-all-gradual-every4-to8" })
    #expect(gradual.epochs.last?.level == 8)
    let early = try #require(runs.first { $0.id == "a1-s0-all-early-L5-at1" })
    #expect(early.epochs.first?.level == 5)
  }
}
