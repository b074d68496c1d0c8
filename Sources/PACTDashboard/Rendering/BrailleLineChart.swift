import Foundation
import PACTCore

/// A labelled curve for ``LineChart``: points in data coordinates and a colour.
public struct ChartSeries: Equatable, Sendable {
  public var label: String
  public var points: [(x: Double, y: Double)]
  public var color: ThemeKey
  /// Mark each point with a dot in a cell of its own (a scatter).
  public var markers: Bool
  /// A short label beside each point (the knob value), or empty.
  public var pointLabels: [String]
  /// Drawn dim (another series is the one being looked at).
  public var dimmed: Bool

  public init(
    label: String, points: [(x: Double, y: Double)], color: ThemeKey, markers: Bool = false,
    pointLabels: [String] = [], dimmed: Bool = false
  ) {
    self.label = label
    self.points = points
    self.color = color
    self.markers = markers
    self.pointLabels = pointLabels
    self.dimmed = dimmed
  }

  /// Whether the two series draw the same curve.
  func samePoints(as other: ChartSeries) -> Bool { LineChart.samePoints(points, other.points) }

  public static func == (a: ChartSeries, b: ChartSeries) -> Bool {
    a.label == b.label && a.color == b.color && a.samePoints(as: b) && a.markers == b.markers
      && a.pointLabels == b.pointLabels && a.dimmed == b.dimmed
  }
}

/// A guide line across the chart: horizontal at a y value or vertical at an x value.
public struct ChartGuide: Equatable, Sendable {
  public enum Axis: Sendable { case horizontal, vertical }
  public var axis: Axis
  public var value: Double
  public var label: String
  public var color: ThemeKey
  /// The character the line is drawn with (dashed by default, so data stays readable).
  public var glyph: Character
  /// Shade everything left of a vertical guide (a range that has no data, such as
  /// goals no plan meets).
  public var shadesBefore: Bool
  public init(
    _ axis: Axis, at value: Double, label: String, color: ThemeKey, glyph: Character? = nil,
    shadesBefore: Bool = false
  ) {
    self.axis = axis
    self.value = value
    self.label = label
    self.color = color
    self.glyph = glyph ?? (axis == .horizontal ? "┄" : "┆")
    self.shadesBefore = shadesBefore
  }
}

/// A braille line chart of any number of labelled series, with axes, tick
/// labels, guide lines and a legend. The data goes on a ``BrailleCanvas``.
///
/// The legend never drops an entry silently: series that draw the same curve share
/// one entry (`PACT = exact`), entries wrap onto a second line, and what still does
/// not fit is counted (`+3 more`).
public struct BrailleLineChart: View {
  public var series: [ChartSeries]
  public var guides: [ChartGuide]
  public var xLabel: (Double) -> String
  public var yLabel: (Double) -> String
  public var xTitle: String
  /// A logarithmic x axis (every x must be positive).
  public var xLog: Bool

  public init(
    series: [ChartSeries], guides: [ChartGuide] = [], xTitle: String = "", xLog: Bool = false,
    xLabel: @escaping (Double) -> String = { Format.number($0, digits: 3) },
    yLabel: @escaping (Double) -> String = { Format.number($0, digits: 3) }
  ) {
    self.series = series
    self.guides = guides
    self.xTitle = xTitle
    self.xLog = xLog
    self.xLabel = xLabel
    self.yLabel = yLabel
  }

  /// The legend's entries, each in the colour (and dimness) its curve is drawn in:
  /// series with the same curve together, then the guides.
  func legendEntries() -> [(text: String, color: ThemeKey, dim: Bool)] {
    var entries: [(text: String, color: ThemeKey, dim: Bool, series: ChartSeries)] = []
    for s in series {
      if let i = entries.firstIndex(where: { $0.series.samePoints(as: s) && !s.points.isEmpty }) {
        entries[i].text += " = " + s.label
        // The curve shows in the colour of whichever of them is drawn on top.
        if !s.dimmed && entries[i].dim { (entries[i].color, entries[i].dim) = (s.color, false) }
      } else {
        entries.append(((s.markers ? "● " : "━ ") + s.label, s.color, s.dimmed, s))
      }
    }
    let r = ranges()
    return entries.map { ($0.text, $0.color, $0.dim) }
      + guides.map { g in
        let arrow = r.flatMap { offChart(g, $0) }.map { " \($0) off the chart" } ?? ""
        return ((g.shadesBefore ? "░ " : "\(g.glyph) ") + g.label + arrow, g.color, false)
      }
  }

