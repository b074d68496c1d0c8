/// Says in user terms, with the numbers, why a scenario has no feasible plan.
///
/// It checks, in order: epochs with no available node; a lower bound on the loss
/// any plan can reach at a deployable level within the epochs allowed, ignoring
/// the deadline and energy (a min-loss dynamic program over levels with the most
/// favourable progress any node set could make — valid because the loss update
/// is monotone); the fewest epochs that bound needs times the fastest possible
/// epoch, against the deadline; and otherwise how long the cheapest plan without
/// the deadline takes.
public struct InfeasibilityExplainer: Sendable {
  public let scenario: Scenario

  /// An explainer for `scenario`.
  public init(scenario: Scenario) { self.scenario = scenario }

  /// One or more sentences; empty when no reason was found (the plan may then
  /// exist but lie outside PACT's graph: try finer knobs or `--exact`).
  public func explain() -> [InfeasibilityReason] {
    let (reasons, proven) = provenReasons()
    if proven { return reasons }
    return reasons + relaxedDeadlineReason()
  }

  /// The reasons found without solving; `proven` is true when one of them alone
  /// rules out every plan (so a solver need not search).
  public func provenReasons() -> (reasons: [InfeasibilityReason], proven: Bool) {
    let t = scenario.training
    let J = scenario.levelCount
    let evaluator = PlanEvaluator(scenario: scenario)
    let predictor = evaluator.predictor
    let levels = scenario.model.pruningLevels
    guard let deployLevel = scenario.firstDeployableLevel else {
      return ([.noDeployableLevel(deployRemaining: scenario.model.deployRemaining)], true)
    }
    var reasons: [InfeasibilityReason] = []

    // Epochs without nodes cut every plan short.
    var lastTrainable = 0
    while lastTrainable < t.epochs && !scenario.availableNodes(at: lastTrainable + 1).isEmpty { lastTrainable += 1 }
    if lastTrainable == 0 {
      return ([.noNodeAtEpochOne], true)
    }
    if lastTrainable < t.epochs { reasons.append(.noNodeAvailable(epoch: lastTrainable + 1)) }

    let lowest = lowestLoss(epochs: lastTrainable, deployLevel: deployLevel)
    let (bestAtDeploy, bestEpoch, reachedTargetAt) = (lowest.loss, lowest.epoch, lowest.reachedTargetAt)
    if reachedTargetAt == nil {
      let floor = (deployLevel..<J).map { predictor.floor(level: $0) }.min() ?? .nan
      reasons.append(
        .targetUnreachable(
          target: t.targetLoss, bestLoss: bestAtDeploy, bestEpoch: bestEpoch, epochs: lastTrainable,
          deployRemaining: scenario.model.deployRemaining, deployLevel: deployLevel,
          deployLevelRemaining: levels[deployLevel], floor: floor))
      return (reasons, true)
    }

    // Time: reaching the target needs at least `reachedTargetAt` epochs. The quickest epoch
    // anyone can run (its fastest node at the smallest model, plus aggregation):
    let fastestEpoch =
      (0..<scenario.nodes.count).map { evaluator.cost.seconds(node: $0, level: J - 1) }.min()! + t.aggregationSeconds
    let minEpochs = reachedTargetAt ?? 1
    let floorTime = Double(minEpochs) * fastestEpoch
    if floorTime > t.deadlineSeconds {
      reasons.append(
        .deadlineTooShort(minimumEpochs: minEpochs, fastestEpochSeconds: fastestEpoch, deadline: t.deadlineSeconds))
      return (reasons, true)
    }
    return (reasons, false)
  }

  /// A lower bound on the loss any plan reaches at a deployable level within `epochs`
  /// epochs (ignoring time and energy), the epoch it is reached, and the first epoch at
  /// which the bound meets the target (nil: never). A min-loss dynamic program over
  /// (epoch, level) with the most favourable progress any node set could have: u at
  /// most the largest (or, for a negative exponent, smallest) local step count
  /// available and no label skew; and no progress at all as the other extreme (below a
  /// floor, where progress raises the loss). It is a lower bound on the loss of every
  /// plan, so "unreachable" here is a proof.
  public func lowestLoss(epochs lastTrainable: Int, deployLevel: Int) -> (
    loss: Double, epoch: Int, reachedTargetAt: Int?
  ) {
    let t = scenario.training
    let J = scenario.levelCount
    let evaluator = PlanEvaluator(scenario: scenario)
    let predictor = evaluator.predictor
    let stats = evaluator.statistics
    var best = [Double](repeating: .infinity, count: J)
    best[0] = t.initialLoss
    var bestAtDeploy = Double.infinity
    var bestEpoch = 0
    var reachedTargetAt: Int? = nil
    for k in 1...max(1, lastTrainable) {
      let steps = scenario.availableNodes(at: k).map { stats.steps[$0] }
      let extremes = [steps.max() ?? 0, steps.min() ?? 0]
      var next = [Double](repeating: .infinity, count: J)
      for prev in 0..<J where best[prev].isFinite {
        for j in prev..<J {
          var factors: [Double] = [1]
          for u in extremes { factors.append(predictor.epochFactor(meanSteps: u, skew: 0, level: j)) }
          for factor in factors {
            next[j] = min(next[j], predictor.next(loss: best[prev], previousLevel: prev, level: j, factor: factor))
          }
        }
      }
      best = next
      for j in deployLevel..<J where best[j] < bestAtDeploy {
        bestAtDeploy = best[j]
        bestEpoch = k
      }
      if reachedTargetAt == nil && bestAtDeploy <= t.targetLoss { reachedTargetAt = k }
    }
    return (bestAtDeploy, bestEpoch, reachedTargetAt)
  }

  /// Solves without the deadline to show how long the target takes.
  func relaxedDeadlineReason() -> [InfeasibilityReason] {
    let t = scenario.training
    var reasons: [InfeasibilityReason] = []
    var relaxed = scenario
    relaxed.training.deadlineSeconds = t.deadlineSeconds * 1e6
    var solver = PACTSolver(scenario: relaxed, knobs: SolverKnobs(lossBins: 32, timeBins: 32))
    solver.explainsInfeasibility = false
    let plan = solver.solve()
    if let e = plan.evaluation {
      reasons.append(
        .targetAndDeadlineConflict(
          target: t.targetLoss, deadline: t.deadlineSeconds, relaxedSeconds: e.totalSeconds,
          relaxedEpochs: e.epochs.count, relaxedJoules: e.totalJoules))
    } else {
      reasons.append(.notFoundInGraph(target: t.targetLoss, deadline: t.deadlineSeconds))
    }
    return reasons
  }
}
