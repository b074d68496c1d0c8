import Foundation
import Testing

@testable import PACTCore

/// The figures the sample pages quote are the solver's current output: every energy in
/// sample-scenarios/README.md's table and the plan energy of digits-fedavg.md (generated
/// by sample-scenarios/digits-fedavg.sh) match a solve of the file, to the three
/// significant digits printed. A solver change that moves a figure fails here until the
/// page is updated.
@Suite struct SampleFiguresTests {
  static func page(_ name: String) -> String {
    String(
      decoding: (try? InputFile.read(SampleFixtures.directory.appendingPathComponent(name).path)) ?? [], as: UTF8.self)
  }

  /// "1.32 kJ" → 1320.
  static func joules(_ text: Substring) -> Double? {
    let parts = text.split(separator: " ")
    guard parts.count == 2, let v = Double(parts[0]) else { return nil }
    switch parts[1] {
    case "J": return v
    case "kJ": return v * 1e3
    case "MJ": return v * 1e6
    default: return nil
    }
  }

  static func solvedJoules(_ file: String) throws -> Double? {
    let s = try Scenario.parse(SampleFixtures.bytes(file), source: file).scenario
    return PACTSolver(scenario: s).solve().evaluation.flatMap { $0.isFeasible ? $0.totalJoules : nil }
  }

  @Test func readmeTableMatchesTheSolver() throws {
    var checked = 0
    for line in Self.page("README.md").split(separator: "\n") where line.hasPrefix("| `") {
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      guard cells.count >= 4, let quoted = cells[0].split(separator: "`").first else { continue }
      let file = String(quoted)
      guard let first = cells[3].split(separator: ",").first, let quotedJ = Self.joules(first[...]) else { continue }
      let solved = try #require(try Self.solvedJoules(file), "\(file): no feasible plan")
      #expect(abs(solved - quotedJ) / solved < 0.006, "\(file): README says \(first), the solver gives \(solved) J")
      checked += 1
    }
    #expect(checked >= 5)
  }

  @Test func digitsPageMatchesTheSolver() throws {
    let page = Self.page("digits-fedavg.md")
    let marker = "PACT (default knobs): **"
    let start = try #require(page.range(of: marker)?.upperBound)
    let end = try #require(page[start...].range(of: "**")?.lowerBound)
    let quoted = try #require(Self.joules(page[start..<end]))
    let solved = try #require(try Self.solvedJoules("digits-fedavg.json"))
    #expect(abs(solved - quoted) / solved < 0.006, "digits-fedavg.md says \(quoted) J, the solver gives \(solved) J")
  }
}
