import Foundation
import Testing

@testable import PACTCore

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite struct SVGChartTests {
  /// Parses `svg` with XMLParser; returns element names and all text, or nil when malformed.
  final class Collector: NSObject, XMLParserDelegate {
    var elements: [String] = []
    var text = ""
    var rootAttributes: [String: String] = [:]
    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      if elements.isEmpty { rootAttributes = attributes }
      elements.append(name)
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
      text += "\n"
    }
  }

  func parse(_ svg: String) -> Collector? {
    let parser = XMLParser(data: Data(svg.utf8))
    let collector = Collector()
    parser.delegate = collector
    return parser.parse() ? collector : nil
  }

  let scenario = BaselineTestScenarios.small()

  @Test func lossCurvesParseAndCarryAxesLegendAndTarget() throws {
    let comparison = Comparison.run(scenario, options: .init(exact: .never))
    let svg = ComparisonCharts.lossCurves(comparison, scenario: scenario).svg()
    let doc = try #require(parse(svg))
    #expect(doc.elements.first == "svg")
    #expect(doc.rootAttributes["viewBox"] != nil)
    #expect(doc.text.contains("Epoch"))
    #expect(doc.text.contains("Predicted training loss"))
    #expect(doc.text.contains("target 1.2"))
    #expect(doc.text.contains("pact"))
    #expect(doc.text.contains("oort"))
    #expect(doc.elements.filter { $0 == "polyline" }.count == comparison.rows.count)
  }

  @Test func energyBarsParseWithUnitsAndOneBarPerMethod() throws {
    let comparison = Comparison.run(scenario, options: .init(exact: .never))
    let doc = try #require(parse(ComparisonCharts.energyBars(comparison).svg()))
    #expect(doc.text.contains("Energy ("))
    for row in comparison.rows { #expect(doc.text.contains(row.method)) }
    // A plan that misses a goal says which, under its (hollow) bar; it never reads as cheaper.
    for row in comparison.rows where row.evaluation.map({ !$0.isFeasible && !$0.epochs.isEmpty }) == true {
      for reason in row.evaluation?.missedGoals?.components(separatedBy: ", ") ?? [] {
        #expect(doc.text.contains(reason), "\(row.method): \(reason)")
      }
    }
  }

  @Test func missedGoalsNameTheGoal() {
    let e = PlanEvaluation(
      plan: Plan(epochs: []), epochs: [], totalJoules: 0, totalSeconds: 9, finalLoss: 1,
      violations: ["final loss 1 is above the target 0.5", "total time 9 s is past the deadline 8 s"])
    #expect(e.missedGoals == "missed target, missed deadline")
  }

  @Test func sweepChartParses() throws {
    let sweep = try KnobSweep.run(scenario, knob: "timeBins", values: [4, 16], exact: false, repeats: 1)
    let doc = try #require(parse(ComparisonCharts.sweep(sweep).svg()))
    #expect(doc.text.contains("Solve time"))
    #expect(doc.text.contains("Energy gap (%)"))
  }

  @Test func textIsEscaped() throws {
    let chart = BarChart(
      title: "a < b & \"c\"", quantity: "Energy", unit: "J",
      bars: [.init(label: "x<y>&'z'", value: 3, color: "#000000"), .init(label: "none", value: nil, color: "#000000")])
    let doc = try #require(parse(chart.svg()))
    #expect(doc.text.contains("a < b & \"c\""))
    #expect(doc.text.contains("x<y>&'z'"))
    #expect(doc.text.contains("no plan"))
  }

  @Test func niceLinearTicks() {
    let scale = AxisScale.linear(0.27, 9.3, count: 5)
    #expect(scale.ticks == [0, 2, 4, 6, 8, 10])
    #expect(scale.label(2) == "2")
    let fine = AxisScale.linear(0.31, 0.58, count: 5)
    #expect(fine.ticks.first == 0.3)
    #expect(abs((fine.ticks.last ?? 0) - 0.6) < 1e-12)
    #expect(fine.ticks.count == 4)
    #expect(fine.label(0.4) == "0.4")
    let flat = AxisScale.linear(5, 5)
    #expect(flat.lower < 5 && flat.upper > 5)
  }

  @Test func logTicksArePowersOfTen() {
    let wide = AxisScale.log(0.0003, 40)
    #expect(wide.ticks == [0.0001, 0.001, 0.01, 0.1, 1, 10, 100])
    #expect(abs(wide.fraction(1) - 4.0 / 6.0) < 1e-12)
    let narrow = AxisScale.log(0.007, 0.016)
    #expect(narrow.lower == 0.005)
    #expect(narrow.upper == 0.02)
    #expect(narrow.ticks == [0.005, 0.01, 0.02])
    let decade = AxisScale.log(0.025, 0.06)
    #expect(decade.ticks == [0.02, 0.03, 0.05, 0.1].filter { $0 <= decade.upper })
    #expect(decade.lower == 0.02 && decade.upper == 0.1)
    let single = AxisScale.log(3, 3)
    #expect(single.lower < 3 && single.upper > 3)
  }
}
