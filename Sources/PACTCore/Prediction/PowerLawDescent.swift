import Foundation

/// One epoch of x = ℓ − ℓ∞ following dx/dt = −ρ · |x|^κ · sign(x), in closed form:
/// |x'| = max(0, |x|^(1−κ) − (1−κ) · ρ)^(1/(1−κ)), sign kept; κ = 1 is exp(−ρ) (pact-v1).
/// Shared by the forms with curvature (pact-v2: one κ; pact-v3: κ per level).
///
/// The map is non-decreasing in x and, for x > 0, non-increasing in ρ (non-decreasing
/// in the factor exp(−ρ)); for x < 0 the reverse — the properties the solvers rely on.
enum PowerLawDescent {
  /// The loss after one epoch from the shocked loss `l`, toward `floor`, with epoch factor
  /// exp(−ρ) = `factor` and 1 − κ = `oneMinusKappa` (0 for κ = 1).
  @inline(__always)
  static func step(from l: Double, floor lInf: Double, factor: Double, oneMinusKappa c: Double) -> Double {
    step(
      from: l, floor: lInf, factor: factor, logFactor: log(factor), base: base(from: l, floor: lInf, oneMinusKappa: c),
      oneMinusKappa: c)
  }

  /// |x|^(1−κ) of the shocked loss `l`: what every descent from it shares (0 when unused).
  @inline(__always)
  static func base(from l: Double, floor lInf: Double, oneMinusKappa c: Double) -> Double {
    let x = l - lInf
    return c == 0 || x == 0 ? 0 : pow(abs(x), c)
  }

  /// ``step(from:floor:factor:oneMinusKappa:)`` given ``base(from:floor:oneMinusKappa:)``
  /// and ln(factor): the same number, without recomputing what the descents share.
  @inline(__always)
  static func step(
    from l: Double, floor lInf: Double, factor: Double, logFactor: Double, base: Double, oneMinusKappa c: Double
  ) -> Double {
    let x = l - lInf
    if c == 0 || x == 0 { return lInf + x * factor }
    if factor == 1 { return l }
    let rho = factor > 0 ? -logFactor : Double.infinity
    let b = base - c * rho
    let moved: Double
    if c > 0 {
      moved = b > 0 ? pow(b, 1 / c) : 0
    } else {
      // κ > 1: |x|^(1−κ) grows as |x| shrinks; b > 0 always, and a larger b means a smaller |x'|.
      moved = b.isFinite ? pow(b, 1 / c) : 0
    }
    return x > 0 ? lInf + moved : lInf - moved
  }
}
