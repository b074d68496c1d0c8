/// A dot grid drawn with braille characters: each cell holds 2×4 dots
/// (U+2800 + mask), so a w×h cell area has 2w×4h dots. Each cell keeps the
/// colour (and dimness) of the last dot set in it.
public struct BrailleCanvas: Sendable {
  public let width: Int
  public let height: Int
  private var masks: [UInt8]
  private var colors: [Color?]
  private var dims: [Bool]

  /// Bits of the dot at (column dx, row dy) inside a cell.
  static let bits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]

  /// A canvas of `width`×`height` cells.
  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    masks = Array(repeating: 0, count: self.width * self.height)
    colors = Array(repeating: nil, count: self.width * self.height)
    dims = Array(repeating: false, count: self.width * self.height)
  }

  public var dotWidth: Int { width * 2 }
  public var dotHeight: Int { height * 4 }

  /// Sets the dot at (x, y) (y = 0 is the top row); ignores dots outside.
  public mutating func set(_ x: Int, _ y: Int, color: Color, dim: Bool = false) {
    guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
    let i = (y / 4) * width + x / 2
    masks[i] |= BrailleCanvas.bits[y % 4][x % 2]
    colors[i] = color
    dims[i] = dim
  }

  /// Draws a straight line of dots from (x0, y0) to (x1, y1) (Bresenham).
  public mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, color: Color, dim: Bool = false) {
    var x = x0
    var y = y0
    let dx = abs(x1 - x0)
    let dy = -abs(y1 - y0)
    let sx = x0 < x1 ? 1 : -1
    let sy = y0 < y1 ? 1 : -1
    var err = dx + dy
    var steps = 0
    while steps < 100_000 {
      set(x, y, color: color, dim: dim)
      if x == x1 && y == y1 { break }
      let e2 = 2 * err
      if e2 >= dy {
        err += dy
        x += sx
      }
      if e2 <= dx {
        err += dx
        y += sy
      }
      steps += 1
    }
  }

  /// The character of cell (cx, cy), or nil when no dot is set there.
  public func symbol(_ cx: Int, _ cy: Int) -> Character? {
    let m = masks[cy * width + cx]
    guard m != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(m)) else { return nil }
    return Character(scalar)
  }

  /// Copies the set cells into `buffer` at `origin`, in their colours over `background`.
  public func draw(into buffer: inout Buffer, at area: Rect, base: Style) {
    for cy in 0..<min(height, area.height) {
      for cx in 0..<min(width, area.width) {
        guard let s = symbol(cx, cy) else { continue }
        var style = base.fg(colors[cy * width + cx] ?? base.fg)
        if dims[cy * width + cx] { style.modifiers.insert(.dim) }
        buffer.set(x: area.x + cx, y: area.y + cy, s, style)
      }
    }
  }
}
