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
