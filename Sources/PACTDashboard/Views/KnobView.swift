import PACTCore

/// The knob view (`s`): for one approximation knob, PACT's gap to the optimum (or to
/// the finest value, said so), solve time and graph size at each useful value, as a
/// chart (gap against solve time on a log axis, each point labelled by its value) and
/// a table, the knob's current value highlighted, with what the knob trades.
struct KnobView: View {
  let state: AppState

  /// What a flat 0 % line means, naming the teaching scenario where the knob matters (never
  /// the one that is open).
  static func flatLineHint(knob: KnobName, open: String) -> String {
    if knob == .timeCaps {
      return
        "here the knob only costs time; on fleets of 14 nodes or fewer the pairs, triples and one-node moves already hold the fast sets a deadline needs, so timeCaps matters on larger ones"
    }
    let lesson = "teach-\(knob.rawValue)"
    let example = open == lesson ? "" : " (sample-scenarios/\(lesson).json shows it)"
    return "here the knob only costs time; coarse values lose energy on harder scenarios\(example)"
  }

  /// The reference the gaps are measured against, and what it is.
  func reference(_ points: [KnobSweep.Point]) -> (joules: Double, name: String)? {
    if let x = state.exact?.result.evaluation, x.isFeasible, AppState.sameProblem(state.exact!.scenario, state.scenario)
    {
      return (x.totalJoules, "the exact optimum \(Format.joules(x.totalJoules))")
    }
    // Without the optimum, the best proven lower bound of the sweep: each value's gap to it
    // is an upper limit on its true gap, on any scenario size.
    if let lower = points.compactMap(\.lowerBoundJoules).filter({ $0.isFinite && $0 > 0 }).max() {
      let exact = state.scenario.nodes.count <= 14 ? "; x: exact" : ""
      return (lower, "the proven lower bound \(Format.joules(lower)) (gaps are upper limits\(exact))")
    }
    if let finest = points.last(where: \.isFeasible), let j = finest.joules {
      let why = state.exactRunning != nil ? "the exact solver is running" : "the exact solver has not run (x)"
      return (j, "PACT at the finest value (\(finest.value)) — \(why)")
    }
    return nil
  }

  func draw(into area: Rect, buffer: inout Buffer, theme: Theme) {
    let knob = SolverKnobs.knob(state.knobs.knob)
    let sweep = state.knobs.sweep.flatMap { $0.knob == state.knobs.knob ? $0 : nil }
    let progress = sweep.map { $0.isDone ? "" : "solving \($0.points.count + 1) of \($0.total)… · " } ?? "solving… · "
    let inner = Block(
      title: "Knob: \(knob.name)", focused: true, note: progress + "←→ knob · ↑↓ value · Enter set · Esc back"
    ).draw(into: area, buffer: &buffer, theme: theme)
    guard inner.width >= 30, inner.height >= 8 else { return }
    buffer.write(knob.help, in: inner, row: 0, theme.highlight)
    let points = sweep?.points ?? []
    let ref = reference(points)
    buffer.write("gap measured against \(ref?.name ?? "nothing yet")", in: inner, row: 1, theme.label)
    func gap(_ p: KnobSweep.Point) -> Double? {
      guard let r = ref, let j = p.joules, p.isFeasible, r.joules > 0 else { return nil }
      return Statistics.relativeGap(j, to: r.joules)
    }
    let current = state.scenario.solver[keyPath: knob.keyPath]
    // Table on the left, chart on the right.
    let tableWidth = min(60, inner.width / 2)
    let table = Rect(x: inner.x, y: inner.y + 3, width: tableWidth, height: inner.height - 4)
    // The graph of the value's own grid, and of all passes (said under the table).
    // Only gapTolerance's sweep keeps the coarse passes: elsewhere "all" is the graph itself.
    let showAll = tableWidth >= 55 && state.knobs.knob == .gapTolerance
    let header =
      pad(knob.name, 9, right: true) + pad("gap", 10, right: true) + pad("solve", 10, right: true)
      + pad("graph", 8, right: true) + (showAll ? pad("all", 8, right: true) : "") + "  plan"
    buffer.write(header, in: table, row: 0, theme.label)
    for (i, p) in points.enumerated() where i + 1 < table.height {
      let isCurrent = p.value == current
      let style = i == state.knobs.row ? theme.selected : (isCurrent ? theme.highlight : theme.text)
      let line =
        pad("\(p.value)\(isCurrent ? "◀" : " ")", 9, right: true)
        + pad(gap(p).map { Format.percent($0) } ?? (p.isFeasible ? "–" : "no plan"), 10, right: true)
        + pad(Format.elapsed(p.solveSeconds), 10, right: true)
        + pad(p.vertices > 0 ? Format.count(p.vertices) : "–", 8, right: true)
        + (showAll ? pad(Format.count(p.allPassVertices), 8, right: true) : "")
        + "  " + (p.planFrom == p.value ? "own" : "from \(p.planFrom)")
      if i == state.knobs.row {
        buffer.fill(Rect(x: table.x, y: table.y + 1 + i, width: table.width, height: 1), " ", style)
      }
      buffer.write(line, in: table, row: 1 + i, style)
    }
    buffer.write(
      state.knobs.knob == .gapTolerance
        ? "graph: vertices of the pass at the knobs' own grid (– when the passes stopped before it)"
          + (showAll ? " · all: every pass's graph together" : "")
        : "graph: vertices at the value's own grid (each value solved in one pass there, no coarse passes)",
      in: inner, row: inner.height - 1, theme.label)
    let chart = Rect(
      x: inner.x + tableWidth + 2, y: inner.y + 3, width: inner.width - tableWidth - 2, height: inner.height - 4)
    let plotted = points.filter { gap($0) != nil && $0.solveSeconds > 0 }
    guard !plotted.isEmpty else { return }
    let gaps = plotted.compactMap { gap($0) }
    var noteRows = 0
    if gaps.allSatisfy({ $0 == 0 }) {
      // Say what that means, so a teacher is not left with a flat line to explain.
      let done = state.knobs.sweep?.isDone ?? false
      var text = "0 % at every value"
      if done {
        text += ": " + KnobView.flatLineHint(knob: state.knobs.knob, open: state.scenario.name)
      }
      let lines = text.wrapped(width: chart.width, maxLines: 3)
      for (i, line) in lines.enumerated() {
        buffer.write(line, in: chart, row: i, i == 0 ? theme.role(.ok, bold: true) : theme.label)
      }
      noteRows = lines.count
    }
    let series = ChartSeries(
      label: "gap (%) vs solve time (log)", points: plotted.map { (x: $0.solveSeconds, y: (gap($0) ?? 0) * 100) },
      color: .series1, markers: true, pointLabels: plotted.map { "\($0.value)" })
    let isOptimum = ref?.name.hasPrefix("the exact optimum") ?? false
    var guides = [
      ChartGuide(
        .horizontal, at: 0,
        label: isOptimum ? "optimum" : (ref?.name.hasPrefix("the proven") == true ? "proven bound" : "finest value"),
        color: .target)
    ]
    if let cur = plotted.first(where: { $0.value == current }) {
      guides.append(ChartGuide(.vertical, at: cur.solveSeconds, label: "current \(current)", color: .path))
    }
    let chartBody = Rect(x: chart.x, y: chart.y + noteRows, width: chart.width, height: chart.height - noteRows)
    BrailleLineChart(
      series: [series], guides: guides, xTitle: "solve time", xLog: true, xLabel: { Format.elapsed($0) },
      yLabel: { Format.number($0, digits: 2) + " %" }
    ).draw(into: chartBody, buffer: &buffer, theme: theme)
  }
}
