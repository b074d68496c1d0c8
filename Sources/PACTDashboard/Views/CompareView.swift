import PACTCore

/// The compare view (`c`): the rows of `pact compare` — PACT, the exact optimum when
/// known, every baseline — with energy, time, final loss, feasibility (and why not),
/// solve time and gap; the selected row's loss curve highlighted beside them.
struct CompareView: View {
  let state: AppState

  /// Whether the row's method is feasible, and if not why: no plan (and why not), or
  /// the goals its plan misses.
  static func why(_ r: CompareRow) -> String {
    if r.isFeasible { return "yes" }
    if r.evaluation == nil || r.evaluation?.epochs.isEmpty == true {
      return "no plan: \(r.notes.first ?? r.status)"
    }
    return "no: " + (r.evaluation?.missedGoals ?? r.status)
  }

  func draw(into area: Rect, buffer: inout Buffer, theme: Theme) {
    let rows = state.compareRows
    let waiting = state.baselines?.generation != state.generation
    let inner = Block(
      title: "Compare: PACT, the optimum and the baselines", focused: true,
      note: (waiting ? "computing the baselines… · " : "") + (state.exact == nil ? "x: exact · " : "")
        + "↑↓ method · Esc back"
    ).draw(into: area, buffer: &buffer, theme: theme)
    guard inner.width >= 40, inner.height >= 6 else { return }
    // The selected method's reason, wrapped, under the table (a row's is cut at its column).
    let reason: [String] =
      rows.indices.contains(state.compare.row) && !rows[state.compare.row].isFeasible
      ? "\(rows[state.compare.row].method): \(CompareView.why(rows[state.compare.row]))".wrapped(width: inner.width)
      : []
    let tableHeight = min(inner.height / 2, rows.count + 2 + max(1, reason.count))
    let table = Rect(x: inner.x, y: inner.y, width: inner.width, height: tableHeight)
    let header =
      pad("method", 17) + pad("energy", 10, right: true) + pad("time", 10, right: true) + pad("loss", 8, right: true)
      + pad("solve", 10, right: true) + pad("gap", 10, right: true) + "  feasible"
    buffer.write(header, in: table, row: 0, theme.label)
    for (i, r) in rows.enumerated() where i + 1 < table.height {
      let selected = i == state.compare.row
      let style = selected ? theme.selected : (r.method == "pact" ? theme.highlight : theme.text)
      if selected { buffer.fill(Rect(x: table.x, y: table.y + 1 + i, width: table.width, height: 1), " ", style) }
      // A method with no plan shows no figures (an empty plan's 0 J would read as data).
      let noPlan = r.evaluation == nil || r.evaluation?.epochs.isEmpty == true
      let e = noPlan ? nil : r.evaluation
      let why = CompareView.why(r)
      let line =
        pad(r.method, 17) + pad(e.map { Format.joules($0.totalJoules) } ?? "–", 10, right: true)
        + pad(e.map { Format.seconds($0.totalSeconds) } ?? "–", 10, right: true)
        + pad(e.map { Format.number($0.finalLoss, digits: 3) } ?? "–", 8, right: true)
        + pad(r.method == "pinned" ? "–" : Format.elapsed(r.solveSeconds), 10, right: true)
        + pad(r.gap.map { Format.percent($0) } ?? "–", 10, right: true) + "  " + why
      buffer.write(line, in: table, row: 1 + i, r.isFeasible || selected ? style : theme.role(.error))
    }
    for (i, line) in reason.enumerated() where rows.count + 1 + i < table.height {
      buffer.write(line, in: table, row: rows.count + 1 + i, theme.role(.error))
    }
    let below = rows.count + 1 + max(1, reason.count)
    // What certainty costs, when the loss model has a band.
    if state.scenario.loss.band != nil {
      var text = "what certainty costs (PACT; real loss ≤ target with confidence): "
      if let points = state.certainty?.current(state.generation) {
        text += points.map { p in
          "\(Format.number(p.confidence * 100)) %: \(p.joules.map { Format.joules($0) } ?? "no plan")"
        }.joined(separator: " · ")
      } else {
        text += "computing…"
      }
      if let now = state.scenario.training.confidence { text += " · now \(Format.number(now * 100)) %" }
      buffer.write(text, in: table, row: below, theme.label)
    }
    // The loss curves, the selected one on top and the others dimmed.
    let chart = Rect(
      x: inner.x, y: inner.y + tableHeight + 1, width: inner.width, height: inner.height - tableHeight - 1)
    var series: [ChartSeries] = []
    for (i, r) in rows.enumerated() {
      guard let e = r.evaluation, !e.epochs.isEmpty else { continue }
      series.append(
        ChartSeries(
          label: r.method + (r.isFeasible ? "" : " ✗"),
          points: LossChartView.curve(e, initialLoss: state.scenario.training.initialLoss),
          // The pinned plan is PACT's, before: PACT's colour, always dim.
          color: Palette.themeKey(method: r.method == "pinned" ? "pact" : r.method),
          dimmed: i != state.compare.row || r.method == "pinned"))
    }
    let t = state.scenario.training
    BrailleLineChart(
      series: series,
      guides: [
        ChartGuide(.horizontal, at: t.targetLoss, label: "target", color: .target),
        ChartGuide(.vertical, at: t.deadlineSeconds, label: "deadline", color: .deadline),
      ], xTitle: "time", xLabel: { Format.seconds($0) }
    ).draw(into: chart, buffer: &buffer, theme: theme)
  }
}
