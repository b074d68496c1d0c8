/// One terminal cell: a symbol (one column wide) and its style.
public struct Cell: Equatable, Sendable {
  public var symbol: Character
  public var style: Style

  public init(_ symbol: Character = " ", style: Style = Style()) {
    self.symbol = symbol
    self.style = style
  }

  public static let blank = Cell()
}
