import PACTCore

/// The trade-off view (`f`): PACT's least energy as one goal varies, with the
/// scenario's value and the cursor marked, the cursor's plan in brief and the
/// breakpoint there; Enter adopts the cursor's value.
struct TradeoffView: View {
  let state: AppState

  func draw(into area: Rect, buffer: inout Buffer, theme: Theme) {
    let p = state.tradeoff.parameter
    let computing = state.tradeoff.running != nil || state.tradeoff.frontier == nil
    let note = computing ? "computing…" : "f: next goal · ←→ cursor · Enter adopt · % J/% · Esc back"
    let inner = Block(title: "Trade-off: least energy vs \(p.title)", focused: true, note: note)
      .draw(into: area, buffer: &buffer, theme: theme)
    guard inner.width >= 20, inner.height >= 6 else { return }
    guard let f = state.tradeoff.frontier?.value, f.parameter == p else {
      let text = "computing the frontier over \(p.rawValue)…"
      buffer.write(
        text, in: inner, row: inner.height / 2, column: max(0, (inner.width - text.displayWidth) / 2),
        theme.role(.warning))
      return
    }
    let cursor = f.points.indices.contains(state.tradeoff.cursor) ? f.points[state.tradeoff.cursor] : nil
    // The energy axis: joules, or % of this scenario's own plan (`%`).
    let relative = state.tradeoff.relative
    let reference = f.referenceJoules ?? 1
    func y(_ joules: Double) -> Double { relative ? (joules / reference - 1) * 100 : joules }
    // The pinned frontier of this goal (P in this view), and the difference in words.
    let pinned = state.pinned?.frontier.flatMap { $0.parameter == p ? $0 : nil }
    let words = state.pinned.flatMap { pin in
      state.outcome.map { pin.difference(now: $0.result.evaluation, in: $0.scenario).words }
    }
    // The chart: the frontier as steps, the infeasible values marked on the axis.
    let textRows = 3 + (words == nil ? 0 : 1)
    let chartArea = Rect(x: inner.x, y: inner.y, width: inner.width, height: max(4, inner.height - textRows - 1))
    func stepped(_ points: [Frontier.Point]) -> [(x: Double, y: Double)] {
      var steps: [(x: Double, y: Double)] = []
      let feasible = points.filter(\.isFeasible)
      for (i, point) in feasible.enumerated() {
        guard let j = point.joules else { continue }
        steps.append((point.value, y(j)))
        if i + 1 < feasible.count { steps.append((feasible[i + 1].value, y(j))) }
      }
      return steps
    }
    let feasible = f.points.filter(\.isFeasible)
    var series: [ChartSeries] = []
    if let pinned {
      series.append(
        ChartSeries(label: "pinned", points: stepped(pinned.points), color: Palette.pact.role.themeKey, dimmed: true))
    }
    series.append(
      ChartSeries(label: "PACT, least energy", points: stepped(f.points), color: Palette.pact.role.themeKey))
    // Each breakpoint is a point of the frontier (its looser end), drawn numbered.
    let marked = f.breakpoints.compactMap { b in
      f.points.first { $0.value == b.value }?.joules.map { (x: b.value, y: y($0)) }
    }
    if !marked.isEmpty {
      series.append(
        ChartSeries(
          label: "breakpoint", points: marked, color: .path, markers: true,
          pointLabels: marked.indices.map { String($0 + 1) }))
    }
    let exact = f.points.compactMap { pt in pt.exactJoules.map { (x: pt.value, y: y($0)) } }
    if !exact.isEmpty {
      series.append(ChartSeries(label: "exact", points: exact, color: Palette.exact.role.themeKey))
    }
    let infeasible = f.points.filter { !$0.isFeasible }.map(\.value)
    var guides: [ChartGuide] = []
    if let last = infeasible.filter({ v in !feasible.contains { $0.value < v } }).max() {
      guides.append(ChartGuide(.vertical, at: last, label: "no plan meets the goal", color: .error, shadesBefore: true))
    }
    guides.append(
      ChartGuide(.vertical, at: f.scenarioValue, label: "this scenario", color: Palette.thisScenario.role.themeKey))
    if let c = cursor { guides.append(ChartGuide(.vertical, at: c.value, label: "cursor", color: .path, glyph: "│")) }
    BrailleLineChart(
      series: series, guides: guides, xTitle: p.title, xLabel: { p.format($0) },
      yLabel: { relative ? Format.percent($0 / 100, decimals: 1) : Format.joules($0) }
    ).draw(into: chartArea, buffer: &buffer, theme: theme)
    if let words {
      buffer.write(
        "now vs pinned: \(words)" + (pinned == nil ? " (no \(p.rawValue) trade-off was pinned: P here pins one)" : ""),
        in: inner, row: chartArea.height, theme.role(.path))
    }
    // The cursor's plan in brief.
    var row = chartArea.height + (words == nil ? 0 : 1)
    guard let c = cursor else { return }
    if let e = c.evaluation, c.isFeasible {
      let nodes = Set(e.epochs.flatMap(\.nodes)).compactMap {
        state.scenario.nodes.indices.contains($0) ? state.scenario.nodes[$0].id : nil
      }.sorted()
      buffer.write(
        "\(p.rawValue) \(p.format(c.value)): \(Format.joules(e.totalJoules)) · \(Format.seconds(e.totalSeconds)) · \(e.epochs.count) epochs · nodes \(nodes.joined(separator: ", "))",
        in: inner, row: row, theme.highlight)
    } else {
      buffer.write(
        "\(p.rawValue) \(p.format(c.value)): infeasible — \(c.reasons.first?.description ?? "no plan found")",
        in: inner, row: row, theme.role(.error))
    }
    row += 1
    if let i = f.breakpoints.firstIndex(where: { $0.value == c.value }) {
      buffer.write("breakpoint \(i + 1): \(f.breakpoints[i].change)", in: inner, row: row, theme.role(.path))
    } else if !f.breakpoints.isEmpty {
      let list = f.breakpoints.enumerated().map { "\($0.offset + 1) \(p.format($0.element.value))" }
        .joined(separator: ", ")
      buffer.write("breakpoints at \(list) (move the cursor there for what changes)", in: inner, row: row, theme.label)
    }
    row += 1
    let same = abs(c.value - f.scenarioValue) < 1e-12 * max(1, abs(f.scenarioValue))
    buffer.write(
      same ? "the cursor is on the scenario's own value" : "Enter: set \(p.path) to \(p.format(c.value)) (u undoes)",
      in: inner, row: row, theme.label)
  }
}
