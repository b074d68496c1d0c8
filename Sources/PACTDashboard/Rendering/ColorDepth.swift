/// How many colours the terminal shows, and how an RGB colour is reduced to them.
public enum ColorDepth: Equatable, Sendable {
  /// No colour: only attributes (used for `NO_COLOR` and monochrome terminals).
  case none
  /// The eight ANSI colours.
  case ansi8
  /// The xterm 256-colour palette (6×6×6 cube plus a grey ramp).
  case palette256

  /// The depth for a terminal that reports `colors` colours.
  public static func forTerminal(colors: Int) -> ColorDepth {
    if colors >= 256 { return .palette256 }
    if colors >= 8 { return .ansi8 }
    return .none
  }

  /// The palette index for `color`, or -1 for the terminal default (and for `.none`).
  public func index(of color: Color) -> Int {
    guard case .rgb(let r, let g, let b) = color else { return -1 }
    switch self {
    case .none: return -1
    case .ansi8: return ColorDepth.nearestANSI(Int(r), Int(g), Int(b))
    case .palette256: return ColorDepth.nearest256(Int(r), Int(g), Int(b))
    }
  }

  static let cubeLevels = [0, 95, 135, 175, 215, 255]

  /// The nearest entry of the 6×6×6 cube or the 24-step grey ramp (indices 16…255).
  static func nearest256(_ r: Int, _ g: Int, _ b: Int) -> Int {
    func level(_ v: Int) -> Int {
      var best = 0
      for (i, l) in cubeLevels.enumerated() where abs(l - v) < abs(cubeLevels[best] - v) { best = i }
      return best
    }
    let (ri, gi, bi) = (level(r), level(g), level(b))
    let cube = (cubeLevels[ri], cubeLevels[gi], cubeLevels[bi])
    let cubeIndex = 16 + 36 * ri + 6 * gi + bi
    let grey = (r + g + b) / 3
    let greyStep = max(0, min(23, (grey - 8 + 5) / 10))
    let greyValue = 8 + 10 * greyStep
    func distance(_ a: (Int, Int, Int)) -> Int {
      let (dr, dg, db) = (a.0 - r, a.1 - g, a.2 - b)
      return dr * dr + dg * dg + db * db
    }
    return distance((greyValue, greyValue, greyValue)) < distance(cube) ? 232 + greyStep : cubeIndex
  }

  /// The nearest of the eight ANSI colours (0 black … 7 white) by hue and brightness.
  static func nearestANSI(_ r: Int, _ g: Int, _ b: Int) -> Int {
    // Greys go to black or white by brightness, not to the nearest hue.
    if max(r, g, b) - min(r, g, b) < 48 { return (r + g + b) / 3 >= 128 ? 7 : 0 }
    let palette = [
      (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
    ]
    var best = 0
    var bestDistance = Int.max
    for (i, p) in palette.enumerated() {
      let (dr, dg, db) = (p.0 - r, p.1 - g, p.2 - b)
      let d = dr * dr + dg * dg + db * db
      if d < bestDistance {
        best = i
        bestDistance = d
      }
    }
    return best
  }
}
