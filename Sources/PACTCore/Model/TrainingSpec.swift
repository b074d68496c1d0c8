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
