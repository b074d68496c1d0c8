import PACTCore

/// A labelled curve for ``LineChart``: points in data coordinates and a colour.
public struct ChartSeries: Equatable, Sendable {
  public var label: String
  public var points: [(x: Double, y: Double)]
  public var color: ThemeKey

  public init(label: String, points: [(x: Double, y: Double)], color: ThemeKey) {
    self.label = label
    self.points = points
    self.color = color
  }

  public static func == (a: ChartSeries, b: ChartSeries) -> Bool {
    a.label == b.label && a.color == b.color && a.points.count == b.points.count
      && zip(a.points, b.points).allSatisfy { $0.x == $1.x && $0.y == $1.y }
  }
}

/// A guide line across the chart: horizontal at a y value or vertical at an x value.
public struct ChartGuide: Equatable, Sendable {
  public enum Axis: Sendable { case horizontal, vertical }
  public var axis: Axis
  public var value: Double
  public var label: String
  public var color: ThemeKey
  public init(_ axis: Axis, at value: Double, label: String, color: ThemeKey) {
    self.axis = axis
    self.value = value
    self.label = label
    self.color = color
  }
}

/// A braille line chart of any number of labelled series, with axes, tick
/// labels, guide lines and a legend. The data goes on a ``BrailleCanvas``.
public struct LineChart: View {
  public var series: [ChartSeries]
  public var guides: [ChartGuide]
  public var xLabel: (Double) -> String
  public var yLabel: (Double) -> String
  public var xTitle: String

  public init(
    series: [ChartSeries], guides: [ChartGuide] = [], xTitle: String = "",
    xLabel: @escaping (Double) -> String = { Format.number($0, digits: 3) },
    yLabel: @escaping (Double) -> String = { Format.number($0, digits: 3) }
  ) {
    self.series = series
    self.guides = guides
    self.xTitle = xTitle
    self.xLabel = xLabel
    self.yLabel = yLabel
  }

  /// Data ranges covering every series and guide, padded a little vertically.
  func ranges() -> (x: ClosedRange<Double>, y: ClosedRange<Double>)? {
    var xs: [Double] = []
    var ys: [Double] = []
    for s in series {
      for p in s.points where p.x.isFinite && p.y.isFinite {
        xs.append(p.x)
        ys.append(p.y)
      }
    }
    guard !xs.isEmpty else { return nil }
    for g in guides where g.value.isFinite {
      if g.axis == .horizontal { ys.append(g.value) } else { xs.append(g.value) }
    }
    var x0 = xs.min() ?? 0
    var x1 = xs.max() ?? 1
    var y0 = ys.min() ?? 0
    var y1 = ys.max() ?? 1
    if x1 <= x0 { x1 = x0 + 1 }
    if y1 <= y0 {
      y0 -= 0.5
      y1 += 0.5
    }
    let pad = (y1 - y0) * 0.04
    y0 = max(0, y0 - pad)
    y1 += pad
    if x0 > 0 && x0 < (x1 - x0) * 0.2 { x0 = 0 }
    return (x0...x1, y0...y1)
  }

