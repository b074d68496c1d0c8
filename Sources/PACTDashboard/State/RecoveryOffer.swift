import PACTCore

/// A recovery file found beside a file being opened (`NAME.recovered.json`, left by a
/// signal that ended an earlier session), newer than the file: offered, never applied
/// or ignored silently.
public struct RecoveryOffer: Equatable, Sendable {
  /// The recovery file.
  public var path: String
  /// The file it recovers edits of.
  public var file: String
  /// What the recovery file holds.
  public var recovered: Scenario

  public init(path: String, file: String, recovered: Scenario) {
    self.path = path
    self.file = file
    self.recovered = recovered
  }

  /// What differs from `original` (the file), one short line per value: path, old → new.
  public func differences(from original: Scenario) -> [String] { recovered.differences(from: original) }
}
