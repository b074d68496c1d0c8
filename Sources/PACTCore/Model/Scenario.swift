/// A cooperative-training planning problem: the model, the training goal, the
/// nodes that can train, the loss-prediction coefficients and the solver knobs.
///
/// Mirrors the scenario file of docs/MODEL.md field by field; defaults are applied
/// on decoding (see `Scenario+Decoding.swift`) and checked on validation.
public struct Scenario: Equatable, Sendable {
  public var name: String
  public var description: String
  public var model: ModelSpec
  public var training: TrainingSpec
  public var nodes: [Node]
  public var loss: LossParameters
  public var solver: SolverKnobs
  /// The text this scenario was read from (or last saved as), when there is one: a
  /// save edits it in place (``fileText()``). Not part of equality.
  public var source: ScenarioSource?

  /// A scenario of these parts (the solver's default knobs unless given).
  public init(
    name: String, description: String = "", model: ModelSpec, training: TrainingSpec, nodes: [Node],
    loss: LossParameters, solver: SolverKnobs = SolverKnobs()
  ) {
    self.name = name
    self.description = description
    self.model = model
    self.training = training
    self.nodes = nodes
    self.loss = loss
    self.solver = solver
  }

  /// Equal when every field pact reads is equal (``source`` is not compared).
  public static func == (a: Scenario, b: Scenario) -> Bool {
    a.name == b.name && a.description == b.description && a.model == b.model && a.training == b.training
      && a.nodes == b.nodes && a.loss == b.loss && a.solver == b.solver
  }

  /// Number of pruning levels (J).
  public var levelCount: Int { model.pruningLevels.count }

  /// Whether the nodes carry label histograms (then δ is computed; otherwise δ = 0).
  public var hasHistograms: Bool { nodes.first?.labelHistogram != nil }

  /// Index of the node with `id`, if any.
  public func nodeIndex(id: String) -> Int? { nodes.firstIndex { $0.id == id } }

  /// Indices of the nodes available at `epoch` (1-based).
  public func availableNodes(at epoch: Int) -> [Int] {
    nodes.indices.filter { nodes[$0].isAvailable(at: epoch) }
  }

  /// The smallest level index whose remaining fraction meets the deployment requirement.
  public var firstDeployableLevel: Int? {
    model.pruningLevels.firstIndex { $0 <= model.deployRemaining }
  }
}

extension Scenario {
  /// The loss a plan's predicted final loss must reach: `training.targetLoss`, or with
  /// `training.confidence` the tighter target at which the real loss meets it with that
  /// probability (``PredictionBand/planningTarget(_:confidence:rounds:)``).
  public var planningTargetLoss: Double {
    guard let c = training.confidence, let band = loss.band else { return training.targetLoss }
    return band.planningTarget(training.targetLoss, confidence: c, rounds: training.epochs)
  }

  /// The scenario the solvers plan on: the target replaced by ``planningTargetLoss``.
  public var forPlanning: Scenario {
    guard training.confidence != nil, loss.band != nil else { return self }
    var s = self
    s.training.targetLoss = planningTargetLoss
    s.training.confidence = nil
    return s
  }
}
