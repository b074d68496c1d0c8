/// A goal of the training that a what-if changes or a frontier varies, everything else
/// fixed: the deadline, the target loss, the deployed model size, the most epochs.
public enum GoalParameter: String, CaseIterable, Sendable {
  /// `training.deadlineSeconds`, seconds.
  case deadline
  /// `training.targetLoss`.
  case target
  /// `model.deployRemaining`: the fraction of the model the deployed one may keep.
  case deploy
  /// `training.epochs` (K), the most epochs a plan may have.
  case epochs

  /// The scenario field, as error messages and the docs name it.
  public var path: String {
    switch self {
    case .deadline: return TrainingKey.deadlineSeconds.path
    case .target: return TrainingKey.targetLoss.path
    case .deploy: return ModelKey.deployRemaining.path
    case .epochs: return TrainingKey.epochs.path
    }
  }

  /// Axis title, with the unit.
  public var title: String {
    switch self {
    case .deadline: return "deadline (s)"
    case .target: return "target loss"
    case .deploy: return "deployed model size (fraction kept)"
    case .epochs: return "most epochs (K)"
    }
  }

  /// The goal's short name (a settings row, a status line).
  public var label: String {
    switch self {
    case .deadline: return "deadline"
    case .target: return "target loss"
    case .deploy: return "deploy ≤"
    case .epochs: return "epochs (max)"
    }
  }

  /// `scenario` with this goal one step looser (`up`) or tighter: the target by 5 %,
  /// the deadline by 25 %, one epoch, or the next pruning level's fraction for the
  /// deployed size. Validate the result before using it.
  public func stepped(_ scenario: Scenario, up: Bool) -> Scenario {
    switch self {
    case .target: return applying(scenario.training.targetLoss * (up ? 1.05 : 1 / 1.05), to: scenario)
    case .deadline: return applying(scenario.training.deadlineSeconds * (up ? 1.25 : 1 / 1.25), to: scenario)
    case .epochs: return applying(Double(scenario.training.epochs + (up ? 1 : -1)), to: scenario)
    case .deploy:
      let d = scenario.model.deployRemaining
      let levels = scenario.model.pruningLevels
      let next = up ? levels.last(where: { $0 > d + 1e-12 }) : levels.first(where: { $0 < d - 1e-12 })
      return applying(next ?? d, to: scenario)
    }
  }

  /// Whether a larger value makes the goal easier (a later deadline, a higher target
  /// loss, a larger deployed model, more epochs all do).
  public var looserIsLarger: Bool { true }

  /// Whether the value is a whole number.
  public var isInteger: Bool { self == .epochs }

  /// The parameter's value in `scenario`.
  public func value(in scenario: Scenario) -> Double {
    switch self {
    case .deadline: return scenario.training.deadlineSeconds
    case .target: return scenario.training.targetLoss
    case .deploy: return scenario.model.deployRemaining
    case .epochs: return Double(scenario.training.epochs)
    }
  }

  /// `scenario` with this parameter set to `value` (epochs rounded; fewer epochs clip
  /// the nodes' availability windows). Validate the result before using it.
  public func applying(_ value: Double, to scenario: Scenario) -> Scenario {
    var s = scenario
    switch self {
    case .deadline: s.training.deadlineSeconds = value
    case .target: s.training.targetLoss = value
    case .deploy: s.model.deployRemaining = value
    case .epochs: s = s.withEpochs(Int(value.rounded()))
    }
    return s
  }

  /// A value as a person reads it (`142 s`, `0.6`, `0.64`, `12`).
  public func format(_ value: Double) -> String {
    switch self {
    case .deadline: return Format.seconds(value)
    case .target: return Format.number(value)
    case .deploy: return Format.number(value, digits: 3)
    case .epochs: return String(Int(value.rounded()))
    }
  }
}

extension Scenario {
  /// This scenario with `epochs` epochs; availability windows are clipped to fit (a
  /// window that starts after the last epoch is dropped).
  public func withEpochs(_ epochs: Int) -> Scenario {
    var s = self
    s.training.epochs = epochs
    guard epochs >= 1 else { return s }
    for i in s.nodes.indices {
      guard let windows = s.nodes[i].availableEpochs else { continue }
      s.nodes[i].availableEpochs = windows.compactMap { w in
        w.first > epochs ? nil : EpochWindow(w.first, min(w.last, epochs))
      }
    }
    return s
  }
}
