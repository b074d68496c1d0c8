import Foundation

/// Logs keystroke-to-new-plan-on-screen latency: for each edit, the time from
/// reading the key to flushing the first frame that shows that edit's plan.
/// Enabled by `PACT_TRACE_LATENCY=FILE`; one line per edit: `generation ms`.
public final class LatencyTrace {
  private let handle: FileHandle?
  private var started: [Int: UInt64] = [:]
  public private(set) var samples: [Double] = []

  public init(path: String?) {
    if let path, !path.isEmpty {
      _ = FileManager.default.createFile(atPath: path, contents: nil)
      handle = FileHandle(forWritingAtPath: path)
    } else {
      handle = nil
    }
  }

  public var isEnabled: Bool { handle != nil }

  public static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

  /// An edit read at `time` started a solve for `generation`.
  public func began(generation: Int, at time: UInt64) {
    guard isEnabled else { return }
    started[generation] = time
  }

  /// A frame showing `generation`'s plan was flushed; logs and forgets older edits.
  public func shown(generation: Int) {
    guard isEnabled, let t0 = started[generation] else { return }
    let ms = Double(LatencyTrace.now() - t0) / 1e6
    samples.append(ms)
    handle?.write(Data("\(generation) \(String(format: "%.2f", ms))\n".utf8))
    started = started.filter { $0.key > generation }
  }
}
