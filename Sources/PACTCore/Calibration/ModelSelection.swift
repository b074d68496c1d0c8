import Foundation

/// Chooses a loss form by how well it predicts runs it was not fitted on.
///
/// The runs are split into folds: one per partition seed when there are at least two
/// seeds (leave-one-seed-out), otherwise k-fold over the runs (k ≤ 5). Every form is
/// fitted on all folds but one and scored on the one left out, for every fold; the
/// form with the lowest mean held-out rollout MAPE is chosen, and is then fitted on
/// all runs. Its held-out relative errors by round give the ``PredictionBand``.
///
/// Small-set runs — at most two nodes per round on average, the sets a planner heads
/// for — are scored apart, because a form can be good on average and wrong there.
public struct ModelSelection: Sendable {
  /// One form's held-out figures on one fold.
  public struct FoldScore: Sendable {
    /// What was left out (`seed 3`, `fold 2 of 5`).
    public var heldOut: String
    public var runs: Int
    /// Mean over the held-out runs of their rollout MAPE.
    public var rolloutMAPE: Double
    /// Mean signed final-loss error (positive: pessimistic).
    public var finalBias: Double
    /// Mean rollout MAPE of the held-out small-set runs (nil: none).
    public var smallSetMAPE: Double?
  }

  /// One form's figures.
  public struct FormScore: Sendable {
    public var model: LossModelKind
    public var folds: [FoldScore]
    /// The fit on all runs (what is printed when this form is chosen).
    public var fit: LossCalibrator.Fit
    /// Held-out predictions of every run (each from the fold that left it out).
    public var heldOut: [TracePrediction]
    public var isSmallSet: [Bool]

    public var meanRolloutMAPE: Double { mean(folds.map(\.rolloutMAPE)) }
    public var meanFinalBias: Double { mean(heldOut.map(\.finalError)) }
    /// Mean held-out rollout MAPE over all small-set runs (nil: there are none).
    public var smallSetMAPE: Double? {
      let small = zip(heldOut, isSmallSet).filter(\.1).map(\.0.rolloutMAPE)
      return small.isEmpty ? nil : mean(small)
    }
  }

  public var scores: [FormScore]
  /// The index in ``scores`` of the chosen form.
  public var chosen: Int
  /// Why, in words.
  public var reason: String
  /// What the folds are (`leave-one-seed-out over seeds 0, 1, 3, 4`).
  public var scheme: String
  /// The chosen form's held-out error spread by round.
  public var band: PredictionBand?
  public var seconds: Double

  /// Starts of each fold's refit (the first is the all-runs optimum).
  public static let foldStarts = 1
  /// LM iterations of each fold's refit.
  public static let foldIterations = 60

