import Foundation
import PACTCore

/// `pact calibrate`: fit loss-model coefficients to training traces.
enum CalibrateCommand: Subcommand {
  static let name = "calibrate"
  static let summary = "fit every loss form to training traces, choose one by validation"
  static let help = CommandHelp(
    name: name, arguments: "TRACES.csv…",
    about: """
      Fits the loss model's coefficients to real training runs by comparing the
      multi-epoch rollout (every round predicted from round 0 with the planner's
      recurrence) with the measured train_loss of every round, as relative errors,
      by least squares (Levenberg–Marquardt from several starts).

      Without --model it fits every form it knows and chooses by validation: each
      form is fitted on all partition seeds but one and scored on the one left out
      (k-fold over the runs when the traces have one seed); it reports each form's
      held-out rollout MAPE, final-loss bias and error on small-set runs (at most
      two nodes per round), and prints the `loss` section of the form that predicts
      held-out runs best, fitted on all runs, with `band`: the 10/50/90 % quantiles
      of its held-out relative error by round (what `training.confidence` plans on).
      """,
    beforeOptions: """
      arguments:
        TRACES.csv…           trace CSVs: run,alpha,seed,policy,schedule,round,nodes,samples,
                              remaining,train_loss,test_loss,test_acc (docs/MODEL.md)
      """,
    groups: [
      OptionGroup(
        title: "options",
        options: [
          .value("nodes", "FILE[,FILE]", "nodes (or scenario) files with each node's samples and labelHistogram")
            .required(),
          .value("model", "NAME", "fit this form only: pact-v1, pact-v2 or pact-v3"),
          .value("scenario", "FILE", "take the pruning levels, batch size and local epochs from a scenario"),
          .value("levels", "LIST", "pruning levels (remaining fractions), default 0.8^0 … 0.8^8"),
          .value("batch", "B", "batch size for the local SGD steps (default 32)"),
          .value("local-epochs", "E", "local epochs per round (default 1)"),
          .value("holdout", "SEEDS", "comma-separated seeds to leave out of the fit and report on"),
          .value("test", "FILE", "a second trace file to report on (same nodes file)"),
          .value("run", "RUN_ID", "print real against predicted for one run, with a chart"),
          .flag("initial-from-trace", "also print training.initialLoss: the mean round-0 loss of the fitted runs"),
          .value("starts", "N", "starting points of each fit (default 8)"),
          .value("loss-from", "FILE", "do not fit: report on the `loss` of this scenario file"),
          .flag("json", "the result as JSON on standard output"),
          .value(
            "into", "FILE",
            """
            also write the printed `loss` section into this scenario file
            (atomically; only that section's text changes)
            """),
        ])
    ],
    notes: """
      Each round's `remaining` must be within 1 % of one of the levels; a line whose
      value matches none is an error naming it.
      """,
    exitCodes: "0 ok, 2 bad input (bad traces name line and column)")

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    guard let nodesPath = try arguments.option("nodes") else { throw UsageError("--nodes FILE is required") }
    var forced: LossModelKind? = nil
    if let modelName = try arguments.option("model") {
      guard let kind = LossModelKind(rawValue: modelName) else {
        let known = LossModelKind.allCases.map(\.rawValue).joined(separator: ", ")
        throw UsageError("--model: unknown loss model \"\(modelName)\"; known: \(known)")
      }
      forced = kind
    }
    let scenarioPath = try arguments.option("scenario")
    let levelsText = try arguments.option("levels")
    let batchOption = try arguments.integer("batch", in: 1...1_000_000)
    let localOption = try arguments.integer("local-epochs", in: 1...1_000_000)
    let holdout = try arguments.option("holdout")
    let testPath = try arguments.option("test")
    let runID = try arguments.option("run")
    let initialFromTrace = arguments.flag("initial-from-trace")
    let starts = try arguments.integer("starts", in: 1...256) ?? 8
    let lossFrom = try arguments.option("loss-from")
    let asJSON = arguments.flag("json")
    let intoPath = try arguments.option("into")
    let positionals = try arguments.finish(positionals: 1, optional: 16)
    if holdout != nil && testPath != nil { throw UsageError("give --holdout or --test, not both") }
    let tracesPaths = positionals

