import Foundation
import Testing

@testable import PACTCore

@Suite struct CalibrationFitTests {
  static let levels = TraceRuns.digitsLevels

  /// A varied subset of the digits runs: every policy and schedule of alpha 1, seed 0.
  static func structureRuns() throws -> [TraceRun] {
    try DigitsFixtures.runs().filter { $0.id.hasPrefix("a1-s0-") }
  }

  /// `runs` with their losses replaced by `parameters`' own rollout.
  static func synthetic(_ runs: [TraceRun], _ parameters: LossParameters) -> [TraceRun] {
    runs.map { run in
      let p = TracePrediction(run: run, parameters: parameters, pruningLevels: levels)
      var copy = run
      for k in copy.epochs.indices { copy.epochs[k].loss = p.rollout[k + 1] }
      return copy
    }
  }

  @Test func levenbergMarquardtFitsAnExponential() {
    // y = 2 · exp(−0.3 t) + 0.5, from a poor start.
    let ts = (0..<30).map(Double.init)
    let ys = ts.map { 2 * exp(-0.3 * $0) + 0.5 }
    let lm = LevenbergMarquardt(lower: [0, 0, 0], upper: [10, 5, 5])
    let result = lm.minimize(start: [0.5, 2, 0], count: ts.count) { x, r in
      for (k, t) in ts.enumerated() { r[k] = x[0] * exp(-x[1] * t) + x[2] - ys[k] }
    }
    #expect(abs(result.x[0] - 2) < 1e-6)
    #expect(abs(result.x[1] - 0.3) < 1e-6)
    #expect(abs(result.x[2] - 0.5) < 1e-6)
  }

  @Test func recoversKnownPACTv1Coefficients() throws {
    let truth = LossParameters(
      rate: 0.09, stepsExponent: 0.2, remainingExponent: 1.1, floor: 0.25, floorGrowth: 0.01, floorExponent: 2.2,
      pruneShock: 0.3, skewPenalty: 0.8)
    let runs = Self.synthetic(try Self.structureRuns(), truth)
    #expect(runs.count == 35)
    var calibrator = LossCalibrator(
      runs: runs, model: .pactV1, pruningLevels: Self.levels, starts: 2, maxIterations: 120)
    calibrator.seed = 7
    let fit = calibrator.fit()
    let report = CalibrationReport(runs: runs, parameters: fit.parameters, pruningLevels: Self.levels)
    #expect(report.summary.rolloutMAPE < 1e-4)
    let p = fit.parameters
    #expect(abs(p.rate - truth.rate) / truth.rate < 0.02)
    #expect(abs(p.remainingExponent - truth.remainingExponent) < 0.02)
    #expect(abs(p.floor - truth.floor) < 0.005)
    #expect(abs(p.pruneShock - truth.pruneShock) < 0.01)
    #expect(abs(p.skewPenalty - truth.skewPenalty) < 0.02)
  }

  @Test func recoversCoefficientsFarFromTheDefaultStart() throws {
    // Far from the MODEL.md example the first start uses: a rate ten times larger, another floor, strong shocks.
    let truth = LossParameters(
      rate: 0.6, stepsExponent: -0.4, remainingExponent: 2.5, floor: 0.8, floorGrowth: 0.3, floorExponent: 1.2,
      pruneShock: 1.2, skewPenalty: 2.0)
    let runs = Self.synthetic(try Self.structureRuns(), truth)
    let calibrator = LossCalibrator(
      runs: runs, model: .pactV1, pruningLevels: Self.levels, starts: 8, maxIterations: 150)
    let fit = calibrator.fit()
    let report = CalibrationReport(runs: runs, parameters: fit.parameters, pruningLevels: Self.levels)
    #expect(report.summary.rolloutMAPE < 1e-3)
    #expect(abs(fit.parameters.rate - truth.rate) / truth.rate < 0.05)
    #expect(abs(fit.parameters.floor - truth.floor) < 0.01)
  }

