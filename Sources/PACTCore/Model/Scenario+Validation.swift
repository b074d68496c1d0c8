import Foundation

extension Scenario {
  /// Largest sizes pact accepts, so a typo cannot ask for terabytes.
  public static let maximumEpochs = 10_000
  public static let maximumLevels = 64
  public static let maximumNodes = 100_000
  public static let maximumClasses = 100_000

  /// Checks every rule of docs/MODEL.md and pact's own limits.
  ///
  /// - Returns: every broken rule, each named by its JSON path
  ///   (`nodes[2].uplinkBitsPerSecond: must be > 0`); empty when valid.
  public func validate() -> [ScenarioIssue] {
    var v = Validator()
    let levels = model.pruningLevels
    let J = levels.count

    v.positive(model.parameters, ModelKey.parameters.path)
    v.positive(model.bitsPerParameter, ModelKey.bitsPerParameter.path)
    v.positive(model.flopsPerSample, ModelKey.flopsPerSample.path)
    if levels.isEmpty {
      v.fail(ModelKey.pruningLevels.path, "must have at least one level")
    } else if J > Scenario.maximumLevels {
      v.fail(ModelKey.pruningLevels.path, "must have at most \(Scenario.maximumLevels) levels, not \(J)")
    } else if levels.contains(where: { !$0.isFinite }) {
      v.fail(ModelKey.pruningLevels.path, "must be finite numbers")
    } else if levels[0] != 1.0 || zip(levels, levels.dropFirst()).contains(where: { $0 <= $1 }) || levels.last! <= 0 {
      v.fail(ModelKey.pruningLevels.path, "must be strictly decreasing, start at 1.0 and stay > 0")
    }
    if v.finite(model.deployRemaining, ModelKey.deployRemaining.path) {
      if !(model.deployRemaining > 0 && model.deployRemaining <= 1) {
        v.fail(ModelKey.deployRemaining.path, "must be in (0, 1], not \(JSONWriter.number(model.deployRemaining))")
      } else if let smallest = levels.last, smallest.isFinite, model.deployRemaining < smallest {
        v.fail(
          ModelKey.deployRemaining.path,
          "\(JSONWriter.number(model.deployRemaining)) is below the smallest pruning level \(JSONWriter.number(smallest)): no level can be deployed"
        )
      }
    }

    let K = training.epochs
    if K < 1 || K > Scenario.maximumEpochs {
      v.fail(TrainingKey.epochs.path, "must be between 1 and \(Scenario.maximumEpochs), not \(K)")
    }
    v.positive(training.targetLoss, TrainingKey.targetLoss.path)
    v.positive(training.deadlineSeconds, TrainingKey.deadlineSeconds.path)
    v.positive(training.initialLoss, TrainingKey.initialLoss.path)
    if training.batchSize < 1 { v.fail(TrainingKey.batchSize.path, "must be ≥ 1, not \(training.batchSize)") }
    if training.localEpochs < 1 || training.localEpochs > 1_000_000 {
      v.fail(TrainingKey.localEpochs.path, "must be between 1 and 1000000, not \(training.localEpochs)")
    }
    v.nonNegative(training.aggregationSeconds, TrainingKey.aggregationSeconds.path)
    if let c = training.confidence {
      if !(c.isFinite && c > 0 && c < 1) {
        v.fail(TrainingKey.confidence.path, "must be a probability in (0, 1), e.g. 0.9, not \(JSONWriter.number(c))")
      } else if loss.band == nil {
        v.fail(
          TrainingKey.confidence.path,
          "needs loss.band, the spread of the loss model's errors (pact calibrate prints it with the loss section)")
      }
    }

    validateNodes(&v, levelCount: J, epochs: K)
    validateLoss(&v)
    for knob in SolverKnobs.ranges {
      if let value = solver[knob.name], !knob.range.contains(value) {
        v.fail(
          "solver.\(knob.name)", "must be between \(knob.range.lowerBound) and \(knob.range.upperBound), not \(value)")
      }
    }
    if v.issues.isEmpty { validateDerived(&v) }
    return v.issues
  }

