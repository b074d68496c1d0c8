/// The approximation knobs of the PACT solver (the scenario's `solver` section).
///
/// Every knob is declared once, in ``table``: its key path, name, default, range,
/// one-line help and what "finer" means. Decoding, encoding, validation, the command
/// line's `--KNOB N` options, `pact sweep`, the dashboard's knob rows and the help all
/// read the table. Every knob refines as it grows.
public struct SolverKnobs: Equatable, Sendable {
  /// Loss buckets per level in each layer of the graph.
  public var lossBins: Int
  /// Time buckets per level in each layer of the graph.
  public var timeBins: Int
  /// Largest node set the greedy candidate chains grow.
  public var maxSetSize: Int
  /// How many epoch-time caps the candidate generator tries per epoch and level.
  public var timeCaps: Int
  /// Up to this many available nodes, every subset is a candidate (Pareto-filtered).
  public var exhaustiveNodes: Int
  /// States kept per bucket, so rounding does not always favour the cheaper state that
  /// learned less.
  public var bucketStates: Int

  /// Knobs at the table's defaults, with any given value replaced.
  public init(
    lossBins: Int? = nil, timeBins: Int? = nil, maxSetSize: Int? = nil, timeCaps: Int? = nil,
    exhaustiveNodes: Int? = nil, bucketStates: Int? = nil
  ) {
    func d(_ name: String) -> Int { SolverKnobs.table.first { $0.name == name }?.defaultValue ?? 1 }
    self.lossBins = lossBins ?? d("lossBins")
    self.timeBins = timeBins ?? d("timeBins")
    self.maxSetSize = maxSetSize ?? d("maxSetSize")
    self.timeCaps = timeCaps ?? d("timeCaps")
    self.exhaustiveNodes = exhaustiveNodes ?? d("exhaustiveNodes")
    self.bucketStates = bucketStates ?? d("bucketStates")
  }

  /// One knob, declared once.
  public struct Knob: Sendable {
    /// The name in the scenario file, on the command line (`--NAME N`) and in the dashboard.
    public let name: String
    public let keyPath: WritableKeyPath<SolverKnobs, Int> & Sendable
    public let defaultValue: Int
    public let range: ClosedRange<Int>
    /// What the knob trades, in one line (help, settings panel, knob view).
    public let help: String
    /// How one step finer (or coarser) goes: doubling or adding one.
    public let doubles: Bool
    /// Values worth sweeping to show what the knob does (the knob view, `pact sweep`).
    public let ladder: [Int]

    /// The value one step finer than `v` (within the range).
    public func finer(_ v: Int) -> Int { min(range.upperBound, doubles ? max(v + 1, v * 2) : v + 1) }
    /// The value one step coarser than `v` (within the range).
    public func coarser(_ v: Int) -> Int { max(range.lowerBound, doubles ? v / 2 : v - 1) }
  }

  /// Every knob: the one place a knob is declared. (A new knob: a property above, a
  /// row here, and where the solver reads it.)
  public static let table: [Knob] = [
    Knob(
      name: "lossBins", keyPath: \.lossBins, defaultValue: 1024, range: 2...8192,
      help: "loss buckets per level and layer: finer loss resolution, more states and time", doubles: true,
      ladder: [2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048]),
    Knob(
      name: "timeBins", keyPath: \.timeBins, defaultValue: 128, range: 1...4096,
      help: "time buckets per level and layer: finer deadline resolution, more states and time", doubles: true,
      ladder: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512]),
    Knob(
      name: "bucketStates", keyPath: \.bucketStates, defaultValue: 4, range: 1...16,
      help: "states kept per bucket: fewer good paths lost to rounding, more states and time", doubles: false,
      ladder: [1, 2, 3, 4, 6, 8]),
    Knob(
      name: "maxSetSize", keyPath: \.maxSetSize, defaultValue: 8, range: 1...1000,
      help: "largest node set a greedy chain grows: larger sets considered, more candidates", doubles: false,
      ladder: [1, 2, 3, 4, 6, 8, 12]),
    Knob(
      name: "timeCaps", keyPath: \.timeCaps, defaultValue: 4, range: 1...256,
      help: "epoch-time caps per epoch and level: faster sets considered, more candidates", doubles: false,
      ladder: [1, 2, 3, 4, 6, 8]),
    Knob(
      name: "exhaustiveNodes", keyPath: \.exhaustiveNodes, defaultValue: 6, range: 0...16,
      help: "every subset when at most this many nodes are available: exact sets, 2^N of them", doubles: false,
      ladder: [0, 2, 4, 6, 8, 10, 12]),
  ]

  /// The knob called `name`, if any.
  public static func knob(named name: String) -> Knob? { table.first { $0.name == name } }

  /// Knob names with their ranges and help, in table order (the command line's view of ``table``).
  public static var ranges: [(name: String, range: ClosedRange<Int>, help: String)] {
    table.map { ($0.name, $0.range, $0.help) }
  }

  /// These knobs with some replaced by name (names from ``table``).
  public func applying(_ overrides: [String: Int]) -> SolverKnobs {
    var knobs = self
    for (name, value) in overrides { knobs[name] = value }
    return knobs
  }

  /// Whether every knob is at least as fine as in `other` (every knob refines as it grows).
  public func isAtLeastAsFine(as other: SolverKnobs) -> Bool {
    SolverKnobs.table.allSatisfy { self[keyPath: $0.keyPath] >= other[keyPath: $0.keyPath] }
  }

  /// The value of the knob called `name`.
  public subscript(name: String) -> Int? {
    get { SolverKnobs.knob(named: name).map { self[keyPath: $0.keyPath] } }
    set {
      guard let v = newValue, let knob = SolverKnobs.knob(named: name) else { return }
      self[keyPath: knob.keyPath] = v
    }
  }
}
