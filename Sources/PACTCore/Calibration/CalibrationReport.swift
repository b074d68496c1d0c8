import Foundation

/// How well a loss model predicts a set of real runs: per-run rollout and
/// one-step errors, the final-loss error, and the worst runs.
public struct CalibrationReport: Sendable {
  /// Error figures of one set of runs.
  public struct Summary: Sendable {
    public var runs: Int
    public var rounds: Int
    /// Mean over runs of the per-run rollout MAPE.
    public var rolloutMAPE: Double
    /// Mean over runs of the per-run one-step-ahead MAPE.
    public var oneStepMAPE: Double
    /// Mean over runs of |final-loss error|.
    public var finalLossError: Double
    /// Median over runs of the per-run rollout MAPE.
    public var medianRolloutMAPE: Double
  }

  public var predictions: [TracePrediction]
  public var summary: Summary

  /// The predictions of `parameters` for `runs`.
  public init(runs: [TraceRun], parameters: LossParameters, pruningLevels: [Double]) {
    predictions = runs.map { TracePrediction(run: $0, parameters: parameters, pruningLevels: pruningLevels) }
    let n = Double(max(1, predictions.count))
    let mapes = predictions.map(\.rolloutMAPE).sorted()
    let median: Double
    if mapes.isEmpty {
      median = .nan
    } else if mapes.count % 2 == 1 {
      median = mapes[mapes.count / 2]
    } else {
      median = 0.5 * (mapes[mapes.count / 2 - 1] + mapes[mapes.count / 2])
    }
    summary = Summary(
      runs: predictions.count, rounds: predictions.reduce(0) { $0 + $1.real.count - 1 },
      rolloutMAPE: predictions.reduce(0) { $0 + $1.rolloutMAPE } / n,
      oneStepMAPE: predictions.reduce(0) { $0 + $1.oneStepMAPE } / n,
      finalLossError: predictions.reduce(0) { $0 + abs($1.finalError) } / n,
      medianRolloutMAPE: median)
  }

  /// The `count` runs with the largest rollout MAPE, worst first.
  public func worst(_ count: Int) -> [TracePrediction] {
    Array(predictions.sorted { $0.rolloutMAPE > $1.rolloutMAPE }.prefix(count))
  }

  /// The summary as text lines, with `label` (e.g. "fit", "held-out").
  public func summaryLine(_ label: String) -> String {
    let s = summary
    return
      "\(label): \(s.runs) runs, \(s.rounds) rounds — rollout MAPE \(pct(s.rolloutMAPE)) (median \(pct(s.medianRolloutMAPE))), "
      + "one-step MAPE \(pct(s.oneStepMAPE)), final-loss error \(pct(s.finalLossError))"
  }

  /// The worst runs as an indented table.
  public func worstTable(_ count: Int) -> String {
    let rows = worst(count)
    let width = max(3, rows.map(\.runID.count).max() ?? 3)
    var lines = [
      "  " + "run".padding(toLength: width, withPad: " ", startingAt: 0) + "  rollout  one-step  final real  predicted"
    ]
    for p in rows {
      let id = p.runID.padding(toLength: width, withPad: " ", startingAt: 0)
      lines.append(
        "  \(id)  \(pad(pct(p.rolloutMAPE), 7))  \(pad(pct(p.oneStepMAPE), 8))  \(pad(Format.number(p.real.last ?? .nan), 10))  \(Format.number(p.rollout.last ?? .nan))"
      )
    }
    return lines.joined(separator: "\n")
  }

  /// The report as JSON: the summary, the worst runs, and (with `perRun`) every run's figures.
  public func json(worst count: Int = 5, perRun: Bool = false) -> JSONValue {
    let s = summary
    func runValue(_ p: TracePrediction, curves: Bool) -> JSONValue {
      var m: [(key: String, value: JSONValue)] = [
        ("run", .string(p.runID)),
        ("rolloutMAPE", .number(p.rolloutMAPE)),
        ("oneStepMAPE", .number(p.oneStepMAPE)),
        ("finalReal", .number(p.real.last ?? .nan)),
        ("finalPredicted", .number(p.rollout.last ?? .nan)),
        ("finalError", .number(p.finalError)),
      ]
      if curves {
        m.append(("real", .array(p.real.map { .number($0) })))
        m.append(("rollout", .array(p.rollout.map { .number($0) })))
      }
      return .object(m)
    }
    var members: [(key: String, value: JSONValue)] = [
      ("runs", .number(Double(s.runs))),
      ("rounds", .number(Double(s.rounds))),
      ("rolloutMAPE", .number(s.rolloutMAPE)),
      ("medianRolloutMAPE", .number(s.medianRolloutMAPE)),
      ("oneStepMAPE", .number(s.oneStepMAPE)),
      ("finalLossError", .number(s.finalLossError)),
      ("worst", .array(worst(count).map { runValue($0, curves: false) })),
    ]
    if perRun { members.append(("perRun", .array(predictions.map { runValue($0, curves: false) }))) }
    return .object(members)
  }

  /// The `loss` section of a scenario for `parameters` (pact-v1's eight coefficients, then the form's extras).
  public static func lossJSON(_ parameters: LossParameters) -> JSONValue {
    let p = parameters
    var m: [(key: String, value: JSONValue)] = [("model", .string(p.model.rawValue))]
    for c in LossParameters.coefficients { m.append((c.name, .number(round6(p[keyPath: c.keyPath])))) }
    for name in LossPredictors.extraCoefficients(for: p.model) {
      if let v = p.extra[name] { m.append((name, .number(round6(v)))) }
    }
    if let b = p.band {
      func arr(_ xs: [Double]) -> JSONValue { .array(xs.map { .number($0) }) }
      m.append(("band", .object([("low", arr(b.low)), ("median", arr(b.median)), ("high", arr(b.high))])))
    }
    return .object(m)
  }

  /// `x` to 6 significant digits, so pasted coefficients stay readable.
  public static func round6(_ x: Double) -> Double {
    guard x.isFinite, x != 0 else { return x }
    return Double(String(format: "%.6g", x)) ?? x
  }

  private func pct(_ x: Double) -> String { Format.percent(x, signed: false) }
  private func pad(_ s: String, _ n: Int) -> String {
    s.count >= n ? s : String(repeating: " ", count: n - s.count) + s
  }
}
