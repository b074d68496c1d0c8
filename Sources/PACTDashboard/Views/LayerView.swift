import PACTCore

/// The layer view (Enter in the graph panel): one layer's states at one pruning level
/// in the (time, loss) plane, with the loss- and time-bucket boundaries as grid lines,
/// kept states (●), states dropped in their cell (×) and the chosen path's (◆).
/// Turning `lossBins` or `timeBins` changes the grid and which states share a cell.
struct LayerView: View {
  let state: AppState

  func draw(into area: Rect, buffer: inout Buffer, theme: Theme) {
    let k = state.graphLayer
    let j = state.layer.level
    let r = state.scenario.model.pruningLevels.indices.contains(j) ? state.scenario.model.pruningLevels[j] : 0
    let inner = Block(
      title: "Layer \(k) (epoch \(k)), level \(j) (r \(Format.number(r, digits: 3)))", focused: true,
      note: "↑↓ level · ←→ layer · Esc back"
    ).draw(into: area, buffer: &buffer, theme: theme)
    guard inner.width >= 30, inner.height >= 8 else { return }
    guard let outcome = state.outcome, let graph = outcome.result.graph, k >= 1 else {
      buffer.write("layer 0 holds only the start; ←→ picks a layer", in: inner, row: inner.height / 2, theme.label)
      return
    }
    let kept = state.layer.kept(layer: k)
    let inspection = LayerInspection(scenario: outcome.scenario, graph: graph, layer: k, level: j, window: kept)
    let knobs = outcome.scenario.solver
    // The graph is that of the pass that gave the answer, which a proven gap may stop
    // before the knobs' own grid: say which grid is drawn.
    let own = graph.lossBins == knobs.lossBins && graph.timeBins == knobs.timeBins
    let drawn =
      own
      ? "lossBins \(knobs.lossBins), timeBins \(knobs.timeBins), bucketStates \(knobs.bucketStates)"
      : "grid \(graph.lossBins)×\(graph.timeBins) of the pass that gave the answer (knobs \(knobs.lossBins)×\(knobs.timeBins))"
    buffer.write(
      "\(inspection.count(.kept) + inspection.count(.path)) kept ● · \(inspection.count(.dropped)) dropped in their cell × · chosen path ◆ · \(drawn)",
      in: inner, row: 0, theme.label)
    guard !inspection.states.isEmpty else {
      buffer.write("no state of this layer at level \(j); ↑↓ another level", in: inner, row: 2, theme.label)
      return
    }
    let labelWidth = 8
    let plot = Rect(x: inner.x + labelWidth, y: inner.y + 2, width: inner.width - labelWidth, height: inner.height - 4)
    // The axes kept across knob changes (a fits them to the states shown).
    guard let axes = kept ?? inspection.fittedAxes else { return }
    let (l0, l1) = (axes.loss.lowerBound, axes.loss.upperBound)
    let (t0, t1) = (axes.seconds.lowerBound, axes.seconds.upperBound)
    let outside = inspection.states.filter { !axes.contains($0) }.count
    func col(_ t: Double) -> Int { plot.x + Int(((t - t0) / (t1 - t0) * Double(plot.width - 1)).rounded()) }
    func row(_ l: Double) -> Int { plot.y + Int(((l1 - l) / (l1 - l0) * Double(plot.height - 1)).rounded()) }
    // The bucket grid: every boundary when they fit, else every n-th (said so).
    let lossStep = max(1, (inspection.lossEdges.count + plot.height / 2 - 1) / max(1, plot.height / 2))
    let timeStep = max(1, (inspection.timeEdges.count + plot.width / 3 - 1) / max(1, plot.width / 3))
    let grid = theme.label.adding(.dim)
    for (i, e) in inspection.lossEdges.enumerated() where i % lossStep == 0 {
      let y = row(e)
      for x in plot.x..<plot.right { buffer.set(x: x, y: y, "┄", grid) }
    }
    for (i, e) in inspection.timeEdges.enumerated() where i % timeStep == 0 {
      let x = col(e)
      for y in plot.y..<plot.bottom { buffer.set(x: x, y: y, buffer.cell(x: x, y: y)?.symbol == "┄" ? "┼" : "┊", grid) }
    }
    // States: dropped first, kept over them, the path on top.
    for fate in [LayerInspection.Fate.dropped, .kept, .path] {
      let (symbol, style): (Character, Style) =
        switch fate {
        case .dropped: ("×", theme.role(.worse))
        case .kept: ("●", theme.role(.series1, bold: true))
        case .path: ("◆", theme.role(.path, bold: true))
        }
      for s in inspection.states where s.fate == fate && axes.contains(s) {
        buffer.set(x: col(s.seconds), y: row(s.loss), symbol, style)
      }
    }
    // Axes labels.
    buffer.write(pad(Format.number(l1, digits: 3), labelWidth - 1, right: true), x: inner.x, y: plot.y, theme.label)
    buffer.write(
      pad(Format.number(l0, digits: 3), labelWidth - 1, right: true), x: inner.x, y: plot.bottom - 1, theme.label)
    buffer.write("loss", x: inner.x, y: plot.y + plot.height / 2, theme.label)
    let bottom = inner.y + inner.height - 1
    buffer.write(Format.seconds(t0), x: plot.x, y: bottom, theme.label)
    let right = Format.seconds(t1)
    buffer.write(right, x: plot.right - right.displayWidth, y: bottom, theme.label)
    var note =
      "time → · grid: \(lossStep > 1 ? "every \(Format.ordinal(lossStep)) " : "")loss bucket, \(timeStep > 1 ? "every \(Format.ordinal(timeStep)) " : "")time bucket"
    if outside > 0 { note += " · \(outside) states off these axes (a: fit)" }
    // Between the two time labels, shortened (then left out) when it does not fit.
    let room = plot.width - Format.seconds(t0).displayWidth - right.displayWidth - 2
    if note.displayWidth > room {
      note =
        "grid: \(lossStep > 1 ? "every \(Format.ordinal(lossStep)) " : "")loss, \(timeStep > 1 ? "every \(Format.ordinal(timeStep)) " : "")time bucket"
        + (outside > 0 ? " · \(outside) off (a)" : "")
    }
    if note.displayWidth <= room {
      buffer.write(note, x: plot.x + plot.width / 2 - note.displayWidth / 2, y: bottom, theme.label)
    }
  }
}
