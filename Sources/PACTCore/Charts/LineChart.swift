/// A line or scatter chart with labelled axes (units in the labels), nice ticks,
/// horizontal reference lines (a target) and a legend at the right.
public struct LineChart: Sendable {
  /// One named series.
  public struct Series: Sendable {
    public var name: String
    public var points: [(x: Double, y: Double)]
    public var color: String
    /// Line width; 0 draws markers only.
    public var width: Double
    /// The SVG dash pattern; nil for a solid line.
    public var dash: String?
    /// Stroke opacity (a pinned "before" series is faded).
    public var opacity: Double
    public var markers: Bool
    /// A short label beside each point (e.g. the knob value), or empty.
    public var pointLabels: [String]
    /// Drawing order: higher layers are drawn on top (the legend keeps the given order).
    public var layer: Int

    /// A series of points with its label, colour and dash pattern.
    public init(
      name: String, points: [(x: Double, y: Double)], color: String, width: Double = 2, dash: String? = nil,
      opacity: Double = 1, markers: Bool = false, pointLabels: [String] = [], layer: Int = 0
    ) {
      self.layer = layer
      self.name = name
      self.points = points
      self.color = color
      self.width = width
      self.dash = dash
      self.opacity = opacity
      self.markers = markers
      self.pointLabels = pointLabels
    }
  }

  /// A horizontal line across the plot (e.g. the target loss).
  public struct ReferenceLine: Sendable {
    public var y: Double
    public var label: String
    public var color: String
    /// A horizontal guide line at `y` with its label.
    public init(y: Double, label: String, color: String = ChartStyle.axis) {
      self.y = y
      self.label = label
      self.color = color
    }
  }

  public var title: String
  public var subtitle: String
  public var xLabel: String
  public var yLabel: String
  public var series: [Series]
  public var references: [ReferenceLine]
  public var xLog: Bool
  public var integerX: Bool
  public var yIncludesZero: Bool
  public var width: Double
  public var height: Double

  /// A line chart of these series and guides, with titles and axes.
  public init(
    title: String, subtitle: String = "", xLabel: String, yLabel: String, series: [Series],
    references: [ReferenceLine] = [], xLog: Bool = false, integerX: Bool = false, yIncludesZero: Bool = false,
    width: Double = 960, height: Double = 540
  ) {
    self.title = title
    self.subtitle = subtitle
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.series = series
    self.references = references
    self.xLog = xLog
    self.integerX = integerX
    self.yIncludesZero = yIncludesZero
    self.width = width
    self.height = height
  }

  /// The chart as an SVG file.
  public func svg() -> String {
    var doc = SVGDocument(width: width, height: height)
    let all = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite && (!xLog || $0.x > 0) }
    let ys = all.map(\.y) + references.map(\.y)
    let xs = all.map(\.x)
    var xScale =
      xLog
      ? AxisScale.log((xs.min() ?? 1) / 1.15, (xs.max() ?? 10) * 1.15)
      : AxisScale.linear(xs.min() ?? 0, xs.max() ?? 1, count: 8)
    if integerX && xScale.kind == .linear && xScale.ticks.count > 1 && xScale.ticks[1] - xScale.ticks[0] < 1 {
      xScale = AxisScale.linear(xs.min() ?? 0, max(xs.max() ?? 1, (xs.min() ?? 0) + 1), count: 2)
    }
    let yScale = AxisScale.linear(ys.min() ?? 0, ys.max() ?? 1, count: 6, includeZero: yIncludesZero)

    let legendWidth = min(
      300,
      44 + (series.indices.map { ChartStyle.textWidth(legendName($0), size: ChartStyle.legendSize) }.max() ?? 60))
    let plot: PlotRect = (
      left: ChartAxes.left(fitting: yScale), top: subtitle.isEmpty ? 64.0 : 84.0, right: width - legendWidth - 24,
      bottom: height - 70
    )
    func px(_ x: Double) -> Double { plot.left + xScale.fraction(x) * (plot.right - plot.left) }
    func py(_ y: Double) -> Double { plot.bottom - yScale.fraction(y) * (plot.bottom - plot.top) }

