/// A ``Frontier`` as a slide chart: energy against the varied goal as a step curve
/// (a plan meets every looser value too, so the energy holds until the next point),
/// the infeasible side shaded and labelled, the scenario's own value marked, the
/// breakpoints numbered on the curve and listed under the plot, the exact optimum's
/// curve when computed and each baseline's energy where it is feasible.
///
/// For before-and-after slides: a pinned frontier (``against``) is drawn beside the live
/// one, faded and dashed in PACT's colour and named in the legend, with the difference in
/// words under the title (``comparison``); the y axis can show the change relative to
/// this scenario's own plan (``relative``) and take a chosen range (``yRange``; data
/// past it is cut at the plot's edge).
public struct FrontierChart: Sendable {
  public var frontier: Frontier
  public var width: Double
  public var height: Double
  /// A pinned frontier to draw beside this one, and its name in the legend.
  public var against: Frontier?
  public var againstLabel: String
  /// The difference in words (``PlanDifference/words``), shown under the title.
  public var comparison: String?
  /// The y axis as the change in energy relative to this scenario's own plan (%).
  public var relative: Bool
  /// The y axis range, in joules (or % with ``relative``); nil fits the data.
  public var yRange: ClosedRange<Double>?

  /// The chart of `frontier` at this size in pixels.
  public init(
    frontier: Frontier, width: Double = 1100, height: Double = 640, against: Frontier? = nil,
    againstLabel: String = "pinned", comparison: String? = nil, relative: Bool = false,
    yRange: ClosedRange<Double>? = nil
  ) {
    self.frontier = frontier
    self.width = width
    self.height = height
    self.against = against
    self.againstLabel = againstLabel
    self.comparison = comparison
    self.relative = relative
    self.yRange = yRange
  }

