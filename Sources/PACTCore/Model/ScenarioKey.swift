/// The keys of the scenario file (docs/MODEL.md), each spelled once: decoding, encoding,
/// validation messages, the what-if goals (``GoalParameter/path``) and the dashboard's
/// settings rows all name a field through these. (The `loss` section's keys come from
/// ``LossParameters/coefficients``, the `solver` section's from ``SolverKnobs/table``.)

/// A key of the `model` section.
public enum ModelKey: String, CaseIterable, Sendable {
  case name, parameters, bitsPerParameter, flopsPerSample, pruningLevels, deployRemaining

  /// The field's path, as messages name it (`model.deployRemaining`).
  public var path: String { "model.\(rawValue)" }
}

/// A key of the `training` section.
public enum TrainingKey: String, CaseIterable, Sendable {
  case epochs, targetLoss, deadlineSeconds, initialLoss, batchSize, localEpochs, aggregationSeconds, confidence

  /// The field's path, as messages name it (`training.deadlineSeconds`).
  public var path: String { "training.\(rawValue)" }
}

/// A key of a node in the `nodes` array.
public enum NodeKey: String, CaseIterable, Sendable {
  case id, name, kind, flops, watts, uplinkBitsPerSecond, downlinkBitsPerSecond, radioWatts, samples
  case labelHistogram, availableEpochs, energyPerSample, secondsPerSample

  /// The field's path in node `index` (`nodes[2].flops`).
  public func path(_ index: Int) -> String { "nodes[\(index)].\(rawValue)" }
}