  private func validateNodes(_ v: inout Validator, levelCount J: Int, epochs K: Int) {
    if nodes.isEmpty { v.fail("nodes", "must list at least one node") }
    if nodes.count > Scenario.maximumNodes {
      v.fail("nodes", "must have at most \(Scenario.maximumNodes) nodes, not \(nodes.count)")
    }
    var firstIndex: [String: Int] = [:]
    let histogramLength = nodes.first?.labelHistogram?.count
    for (i, node) in nodes.enumerated() {
      let p = "nodes[\(i)]"
      if node.id.isEmpty {
        v.fail(NodeKey.id.path(i), "must not be empty")
      } else if let previous = firstIndex[node.id] {
        v.fail(NodeKey.id.path(i), "duplicate id \(JSONWriter.quoted(node.id)) (also nodes[\(previous)])")
      } else {
        firstIndex[node.id] = i
      }
      // FLOP/s and watts only matter where a measured profile does not replace them.
      let profiled = node.secondsPerSample != nil && node.energyPerSample != nil
      if !profiled || !node.flops.isInfinite { v.positive(node.flops, NodeKey.flops.path(i)) }
      if node.energyPerSample == nil {
        v.positive(node.watts, NodeKey.watts.path(i))
      } else {
        v.nonNegative(node.watts, NodeKey.watts.path(i))
      }
      v.positive(node.uplinkBitsPerSecond, NodeKey.uplinkBitsPerSecond.path(i))
      v.positive(node.downlinkBitsPerSecond, NodeKey.downlinkBitsPerSecond.path(i))
      v.nonNegative(node.radioWatts, NodeKey.radioWatts.path(i))
      if node.samples < 1 { v.fail(NodeKey.samples.path(i), "must be ≥ 1, not \(node.samples)") }

      switch (histogramLength, node.labelHistogram) {
      case (nil, .some):
        v.fail(NodeKey.labelHistogram.path(i), "nodes[0] has no labelHistogram: where one node has it, all must")
      case (.some, nil):
        v.fail(NodeKey.labelHistogram.path(i), "is required: nodes[0] has one, and where one node has it, all must")
      case (.some(let length), .some(let histogram)):
        if histogram.count != length {
          v.fail(
            NodeKey.labelHistogram.path(i),
            "has \(histogram.count) classes but nodes[0] has \(length): lengths must match")
        } else if length == 0 || length > Scenario.maximumClasses {
          v.fail(NodeKey.labelHistogram.path(i), "must have between 1 and \(Scenario.maximumClasses) classes")
        } else if let c = histogram.firstIndex(where: { !($0 >= 0 && $0.isFinite) }) {
          v.fail("\(p).labelHistogram[\(c)]", "must be a finite number ≥ 0, not \(JSONWriter.number(histogram[c]))")
        } else if !(histogram.reduce(0, +) > 0) {
          v.fail(NodeKey.labelHistogram.path(i), "must have a positive total")
        } else if !histogram.reduce(0, +).isFinite {
          v.fail(NodeKey.labelHistogram.path(i), "total overflows")
        }
      case (nil, nil): break
      }

      if let windows = node.availableEpochs {
        for (w, window) in windows.enumerated() {
          if window.first < 1 || window.last > K || window.first > window.last {
            v.fail(
              "\(p).availableEpochs[\(w)]",
              "[\(window.first), \(window.last)] must satisfy 1 ≤ first ≤ last ≤ training.epochs (\(K))")
          }
        }
      }
      for (key, profile) in [("energyPerSample", node.energyPerSample), ("secondsPerSample", node.secondsPerSample)] {
        guard let profile else { continue }
        if profile.count != J {
          v.fail("\(p).\(key)", "has \(profile.count) values but model.pruningLevels has \(J): one per level")
        } else if let j = profile.firstIndex(where: { !($0 >= 0 && $0.isFinite) }) {
          v.fail("\(p).\(key)[\(j)]", "must be a finite number ≥ 0, not \(JSONWriter.number(profile[j]))")
        }
      }
    }
  }

  private func validateLoss(_ v: inout Validator) {
    for c in LossParameters.coefficients {
      if c.nonNegative {
        v.nonNegative(loss[keyPath: c.keyPath], "loss.\(c.name)")
      } else {
        _ = v.finite(loss[keyPath: c.keyPath], "loss.\(c.name)")
      }
    }
    for (key, value) in loss.extra.sorted(by: { $0.key < $1.key }) { _ = v.finite(value, "loss.\(key)") }
    v.issues += LossPredictors.validate(loss)
    if let b = loss.band { v.issues += b.issues() }
  }

