import Foundation

/// Box-constrained Levenberg–Marquardt least squares: minimizes ½ Σ r_i(x)² over
/// lower ≤ x ≤ upper with a forward-difference Jacobian.
///
/// Written in Swift rather than bound to GSL or MINPACK: the problems here have
/// about ten unknowns and a few thousand residuals, so the dense normal
/// equations (JᵀJ + λ·diag(JᵀJ)) δ = −Jᵀr are tiny, and a package with no
/// system dependencies builds everywhere. Bounds are kept by projecting each
/// trial point onto the box (a projected LM step), which is enough for the
/// loose physical bounds of loss coefficients. Multi-start is the caller's.
public struct LevenbergMarquardt: Sendable {
  public var lower: [Double]
  public var upper: [Double]
  /// Most Jacobian evaluations (outer iterations).
  public var maxIterations: Int
  /// Stop when a step lowers the cost by less than this fraction.
  public var relativeTolerance: Double

  /// A bounded Levenberg–Marquardt minimiser with its stopping rules.
  public init(lower: [Double], upper: [Double], maxIterations: Int = 200, relativeTolerance: Double = 1e-7) {
    self.lower = lower
    self.upper = upper
    self.maxIterations = maxIterations
    self.relativeTolerance = relativeTolerance
  }

  /// The outcome of one minimization.
  public struct Result: Sendable {
    public var x: [Double]
    /// ½ Σ r_i² at `x`.
    public var cost: Double
    public var iterations: Int
    public var evaluations: Int
  }

  /// Minimizes from `start`. `residuals(x, &r)` fills r (its length is fixed by
  /// `count`); non-finite residuals make a point unacceptable.
  public func minimize(
    start: [Double], count m: Int, cancel: CancellationToken? = nil,
    residuals: (_ x: [Double], _ r: inout [Double]) -> Void
  ) -> Result {
    let n = start.count
    var x = project(start)
    var r = [Double](repeating: 0, count: m)
    var trial = [Double](repeating: 0, count: m)
    var evaluations = 1
    residuals(x, &r)
    var cost = halfSquares(r)
    var lambda = 1e-3
    var jacobian = [Double](repeating: 0, count: m * n)  // column-major: column i at i*m
    var iterations = 0
    var stalls = 0
    while iterations < maxIterations, cost.isFinite, cost > 0 {
      if cancel?.isCancelled == true { break }
      iterations += 1
      // Forward-difference Jacobian, stepping inward at an upper bound.
      for i in 0..<n {
        var xi = x
        var h = 1e-6 * max(abs(x[i]), 1e-3)
        if xi[i] + h > upper[i] { h = -h }
        xi[i] += h
        residuals(xi, &trial)
        evaluations += 1
        for k in 0..<m { jacobian[i * m + k] = (trial[k] - r[k]) / h }
      }
      // Normal equations A = JᵀJ, g = Jᵀr.
      var a = [Double](repeating: 0, count: n * n)
      var g = [Double](repeating: 0, count: n)
      jacobian.withUnsafeBufferPointer { jb in
        for i in 0..<n {
          var gi = 0.0
          for k in 0..<m { gi += jb[i * m + k] * r[k] }
          g[i] = gi
          for j in i..<n {
            var s = 0.0
            for k in 0..<m { s += jb[i * m + k] * jb[j * m + k] }
            a[i * n + j] = s
            a[j * n + i] = s
          }
        }
      }
      guard g.allSatisfy(\.isFinite), a.allSatisfy(\.isFinite) else { break }
      var improved = false
      var tries = 0
      while tries < 12 {
        tries += 1
        var damped = a
        for i in 0..<n { damped[i * n + i] += lambda * max(a[i * n + i], 1e-12) }
        guard let step = Self.solve(damped, g.map { -$0 }, n) else {
          lambda *= 10
          continue
        }
        var candidate = x
        for i in 0..<n { candidate[i] += step[i] }
        candidate = project(candidate)
        residuals(candidate, &trial)
        evaluations += 1
        let trialCost = halfSquares(trial)
        if trialCost.isFinite, trialCost < cost {
          let gain = (cost - trialCost) / cost
          x = candidate
          swap(&r, &trial)
          cost = trialCost
          lambda = max(lambda / 3, 1e-12)
          improved = true
          stalls = gain < relativeTolerance ? stalls + 1 : 0
          break
        }
        lambda *= 8
        if lambda > 1e12 { break }
      }
      if !improved || stalls >= 3 { break }
    }
    return Result(x: x, cost: cost, iterations: iterations, evaluations: evaluations)
  }

  /// x clamped into [lower, upper].
  public func project(_ x: [Double]) -> [Double] {
    var y = x
    for i in y.indices { y[i] = min(max(y[i], lower[i]), upper[i]) }
    return y
  }

  private func halfSquares(_ r: [Double]) -> Double {
    var s = 0.0
    for v in r { s += v * v }
    return s.isFinite ? 0.5 * s : .infinity
  }

  /// Solves the n×n system A x = b by Gaussian elimination with partial pivoting; nil when singular.
  static func solve(_ a: [Double], _ b: [Double], _ n: Int) -> [Double]? {
    var m = a
    var v = b
    for col in 0..<n {
      var pivot = col
      for row in (col + 1)..<max(col + 1, n) where abs(m[row * n + col]) > abs(m[pivot * n + col]) { pivot = row }
      guard abs(m[pivot * n + col]) > 1e-300 else { return nil }
      if pivot != col {
        for k in 0..<n { m.swapAt(col * n + k, pivot * n + k) }
        v.swapAt(col, pivot)
      }
      for row in (col + 1)..<max(col + 1, n) {
        let f = m[row * n + col] / m[col * n + col]
        if f == 0 { continue }
        for k in col..<n { m[row * n + k] -= f * m[col * n + k] }
        v[row] -= f * v[col]
      }
    }
    var x = [Double](repeating: 0, count: n)
    for row in stride(from: n - 1, through: 0, by: -1) {
      var s = v[row]
      for k in (row + 1)..<max(row + 1, n) { s -= m[row * n + k] * x[k] }
      x[row] = s / m[row * n + row]
    }
    return x.allSatisfy(\.isFinite) ? x : nil
  }
}
