import Foundation
import Testing

@testable import PACTCommands

/// Issue 20: before and after on the command line — `--against FILE` draws another
/// scenario's plan or frontier beside this one and says the difference in words.
@Suite struct AgainstTests {
  /// hospital-consortium with one node's power cut: the "after" of a what-if.
  static func cheaperScenario(in dir: URL) throws -> String {
    var text = try String(contentsOfFile: CLICommandsTests.sample("hospital-consortium.json"), encoding: .utf8)
    let old = #""watts": 350"#
    #expect(text.contains(old))
    text = text.replacingOccurrences(of: old, with: #""watts": 200"#)
    let path = dir.appendingPathComponent("cheaper.json").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func compareAndPlotDrawThePinnedPlanWithTheDifference() throws {
    let dir = try CLICommandsTests.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let after = try Self.cheaperScenario(in: dir)
    let before = CLICommandsTests.sample("hospital-consortium.json")
    let svg = dir.appendingPathComponent("energy.svg").path
    let r = try CLICommandsTests.run(["compare", after, "--against", before, "--svg", svg])
    #expect(r.status == 0, "\(r.err)")
    #expect(r.out.contains("now vs hospital-consortium.json: nodes[h-berlin].watts 350 → 200: -"), "\(r.out)")
    let chart = try String(contentsOfFile: svg, encoding: .utf8)
    #expect(chart.contains(">hospital-con"), "the pinned bar's label")
    #expect(chart.contains("fill-opacity=\"0.55\""), "the pinned bar is faded")
    let loss = dir.appendingPathComponent("loss.svg").path
    let p = try CLICommandsTests.run(["plot", after, "--kind", "loss", "--against", before, "--svg", loss])
    #expect(p.status == 0, "\(p.err)")
    let lossChart = try String(contentsOfFile: loss, encoding: .utf8)
    #expect(lossChart.contains(">pact, hospital-consortium.json<"))
    #expect(lossChart.contains("stroke-dasharray=\"5 4\""))
    // JSON carries it too.
    let j = try CLICommandsTests.run(["compare", after, "--against", before, "--json"])
    let object = try CLICommandsTests.json(j.out)
    let against = try #require(object["against"] as? [String: Any])
    #expect((against["difference"] as? String)?.contains("watts 350 → 200") == true)
  }

  @Test func frontierAgainstAddsAPinnedColumnAndARelativeAxis() throws {
    let dir = try CLICommandsTests.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let after = try Self.cheaperScenario(in: dir)
    let before = CLICommandsTests.sample("hospital-consortium.json")
    let svg = dir.appendingPathComponent("f.svg").path
    let r = try CLICommandsTests.run([
      "frontier", after, "--vary", "deadline", "--points", "8", "--against", before, "--relative", "--svg", svg,
    ])
    #expect(r.status == 0, "\(r.err)")
    #expect(r.out.contains("pinned"), "\(r.out)")
    #expect(r.out.contains("now vs pinned: nodes[h-berlin].watts 350 → 200"), "\(r.out)")
    let chart = try String(contentsOfFile: svg, encoding: .utf8)
    #expect(chart.contains("Energy vs this scenario&apos;s plan (%)"))
    #expect(chart.contains(">PACT, hospital-consortium.json<"))
    // A chosen y range.
    let ranged = try CLICommandsTests.run([
      "frontier", after, "--vary", "deadline", "--points", "5", "--y-from", "500", "--y-to", "2000", "--svg", svg,
    ])
    #expect(ranged.status == 0, "\(ranged.err)")
    #expect(try String(contentsOfFile: svg, encoding: .utf8).contains("clip-path"))
    let bad = try CLICommandsTests.run(["frontier", after, "--vary", "deadline", "--y-from", "5"])
    #expect(bad.status == 2)
    #expect(bad.err.contains("--y-from and --y-to go together"))
  }
}
