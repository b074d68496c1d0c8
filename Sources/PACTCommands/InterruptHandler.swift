import Foundation

/// Turns Ctrl-C (SIGINT) and SIGTERM into a callback while a long command runs,
/// so solvers stop cleanly instead of the process dying mid-write.
///
/// Solvers poll their cancellation token between steps, but one step (sorting
/// millions of exact-solver labels in a debug build) can take seconds. So the
/// first signal calls `action` and starts a grace period; if the command is still
/// running `graceSeconds` later, or a second signal arrives, the process prints
/// "interrupted" and exits with code 130. Files are written with ``AtomicFile``,
/// so even then no half-written file replaces a user's file.
final class InterruptHandler: @unchecked Sendable {
  private var sources: [DispatchSourceSignal] = []
  /// Signals received so far (touched only on `queue`).
  private var received = 0
  private let queue = DispatchQueue(label: "pact.interrupt")

  /// How long a command may take to stop after the first signal.
  static let graceSeconds = 1.5

  static func install(_ action: @escaping @Sendable () -> Void) -> InterruptHandler {
    let handler = InterruptHandler()
    for sig in [SIGINT, SIGTERM] {
      signal(sig, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: sig, queue: handler.queue)
      source.setEventHandler { [handler] in handler.receive(action) }
      source.resume()
      handler.sources.append(source)
    }
    return handler
  }

  private func receive(_ action: @Sendable () -> Void) {
    received += 1
    if received > 1 { InterruptHandler.forceExit() }
    action()
    queue.asyncAfter(deadline: .now() + InterruptHandler.graceSeconds) { [self] in
      if !sources.isEmpty && !sources[0].isCancelled { InterruptHandler.forceExit() }
    }
  }

  private static func forceExit() -> Never {
    printError("pact: interrupted")
    exit(ExitCode.interrupted)
  }

  func uninstall() {
    queue.sync {
      for source in sources { source.cancel() }
    }
    signal(SIGINT, SIG_DFL)
    signal(SIGTERM, SIG_DFL)
  }
}
