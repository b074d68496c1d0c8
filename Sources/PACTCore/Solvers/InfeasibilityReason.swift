/// Why a scenario has no feasible plan (or why one may be missing from PACT's graph),
/// with the numbers, so that the command line and the dashboard can say it in user
/// terms and tests can compare it.
public enum InfeasibilityReason: Equatable, Sendable, CustomStringConvertible {
  /// No pruning level keeps at most `deployRemaining` of the model.
  case noDeployableLevel(deployRemaining: Double)
  /// No node is available at epoch 1.
  case noNodeAtEpochOne
  /// No node is available at `epoch`, so plans have at most `epoch − 1` epochs (a limit, not a proof).
  case noNodeAvailable(epoch: Int)
  /// Even the most favourable node sets never bring the loss down to the target at a
  /// deployable level within `epochs` epochs: `bestLoss` is the lowest loss any plan
  /// reaches there (after `bestEpoch` epochs); `floor` is the loss floor of `deployLevel`.
  case targetUnreachable(
    target: Double, bestLoss: Double, bestEpoch: Int, epochs: Int, deployRemaining: Double, deployLevel: Int,
    deployLevelRemaining: Double, floor: Double)
  /// The target needs at least `minimumEpochs` epochs, and even the fastest epoch takes
  /// `fastestEpochSeconds`: together past the deadline.
  case deadlineTooShort(minimumEpochs: Int, fastestEpochSeconds: Double, deadline: Double)
  /// Target and deadline are each reachable, but not together: without the deadline the
  /// cheapest plan PACT finds takes `relaxedSeconds` (`relaxedEpochs` epochs, `relaxedJoules`).
  case targetAndDeadlineConflict(
    target: Double, deadline: Double, relaxedSeconds: Double, relaxedEpochs: Int, relaxedJoules: Double)
  /// No plan was found in PACT's graph and no proof that none exists: finer knobs or the
  /// exact solver may find one.
  case notFoundInGraph(target: Double, deadline: Double)
  /// A what-if or frontier value the scenario's rules refuse (a deadline ≤ 0, a deploy
  /// size below every level).
  case invalidGoal(ScenarioIssue)

  /// Whether the reason alone proves that no plan exists.
  public var isProof: Bool {
    switch self {
    case .noDeployableLevel, .noNodeAtEpochOne, .targetUnreachable, .deadlineTooShort: return true
    case .invalidGoal: return true
    case .noNodeAvailable, .targetAndDeadlineConflict, .notFoundInGraph: return false
    }
  }

  public var description: String {
    switch self {
    case .noDeployableLevel(let r):
      return "no pruning level keeps at most deployRemaining = \(Format.number(r))"
    case .noNodeAtEpochOne:
      return "no node is available at epoch 1, so no plan can start"
    case .noNodeAvailable(let epoch):
      let last = epoch - 1
      return "no node is available at epoch \(epoch), so plans have at most \(last) epoch\(last == 1 ? "" : "s")"
    case .targetUnreachable(let target, let best, let bestEpoch, let epochs, let deploy, let level, let r, let floor):
      return
        "the target loss \(Format.number(target)) cannot be reached at a deployable level (remaining ≤ \(Format.number(deploy))): even with the most favourable node sets, no plan of \(epochs) epochs gets below \(Format.number(best)) (epoch \(bestEpoch)); the loss floor at level \(level) (remaining \(Format.number(r))) is \(Format.number(floor))"
    case .deadlineTooShort(let epochs, let fastest, let deadline):
      return
        "the target needs at least \(epochs) epochs, and even the fastest node at the smallest model takes \(Format.seconds(fastest)) an epoch: \(Format.seconds(Double(epochs) * fastest)) > deadline \(Format.seconds(deadline))"
    case .targetAndDeadlineConflict(let target, let deadline, let seconds, let epochs, let joules):
      return
        "no plan meets both the target loss \(Format.number(target)) and the deadline \(Format.seconds(deadline)): without the deadline the cheapest plan PACT finds takes \(Format.seconds(seconds)) (\(epochs) epochs, \(Format.joules(joules)))"
    case .invalidGoal(let issue):
      return "not a valid goal: \(issue)"
    case .notFoundInGraph(let target, let deadline):
      return
        "no plan meets the target loss \(Format.number(target)) within the deadline \(Format.seconds(deadline)) in PACT's graph; try finer knobs or the exact solver"
    }
  }
}
