import Foundation

/// A solve's wall-clock budget: a token that a watchdog cancels when the budget runs
/// out or when the caller's own token is cancelled, so the solver polls one token and
/// still knows which of the two stopped it.
final class TimeBudget {
  /// The token the solve polls (nil without a budget: the caller's token serves).
  let token: CancellationToken?
  /// Cancelled when the budget ran out (a token is a thread-safe flag).
  private let expired = CancellationToken()
  private let timer: (any DispatchSourceTimer)?

  /// A budget of `seconds` from `clock` (none when nil), following `cancel`.
  init(seconds: Double?, clock: ContinuousClock.Instant, cancel: CancellationToken?) {
    guard let seconds else {
      token = nil
      timer = nil
      return
    }
    let inner = CancellationToken()
    token = inner
    let source = DispatchSource.makeTimerSource(queue: .global())
    timer = source
    source.schedule(deadline: .now(), repeating: .milliseconds(5))
    let expired = self.expired
    source.setEventHandler {
      if cancel?.isCancelled == true { inner.cancel() }
      if (ContinuousClock.now - clock).seconds > seconds {
        expired.cancel()
        inner.cancel()
      }
    }
    source.resume()
  }

  /// Whether the budget ran out.
  var ranOut: Bool { expired.isCancelled }

  /// Stops the watchdog.
  func stop() { timer?.cancel() }

  deinit { timer?.cancel() }
}
