/// Locates a frontier's breakpoints exactly: between two sampled values whose plans
/// differ in shape, bisection finds where the shape changes, to
/// ``Frontier/breakpointTolerance`` of the value (one whole number for the epochs), so
/// the breakpoints do not depend on the range or the number of points. Several changes
/// between two samples are each found (the search recurses on both halves).
///
/// A probe is PACT's plan at a value: on the deadline frontier a look-up in the shared
/// search's front (no solve), otherwise a solve that starts from the tighter plan
/// (feasible at every looser value). The deadline frontier also samples every step of
/// that front (``anchors``), so no change hides between two sampled values. Elsewhere two
/// probes usually locate a change: the looser plan is feasible down to its own binding
/// value (its final loss or epochs), so the search tries that value and just below it
/// before bisecting. Where a probe is a solve, the search runs at most
/// ``Frontier/breakpointProbesPerPoint`` probes per sampled value, the largest energy
/// steps first; a change it had no probe left for is still reported, between its two
/// closest probes (``Frontier/Breakpoint/tighter`` says how close).
///
/// **What is narrated.** A change is a breakpoint when the energy jumps there by at
/// least 1 % (a step a chart shows), said as what differs between the plans on either
/// side of it: smaller drifts of the plan are not narrated. Both depend only on the
/// plans either side of the change, not on where the frontier was sampled. Each
/// breakpoint's two ends become points of the frontier, so the step curve drops
/// exactly there and every view (table, JSON, SVG, dashboard) draws and selects the same
/// set.
struct BreakpointSearch {
  /// PACT's plan at a value, given a plan feasible there as the incumbent.
  typealias Probe = (_ value: Double, _ incumbent: PlanEvaluation?) -> PlanEvaluation?

  let scenario: Scenario
  let parameter: GoalParameter
  let probe: Probe
  let cancel: CancellationToken?
  /// A solve at a bracket's tighter end, when ``probe`` is a look-up (the deadline's).
  var refine: Probe? = nil
  /// Values to sample besides the frontier's points (the deadline front's steps).
  var anchors: [Double] = []
  /// The most probes the bisection may run (each may be a solve).
  var budget = Int.max
  /// Probes run.
  private(set) var probes = 0

  init(scenario: Scenario, parameter: GoalParameter, probe: @escaping Probe, cancel: CancellationToken?) {
    self.scenario = scenario
    self.parameter = parameter
    self.probe = probe
    self.cancel = cancel
  }

  private struct End {
    var value: Double
    var evaluation: PlanEvaluation
    var shape: PlanShape
  }

  /// The breakpoints of `points` (ascending), tightest first; both ends of each breakpoint
  /// are added to `points` (kept ascending) unless already there.
  mutating func locate(in points: inout [Frontier.Point]) -> [Frontier.Breakpoint] {
    var samples = points.compactMap { p in
      p.isFeasible ? p.evaluation.map { End(value: p.value, evaluation: $0, shape: shape($0)) } : nil
    }
    // Anchors anywhere in the range asked for (below the first feasible sampled value too:
    // a plan the front holds there is feasible at its own value).
    if let lo = points.first?.value, let hi = points.last?.value {
      for a in anchors where a >= lo && a <= hi && !samples.contains(where: { $0.value == a }) {
        if cancel?.isCancelled == true { break }
        guard let e = probe(a, nil), e.isFeasible else { continue }
        samples.append(End(value: a, evaluation: e, shape: shape(e)))
      }
      samples.sort { $0.value < $1.value }
    }
    // Every shape change, as (tighter end, looser end) brackets: the pairs whose energy
    // differs most first, so a probe budget, when it binds, is spent where the steps are.
    var brackets: [(End, End)] = []
    let pairs = zip(samples, samples.dropFirst()).filter { $0.shape != $1.shape && jumps($0, $1) }
      .sorted {
        $0.0.evaluation.totalJoules / $0.1.evaluation.totalJoules > $1.0.evaluation.totalJoules
          / $1.1.evaluation.totalJoules
      }
    for (t, l) in pairs {
      if cancel?.isCancelled == true { break }
      brackets += parameter == .deploy ? [(t, l)] : changes(t, l, hint: true, depth: 0)
    }
    // A change is narrated where the energy jumps (see the type's comment).
    var out: [Frontier.Breakpoint] = []
    for (found, l) in brackets {
      var t = found
      // A look-up probe (the deadline front) may hold a dearer plan just below a step than
      // a solve there finds: the plan narrated and drawn is the solve's.
      if let refine, jumps(t, l), let e = refine(t.value, t.evaluation), e.isFeasible,
        e.totalJoules < t.evaluation.totalJoules
      {
        t = End(value: t.value, evaluation: e, shape: shape(e))
      }
      let jump = t.evaluation.totalJoules / l.evaluation.totalJoules - 1
      guard jump >= 0.01 else { continue }
      let change = l.shape.change(to: t.shape)
      guard !change.isEmpty else { continue }
      let words =
        parameter.isInteger || parameter == .deploy
        ? "at \(parameter.format(t.value)) and tighter: " : "below \(parameter.format(l.value)): "
      out.append(
        Frontier.Breakpoint(
          value: l.value, tighter: t.value,
          change: words + change.joined(separator: "; ") + " (\(Format.percent(jump, decimals: 1)) energy)"))
      // Both plans become points: the step curve drops exactly here.
      for end in [t, l] where !points.contains(where: { $0.value == end.value }) {
        let bound = points.last { $0.value <= end.value }?.lowerBoundJoules
        points.append(
          Frontier.Point(
            value: end.value, evaluation: end.evaluation, reasons: [], exactJoules: nil, baselines: [],
            lowerBoundJoules: bound))
      }
    }
    points.sort { $0.value < $1.value }
    return out.sorted { $0.value < $1.value }
  }

