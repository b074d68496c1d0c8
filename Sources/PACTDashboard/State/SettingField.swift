import PACTCore

/// A row of the Settings panel: a goal (``GoalParameter``), a setup field that is not a
/// goal (``SetupField``), or a solver knob (``KnobName``). What a goal or a knob is
/// (its key, its step, its help) lives with those types; this only orders the rows.
public enum SettingField: Hashable, Sendable {
  case goal(GoalParameter)
  case setup(SetupField)
  case knob(KnobName)

  /// Every row, in the panel's order: the goals, the setup fields, then the knobs.
  public static let allCases: [SettingField] =
    [GoalParameter.target, .deadline, .epochs, .deploy].map { .goal($0) } + SetupField.allCases.map { .setup($0) }
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
    case .goal(let goal): return goal.path
    case .setup(let field): return field.key
    case .knob(let id): return "solver.\(id.rawValue)"
    }
  }

  /// The label shown in the panel.
  public var label: String {
    switch self {
    case .goal(let goal): return goal.label
    case .setup(let field): return field.label
    case .knob(let id): return id.rawValue
    }
  }

  public var isKnob: Bool { solverKnob != nil }

  /// What the row means in one line (the knob's help; nil for the other rows).
  public var help: String? { solverKnob?.help }

  /// The value as the panel and the prompt show it.
  public func format(_ s: Scenario) -> String {
    switch self {
    case .goal(let goal): return Format.number(goal.value(in: s))
    case .setup(let field): return field.format(s)
    case .knob(let id): return String(s.solver[id])
    }
  }

  /// The scenario with this field one step up or down (a knob: one step finer or coarser).
  public func step(_ s: Scenario, up: Bool) -> Scenario {
    switch self {
    case .goal(let goal): return goal.stepped(s, up: up)
    case .setup(let field): return field.step(s, up: up)
    case .knob(let id):
      var s = s
      let knob = SolverKnobs.knob(id)
      s.solver[id] = up ? knob.finer(s.solver[id]) : knob.coarser(s.solver[id])
      return s
    }
  }

  /// The scenario with this field set from typed text.
  public func parse(_ text: String, into s: Scenario) throws(FieldError) -> Scenario {
    switch self {
    case .goal(let goal):
      let value =
        goal.isInteger
        ? Double(try FieldParser.integer(text, field: key)) : try FieldParser.number(text, field: key)
      return goal.applying(value, to: s)
    case .setup(let field): return try field.parse(text, into: s)
    case .knob(let id):
      var s = s
      s.solver[id] = try FieldParser.integer(text, field: key)
      return s
    }
  }
}

/// The settings that shape training but are no goal: the pruning levels, the initial
/// loss and the aggregation time.
public enum SetupField: CaseIterable, Hashable, Sendable {
  case pruningLevels, initialLoss, aggregationSeconds

  /// The field's path in the scenario file.
  public var key: String {
    switch self {
    case .pruningLevels: return ModelKey.pruningLevels.path
    case .initialLoss: return TrainingKey.initialLoss.path
    case .aggregationSeconds: return TrainingKey.aggregationSeconds.path
    }
  }

  var label: String {
    switch self {
    case .pruningLevels: return "pruning levels"
    case .initialLoss: return "initial loss"
    case .aggregationSeconds: return "aggregation s"
    }
  }

  func format(_ s: Scenario) -> String {
    switch self {
    case .pruningLevels: return s.model.pruningLevels.map { Format.number($0, digits: 3) }.joined(separator: ",")
    case .initialLoss: return Format.number(s.training.initialLoss)
    case .aggregationSeconds: return Format.number(s.training.aggregationSeconds)
    }
  }

  func step(_ s: Scenario, up: Bool) -> Scenario {
    var s = s
    switch self {
    case .pruningLevels:
      // Add or drop the deepest level (a new one at 0.8 × the last).
      if up, let last = s.model.pruningLevels.last {
        s.model.pruningLevels.append((last * 0.8 * 1000).rounded() / 1000)
      } else if !up, s.model.pruningLevels.count > 1 {
        s.model.pruningLevels.removeLast()
      }
      s = SetupField.fitProfiles(s)
    case .initialLoss: s.training.initialLoss *= up ? 1.05 : 1 / 1.05
    case .aggregationSeconds:
      s.training.aggregationSeconds =
        s.training.aggregationSeconds == 0 && up ? 0.5 : s.training.aggregationSeconds * (up ? 1.25 : 1 / 1.25)
    }
    return s
  }

  func parse(_ text: String, into s: Scenario) throws(FieldError) -> Scenario {
    var s = s
    switch self {
    case .pruningLevels:
      var levels: [Double] = []
      for part in text.split(whereSeparator: { $0 == "," || $0 == " " }) where !part.isEmpty {
        levels.append(try FieldParser.number(String(part), field: key))
      }
      s.model.pruningLevels = levels
      s = SetupField.fitProfiles(s)
    case .initialLoss: s.training.initialLoss = try FieldParser.number(text, field: key)
    case .aggregationSeconds: s.training.aggregationSeconds = try FieldParser.number(text, field: key)
    }
    return s
  }

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