  /// The legend laid out on at most `maxRows` rows of `width`: each row's entries, and
  /// how many did not fit.
  static func layout(_ entries: [(text: String, color: ThemeKey, dim: Bool)], width: Int, maxRows: Int) -> (
    rows: [[(text: String, color: ThemeKey, dim: Bool)]], hidden: Int
  ) {
    var rows: [[(text: String, color: ThemeKey, dim: Bool)]] = [[]]
    var used = 0
    for (i, e) in entries.enumerated() {
      let w = e.text.displayWidth + 2
      if used + w > width && !rows[rows.count - 1].isEmpty {
        if rows.count == maxRows { return (rows, entries.count - i) }
        rows.append([])
        used = 0
      }
      rows[rows.count - 1].append(e)
      used += w
    }
    return (rows, 0)
  }

  /// Whether a guide at `value` is too far from the data's range [lo, hi] to stretch the
  /// axis for it (a 1e9 s deadline beside a 200 s plan): more than twice the data's span
  /// beyond it. Such a guide is not drawn; its legend entry points off the chart.
  static func isFar(_ value: Double, from lo: Double, _ hi: Double) -> Bool {
    let span = max(hi - lo, abs(hi) * 1e-9, 1e-300)
    return value > hi + 2 * span || value < lo - 2 * span
  }

  /// The data's x values with a lone far outlier at either end left out: a point more
  /// than twice the span of the others beyond them is drawn toward the chart's edge.
  func dataXs() -> [Double] {
    let xs = series.flatMap(\.points).map(\.x).filter(\.isFinite)
    let distinct = Array(Set(xs)).sorted()
    guard distinct.count >= 3 else { return xs }
    var keep = distinct
    if let last = keep.last, Self.isFar(last, from: keep[0], keep[keep.count - 2]) { keep.removeLast() }
    if keep.count >= 3, Self.isFar(keep[0], from: keep[1], keep[keep.count - 1]) { keep.removeFirst() }
    return xs.filter { $0 >= keep[0] && $0 <= keep[keep.count - 1] }
  }

  /// Data ranges covering every series and the guides near them, padded a little
  /// vertically.
  func ranges() -> (x: ClosedRange<Double>, y: ClosedRange<Double>)? {
    var xs: [Double] = xLog ? series.flatMap(\.points).map(\.x).filter(\.isFinite) : dataXs()
    var ys: [Double] = []
    for s in series {
      for p in s.points
      where p.x.isFinite && p.y.isFinite && p.x >= (xs.min() ?? -.infinity)
        && p.x <= (xs.max() ?? .infinity)
      {
        ys.append(p.y)
      }
    }
    guard !xs.isEmpty, !ys.isEmpty else { return nil }
    let (dx0, dx1) = (xs.min() ?? 0, xs.max() ?? 1)
    let (dy0, dy1) = (ys.min() ?? 0, ys.max() ?? 1)
    for g in guides where g.value.isFinite {
      if g.axis == .horizontal {
        if !Self.isFar(g.value, from: dy0, dy1) { ys.append(g.value) }
      } else if !Self.isFar(g.value, from: dx0, dx1) {
        xs.append(g.value)
      }
    }
    var x0 = xs.min() ?? 0
    var x1 = xs.max() ?? 1
    var y0 = ys.min() ?? 0
    var y1 = ys.max() ?? 1
    if x1 <= x0 { x1 = x0 + 1 }
    // A flat series at 0 (a gap of 0 % everywhere) gets the axis 0…1: round ticks, the
    // line on the floor, nothing that reads as a scale of its own.
    let flatZero = y1 <= y0 && y0 == 0
    if y1 <= y0 {
      y0 -= 0.5
      y1 += 0.5
    }
    let pad = (y1 - y0) * 0.04
    // Never below 0 for data that is not (energies, losses); relative changes go negative.
    y0 = y0 >= 0 ? max(0, y0 - pad) : y0 - pad
    y1 += pad
    if x0 > 0 && x0 < (x1 - x0) * 0.2 { x0 = 0 }
    return (x0...x1, flatZero ? 0...1 : y0...y1)
  }

