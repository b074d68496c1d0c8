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
    case .deadline: return "training.deadlineSeconds"
    case .target: return "training.targetLoss"
    case .deploy: return "model.deployRemaining"
    case .epochs: return "training.epochs"
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
