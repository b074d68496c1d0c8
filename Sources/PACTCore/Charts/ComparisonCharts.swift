/// The figures pact draws from a ``Comparison`` and a ``KnobSweep``.
public enum ComparisonCharts {
  /// Predicted loss vs epoch for every method with a plan, with the target line.
  /// With `against`, a pinned plan (its label, evaluation and scenario's initial loss) is
  /// drawn beside PACT's, faded and dashed in PACT's colour, with `comparison` (the
  /// difference in words) as the subtitle.
  public static func lossCurves(
    _ comparison: Comparison, scenario: Scenario,
    against: (label: String, evaluation: PlanEvaluation, initialLoss: Double)? = nil, words: String? = nil
  ) -> LineChart {
    var series: [LineChart.Series] = []
    for row in comparison.rows {
      guard let e = row.evaluation, !e.epochs.isEmpty else { continue }
      let look = Palette.look(method: row.method)
      let points = [(x: 0.0, y: scenario.training.initialLoss)] + e.epochs.map { (x: Double($0.epoch), y: $0.loss) }
      series.append(
        LineChart.Series(
          name: row.method + (e.isFeasible ? "" : " (infeasible)"), points: points, color: look.color,
          width: e.isFeasible ? look.width : 1.5, dash: e.isFeasible ? look.dash : Palette.infeasibleDash,
          layer: row.kind == .pact ? 1 : (row.kind == .exact ? 2 : 0)))
    }
    if let a = against, !a.evaluation.epochs.isEmpty {
      series.insert(
        LineChart.Series(
          name: "pact, \(a.label)",
          points: [(x: 0.0, y: a.initialLoss)] + a.evaluation.epochs.map { (x: Double($0.epoch), y: $0.loss) },
          color: Palette.pact.color, width: Palette.pact.width * 0.8, dash: Palette.pinnedDash,
          opacity: Palette.pinnedOpacity, layer: 1), at: min(1, series.count))
    }
    return LineChart(
      title: "Predicted training loss — \(scenario.name)",
      subtitle: words.map { "now vs \(against?.label ?? "pinned"): \($0)" }
        ?? "PACT, the optimum (dashed) and the baselines; dotted: plans that miss a goal",
      xLabel: "Epoch", yLabel: "Predicted training loss", series: series,
      references: [
        .init(
          y: scenario.training.targetLoss, label: "target \(Format.number(scenario.training.targetLoss))",
          color: Palette.target.color)
      ],
      integerX: true)
  }

  /// Energy per method (bars); infeasible plans hollow and marked.
  /// With `against`, a pinned plan's energy (its label and joules, nil without a plan) is
  /// a faded bar beside PACT's, with `words` (the difference) in the subtitle.
  public static func energyBars(
    _ comparison: Comparison, against: (label: String, joules: Double?)? = nil, words: String? = nil
  ) -> BarChart {
    var bars: [BarChart.Bar] = []
    for row in comparison.rows {
      let color = Palette.look(method: row.method).color
      // A run that stopped before its first epoch has no plan to draw (the bar says "no plan").
      let hasPlan = !(row.evaluation?.epochs.isEmpty ?? true)
      let note: String? = hasPlan ? row.evaluation?.missedGoals : nil
      let value = hasPlan ? row.joules : nil
      bars.append(.init(label: row.method, value: value, color: color, note: note))
    }
    if let a = against {
      bars.insert(
        .init(
          label: "pact, \(a.label)", value: a.joules, color: Palette.pact.color, opacity: Palette.pinnedOpacity),
        at: min(1, bars.count))
    }
    var subtitle = words.map { "now vs \(against?.label ?? "pinned"): \($0)" } ?? "Total training energy per method"
    if let opt = comparison.optimumJoules { subtitle += "; optimum \(Format.joules(opt))" }
    if comparison.rows.contains(where: { $0.evaluation != nil && !$0.isFeasible }) {
      subtitle += "; hollow bars: plans that miss a goal (not cheaper: they fail)"
    }
    return BarChart(
      title: "Energy to reach the target — \(comparison.scenario)", subtitle: subtitle, quantity: "Energy", unit: "J",
      bars: bars)
  }

  /// Gap to the reference vs solve time, one point per knob value (labelled with it).
  public static func sweep(_ sweep: KnobSweep) -> LineChart {
    let points = sweep.points.filter { $0.gap != nil }
    let series = LineChart.Series(
      name: "PACT, \(sweep.knob)", points: points.map { (x: max($0.solveSeconds, 1e-6), y: ($0.gap ?? 0) * 100) },
      color: Palette.pact.color, width: 2.5, markers: true, pointLabels: points.map { "\($0.value)" })
    return LineChart(
      title: "Closeness to the optimum vs solve time — \(sweep.scenario)",
      subtitle: "Sweeping \(sweep.knob); gap measured against \(sweep.reference.describe(knob: sweep.knob))",
      xLabel: "Solve time (s, log scale; median of runs)", yLabel: "Energy gap (%)", series: [series],
      references: [.init(y: 0, label: "reference", color: ChartStyle.muted)], xLog: true, yIncludesZero: true)
  }
}
