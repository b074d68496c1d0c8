/// An inclusive range of epochs (1-based) in which a node can train.
public struct EpochWindow: Equatable, Hashable, Sendable {
  public var first: Int
  public var last: Int
  /// The epochs `first` … `last` (1-based, inclusive).
  public init(_ first: Int, _ last: Int) {
    self.first = first
    self.last = last
  }
  /// Whether `epoch` is in the window.
  public func contains(_ epoch: Int) -> Bool { epoch >= first && epoch <= last }
}
