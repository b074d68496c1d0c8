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
  ///
  /// A two-column symbol also takes the next cell (a continuation); one that does not
  /// fit before the edge (or the clip) is drawn as a space. Overwriting half of a
  /// two-column character blanks its other half, so the terminal never shows a
  /// broken one. Zero-width symbols are ignored.
  public mutating func set(x: Int, y: Int, _ symbol: Character, _ style: Style, clip: Rect? = nil) {
    if let clip, !clip.contains(x: x, y: y) { return }
    guard let i = index(x, y) else { return }
    let width = symbol.displayWidth
    if width == 0 { return }
    breakWideCharacter(at: x, y)
    if width == 2 {
      let fits = x + 1 < area.width && (clip?.contains(x: x + 1, y: y) ?? true)
      guard fits else {
        cells[i] = Cell(" ", style: style)
        return
      }
      breakWideCharacter(at: x + 1, y)
      cells[i] = Cell(symbol, style: style)
      cells[i + 1] = .continuation(style)
      return
    }
    cells[i] = Cell(symbol, style: style)
  }

  /// Blanks the other half of a two-column character that (x, y) is part of.
  private mutating func breakWideCharacter(at x: Int, _ y: Int) {
    guard let i = index(x, y) else { return }
    if cells[i].isContinuation {
      if x > 0 { cells[i - 1] = Cell(" ", style: cells[i - 1].style) }
      cells[i] = Cell(" ", style: cells[i].style)
    } else if cells[i].isWide, x + 1 < area.width {
      cells[i + 1] = Cell(" ", style: cells[i + 1].style)
      cells[i] = Cell(" ", style: cells[i].style)
    }
  }

  /// Fills a rectangle with a symbol in a style.
  public mutating func fill(_ rect: Rect, _ symbol: Character = " ", _ style: Style) {
    for y in rect.y..<rect.bottom {
      for x in rect.x..<rect.right { set(x: x, y: y, symbol, style) }
    }
  }

  /// Writes `text` from (x, y) by display width (two columns for CJK and emoji, none
  /// for combining marks), within `maxWidth` columns (and the buffer edge). Text that
  /// does not fit is cut and ends with `…`. Returns the column after the last one written.
  @discardableResult
  public mutating func write(_ text: String, x: Int, y: Int, _ style: Style, maxWidth: Int = .max) -> Int {
    var cx = x
    let limit = maxWidth == .max ? area.width : min(area.width, x + max(0, maxWidth))
    guard limit > x else { return x }
    let shown = text.displayWidth > limit - x ? text.truncated(toWidth: limit - x) : text
    for ch in shown {
      let w = ch.displayWidth
      if w == 0 { continue }
      if cx + w > limit { break }
      set(x: cx, y: y, ch, style)
      cx += w
    }
    return cx
  }

  /// Writes `text` into one row of `rect` (relative row `row`), clipped to its width.
  @discardableResult
  public mutating func write(_ text: String, in rect: Rect, row: Int = 0, column: Int = 0, _ style: Style) -> Int {
    guard row >= 0, row < rect.height, column < rect.width else { return rect.x + column }
    return write(text, x: rect.x + column, y: rect.y + row, style, maxWidth: rect.width - column)
  }

  /// The text of the buffer, one line per row, trailing spaces kept (the snapshot format);
  /// a two-column character stands for both its cells.
  public var text: String {
    var lines: [String] = []
    lines.reserveCapacity(area.height)
    for y in 0..<area.height {
      var line = ""
      for x in 0..<area.width where !cells[y * area.width + x].isContinuation {
        line.append(cells[y * area.width + x].symbol)
      }
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
