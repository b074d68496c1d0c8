import PACTCore

/// The editable scenario-wide fields: the goal, the model's levels, and the solver
/// knobs (one row per entry of ``SolverKnobs/table``).
public enum SettingField: Hashable, Sendable {
  case targetLoss, deadline, epochs, deployRemaining, pruningLevels, initialLoss, aggregationSeconds
  /// A solver knob (its row of ``SolverKnobs/table``).
  case knob(KnobName)

  /// Every row, in the panel's order: the goal, then the knobs.
  public static let allCases: [SettingField] =
    [.targetLoss, .deadline, .epochs, .deployRemaining, .pruningLevels, .initialLoss, .aggregationSeconds]
    + SolverKnobs.table.map { .knob($0.id) }

  /// The row of the knob called `name`.
  public static func knob(named name: String) -> SettingField? {
    KnobName(rawValue: name).map { .knob($0) }
  }

  /// The field's row in the panel.
  public var row: Int { SettingField.allCases.firstIndex(of: self) ?? 0 }

  /// The knob this row edits, if it is one.
  public var solverKnob: SolverKnobs.Knob? {
    if case .knob(let id) = self { return SolverKnobs.knob(id) }
    return nil
  }

  /// The field's path in the scenario file.
  public var key: String {
    switch self {
    case .targetLoss: return "training.targetLoss"
    case .deadline: return "training.deadlineSeconds"
    case .epochs: return "training.epochs"
    case .deployRemaining: return "model.deployRemaining"
    case .pruningLevels: return "model.pruningLevels"
    case .initialLoss: return "training.initialLoss"
    case .aggregationSeconds: return "training.aggregationSeconds"
    case .knob(let id): return "solver.\(id.rawValue)"
    }
  }

  /// The label shown in the panel.
  public var label: String {
    switch self {
    case .targetLoss: return "target loss"
    case .deadline: return "deadline"
    case .epochs: return "epochs (max)"
    case .deployRemaining: return "deploy ≤"
    case .pruningLevels: return "pruning levels"
    case .initialLoss: return "initial loss"
    case .aggregationSeconds: return "aggregation s"
    case .knob(let id): return id.rawValue
    }
  }

  /// The solver knob's name, if this row is one.
  public var knob: String? { solverKnob?.name }

  public var isKnob: Bool { solverKnob != nil }

  /// What the row means in one line (the knob's help; nil for the goal rows).
  public var help: String? { solverKnob?.help }

  /// The value as the panel and the prompt show it.
  public func format(_ s: Scenario) -> String {
    switch self {
    case .targetLoss: return Format.number(s.training.targetLoss)
    case .deadline: return Format.number(s.training.deadlineSeconds)
    case .epochs: return String(s.training.epochs)
    case .deployRemaining: return Format.number(s.model.deployRemaining)
    case .pruningLevels: return s.model.pruningLevels.map { Format.number($0, digits: 3) }.joined(separator: ",")
    case .initialLoss: return Format.number(s.training.initialLoss)
    case .aggregationSeconds: return Format.number(s.training.aggregationSeconds)
    case .knob(let id): return String(s.solver[id])
    }
  }

  /// The scenario with this field one step up or down (a knob: one step finer or coarser).
  public func step(_ s: Scenario, up: Bool) -> Scenario {
    var s = s
    let factor = up ? 1.25 : 1 / 1.25
    switch self {
    case .targetLoss: s.training.targetLoss *= up ? 1.05 : 1 / 1.05
    case .deadline: s.training.deadlineSeconds *= factor
    case .epochs: s = SettingField.withEpochs(s, s.training.epochs + (up ? 1 : -1))
    case .deployRemaining:
      // Move to the next pruning level's fraction.
      let levels = s.model.pruningLevels
      if up {
        s.model.deployRemaining =
          levels.last(where: { $0 > s.model.deployRemaining + 1e-12 }) ?? s.model.deployRemaining
      } else {
        s.model.deployRemaining =
          levels.first(where: { $0 < s.model.deployRemaining - 1e-12 }) ?? s.model.deployRemaining
      }
    case .pruningLevels:
      // Add or drop the deepest level (a new one at 0.8 × the last).
      if up, let last = s.model.pruningLevels.last {
        s.model.pruningLevels.append((last * 0.8 * 1000).rounded() / 1000)
      } else if !up, s.model.pruningLevels.count > 1 {
        s.model.pruningLevels.removeLast()
      }
      s = SettingField.fitProfiles(s)
    case .initialLoss: s.training.initialLoss *= up ? 1.05 : 1 / 1.05
    case .aggregationSeconds:
      s.training.aggregationSeconds =
        s.training.aggregationSeconds == 0 && up ? 0.5 : s.training.aggregationSeconds * factor
    case .knob(let id):
      let knob = SolverKnobs.knob(id)
      s.solver[id] = up ? knob.finer(s.solver[id]) : knob.coarser(s.solver[id])
    }
    return s
  }

  /// The scenario with this field set from typed text.
  public func parse(_ text: String, into s: Scenario) throws(FieldError) -> Scenario {
    var s = s
    switch self {
    case .targetLoss: s.training.targetLoss = try FieldParser.number(text, field: key)
    case .deadline: s.training.deadlineSeconds = try FieldParser.number(text, field: key)
    case .epochs: s = SettingField.withEpochs(s, try FieldParser.integer(text, field: key))
    case .deployRemaining: s.model.deployRemaining = try FieldParser.number(text, field: key)
    case .pruningLevels:
      var levels: [Double] = []
      for part in text.split(whereSeparator: { $0 == "," || $0 == " " }) where !part.isEmpty {
        levels.append(try FieldParser.number(String(part), field: key))
      }
      s.model.pruningLevels = levels
      s = SettingField.fitProfiles(s)
    case .initialLoss: s.training.initialLoss = try FieldParser.number(text, field: key)
    case .aggregationSeconds: s.training.aggregationSeconds = try FieldParser.number(text, field: key)
    case .knob(let id): s.solver[id] = try FieldParser.integer(text, field: key)
    }
    return s
  }

  /// The scenario with `epochs` epochs, availability windows clipped to fit.
  static func withEpochs(_ s: Scenario, _ epochs: Int) -> Scenario { s.withEpochs(epochs) }

  /// Measured per-level profiles no longer match a changed level list: drop them
  /// (the FLOP-based formula applies again) rather than leave an invalid scenario.
  static func fitProfiles(_ s: Scenario) -> Scenario {
    var s = s
    let J = s.model.pruningLevels.count
    for i in s.nodes.indices {
      if let p = s.nodes[i].energyPerSample, p.count != J { s.nodes[i].energyPerSample = nil }
      if let p = s.nodes[i].secondsPerSample, p.count != J { s.nodes[i].secondsPerSample = nil }
    }
    return s
  }
}
