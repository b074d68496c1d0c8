import Foundation

/// Maps over an array on all cores (Dispatch), keeping the order of the results.
///
/// The environment variable `PACT_THREADS=N` (read once) caps the threads at N;
/// `PACT_THREADS=1` runs serially (and PACT proves its bound between passes, not beside
/// them: ``BackgroundJob``), e.g. to rule out threading when debugging.
/// Tests override the cap for one call tree with ``threadOverride``.
enum ParallelMap {
  /// Holds what the concurrent iterations share; each iteration writes only its own slot.
  private final class Box<T, R>: @unchecked Sendable {
    let items: [T]
    let transform: (T) -> R
    var results: [R?]
    init(items: [T], transform: @escaping (T) -> R) {
      self.items = items
      self.transform = transform
      results = [R?](repeating: nil, count: items.count)
    }
  }

  /// `PACT_THREADS` as a positive number, or nil when unset or not a positive integer.
  static let environmentThreads: Int? = {
    guard let text = ProcessInfo.processInfo.environment["PACT_THREADS"], let n = Int(text), n > 0 else { return nil }
    return n
  }()

  /// Caps the threads for work started inside `$threadOverride.withValue(n) { … }` (tests).
  @TaskLocal static var threadOverride: Int?

  /// The machine's active cores, read once: on Linux each read of
  /// `ProcessInfo.activeProcessorCount` opens and reads the cgroup's CPU quota and cpuset
  /// files, and the passes ask per layer (about 5 % of a 20-node solve's time went there).
  static let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)

  /// The most threads a map may use: the override, else `PACT_THREADS`, else every core.
  static var maximumThreads: Int {
    max(1, threadOverride ?? environmentThreads ?? cores)
  }

  static func map<T, R>(_ items: [T], _ transform: @escaping (T) -> R) -> [R] {
    let threads = min(maximumThreads, items.count)
    if threads < 2 { return items.map(transform) }
    let box = Box(items: items, transform: transform)
    box.results.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let out = buffer
      if threads >= cores {
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
          out[i] = box.transform(box.items[i])
        }
      } else {
        // Fewer threads than cores: one strided share of the items per thread.
        DispatchQueue.concurrentPerform(iterations: threads) { t in
          for i in stride(from: t, to: box.items.count, by: threads) { out[i] = box.transform(box.items[i]) }
        }
      }
    }
    return box.results.map { $0! }
  }
}