  /// Runs the selection over `forms` (see the type's documentation).
  public static func run(
    runs: [TraceRun], forms: [LossModelKind] = LossModelKind.allCases, pruningLevels: [Double], starts: Int = 8,
    cancel: CancellationToken? = nil, progress: WorkProgress? = nil
  ) -> ModelSelection {
    let began = ContinuousClock.now
    let (folds, scheme) = makeFolds(runs)
    let small = runs.map(isSmallSet)
    var scores: [FormScore] = []
    for (f, form) in forms.enumerated() {
      progress?.update(task: "validating \(form.rawValue)", done: f, total: forms.count)
      // All runs first; each fold refits from that optimum (and one random start), which
      // converges in a fraction of the iterations of a fit from scratch.
      let all = LossCalibrator(runs: runs, model: form, pruningLevels: pruningLevels, starts: starts).fit(
        cancel: cancel)
      var heldOut = [TracePrediction?](repeating: nil, count: runs.count)
      var foldScores: [FoldScore] = []
      for fold in folds {
        let inFold = Set(fold.members)
        let train = runs.indices.filter { !inFold.contains($0) }.map { runs[$0] }
        var calibrator = LossCalibrator(
          runs: train, model: form, pruningLevels: pruningLevels, starts: min(starts, foldStarts))
        calibrator.firstStart = all.parameters
        calibrator.maxIterations = foldIterations
        let fit = calibrator.fit(cancel: cancel)
        let predictions = fold.members.map {
          TracePrediction(run: runs[$0], parameters: fit.parameters, pruningLevels: pruningLevels)
        }
        for (i, p) in zip(fold.members, predictions) { heldOut[i] = p }
        let smallMAPE = zip(fold.members, predictions).filter { small[$0.0] }.map(\.1.rolloutMAPE)
        foldScores.append(
          FoldScore(
            heldOut: fold.name, runs: predictions.count, rolloutMAPE: mean(predictions.map(\.rolloutMAPE)),
            finalBias: mean(predictions.map(\.finalError)), smallSetMAPE: smallMAPE.isEmpty ? nil : mean(smallMAPE)))
      }
      scores.append(
        FormScore(
          model: form, folds: foldScores, fit: all, heldOut: heldOut.compactMap { $0 }, isSmallSet: small))
    }
    progress?.update(task: "validating", done: forms.count, total: forms.count)
    let usable = scores.indices.filter { scores[$0].fit.failure == nil && scores[$0].meanRolloutMAPE.isFinite }
    let chosen = usable.min { scores[$0].meanRolloutMAPE < scores[$1].meanRolloutMAPE } ?? 0
    let others = scores.indices.filter { $0 != chosen }.map {
      "\(pct(scores[$0].meanRolloutMAPE)) \(scores[$0].model.rawValue)"
    }
    var reason =
      "\(scores[chosen].model.rawValue) predicts held-out runs best: rollout MAPE \(pct(scores[chosen].meanRolloutMAPE))"
      + (others.isEmpty ? "" : " (vs \(others.joined(separator: ", ")))")
    if let s = scores[chosen].smallSetMAPE {
      let best = usable.compactMap { scores[$0].smallSetMAPE }.min() ?? s
      reason +=
        s <= best + 1e-12
        ? "; also best on small-set runs (\(pct(s)))" : "; on small-set runs \(pct(s)) (best \(pct(best)))"
    }
    let elapsed = ContinuousClock.now - began
    return ModelSelection(
      scores: scores, chosen: chosen, reason: reason, scheme: scheme,
      band: band(scores[chosen].heldOut),
      seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
  }

  /// Folds of run indices: one per seed when there are ≥ 2 seeds, else k-fold (k ≤ 5).
  static func makeFolds(_ runs: [TraceRun]) -> (folds: [(name: String, members: [Int])], scheme: String) {
    var seeds: [String] = []
    for r in runs where !seeds.contains(r.seed) { seeds.append(r.seed) }
    if seeds.count >= 2 {
      let sorted = seeds.sorted { (Double($0) ?? 0, $0) < (Double($1) ?? 0, $1) }
      return (
        sorted.map { s in ("seed \(s)", runs.indices.filter { runs[$0].seed == s }) },
        "leave-one-seed-out over seeds \(sorted.joined(separator: ", "))"
      )
    }
    let k = max(1, min(5, runs.count))
    if k < 2 { return ([("all runs", Array(runs.indices))], "no held-out runs (one run): scored on the fit") }
    return (
      (0..<k).map { f in ("fold \(f + 1) of \(k)", runs.indices.filter { $0 % k == f }) },
      "\(k)-fold over the runs (one partition seed)"
    )
  }

  /// A run whose sets have at most two nodes on average.
  static func isSmallSet(_ run: TraceRun) -> Bool {
    guard !run.epochs.isEmpty else { return false }
    return Double(run.epochs.reduce(0) { $0 + $1.nodes.count }) / Double(run.epochs.count) <= 2
  }

  /// The 10/50/90 % quantiles of the relative rollout error by round.
  static func band(_ predictions: [TracePrediction]) -> PredictionBand? {
    let rounds = predictions.map { $0.real.count - 1 }.max() ?? 0
    guard rounds >= 1 else { return nil }
    var low: [Double] = []
    var median: [Double] = []
    var high: [Double] = []
    for k in 1...rounds {
      let errors = predictions.compactMap { p -> Double? in
        guard k < p.real.count, p.real[k] > 0 else { return nil }
        return (p.rollout[k] - p.real[k]) / p.real[k]
      }.sorted()
      guard !errors.isEmpty else { break }
      func q(_ p: Double) -> Double {
        let x = p * Double(errors.count - 1)
        let i = Int(x)
        let f = x - Double(i)
        return i + 1 < errors.count ? errors[i] * (1 - f) + errors[i + 1] * f : errors[i]
      }
      low.append(round4(max(-0.99, q(0.1))))
      median.append(round4(max(-0.99, q(0.5))))
      high.append(round4(max(-0.99, q(0.9))))
    }
    return low.isEmpty ? nil : PredictionBand(low: low, median: median, high: high)
  }

  static func round4(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
}

private func mean(_ xs: [Double]) -> Double {
  let finite = xs.filter(\.isFinite)
  return finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
}

private func pct(_ x: Double) -> String { Format.percent(x, signed: false) }
