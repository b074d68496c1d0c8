/// The figures pact draws from a ``Comparison`` and a ``KnobSweep``.
public enum ComparisonCharts {
  /// Predicted loss vs epoch for every method with a plan, with the target line.
  public static func lossCurves(_ comparison: Comparison, scenario: Scenario) -> LineChart {
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
    return LineChart(
      title: "Predicted training loss — \(scenario.name)",
      subtitle: "PACT, the optimum (dashed) and the baselines; dotted: plans that miss a goal",
      xLabel: "Epoch", yLabel: "Predicted training loss", series: series,
      references: [
        .init(
          y: scenario.training.targetLoss, label: "target \(Format.number(scenario.training.targetLoss))",
          color: Palette.target.color)
      ],
      integerX: true)
  }

  /// Energy per method (bars); infeasible plans hollow and marked.
  public static func energyBars(_ comparison: Comparison) -> BarChart {
    var bars: [BarChart.Bar] = []
    for row in comparison.rows {
      let color = Palette.look(method: row.method).color
      // A run that stopped before its first epoch has no plan to draw (the bar says "no plan").
      let hasPlan = !(row.evaluation?.epochs.isEmpty ?? true)
      let note: String? = hasPlan ? row.evaluation?.missedGoals : nil
      let value = hasPlan ? row.joules : nil
      bars.append(.init(label: row.method, value: value, color: color, note: note))
    }
    var subtitle = "Total training energy per method"
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
