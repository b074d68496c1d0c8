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