    drawFrame(&doc, plot: plot)
    ChartAxes.ticks(&doc, plot: plot, y: yScale, py: py, x: xScale, px: px, xGrid: true)
    ChartAxes.lines(&doc, plot: plot)
    ChartAxes.titles(&doc, plot: plot, x: xLabel, xAt: height - 22, y: yLabel)

    for r in references {
      doc.line(x1: plot.left, y1: py(r.y), x2: plot.right, y2: py(r.y), stroke: r.color, width: 1.5, dash: "7 5")
      doc.text(r.label, x: plot.left + 8, y: py(r.y) - 7, size: ChartStyle.tickSize, fill: r.color)
    }
    // Series, lowest layer first (stable within a layer).
    let drawOrder = series.indices.sorted { (series[$0].layer, $0) < (series[$1].layer, $1) }.map { series[$0] }
    for s in drawOrder {
      let pts = s.points.filter { $0.x.isFinite && $0.y.isFinite && (!xLog || $0.x > 0) }.map {
        (x: px($0.x), y: py($0.y))
      }
      if s.width > 0 { doc.polyline(pts, stroke: s.color, width: s.width, dash: s.dash, opacity: s.opacity) }
      if s.markers || pts.count == 1 {
        for p in pts { doc.circle(cx: p.x, cy: p.y, r: 4.5, fill: s.color, stroke: "#ffffff") }
      }
      // Point labels sit above their point; one too close to the previous label moves
      // below it, or higher when the point is near the x axis (where the ticks are).
      var previous: (x: Double, y: Double)? = nil
      for (p, label) in zip(pts, s.pointLabels) where !label.isEmpty {
        var at = (x: p.x + 7, y: p.y - 9)
        if let q = previous, abs(q.x - at.x) < 28, abs(q.y - at.y) < 16 {
          at.y = plot.bottom - p.y < 30 ? q.y - 16 : p.y + 19
        }
        doc.text(label, x: at.x, y: at.y, size: ChartStyle.tickSize, fill: s.color)
        previous = at
      }
    }
    // Legend: every series as drawn (colour, width, dash), in the given order; one that
    // draws the same curve as an earlier one says so ("exact = pact") instead of hiding.
    var ly = plot.top + 8
    for (i, s) in series.enumerated() {
      let x0 = width - legendWidth - 4
      if s.width > 0 {
        doc.line(
          x1: x0, y1: ly, x2: x0 + 28, y2: ly, stroke: s.color, width: max(2, s.width), dash: s.dash,
          opacity: s.opacity)
      }
      if s.markers || s.width == 0 { doc.circle(cx: x0 + 14, cy: ly, r: 4.5, fill: s.color, stroke: "#ffffff") }
      doc.text(legendName(i), x: x0 + 36, y: ly + 5, size: ChartStyle.legendSize, fill: ChartStyle.axis)
      ly += 24
    }
    return doc.render()
  }

  /// Series `i`'s legend text: its name, and "= NAME" when an earlier series draws the
  /// very same points (so a curve hidden under another is still accounted for).
  func legendName(_ i: Int) -> String {
    let s = series[i]
    guard !s.points.isEmpty, let same = series[..<i].first(where: { LineChart.samePoints($0.points, s.points) })
    else { return s.name }
    return "\(s.name) = \(same.name)"
  }

  /// Whether two series draw the same curve: the same points in the same order (the SVG
  /// legends and the dashboard's name coinciding series together by it).
  public static func samePoints(_ a: [(x: Double, y: Double)], _ b: [(x: Double, y: Double)]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.x == $1.x && $0.y == $1.y }
  }

  private func drawFrame(
    _ doc: inout SVGDocument, plot: PlotRect
  ) {
    doc.text(title, x: plot.left, y: 32, size: ChartStyle.titleSize, weight: "bold", fill: "#111111")
    if !subtitle.isEmpty {
      doc.text(subtitle, x: plot.left, y: 56, size: ChartStyle.labelSize - 1, fill: ChartStyle.muted)
    }
  }
}
