import Foundation

/// Logs keystroke-to-new-plan-on-screen latency: for each edit, the time from
/// reading the key to flushing the first frame that shows that edit's plan.
/// Enabled by `PACT_TRACE_LATENCY=FILE`; one line per shown plan:
/// `generation draft|full milliseconds solve-milliseconds` (a draft, when the
/// solver makes one, comes first; the full plan's line closes the edit).
public final class LatencyTrace {
  private let handle: FileHandle?
  private var started: [Int: UInt64] = [:]
  private var draftLogged: Set<Int> = []
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

  /// A frame showing `generation`'s plan (a draft or the full one) was flushed;
  /// logs it, and after the full plan forgets this and older edits.
  public func shown(generation: Int, draft: Bool, solveSeconds: Double) {
    guard isEnabled, let t0 = started[generation] else { return }
    if draft && draftLogged.contains(generation) { return }
    let ms = Double(LatencyTrace.now() - t0) / 1e6
    let line =
      "\(generation) \(draft ? "draft" : "full") \(String(format: "%.2f", ms)) \(String(format: "%.2f", solveSeconds * 1000))\n"
    handle?.write(Data(line.utf8))
    if draft {
      draftLogged.insert(generation)
    } else {
      samples.append(ms)
      started = started.filter { $0.key > generation }
      draftLogged = draftLogged.filter { $0 > generation }
    }
  }
}
