/// Says in user terms, with the numbers, why a scenario has no feasible plan.
///
/// It checks, in order: epochs with no available node; the lowest loss any plan
/// can reach at a deployable level within the epochs allowed, ignoring the
/// deadline and energy (a min-loss dynamic program over levels, exact because
/// the loss update is monotone); and the least time to reach the target,
/// ignoring energy (a loss-bucketed min-time program).
public struct InfeasibilityExplainer: Sendable {
  public let scenario: Scenario

  public init(scenario: Scenario) { self.scenario = scenario }

  /// One or more sentences; empty when no reason was found (the plan may then
  /// exist but lie outside PACT's graph: try finer knobs or `--exact`).
  public func explain() -> [String] {
    let t = scenario.training
    let J = scenario.levelCount
    let evaluator = PlanEvaluator(scenario: scenario)
    let predictor = evaluator.predictor
    let levels = scenario.model.pruningLevels
    guard let deployLevel = scenario.firstDeployableLevel else {
      return ["no pruning level keeps at most deployRemaining = \(Format.number(scenario.model.deployRemaining))"]
    }
    var reasons: [String] = []

    // Epochs without nodes cut every plan short.
    var lastTrainable = 0
    while lastTrainable < t.epochs && !scenario.availableNodes(at: lastTrainable + 1).isEmpty { lastTrainable += 1 }
    if lastTrainable == 0 {
      return ["no node is available at epoch 1, so no plan can start"]
    }
    if lastTrainable < t.epochs {
      reasons.append(
        "no node is available at epoch \(lastTrainable + 1), so plans have at most \(lastTrainable) epoch\(lastTrainable == 1 ? "" : "s")"
      )
    }

    // Min-loss DP over (epoch, level), ignoring time and energy: the best factor per level
    // (smallest above the floor, largest below it) over the candidate node sets.
    let costing = NodeSetCandidates.Costing(
      cost: evaluator.cost, statistics: evaluator.statistics, predictor: predictor)
    let mode: NodeSetCandidates.Mode =
      scenario.nodes.count <= 12 ? .exhaustive : .greedy(SolverKnobs(maxSetSize: 64, timeCaps: 16))
    let cache = CandidateCache(scenario: scenario, mode: mode, costing: costing)
    var best = [Double](repeating: .infinity, count: J)
    best[0] = t.initialLoss
    var bestAtDeploy = Double.infinity
    var bestEpoch = 0
    var reachedTargetAt: Int? = nil
    for k in 1...max(1, lastTrainable) {
      let perLevel = cache.candidates(available: scenario.availableNodes(at: k))
      var next = [Double](repeating: .infinity, count: J)
      for prev in 0..<J where best[prev].isFinite {
        for j in prev..<J {
          let fastest = perLevel[j].descending.map(\.factor).min() ?? 1
          let slowest = perLevel[j].ascending.map(\.factor).max() ?? 1
          for factor in [fastest, slowest] {
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
        "the target loss \(Format.number(t.targetLoss)) cannot be reached at a deployable level (remaining ≤ \(Format.number(scenario.model.deployRemaining))): the lowest loss any plan reaches in \(lastTrainable) epochs is \(Format.number(bestAtDeploy)) (epoch \(bestEpoch)); the loss floor at level \(deployLevel) (remaining \(Format.number(levels[deployLevel]))) is \(Format.number(floor))"
      )
      return reasons
    }

    // Time: reaching the target needs at least `reachedTargetAt` epochs. The quickest epoch
    // anyone can run (its fastest node at the smallest model, plus aggregation):
    let fastestEpoch = (0..<scenario.nodes.count).map { evaluator.cost.seconds(node: $0, level: J - 1) }.min()! +
      t.aggregationSeconds
    let minEpochs = reachedTargetAt ?? 1
    let floorTime = Double(minEpochs) * fastestEpoch
    if floorTime > t.deadlineSeconds {
      reasons.append(
        "the target needs at least \(minEpochs) epochs, and even the fastest node at the smallest model takes \(Format.seconds(fastestEpoch)) an epoch: \(Format.seconds(floorTime)) > deadline \(Format.seconds(t.deadlineSeconds))"
      )
      return reasons
    }
    // Otherwise solve without the deadline to show how long the target takes.
    var relaxed = scenario
    relaxed.training.deadlineSeconds = t.deadlineSeconds * 1e6
    var solver = PACTSolver(scenario: relaxed, knobs: SolverKnobs(lossBins: 32, timeBins: 32))
    solver.explainsInfeasibility = false
    let plan = solver.solve()
    if let e = plan.evaluation {
      reasons.append(
        "no plan meets both the target loss \(Format.number(t.targetLoss)) and the deadline \(Format.seconds(t.deadlineSeconds)): without the deadline the cheapest plan PACT finds takes \(Format.seconds(e.totalSeconds)) (\(e.epochs.count) epochs, \(Format.joules(e.totalJoules))); fast nodes and small models reach the target in \(minEpochs) epochs at best but not in time with the nodes available"
      )
    } else {
      reasons.append(
        "no plan meets the target loss \(Format.number(t.targetLoss)) within the deadline \(Format.seconds(t.deadlineSeconds)) in PACT's graph; try finer knobs or the exact solver"
      )
    }
    return reasons
  }
}
