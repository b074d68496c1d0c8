import Dispatch
import PACTCore
import Synchronization

/// The solvers the dashboard calls; tests inject fakes.
public struct Solvers: Sendable {
  public var plan: @Sendable (Scenario, CancellationToken) -> SolveResult
  public var exact: @Sendable (Scenario, CancellationToken) -> SolveResult

  public init(
    plan: @escaping @Sendable (Scenario, CancellationToken) -> SolveResult,
    exact: @escaping @Sendable (Scenario, CancellationToken) -> SolveResult
  ) {
    self.plan = plan
    self.exact = exact
  }

  /// PACT for plans, the exact label-setting solver (60 s budget) for the optimum.
  public static let standard = Solvers(
    plan: { PACTSolver(scenario: $0).solve(cancel: $1) },
    exact: { ExactSolver(scenario: $0).solve(cancel: $1) })
}

/// Runs solves off the input thread. A new request cancels the running one
/// (through its ``CancellationToken``) and requests that are no longer the
/// latest are skipped, so only the newest edit's plan is computed and posted.
public final class SolveWorker: Sendable {
  public enum Event: Sendable {
    case plan(SolveOutcome)
    case exact(SolveOutcome)
  }

  private let solvers: Solvers
  private let planQueue = DispatchQueue(label: "pact.dashboard.plan", qos: .userInitiated)
  private let exactQueue = DispatchQueue(label: "pact.dashboard.exact", qos: .utility)
  private let latest = Mutex<(generation: Int, token: CancellationToken?)>((0, nil))
  private let exactToken = Mutex<CancellationToken?>(nil)
  private let events = Mutex<[Event]>([])
  private let wake: @Sendable () -> Void

  /// - Parameter wake: called (from a worker thread) after an event is posted.
  public init(solvers: Solvers = .standard, wake: @escaping @Sendable () -> Void = {}) {
    self.solvers = solvers
    self.wake = wake
  }

  /// Solves `scenario` for `generation`, superseding any earlier request.
  public func submit(generation: Int, scenario: Scenario) {
    let token = CancellationToken()
    latest.withLock { state in
      state.token?.cancel()
      state = (generation, token)
    }
    planQueue.async { [self] in
      guard latest.withLock({ $0.generation }) == generation, !token.isCancelled else { return }
      let result = solvers.plan(scenario, token)
      if token.isCancelled { return }
      let outcome = SolveOutcome(generation: generation, scenario: scenario, result: result)
      guard latest.withLock({ $0.generation }) == generation else { return }
      post(.plan(outcome))
    }
  }

  /// Starts the exact solver, cancelling a running one.
  public func submitExact(generation: Int, scenario: Scenario) {
    let token = CancellationToken()
    exactToken.withLock { current in
      current?.cancel()
      current = token
    }
    exactQueue.async { [self] in
      guard !token.isCancelled else { return }
      let result = solvers.exact(scenario, token)
      if token.isCancelled { return }
      post(.exact(SolveOutcome(generation: generation, scenario: scenario, result: result)))
    }
  }

  public func cancelExact() {
    exactToken.withLock { current in
      current?.cancel()
      current = nil
    }
  }

  /// Cancels everything (on quit).
  public func cancelAll() {
    cancelExact()
    latest.withLock { $0.token?.cancel() }
  }

  private func post(_ event: Event) {
    events.withLock { $0.append(event) }
    wake()
  }

  /// Takes the events posted since the last call.
  public func drain() -> [Event] {
    events.withLock { list in
      let out = list
      list.removeAll()
      return out
    }
  }
}
