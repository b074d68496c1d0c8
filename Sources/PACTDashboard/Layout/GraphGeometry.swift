import PACTCore

/// Where the graph panel puts each layer and vertex, shared by drawing and mouse hit-testing.
struct GraphGeometry {
  static let labelWidth = 5
  let plot: Rect
  let layersPerColumn: Int
  let step: Int
  let colWidth: Int
  let levelsPerBand: Int
  let bands: Int
  let lossBins: Int

  /// The geometry inside the panel's inner rectangle; nil when it is too small to plot.
  init?(graph: GraphModel, inner: Rect) {
    let J = max(1, graph.levelCount)
    let L = max(1, graph.layers.count)
    plot = Rect(
      x: inner.x + GraphGeometry.labelWidth, y: inner.y, width: inner.width - GraphGeometry.labelWidth,
      height: inner.height - 3)
    guard plot.height >= 1, plot.width >= 2 else { return nil }
    layersPerColumn = max(1, (L + plot.width - 1) / plot.width)
    let columns = (L + layersPerColumn - 1) / layersPerColumn
    // Columns spread evenly over the width; each shades up to 3 cells.
    step = max(1, plot.width / max(1, columns))
    colWidth = max(1, min(3, step - 1))
    levelsPerBand = max(1, (J + plot.height - 1) / plot.height)
    bands = (J + levelsPerBand - 1) / levelsPerBand
    lossBins = max(1, graph.lossBins)
  }

  /// Band b covers rows bandTop(b) ..< bandTop(b + 1): the rows are shared out evenly.
  func bandTop(_ b: Int) -> Int { plot.y + b * plot.height / max(1, bands) }

  /// The cell of vertex `v` of layer `k`.
  func cell(layer k: Int, _ v: GraphModel.Vertex) -> (Int, Int) {
    let col = k / layersPerColumn
    let band = v.level / levelsPerBand
    let top = bandTop(band)
    let height = max(1, bandTop(band + 1) - top)
    let within = min(height - 1, v.lossBucket * height / lossBins)
    return (plot.x + col * step, top + (height - 1 - within))
  }

  /// The layer shown in screen column `x`, if any.
  func layer(atColumn x: Int, layerCount: Int) -> Int? {
    guard x >= plot.x, x < plot.right else { return nil }
    let k = (x - plot.x) / step * layersPerColumn
    return k < layerCount ? k : nil
  }
}
