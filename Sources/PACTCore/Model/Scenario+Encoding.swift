extension Scenario {
  /// The scenario file of docs/MODEL.md for this scenario, in the canonical form:
  /// optional fields at their default are left out; decoding the result gives back this
  /// scenario. (A scenario read from a file is saved by ``fileText()``, which edits that
  /// file's own text instead.)
  public func json() -> JSONValue { plainJSON() }

  /// pact's fields only, in the order of docs/MODEL.md; with `includingDefaults`, the
  /// fields at their default too (what a minimal-edit save compares).
  public func plainJSON(includingDefaults: Bool = false) -> JSONValue {
    let all = includingDefaults
    func num(_ x: Double) -> JSONValue { .number(x) }
    func nums(_ xs: [Double]) -> JSONValue { .array(xs.map { .number($0) }) }
    var modelMembers: [(key: String, value: JSONValue)] = [
      (ModelKey.name.rawValue, .string(model.name)),
      (ModelKey.parameters.rawValue, num(model.parameters)),
      (ModelKey.bitsPerParameter.rawValue, num(model.bitsPerParameter)),
      (ModelKey.flopsPerSample.rawValue, num(model.flopsPerSample)),
      (ModelKey.pruningLevels.rawValue, nums(model.pruningLevels)),
    ]
    modelMembers.append((ModelKey.deployRemaining.rawValue, num(model.deployRemaining)))
    var trainingMembers: [(key: String, value: JSONValue)] = [
      (TrainingKey.epochs.rawValue, num(Double(training.epochs))),
      (TrainingKey.targetLoss.rawValue, num(training.targetLoss)),
      (TrainingKey.deadlineSeconds.rawValue, num(training.deadlineSeconds)),
      (TrainingKey.initialLoss.rawValue, num(training.initialLoss)),
      (TrainingKey.batchSize.rawValue, num(Double(training.batchSize))),
      (TrainingKey.localEpochs.rawValue, num(Double(training.localEpochs))),
      (TrainingKey.aggregationSeconds.rawValue, num(training.aggregationSeconds)),
    ]
    if let c = training.confidence { trainingMembers.append((TrainingKey.confidence.rawValue, num(c))) }
    let nodeValues: [JSONValue] = nodes.map { n in
      var m: [(key: String, value: JSONValue)] = [(NodeKey.id.rawValue, .string(n.id))]
      if n.name != n.id || all { m.append((NodeKey.name.rawValue, .string(n.name))) }
      m.append((NodeKey.kind.rawValue, .string(n.kind)))
      if n.flops.isFinite { m.append((NodeKey.flops.rawValue, num(n.flops))) }
      if n.energyPerSample == nil || n.watts != 0 || all { m.append((NodeKey.watts.rawValue, num(n.watts))) }
      m.append((NodeKey.uplinkBitsPerSecond.rawValue, num(n.uplinkBitsPerSecond)))
      m.append((NodeKey.downlinkBitsPerSecond.rawValue, num(n.downlinkBitsPerSecond)))
      if n.radioWatts != 0 || all { m.append((NodeKey.radioWatts.rawValue, num(n.radioWatts))) }
      m.append((NodeKey.samples.rawValue, num(Double(n.samples))))
      if let h = n.labelHistogram { m.append((NodeKey.labelHistogram.rawValue, nums(h))) }
      if let w = n.availableEpochs {
        m.append(
          (NodeKey.availableEpochs.rawValue, .array(w.map { .array([num(Double($0.first)), num(Double($0.last))]) })))
      }
      if let e = n.energyPerSample { m.append((NodeKey.energyPerSample.rawValue, nums(e))) }
      if let s = n.secondsPerSample { m.append((NodeKey.secondsPerSample.rawValue, nums(s))) }
      return .object(m)
    }
    var lossMembers: [(key: String, value: JSONValue)] = [("model", .string(loss.model.rawValue))]
    for c in LossParameters.coefficients { lossMembers.append((c.name, num(loss[keyPath: c.keyPath]))) }
    for (key, value) in loss.extra.sorted(by: { $0.key < $1.key }) { lossMembers.append((key, num(value))) }
    if let b = loss.band {
      lossMembers.append(("band", .object([("low", nums(b.low)), ("median", nums(b.median)), ("high", nums(b.high))])))
    }
    let solverMembers: [(key: String, value: JSONValue)] = SolverKnobs.ranges.map { knob in
      (knob.name, num(Double(solver[knob.name] ?? 0)))
    }
    return .object([
      ("name", .string(name)),
      ("description", .string(description)),
      ("model", .object(modelMembers)),
      ("training", .object(trainingMembers)),
      ("nodes", .array(nodeValues)),
      ("loss", .object(lossMembers)),
      ("solver", .object(solverMembers)),
    ])
  }
}
