import Foundation

extension PACTSolver {
  /// One relaxed forward pass of the proven bound (``OptimumBound/forwardPass(lossBins:timeBins:incumbent:cancel:maxStates:threads:parallelStates:)``)
  /// and its time.
  struct ForwardProof {
    let bound: Double?
    let states: Int
    let edges: Int
    let seconds: Double

    /// - Parameter threads: the shares its large layers are split into, read before each
    ///   layer (``ForwardShare``, ``ForwardThreads``; the same bound, states and successors
    ///   as one).
    init(
      _ prover: OptimumBound, lossBins: Int, timeBins: Int, incumbent: Double?, cancel: CancellationToken?,
      threads: () -> Int = { 1 }
    ) {
      let clock = ContinuousClock.now
      let found = prover.forwardPass(
        lossBins: lossBins, timeBins: timeBins, incumbent: incumbent ?? .infinity, cancel: cancel, threads: threads)
      (bound, states, edges) = found
      seconds = (ContinuousClock.now - clock).seconds
    }
  }

  /// The proven lower bound of a solve and its stop rule.
  struct Prover {
    let tolerance: Double
    var bound: OptimumBound? = nil
    /// Whether the relaxed forward passes run (only when they are tight: ``OptimumBound/isExhaustive``).
    var forwardPasses = false
    /// Successors the last forward pass computed.
    var lastForwardEdges: Int? = nil
    /// The best lower bound so far (0: nothing proven; infinity: no plan is feasible).
    var lower = 0.0

    mutating func raise(_ b: Double) { if b > lower { lower = b } }

    /// Whether `joules` (the incumbent's) is proven within the tolerance, or no plan can exist.
    func isProven(_ joules: Double?) -> Bool {
      guard let joules else { return lower == .infinity }
      guard lower > 0 else { return joules <= 0 }
      return joules / lower - 1 <= tolerance * (1 + 1e-12)
    }
  }
}
