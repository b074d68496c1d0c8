/// Why the plan changed after an edit, in one line: what changed in the plan (nodes that
/// joined or left, epochs, pruning) and the term of the model behind it.
///
/// The term is found by counterfactuals, not guessed:
/// - **The new plan under the old scenario.** When it would not have been feasible there,
///   the edit is what made it possible, and what it would have missed names the term: a
///   node unavailable then (*availability*), past the old deadline (*time*), short of the
///   target — because the edit changed its sets' label skew (*label skew*, δ), their local
///   steps (*local steps*, u), the loss model or the target itself — or a model too large
///   to deploy (*deployed size*). A node that did not exist before is named as new.
/// - **The old plan under the new scenario.** When it is no longer feasible, what it now
///   misses names the term the same way.
/// - Otherwise both plans were feasible in both scenarios: the edit changed their costs
///   (*energy*: the new plan got cheaper, or the old one dearer, by the edit), or neither
///   did and PACT found a cheaper plan than before (*solver*: within its proven gap).
///
/// Plans are compared by node id, so edits that add, remove or reorder nodes compare
/// sensibly.
public struct PlanChangeExplanation: Equatable, Sendable {
  /// The term of the model behind the change.
  public enum Term: String, Sendable {
    case time
    case energy
    case labelSkew = "label skew"
    case localSteps = "local steps"
    case availability
    case target
    case lossModel = "loss model"
    case deployedSize = "deployed size"
    case epochs
    case newNode = "a new node"
    case solver
  }

  /// What changed in the plan, in words (`h-oslo joins`, `2 epochs fewer (10)`); empty
  /// when it is the same plan.
  public var changes: [String]
  /// New energy ÷ old − 1.
  public var relativeEnergy: Double
  /// The term behind the change, and the words that say so (`the label skew of its sets
  /// fell (δ 0.28 → 0.22)`); nil when nothing changed.
  public var term: Term?
  public var because: String?

  /// The whole line, the term first (a narrow screen cuts the end): `−27.0 % energy —
  /// label skew: … — h-oslo joins; 2 epochs fewer (10)`.
  public var summary: String {
    var line = "\(Format.percent(relativeEnergy, decimals: 1)) energy"
    if let term, let because { line += " — \(term.rawValue): \(because)" }
    line += " — " + (changes.isEmpty ? "the same plan" : changes.joined(separator: "; "))
    return line
  }

  /// The explanation of going from `old` (its plan's evaluation in `oldScenario`) to
  /// `new`; nil unless both plans are feasible.
  public init?(
    from old: PlanEvaluation, in oldScenario: Scenario, to new: PlanEvaluation, in newScenario: Scenario
  ) {
    guard old.isFeasible, new.isFeasible, old.totalJoules > 0 else { return nil }
    changes = PlanShape(old, scenario: oldScenario).change(to: PlanShape(new, scenario: newScenario))
    relativeEnergy = new.totalJoules / old.totalJoules - 1
    let sameCost = abs(relativeEnergy) < 1e-9
    if changes.isEmpty && sameCost && Self.ids(old.plan, oldScenario) == Self.ids(new.plan, newScenario) {
      return nil
    }
    // The new plan where the edit was not made.
    if let moved = Self.remap(new.plan, from: newScenario, to: oldScenario) {
      let before = PlanEvaluator(scenario: oldScenario).evaluate(moved)
      if let why = Self.miss(before, in: oldScenario, against: new, in: newScenario, newPlan: true) {
        (term, because) = why
        return
      }
      // Feasible before the edit too: cheaper than the old plan there means PACT missed it
      // before (or now found it); otherwise the edit made it cheaper.
      if before.totalJoules < old.totalJoules * (1 - 1e-9) {
        (term, because) = (.solver, "this plan was open before the edit too; PACT finds it now (within its gap)")
        return
      }
      if new.totalJoules < before.totalJoules * (1 - 1e-9) {
        (term, because) = (
          .energy,
          "the edit made this plan cheaper (\(Format.joules(before.totalJoules)) → \(Format.joules(new.totalJoules)))"
        )
        return
      }
    } else {
      let newIDs = Set(new.plan.epochs.flatMap(\.nodes).map { newScenario.nodes[$0].id })
      let added = newIDs.subtracting(oldScenario.nodes.map(\.id)).sorted()
      if !added.isEmpty {
        (term, because) = (.newNode, "it uses \(added.joined(separator: ", ")), added by the edit")
      } else {
        (term, because) = (.deployedSize, "it uses a pruning level the old scenario did not have")
      }
      return
    }
    // The old plan where the edit was made.
    if let moved = Self.remap(old.plan, from: oldScenario, to: newScenario) {
      let after = PlanEvaluator(scenario: newScenario).evaluate(moved)
      if let why = Self.miss(after, in: newScenario, against: old, in: oldScenario, newPlan: false) {
        (term, because) = why
        return
      }
      if after.totalJoules > old.totalJoules * (1 + 1e-9) {
        (term, because) = (
          .energy,
          "the edit made the old plan dearer (\(Format.joules(old.totalJoules)) → \(Format.joules(after.totalJoules)))"
        )
        return
      }
    } else {
      (term, because) = (.availability, "the old plan uses a node the edit removed")
      return
    }
    (term, because) = sameCost ? (nil, nil) : (.solver, "PACT found another plan (within its gap)")
  }

