import Foundation
import Synchronization

/// Where a forward pass's layer expansion (``OptimumBound/forwardPass(lossBins:timeBins:incumbent:cancel:maxStates:threads:parallelStates:)``)
/// puts what it finds: for each range of decisions it enters (a state and a level), the
/// successors that survive the bound there, then the visit itself.
protocol ForwardSink {
  mutating func survivor(_ s: ForwardShare.Survivor)
  mutating func visit(_ v: ForwardShare.Visit)
}

/// The next layer of a forward pass, built state by state: one optimistic corner per cell
/// (the least loss, seconds and joules merged into it) and the successors counted. As a
/// sink it takes each survivor into its cell at once: the expansion over every state in
/// turn.
struct ForwardLayer: ForwardSink {
  var level: [Int] = []
  var loss: [Double] = []
  var seconds: [Double] = []
  var joules: [Double] = []
  var cells = CellIndex()
  var edges = 0

  /// Empties the layer (its successors counted too), keeping the storage.
  mutating func reset() {
    level.removeAll(keepingCapacity: true)
    loss.removeAll(keepingCapacity: true)
    seconds.removeAll(keepingCapacity: true)
    joules.removeAll(keepingCapacity: true)
    cells.reset()
    edges = 0
  }

  /// Merges a successor into its cell's corner (a new cell when none has it).
  @inline(__always)
  mutating func survivor(_ c: ForwardShare.Survivor) {
    let i = cells.index(of: c.cell, next: level.count)
    if i < level.count {
      loss[i] = min(loss[i], c.loss)
      seconds[i] = min(seconds[i], c.seconds)
      joules[i] = min(joules[i], c.joules)
    } else {
      level.append(Int(c.level))
      loss.append(c.loss)
      seconds.append(c.seconds)
      joules.append(c.joules)
    }
  }

  @inline(__always)
  mutating func visit(_ v: ForwardShare.Visit) { edges += v.successors }
}

/// What one share of a layer's states computed when the layer is split among threads,
/// for the pass to replay in turn: each range of decisions it entered (a *visit*) and
/// the successors that survived there.
///
/// A share works against the layer's bound lowered only by its own terminals, which is
/// never below the bound of the pass over every state in turn at the same state (each of
/// the share's terminals is either found in turn too or dropped there by a bound already
/// at or below it). The break rule of a range (a decision's joules, or its joules plus
/// the range's least need, at the bound) and every drop (the need reaches the bound) only
/// trigger sooner under a lower bound, so a share enters every range the pass in turn
/// enters, goes at least as far into it, and keeps every successor that pass keeps. The
/// replay (``ForwardLayer/replay(_:vertexJoules:vertexSeconds:epoch:deadline:bound:)``) then
/// goes as that pass: the same bound, the same successors counted, the same merges in the
/// same order — the same states, whatever the shares.
struct ForwardShare: ForwardSink {
  /// One range a share entered.
  struct Visit {
    var vertex: Int32
    /// The range of decision indices (sorted by joules).
    var lower: Int32
    var upper: Int32
    /// The least the range's successors still need (``PACTSolver/Run/leastNeed``).
    var floorNeed: Double
    /// The share's first terminal in the range (where it stopped), or −1.
    var terminal: Int32
    /// The end of the visit's survivors in ``survivors`` (they start where the visit before ends).
    var survivorsEnd: Int32
    /// The share's bound on entering the range, and the successors it computed and counted
    /// there: under the same bound, the pass in turn goes exactly as the share did.
    var bound: Double
    var successors: Int

    /// Where a pass in turn under `bound` leaves the range (the first decision whose joules,
    /// or joules plus the range's least need, reach it; `upper` when none does), and whether
    /// it stops at the share's terminal before that.
    @inline(__always)
    func stop(joules ve: Double, bound: Double, decisionJoules eJ: [Double]) -> (stop: Int, terminal: Bool) {
      var lo = Int(lower)
      var hi = Int(upper)
      while lo < hi {
        let mid = (lo + hi) / 2
        let e = ve + eJ[mid]
        if e >= bound || e + floorNeed >= bound { hi = mid } else { lo = mid + 1 }
      }
      return (lo, terminal >= 0 && Int(terminal) < lo)
    }
  }

  /// A successor the share kept: its decision, level, figures, need and cell.
  struct Survivor {
    var position: Int32
    var level: Int32
    var joules: Double
    var seconds: Double
    var loss: Double
    var need: Double
    var cell: Int
  }

  var visits: [Visit] = []
  var survivors: [Survivor] = []

  mutating func survivor(_ s: Survivor) { survivors.append(s) }
  mutating func visit(_ v: Visit) {
    var v = v
    v.survivorsEnd = Int32(survivors.count)
    visits.append(v)
  }
}

extension ForwardLayer {
  /// Takes in the shares' work as the pass over their states in turn would (see
  /// ``ForwardShare``), from the layer's bound; returns the bound after the layer.
  mutating func replay(
    _ shares: [ForwardShare], vertexJoules joules: [Double], vertexSeconds seconds: [Double], epoch: EpochDecisions,
    deadline D: Double, bound start: Double
  ) -> Double {
    var bound = start
    let eJ = epoch.joules
    let eS = epoch.seconds
    var lastVertex = -1
    var skipped = false
    for share in shares {
      var from = 0
      for visit in share.visits {
        let survivors = from..<Int(visit.survivorsEnd)
        from = survivors.upperBound
        let v = Int(visit.vertex)
        if v != lastVertex {
          lastVertex = v
          skipped = joules[v] >= bound
        }
        if skipped { continue }
        let ve = joules[v]
        let vs = seconds[v]
        let lower = Int(visit.lower)
        let upper = Int(visit.upper)
        guard ve + eJ[lower] < bound else { continue }
        // Under the share's own bound (most visits: terminals are rare) the pass goes as the share did.
        let same = visit.bound == bound
        let (stop, terminal) =
          same ? (upper, visit.terminal >= 0) : visit.stop(joules: ve, bound: bound, decisionJoules: eJ)
        let end = terminal ? Int(visit.terminal) + 1 : stop
        if same {
          edges += visit.successors
        } else {
          for ei in lower..<end where vs + eS[ei] <= D { edges += 1 }
          if !terminal, stop < upper, ve + eJ[stop] < bound {
            // Past the range's floor: counted, not computed.
            edges += PACTSolver.Run.withinDeadline(
              range: stop..<upper, epoch, from: (ve, vs), bound: bound, deadline: D)
          }
        }
        for q in survivors {
          let c = share.survivors[q]
          if Int(c.position) >= end { break }
          if !same && c.joules + c.need >= bound { continue }
          survivor(c)
        }
        if terminal { bound = ve + eJ[Int(visit.terminal)] }
      }
    }
    return bound
  }
}

/// How many shares a forward pass beside a PACT pass splits its next layer into, read
/// before each layer: one while that pass runs (it has the other cores), every core's
/// once the solve waits for the proof. Whatever the shares, the same bound, states and
/// successors (``ForwardShare``), so the timing cannot change a solve.
final class ForwardThreads: Sendable {
  private let waited = Atomic<Bool>(false)

  /// The shares of a forward pass with every core to itself: twice the threads (shares
  /// finish unevenly), one without a second thread.
  static var everyCore: Int {
    let cores = min(ParallelMap.maximumThreads, 8)
    return cores > 1 ? 2 * cores : 1
  }

  /// The solve has stopped to wait for the proof.
  func solveWaits() { waited.store(true, ordering: .releasing) }

  var current: Int { waited.load(ordering: .acquiring) ? ForwardThreads.everyCore : 1 }
}