  /// The part of segment `a`–`b` inside [0, box.x] × [0, box.y] (Liang–Barsky), or nil.
  static func clip(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double), to box: (x: Double, y: Double))
    -> ((x: Double, y: Double), (x: Double, y: Double))?
  {
    var t0 = 0.0
    var t1 = 1.0
    let dx = b.x - a.x
    let dy = b.y - a.y
    for (p, q) in [(-dx, a.x), (dx, box.x - a.x), (-dy, a.y), (dy, box.y - a.y)] {
      if p == 0 {
        if q < 0 { return nil }
        continue
      }
      let r = q / p
      if p < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
      if t0 > t1 { return nil }
    }
    return ((a.x + t0 * dx, a.y + t0 * dy), (a.x + t1 * dx, a.y + t1 * dy))
  }

  /// Where a guide outside the axes lies, as an arrow for its legend entry; nil when on the chart.
  func offChart(_ g: ChartGuide, _ r: (x: ClosedRange<Double>, y: ClosedRange<Double>)) -> String? {
    guard g.value.isFinite, !xLog || g.axis == .horizontal else { return nil }
    let range = g.axis == .horizontal ? r.y : r.x
    if g.value > range.upperBound { return g.axis == .horizontal ? "↑" : "→" }
    if g.value < range.lowerBound { return g.axis == .horizontal ? "↓" : "←" }
    return nil
  }

  public func draw(into area: Rect, buffer: inout Buffer, theme: Theme) {
    guard area.width >= 12, area.height >= 4 else { return }
    guard let (dataX, yr) = ranges() else {
      buffer.write("no data", in: area, row: area.height / 2, column: max(0, area.width / 2 - 3), theme.label)
      return
    }
    var xr = dataX
    if xLog {
      let positive = series.flatMap(\.points).map(\.x).filter { $0 > 0 && $0.isFinite }
      xr = log10((positive.min() ?? 1) / 1.2)...log10((positive.max() ?? 10) * 1.2)
      if xr.upperBound <= xr.lowerBound { xr = xr.lowerBound...(xr.lowerBound + 1) }
    }
    func xData(_ x: Double) -> Double { xLog ? log10(max(x, 1e-300)) : x }
    // Legend on the first rows (wrapping to a second when needed, then "+N more"),
    // x labels on the last row, y labels on the left.
    let legend = BrailleLineChart.layout(legendEntries(), width: area.width, maxRows: area.height >= 10 ? 2 : 1)
    for (r, row) in legend.rows.enumerated() {
      var lx = area.x
      for (i, e) in row.enumerated() {
        let last = r == legend.rows.count - 1 && i == row.count - 1
        let tail = last && legend.hidden > 0 ? " +\(legend.hidden) more" : ""
        let room = area.right - lx - (last ? tail.displayWidth : 0)
        var style = theme.role(e.color)
        if e.dim { style.modifiers.insert(.dim) }
        lx = buffer.write(e.text, x: lx, y: area.y + r, style, maxWidth: room) + 2
        if !tail.isEmpty { buffer.write(tail, x: lx - 2, y: area.y + r, theme.label) }
      }
    }
    let legendRows = legend.rows.count
    let yLabels = [yr.upperBound, (yr.lowerBound + yr.upperBound) / 2, yr.lowerBound].map(yLabel)
    let yWidth = min(8, (yLabels.map(\.displayWidth).max() ?? 4) + 1)
    let plot = Rect(
      x: area.x + yWidth + 1, y: area.y + legendRows, width: area.width - yWidth - 1,
      height: area.height - 2 - legendRows)
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
      let text = xLabel(xLog ? pow(10, v) : v)
      let col = [plot.x, plot.x + plot.width / 2 - text.displayWidth / 2, plot.right - text.displayWidth][i]
      buffer.write(text, x: max(plot.x - 1, col), y: xRow, theme.label)
    }
    if !xTitle.isEmpty {
      let col = plot.x + plot.width / 4 - xTitle.displayWidth / 2
      if col > plot.x + xLabel(xLog ? pow(10, xTicks[0]) : xTicks[0]).displayWidth {
        buffer.write(xTitle, x: col, y: xRow, theme.label)
      }
    }

    func cellX(_ x: Double) -> Int {
      plot.x + Int(((xData(x) - xr.lowerBound) / (xr.upperBound - xr.lowerBound) * Double(plot.width - 1)).rounded())
    }
    func cellY(_ y: Double) -> Int {
      plot.y + Int(((yr.upperBound - y) / (yr.upperBound - yr.lowerBound) * Double(plot.height - 1)).rounded())
    }
    // Guides under the data.
    for g in guides where g.value.isFinite && offChart(g, (xr, yr)) == nil {
      let style = theme.role(g.color)
      switch g.axis {
      case .horizontal:
        let y = cellY(g.value)
        for x in plot.x..<plot.right { buffer.set(x: x, y: y, g.glyph, style) }
      case .vertical:
        let x = cellX(g.value)
        guard x >= plot.x, x < plot.right else { continue }
        if g.shadesBefore {
          for sx in plot.x...x { for y in plot.y..<plot.bottom { buffer.set(x: sx, y: y, "░", theme.label) } }
        } else {
          for y in plot.y..<plot.bottom { buffer.set(x: x, y: y, g.glyph, style) }
        }
      }
    }
    var canvas = BrailleCanvas(width: plot.width, height: plot.height)
    func exactDot(_ p: (x: Double, y: Double)) -> (x: Double, y: Double) {
      (
        (xData(p.x) - xr.lowerBound) / (xr.upperBound - xr.lowerBound) * Double(canvas.dotWidth - 1),
        (yr.upperBound - p.y) / (yr.upperBound - yr.lowerBound) * Double(canvas.dotHeight - 1)
      )
    }
    func dot(_ p: (x: Double, y: Double)) -> (Int, Int) {
      let d = exactDot(p)
      return (Int(max(-1e6, min(1e6, d.x)).rounded()), Int(max(-1e6, min(1e6, d.y)).rounded()))
    }
    // Dimmed series first, so the one being looked at is drawn over them.
    let order = series.reversed().sorted { $0.dimmed && !$1.dimmed }
    var marks: [(x: Int, y: Int, label: String, style: Style)] = []
    for s in order {
      let valid = s.points.enumerated().filter {
        $0.element.x.isFinite && $0.element.y.isFinite && (!xLog || $0.element.x > 0)
      }
      let pts = valid.map { dot($0.element) }
      // A dimmed series keeps its colour (as in the legend), drawn dim and under the others.
      let color = theme[s.color]
      if s.markers {
        for p in valid {
          let label = p.offset < s.pointLabels.count ? s.pointLabels[p.offset] : ""
          // The cell holding the point's dot, so a marker sits on the curve drawn there.
          let d = dot(p.element)
          marks.append((plot.x + d.0 / 2, plot.y + d.1 / 4, label, theme.role(s.color, bold: true)))
        }
        continue
      }
      if pts.count == 1 { canvas.set(pts[0].0, pts[0].1, color: color, dim: s.dimmed) }
      // Segments clipped to the canvas (a point off the chart is drawn toward its edge).
      let box = (x: Double(canvas.dotWidth - 1), y: Double(canvas.dotHeight - 1))
      for (a, b) in zip(valid, valid.dropFirst()) {
        guard let (p, q) = Self.clip(exactDot(a.element), exactDot(b.element), to: box) else { continue }
        canvas.line(
          Int(p.x.rounded()), Int(p.y.rounded()), Int(q.x.rounded()), Int(q.y.rounded()), color: color, dim: s.dimmed)
      }
    }
    canvas.draw(into: &buffer, at: plot, base: theme.text)
    // Markers first, then each label where it overlaps no marker or earlier label.
    let shown = marks.filter { plot.contains(x: $0.x, y: $0.y) }
    var taken = Set(shown.map { $0.y * 100_000 + $0.x })
    for m in shown { buffer.set(x: m.x, y: m.y, "●", m.style) }
    for m in shown where !m.label.isEmpty {
      let cells = (m.x + 1)...(m.x + 1 + m.label.displayWidth)
      guard cells.upperBound <= plot.right, cells.allSatisfy({ !taken.contains(m.y * 100_000 + $0) }) else { continue }
      buffer.write(m.label, x: m.x + 1, y: m.y, m.style)
      for x in cells { taken.insert(m.y * 100_000 + x) }
    }
  }
}
