/// One terminal cell: a symbol and its style.
///
/// A two-column character (CJK, emoji) occupies its cell and the next one; the
/// next one is then a *continuation* cell that the terminal draws nothing into
/// (ratatui's `skip`), so every row keeps exactly one cell per column.
public struct Cell: Equatable, Sendable {
  public var symbol: Character
  public var style: Style
  /// The right half of a two-column character that starts in the cell to the left.
  public var isContinuation: Bool

  public init(_ symbol: Character = " ", style: Style = Style()) {
    self.symbol = symbol
    self.style = style
    isContinuation = false
  }

  /// The right half of a two-column character drawn in `style`.
  static func continuation(_ style: Style) -> Cell {
    var cell = Cell(" ", style: style)
    cell.isContinuation = true
    return cell
  }

  /// Whether this cell starts a two-column character.
  var isWide: Bool { !isContinuation && symbol.displayWidth == 2 }

  public static let blank = Cell()
}