  /// Whether the energy rises by 1 % or more from `l` to `t`: the least a narrated
  /// change jumps, and (the frontier falling as the goal loosens) the most any change
  /// between them can jump, so an interval with less holds nothing to narrate.
  private func jumps(_ t: End, _ l: End) -> Bool {
    t.evaluation.totalJoules >= l.evaluation.totalJoules * 1.01
  }

  /// Whether `t` and `l` are as close as the search goes.
  private func closeEnough(_ t: End, _ l: End) -> Bool {
    parameter.isInteger
      ? l.value - t.value <= 1 + 1e-9
      : l.value - t.value <= Frontier.breakpointTolerance * max(abs(l.value), 1e-12)
  }

  /// The brackets (tighter end, looser end) of every shape change between `t` and `l`.
  private mutating func changes(_ t: End, _ l: End, hint: Bool, depth: Int) -> [(End, End)] {
    if closeEnough(t, l) || depth > 40 || probes >= budget || cancel?.isCancelled == true { return [(t, l)] }
    var mid = parameter.isInteger ? ((t.value + l.value) / 2).rounded(.down) : (t.value + l.value) / 2
    if hint {
      // The looser plan stays feasible down to its binding value; just below it, the
      // tighter shape usually starts.
      if let b = bindingValue(l.evaluation).map({ $0 * (1 + 1e-9) }), b > t.value, b < l.value {
        mid = b
      } else {
        let below = parameter.isInteger ? l.value - 1 : l.value * (1 - Frontier.breakpointTolerance / 2)
        if below > t.value { mid = below }
      }
    }
    guard mid > t.value, mid < l.value else { return [(t, l)] }
    probes += 1
    guard let e = probe(mid, t.evaluation), e.isFeasible else { return [(t, l)] }
    let m = End(value: mid, evaluation: e, shape: shape(e))
    // While the looser shape holds at the probe, keep trying just below it.
    if hint && m.shape == l.shape { return jumps(t, m) ? changes(t, m, hint: true, depth: depth + 1) : [] }
    var out: [(End, End)] = []
    if m.shape != t.shape && jumps(t, m) { out += changes(t, m, hint: false, depth: depth + 1) }
    if m.shape != l.shape && jumps(m, l) { out += changes(m, l, hint: false, depth: depth + 1) }
    return out
  }

  /// What a speaker narrates of a plan here: its shape, without the number of epochs on
  /// the epochs frontier (there one epoch fewer is the goal itself, not a change of plan).
  private func shape(_ e: PlanEvaluation) -> PlanShape {
    var s = PlanShape(e, scenario: scenario)
    if parameter == .epochs { s.epochs = 0 }
    return s
  }

  /// The tightest value at which the plan is still feasible, when the parameter has one.
  private func bindingValue(_ e: PlanEvaluation) -> Double? {
    switch parameter {
    case .deadline: return e.totalSeconds
    case .target: return e.finalLoss
    case .epochs: return Double(e.epochs.count)
    case .deploy: return nil
    }
  }
}

extension Frontier {
  /// How close a breakpoint is located: 0.1 % of the value.
  public static let breakpointTolerance = 0.001
  /// The most solves the breakpoint search runs per sampled value (off the deadline,
  /// whose probes are look-ups).
  public static let breakpointProbesPerPoint = 3
}
