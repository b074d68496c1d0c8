import Foundation

/// Fits a loss form's coefficients to real training runs.
///
/// The fit target is the multi-epoch rollout — every run predicted from its
/// round-0 loss to its last round with the planner's recurrence — compared
/// with the measured loss at every round as a relative error
/// (predicted − real) / real, so late rounds with small losses weigh as much as
/// early ones. Least squares by ``LevenbergMarquardt`` from several starts (the
/// MODEL.md example coefficients and seeded random points in the bounds), run
/// two at a time: each start is screened with a few iterations and the best
/// two are refined to convergence; the lowest cost wins.
public struct LossCalibrator: Sendable {
  public let runs: [TraceRun]
  public let pruningLevels: [Double]
  public let space: LossCoefficients
  /// Number of starting points (the first is the MODEL.md example).
  public var starts: Int
  public var maxIterations: Int
  /// Seed of the random starting points.
  public var seed: UInt64
  /// The first start instead of the MODEL.md example (e.g. a fit on more runs, to
  /// refit on a subset quickly).
  public var firstStart: LossParameters?

  /// A calibrator of `model` on `runs`, with the fit's search settings.
  public init(
    runs: [TraceRun], model: LossModelKind = .pactV1, pruningLevels: [Double] = TraceRuns.digitsLevels,
    starts: Int = 8, maxIterations: Int = 150, seed: UInt64 = 1
  ) {
    self.runs = runs
    self.pruningLevels = pruningLevels
    self.space = LossCoefficients(model: model)
    self.starts = starts
    self.maxIterations = maxIterations
    self.seed = seed
  }

  /// The outcome of a calibration.
  public struct Fit: Sendable {
    public var parameters: LossParameters
    /// ½ Σ relative residual² of the best start.
    public var cost: Double
    /// Root mean square relative rollout error over all fitted rounds.
    public var rmsRelativeError: Double
    /// Cost reached by each start, in start order.
    public var startCosts: [Double]
    /// LM iterations and residual evaluations over all starts.
    public var iterations: Int
    public var evaluations: Int
    public var seconds: Double
    /// Why the fit could not run (no round to fit, predictions that are not finite),
    /// or nil when it ran; a failed fit's coefficients are only its starting point.
    public var failure: String?
  }

  /// Iterations every start gets before only the most promising go on.
  public var screeningIterations = 25
  /// How many of the best screened starts are refined to convergence.
  public var refinedStarts = 2

  /// Runs the multi-start fit: every start is screened with a few LM
  /// iterations, then the best ``refinedStarts`` are refined to convergence.
  public func fit(cancel: CancellationToken? = nil) -> Fit {
    let clock = ContinuousClock()
    let began = clock.now
    let problem = RolloutProblem(runs: runs, space: space, pruningLevels: pruningLevels)
    var lm = LevenbergMarquardt(
      lower: space.lower, upper: space.upper, maxIterations: min(screeningIterations, maxIterations))
    let first = firstStart.map { space.vector($0) } ?? space.start
    let points = [lm.project(first)] + space.randomStarts(max(0, starts - 1), seed: seed)
    let screened = run(lm, from: points, problem, cancel)
    let order = screened.indices.sorted { (screened[$0]?.cost ?? .infinity) < (screened[$1]?.cost ?? .infinity) }
    let chosen = Array(order.prefix(max(1, refinedStarts)))
    lm.maxIterations = max(0, maxIterations - lm.maxIterations)
    let refined =
      lm.maxIterations == 0
      ? chosen.map { screened[$0] } : run(lm, from: chosen.map { screened[$0]?.x ?? points[$0] }, problem, cancel)
    var startCosts = screened.map { $0?.cost ?? .infinity }
    for (k, i) in chosen.enumerated() { startCosts[i] = refined[k]?.cost ?? startCosts[i] }
    let all = screened + refined
    let best = refined.compactMap { $0 }.min { $0.cost < $1.cost }
    let x = best?.x ?? points[0]
    let cost = best?.cost ?? .infinity
    let elapsed = clock.now - began
    var failure: String? = nil
    if problem.residualCount == 0 {
      failure = "the traces have no round after round 0 to fit"
    } else if !cost.isFinite {
      failure = "the loss model's predictions are not finite numbers on these traces from any start"
    } else if all.allSatisfy({ ($0?.iterations ?? 0) == 0 }) {
      failure = "the optimiser could not take a single step from any start"
    }
    return Fit(
      parameters: space.parameters(x), cost: cost,
      rmsRelativeError: (2 * cost / Double(max(1, problem.residualCount))).squareRoot(),
      startCosts: startCosts,
      iterations: all.reduce(0) { $0 + ($1?.iterations ?? 0) },
      evaluations: all.reduce(0) { $0 + ($1?.evaluations ?? 0) },
      seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18,
      failure: failure)
  }

