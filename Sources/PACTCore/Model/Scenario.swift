/// A cooperative-training planning problem: the model, the training goal, the
/// nodes that can train, the loss-prediction coefficients and the solver knobs.
///
/// Mirrors the scenario file of docs/MODEL.md field by field; defaults are applied
/// on decoding (see `Scenario+Decoding.swift`) and checked on validation.
public struct Scenario: Equatable, Sendable {
  public var name: String
  public var description: String
  public var model: ModelSpec
  public var training: TrainingSpec
  public var nodes: [Node]
  public var loss: LossParameters
  public var solver: SolverKnobs
  /// The JSON document this scenario was read from, when it was read from one: a
  /// save writes the scenario back into it, so keys pact does not read (`notes`,
  /// `nodes[i].location`, …) stay where they were. Not part of equality.
  public var document: JSONValue?

  /// A scenario of these parts (the solver's default knobs unless given).
  public init(
    name: String, description: String = "", model: ModelSpec, training: TrainingSpec, nodes: [Node],
    loss: LossParameters, solver: SolverKnobs = SolverKnobs()
  ) {
    self.name = name
    self.description = description
    self.model = model
    self.training = training
    self.nodes = nodes
    self.loss = loss
    self.solver = solver
  }

  /// Equal when every field pact reads is equal (``document`` is not compared).
  public static func == (a: Scenario, b: Scenario) -> Bool {
    a.name == b.name && a.description == b.description && a.model == b.model && a.training == b.training
      && a.nodes == b.nodes && a.loss == b.loss && a.solver == b.solver
  }

  /// Number of pruning levels (J).
  public var levelCount: Int { model.pruningLevels.count }

  /// Whether the nodes carry label histograms (then δ is computed; otherwise δ = 0).
  public var hasHistograms: Bool { nodes.first?.labelHistogram != nil }

  /// Index of the node with `id`, if any.
  public func nodeIndex(id: String) -> Int? { nodes.firstIndex { $0.id == id } }

  /// Indices of the nodes available at `epoch` (1-based).
  public func availableNodes(at epoch: Int) -> [Int] {
    nodes.indices.filter { nodes[$0].isAvailable(at: epoch) }
  }

  /// The smallest level index whose remaining fraction meets the deployment requirement.
  public var firstDeployableLevel: Int? {
    model.pruningLevels.firstIndex { $0 <= model.deployRemaining }
  }
}

/// The DNN being trained and how far it may be pruned.
public struct ModelSpec: Equatable, Sendable {
  public var name: String
  /// P, the number of parameters of the unpruned model.
  public var parameters: Double
  /// b, bits per parameter on the wire.
  public var bitsPerParameter: Double
  /// F, training FLOPs per sample of the unpruned model.
  public var flopsPerSample: Double
  /// r_j, the fraction of the model kept at each level: starts at 1, strictly decreasing.
  public var pruningLevels: [Double]
  /// The final model must keep at most this fraction.
  public var deployRemaining: Double

  /// A model with its size, cost per sample, pruning levels and deploy limit.
  public init(
    name: String, parameters: Double, bitsPerParameter: Double = 32, flopsPerSample: Double,
    pruningLevels: [Double], deployRemaining: Double = 1.0
  ) {
    self.name = name
    self.parameters = parameters
    self.bitsPerParameter = bitsPerParameter
    self.flopsPerSample = flopsPerSample
    self.pruningLevels = pruningLevels
    self.deployRemaining = deployRemaining
  }
}

extension Scenario {
  /// The loss a plan's predicted final loss must reach: `training.targetLoss`, or with
  /// `training.confidence` the tighter target at which the real loss meets it with that
  /// probability (``PredictionBand/planningTarget(_:confidence:rounds:)``).
  public var planningTargetLoss: Double {
    guard let c = training.confidence, let band = loss.band else { return training.targetLoss }
    return band.planningTarget(training.targetLoss, confidence: c, rounds: training.epochs)
  }

  /// The scenario the solvers plan on: the target replaced by ``planningTargetLoss``.
  public var forPlanning: Scenario {
    guard training.confidence != nil, loss.band != nil else { return self }
    var s = self
    s.training.targetLoss = planningTargetLoss
    s.training.confidence = nil
    return s
  }
}

/// The training goal and the FedAvg round parameters.
public struct TrainingSpec: Equatable, Sendable {
  /// K, the most epochs a plan may have.
  public var epochs: Int
  public var targetLoss: Double
  public var deadlineSeconds: Double
  public var initialLoss: Double
  public var batchSize: Int
  public var localEpochs: Int
  public var aggregationSeconds: Double
  /// Plan so that the real loss meets the target with this probability, by the loss
  /// model's ``PredictionBand`` (nil: meet it on the predicted curve, as MODEL.md).
  public var confidence: Double? = nil

