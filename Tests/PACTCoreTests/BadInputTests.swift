import Foundation
import Testing

@testable import PACTCore

/// Hundreds of broken scenarios made by mutating a valid one: none crashes, and
/// each rejection is an ``InputError`` whose issues name the mutated field (or,
/// for broken JSON, a line and column).
@Suite struct BadInputTests {
  /// Parses `bytes`; a rejection must name a location, and (when given) mention `key`;
  /// an accepted scenario is evaluated and solved at small knobs. Returns whether it was rejected.
  @discardableResult
  static func check(_ bytes: [UInt8], key: String?, _ label: @autoclosure () -> String) -> Bool {
    switch ParseOutcome.of(bytes) {
    case .rejected(let error):
      #expect(error.namesLocations, "\(label()): \(error)")
      if let key {
        #expect(error.mentions(key), "\(label()): no issue mentions \(key): \(error)")
      }
      return true
    case .accepted(let scenario):
      Exercise.run(scenario)
      return false
    }
  }

  @Test func deletingEachField() {
    let root = TinyScenario.json()
    let paths = ScenarioMutator.paths(root)
    var rejected = 0
    for path in paths {
      let mutated = ScenarioMutator.edit(root, at: path.steps[...]) { _ in nil }
      if BadInputTests.check(ScenarioMutator.bytes(mutated), key: path.lastKey, "delete \(path)") { rejected += 1 }
    }
    #expect(paths.count > 80)
    #expect(rejected > 40, "only \(rejected) of \(paths.count) deletions were rejected")
  }

  @Test func requiredFieldsAreNamedWhenMissing() throws {
    let root = TinyScenario.json()
    let required = [
      "model.parameters", "model.flopsPerSample", "model.pruningLevels", "training.epochs", "training.targetLoss",
      "training.deadlineSeconds", "training.initialLoss", "nodes[0].id", "nodes[0].flops", "nodes[0].watts",
      "nodes[0].uplinkBitsPerSecond", "nodes[0].downlinkBitsPerSecond", "nodes[0].samples", "loss.rate",
      "loss.stepsExponent", "loss.remainingExponent", "loss.floor", "loss.floorGrowth", "loss.floorExponent",
      "loss.pruneShock", "loss.skewPenalty", "model", "training", "nodes", "loss",
    ]
    for path in ScenarioMutator.paths(root) where required.contains(path.description) {
      let mutated = ScenarioMutator.edit(root, at: path.steps[...]) { _ in nil }
      guard case .rejected(let error) = ParseOutcome.of(ScenarioMutator.bytes(mutated)) else {
        Issue.record("deleting \(path) was accepted")
        continue
      }
      #expect(error.errors.map(\.description).contains("\(path): is required"), "\(path): \(error)")
    }
  }

  @Test func badValuesInEveryField() {
    let root = TinyScenario.json()
    var documents = 0
    var rejected = 0
    for path in ScenarioMutator.paths(root) {
      for (name, bad) in ScenarioMutator.badValues {
        let mutated = ScenarioMutator.edit(root, at: path.steps[...]) { _ in bad }
        documents += 1
        if BadInputTests.check(ScenarioMutator.bytes(mutated), key: path.lastKey, "\(path) = \(name)") { rejected += 1 }
      }
    }
    #expect(documents > 1500)
    #expect(rejected > documents / 2, "\(rejected) of \(documents)")
  }

  @Test func wrongTypesInEveryField() {
    let root = TinyScenario.json()
    for path in ScenarioMutator.paths(root) {
      guard let original = ScenarioMutator.value(root, at: path.steps[...]) else { continue }
      for choice in 0..<5 {
        let replacement = ScenarioMutator.wrongType(for: original, choice: choice)
        let mutated = ScenarioMutator.edit(root, at: path.steps[...]) { _ in replacement }
        let bytes = ScenarioMutator.bytes(mutated)
        let label = "\(path) = \(JSONWriter.compact(replacement))"
        // `name`, `kind` and `description` are free text; every other field must reject a wrong type.
        let freeText = ["name", "description", "kind"].contains(path.lastKey ?? "")
        if !BadInputTests.check(bytes, key: path.lastKey, label), !freeText, original.isScalarOrArray {
          // Every field but free text is typed, so an accepted wrong type is a bug.
          if case .string = replacement, case .string = original { continue }
          Issue.record("\(label) was accepted")
        }
      }
    }
  }

