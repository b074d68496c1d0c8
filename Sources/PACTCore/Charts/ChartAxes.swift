/// The plot area of a chart, in pixels.
typealias PlotRect = (left: Double, top: Double, right: Double, bottom: Double)

/// The axes every SVG chart shares, drawn by one set of functions: the y grid with its
/// tick labels, the x ticks, the two axis lines and the axis titles, in one style.
enum ChartAxes {
  /// The left margin that fits `y`'s tick labels and the rotated y title.
  static func left(fitting y: AxisScale) -> Double {
    let tickWidth = y.ticks.map { ChartStyle.textWidth(y.label($0), size: ChartStyle.tickSize) }.max() ?? 30
    return 40 + tickWidth + 12
  }

  /// The y grid lines with their labels and, when `x` is given, the x ticks with their
  /// labels (and vertical grid lines with `xGrid`). `py` and `px` map a tick to pixels.
  static func ticks(
    _ doc: inout SVGDocument, plot: PlotRect, y: AxisScale, py: (Double) -> Double,
    x: AxisScale? = nil, px: (Double) -> Double = { $0 }, xGrid: Bool = false
  ) {
    for t in y.ticks {
      doc.line(x1: plot.left, y1: py(t), x2: plot.right, y2: py(t), stroke: ChartStyle.grid)
      doc.text(
        y.label(t), x: plot.left - 8, y: py(t) + 4.5, size: ChartStyle.tickSize, anchor: "end", fill: ChartStyle.axis)
    }
    guard let x else { return }
    for t in x.ticks {
      if xGrid { doc.line(x1: px(t), y1: plot.top, x2: px(t), y2: plot.bottom, stroke: ChartStyle.grid) }
      doc.line(x1: px(t), y1: plot.bottom, x2: px(t), y2: plot.bottom + 5, stroke: ChartStyle.axis)
      doc.text(
        x.label(t), x: px(t), y: plot.bottom + 21, size: ChartStyle.tickSize, anchor: "middle", fill: ChartStyle.axis)
    }
  }

  /// The x and y axis lines.
  static func lines(_ doc: inout SVGDocument, plot: PlotRect) {
    doc.line(x1: plot.left, y1: plot.bottom, x2: plot.right, y2: plot.bottom, stroke: ChartStyle.axis, width: 1.5)
    doc.line(x1: plot.left, y1: plot.top, x2: plot.left, y2: plot.bottom, stroke: ChartStyle.axis, width: 1.5)
  }

  /// The axis titles: `x` centred under the plot at height `xAt` (none when nil), `y`
  /// rotated beside it.
  static func titles(_ doc: inout SVGDocument, plot: PlotRect, x: String?, xAt: Double = 0, y: String) {
    if let x {
      doc.text(
        x, x: (plot.left + plot.right) / 2, y: xAt, size: ChartStyle.labelSize, anchor: "middle", fill: ChartStyle.axis)
    }
    doc.text(
      y, x: 22, y: (plot.top + plot.bottom) / 2, size: ChartStyle.labelSize, anchor: "middle", fill: ChartStyle.axis,
      rotate: -90)
  }
}
