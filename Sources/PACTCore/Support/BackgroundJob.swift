import Dispatch
import Synchronization

/// Whether some work is running on a core of its own (``BackgroundJob``), so that work
/// started meanwhile leaves that core to it.
protocol BackgroundActivity: AnyObject, Sendable {
  var isRunning: Bool { get }
}

/// Work started on another thread and collected later with ``wait()``: PACT proves its
/// lower bound (the relaxed decisions, then each forward pass) while its next pass runs.
final class BackgroundJob<Value>: BackgroundActivity, @unchecked Sendable {
  private var value: Value? = nil
  private let group = DispatchGroup()
  private let running = Atomic<Bool>(true)

  /// Starts `work` now on a global queue — or runs it here, before returning, when the
  /// threads are capped at one (`PACT_THREADS=1`, ``ParallelMap/threadOverride``).
  init(_ work: @escaping () -> Value) {
    if ParallelMap.maximumThreads < 2 {
      value = work()
      running.store(false, ordering: .releasing)
      return
    }
    nonisolated(unsafe) let work = work
    group.enter()
    DispatchQueue.global(qos: .userInitiated).async {
      self.value = work()
      self.running.store(false, ordering: .releasing)
      self.group.leave()
    }
  }

  /// Whether the work has not finished yet.
  var isRunning: Bool { running.load(ordering: .acquiring) }

  /// The work's result, once it has finished (waits for it).
  func wait() -> Value {
    group.wait()
    return value!
  }
}
