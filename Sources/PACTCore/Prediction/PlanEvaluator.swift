/// Evaluates a plan exactly as docs/MODEL.md defines it: per-epoch time, energy
/// and loss, the totals, and feasibility with the reasons it fails.
public struct PlanEvaluator: Sendable {
  public let scenario: Scenario
  public let cost: CostModel
  public let statistics: NodeSetStatistics.Context
  public let predictor: any LossPredictor

  /// An evaluator of plans for `scenario`.
  public init(scenario: Scenario) {
    self.scenario = scenario
    cost = CostModel(scenario: scenario)
    statistics = NodeSetStatistics.Context(scenario: scenario)
    predictor = LossPredictors.make(scenario)
  }

  /// The exact figures of `plan`. Node indices and levels must be in range
  /// (`Plan.decode(_:scenario:)` checks that for plan files).
  ///
  /// - Complexity: O(m · (|S| · C)) for m epochs, |S| nodes per epoch, C classes.
  public func evaluate(_ plan: Plan) -> PlanEvaluation {
    let levels = scenario.model.pruningLevels
    var loss = scenario.training.initialLoss
    var previousLevel = 0
    var totalSeconds = 0.0
    var totalJoules = 0.0
    var outcomes: [EpochOutcome] = []
    var violations: [String] = []
    outcomes.reserveCapacity(plan.epochs.count)

    for (k, decision) in plan.epochs.enumerated() {
      let epoch = k + 1
      let j = decision.level
      let seconds = cost.epochSeconds(decision.nodes, level: j)
      let joules = cost.epochJoules(decision.nodes, level: j)
      let stats = NodeSetStatistics(decision.nodes, context: statistics)
      let u = stats.meanSteps
      let delta = stats.skew(context: statistics)
      loss = predictor.next(loss: loss, previousLevel: previousLevel, level: j, meanSteps: u, skew: delta)
      totalSeconds += seconds
      totalJoules += joules
      outcomes.append(
        EpochOutcome(
          epoch: epoch, nodes: decision.nodes, level: j, remaining: levels[j], seconds: seconds, joules: joules,
          loss: loss, meanSteps: u, skew: delta))

      if decision.nodes.isEmpty { violations.append("epoch \(epoch): no node trains") }
      let unavailable = decision.nodes.filter { !scenario.nodes[$0].isAvailable(at: epoch) }
      if !unavailable.isEmpty {
        let ids = unavailable.map { scenario.nodes[$0].id }.joined(separator: ", ")
        violations.append("epoch \(epoch): \(ids) \(unavailable.count == 1 ? "is" : "are") not available")
      }
      if j < previousLevel {
        violations.append(
          "epoch \(epoch): level \(j) is below the previous level \(previousLevel) (levels never decrease)")
      }
      previousLevel = j
    }

    let t = scenario.training
    if plan.epochs.isEmpty { violations.append("the plan has no epoch") }
    if plan.epochs.count > t.epochs {
      violations.append("the plan has \(plan.epochs.count) epochs, more than training.epochs (\(t.epochs))")
    }
    let target = scenario.planningTargetLoss
    if !(loss <= target) {
      if let c = t.confidence, target != t.targetLoss {
        violations.append(
          "final loss \(Format.number(loss)) is above \(Format.number(target)), where the real loss meets the target \(Format.number(t.targetLoss)) with confidence \(Format.number(c * 100)) %"
        )
      } else {
        violations.append("final loss \(Format.number(loss)) is above the target \(Format.number(t.targetLoss))")
      }
    }
    if !(totalSeconds <= t.deadlineSeconds) {
      violations.append(
        "total time \(Format.number(totalSeconds)) s is past the deadline \(Format.number(t.deadlineSeconds)) s")
    }
    if let last = plan.epochs.last, !(levels[last.level] <= scenario.model.deployRemaining) {
      violations.append(
        "the final model keeps \(Format.number(levels[last.level])) of its parameters, more than deployRemaining \(Format.number(scenario.model.deployRemaining))"
      )
    }
    return PlanEvaluation(
      plan: plan, epochs: outcomes, totalJoules: totalJoules, totalSeconds: totalSeconds, finalLoss: loss,
      violations: violations)
  }
}