  /// The chart as an SVG file.
  public func svg() -> String {
    let f = frontier
    // Every breakpoint is drawn and listed: the page grows by a line for each.
    let notes = f.breakpoints
    let height = self.height + Double(max(0, notes.count - 4)) * 20
    var doc = SVGDocument(width: width, height: height)
    // A lone value far beyond the others (the scenario's 1e9 s deadline beside plans of
    // 200 s) does not stretch the axis: the curve runs to the edge, the value is named there.
    var xs = f.points.map(\.value)
    var farValue: Double? = nil
    if xs.count >= 3, let last = xs.last, last - xs[xs.count - 2] > 2 * (xs[xs.count - 2] - xs[0]) {
      farValue = last
      xs.removeLast()
    }
    if let a = against { xs += a.points.map(\.value).filter { v in farValue.map { v < $0 } ?? true } }
    // The y values: joules (with an SI prefix) or the change relative to this scenario's plan.
    let ref = f.referenceJoules ?? 1
    let energies =
      (f.points + (against?.points ?? [])).flatMap { p in
        [p.joules, p.exactJoules].compactMap { $0 } + p.baselines.map(\.joules)
      }
    let (factor, prefix) = AxisScale.siPrefix(for: energies.max() ?? 1)
    func y(_ joules: Double) -> Double { relative ? (joules / ref - 1) * 100 : joules / factor }
    let xScale = AxisScale.linear(xs.min() ?? 0, (xs.max() ?? 1) * (farValue == nil ? 1 : 1.04), count: 8)
    let ys = energies.map(y)
    let yScale: AxisScale
    if let r = yRange {
      let lo = relative ? r.lowerBound : r.lowerBound / factor
      let hi = relative ? r.upperBound : r.upperBound / factor
      yScale = AxisScale.linear(lo, hi, count: 6)
    } else if relative {
      yScale = AxisScale.linear(min(0, ys.min() ?? 0), max(0, ys.max() ?? 1), count: 6, includeZero: true)
    } else {
      yScale = AxisScale.linear(0, ys.max() ?? 1, count: 6, includeZero: true)
    }
    let names = legendEntries()
    let legendWidth = min(
      260, 44 + (names.map { ChartStyle.textWidth($0.name, size: ChartStyle.legendSize) }.max() ?? 60))
    // The difference in words, on up to two lines under the subtitle.
    let comparisonLines =
      comparison.map {
        ChartStyle.wrap(
          "now vs \(againstLabel): \($0)", width: width - 100, size: ChartStyle.labelSize, bold: true, maxLines: 2)
      } ?? []
    let top = 84.0 + 22 * Double(comparisonLines.count)
    let plot: PlotRect = (
      left: ChartAxes.left(fitting: yScale), top: top, right: width - legendWidth - 24,
      bottom: height - 70 - Double(notes.count) * 20
    )
    func px(_ x: Double) -> Double { plot.left + xScale.fraction(x) * (plot.right - plot.left) }
    func py(_ joules: Double) -> Double { plot.bottom - yScale.fraction(y(joules)) * (plot.bottom - plot.top) }

    doc.text(
      "Least energy vs \(f.parameter.title) — \(f.scenario)", x: plot.left, y: 32, size: ChartStyle.titleSize,
      weight: "bold", fill: "#111111")
    doc.text(
      "PACT's plan at each value (a step: a plan meets every looser value too); numbered: where the plan changes",
      x: plot.left, y: 56, size: ChartStyle.labelSize, fill: ChartStyle.muted)
    for (i, line) in comparisonLines.enumerated() {
      doc.text(
        line, x: plot.left, y: 80 + 22 * Double(i), size: ChartStyle.labelSize, weight: "bold",
        fill: Palette.pact.color)
    }
    // The infeasible side: from the left edge to the first feasible value.
    if let firstFeasible = f.points.firstIndex(where: \.isFeasible), firstFeasible > 0 {
      let edge = (f.points[firstFeasible - 1].value + f.points[firstFeasible].value) / 2
      doc.rect(
        x: plot.left, y: plot.top, width: max(0, px(edge) - plot.left), height: plot.bottom - plot.top,
        fill: "#BBBBBB", opacity: 0.35)
      let band = px(edge) - plot.left
      doc.text(
        "infeasible", x: band > 90 ? (plot.left + px(edge)) / 2 : plot.left + 6, y: plot.bottom - 12,
        size: ChartStyle.labelSize, anchor: band > 90 ? "middle" : "start", weight: "bold", fill: ChartStyle.axis)
    } else if !f.points.contains(where: \.isFeasible) {
      doc.rect(
        x: plot.left, y: plot.top, width: plot.right - plot.left, height: plot.bottom - plot.top, fill: "#BBBBBB",
        opacity: 0.35)
      doc.text(
        "infeasible at every value", x: (plot.left + plot.right) / 2, y: (plot.top + plot.bottom) / 2,
        size: ChartStyle.labelSize, anchor: "middle", weight: "bold", fill: ChartStyle.axis)
    }
    // Grid, ticks, axes.
    ChartAxes.ticks(
      &doc, plot: plot, y: yScale,
      py: { plot.bottom - yScale.fraction($0) * (plot.bottom - plot.top) }, x: xScale, px: px)
    ChartAxes.lines(&doc, plot: plot)
    ChartAxes.titles(
      &doc, plot: plot, x: f.parameter.title, xAt: plot.bottom + 46,
      y: relative ? "Energy vs this scenario's plan (%)" : "Energy (\(prefix)J)")
    // The points drawn (not the far value), and where their curves end.
    let shown = f.points.filter { farValue == nil || $0.value < farValue! }
    let right = farValue == nil ? px(xs.max() ?? 0) : plot.right
    if let far = farValue {
      let look = Palette.thisScenario
      let label = "\(far == f.scenarioValue ? "this scenario" : "last value"): \(f.parameter.format(far)) →"
      doc.text(label, x: plot.right, y: plot.top + 14, size: ChartStyle.tickSize, anchor: "end", fill: look.color)
    }
    // The scenario's own value (its label turned inward when it would run into the legend).
    if farValue != f.scenarioValue, xScale.fraction(f.scenarioValue) >= 0 && xScale.fraction(f.scenarioValue) <= 1 {
      let x = px(f.scenarioValue)
      let look = Palette.thisScenario
      doc.line(x1: x, y1: plot.top, x2: x, y2: plot.bottom, stroke: look.color, width: look.width, dash: look.dash)
      let label = "this scenario"
      let fits = x + 6 + ChartStyle.textWidth(label, size: ChartStyle.tickSize) <= plot.right
      doc.text(
        label, x: fits ? x + 6 : x - 6, y: plot.top + 14, size: ChartStyle.tickSize, anchor: fits ? "start" : "end",
        fill: look.color)
    }
    // The data, clipped to the plot (a chosen y range cuts what lies past it).
    doc.beginClippedGroup(
      x: plot.left - 6, y: plot.top - 6, width: plot.right - plot.left + 12, height: plot.bottom - plot.top + 12)
    // The pinned frontier under everything: PACT's colour, faded and dashed.
    if let a = against {
      let pinned = a.points.compactMap { p in p.joules.map { (value: p.value, joules: $0) } }
      doc.polyline(
        step(pinned, px, py, right: right), stroke: Palette.pact.color, width: Palette.pact.width * 0.8,
        dash: Palette.pinnedDash, opacity: Palette.pinnedOpacity)
    }
    // Baselines (markers where feasible), then the exact curve, then PACT on top, each in
    // its palette look (the same on every chart).
    for method in baselineMethods() {
      let look = Palette.look(method: method)
      let pts = shown.compactMap { p in
        p.baselines.first { $0.method == method }.map { (x: px(p.value), y: py($0.joules)) }
      }
      doc.polyline(pts, stroke: look.color, width: look.width, dash: look.dash)
      for p in pts { doc.circle(cx: p.x, cy: p.y, r: 3.5, fill: look.color, stroke: "#ffffff") }
    }
    let exact = shown.compactMap { p in p.exactJoules.map { (value: p.value, joules: $0) } }
    doc.polyline(
      step(exact, px, py, right: right), stroke: Palette.exact.color, width: Palette.exact.width,
      dash: Palette.exact.dash)
    let pact = shown.compactMap { p in p.joules.map { (value: p.value, joules: $0) } }
    doc.polyline(step(pact, px, py, right: right), stroke: Palette.pact.color, width: Palette.pact.width)
    for p in pact {
      doc.circle(cx: px(p.value), cy: py(p.joules), r: 4, fill: Palette.pact.color, stroke: "#ffffff")
    }
    doc.endGroup()
    // Breakpoints: numbered on the curve (a number too close to the previous one stacks
    // above it, joined to its point by a thin line), explained under the plot.
    var previous: (x: Double, lift: Double)? = nil
    for (i, b) in notes.enumerated() {
      doc.text(
        "\(i + 1). \(b.change)", x: plot.left, y: plot.bottom + 70 + Double(i) * 20, size: ChartStyle.tickSize,
        fill: ChartStyle.axis)
      guard let point = f.points.first(where: { $0.value == b.value }), let j = point.joules else { continue }
      let (x, y) = (px(b.value), py(j))
      guard y >= plot.top, y <= plot.bottom else { continue }
      let lift = previous.map { abs($0.x - x) < 20 ? $0.lift + 20 : 18 } ?? 18
      previous = (x, lift)
      if lift > 18 { doc.line(x1: x, y1: y - 4, x2: x, y2: y - lift + 9, stroke: ChartStyle.axis, width: 0.75) }
      doc.circle(cx: x, cy: y - lift, r: 9, fill: "#ffffff", stroke: ChartStyle.axis)
      doc.text(
        "\(i + 1)", x: x, y: y - lift + 4.5, size: 12, anchor: "middle", weight: "bold", fill: ChartStyle.axis)
    }
    // Legend.
    var ly = plot.top + 8
    for entry in names {
      let x0 = width - legendWidth - 4
      doc.line(
        x1: x0, y1: ly, x2: x0 + 28, y2: ly, stroke: entry.color, width: entry.width, dash: entry.dash,
        opacity: entry.opacity)
      doc.text(entry.name, x: x0 + 36, y: ly + 5, size: ChartStyle.legendSize, fill: ChartStyle.axis)
      ly += 24
    }
    return doc.render()
  }

