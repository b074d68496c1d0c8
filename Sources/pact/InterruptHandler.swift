import Foundation

/// Turns Ctrl-C (SIGINT) and SIGTERM into a callback while a long command runs,
/// so solvers stop cleanly instead of the process dying mid-write.
final class InterruptHandler: @unchecked Sendable {
  private var sources: [DispatchSourceSignal] = []

  static func install(_ action: @escaping @Sendable () -> Void) -> InterruptHandler {
    let handler = InterruptHandler()
    for sig in [SIGINT, SIGTERM] {
      signal(sig, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
      source.setEventHandler(handler: action)
      source.resume()
      handler.sources.append(source)
    }
    return handler
  }

  func uninstall() {
    for source in sources { source.cancel() }
    signal(SIGINT, SIG_DFL)
    signal(SIGTERM, SIG_DFL)
  }
}