    var levels = TraceRuns.digitsLevels
    var batch = 32
    var localEpochs = 1
    if let scenarioPath {
      if levelsText != nil || batchOption != nil || localOption != nil {
        throw UsageError("give --scenario or --levels/--batch/--local-epochs, not both")
      }
      let s = try loadScenario(scenarioPath)
      levels = s.model.pruningLevels
      batch = s.training.batchSize
      localEpochs = s.training.localEpochs
    }
    if let levelsText {
      let parsed = levelsText.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
      guard !parsed.isEmpty, let values = parsed as? [Double], values.first == 1,
        zip(values, values.dropFirst()).allSatisfy({ $0 > $1 }), (values.last ?? 0) > 0
      else {
        throw UsageError("--levels: give decreasing fractions starting at 1, like 1,0.75,0.5 (not \(levelsText))")
      }
      levels = values
    }
    batch = batchOption ?? batch
    localEpochs = localOption ?? localEpochs
    // A target that cannot be read fails now, not after the fit.
    if let intoPath { _ = try loadScenario(intoPath) }
    var nodeEntries: [TraceNodes.Entry] = []
    for path in nodesPath.split(separator: ",").map(String.init) {
      nodeEntries += try TraceNodes.load(path: path).entries
    }
    let nodes = TraceNodes(entries: nodeEntries)
    var allRuns: [TraceRun] = []
    for path in tracesPaths {
      allRuns += try TraceRuns.load(
        path: path, nodes: nodes, pruningLevels: levels, batchSize: batch, localEpochs: localEpochs)
    }
    var fitRuns = allRuns
    var testRuns: [TraceRun] = []
    var heldOutLabel = ""
    if let holdout {
      let seeds = Set(holdout.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
      guard !seeds.isEmpty, !seeds.contains("") else { throw UsageError("--holdout: give seeds like 1 or 1,2") }
      fitRuns = allRuns.filter { !seeds.contains($0.seed) }
      testRuns = allRuns.filter { seeds.contains($0.seed) }
      let known = Set(allRuns.map(\.seed)).sorted().joined(separator: ", ")
      if testRuns.isEmpty { throw UsageError("--holdout: no run has seed \(holdout) (seeds: \(known))") }
      if fitRuns.isEmpty {
        throw UsageError("--holdout: every run has seed \(holdout); nothing left to fit (seeds: \(known))")
      }
      heldOutLabel = "held-out (seed \(seeds.sorted().joined(separator: ", ")))"
    } else if let testPath {
      testRuns = try TraceRuns.load(
        path: testPath, nodes: nodes, pruningLevels: levels, batchSize: batch, localEpochs: localEpochs)
      heldOutLabel = "test (\(testPath))"
    }

    var parameters: LossParameters
    var fit: LossCalibrator.Fit?
    var selection: ModelSelection?
    let screening = LossCalibrator(runs: []).screeningIterations
    if let lossFrom {
      parameters = try loadScenario(lossFrom).loss
    } else {
      let line = ProgressLine(task: "validating")
      line.start()
      let chosen = ModelSelection.run(
        runs: fitRuns, forms: forced.map { [$0] } ?? LossModelKind.allCases, pruningLevels: levels, starts: starts,
        progress: line.progress)
      line.finish()
      selection = chosen
      var result = chosen.scores[chosen.chosen].fit
      result.parameters.band = chosen.band
      if let failure = result.failure {
        printError("pact calibrate: the fit could not run: \(failure)")
        return ExitCode.badInput
      }
      fit = result
      parameters = result.parameters
      // Report on exactly what is printed for pasting.
      parameters = roundedParameters(parameters)
    }
    let fitReport = CalibrationReport(runs: fitRuns, parameters: parameters, pruningLevels: levels)
    let testReport =
      testRuns.isEmpty ? nil : CalibrationReport(runs: testRuns, parameters: parameters, pruningLevels: levels)
    let initialLoss = fitRuns.reduce(0) { $0 + $1.initialLoss } / Double(fitRuns.count)

    var single: TracePrediction?
    if let runID {
      guard let run = (allRuns + testRuns).first(where: { $0.id == runID }) else {
        let some = allRuns.prefix(4).map(\.id).joined(separator: ", ")
        throw UsageError("--run: no run \"\(runID)\" in the traces (e.g. \(some))")
      }
      single = TracePrediction(run: run, parameters: parameters, pruningLevels: levels)
    }

    if let intoPath {
      var target = try loadScenario(intoPath)
      target.loss = parameters
      let issues = target.validate()
      if let first = issues.first {
        printError("pact calibrate: --into \(intoPath): the calibrated loss does not fit the scenario: \(first)")
        return ExitCode.badInput
      }
      do {
        try AtomicFile.write(target.fileText(), to: intoPath, keepBackup: false)
      } catch {
        printError("pact calibrate: --into \(intoPath): \(error)")
        return ExitCode.badInput
      }
      printError("pact calibrate: wrote the \(parameters.model.rawValue) loss section into \(intoPath)")
    }
    if asJSON {
      var members: [(key: String, value: JSONValue)] = [("loss", CalibrationReport.lossJSON(parameters))]
      if initialFromTrace {
        members.append(("training", .object([("initialLoss", .number(CalibrationReport.round6(initialLoss)))])))
      }
      if let fit {
        members.append(
          (
            "search",
            .object([
              ("starts", .number(Double(fit.startCosts.count))),
              ("iterations", .number(Double(fit.iterations))),
              ("evaluations", .number(Double(fit.evaluations))),
              ("cost", .number(fit.cost)),
              ("seconds", .number(fit.seconds)),
            ])
          ))
      }
      if let selection { members.append(("validation", validationJSON(selection))) }
      members.append(("fit", fitReport.json(perRun: true)))
      if let testReport { members.append(("heldOut", testReport.json(perRun: true))) }
      if let single {
        members.append(
          (
            "run",
            .object([
              ("run", .string(single.runID)),
              ("levels", .array(single.levels.map { .number(Double($0)) })),
              ("real", .array(single.real.map { .number($0) })),
              ("rollout", .array(single.rollout.map { .number($0) })),
              ("oneStep", .array(single.oneStep.map { .number($0) })),
            ])
          ))
      }
      printOut(JSONWriter.write(.object(members)))
      return ExitCode.ok
    }

    if let fit {
      let seeds = Set(fitRuns.map(\.seed)).sorted().joined(separator: ", ")
      printOut(
        "calibrated \(parameters.model.rawValue) on \(fitRuns.count) runs (seed \(seeds)) in \(Format.seconds(fit.seconds)): "
          + "\(fit.startCosts.count) starts, \(fit.iterations) LM iterations, rms relative rollout error \(String(format: "%.2f %%", fit.rmsRelativeError * 100))"
      )
      let finite = fit.startCosts.filter(\.isFinite)
      if let best = finite.min(), let worst = finite.max() {
        let near = finite.filter { $0 <= best * 1.01 }.count
        printOut(
          "starts: \(near) of \(fit.startCosts.count) within 1 % of the best cost \(Format.number(best)) (worst \(Format.number(worst)); unrefined starts stop after \(screening) iterations)"
        )
      }
    } else {
      printOut("loss model from \(lossFrom ?? "") (not fitted)")
    }
    if let selection { printOut("\n" + validationText(selection)) }
    printOut("\npaste into the scenario:")
    var snippet = "\"loss\": " + JSONWriter.compact(CalibrationReport.lossJSON(parameters))
    if initialFromTrace {
      snippet += "\n\"training\": { \"initialLoss\": \(JSONWriter.number(CalibrationReport.round6(initialLoss))), … }"
    }
    printOut(snippet)
    printOut("")
    printOut(fitReport.summaryLine(fit == nil ? "traces" : "fit"))
    if let testReport { printOut(testReport.summaryLine(heldOutLabel)) }
    let worstOf = testReport ?? fitReport
    printOut("\nworst \(testReport == nil ? "" : "held-out ")runs by rollout MAPE:")
    printOut(worstOf.worstTable(5))
    if let single {
      printOut(
        "\nrun \(single.runID): rollout MAPE \(String(format: "%.2f %%", single.rolloutMAPE * 100)), one-step MAPE \(String(format: "%.2f %%", single.oneStepMAPE * 100)), final-loss error \(Format.percent(single.finalError))"
      )
      printOut(TraceChart.render(single))
      printOut("")
      printOut(TraceChart.table(single))
    }
    return ExitCode.ok
  }