  /// The baselines drawn, in the palette's order.
  func baselineMethods() -> [String] {
    let present = Set(frontier.points.flatMap { $0.baselines.map(\.method) })
    return Palette.baselines.filter(present.contains) + present.subtracting(Palette.baselines).sorted()
  }

  /// The legend: exactly what is drawn, as drawn — PACT, the pinned frontier, the exact
  /// optimum, the baselines that appear (one whose energies coincide with an earlier
  /// entry's says so), the scenario's own value.
  func legendEntries() -> [(name: String, color: String, width: Double, dash: String?, opacity: Double)] {
    var out: [(name: String, color: String, width: Double, dash: String?, opacity: Double)] = [
      ("PACT", Palette.pact.color, Palette.pact.width, nil, 1)
    ]
    if against != nil {
      out.append(
        (
          "PACT, \(againstLabel)", Palette.pact.color, Palette.pact.width * 0.8, Palette.pinnedDash,
          Palette.pinnedOpacity
        ))
    }
    var drawn: [(name: String, values: [Double: Double])] = [
      ("PACT", Dictionary(frontier.points.compactMap { p in p.joules.map { (p.value, $0) } }) { a, _ in a })
    ]
    func entry(_ name: String, _ look: Palette.Look, values: [Double: Double]) {
      let same = drawn.first { !values.isEmpty && $0.values == values }
      out.append((same.map { "\(name) = \($0.name)" } ?? name, look.color, look.width, look.dash, 1))
      drawn.append((name, values))
    }
    let exact = Dictionary(frontier.points.compactMap { p in p.exactJoules.map { (p.value, $0) } }) { a, _ in a }
    if !exact.isEmpty { entry("exact optimum", Palette.exact, values: exact) }
    for m in baselineMethods() {
      let values = Dictionary(
        frontier.points.compactMap { p in p.baselines.first { $0.method == m }.map { (p.value, $0.joules) } }
      ) { a, _ in a }
      entry(m, Palette.look(method: m), values: values)
    }
    if frontier.scenarioValue.isFinite {
      let look = Palette.thisScenario
      out.append(("this scenario", look.color, look.width, look.dash, 1))
    }
    return out
  }

  /// A step path through (value, joules) points: each energy holds until the next value.
  func step(
    _ points: [(value: Double, joules: Double)], _ px: (Double) -> Double, _ py: (Double) -> Double, right: Double
  ) -> [(x: Double, y: Double)] {
    var out: [(x: Double, y: Double)] = []
    for (i, p) in points.enumerated() {
      out.append((px(p.value), py(p.joules)))
      let end = i + 1 < points.count ? px(points[i + 1].value) : right
      out.append((end, py(p.joules)))
    }
    return out
  }
}
