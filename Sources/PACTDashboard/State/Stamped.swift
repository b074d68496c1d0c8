/// A background result stamped with the generation (the edit) it was computed for.
///
/// The one rule for taking results from the worker, written here once: a result is
/// accepted only while its generation is current (``AppState/accepts(_:)``), and a
/// stored one is shown only for the generation it was computed for (``current(_:)``);
/// after an edit, older results are never shown as if they were the new scenario's.
public struct Stamped<Value: Sendable>: Sendable {
  public let generation: Int
  public let value: Value

  public init(_ generation: Int, _ value: Value) {
    self.generation = generation
    self.value = value
  }

  /// The value, when it was computed for `generation`.
  public func current(_ generation: Int) -> Value? { self.generation == generation ? value : nil }
}

extension AppState {
  /// Whether a result computed for generation `g` may be taken now.
  public func accepts(_ g: Int) -> Bool { g == generation }
}
