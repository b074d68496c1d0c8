import PACTCore

/// The Loss panel: predicted loss against elapsed time for the plan (and the
/// exact optimum and any extra series), with the target loss and the deadline.
public struct LossChartView: View {
  var scenario: Scenario
  var outcome: SolveOutcome?
  var exact: SolveOutcome?
  var extra: [ChartSeries]
  var baselines: [BaselineResult]
  var focused: Bool
  /// Epochs on the x axis instead of seconds.
  var againstEpochs: Bool
  /// The plan pinned with `P`, drawn beside the live one (dim, PACT's colour).
  var pinned: Pinned?

  public init(state: AppState) {
    scenario = state.scenario
    outcome = state.outcome
    exact = state.exact
    extra = state.extraSeries
    baselines = state.currentBaselines ?? []
    focused = state.focus == .loss
    againstEpochs = state.lossAgainstEpochs
    pinned = state.pinned
  }

  /// Loss after each epoch against cumulative seconds, starting at (0, initialLoss).
  public static func curve(_ evaluation: PlanEvaluation, initialLoss: Double) -> [(x: Double, y: Double)] {
    var t = 0.0
    var points: [(x: Double, y: Double)] = [(0, initialLoss)]
    for e in evaluation.epochs {
      t += e.seconds
      points.append((t, e.loss))
    }
    return points
  }

  public func draw(into area: Rect, buffer: inout Buffer, theme: Theme) {
    let t = scenario.training
    var note = againstEpochs ? "Enter: against time" : ""
    if !againstEpochs, let eval = outcome?.result.evaluation {
      note = "\(Format.seconds(eval.totalSeconds)) of \(Format.seconds(t.deadlineSeconds))"
    }
    let inner = Block(title: againstEpochs ? "Loss vs epoch" : "Loss vs time", focused: focused, note: note).draw(
      into: area, buffer: &buffer, theme: theme)
    var series: [ChartSeries] = []
    if let p = pinned, let e = p.evaluation, !e.epochs.isEmpty {
      series.append(
        ChartSeries(
          label: "pinned", points: LossChartView.curve(e, initialLoss: p.scenario.training.initialLoss),
          color: Palette.pact.role.themeKey, dimmed: true))
    }
    if let o = outcome, let eval = o.result.evaluation {
      series.append(
        ChartSeries(
          label: "PACT plan", points: LossChartView.curve(eval, initialLoss: o.scenario.training.initialLoss),
          color: Palette.pact.role.themeKey))
      // The loss model's error band around the plan: where real training lands 80 % of
      // the time (10–90 %), when calibration measured it.
      if let band = o.scenario.loss.band {
        let curve = LossChartView.curve(eval, initialLoss: o.scenario.training.initialLoss)
        func edge(_ q: Double) -> [(x: Double, y: Double)] {
          curve.enumerated().map { k, p in
            (p.x, k == 0 ? p.y : p.y / max(1e-9, 1 + band.relativeError(round: k, quantile: q)))
          }
        }
        series.append(
          ChartSeries(
            label: "real runs: 90 % below", points: edge(PredictionBand.levels.low), color: .series1, dimmed: true))
        series.append(
          ChartSeries(label: "10 % below", points: edge(PredictionBand.levels.high), color: .series1, dimmed: true))
      }
    }
    if let e = exact, let eval = e.result.evaluation {
      series.append(
        ChartSeries(
          label: "exact", points: LossChartView.curve(eval, initialLoss: e.scenario.training.initialLoss),
          color: Palette.exact.role.themeKey))
    }
    for b in baselines {
      let points = LossChartView.curve(b.evaluation, initialLoss: scenario.training.initialLoss)
      series.append(
        ChartSeries(
          label: b.method + (b.isFeasible ? "" : "✗"), points: points, color: Palette.themeKey(method: b.method)))
    }
    series += extra
    if againstEpochs {
      // The same curves by epoch: point k of a plan's curve is after epoch k.
      for i in series.indices {
        series[i].points = series[i].points.enumerated().map { (x: Double($0.offset), y: $0.element.y) }
      }
    }
    var guides = [
      ChartGuide(
        .horizontal, at: t.targetLoss, label: "target \(Format.number(t.targetLoss, digits: 3))", color: .target)
    ]
    if !againstEpochs {
      guides.append(ChartGuide(.vertical, at: t.deadlineSeconds, label: "deadline", color: .deadline))
    }
    guard !series.isEmpty else {
      buffer.write(
        outcome == nil ? "solving…" : "no plan", in: inner, row: inner.height / 2, column: max(0, inner.width / 2 - 4),
        theme.label)
      return
    }
    BrailleLineChart(
      series: series, guides: guides, xTitle: againstEpochs ? "epoch" : "time",
      xLabel: { againstEpochs ? Format.number($0, digits: 3) : Format.seconds($0) }
    ).draw(into: inner, buffer: &buffer, theme: theme)
  }
}
