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
