import PACTCore

/// The Nodes panel: one row per node with its resources, data, label skew,
/// availability and the epochs of the plan that use it.
public struct NodesView: View {
  public var scenario: Scenario
  /// The shown plan's outcome (its scenario may be older than `scenario` while solving).
  public var outcome: SolveOutcome?
  public var selected: Int
  public var field: NodeField
  public var focused: Bool

  public init(state: AppState) {
    scenario = state.scenario
    outcome = state.outcome
    selected = state.nodeRow
    field = state.nodeField
    focused = state.focus == .nodes
  }

  /// Which row is at the top so that `selected` is visible.
  public static func scrollOffset(selected: Int, visible: Int) -> Int {
    max(0, selected - max(1, visible) + 1)
  }

  enum Column: Equatable {
    case id, name, kind, field(NodeField), skew, used

    var header: String {
      switch self {
      case .id: return "id"
      case .name: return "name"
      case .kind: return "kind"
      case .field(let f): return f.header
      case .skew: return "skew"
      case .used: return "plan epochs"
      }
    }

    /// Column width; the id column fits the longest id (`idWidth`).
    func width(idWidth: Int) -> Int {
      switch self {
      case .id: return idWidth
      case .name: return 12
      case .kind: return 6
      case .field(let f):
        switch f {
        case .flops: return 7
        case .watts: return 5
        case .uplink: return 6
        case .downlink: return 6
        case .radioWatts: return 5
        case .samples: return 7
        case .availability: return 9
        }
      case .skew: return 5
      case .used: return 11
      }
    }

    var rightAligned: Bool {
      switch self {
      case .field(let f): return f != .availability
      case .skew: return true
      default: return false
      }
    }
  }

  /// Width of the id column: the longest id, between 4 and 12.
  var idWidth: Int { min(12, max(4, scenario.nodes.map(\.id.count).max() ?? 4)) }

  /// Columns in display order; the ones kept are chosen by priority to fit `width`.
  func columns(width: Int) -> [Column] {
    let order: [Column] =
      [.id, .name, .kind] + NodeField.allCases.map { .field($0) } + [.skew, .used]
    // Priority: id and the selected field first, then the other fields, then the rest.
    var priority: [Column] = [.id, .field(field)]
    priority += NodeField.allCases.filter { $0 != field && $0 != .radioWatts }.map { .field($0) }
    priority += [.used, .kind, .skew, .field(.radioWatts), .name]
    var chosen: [Column] = []
    var used = 0
    for c in priority where !chosen.contains(c) {
      let w = c.width(idWidth: idWidth) + (chosen.isEmpty ? 0 : 1)
      if used + w <= width {
        chosen.append(c)
        used += w
      }
    }
    return order.filter { chosen.contains($0) }
  }

  public func draw(into area: Rect, buffer: inout Buffer, theme: Theme) {
    let usedCount = outcome?.usedNodes.count ?? 0
    let inner = Block(
      title: Panel.nodes.title, focused: focused,
      note: "\(scenario.nodes.count) nodes · \(usedCount) in plan"
    ).draw(into: area, buffer: &buffer, theme: theme)
    guard inner.height >= 2, inner.width >= 10 else { return }
    let cols = columns(width: inner.width)
    // Widen the last column to fill the row.
    let idWidth = self.idWidth
    let natural = cols.reduce(0) { $0 + $1.width(idWidth: idWidth) } + max(0, cols.count - 1)
    let extra = max(0, inner.width - natural)

    var x = inner.x
    for (i, c) in cols.enumerated() {
      let w = c.width(idWidth: idWidth) + (i == cols.count - 1 ? extra : 0)
      let style = c == .field(field) && focused ? theme.highlight : theme.label
      buffer.write(pad(c.header, w, right: c.rightAligned), x: x, y: inner.y, style, maxWidth: w)
      x += w + 1
    }

    let epochsByID = usedEpochs()
    let skews = NodesView.labelSkews(scenario)
    let visible = inner.height - 1
    let offset = NodesView.scrollOffset(selected: selected, visible: visible)
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
        let w = c.width(idWidth: idWidth) + (i == cols.count - 1 ? extra : 0)
        let text: String
        var style = rowStyle
        switch c {
        case .id: text = node.id
        case .name: text = node.name
        case .kind: text = node.kind
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
      buffer.write(more, x: area.right - 2 - more.count, y: area.bottom - 1, theme.label)
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
