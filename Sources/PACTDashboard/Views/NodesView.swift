import PACTCore

/// The Nodes panel: one row per node with its resources, data, label skew,
/// availability and the epochs of the plan that use it.
public struct NodesView: View {
  var scenario: Scenario
  /// The shown plan's outcome (its scenario may be older than `scenario` while solving).
  var outcome: SolveOutcome?
  var selected: Int
  var field: NodeField
  var focused: Bool
  /// First row shown (``AppState/nodeScroll``).
  var scroll: Int
  /// First scrollable column shown (``AppState/nodeColumn``).
  var firstColumn: Int

  public init(state: AppState) {
    scenario = state.scenario
    outcome = state.outcome
    selected = state.nodeRow
    field = state.nodeField
    focused = state.focus == .nodes
    scroll = state.nodeScroll
    firstColumn = state.nodeColumn
  }

  public func draw(into area: Rect, buffer: inout Buffer, theme: Theme) {
    let usedCount = outcome?.usedNodes.count ?? 0
    let inner = Block(
      title: Panel.nodes.title, focused: focused,
      note: "\(scenario.nodes.count) nodes · \(usedCount) in plan"
    ).draw(into: area, buffer: &buffer, theme: theme)
    guard inner.height >= 2, inner.width >= 10 else { return }
    let idWidth = NodeColumns.idWidth(scenario)
    let shown = NodeColumns.visible(from: firstColumn, width: inner.width, idWidth: idWidth)
    let cols = [NodeColumns.Column.id] + shown
    let hiddenLeft = firstColumn > 0
    let hiddenRight = firstColumn + shown.count < NodeColumns.scrollable.count
    // Widen the last column to fill the row (when nothing is hidden to its right).
    let natural = cols.reduce(0) { $0 + $1.width(idWidth: idWidth) } + max(0, cols.count - 1)
    let extra = hiddenRight ? 0 : max(0, inner.width - natural)
    func width(_ i: Int) -> Int { cols[i].width(idWidth: idWidth) + (i == cols.count - 1 ? extra : 0) }

    var x = inner.x
    for (i, c) in cols.enumerated() {
      let w = width(i)
      let style = c == .field(field) && focused ? theme.highlight : theme.label
      buffer.write(pad(c.header, w, right: c.rightAligned), x: x, y: inner.y, style, maxWidth: w)
      x += w + 1
    }
    // Columns scrolled out of view on either side.
    if hiddenLeft { buffer.set(x: inner.x + idWidth, y: inner.y, "‹", theme.label) }
    if hiddenRight { buffer.set(x: inner.right - 1, y: inner.y, "›", theme.label) }

    let epochsByID = usedEpochs()
    let skews = NodesView.labelSkews(scenario)
    let visible = inner.height - 1
    let offset = max(0, min(scroll, scenario.nodes.count - 1))
    for row in 0..<visible {
      let n = offset + row
      guard n < scenario.nodes.count else { break }
      let node = scenario.nodes[n]
      let y = inner.y + 1 + row
      let isSelected = n == selected
      let rowStyle = isSelected ? theme.selected : theme.text
      if isSelected { buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), " ", rowStyle) }
      var x = inner.x
      for (i, c) in cols.enumerated() {
        let w = width(i)
        let text: String
        var style = rowStyle
        switch c {
        case .id: text = node.id
        case .field(let f): text = f.format(node, epochs: scenario.training.epochs)
        case .skew: text = skews.map { Format.number($0[n], digits: 2) } ?? "–"
        case .used:
          let list = epochsByID[node.id] ?? []
          text = EpochRanges.format(epochs: list)
          if !isSelected { style = list.isEmpty ? theme.label : theme.role(.ok) }
        }
        if isSelected && c == .field(field) && focused { style = theme.cursor }
        buffer.write(pad(text, w, right: c.rightAligned), x: x, y: y, style, maxWidth: w)
        x += w + 1
      }
    }
    if scenario.nodes.count > visible {
      let more = "\(offset + 1)–\(min(scenario.nodes.count, offset + visible))/\(scenario.nodes.count)"
      buffer.write(more, x: area.right - 2 - more.displayWidth, y: area.bottom - 1, theme.label)
    }
  }

  /// Plan epochs per node id.
  func usedEpochs() -> [String: [Int]] {
    guard let o = outcome, let eval = o.result.evaluation else { return [:] }
    var out: [String: [Int]] = [:]
    for e in eval.epochs {
      for n in e.nodes where o.scenario.nodes.indices.contains(n) {
        out[o.scenario.nodes[n].id, default: []].append(e.epoch)
      }
    }
    return out
  }

  /// Each node's label skew: total-variation distance of its label distribution from all nodes' (nil without histograms).
  public static func labelSkews(_ s: Scenario) -> [Double]? {
    guard s.hasHistograms else { return nil }
    let classes = s.nodes.first?.labelHistogram?.count ?? 0
    var global = [Double](repeating: 0, count: classes)
    for n in s.nodes { for (c, v) in (n.labelHistogram ?? []).enumerated() where c < classes { global[c] += v } }
    let total = global.reduce(0, +)
    guard total > 0 else { return nil }
    return s.nodes.map { n in
      let h = n.labelHistogram ?? []
      let t = h.reduce(0, +)
      guard t > 0 else { return 0 }
      var d = 0.0
      for c in 0..<classes { d += abs((c < h.count ? h[c] : 0) / t - global[c] / total) }
      return d / 2
    }
  }
}
