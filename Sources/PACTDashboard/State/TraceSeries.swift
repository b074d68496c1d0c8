import PACTCore

/// A real training run from a trace CSV, overlaid on the loss chart: its real
/// losses and the loss model's rollout of the same decisions, each against the
/// elapsed time those decisions take on the scenario's nodes.
public enum TraceSeries {
  /// Loads run `runID` of `tracesPath`, whose node ids must be the scenario's.
  ///
  /// - Throws: ``InputError`` naming the file and the problem (unreadable CSV, no such
  ///   run, a round naming a node the scenario does not have).
  public static func load(tracesPath: String, runID: String, scenario: Scenario) throws(InputError) -> [ChartSeries] {
    let nodes = TraceNodes(
      entries: scenario.nodes.map {
        TraceNodes.Entry(id: $0.id, samples: $0.samples, labelHistogram: $0.labelHistogram)
      })
    let records = try TraceCSV.load(path: tracesPath)
    let mine = records.filter { $0.run == runID }
    guard !mine.isEmpty else {
      var some: [String] = []
      for r in records where !some.contains(r.run) && some.count < 5 { some.append(r.run) }
      throw InputError(
        source: tracesPath, "", "no run \(JSONWriter.quoted(runID)) (runs include \(some.joined(separator: ", ")))")
    }
    // Only this run's rows: other runs may name nodes the scenario does not have.
    let runs = try TraceRuns.build(mine, nodes: nodes, pruningLevels: scenario.model.pruningLevels, source: tracesPath)
    guard let run = runs.first else {
      throw InputError(source: tracesPath, "", "run \(JSONWriter.quoted(runID)) has no usable rounds")
    }
    return try series(run, scenario: scenario, source: tracesPath)
  }

  /// The real and predicted curves of `run` against cumulative seconds.
  public static func series(_ run: TraceRun, scenario: Scenario, source: String = "trace") throws(InputError)
    -> [ChartSeries]
  {
    let cost = CostModel(scenario: scenario)
    let predictor = LossPredictors.make(scenario)
    var t = 0.0
    var real: [(x: Double, y: Double)] = [(0, run.initialLoss)]
    var predicted: [(x: Double, y: Double)] = [(0, run.initialLoss)]
    var loss = run.initialLoss
    var previousLevel = 0
    for (k, epoch) in run.epochs.enumerated() {
      var set: [Int] = []
      for id in epoch.nodes {
        guard let n = scenario.nodeIndex(id: id) else {
          throw InputError(
            source: source, "run \(run.id), round \(k + 1)", "node \(JSONWriter.quoted(id)) is not in the scenario")
        }
        set.append(n)
      }
      t += cost.epochSeconds(set, level: epoch.level)
      loss = predictor.next(
        loss: loss, previousLevel: previousLevel, level: epoch.level, meanSteps: epoch.meanSteps, skew: epoch.skew)
      previousLevel = epoch.level
      real.append((t, epoch.loss))
      predicted.append((t, loss))
    }
    return [
      ChartSeries(label: "\(run.id) real", points: real, color: .series4),
      ChartSeries(label: "predicted", points: predicted, color: .series3),
    ]
  }
}
