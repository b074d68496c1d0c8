import PACTCore

/// The scenario `pact` opens with no arguments, embedded so nothing is read from disk.
///
/// Eight nodes (phones, a tablet, a Jetson-class board, a Raspberry Pi, an edge
/// server and a spot cloud GPU available for the first six epochs) train
/// ResNet-18 on non-IID CIFAR-10-like data. At most 10 epochs and 60 s: the GPU
/// alone cannot reach the target in time, so the plan mixes nodes and prunes
/// to the deployment level early. The loss coefficients are MODEL.md's example.
public enum DefaultScenario {
  /// The scenario file's text.
  public static let json = #"""
    {
      "name": "pact-demo",
      "description": "Built-in sample: four phones/tablets, two boards, an edge server and a spot cloud GPU train ResNet-18 on non-IID CIFAR-10-like data; the model must be pruned to at most 64 % for deployment.",
      "model": {"name": "resnet18-cifar", "parameters": 11173962, "bitsPerParameter": 32, "flopsPerSample": 1.67e9, "pruningLevels": [1.0, 0.8, 0.64, 0.512, 0.41, 0.33], "deployRemaining": 0.64},
      "training": {"epochs": 10, "targetLoss": 0.6, "deadlineSeconds": 60, "initialLoss": 2.3, "batchSize": 32, "localEpochs": 1, "aggregationSeconds": 0.5},
      "nodes": [
        {"id": "ph1", "name": "phone-pixel", "kind": "phone", "flops": 2e11, "watts": 4.0, "uplinkBitsPerSecond": 2e7, "downlinkBitsPerSecond": 8e7, "radioWatts": 1.2, "samples": 1200, "labelHistogram": [120, 130, 0, 0, 400, 550, 0, 0, 0, 0]},
        {"id": "ph2", "name": "phone-galaxy", "kind": "phone", "flops": 1.5e11, "watts": 3.5, "uplinkBitsPerSecond": 1.5e7, "downlinkBitsPerSecond": 6e7, "radioWatts": 1.1, "samples": 900, "labelHistogram": [0, 0, 300, 300, 0, 0, 150, 150, 0, 0], "availableEpochs": [[1, 4], [8, 10]]},
        {"id": "ph3", "name": "phone-iphone", "kind": "phone", "flops": 2.5e11, "watts": 5.0, "uplinkBitsPerSecond": 3e7, "downlinkBitsPerSecond": 1e8, "radioWatts": 1.3, "samples": 1500, "labelHistogram": [0, 0, 0, 0, 0, 0, 300, 400, 400, 400], "availableEpochs": [[3, 10]]},
        {"id": "tab1", "name": "tablet", "kind": "tablet", "flops": 3e11, "watts": 6.0, "uplinkBitsPerSecond": 4e7, "downlinkBitsPerSecond": 1.2e8, "radioWatts": 1.5, "samples": 1100, "labelHistogram": [0, 0, 0, 0, 0, 0, 0, 350, 400, 350]},
        {"id": "jet1", "name": "jetson-orin", "kind": "board", "flops": 1.3e12, "watts": 15.0, "uplinkBitsPerSecond": 1e8, "downlinkBitsPerSecond": 1e8, "radioWatts": 2.0, "samples": 2000, "labelHistogram": [700, 700, 600, 0, 0, 0, 0, 0, 0, 0]},
        {"id": "rpi1", "name": "raspberry-pi", "kind": "board", "flops": 6e10, "watts": 5.0, "uplinkBitsPerSecond": 5e7, "downlinkBitsPerSecond": 5e7, "radioWatts": 0.8, "samples": 800, "labelHistogram": [0, 0, 0, 200, 200, 200, 200, 0, 0, 0], "availableEpochs": [[2, 9]]},
        {"id": "edge1", "name": "edge-server", "kind": "edge", "flops": 1e13, "watts": 250.0, "uplinkBitsPerSecond": 1e9, "downlinkBitsPerSecond": 1e9, "radioWatts": 5.0, "samples": 6000, "labelHistogram": [600, 600, 600, 600, 600, 600, 600, 600, 600, 600]},
        {"id": "gpu1", "name": "cloud-a100", "kind": "cloud", "flops": 4e13, "watts": 400.0, "uplinkBitsPerSecond": 2e8, "downlinkBitsPerSecond": 2e8, "radioWatts": 0, "samples": 8000, "labelHistogram": [2400, 2000, 1600, 1200, 800, 0, 0, 0, 0, 0], "availableEpochs": [[1, 6]]}
      ],
      "loss": {"model": "pact-v1", "rate": 0.058, "stepsExponent": 0.37, "remainingExponent": 0.91, "floor": 0.27, "floorGrowth": 0.0007, "floorExponent": 3.4, "pruneShock": 0.22, "skewPenalty": 1.0},
      "solver": {"lossBins": 64, "timeBins": 64}
    }
    """#

  /// The parsed scenario. The text is a constant checked by the tests, so parsing cannot fail at run time.
  public static func load() -> Scenario {
    do {
      return try Scenario.parse(Array(json.utf8), source: "built-in scenario").scenario
    } catch {
      preconditionFailure("the built-in scenario does not parse: \(error)")
    }
  }
}
