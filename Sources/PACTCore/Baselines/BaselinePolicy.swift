/// A planning rule from the literature that pact's plans are compared against.
///
/// A policy decides one epoch at a time from the state reached so far
/// (``BaselineState``); ``run(on:cancel:)`` applies the stopping rule shared by
/// every baseline and evaluates the result exactly with ``PlanEvaluator``, so a
/// baseline's figures are computed the same way as PACT's.
///
/// Stopping rule: stop after the first epoch at which the plan so far is
/// feasible (target loss met, deadline kept, final level deployable); otherwise
/// keep going until epoch K, until the deadline is passed, or until the policy
/// cannot decide (no node it may use). A baseline that cannot meet the target or
/// the deadline says so: its result is its attempt, with `isFeasible == false`
/// and the evaluator's violations. It is never silently repaired.
public protocol BaselinePolicy: Sendable {
  /// The method's name in tables and JSON (`train-then-prune`, `fedcs`, …).
  var name: String { get }
  /// The decision rule in one line, as the tables and the README state it.
  var rule: String { get }
  /// Where the rule comes from (paper), or "" for a folklore rule.
  var source: String { get }
  /// The decision for epoch `state.epoch`, or why the policy cannot train it.
  func decide(_ state: BaselineState) -> BaselineStep
}

/// What a policy does at one epoch.
public enum BaselineStep: Equatable, Sendable {
  /// Train this set at this level.
  case train(EpochDecision)
  /// Stop: the policy has no decision it may take; the reason says why.
  case stop(String)
}

/// A baseline's plan, its exact evaluation, and what stopped it.
public struct BaselineResult: Sendable {
  /// ``BaselinePolicy/name``.
  public var method: String
  /// ``BaselinePolicy/rule``.
  public var rule: String
  /// The exact figures of the plan (also when it is infeasible).
  public var evaluation: PlanEvaluation
  /// Why the run ended early, if it did (`epoch 7: no available node finishes within …`).
  public var notes: [String]
  /// Wall-clock seconds the policy took.
  public var solveSeconds: Double

  public var isFeasible: Bool { evaluation.isFeasible }
}

extension BaselinePolicy {
  /// Runs the policy epoch by epoch under the shared stopping rule (see ``BaselinePolicy``).
  ///
  /// - Complexity: O(K · D) for K epochs and D the cost of one ``decide(_:)``.
  public func run(on scenario: Scenario, cancel: CancellationToken? = nil) -> BaselineResult {
    let clock = ContinuousClock.now
    var state = BaselineState(scenario: scenario)
    var notes: [String] = []
    let t = scenario.training
    while state.epoch <= t.epochs {
      if cancel?.isCancelled == true {
        notes.append("cancelled at epoch \(state.epoch)")
        break
      }
      let step = decide(state)
      guard case .train(let decision) = step else {
        if case .stop(let reason) = step { notes.append("epoch \(state.epoch): \(reason)") }
        break
      }
      state.apply(decision)
      if state.isFeasible { break }
      if state.seconds > t.deadlineSeconds {
        notes.append(
          "epoch \(state.epoch - 1): the deadline of \(Format.number(t.deadlineSeconds)) s is passed (\(Format.number(state.seconds)) s)"
        )
        break
      }
    }
    let evaluation = state.evaluator.evaluate(Plan(epochs: state.plan))
    return BaselineResult(
      method: name, rule: rule, evaluation: evaluation, notes: notes,
      solveSeconds: (ContinuousClock.now - clock).seconds)
  }
}
