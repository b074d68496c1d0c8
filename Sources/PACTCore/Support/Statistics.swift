/// The two small statistics every report of pact uses, defined once.
public enum Statistics {
  /// The median of `xs`; NaN when empty.
  public static func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
  }

  /// How much more `value` costs than `reference`, as a fraction: (value − reference) /
  /// reference, 0 within 1e-9 (a tie printed as +0.0 %, not −0.0 %). `reference` must be > 0.
  public static func relativeGap(_ value: Double, to reference: Double) -> Double {
    let g = (value - reference) / reference
    return abs(g) < 1e-9 ? 0 : g
  }
}
