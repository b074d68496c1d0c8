import Synchronization

/// How far a long computation is (what it is doing, how many steps of how many),
/// shared between the computation, which updates it, and whoever shows it (the
/// command line's progress line, the dashboard). Thread-safe.
public final class WorkProgress: Sendable {
  /// One reading.
  public struct Reading: Equatable, Sendable {
    public var task: String
    public var done: Int
    public var total: Int
  }

  private let state: Mutex<Reading>

  /// Progress of `task`, 0 of `total` steps done.
  public init(task: String = "", total: Int = 0) { state = Mutex(Reading(task: task, done: 0, total: total)) }

  /// Sets the task, the steps done and the steps in all (0 when unknown).
  public func update(task: String? = nil, done: Int, total: Int? = nil) {
    state.withLock {
      if let task { $0.task = task }
      $0.done = done
      if let total { $0.total = total }
    }
  }

  /// One more step done.
  public func step() { state.withLock { $0.done += 1 } }

  /// The current reading.
  public var reading: Reading { state.withLock { $0 } }
}
