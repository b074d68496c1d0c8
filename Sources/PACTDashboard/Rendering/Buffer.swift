/// A rectangle of cells in row-major order: what views draw into and what the
/// terminal diffs against the previous frame.
public struct Buffer: Equatable, Sendable {
  public private(set) var area: Rect
  public private(set) var cells: [Cell]

  public init(width: Int, height: Int) {
    area = Rect(x: 0, y: 0, width: width, height: height)
    cells = Array(repeating: .blank, count: max(0, width) * max(0, height))
  }

  @inline(__always)
  func index(_ x: Int, _ y: Int) -> Int? {
    guard x >= 0, y >= 0, x < area.width, y < area.height else { return nil }
    return y * area.width + x
  }

  /// The cell at (x, y), or nil out of range.
  public func cell(x: Int, y: Int) -> Cell? {
    guard let i = index(x, y) else { return nil }
    return cells[i]
  }

  /// The cell at (x, y); traps out of range (for callers that checked the area).
  public subscript(x: Int, y: Int) -> Cell {
    get { cells[y * area.width + x] }
    set { cells[y * area.width + x] = newValue }
  }

  /// Sets one cell; ignores positions outside the buffer or the `clip` rectangle.
  public mutating func set(x: Int, y: Int, _ symbol: Character, _ style: Style, clip: Rect? = nil) {
    if let clip, !clip.contains(x: x, y: y) { return }
    guard let i = index(x, y) else { return }
    cells[i] = Cell(symbol, style: style)
  }

  /// Changes the style of one cell, keeping its symbol.
  public mutating func setStyle(x: Int, y: Int, _ style: Style) {
    guard let i = index(x, y) else { return }
    cells[i].style = style
  }

  /// Fills a rectangle with a symbol in a style.
  public mutating func fill(_ rect: Rect, _ symbol: Character = " ", _ style: Style) {
    for y in rect.y..<rect.bottom {
      for x in rect.x..<rect.right { set(x: x, y: y, symbol, style) }
    }
  }

  /// Writes `text` from (x, y), one character per cell, stopping at `maxWidth`
  /// columns (or the buffer edge). Returns the column after the last one written.
  @discardableResult
  public mutating func write(_ text: String, x: Int, y: Int, _ style: Style, maxWidth: Int = .max) -> Int {
    var cx = x
    let limit = maxWidth == .max ? area.width : min(area.width, x + max(0, maxWidth))
    for ch in text {
      if cx >= limit { break }
      set(x: cx, y: y, ch, style)
      cx += 1
    }
    return cx
  }

  /// Writes `text` into one row of `rect` (relative row `row`), clipped to its width.
  @discardableResult
  public mutating func write(_ text: String, in rect: Rect, row: Int = 0, column: Int = 0, _ style: Style) -> Int {
    guard row >= 0, row < rect.height, column < rect.width else { return rect.x + column }
    return write(text, x: rect.x + column, y: rect.y + row, style, maxWidth: rect.width - column)
  }

  /// The text of the buffer, one line per row, trailing spaces kept (the snapshot format).
  public var text: String {
    var lines: [String] = []
    lines.reserveCapacity(area.height)
    for y in 0..<area.height {
      var line = ""
      for x in 0..<area.width { line.append(cells[y * area.width + x].symbol) }
      lines.append(line)
    }
    return lines.joined(separator: "\n")
  }

  /// The positions whose cells differ from `previous` (all of them when sizes differ).
  public func changes(from previous: Buffer?) -> [(x: Int, y: Int, cell: Cell)] {
    var out: [(x: Int, y: Int, cell: Cell)] = []
    let same = previous.map { $0.area == area } ?? false
    for y in 0..<area.height {
      for x in 0..<area.width {
        let i = y * area.width + x
        if !same || previous?.cells[i] != cells[i] { out.append((x, y, cells[i])) }
      }
    }
    return out
  }
}

extension Buffer: CustomStringConvertible {
  public var description: String { text }
}
