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

  public init(scenario: Scenario) { self.scenario = scenario }

  /// One or more sentences; empty when no reason was found (the plan may then
  /// exist but lie outside PACT's graph: try finer knobs or `--exact`).
  public func explain() -> [String] {
    let (reasons, proven) = provenReasons()
    if proven { return reasons }
    return reasons + relaxedDeadlineReason()
  }

  /// The reasons found without solving; `proven` is true when one of them alone
  /// rules out every plan (so a solver need not search).
  public func provenReasons() -> (reasons: [String], proven: Bool) {
    let t = scenario.training
    let J = scenario.levelCount
    let evaluator = PlanEvaluator(scenario: scenario)
    let predictor = evaluator.predictor
    let levels = scenario.model.pruningLevels
    guard let deployLevel = scenario.firstDeployableLevel else {
      return (
        ["no pruning level keeps at most deployRemaining = \(Format.number(scenario.model.deployRemaining))"], true
      )
    }
    var reasons: [String] = []

    // Epochs without nodes cut every plan short.
    var lastTrainable = 0
    while lastTrainable < t.epochs && !scenario.availableNodes(at: lastTrainable + 1).isEmpty { lastTrainable += 1 }
    if lastTrainable == 0 {
      return (["no node is available at epoch 1, so no plan can start"], true)
    }
    if lastTrainable < t.epochs {
      reasons.append(
        "no node is available at epoch \(lastTrainable + 1), so plans have at most \(lastTrainable) epoch\(lastTrainable == 1 ? "" : "s")"
      )
    }

    // Min-loss DP over (epoch, level), ignoring time and energy, with the most favourable
    // progress any node set could have: u at most the largest (or, for a negative exponent,
    // smallest) local step count available and no label skew; and no progress at all as the
    // other extreme (below a floor, where progress raises the loss). It is a lower bound on
    // the loss of every plan, so "unreachable" here is a proof.
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
    if reachedTargetAt == nil {
      let floor = (deployLevel..<J).map { predictor.floor(level: $0) }.min() ?? .nan
      reasons.append(
        "the target loss \(Format.number(t.targetLoss)) cannot be reached at a deployable level (remaining ≤ \(Format.number(scenario.model.deployRemaining))): even with the most favourable node sets, no plan of \(lastTrainable) epochs gets below \(Format.number(bestAtDeploy)) (epoch \(bestEpoch)); the loss floor at level \(deployLevel) (remaining \(Format.number(levels[deployLevel]))) is \(Format.number(floor))"
      )
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
        "the target needs at least \(minEpochs) epochs, and even the fastest node at the smallest model takes \(Format.seconds(fastestEpoch)) an epoch: \(Format.seconds(floorTime)) > deadline \(Format.seconds(t.deadlineSeconds))"
      )
      return (reasons, true)
    }
    return (reasons, false)
  }

  /// Solves without the deadline to show how long the target takes.
  func relaxedDeadlineReason() -> [String] {
    let t = scenario.training
    var reasons: [String] = []
    var relaxed = scenario
    relaxed.training.deadlineSeconds = t.deadlineSeconds * 1e6
    var solver = PACTSolver(scenario: relaxed, knobs: SolverKnobs(lossBins: 32, timeBins: 32))
    solver.explainsInfeasibility = false
    let plan = solver.solve()
    if let e = plan.evaluation {
      reasons.append(
        "no plan meets both the target loss \(Format.number(t.targetLoss)) and the deadline \(Format.seconds(t.deadlineSeconds)): without the deadline the cheapest plan PACT finds takes \(Format.seconds(e.totalSeconds)) (\(e.epochs.count) epochs, \(Format.joules(e.totalJoules)))"
      )
    } else {
      reasons.append(
        "no plan meets the target loss \(Format.number(t.targetLoss)) within the deadline \(Format.seconds(t.deadlineSeconds)) in PACT's graph; try finer knobs or the exact solver"
      )
    }
    return reasons
  }
}
