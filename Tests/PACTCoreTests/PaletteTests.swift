import Foundation
import Testing

@testable import PACTCore

/// One look per method and guide, the same on every chart.
@Suite struct PaletteTests {
  @Test func everyMethodAndGuideHasItsOwnColour() {
    let colours = Palette.all.map { $0.look.color.lowercased() }
    #expect(Set(colours).count == colours.count, "\(Palette.all.map { "\($0.name) \($0.look.color)" })")
    #expect(Palette.baselines == Baselines.all().map(\.name))
    // Each method has its own dashboard slot too.
    let methods = ["pact", "exact"] + Palette.baselines
    let roles = methods.map { Palette.look(method: $0).role }
    #expect(Set(roles.map { "\($0)" }).count == methods.count)
  }

  /// The colour each chart draws a method in, read back from its SVG.
  static func colours(in svg: String, names: [String]) -> [String: String] {
    // Legend entries: a line (or circle) with a stroke/fill, then the text naming it.
    var out: [String: String] = [:]
    let lines = svg.split(separator: "\n").map(String.init)
    for (i, line) in lines.enumerated() where i > 0 {
      for name in names where line.contains(">\(name)<") || line.contains(">\(name) ") || line.contains(">\(name) =") {
        let before = lines[i - 1]
        if let r = before.range(of: #"(stroke|fill)="(#[0-9A-Fa-f]{6})""#, options: .regularExpression) {
          out[name] = String(before[r].suffix(8).dropLast())
        }
      }
    }
    return out
  }

  /// A method keeps its colour from the comparison's loss chart to its bar and to the
  /// frontier with baselines (they used to colour by position and alphabetically).
  @Test func aMethodKeepsItsColourFromChartToChart() throws {
    let scenario = ScenarioGenerator(nodes: 5, epochs: 8, levels: 3).make(seed: 4)
    let comparison = Comparison.run(scenario, options: .init(exact: .never))
    let methods = ["pact"] + Palette.baselines
    let loss = Self.colours(in: ComparisonCharts.lossCurves(comparison, scenario: scenario).svg(), names: methods)
    let frontier = Frontier.compute(scenario, vary: .deadline, options: .init(points: 4, baselines: true))
    let front = Self.colours(in: FrontierChart(frontier: frontier).svg(), names: methods + ["PACT"])
    var checked = 0
    for m in methods {
      let expected = Palette.look(method: m).color
      if let c = loss[m] {
        #expect(c == expected, "\(m) in the loss chart")
        checked += 1
      }
      if let c = front[m == "pact" ? "PACT" : m] {
        #expect(c == expected, "\(m) in the frontier chart")
        checked += 1
      }
    }
    #expect(checked >= 4, "loss \(loss), frontier \(front)")
    let bars = ComparisonCharts.energyBars(comparison).svg()
    for row in comparison.rows where row.evaluation?.epochs.isEmpty == false {
      #expect(bars.contains(Palette.look(method: row.method).color), "\(row.method)'s bar")
    }
  }

  /// Series that coincide say so in the legend instead of one hiding the other.
  @Test func coincidingSeriesAreNamedTogether() {
    let points = [(x: 0.0, y: 2.0), (x: 1, y: 1)]
    let chart = LineChart(
      title: "t", xLabel: "x", yLabel: "y",
      series: [
        .init(name: "pact", points: points, color: Palette.pact.color),
        .init(name: "exact", points: points, color: Palette.exact.color, dash: Palette.exact.dash),
      ])
    #expect(chart.svg().contains(">exact = pact<"))
  }

  /// Every breakpoint the frontier lists is drawn (numbered) and listed under the chart.
  @Test func theFrontierChartDrawsEveryBreakpoint() throws {
    let s = try Scenario.parse(SampleFixtures.bytes("hospital-consortium.json")).scenario
    let f = Frontier.compute(s, vary: .deadline, options: .init(points: 12))
    #expect(f.breakpoints.count >= 5)
    let svg = FrontierChart(frontier: f).svg()
    for (i, b) in f.breakpoints.enumerated() {
      let listed = "\(i + 1). \(b.change)".replacingOccurrences(of: "→", with: "→")
      #expect(svg.contains(">\(i + 1)<"), "marker \(i + 1)")
      #expect(svg.contains(listed.replacingOccurrences(of: "&", with: "&amp;")), "line \(i + 1)")
    }
  }

  /// A long before-and-after sentence goes on two lines inside the page, never off its edge.
  @Test func aLongDifferenceWrapsInsideThePage() throws {
    let s = try Scenario.parse(SampleFixtures.bytes("hospital-consortium.json")).scenario
    let f = Frontier.compute(s, vary: .deadline, options: .init(points: 6))
    let words = Array(repeating: "nodes[h-oslo].watts 350 → 200", count: 8).joined(separator: ", ") + ": +57 J"
    let chart = FrontierChart(frontier: f, against: f, againstLabel: "before.json", comparison: words)
    let lines = ChartStyle.wrap(
      "now vs before.json: \(words)", width: chart.width - 100, size: ChartStyle.labelSize, bold: true, maxLines: 2)
    #expect(lines.count == 2)
    #expect(lines[1].hasSuffix("…"))
    for line in lines {
      #expect(ChartStyle.textWidth(line, size: ChartStyle.labelSize) * 1.1 <= chart.width - 100)
      #expect(chart.svg().contains(">\(line.replacingOccurrences(of: "&", with: "&amp;"))<"))
    }
    #expect(ChartStyle.wrap("short", width: 500, size: 14, maxLines: 2) == ["short"])
  }
}

/// Every number pact prints fits a column at any magnitude.
@Suite struct FormatExtremesTests {
  @Test func numbersStayShortAtAnyMagnitude() {
    for exponent in stride(from: -320, through: 308, by: 7) {
      let x = 1.234_567 * pow(10, Double(exponent))
      guard x.isFinite, x > 0 else { continue }
      #expect(Format.number(x).count <= 10, "\(x): \(Format.number(x))")
      #expect(Format.joules(x).count <= 10, "\(x): \(Format.joules(x))")
      #expect(Format.si(-x, unit: "").count <= 10, "\(x): \(Format.si(-x, unit: ""))")
      #expect(Format.seconds(x).count <= 10, "\(x): \(Format.seconds(x))")
    }
    #expect(Format.joules(1e30) == "1 QJ")
    #expect(Format.si(1e30, unit: "") == "1 Q")
    #expect(Format.joules(4.26e-15) == "4.26 fJ")
    #expect(Format.joules(1.5e36) == "1.5e36 J")
    #expect(Format.number(3.2e-5) == "3.2e-5")
    #expect(Format.seconds(1e9) == "31.7 y")
    #expect(Format.seconds(5 * 86_400) == "5 d")
    #expect(Format.seconds(3 * 3600 + 20 * 60) == "3h 20m")
    // Solve times: a column of 10 keeps a space before them (compare view, knob view).
    for exponent in -9 ... -1 {
      for mantissa in [1.0, 1.234_567, 9.999] {
        let x = mantissa * pow(10, Double(exponent))
        #expect(Format.elapsed(x).count <= 8, "\(x): \(Format.elapsed(x))")
      }
    }
    #expect(Format.elapsed(8.05e-6) == "8.05 µs")
    #expect(Format.elapsed(0.0225) == "22.5 ms")
  }
}