  /// The validation table: every form's held-out figures per fold and overall, and the choice.
  static func validationText(_ v: ModelSelection) -> String {
    func pct(_ x: Double?) -> String {
      guard let x, x.isFinite else { return "–" }
      return Format.percent(x, signed: false)
    }
    func pad(_ s: String, _ n: Int) -> String {
      s.count >= n ? s : String(repeating: " ", count: n - s.count) + s
    }
    let folds = v.scores.first?.folds.map(\.heldOut) ?? []
    var lines = ["validation (\(v.scheme), \(Format.seconds(v.seconds))): held-out rollout MAPE"]
    var header = "  " + "form".padding(toLength: 8, withPad: " ", startingAt: 0)
    for f in folds { header += pad(f, 10) }
    header += pad("mean", 10) + pad("final bias", 12) + pad("small sets", 12)
    lines.append(header)
    for (i, s) in v.scores.enumerated() {
      var row = "  " + s.model.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
      for f in s.folds { row += pad(pct(f.rolloutMAPE), 10) }
      let bias = s.meanFinalBias.isFinite ? Format.percent(s.meanFinalBias) : "–"
      row += pad(pct(s.meanRolloutMAPE), 10) + pad(bias, 12) + pad(pct(s.smallSetMAPE), 12)
      if i == v.chosen { row += "  ← chosen" }
      lines.append(row)
    }
    lines.append("chosen: \(v.reason)")
    if let b = v.band, let last = b.low.indices.last {
      lines.append(
        "band: real = predicted ÷ (1 + e); by round \(last + 1) e is \(Format.percent(b.low[last])) … \(Format.percent(b.high[last])) (10–90 %), median \(Format.percent(b.median[last]))"
      )
    }
    return lines.joined(separator: "\n")
  }

