/// The values a frontier is computed at: the range asked for, or by default from
/// where the problem turns infeasible to where the energy stops falling, always with
/// the scenario's own value inside it.
enum FrontierRange {
  static func values(
    _ scenario: Scenario, parameter: GoalParameter, options: Frontier.Options, knobs: SolverKnobs,
    cheapestSeconds: Double? = nil
  ) -> [Double] {
    let own = parameter.value(in: scenario)
    let count = max(2, options.points)
    switch parameter {
    case .deploy:
      // The deployable sizes are the model's levels.
      let levels = Set(scenario.model.pruningLevels).sorted()
      return levels.filter { ($0 >= (options.from ?? 0)) && ($0 <= (options.to ?? .infinity)) }
    case .epochs:
      let lo = Int((options.from ?? Double(lowestEpochs(scenario) - 1)).rounded())
      let hi = Int(
        (options.to ?? Double(max(scenario.training.epochs, epochsWhereEnergyStopsFalling(scenario, knobs)))).rounded())
      let range = max(1, min(lo, Int(own)))...max(max(1, lo), hi, 1)
      return Array(Set(spaced(range, count: count) + [own])).sorted()
    case .target:
      let t = scenario.training
      let deploy = scenario.firstDeployableLevel ?? 0
      let lowest = InfeasibilityExplainer(scenario: scenario).lowestLoss(epochs: t.epochs, deployLevel: deploy).loss
      let lo = options.from ?? min(own, lowest.isFinite ? lowest - 0.02 * (t.initialLoss - lowest) : own * 0.9)
      let hi = options.to ?? max(own, t.initialLoss)
      return linear(max(1e-9, lo), hi, count: count, including: own)
    case .deadline:
      // From a little under the fastest any plan could be (a lower bound: no plan is
      // faster) to a little over the time of the cheapest plan with a generous deadline,
      // and past the scenario's own deadline so the curve shows what loosening it buys.
      let wide = GoalParameter.deadline.applying(own * 4, to: scenario)
      let solver = PACTSolver(scenario: wide, knobs: knobs)
      let fastest =
        options.from == nil
        ? solver.setup(cancel: nil, sharing: nil)?.remaining.need(
          afterEpoch: 0, loss: scenario.training.initialLoss, level: 0, seconds: 0
        ).seconds : nil
      let cheapest = options.to == nil ? (cheapestSeconds ?? self.cheapestSeconds(scenario, knobs)) : nil
      let lo = options.from ?? min(own, (fastest?.isFinite == true ? fastest! : own * 0.5) * 0.95)
      let natural = (cheapest ?? own) * 1.05
      // A deadline far past where the energy stops falling (1e9 s for a 200 s plan): the
      // values cover where the plan changes, and the scenario's own value is added alone.
      if options.to == nil, options.from == nil, own > natural * 4 {
        return linear(max(1e-9, lo), natural * 1.1, count: count - 1, including: natural * 1.1) + [own]
      }
      let hi = options.to ?? max(own * 1.15, natural)
      return linear(max(1e-9, lo), hi, count: count, including: own)
    }
  }

  /// The seconds of the cheapest plan when the deadline does not bind (four times the
  /// scenario's): where the deadline frontier stops falling.
  static func cheapestSeconds(_ scenario: Scenario, _ knobs: SolverKnobs) -> Double? {
    let wide = GoalParameter.deadline.applying(scenario.training.deadlineSeconds * 4, to: scenario)
    return PACTSolver(scenario: wide, knobs: knobs).solve().evaluation?.totalSeconds
  }

  /// At least how many epochs any plan needs to meet the target (ignoring time).
  static func lowestEpochs(_ scenario: Scenario) -> Int {
    let deploy = scenario.firstDeployableLevel ?? 0
    let bound = InfeasibilityExplainer(scenario: scenario)
      .lowestLoss(epochs: scenario.training.epochs * 2, deployLevel: deploy)
    return bound.reachedTargetAt ?? scenario.training.epochs
  }

  /// The epochs of the cheapest plan when twice the scenario's epochs are allowed.
  static func epochsWhereEnergyStopsFalling(_ scenario: Scenario, _ knobs: SolverKnobs) -> Int {
    let loose = GoalParameter.epochs.applying(Double(scenario.training.epochs * 2), to: scenario)
    return PACTSolver(scenario: loose, knobs: knobs).solve().evaluation?.epochs.count ?? scenario.training.epochs
  }

  /// `count` values evenly from `lo` to `hi`, with `own` replacing the nearest one.
  static func linear(_ lo: Double, _ hi: Double, count: Int, including own: Double) -> [Double] {
    guard hi > lo else { return [lo] }
    var values = (0..<count).map { lo + (hi - lo) * Double($0) / Double(count - 1) }
    if own >= lo && own <= hi, let nearest = values.indices.min(by: { abs(values[$0] - own) < abs(values[$1] - own) }) {
      values[nearest] = own
    }
    return Array(Set(values)).sorted()
  }

  /// Whole numbers of `range`, at most `count` of them, evenly spread, ends included.
  static func spaced(_ range: ClosedRange<Int>, count: Int) -> [Double] {
    let n = range.count
    if n <= count { return range.map(Double.init) }
    let picks = (0..<count).map { range.lowerBound + Int((Double($0) * Double(n - 1) / Double(count - 1)).rounded()) }
    return Array(Set(picks)).sorted().map(Double.init)
  }
}
