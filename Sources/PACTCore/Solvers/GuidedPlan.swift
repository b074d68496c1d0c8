import Foundation

/// A plan found by following the backward table (``RemainingCostBound``) greedily, epoch
/// by epoch: PACT's first incumbent when it beats the peers' plans.
///
/// From the start state, each epoch takes the decision (one of PACT's candidates, any
/// level not below the current one) whose energy plus the energy the table says its
/// successor still needs (weighted: ``weights``) is least, among those whose time plus
/// the time still needed fits the deadline; a decision that reaches the target at a
/// deployable level counts its own energy only, and ends the plan. That is one successor computation per decision and
/// epoch — a few thousand for a scenario whose first pass relaxes a hundred thousand
/// edges — and the table is usually close to the truth, so the plan is usually close to
/// PACT's answer: the first pass then starts with a tight incumbent and prunes far more.
///
/// The plan is a heuristic only: it is evaluated with docs/MODEL.md's formulas like every
/// incumbent (an infeasible one is ignored), and no bound or proof depends on it.
enum GuidedPlan {
  /// Weights on the energy still needed, tried in turn. The table is optimistic (a loss
  /// bucket per epoch, the fastest and the cheapest continuations apart), so a greedy that
  /// believes it buys too little progress per epoch and can run out of epochs or time
  /// before the target; a larger weight buys more progress per epoch.
  static let weights = [1.0, 1.5, 3]

  /// The first feasible greedy plan over ``weights``, evaluated (nil when none is).
  static func incumbent(
    scenario: Scenario, cache: CandidateCache, remaining: RemainingCostBound, evaluator: PlanEvaluator
  ) -> PlanEvaluation? {
    for weight in weights {
      guard
        let found = plan(
          scenario: scenario, cache: cache, remaining: remaining, predictor: evaluator.predictor, weight: weight)
      else { continue }
      let evaluation = evaluator.evaluate(found)
      if evaluation.isFeasible { return evaluation }
    }
    return nil
  }

  /// The greedy plan with the energy still needed counted `weight` times, or nil when it
  /// runs out of epochs, time or decisions before the target.
  static func plan(
    scenario: Scenario, cache: CandidateCache, remaining: RemainingCostBound, predictor: any LossPredictor,
    weight: Double
  ) -> Plan? {
    let t = scenario.training
    let K = t.epochs
    let J = scenario.levelCount
    let D = t.deadlineSeconds
    let target = t.targetLoss
    let deploy = scenario.firstDeployableLevel ?? J
    let floors = (0..<J).map { predictor.floor(level: $0) }
    var loss = t.initialLoss
    var level = 0
    var seconds = 0.0
    var epochs: [EpochDecision] = []
    for k in 1...max(1, K) {
      guard let epoch = cache.decisions(epoch: k) else { return nil }
      var best: (score: Double, decision: Int, loss: Double, terminal: Bool)? = nil
      for j in level..<J {
        let shocked = predictor.shock(loss: loss, previousLevel: level, level: j)
        let range = shocked >= floors[j] ? epoch.descending[j] : epoch.ascending[j]
        for d in range {
          // The fronts are sorted by joules: nothing later can score less.
          if epoch.joules[d] >= best?.score ?? .infinity { break }
          let s = seconds + epoch.seconds[d]
          if s > D { continue }
          let l = predictor.descend(shocked: shocked, level: j, factor: epoch.factors[d])
          let terminal = l <= target && j >= deploy
          var score = epoch.joules[d]
          if !terminal {
            if k == K { continue }
            let need = remaining.need(afterEpoch: k, loss: l, level: j, seconds: s)
            if !need.joules.isFinite || s + need.seconds > D { continue }
            score += weight * need.joules
          }
          if score < best?.score ?? .infinity { best = (score, d, l, terminal) }
        }
      }
      guard let best else { return nil }
      let decision = epoch.decisions[best.decision]
      epochs.append(EpochDecision(nodes: decision.nodes, level: decision.level))
      loss = best.loss
      level = decision.level
      seconds += decision.seconds
      if best.terminal { return Plan(epochs: epochs) }
    }
    return nil
  }
}
