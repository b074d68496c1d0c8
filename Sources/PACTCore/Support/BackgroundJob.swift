import Dispatch
import Foundation
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

  /// Starts `work` now on a thread of its own — or runs it here, before returning, when
  /// asked (`inline`) or when the threads are capped at one (`PACT_THREADS=1`,
  /// ``ParallelMap/threadOverride``).
  init(inline: Bool = false, _ work: @escaping () -> Value) {
    if inline || ParallelMap.maximumThreads < 2 {
      value = work()
      running.store(false, ordering: .releasing)
      return
    }
    nonisolated(unsafe) let work = work
    group.enter()
    // A thread of its own, not Dispatch's pool: the pool's threads may all be busy with
    // other work (the dashboard's baselines), and the job must start now. It runs at a
    // lower priority (nice 10, this thread only), so that on a machine with few cores
    // it yields to the thread that waits for it and to the dashboard drawing a plan.
    let thread = Thread {
      #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
      #endif
      self.value = work()
      self.running.store(false, ordering: .releasing)
      self.group.leave()
    }
    thread.start()
  }

  /// Whether the work has not finished yet.
  var isRunning: Bool { running.load(ordering: .acquiring) }

  /// The work's result, once it has finished (waits for it).
  func wait() -> Value {
    group.wait()
    return value!
  }
}
