import PACTCore

extension AppState {
  // MARK: Graph cursor

  /// Puts the graph cursor on the chosen path's vertex of the cursor's layer.
  mutating func placeGraphCursorOnPath() {
    guard let graph = outcome?.graph, !graph.layers.isEmpty else {
      graphLayer = 0
      graphVertex = 0
      return
    }
    graphLayer = max(0, min(graphLayer, graph.layers.count - 1))
    if graphLayer < graph.chosenPath.count {
      graphVertex = graph.chosenPath[graphLayer]
    } else {
      graphVertex = min(graphVertex, max(0, graph.layers[graphLayer].count - 1))
    }
  }

  mutating func moveGraphLayer(_ delta: Int) {
    guard let graph = outcome?.graph, !graph.layers.isEmpty else { return }
    let layers = graph.layers
    let from = layers[graphLayer].indices.contains(graphVertex) ? layers[graphLayer][graphVertex] : nil
    let onPath = graph.chosenPath.indices.contains(graphLayer) && graph.chosenPath[graphLayer] == graphVertex
    let target = max(0, min(layers.count - 1, graphLayer + delta))
    guard target != graphLayer else { return }
    graphLayer = target
    if onPath, graph.chosenPath.indices.contains(target) {
      graphVertex = graph.chosenPath[target]
      return
    }
    // Otherwise the nearest vertex by (level, loss) in the new layer.
    var best = 0
    var bestScore = Double.infinity
    if let from {
      for (i, v) in layers[target].enumerated() {
        let score = Double(abs(v.level - from.level)) * 1e6 + abs(v.loss - from.loss)
        if score < bestScore {
          bestScore = score
          best = i
        }
      }
    }
    graphVertex = best
  }

  mutating func moveGraphVertex(_ delta: Int) {
    guard let graph = outcome?.graph else { return }
    let order = graph.vertexOrder(layer: graphLayer)
    guard !order.isEmpty else { return }
    let position = order.firstIndex(of: graphVertex) ?? 0
    graphVertex = order[max(0, min(order.count - 1, position + delta))]
  }
}
