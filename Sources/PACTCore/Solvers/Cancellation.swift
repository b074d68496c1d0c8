import Synchronization

/// A flag a caller sets to stop a running solve; solvers poll it between layers
/// and return ``SolveStatus/cancelled``.
public final class CancellationToken: Sendable {
  private let flag = Atomic<Bool>(false)
  /// A token not yet cancelled.
  public init() {}
  /// Asks the work holding this token to stop at its next check.
  public func cancel() { flag.store(true, ordering: .relaxed) }
  public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}