  /// Checks that every per-node figure the solver will use is finite (huge but
  /// legal inputs can overflow), and that loss prediction stays finite.
  private func validateDerived(_ v: inout Validator) {
    let cost = CostModel(scenario: self)
    for (i, node) in nodes.enumerated() {
      for j in model.pruningLevels.indices {
        let t = cost.seconds(node: i, level: j)
        let e = cost.joules(node: i, level: j)
        if !t.isFinite || !e.isFinite {
          v.fail(
            "nodes[\(i)]",
            "\(node.id): time or energy at level \(j) overflows (\(JSONWriter.number(t)) s, \(JSONWriter.number(e)) J)"
              + " because \(overflowingInputs(node: i, level: j).joined(separator: "; "))")
          break
        }
      }
    }
    let predictor = LossPredictors.make(self)
    for j in model.pruningLevels.indices {
      let floor = predictor.floor(level: j)
      if !floor.isFinite {
        v.fail(
          "loss.floorGrowth",
          "the loss floor at level \(j) overflows (\(JSONWriter.number(floor))): floorGrowth · (1/r − 1)^floorExponent"
            + " with r = model.pruningLevels[\(j)] = \(JSONWriter.number(model.pruningLevels[j])) is too large")
        break
      }
    }
  }
}

extension Scenario {
  /// Why node n's time or energy at level j overflows (docs/MODEL.md, "One epoch"):
  /// the inputs that push the product past the largest number, each named by path
  /// with its value and whether it is too large (a factor) or too small (a divisor).
  func overflowingInputs(node n: Int, level j: Int) -> [String] {
    let node = nodes[n]
    let p = "nodes[\(n)]"
    let r = model.pruningLevels[j]
    typealias Term = (path: String, value: Double, divides: Bool)
    let work: [Term] = [
      (TrainingKey.localEpochs.path, Double(training.localEpochs), false),
      (NodeKey.samples.path(n), Double(node.samples), false),
    ]
    let flopTerms: [Term] = [
      (ModelKey.flopsPerSample.path, model.flopsPerSample, false), ("model.pruningLevels[\(j)]", r, false),
    ]
    var formulas: [[Term]] = []
    if let profile = node.secondsPerSample, j < profile.count {
      formulas.append(work + [("\(p).secondsPerSample[\(j)]", profile[j], false)])
    } else {
      formulas.append(work + flopTerms + [(NodeKey.flops.path(n), node.flops, true)])
    }
    if let profile = node.energyPerSample, j < profile.count {
      formulas.append(work + [("\(p).energyPerSample[\(j)]", profile[j], false)])
    } else {
      formulas.append(
        work + flopTerms + [(NodeKey.watts.path(n), node.watts, false), (NodeKey.flops.path(n), node.flops, true)])
    }
    let size: [Term] = [
      (ModelKey.bitsPerParameter.path, model.bitsPerParameter, false),
      (ModelKey.parameters.path, model.parameters, false),
      ("model.pruningLevels[\(j)]", r, false),
    ]
    formulas.append(size + [(NodeKey.uplinkBitsPerSecond.path(n), node.uplinkBitsPerSecond, true)])
    formulas.append(size + [(NodeKey.downlinkBitsPerSecond.path(n), node.downlinkBitsPerSecond, true)])
    formulas.append(
      size + [
        (NodeKey.radioWatts.path(n), node.radioWatts, false),
        (NodeKey.uplinkBitsPerSecond.path(n), node.uplinkBitsPerSecond, true),
      ])
    var names: [String] = []
    for terms in formulas {
      // The product's order of magnitude, term by term: the culprits are the terms that
      // add most of it (factors far above 1, divisors far below 1).
      let magnitudes = terms.map { t -> Double in
        let m = t.value > 0 ? log10(t.value) : 0
        return t.divides ? -m : m
      }
      guard magnitudes.reduce(0, +) > 300 else { continue }
      let largest = magnitudes.max() ?? 0
      for (t, m) in zip(terms, magnitudes) where m >= min(30, largest) {
        let v = JSONWriter.number(t.value)
        names.append(t.divides ? "\(t.path) = \(v) is too small (it divides)" : "\(t.path) = \(v) is too large")
      }
    }
    if names.isEmpty { names = ["the sum of compute and transfer is too large"] }
    var seen: Set<String> = []
    return names.filter { seen.insert($0).inserted }
  }
}

/// Collects rule violations with their paths.
struct Validator {
  var issues: [ScenarioIssue] = []

  mutating func fail(_ path: String, _ message: String) { issues.append(ScenarioIssue(path, message)) }

  @discardableResult
  mutating func finite(_ x: Double, _ path: String) -> Bool {
    if x.isNaN {
      fail(path, "must be a number")
      return false
    }
    if !x.isFinite {
      fail(path, "must be finite")
      return false
    }
    return true
  }

  mutating func positive(_ x: Double, _ path: String) {
    if finite(x, path), !(x > 0) { fail(path, "must be > 0, not \(JSONWriter.number(x))") }
  }

  mutating func nonNegative(_ x: Double, _ path: String) {
    if finite(x, path), !(x >= 0) { fail(path, "must be ≥ 0, not \(JSONWriter.number(x))") }
  }
}
