import Synchronization

/// A flag a caller sets to stop a running solve; solvers poll it between layers
/// and return ``SolveStatus/cancelled``.
///
/// A token may also follow a parent (cancelled with it) and carry a deadline (cancelled
/// once the clock passes it): a solve's time budget is such a token, checked on every
/// poll, so it needs no timer thread that a busy machine could starve.
public final class CancellationToken: Sendable {
  private let flag = Atomic<Bool>(false)
  private let parent: CancellationToken?
  private let deadline: ContinuousClock.Instant?
  /// A token not yet cancelled.
  public init() {
    parent = nil
    deadline = nil
  }
  /// A token cancelled with `parent`, or once `deadline` has passed.
  public init(parent: CancellationToken?, deadline: ContinuousClock.Instant?) {
    self.parent = parent
    self.deadline = deadline
  }
  /// Asks the work holding this token to stop at its next check.
  public func cancel() { flag.store(true, ordering: .relaxed) }
  public var isCancelled: Bool {
    if flag.load(ordering: .relaxed) { return true }
    if parent?.isCancelled == true { return true }
    if let deadline, ContinuousClock.now >= deadline {
      flag.store(true, ordering: .relaxed)
      return true
    }
    return false
  }
}