  /// Why `evaluation` (a plan evaluated in `scenario`) is not feasible there, as a term and
  /// words; the same plan's evaluation `other` in `otherScenario` gives the figures that
  /// changed. `newPlan`: the plan is the new one (seen before the edit), else the old one
  /// (seen after it). Nil when it is feasible.
  static func miss(
    _ evaluation: PlanEvaluation, in scenario: Scenario, against other: PlanEvaluation, in otherScenario: Scenario,
    newPlan: Bool
  ) -> (Term, String)? {
    guard !evaluation.isFeasible else { return nil }
    let subject = newPlan ? "before the edit, this plan" : "the old plan now"
    for e in evaluation.epochs {
      let off = e.nodes.filter { !scenario.nodes[$0].isAvailable(at: e.epoch) }
      if let first = off.first {
        return (
          .availability,
          "\(scenario.nodes[first].id) \(newPlan ? "was not" : "is no longer") available at epoch \(e.epoch)"
        )
      }
    }
    let t = scenario.training
    if evaluation.epochs.count > t.epochs {
      return (.epochs, "\(subject) has \(evaluation.epochs.count) epochs, more than \(t.epochs)")
    }
    if let last = evaluation.epochs.last,
      scenario.model.pruningLevels.indices.contains(last.level),
      scenario.model.pruningLevels[last.level] > scenario.model.deployRemaining
    {
      return (
        .deployedSize, "\(subject) would deploy a model larger than \(Format.number(scenario.model.deployRemaining))"
      )
    }
    if !(evaluation.finalLoss <= scenario.planningTargetLoss) {
      // Same plan, other scenario: which ingredient of its progress moved?
      let (s0, s1) = (Self.meanSkew(evaluation), Self.meanSkew(other))
      let (u0, u1) = (Self.meanSteps(evaluation), Self.meanSteps(other))
      let skewMove = abs(s1 - s0) / max(1e-12, max(s0, s1))
      let stepMove = abs(u1 - u0) / max(1e-12, max(u0, u1))
      let lossWords =
        "\(subject) \(newPlan ? "would have ended" : "ends") at loss \(Format.number(evaluation.finalLoss)), above \(Format.number(scenario.planningTargetLoss))"
      if skewMove > 1e-9 && skewMove >= stepMove {
        let (from, to) = newPlan ? (s0, s1) : (s1, s0)
        return (
          .labelSkew,
          "the label skew of its sets \(to < from ? "fell" : "rose") (δ \(Format.number(from, digits: 2)) → \(Format.number(to, digits: 2))); \(lossWords)"
        )
      }
      if stepMove > 1e-9 {
        let (from, to) = newPlan ? (u0, u1) : (u1, u0)
        return (
          .localSteps,
          "its sets' mean local steps \(to > from ? "rose" : "fell") (u \(Format.number(from, digits: 3)) → \(Format.number(to, digits: 3))); \(lossWords)"
        )
      }
      if scenario.planningTargetLoss != otherScenario.planningTargetLoss {
        return (.target, lossWords)
      }
      return (.lossModel, lossWords)
    }
    if !(evaluation.totalSeconds <= t.deadlineSeconds) {
      return (
        .time,
        "\(subject) \(newPlan ? "would have taken" : "takes") \(Format.seconds(evaluation.totalSeconds)), past the deadline \(Format.seconds(t.deadlineSeconds))"
      )
    }
    return (.solver, evaluation.violations.first ?? "infeasible")
  }

  static func meanSkew(_ e: PlanEvaluation) -> Double {
    e.epochs.isEmpty ? 0 : e.epochs.map(\.skew).reduce(0, +) / Double(e.epochs.count)
  }

  static func meanSteps(_ e: PlanEvaluation) -> Double {
    e.epochs.isEmpty ? 0 : e.epochs.map(\.meanSteps).reduce(0, +) / Double(e.epochs.count)
  }

  /// The plan's decisions as node ids and pruning fractions.
  static func ids(_ plan: Plan, _ s: Scenario) -> [[String]] {
    plan.epochs.map { d in
      d.nodes.map { s.nodes.indices.contains($0) ? s.nodes[$0].id : "?" }.sorted()
        + ["\(s.model.pruningLevels.indices.contains(d.level) ? s.model.pruningLevels[d.level] : -1)"]
    }
  }

  /// `plan` (of `from`) with its nodes and levels found in `to` by id and fraction; nil
  /// when a node or a level is not there.
  static func remap(_ plan: Plan, from: Scenario, to: Scenario) -> Plan? {
    var index: [String: Int] = [:]
    for (i, n) in to.nodes.enumerated() where index[n.id] == nil { index[n.id] = i }
    var epochs: [EpochDecision] = []
    for d in plan.epochs {
      var nodes: [Int] = []
      for i in d.nodes {
        guard from.nodes.indices.contains(i), let j = index[from.nodes[i].id] else { return nil }
        nodes.append(j)
      }
      guard from.model.pruningLevels.indices.contains(d.level),
        let level = to.model.pruningLevels.firstIndex(where: {
          abs($0 - from.model.pruningLevels[d.level]) <= 1e-12
        })
      else { return nil }
      epochs.append(EpochDecision(nodes: nodes.sorted(), level: level))
    }
    return Plan(epochs: epochs)
  }
}