  /// LM from each point, two at a time.
  private func run(
    _ lm: LevenbergMarquardt, from points: [[Double]], _ problem: RolloutProblem, _ cancel: CancellationToken?
  ) -> [LevenbergMarquardt.Result?] {
    let results = ResultSlots(count: points.count)
    DispatchQueue.concurrentPerform(iterations: points.count) { i in
      var scratch = problem.makeScratch()
      let result = lm.minimize(start: points[i], count: problem.residualCount, cancel: cancel) { x, r in
        problem.residuals(x, into: &r, scratch: &scratch)
      }
      results.set(i, result)
    }
    return results.values()
  }
}

/// Per-start results written from concurrent starts.
private final class ResultSlots: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [LevenbergMarquardt.Result?]
  init(count: Int) { slots = Array(repeating: nil, count: count) }
  func set(_ i: Int, _ r: LevenbergMarquardt.Result) {
    lock.lock()
    slots[i] = r
    lock.unlock()
  }
  func values() -> [LevenbergMarquardt.Result?] {
    lock.lock()
    defer { lock.unlock() }
    return slots
  }
}

/// The rollout residuals of many runs, flattened for speed: epoch factors are
/// computed once per distinct (u, δ, level) — as the solvers precompute them per
/// (set, level) — and one predictor is built per distinct initial loss.
struct RolloutProblem: Sendable {
  let space: LossCoefficients
  let pruningLevels: [Double]
  /// Distinct (u, δ, level) of all epochs.
  let keys: [(u: Double, delta: Double, level: Int)]
  /// Per epoch (all runs, in order): index into `keys`, level, real loss.
  let keyIndex: [Int]
  let level: [Int]
  let real: [Double]
  /// Per run: first epoch index, epoch count, index into `initialLosses`.
  let runStart: [Int]
  let runCount: [Int]
  let runInitial: [Int]
  let initialLosses: [Double]

  var residualCount: Int { real.count }

  init(runs: [TraceRun], space: LossCoefficients, pruningLevels: [Double]) {
    self.space = space
    self.pruningLevels = pruningLevels
    var keys: [(u: Double, delta: Double, level: Int)] = []
    var keyOf: [String: Int] = [:]
    var keyIndex: [Int] = []
    var level: [Int] = []
    var real: [Double] = []
    var runStart: [Int] = []
    var runCount: [Int] = []
    var runInitial: [Int] = []
    var initialLosses: [Double] = []
    for run in runs {
      runStart.append(real.count)
      runCount.append(run.epochs.count)
      if let i = initialLosses.firstIndex(of: run.initialLoss) {
        runInitial.append(i)
      } else {
        runInitial.append(initialLosses.count)
        initialLosses.append(run.initialLoss)
      }
      for e in run.epochs {
        let key = "\(e.meanSteps.bitPattern):\(e.skew.bitPattern):\(e.level)"
        if let k = keyOf[key] {
          keyIndex.append(k)
        } else {
          keyOf[key] = keys.count
          keyIndex.append(keys.count)
          keys.append((e.meanSteps, e.skew, e.level))
        }
        level.append(e.level)
        real.append(e.loss)
      }
    }
    self.keys = keys
    self.keyIndex = keyIndex
    self.level = level
    self.real = real
    self.runStart = runStart
    self.runCount = runCount
    self.runInitial = runInitial
    self.initialLosses = initialLosses
  }

  /// Reusable buffers of one fitting thread.
  struct Scratch {
    var factors: [Double]
  }

  func makeScratch() -> Scratch { Scratch(factors: [Double](repeating: 0, count: keys.count)) }

  /// r_k = (rolled-out loss − real loss) / real loss for every epoch of every run.
  func residuals(_ x: [Double], into r: inout [Double], scratch: inout Scratch) {
    let parameters = space.parameters(x)
    let predictors = initialLosses.map {
      LossPredictors.make(parameters, pruningLevels: pruningLevels, initialLoss: $0)
    }
    guard let first = predictors.first else { return }
    for (k, key) in keys.enumerated() {
      scratch.factors[k] = first.epochFactor(meanSteps: key.u, skew: key.delta, level: key.level)
    }
    for run in runStart.indices {
      let predictor = predictors[runInitial[run]]
      var loss = initialLosses[runInitial[run]]
      var previous = 0
      let start = runStart[run]
      for e in start..<(start + runCount[run]) {
        let j = level[e]
        loss = predictor.next(loss: loss, previousLevel: previous, level: j, factor: scratch.factors[keyIndex[e]])
        previous = j
        r[e] = (loss - real[e]) / real[e]
      }
    }
  }
}