  @Test func duplicatedKeysAreNamed() {
    let root = TinyScenario.json()
    for path in ScenarioMutator.paths(root) {
      guard case .key = path.steps.last else { continue }
      let mutated = ScenarioMutator.edit(root, at: path.steps[...], duplicate: true) { $0 }
      guard case .rejected(let error) = ParseOutcome.of(ScenarioMutator.bytes(mutated)) else {
        Issue.record("duplicate \(path) was accepted")
        continue
      }
      #expect(error.errors.map(\.description).contains("\(path): appears more than once"), "\(path): \(error)")
    }
  }

  @Test func truncatedAtEveryOffset() {
    let bytes = TinyScenario.bytes
    let lines = bytes.filter { $0 == 0x0A }.count + 1
    for end in 0..<bytes.count {
      switch ParseOutcome.of(Array(bytes[..<end])) {
      case .accepted: Issue.record("truncated at \(end) was accepted")
      case .rejected(let error):
        #expect(error.isSyntaxError, "truncated at \(end): \(error)")
        let line = Int(error.errors.first?.path.split(separator: " ")[1].dropLast() ?? "0") ?? 0
        #expect(line >= 1 && line <= lines, "truncated at \(end): \(error)")
      }
    }
  }

  @Test func invalidUTF8IsRejectedWhereItIs() {
    let bytes = TinyScenario.bytes
    let sequences: [[UInt8]] = [
      [0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xC0, 0x80], [0x80], [0xF8, 0x88],
    ]
    var rng = SeededGenerator(seed: 8)
    for trial in 0..<300 {
      let offset = Int.random(in: 0...bytes.count, using: &rng)
      let sequence = sequences[trial % sequences.count]
      let mutated = Array(bytes[..<offset]) + sequence + Array(bytes[offset...])
      guard case .rejected(let error) = ParseOutcome.of(mutated) else {
        Issue.record("invalid UTF-8 at \(offset) was accepted")
        continue
      }
      let prefix = bytes[..<offset]
      let line = prefix.filter { $0 == 0x0A }.count + 1
      let column = offset - (prefix.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
      #expect(
        error.errors.map(\.description) == ["line \(line), column \(column): invalid UTF-8"],
        "offset \(offset): \(error)")
    }
  }

  @Test func hugeArrays() {
    let root = TinyScenario.json()
    let cases: [(String, Int)] = [
      ("model.pruningLevels", 10_000), ("nodes[0].labelHistogram", 200_000), ("nodes", 3_000),
      ("nodes[0].availableEpochs", 20_000), ("nodes[1].energyPerSample", 5_000), ("nodes[0].availableEpochs[0]", 1_000),
    ]
    for (pathText, count) in cases {
      guard let path = ScenarioMutator.paths(root).first(where: { $0.description == pathText }) else {
        Issue.record("no path \(pathText)")
        continue
      }
      let mutated = ScenarioMutator.edit(root, at: path.steps[...]) { ScenarioMutator.huge($0, count: count) }
      BadInputTests.check(ScenarioMutator.bytes(mutated), key: nil, "\(pathText) × \(count)")
    }
    // 3,000 copies of the same node: every copy after the first is a duplicate id.
    let nodes = ScenarioMutator.edit(root, at: [.key("nodes")]) { ScenarioMutator.huge($0, count: 3_000) }
    guard case .rejected(let error) = ParseOutcome.of(ScenarioMutator.bytes(nodes)) else {
      Issue.record("3,000 copies of three nodes were accepted")
      return
    }
    #expect(error.errors.count == InputError.maximumIssues, "the first 50 are kept")
    #expect(error.errors.count + error.omittedErrors == 2_997, "the others are counted")
    #expect(error.errors.allSatisfy { $0.path.hasSuffix(".id") })
  }

