/// A solve's wall-clock budget: a token that is cancelled when the budget runs out or
/// when the caller's own token is, so the solver polls one token and still knows which
/// of the two stopped it.
struct TimeBudget {
  /// The token the solve polls (nil without a budget: the caller's token serves).
  let token: CancellationToken?
  private let cancel: CancellationToken?

  /// A budget of `seconds` from `clock` (none when nil), following `cancel`.
  init(seconds: Double?, clock: ContinuousClock.Instant, cancel: CancellationToken?) {
    self.cancel = cancel
    token = seconds.map { CancellationToken(parent: cancel, deadline: clock + .seconds($0)) }
  }

  /// Whether the budget ran out (and not the caller's token).
  var ranOut: Bool { token?.isCancelled == true && cancel?.isCancelled != true }
}
