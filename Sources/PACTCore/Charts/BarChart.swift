/// A bar chart of one value per category (energy per method), with the value
/// printed above each bar; bars of infeasible entries are drawn hollow and marked.
public struct BarChart: Sendable {
  /// One bar: label, value (nil: no plan), colour, and a note for an infeasible entry.
  public struct Bar: Sendable {
    public var label: String
    public var value: Double?
    public var color: String
    /// Drawn hollow with this note under the value (e.g. "infeasible"); nil for a normal bar.
    public var note: String?
    /// Fill opacity (a pinned "before" bar is faded).
    public var opacity: Double
    /// A bar with these figures.
    public init(label: String, value: Double?, color: String, note: String? = nil, opacity: Double = 1) {
      self.label = label
      self.value = value
      self.color = color
      self.note = note
      self.opacity = opacity
    }
  }

  public var title: String
  public var subtitle: String
  /// The quantity and its base unit, e.g. ("Energy", "J"); an SI prefix is chosen for the axis.
  public var quantity: String
  public var unit: String
  public var bars: [Bar]
  public var width: Double
  public var height: Double

  /// A bar chart of these bars, with titles and the quantity on the axis.
  public init(
    title: String, subtitle: String = "", quantity: String, unit: String, bars: [Bar], width: Double = 960,
    height: Double = 540
  ) {
    self.title = title
    self.subtitle = subtitle
    self.quantity = quantity
    self.unit = unit
    self.bars = bars
    self.width = width
    self.height = height
  }

  /// The chart as an SVG file.
  public func svg() -> String {
    var doc = SVGDocument(width: width, height: height)
    let values = bars.compactMap(\.value).filter(\.isFinite)
    let (factor, prefix) = AxisScale.siPrefix(for: values.max() ?? 1)
    let scale = AxisScale.linear(0, (values.max() ?? 1) / factor, count: 6, includeZero: true)
    let left = ChartAxes.left(fitting: scale)
    let top = subtitle.isEmpty ? 70.0 : 108.0
    let right = width - 30
    let bottom = height - 95
    func py(_ v: Double) -> Double { bottom - scale.fraction(v) * (bottom - top) }
    let plot: PlotRect = (left, top, right, bottom)

    doc.text(title, x: left, y: 32, size: ChartStyle.titleSize, weight: "bold", fill: "#111111")
    // A subtitle too long for the page goes on two lines, split at its "; ".
    let subtitleSize = ChartStyle.labelSize - 1
    var lines = [subtitle]
    if ChartStyle.textWidth(subtitle, size: subtitleSize) > width - left - 20, let cut = subtitle.range(of: "; ") {
      lines = [String(subtitle[..<cut.lowerBound]), String(subtitle[cut.upperBound...])]
    }
    for (i, line) in lines.enumerated() where !line.isEmpty {
      doc.text(line, x: left, y: 56 + Double(i) * 18, size: subtitleSize, fill: ChartStyle.muted)
    }
    ChartAxes.ticks(&doc, plot: plot, y: scale, py: py)
    ChartAxes.titles(&doc, plot: plot, x: nil, y: "\(quantity) (\(prefix)\(unit))")

    let slot = (right - left) / Double(max(1, bars.count))
    let barWidth = min(90, slot * 0.62)
    for (i, bar) in bars.enumerated() {
      let cx = left + slot * (Double(i) + 0.5)
      // A label "name, detail" goes on two lines (the detail smaller), each cut to its slot.
      let parts = bar.label.components(separatedBy: ", ")
      let maxChars = max(4, Int(slot / (ChartStyle.tickSize * 0.48)))
      func fit(_ text: String) -> String { text.count > maxChars ? String(text.prefix(maxChars - 1)) + "…" : text }
      doc.text(fit(parts[0]), x: cx, y: bottom + 22, size: ChartStyle.tickSize, anchor: "middle", fill: ChartStyle.axis)
      if parts.count > 1 {
        doc.text(
          fit(parts.dropFirst().joined(separator: ", ")), x: cx, y: bottom + 37, size: ChartStyle.tickSize - 2,
          anchor: "middle", fill: ChartStyle.muted)
      }
      if let note = bar.note {
        // One reason per line ("missed target" / "missed deadline"), so neighbours never overlap.
        for (k, part) in note.components(separatedBy: ", ").enumerated() {
          doc.text(
            part, x: cx, y: bottom + 40 + Double(k) * 15, size: ChartStyle.tickSize - 1, anchor: "middle",
            fill: "#B00020")
        }
      }
      guard let value = bar.value, value.isFinite else {
        doc.text("no plan", x: cx, y: bottom - 8, size: ChartStyle.tickSize, anchor: "middle", fill: ChartStyle.muted)
        continue
      }
      let y = py(value / factor)
      if bar.note == nil {
        doc.rect(
          x: cx - barWidth / 2, y: y, width: barWidth, height: bottom - y, fill: bar.color,
          opacity: bar.opacity < 1 ? bar.opacity : nil)
      } else {
        doc.rect(
          x: cx - barWidth / 2, y: y, width: barWidth, height: bottom - y, fill: bar.color, stroke: bar.color,
          strokeWidth: 2, opacity: 0.15)
      }
      doc.text(
        Format.number(value / factor, digits: 3), x: cx, y: y - 8, size: ChartStyle.tickSize, anchor: "middle",
        weight: "bold", fill: ChartStyle.axis)
    }
    ChartAxes.lines(&doc, plot: plot)
    return doc.render()
  }
}