  public func draw(into area: Rect, buffer: inout Buffer, theme: Theme) {
    guard area.width >= 12, area.height >= 4 else { return }
    guard let (xr, yr) = ranges() else {
      buffer.write("no data", in: area, row: area.height / 2, column: max(0, area.width / 2 - 3), theme.label)
      return
    }
    // Legend on the first row, x labels on the last, y labels on the left.
    let legendRow = area.row(0)
    var lx = legendRow.x
    for s in series {
      let text = "━ \(s.label)"
      lx = buffer.write(text, x: lx, y: legendRow.y, theme.role(s.color), maxWidth: legendRow.right - lx) + 2
    }
    for g in guides {
      let text = (g.axis == .horizontal ? "┄ " : "┆ ") + g.label
      if lx + text.displayWidth > legendRow.right { break }
      lx = buffer.write(text, x: lx, y: legendRow.y, theme.role(g.color), maxWidth: legendRow.right - lx) + 2
    }
    let yLabels = [yr.upperBound, (yr.lowerBound + yr.upperBound) / 2, yr.lowerBound].map(yLabel)
    let yWidth = min(8, (yLabels.map(\.displayWidth).max() ?? 4) + 1)
    let plot = Rect(x: area.x + yWidth + 1, y: area.y + 1, width: area.width - yWidth - 1, height: area.height - 3)
    guard plot.width >= 4, plot.height >= 2 else { return }
    // Axes.
    for y in plot.y..<plot.bottom { buffer.set(x: plot.x - 1, y: y, "│", theme.label) }
    buffer.set(x: plot.x - 1, y: plot.bottom, "└", theme.label)
    for x in plot.x..<plot.right { buffer.set(x: x, y: plot.bottom, "─", theme.label) }
    for (i, label) in yLabels.enumerated() {
      let y = [plot.y, plot.y + (plot.height - 1) / 2, plot.bottom - 1][i]
      buffer.write(pad(label, yWidth, right: true), x: area.x, y: y, theme.label)
      buffer.set(x: plot.x - 1, y: y, "┤", theme.label)
    }
    let xTicks = [xr.lowerBound, (xr.lowerBound + xr.upperBound) / 2, xr.upperBound]
    let xRow = plot.bottom + 1
    for (i, v) in xTicks.enumerated() {
      let text = xLabel(v)
      let col = [plot.x, plot.x + plot.width / 2 - text.displayWidth / 2, plot.right - text.displayWidth][i]
      buffer.write(text, x: max(plot.x - 1, col), y: xRow, theme.label)
    }
    if !xTitle.isEmpty {
      let col = plot.x + plot.width / 4 - xTitle.displayWidth / 2
      if col > plot.x + xLabel(xTicks[0]).displayWidth { buffer.write(xTitle, x: col, y: xRow, theme.label) }
    }

    func cellX(_ x: Double) -> Int {
      plot.x + Int(((x - xr.lowerBound) / (xr.upperBound - xr.lowerBound) * Double(plot.width - 1)).rounded())
    }
    func cellY(_ y: Double) -> Int {
      plot.y + Int(((yr.upperBound - y) / (yr.upperBound - yr.lowerBound) * Double(plot.height - 1)).rounded())
    }
    // Guides under the data.
    for g in guides where g.value.isFinite {
      let style = theme.role(g.color)
      switch g.axis {
      case .horizontal:
        let y = cellY(g.value)
        for x in plot.x..<plot.right { buffer.set(x: x, y: y, "┄", style) }
      case .vertical:
        let x = cellX(g.value)
        guard x >= plot.x, x < plot.right else { continue }
        for y in plot.y..<plot.bottom { buffer.set(x: x, y: y, "┆", style) }
      }
    }
    var canvas = BrailleCanvas(width: plot.width, height: plot.height)
    func dot(_ p: (x: Double, y: Double)) -> (Int, Int) {
      let dx = (p.x - xr.lowerBound) / (xr.upperBound - xr.lowerBound) * Double(canvas.dotWidth - 1)
      let dy = (yr.upperBound - p.y) / (yr.upperBound - yr.lowerBound) * Double(canvas.dotHeight - 1)
      return (Int(dx.rounded()), Int(dy.rounded()))
    }
    for s in series.reversed() {
      let pts = s.points.filter { $0.x.isFinite && $0.y.isFinite }.map(dot)
      let color = theme[s.color]
      if pts.count == 1 { canvas.set(pts[0].0, pts[0].1, color: color) }
      for (a, b) in zip(pts, pts.dropFirst()) { canvas.line(a.0, a.1, b.0, b.1, color: color) }
    }
    canvas.draw(into: &buffer, at: plot, base: theme.text)
  }
}
