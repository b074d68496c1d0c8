import PACTCore

/// Small hand-made scenarios for the baseline, MPS and chart tests.
enum BaselineTestScenarios {
  static let loss = LossParameters(
    rate: 0.058, stepsExponent: 0.37, remainingExponent: 0.91, floor: 0.27, floorGrowth: 0.0007, floorExponent: 3.4,
    pruneShock: 0.22, skewPenalty: 1.0)

  /// Five heterogeneous nodes (one with a window), 4 levels, deploy at 0.64 (level 2).
  static func small(epochs: Int = 16, targetLoss: Double = 1.2, deadline: Double = 400) -> Scenario {
    let nodes = [
      Node(
        id: "phone", kind: "device", flops: 1.5e11, watts: 4, uplinkBitsPerSecond: 2e7, downlinkBitsPerSecond: 6e7,
        radioWatts: 1, samples: 800, labelHistogram: [80, 80, 80, 80, 80, 80, 80, 80, 80, 80]),
      Node(
        id: "board", kind: "board", flops: 6e11, watts: 12, uplinkBitsPerSecond: 5e7, downlinkBitsPerSecond: 1.5e8,
        samples: 1200, labelHistogram: [600, 600, 0, 0, 0, 0, 0, 0, 0, 0]),
      Node(
        id: "edge", kind: "edge", flops: 6e12, watts: 150, uplinkBitsPerSecond: 4e8, downlinkBitsPerSecond: 1.2e9,
        samples: 2000, labelHistogram: [0, 0, 400, 400, 400, 400, 400, 0, 0, 0]),
      Node(
        id: "gpu", kind: "gpu", flops: 8e13, watts: 400, uplinkBitsPerSecond: 3e9, downlinkBitsPerSecond: 9e9,
        samples: 3000, labelHistogram: [0, 0, 0, 0, 0, 0, 0, 1000, 1000, 1000]),
      Node(
        id: "late", kind: "device", flops: 2e11, watts: 5, uplinkBitsPerSecond: 2e7, downlinkBitsPerSecond: 6e7,
        radioWatts: 1, samples: 600, labelHistogram: [60, 60, 60, 60, 60, 60, 60, 60, 60, 60],
        availableEpochs: [EpochWindow(3, 6)]),
    ]
    return Scenario(
      name: "baseline-small",
      model: ModelSpec(
        name: "mlp", parameters: 2e6, flopsPerSample: 3e8, pruningLevels: [1.0, 0.8, 0.64, 0.512], deployRemaining: 0.64
      ),
      training: TrainingSpec(
        epochs: epochs, targetLoss: targetLoss, deadlineSeconds: deadline, initialLoss: 2.3, aggregationSeconds: 0.5),
      nodes: nodes, loss: loss)
  }
}