  /// The goal and round parameters (batch 32, one local epoch and no aggregation time unless given).
  public init(
    epochs: Int, targetLoss: Double, deadlineSeconds: Double, initialLoss: Double, batchSize: Int = 32,
    localEpochs: Int = 1, aggregationSeconds: Double = 0
  ) {
    self.epochs = epochs
    self.targetLoss = targetLoss
    self.deadlineSeconds = deadlineSeconds
    self.initialLoss = initialLoss
    self.batchSize = batchSize
    self.localEpochs = localEpochs
    self.aggregationSeconds = aggregationSeconds
  }
}

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

/// A machine that holds data and can train: a phone, a board, an edge server, a cloud GPU.
public struct Node: Equatable, Sendable {
  public var id: String
  public var name: String
  public var kind: String
  /// Sustained training FLOP/s.
  public var flops: Double
  /// Power drawn while computing, in watts.
  public var watts: Double
  public var uplinkBitsPerSecond: Double
  public var downlinkBitsPerSecond: Double
  /// Power drawn while transferring the model, in watts.
  public var radioWatts: Double
  /// d_n, the local training samples.
  public var samples: Int
  /// Samples per class, or nil when the scenario has no histograms.
  public var labelHistogram: [Double]?
  /// Windows of availability; nil means every epoch.
  public var availableEpochs: [EpochWindow]?
  /// Measured joules per sample at each level, replacing the FLOP-based compute energy.
  public var energyPerSample: [Double]?
  /// Measured seconds per sample at each level, replacing the FLOP-based compute time.
  public var secondsPerSample: [Double]?

  /// A node with its hardware, links, data and availability.
  public init(
    id: String, name: String? = nil, kind: String = "device", flops: Double, watts: Double,
    uplinkBitsPerSecond: Double, downlinkBitsPerSecond: Double, radioWatts: Double = 0, samples: Int,
    labelHistogram: [Double]? = nil, availableEpochs: [EpochWindow]? = nil, energyPerSample: [Double]? = nil,
    secondsPerSample: [Double]? = nil
  ) {
    self.id = id
    self.name = name ?? id
    self.kind = kind
    self.flops = flops
    self.watts = watts
    self.uplinkBitsPerSecond = uplinkBitsPerSecond
    self.downlinkBitsPerSecond = downlinkBitsPerSecond
    self.radioWatts = radioWatts
    self.samples = samples
    self.labelHistogram = labelHistogram
    self.availableEpochs = availableEpochs
    self.energyPerSample = energyPerSample
    self.secondsPerSample = secondsPerSample
  }

  /// Whether the node can train at `epoch` (1-based).
  public func isAvailable(at epoch: Int) -> Bool {
    guard let windows = availableEpochs else { return true }
    return windows.contains { $0.contains(epoch) }
  }
}

/// Coefficients of the loss predictor (docs/MODEL.md, "Loss prediction").
public struct LossParameters: Equatable, Sendable {
  /// Which form: `pact-v1` (the pinned default) or another registered in ``LossModelKind``.
  public var model: LossModelKind
  public var rate: Double
  public var stepsExponent: Double
  public var remainingExponent: Double
  public var floor: Double
  public var floorGrowth: Double
  public var floorExponent: Double
  public var pruneShock: Double
  public var skewPenalty: Double
  /// Coefficients that only other forms use, by name (empty for `pact-v1`).
  public var extra: [String: Double]
  /// How far real runs strayed from this form's predictions in calibration (nil: not known).
  public var band: PredictionBand? = nil

  /// Loss coefficients of `model` (extra ones by name in `extra`).
  public init(
    model: LossModelKind = .pactV1, rate: Double, stepsExponent: Double, remainingExponent: Double, floor: Double,
    floorGrowth: Double, floorExponent: Double, pruneShock: Double, skewPenalty: Double, extra: [String: Double] = [:]
  ) {
    self.model = model
    self.rate = rate
    self.stepsExponent = stepsExponent
    self.remainingExponent = remainingExponent
    self.floor = floor
    self.floorGrowth = floorGrowth
    self.floorExponent = floorExponent
    self.pruneShock = pruneShock
    self.skewPenalty = skewPenalty
    self.extra = extra
  }
}

/// The loss-model forms pact knows.
public enum LossModelKind: String, CaseIterable, Equatable, Sendable {
  /// The pinned form of docs/MODEL.md.
  case pactV1 = "pact-v1"
  /// pact-v1 with a level-aware pruning shock and a curved descent (PACTv2LossPredictor).
  case pactV2 = "pact-v2"
  /// An additive pruning shock and a curvature that depends on the level (PACTv3LossPredictor).
  case pactV3 = "pact-v3"
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
