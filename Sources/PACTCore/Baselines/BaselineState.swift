/// The state a baseline policy sees before deciding an epoch: the plan so far
/// and its exact figures (loss, level, time, energy), with helpers that predict
/// one more epoch under docs/MODEL.md.
public struct BaselineState: Sendable {
  public let scenario: Scenario
  /// Cost model, set statistics and loss predictor of the scenario.
  public let evaluator: PlanEvaluator
  /// The least level whose model is deployable (levelCount − 1 when none is).
  public let deployLevel: Int
  /// The epoch about to be decided (1-based).
  public private(set) var epoch = 1
  /// Predicted loss after the epochs so far.
  public private(set) var loss: Double
  /// Level of the last epoch (0 before the first).
  public private(set) var level = 0
  /// Seconds and joules spent so far.
  public private(set) var seconds = 0.0
  public private(set) var joules = 0.0
  /// The decisions so far.
  public private(set) var plan: [EpochDecision] = []

  /// The state before the first epoch of `scenario`.
  public init(scenario: Scenario) {
    self.scenario = scenario
    evaluator = PlanEvaluator(scenario: scenario)
    deployLevel = scenario.firstDeployableLevel ?? max(0, scenario.levelCount - 1)
    loss = scenario.training.initialLoss
  }

  /// The nodes available at the epoch being decided.
  public var available: [Int] { scenario.availableNodes(at: epoch) }

  /// Seconds left before the deadline (negative once it is passed).
  public var secondsLeft: Double { scenario.training.deadlineSeconds - seconds }

  /// Whether the plan so far is feasible (the evaluator's three conditions).
  public var isFeasible: Bool {
    !plan.isEmpty && isFinished(loss: loss, seconds: seconds, level: level) && plan.count <= scenario.training.epochs
  }

  /// Epoch time of `nodes` at level j.
  public func epochSeconds(_ nodes: [Int], level j: Int) -> Double { evaluator.cost.epochSeconds(nodes, level: j) }

  /// Epoch energy of `nodes` at level j.
  public func epochJoules(_ nodes: [Int], level j: Int) -> Double { evaluator.cost.epochJoules(nodes, level: j) }

  /// The predicted loss after one more epoch of `nodes` at level j.
  public func lossAfter(_ nodes: [Int], level j: Int) -> Double {
    let stats = NodeSetStatistics(nodes, context: evaluator.statistics)
    return evaluator.predictor.next(
      loss: loss, previousLevel: level, level: j, meanSteps: stats.meanSteps,
      skew: stats.skew(context: evaluator.statistics))
  }

  /// Whether one more epoch of `nodes` at level j would make the plan feasible.
  public func finishes(_ nodes: [Int], level j: Int) -> Bool {
    isFinished(loss: lossAfter(nodes, level: j), seconds: seconds + epochSeconds(nodes, level: j), level: j)
  }

  /// Whether an epoch of `nodes` at level j leaves time for one more epoch of
  /// the nodes available next at level `then` (false at epoch K).
  public func leavesRoom(_ nodes: [Int], level j: Int, thenLevel then: Int) -> Bool {
    guard epoch < scenario.training.epochs else { return false }
    let next = scenario.availableNodes(at: epoch + 1)
    guard !next.isEmpty else { return false }
    return seconds + epochSeconds(nodes, level: j) + epochSeconds(next, level: then)
      <= scenario.training.deadlineSeconds
  }

  private func isFinished(loss: Double, seconds: Double, level j: Int) -> Bool {
    let t = scenario.training
    return loss <= t.targetLoss && seconds <= t.deadlineSeconds
      && scenario.model.pruningLevels[j] <= scenario.model.deployRemaining
  }

  /// Records one epoch of `decision`.
  mutating func apply(_ decision: EpochDecision) {
    loss = lossAfter(decision.nodes, level: decision.level)
    seconds += epochSeconds(decision.nodes, level: decision.level)
    joules += epochJoules(decision.nodes, level: decision.level)
    level = decision.level
    plan.append(decision)
    epoch += 1
  }
}
