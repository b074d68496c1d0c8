import Foundation
import PACTCore

/// A one-line progress indicator on standard error while a long command runs: what is
/// being done, how many steps of how many, and the time elapsed. Drawn only when
/// standard error is a terminal (nothing extra in pipes or CI), redrawn every 0.2 s,
/// and erased when the work ends.
final class ProgressLine: @unchecked Sendable {
  let progress: WorkProgress
  private let enabled: Bool
  private let started = ContinuousClock.now
  private var timer: DispatchSourceTimer?
  private let queue = DispatchQueue(label: "pact.progress")

  /// - Parameter task: what is being done, until the computation says more.
  init(task: String, total: Int = 0, progress: WorkProgress? = nil) {
    self.progress = progress ?? WorkProgress(task: task, total: total)
    if progress != nil { self.progress.update(task: task, done: 0, total: total) }
    enabled = isatty(2) == 1
  }

  /// Starts redrawing.
  func start() {
    guard enabled else { return }
    let timer = DispatchSource.makeTimerSource(queue: queue)
    timer.schedule(deadline: .now() + 0.2, repeating: 0.2)
    timer.setEventHandler { [weak self] in self?.draw() }
    timer.resume()
    self.timer = timer
  }

  private func draw() {
    let r = progress.reading
    let elapsed = (ContinuousClock.now - started).seconds
    var line = "\(r.task)"
    if r.total > 0 { line += " \(r.done)/\(r.total)" } else if r.done > 0 { line += " \(r.done)" }
    line += " · \(Format.seconds(elapsed))"
    FileHandle.standardError.write(Data("\r\(line)\u{1B}[K".utf8))
  }

  /// Stops and erases the line.
  func finish() {
    guard enabled else { return }
    queue.sync {
      timer?.cancel()
      timer = nil
      FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
  }
}
