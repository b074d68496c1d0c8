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

  /// One of pact-v1's coefficients: its key in the file, where it lives, and whether
  /// it must be ≥ 0 (else only finite).
  public struct Coefficient: Sendable {
    public let name: String
    public let keyPath: WritableKeyPath<LossParameters, Double> & Sendable
    public let nonNegative: Bool
  }

  /// pact-v1's eight coefficients in file order: the one list that decoding, encoding,
  /// validation, calibration and its reports read.
  public static let coefficients: [Coefficient] = [
    Coefficient(name: "rate", keyPath: \.rate, nonNegative: true),
    Coefficient(name: "stepsExponent", keyPath: \.stepsExponent, nonNegative: false),
    Coefficient(name: "remainingExponent", keyPath: \.remainingExponent, nonNegative: false),
    Coefficient(name: "floor", keyPath: \.floor, nonNegative: true),
    Coefficient(name: "floorGrowth", keyPath: \.floorGrowth, nonNegative: true),
    Coefficient(name: "floorExponent", keyPath: \.floorExponent, nonNegative: true),
    Coefficient(name: "pruneShock", keyPath: \.pruneShock, nonNegative: true),
    Coefficient(name: "skewPenalty", keyPath: \.skewPenalty, nonNegative: true),
  ]

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
