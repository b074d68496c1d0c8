/// A rectangle of terminal cells: origin at the top left, x to the right, y down.
public struct Rect: Equatable, Hashable, Sendable {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int

  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }

  public var isEmpty: Bool { width <= 0 || height <= 0 }
  public var right: Int { x + width }
  public var bottom: Int { y + height }

  public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < right && py >= y && py < bottom }

  /// The rectangle shrunk by `margin` cells on every side.
  public func inset(_ margin: Int) -> Rect {
    Rect(x: x + margin, y: y + margin, width: width - 2 * margin, height: height - 2 * margin)
  }

  /// Splits off the top `rows` rows: (top, rest).
  public func splitTop(_ rows: Int) -> (Rect, Rect) {
    let h = min(max(0, rows), height)
    return (Rect(x: x, y: y, width: width, height: h), Rect(x: x, y: y + h, width: width, height: height - h))
  }

  /// Splits off the bottom `rows` rows: (rest, bottom).
  public func splitBottom(_ rows: Int) -> (Rect, Rect) {
    let h = min(max(0, rows), height)
    return (Rect(x: x, y: y, width: width, height: height - h), Rect(x: x, y: bottom - h, width: width, height: h))
  }

  /// Splits off the left `columns` columns: (left, rest).
  public func splitLeft(_ columns: Int) -> (Rect, Rect) {
    let w = min(max(0, columns), width)
    return (Rect(x: x, y: y, width: w, height: height), Rect(x: x + w, y: y, width: width - w, height: height))
  }

  /// One row of this rectangle (relative index), empty when out of range.
  public func row(_ i: Int) -> Rect {
    guard i >= 0, i < height else { return Rect(x: x, y: y, width: 0, height: 0) }
    return Rect(x: x, y: y + i, width: width, height: 1)
  }

  /// A rectangle of `w`×`h` centred in this one (clamped to fit).
  public func centered(width w: Int, height h: Int) -> Rect {
    let cw = min(w, width)
    let ch = min(h, height)
    return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
  }
}
