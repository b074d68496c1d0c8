import Foundation
import PACTCore

/// `pact calibrate`: fit loss-model coefficients to training traces.
enum CalibrateCommand: Subcommand {
  static let name = "calibrate"
  static let summary = "fit loss-model coefficients to training traces"
  static let usage = """
    usage: pact calibrate TRACES.csv --nodes NODES.json [--model pact-v1|pact-v2]
                          [--holdout SEEDS | --test TRACES2.csv] [--run RUN_ID]
                          [--initial-from-trace] [--starts N] [--loss-from SCENARIO.json] [--json]

    Fits the loss model's coefficients to real training runs by comparing the
    multi-epoch rollout (every round predicted from round 0 with the planner's
    recurrence) with the measured train_loss of every round, as relative errors,
    by least squares (Levenberg–Marquardt from several starts). Prints the
    `loss` section to paste into a scenario and a fit report: per-run rollout
    MAPE, one-step-ahead MAPE, final-loss error and the worst runs.

    arguments:
      TRACES.csv            trace CSV: run,alpha,seed,policy,schedule,round,nodes,samples,
                            remaining,train_loss,test_loss,test_acc (docs/MODEL.md)
    options:
      --nodes FILE          nodes (or scenario) file with each node's samples and labelHistogram
      --model NAME          loss form to fit: pact-v1 (default) or pact-v2
      --holdout SEEDS       comma-separated seeds to leave out of the fit and report on
      --test FILE           a second trace file to report on (same nodes file)
      --run RUN_ID          print real against predicted for one run, with a chart
      --initial-from-trace  also print training.initialLoss: the mean round-0 loss of the fitted runs
      --starts N            starting points of the fit (default 8)
      --loss-from FILE      do not fit: report on the `loss` of this scenario file
      --json                the result as JSON on standard output

    Levels: each round's `remaining` is mapped to the nearest 0.8^j (j = 0…8);
    u and δ use batch size 32 and 1 local epoch, as the shared digits traces.

    exit codes: 0 ok, 2 bad input (bad traces name line and column)
    """

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    guard let nodesPath = try arguments.option("nodes") else { throw UsageError("--nodes FILE is required") }
    let modelName = try arguments.option("model") ?? LossModelKind.pactV1.rawValue
    guard let model = LossModelKind(rawValue: modelName) else {
      let known = LossModelKind.allCases.map(\.rawValue).joined(separator: ", ")
      throw UsageError("--model: unknown loss model \"\(modelName)\"; known: \(known)")
    }
    let holdout = try arguments.option("holdout")
    let testPath = try arguments.option("test")
    let runID = try arguments.option("run")
    let initialFromTrace = arguments.flag("initial-from-trace")
    let starts = try arguments.integer("starts", in: 1...256) ?? 8
    let lossFrom = try arguments.option("loss-from")
    let asJSON = arguments.flag("json")
    let positionals = try arguments.finish(positionals: 1)
    if holdout != nil && testPath != nil { throw UsageError("give --holdout or --test, not both") }
    let tracesPath = positionals[0]

    let levels = TraceRuns.digitsLevels
    let nodes = try TraceNodes.load(path: nodesPath)
    let allRuns = try TraceRuns.load(path: tracesPath, nodes: nodes, pruningLevels: levels)
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
      testRuns = try TraceRuns.load(path: testPath, nodes: nodes, pruningLevels: levels)
      heldOutLabel = "test (\(testPath))"
    }

    var parameters: LossParameters
    var fit: LossCalibrator.Fit?
    var screening = 0
    if let lossFrom {
      parameters = try loadScenario(lossFrom).loss
    } else {
      let calibrator = LossCalibrator(runs: fitRuns, model: model, pruningLevels: levels, starts: starts)
      screening = calibrator.screeningIterations
      let result = calibrator.fit()
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
      print(JSONWriter.write(.object(members)))
      return ExitCode.ok
    }

    if let fit {
      let seeds = Set(fitRuns.map(\.seed)).sorted().joined(separator: ", ")
      print(
        "calibrated \(model.rawValue) on \(fitRuns.count) runs (seed \(seeds)) in \(Format.seconds(fit.seconds)): "
          + "\(fit.startCosts.count) starts, \(fit.iterations) LM iterations, rms relative rollout error \(String(format: "%.2f %%", fit.rmsRelativeError * 100))"
      )
      let finite = fit.startCosts.filter(\.isFinite)
      if let best = finite.min(), let worst = finite.max() {
        let near = finite.filter { $0 <= best * 1.01 }.count
        print(
          "starts: \(near) of \(fit.startCosts.count) within 1 % of the best cost \(Format.number(best)) (worst \(Format.number(worst)); unrefined starts stop after \(screening) iterations)"
        )
      }
    } else {
      print("loss model from \(lossFrom ?? "") (not fitted)")
    }
    print("\npaste into the scenario:")
    var snippet = "\"loss\": " + JSONWriter.compact(CalibrationReport.lossJSON(parameters))
    if initialFromTrace {
      snippet += "\n\"training\": { \"initialLoss\": \(JSONWriter.number(CalibrationReport.round6(initialLoss))), … }"
    }
    print(snippet)
    print("")
    print(fitReport.summaryLine(fit == nil ? "traces" : "fit"))
    if let testReport { print(testReport.summaryLine(heldOutLabel)) }
    let worstOf = testReport ?? fitReport
    print("\nworst \(testReport == nil ? "" : "held-out ")runs by rollout MAPE:")
    print(worstOf.worstTable(5))
    if let single {
      print(
        "\nrun \(single.runID): rollout MAPE \(String(format: "%.2f %%", single.rolloutMAPE * 100)), one-step MAPE \(String(format: "%.2f %%", single.oneStepMAPE * 100)), final-loss error \(Format.percent(single.finalError))"
      )
      print(TraceChart.render(single))
      print("")
      print(TraceChart.table(single))
    }
    return ExitCode.ok
  }

  /// Coefficients rounded to the six significant digits they are printed with.
  static func roundedParameters(_ p: LossParameters) -> LossParameters {
    var q = p
    q.rate = CalibrationReport.round6(p.rate)
    q.stepsExponent = CalibrationReport.round6(p.stepsExponent)
    q.remainingExponent = CalibrationReport.round6(p.remainingExponent)
    q.floor = CalibrationReport.round6(p.floor)
    q.floorGrowth = CalibrationReport.round6(p.floorGrowth)
    q.floorExponent = CalibrationReport.round6(p.floorExponent)
    q.pruneShock = CalibrationReport.round6(p.pruneShock)
    q.skewPenalty = CalibrationReport.round6(p.skewPenalty)
    for (k, v) in p.extra { q.extra[k] = CalibrationReport.round6(v) }
    return q
  }
}