  @Test func recoversKnownPACTv2Coefficients() throws {
    let truth = LossParameters(
      model: .pactV2, rate: 0.1, stepsExponent: 0.1, remainingExponent: 1.0, floor: 0.3, floorGrowth: 0.02,
      floorExponent: 1.5, pruneShock: 0.05, skewPenalty: 0.8,
      extra: ["curvature": 0.9, "shockExponent": 1.8, "skewExponent": 2])
    let runs = Self.synthetic(try Self.structureRuns(), truth)
    let calibrator = LossCalibrator(
      runs: runs, model: .pactV2, pruningLevels: Self.levels, starts: 2, maxIterations: 150)
    let fit = calibrator.fit()
    let report = CalibrationReport(runs: runs, parameters: fit.parameters, pruningLevels: Self.levels)
    #expect(report.summary.rolloutMAPE < 1e-3)
    #expect(abs((fit.parameters.extra["curvature"] ?? 0) - 0.9) < 0.05)
    #expect(abs((fit.parameters.extra["shockExponent"] ?? 0) - 1.8) < 0.1)
  }

  @Test func heldOutFiguresAreComputed() throws {
    // Calibrate on partition seed 0 and report on seed 1 (alpha 100 and 1 only, to stay quick in debug).
    let runs = try DigitsFixtures.runs().filter { $0.alpha != "0.3" }
    let train = runs.filter { $0.seed == "0" }
    let test = runs.filter { $0.seed == "1" }
    let fit = LossCalibrator(runs: train, model: .pactV1, pruningLevels: Self.levels, starts: 1, maxIterations: 60)
      .fit()
    let fitReport = CalibrationReport(runs: train, parameters: fit.parameters, pruningLevels: Self.levels)
    let heldOut = CalibrationReport(runs: test, parameters: fit.parameters, pruningLevels: Self.levels)
    #expect(heldOut.summary.runs == 70)
    // Sane bounds, not a recorded value: a fitted model is far better than nothing and no better than its own fit.
    #expect(heldOut.summary.rolloutMAPE > 0 && heldOut.summary.rolloutMAPE < 0.3)
    #expect(heldOut.summary.oneStepMAPE < heldOut.summary.rolloutMAPE)
    #expect(fitReport.summary.rolloutMAPE < 0.2)
    #expect(heldOut.summary.finalLossError.isFinite)
    #expect(heldOut.worst(3).count == 3)
    // The MODEL.md example coefficients, never fitted to these traces, do worse on the fitted runs.
    let example = LossParameters(
      rate: 0.058, stepsExponent: 0.37, remainingExponent: 0.91, floor: 0.27, floorGrowth: 0.0007, floorExponent: 3.4,
      pruneShock: 0.22, skewPenalty: 1.0)
    let unfitted = CalibrationReport(runs: train, parameters: example, pruningLevels: Self.levels)
    #expect(unfitted.summary.rolloutMAPE > fitReport.summary.rolloutMAPE)
  }

  @Test func predictionOfARealTraceForTheDashboard() throws {
    let parameters = LossParameters(
      rate: 0.12, stepsExponent: 0, remainingExponent: 0.9, floor: 0.3, floorGrowth: 0.006, floorExponent: 2.6,
      pruneShock: 0.22, skewPenalty: 0.9)
    let p = try TracePrediction.load(
      tracesPath: DigitsFixtures.tracesPath, nodesPath: DigitsFixtures.nodesPath, runID: "a1-s0-all-oneshot-L3-at10",
      parameters: parameters)
    #expect(p.real.count == 41 && p.rollout.count == 41 && p.oneStep.count == 41)
    #expect(p.real[0] == p.rollout[0])
    #expect(p.levels[9] == 0 && p.levels[10] == 3)
    // The rollout is the planner's recurrence, step by step.
    let predictor = LossPredictors.make(parameters, pruningLevels: Self.levels, initialLoss: p.real[0])
    let run = try #require(try DigitsFixtures.runs().first { $0.id == "a1-s0-all-oneshot-L3-at10" })
    var loss = p.real[0]
    var previous = 0
    for (k, e) in run.epochs.enumerated() {
      loss = predictor.next(loss: loss, previousLevel: previous, level: e.level, meanSteps: e.meanSteps, skew: e.skew)
      previous = e.level
      #expect(loss == p.rollout[k + 1])
    }
    #expect(throws: InputError.self) {
      try TracePrediction.load(
        tracesPath: DigitsFixtures.tracesPath, nodesPath: DigitsFixtures.nodesPath, runID: "no-such-run",
        parameters: parameters)
    }
    let chart = TraceChart.render(p)
    #expect(chart.contains("●") && chart.contains("┼"))
  }
}
