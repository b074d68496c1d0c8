import Foundation

/// A real run's per-round losses beside what a loss model predicts for it:
/// the multi-epoch rollout (from the round-0 loss, with the planner's
/// recurrence ``LossPredictor/next(loss:previousLevel:level:factor:)``) and the
/// one-step-ahead prediction (each round from the real loss before it).
///
/// All arrays are indexed by round 0…m; round 0 of both predictions is the real round-0 loss.
public struct TracePrediction: Equatable, Sendable {
  public var runID: String
  /// The measured losses.
  public var real: [Double]
  /// The rollout: round k predicted from round 0 through the same recurrence the planner uses.
  public var rollout: [Double]
  /// Round k predicted from the real loss of round k − 1.
  public var oneStep: [Double]
  /// The pruning level index of each round (0 at round 0).
  public var levels: [Int]

  /// Mean over rounds 1…m of |rollout − real| / real.
  public var rolloutMAPE: Double { Self.mape(rollout, real) }
  /// Mean over rounds 1…m of |oneStep − real| / real.
  public var oneStepMAPE: Double { Self.mape(oneStep, real) }
  /// (rollout − real) / real at the last round: positive when the model is pessimistic.
  public var finalError: Double {
    guard let p = rollout.last, let r = real.last, r != 0 else { return .nan }
    return (p - r) / r
  }

  static func mape(_ predicted: [Double], _ real: [Double]) -> Double {
    guard real.count > 1 else { return 0 }
    var sum = 0.0
    for k in 1..<real.count { sum += abs(predicted[k] - real[k]) / real[k] }
    return sum / Double(real.count - 1)
  }

  /// The prediction of `parameters` for `run`.
  public init(run: TraceRun, parameters: LossParameters, pruningLevels: [Double]) {
    let predictor = LossPredictors.make(parameters, pruningLevels: pruningLevels, initialLoss: run.initialLoss)
    var rollout = [run.initialLoss]
    var oneStep = [run.initialLoss]
    var levels = [0]
    var loss = run.initialLoss
    var previousReal = run.initialLoss
    var previousLevel = 0
    for epoch in run.epochs {
      let factor = predictor.epochFactor(meanSteps: epoch.meanSteps, skew: epoch.skew, level: epoch.level)
      loss = predictor.next(loss: loss, previousLevel: previousLevel, level: epoch.level, factor: factor)
      rollout.append(loss)
      oneStep.append(
        predictor.next(loss: previousReal, previousLevel: previousLevel, level: epoch.level, factor: factor))
      levels.append(epoch.level)
      previousReal = epoch.loss
      previousLevel = epoch.level
    }
    self.runID = run.id
    self.real = run.losses
    self.rollout = rollout
    self.oneStep = oneStep
    self.levels = levels
  }

  /// The prediction for run `runID` of a trace file: what the dashboard overlays on a plan's loss curve.
  ///
  /// - Parameters:
  ///   - tracesPath: a trace CSV (docs/MODEL.md, "Training traces").
  ///   - nodesPath: a nodes or scenario file naming the trace's node ids.
  ///   - parameters: the loss model, e.g. a scenario's `loss`.
  ///   - pruningLevels: the levels `remaining` maps to (the digits traces use 0.8^0 … 0.8^8).
  public static func load(
    tracesPath: String, nodesPath: String, runID: String, parameters: LossParameters,
    pruningLevels: [Double] = TraceRuns.digitsLevels
  ) throws(InputError) -> TracePrediction {
    let nodes = try TraceNodes.load(path: nodesPath)
    let runs = try TraceRuns.load(path: tracesPath, nodes: nodes, pruningLevels: pruningLevels)
    guard let run = runs.first(where: { $0.id == runID }) else {
      let some = runs.prefix(5).map(\.id).joined(separator: ", ")
      throw InputError(source: tracesPath, "", "no run \(JSONWriter.quoted(runID)) (runs include \(some))")
    }
    return TracePrediction(run: run, parameters: parameters, pruningLevels: pruningLevels)
  }
}