  @Test func planFilesNameTheirBadFields() throws {
    let scenario = TinyScenario.scenario()
    func errors(_ text: String) -> [String] {
      do {
        _ = try Plan.decode(JSONParser.parse(text), scenario: scenario)
        return []
      } catch let error as InputError {
        return error.errors.map(\.description)
      } catch {
        return ["syntax: \(error)"]
      }
    }
    #expect(
      errors(#"{"epochs": [{"nodes": ["a", "zz"], "level": 0}]}"#) == ["epochs[0].nodes[1]: unknown node id \"zz\""])
    #expect(
      errors(#"{"epochs": [{"nodes": ["a"], "level": 3}]}"#) == ["epochs[0].level: must be between 0 and 2, not 3"])
    #expect(errors(#"{"epochs": [{"nodes": [], "level": 0}]}"#) == ["epochs[0].nodes: must name at least one node"])
    #expect(
      errors(#"{"epochs": [{"nodes": ["a"], "level": 0.5}]}"#) == ["epochs[0].level: must be a whole number, not 0.5"])
    #expect(
      errors(#"{"epochs": [{"nodes": ["a", "a"], "level": 0}]}"#) == ["epochs[0].nodes[1]: node \"a\" is listed twice"])
    #expect(
      errors(#"{"epochs": [{"nodes": [3], "level": 0}]}"#) == [
        "epochs[0].nodes[0]: must be a node id string, not a number"
      ])
    #expect(
      errors(#"{"epochs": [{"epoch": 2, "nodes": ["a"], "level": 0}]}"#).first?.hasPrefix("epochs[0].epoch: must be 1")
        == true)
    #expect(errors(#"{"epochs": [{"level": 0}]}"#) == ["epochs[0].nodes: is required"])
    #expect(errors(#"{"epochs": [{"nodes": ["a"]}]}"#) == ["epochs[0].level: is required"])
    #expect(errors(#"{"epochs": 3}"#) == ["epochs: must be an array, not a number"])
    #expect(errors(#"{}"#) == ["epochs: is required"])
    #expect(errors(#"[]"#) == ["the plan must be a JSON object"])
    // Every error at once.
    #expect(errors(#"{"epochs": [{"nodes": ["q"], "level": 9}, {"nodes": [], "level": -1}]}"#).count == 4)
  }
}

extension JSONValue {
  /// Whether this is a number, string, boolean, null or array (not an object).
  var isScalarOrArray: Bool {
    if case .object = self { return false }
    return true
  }
}

/// Runs an accepted scenario through plan evaluation and the PACT solver at small knobs.
enum Exercise {
  /// Knobs small enough that a solve of a sample-sized scenario takes milliseconds.
  static let smallKnobs = SolverKnobs(lossBins: 4, timeBins: 2, maxSetSize: 2, timeCaps: 1, exhaustiveNodes: 2)

  /// Evaluates a plan of up to three epochs (the available nodes, deepest level) and,
  /// when the scenario is small enough, solves it. Returns whether PACT ran.
  @discardableResult
  static func run(_ scenario: Scenario, maximumEpochs: Int = 60, maximumNodes: Int = 40) -> Bool {
    let evaluator = PlanEvaluator(scenario: scenario)
    var decisions: [EpochDecision] = []
    for epoch in 1...min(3, scenario.training.epochs) {
      let available = scenario.availableNodes(at: epoch)
      if available.isEmpty { break }
      decisions.append(EpochDecision(nodes: available, level: scenario.levelCount - 1))
    }
    let evaluation = evaluator.evaluate(Plan(epochs: decisions))
    #expect(!evaluation.totalJoules.isNaN)
    guard scenario.training.epochs <= maximumEpochs, scenario.nodes.count <= maximumNodes else { return false }
    let result = PACTSolver(scenario: scenario, knobs: smallKnobs).solve()
    switch result.status {
    case .solved:
      #expect(result.evaluation?.isFeasible == true, "\(scenario.name): PACT returned an infeasible plan")
    case .infeasible:
      #expect(!result.infeasibility.isEmpty, "\(scenario.name): infeasible without a reason")
    case .cancelled, .budgetExceeded, .refused: break
    }
    return true
  }
}
