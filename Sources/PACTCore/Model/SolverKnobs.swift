/// The name of a solver knob: its typed identity, and (as raw value) its key in the
/// scenario file, its `--NAME N` option and its label in the dashboard.
public enum KnobName: String, CaseIterable, Hashable, Sendable {
  case lossBins, timeBins, bucketStates, maxSetSize, timeCaps, exhaustiveNodes, gapTolerance
}

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
  /// The passes stop once the plan is proven within this many hundredths of a percent
  /// of the optimum (10 = 0.1 %); 0 runs every pass. The one knob that refines as it shrinks.
  public var gapTolerance: Int

  /// Knobs at the table's defaults, with any given value replaced.
  public init(
    lossBins: Int? = nil, timeBins: Int? = nil, maxSetSize: Int? = nil, timeCaps: Int? = nil,
    exhaustiveNodes: Int? = nil, bucketStates: Int? = nil, gapTolerance: Int? = nil
  ) {
    func d(_ id: KnobName) -> Int { SolverKnobs.knob(id).defaultValue }
    self.lossBins = lossBins ?? d(.lossBins)
    self.timeBins = timeBins ?? d(.timeBins)
    self.maxSetSize = maxSetSize ?? d(.maxSetSize)
    self.timeCaps = timeCaps ?? d(.timeCaps)
    self.exhaustiveNodes = exhaustiveNodes ?? d(.exhaustiveNodes)
    self.bucketStates = bucketStates ?? d(.bucketStates)
    self.gapTolerance = gapTolerance ?? d(.gapTolerance)
  }

  /// One knob, declared once.
  public struct Knob: Sendable {
    public let id: KnobName
    /// The name in the scenario file, on the command line (`--NAME N`) and in the dashboard.
    public var name: String { id.rawValue }
    public let keyPath: WritableKeyPath<SolverKnobs, Int> & Sendable
    public let defaultValue: Int
    public let range: ClosedRange<Int>
    /// What the knob trades, in one line (help, settings panel, knob view).
    public let help: String
    /// How one step finer (or coarser) goes: doubling or adding one.
    public let doubles: Bool
    /// Values worth sweeping to show what the knob does (the knob view, `pact sweep`),
    /// coarse to fine.
    public let ladder: [Int]
    /// Whether a smaller value is finer (gapTolerance); every other knob refines as it grows.
    public var refinesDownward = false

    /// The value one step finer than `v` (within the range).
    public func finer(_ v: Int) -> Int { refinesDownward ? down(v) : up(v) }
    /// The value one step coarser than `v` (within the range).
    public func coarser(_ v: Int) -> Int { refinesDownward ? up(v) : down(v) }
    /// Whether `a` is at least as fine as `b`.
    public func isAtLeastAsFine(_ a: Int, as b: Int) -> Bool { refinesDownward ? a <= b : a >= b }

    private func up(_ v: Int) -> Int { min(range.upperBound, doubles ? max(v + 1, v * 2) : v + 1) }
    private func down(_ v: Int) -> Int { max(range.lowerBound, doubles ? v / 2 : v - 1) }
  }

  /// Every knob: the one place a knob is declared. (A new knob: a property above, a
  /// row here, and where the solver reads it.)
  public static let table: [Knob] = [
    Knob(
      id: .lossBins, keyPath: \.lossBins, defaultValue: 1024, range: 2...8192,
      help: "loss buckets per level and layer: finer loss resolution, more states and time", doubles: true,
      ladder: [2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048]),
    Knob(
      id: .timeBins, keyPath: \.timeBins, defaultValue: 128, range: 1...4096,
      help: "time buckets per level and layer: finer deadline resolution, more states and time", doubles: true,
      ladder: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512]),
    Knob(
      id: .bucketStates, keyPath: \.bucketStates, defaultValue: 4, range: 1...16,
      help: "states kept per bucket: fewer good paths lost to rounding, more states and time", doubles: false,
      ladder: [1, 2, 3, 4, 6, 8]),
    Knob(
      id: .maxSetSize, keyPath: \.maxSetSize, defaultValue: 8, range: 1...1000,
      help: "largest node set a greedy chain grows: larger sets considered, more candidates", doubles: false,
      ladder: [1, 2, 3, 4, 6, 8, 12]),
    Knob(
      id: .timeCaps, keyPath: \.timeCaps, defaultValue: 4, range: 1...256,
      help: "epoch-time caps per epoch and level: faster sets considered, more candidates", doubles: false,
      ladder: [1, 2, 3, 4, 6, 8]),
    Knob(
      id: .exhaustiveNodes, keyPath: \.exhaustiveNodes, defaultValue: 6, range: 0...16,
      help: "every subset when at most this many nodes are available: exact sets, 2^N of them", doubles: false,
      ladder: [0, 2, 4, 6, 8, 10, 12]),
    Knob(
      id: .gapTolerance, keyPath: \.gapTolerance, defaultValue: 10, range: 0...10000,
      help: "stop once the plan is proven within this many 0.01 % of the optimum (10 = 0.1 %; 0: every pass)",
      doubles: true, ladder: [1000, 300, 100, 30, 10, 0], refinesDownward: true),
  ]

  /// The knob called `name`, if any (names as read from files and the command line).
  public static func knob(named name: String) -> Knob? { KnobName(rawValue: name).map(knob) }

  /// The knob `id` (every name has exactly one row of ``table``; a test checks it).
  public static func knob(_ id: KnobName) -> Knob {
    guard let k = table.first(where: { $0.id == id }) else { preconditionFailure("knob \(id) has no row in the table") }
    return k
  }

  /// The row of `id` in ``table``.
  public static func index(of id: KnobName) -> Int { table.firstIndex { $0.id == id } ?? 0 }

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

  /// Whether every knob is at least as fine as in `other`.
  public func isAtLeastAsFine(as other: SolverKnobs) -> Bool {
    SolverKnobs.table.allSatisfy { $0.isAtLeastAsFine(self[keyPath: $0.keyPath], as: other[keyPath: $0.keyPath]) }
  }

  /// ``gapTolerance`` as a fraction (0.001 for 10).
  public var gapToleranceFraction: Double { Double(gapTolerance) / 10_000 }

  /// The value of knob `id`.
  public subscript(id: KnobName) -> Int {
    get { self[keyPath: SolverKnobs.knob(id).keyPath] }
    set { self[keyPath: SolverKnobs.knob(id).keyPath] = newValue }
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
