import Foundation
import PACTCore

/// The time-expanded graph panel: one column per layer (epoch), vertices placed
/// by pruning level (bands, top = unpruned) and loss bucket (higher loss higher
/// in a band), shaded by how many vertices share a cell. The chosen path is
/// marked, and the cursor's vertex state and the decision leaving it are shown.
public struct GraphView: View {
  var outcome: SolveOutcome?
  var layer: Int
  var vertex: Int
  var focused: Bool
  var solving: Bool

  public init(state: AppState) {
    outcome = state.outcome
    layer = state.graphLayer
    vertex = state.graphVertex
    focused = state.focus == .graph
    solving = state.solving != nil
  }

  public func draw(into area: Rect, buffer: inout Buffer, theme: Theme) {
    let graph = outcome?.graph
    let note = graph.map { "\($0.vertexCount) vertices" } ?? ""
    let inner = Block(title: Panel.graph.title, focused: focused, note: note).draw(
      into: area, buffer: &buffer, theme: theme)
    guard inner.width >= 10, inner.height >= 4 else { return }
    guard let graph, let o = outcome, !graph.layers.isEmpty else {
      let text = solving ? "solving…" : "no graph for this result"
      buffer.write(
        text, in: inner, row: inner.height / 2, column: max(0, (inner.width - text.displayWidth) / 2), theme.label)
      return
    }
    let scenario = o.scenario
    guard let geometry = GraphGeometry(graph: graph, inner: inner) else { return }
    let plot = geometry.plot
    let labelWidth = GraphGeometry.labelWidth
    let levelsPerBand = geometry.levelsPerBand
    let bands = geometry.bands
    let colWidth = geometry.colWidth
    func bandTop(_ b: Int) -> Int { geometry.bandTop(b) }
    func cell(layer k: Int, _ v: GraphModel.Vertex) -> (Int, Int) { geometry.cell(layer: k, v) }

    // Level labels and band separators.
    for band in 0..<bands {
      let j = band * levelsPerBand
      let y = bandTop(band)
      let bandHeight = bandTop(band + 1) - y
      let r = scenario.model.pruningLevels.indices.contains(j) ? scenario.model.pruningLevels[j] : 0
      buffer.write(pad(Format.number(r, digits: 2), labelWidth - 1, right: true), x: inner.x, y: y, theme.label)
      if bandHeight > 1 { buffer.set(x: inner.x + labelWidth - 1, y: y, "┤", theme.label) }
      for dy in 1..<max(1, bandHeight) { buffer.set(x: inner.x + labelWidth - 1, y: y + dy, "│", theme.label) }
    }

    // Density per cell (a flat count grid over the plot).
    var counts = [Int](repeating: 0, count: plot.width * plot.height)
    var maxCount = 1
    for (k, layerVertices) in graph.layers.enumerated() {
      for v in layerVertices {
        let (x, y) = cell(layer: k, v)
        guard plot.contains(x: x, y: y) else { continue }
        let i = (y - plot.y) * plot.width + (x - plot.x)
        counts[i] += 1
        if counts[i] > maxCount { maxCount = counts[i] }
      }
    }
    let shades: [Character] = ["·", "░", "▒", "▓", "█"]
    let logMax = log(Double(maxCount))
    for (i, c) in counts.enumerated() where c > 0 {
      let x = plot.x + i % plot.width
      let y = plot.y + i / plot.width
      let t = maxCount <= 1 ? 0.0 : log(Double(c)) / logMax
      let symbol = c == 1 ? shades[0] : shades[min(4, 1 + Int(t * 3.999))]
      let style = Style(fg: theme.gradient(0.25 + 0.75 * t), bg: theme[.mainBg])
      for dx in 0..<colWidth where x + dx < plot.right { buffer.set(x: x + dx, y: y, symbol, style) }
    }
    // The chosen path.
    let pathStyle = theme.role(.path, bold: true)
    for (k, v) in graph.chosenPath.enumerated() where graph.layers[k].indices.contains(v) {
      let (x, y) = cell(layer: k, graph.layers[k][v])
      buffer.set(x: x, y: y, "●", pathStyle)
    }
    // The cursor.
    let k = max(0, min(layer, graph.layers.count - 1))
    let hasVertex = graph.layers[k].indices.contains(vertex)
    if hasVertex {
      let (x, y) = cell(layer: k, graph.layers[k][vertex])
      buffer.set(x: x, y: y, focused ? "◆" : "◇", theme.cursor)
    }

    // Layer sizes and the cursor's state.
    let sizes = graph.vertexCounts.map(String.init).joined(separator: " ")
    buffer.write("layer sizes: " + sizes, in: inner, row: inner.height - 3, theme.label)
    guard hasVertex else { return }
    let v = graph.layers[k][vertex]
    let onPath = graph.chosenPath.indices.contains(k) && graph.chosenPath[k] == vertex
    let r = scenario.model.pruningLevels.indices.contains(v.level) ? scenario.model.pruningLevels[v.level] : 0
    let state =
      "epoch \(k) #\(vertex)\(onPath ? " (path)" : ""): level \(v.level) r \(Format.number(r, digits: 2)) · loss \(Format.number(v.loss)) · \(Format.seconds(v.seconds)) · \(Format.joules(v.joules))"
    buffer.write(state, in: inner, row: inner.height - 2, onPath ? theme.role(.path) : theme.text)
    buffer.write(
      leaving(graph, scenario: scenario, layer: k, vertex: vertex, onPath: onPath), in: inner, row: inner.height - 1,
      theme.text)
  }

  /// The decision leaving the vertex: the path's next epoch, or how many successors it has.
  func leaving(_ graph: GraphModel, scenario: Scenario, layer k: Int, vertex v: Int, onPath: Bool) -> String {
    guard k + 1 < graph.layers.count else { return "→ last layer" }
    let children = graph.layers[k + 1].indices.filter { graph.layers[k + 1][$0].parent == v }
    let next: Int?
    if onPath, graph.chosenPath.indices.contains(k + 1) {
      next = graph.chosenPath[k + 1]
    } else {
      next = children.min { graph.layers[k + 1][$0].joules < graph.layers[k + 1][$1].joules }
    }
    guard let next, let d = graph.decision(enteringLayer: k + 1, vertex: next) else {
      return onPath && k + 1 == graph.chosenPath.count ? "→ plan ends here" : "→ no kept successor"
    }
    let ids = d.nodes.map { scenario.nodes.indices.contains($0) ? scenario.nodes[$0].id : "#\($0)" }.joined(
      separator: ",")
    let prefix = onPath && graph.chosenPath.indices.contains(k + 1) ? "→ path" : "→ cheapest of \(children.count)"
    return "\(prefix): {\(ids)} level \(d.level) · \(Format.seconds(d.seconds)) · \(Format.joules(d.joules))"
  }
}