  static func validationJSON(_ v: ModelSelection) -> JSONValue {
    .object([
      ("scheme", .string(v.scheme)),
      ("chosen", .string(v.scores[v.chosen].model.rawValue)),
      ("reason", .string(v.reason)),
      ("seconds", .number(v.seconds)),
      (
        "forms",
        .array(
          v.scores.map { s in
            .object([
              ("model", .string(s.model.rawValue)),
              ("rolloutMAPE", .number(s.meanRolloutMAPE)),
              ("finalBias", .number(s.meanFinalBias)),
              ("smallSetMAPE", s.smallSetMAPE.map { .number($0) } ?? .null),
              (
                "folds",
                .array(
                  s.folds.map { f in
                    .object([
                      ("heldOut", .string(f.heldOut)), ("runs", .number(Double(f.runs))),
                      ("rolloutMAPE", .number(f.rolloutMAPE)), ("finalBias", .number(f.finalBias)),
                      ("smallSetMAPE", f.smallSetMAPE.map { .number($0) } ?? .null),
                    ])
                  })
              ),
            ])
          })
      ),
    ])
  }

  /// Coefficients rounded to the six significant digits they are printed with.
  static func roundedParameters(_ p: LossParameters) -> LossParameters {
    var q = p
    for c in LossParameters.coefficients { q[keyPath: c.keyPath] = CalibrationReport.round6(p[keyPath: c.keyPath]) }
    for (k, v) in p.extra { q.extra[k] = CalibrationReport.round6(v) }
    return q
  }
}
