import Foundation
import Testing

/// Bad input is refused with a reason naming where it is, never accepted quietly
/// (issue 12, items 10–16), running `pact` in process.
@Suite struct QuietNonsenseTests {
  static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
    try CalibrateCommandTests.run(arguments)
  }

  static func write(_ text: String, _ name: String, in dir: URL) throws -> String {
    let path = dir.appendingPathComponent(name).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// Item 10: subnormal or non-positive losses are errors naming line and column.
  @Test func subnormalLossesAreRejectedWithTheirPlace() throws {
    var rows = CalibrateCommandTests.run("r0", seed: 0, rate: 0.2, nodes: "a;b")
    rows[4] = rows[4].replacingOccurrences(of: ",0.5", with: ",0.5").components(separatedBy: ",").enumerated()
      .map { $0.offset == 9 ? "1e-320" : $0.element }.joined(separator: ",")
    rows[6] = rows[6].components(separatedBy: ",").enumerated().map { $0.offset == 9 ? "0" : $0.element }
      .joined(separator: ",")
    let dir = try CalibrateCommandTests.folder(rows)
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try Self.run([
      "calibrate", dir.appendingPathComponent("traces.csv").path, "--nodes",
      dir.appendingPathComponent("nodes.json").path,
    ])
    #expect(result.status == 2)
    #expect(result.err.contains("line 6, column train_loss: \"1e-320\" must be a positive number; it is too small"))
    #expect(result.err.contains("line 8, column train_loss: \"0\" must be a positive number"))
    #expect(!result.out.contains("\"loss\""), "no coefficients are printed")
  }

  /// Item 14: RFC 4180 quoting in traces is read as CSV, not as missing columns.
  @Test func quotedCSVHeaderAndFieldsAreRead() throws {
    let plain = CalibrateCommandTests.run("r0", seed: 0, rate: 0.2, nodes: "a;b")
    let quoted = plain.map { row in
      row.components(separatedBy: ",").map { "\"\($0)\"" }.joined(separator: ",")
    }
    let dir = try CalibrateCommandTests.folder(quoted)
    defer { try? FileManager.default.removeItem(at: dir) }
    let traces = dir.appendingPathComponent("traces.csv")
    let header = CalibrateCommandTests.header.components(separatedBy: ",").map { "\"\($0)\"" }.joined(separator: ",")
    try ([header] + quoted).joined(separator: "\r\n").write(to: traces, atomically: true, encoding: .utf8)
    let result = try Self.run([
      "calibrate", traces.path, "--nodes", dir.appendingPathComponent("nodes.json").path, "--starts", "2",
    ])
    #expect(result.status == 0, "\(result.err)")
    #expect(result.out.contains("calibrated pact-v1 on 1 runs"))
    // An unclosed quote names its line.
    try ([CalibrateCommandTests.header] + plain.prefix(3) + ["\"r0,1,0"]).joined(separator: "\n")
      .write(to: traces, atomically: true, encoding: .utf8)
    let broken = try Self.run(["calibrate", traces.path, "--nodes", dir.appendingPathComponent("nodes.json").path])
    #expect(broken.status == 2)
    #expect(broken.err.contains("line 5: a quoted field is never closed"), "\(broken.err)")
  }

  /// Item 11: plan files reject duplicate keys, as scenario files do.
  @Test func planFilesRejectDuplicateKeys() throws {
    let dir = try CLICommandsTests.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let scenario = CLICommandsTests.sample("tight-deadline-prune-early.json")
    let plan = try Self.write(
      #"{"epochs": [{"epoch": 1, "nodes": ["n0"], "level": 0, "level": 1}], "totals": {"joules": 1, "joules": 2}}"#,
      "plan.json", in: dir)
    let result = try Self.run(["evaluate", scenario, plan])
    #expect(result.status == 2)
    #expect(result.err.contains("epochs[0].level: appears more than once"), "\(result.err)")
    #expect(result.err.contains("totals.joules: appears more than once"))
  }

  /// Item 12: a million bad node ids give 50 errors and a count of the rest.
  @Test func errorListsStopAfterFifty() throws {
    let dir = try CLICommandsTests.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ids = (0..<200_000).map { "\"x\($0)\"" }.joined(separator: ",")
    let plan = try Self.write(#"{"epochs": [{"epoch": 1, "nodes": [\#(ids)], "level": 0}]}"#, "plan.json", in: dir)
    let result = try Self.run(["evaluate", CLICommandsTests.sample("tight-deadline-prune-early.json"), plan])
    #expect(result.status == 2)
    let lines = result.err.split(separator: "\n")
    #expect(lines.count <= 53, "\(lines.count) lines")
    #expect(result.err.contains("200000 errors"))
    #expect(result.err.contains("… and 199950 more errors not shown"))
  }

  /// Item 15: an overflow names the input that causes it and says it is too small.
  @Test func overflowNamesTheTinyDivisor() throws {
    let dir = try CLICommandsTests.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    var text = try String(contentsOfFile: CLICommandsTests.sample("hospital-consortium.json"), encoding: .utf8)
    let first = try #require(text.range(of: #""flops": "#))
    let end = try #require(text[first.upperBound...].firstIndex(of: ","))
    text.replaceSubrange(first.upperBound..<end, with: "1e-300")
    let path = try Self.write(text, "tiny.json", in: dir)
    let result = try Self.run(["validate", path])
    #expect(result.status == 2)
    #expect(result.err.contains("nodes[0].flops = 1e-300 is too small (it divides)"), "\(result.err)")
    #expect(!result.err.contains("too large"))
  }

  /// Item 16: the help texts point at docs/MODEL.md, which exists in the repository.
  @Test func helpTextsPointAtTheRepositorysModelPage() throws {
    for command in ["solve", "evaluate", "validate", "calibrate"] {
      let help = try Self.run([command, "--help"]).out
      #expect(!help.contains("spec/MODEL.md"), "\(command) --help")
    }
    #expect(FileManager.default.fileExists(atPath: CLICommandsTests.root.appendingPathComponent("docs/MODEL.md").path))
  }
}

/// Every relative link of the README files resolves inside a clone (issue 12, item 16).
@Suite struct DocumentationLinkTests {
  @Test func everyRelativeLinkResolves() throws {
    let root = CLICommandsTests.root
    for page in ["README.md", "sample-scenarios/README.md"] {
      let url = root.appendingPathComponent(page)
      let text = try String(contentsOf: url, encoding: .utf8)
      let pattern = try NSRegularExpression(pattern: #"\]\(([^)#\s]+)(#[^)]*)?\)"#)
      for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        guard let range = Range(match.range(at: 1), in: text) else { continue }
        let target = String(text[range])
        if target.hasPrefix("http://") || target.hasPrefix("https://") { continue }
        let resolved = url.deletingLastPathComponent().appendingPathComponent(target).standardized.path
        #expect(FileManager.default.fileExists(atPath: resolved), "\(page) links to \(target), which is missing")
        #expect(resolved.hasPrefix(root.standardized.path), "\(page) links outside the repository: \(target)")
      }
    }
  }
}
