import Foundation
import Testing

@testable import PACTCore

/// Each rule of Scenario+Validation.swift gives an error naming its path; all
/// errors come at once; MODEL.md's defaults are applied.
@Suite struct ScenarioValidationTests {
  /// The paths of the errors of `scenario.validate()`.
  static func errorPaths(_ scenario: Scenario) -> [String] {
    scenario.validate().filter { $0.severity == .error }.map(\.path)
  }

  /// The errors of parsing `text` (empty when it parses).
  static func parseErrors(_ text: String) -> [ScenarioIssue] {
    do {
      _ = try Scenario.parse(Array(text.utf8))
      return []
    } catch {
      return error.errors
    }
  }

  /// The tiny scenario's JSON text with `old` replaced by `new` (exactly once).
  static func tinyText(replacing old: String, with new: String) -> String {
    let text = TinyScenario.text
    #expect(text.components(separatedBy: old).count == 2, "\(old) must occur once in the tiny scenario")
    return text.replacingOccurrences(of: old, with: new)
  }

  @Test func tinyScenarioIsValidAndEveryFixtureLoads() throws {
    #expect(TinyScenario.scenario().validate().isEmpty)
    #expect(SampleFixtures.names.count >= 6)
    for name in SampleFixtures.names {
      let (scenario, warnings) = try Scenario.parse(SampleFixtures.bytes(name), source: name)
      #expect(warnings.isEmpty, "\(name): \(warnings)")
      #expect(!scenario.description.isEmpty, "\(name) has no description")
      #expect(scenario.name + ".json" == name)
    }
  }

  @Test func nodeNumbersMustBePositive() {
    var s = TinyScenario.scenario()
    s.nodes[2].uplinkBitsPerSecond = 0
    s.nodes[0].downlinkBitsPerSecond = -5
    s.nodes[0].flops = 0
    s.nodes[2].watts = -1
    s.nodes[1].radioWatts = -0.1
    s.nodes[2].samples = 0
    let issues = s.validate()
    let text = issues.map(\.description)
    #expect(text.contains("nodes[2].uplinkBitsPerSecond: must be > 0, not 0"))
    #expect(text.contains("nodes[0].downlinkBitsPerSecond: must be > 0, not -5"))
    #expect(text.contains("nodes[0].flops: must be > 0, not 0"))
    #expect(text.contains("nodes[2].watts: must be > 0, not -1"))
    #expect(text.contains("nodes[1].radioWatts: must be ≥ 0, not -0.1"))
    #expect(text.contains("nodes[2].samples: must be ≥ 1, not 0"))
    #expect(issues.count == 6, "\(text)")
  }

  @Test(arguments: [[0.9, 0.5], [1.0, 0.5, 0.5], [1.0, 0.6, 0.7], [1.0, 0.5, 0], [1.0, -0.5], [1.1, 0.5]])
  func pruningLevelsMustStartAtOneAndStrictlyDecrease(levels: [Double]) {
    var s = TinyScenario.scenario()
    s.model.pruningLevels = levels
    s.nodes[1].energyPerSample = nil
    s.nodes[1].secondsPerSample = nil
    let issues = s.validate()
    #expect(
      issues.contains {
        $0.path == "model.pruningLevels" && $0.message.hasPrefix("must be strictly decreasing")
      }, "\(levels): \(issues)")
  }

  @Test func pruningLevelsEmptyTooManyOrNotFinite() {
    var s = TinyScenario.scenario()
    s.nodes[1].energyPerSample = nil
    s.nodes[1].secondsPerSample = nil
    s.model.pruningLevels = []
    #expect(ScenarioValidationTests.errorPaths(s).contains("model.pruningLevels"))
    s.model.pruningLevels = (0..<65).map { pow(0.99, Double($0)) }
    #expect(s.validate().contains { $0.path == "model.pruningLevels" && $0.message.contains("at most 64") })
    s.model.pruningLevels = [1.0, .nan]
    #expect(s.validate().contains { $0.path == "model.pruningLevels" && $0.message == "must be finite numbers" })
  }

  @Test func duplicateIdsAndEmptyIds() {
    var s = TinyScenario.scenario()
    s.nodes[2].id = "a"
    s.nodes[1].id = ""
    let text = s.validate().map(\.description)
    #expect(text.contains("nodes[2].id: duplicate id \"a\" (also nodes[0])"))
    #expect(text.contains("nodes[1].id: must not be empty"))
  }

  @Test func histogramRules() {
    var s = TinyScenario.scenario()
    s.nodes[1].labelHistogram = [1, 2]
    #expect(
      s.validate().map(\.description).contains(
        "nodes[1].labelHistogram: has 2 classes but nodes[0] has 3: lengths must match"))
    s = TinyScenario.scenario()
    s.nodes[2].labelHistogram = nil
    #expect(ScenarioValidationTests.errorPaths(s) == ["nodes[2].labelHistogram"])
    s = TinyScenario.scenario()
    s.nodes[0].labelHistogram = nil
    #expect(ScenarioValidationTests.errorPaths(s) == ["nodes[1].labelHistogram", "nodes[2].labelHistogram"])
    s = TinyScenario.scenario()
    s.nodes[2].labelHistogram = [0, -1, 3]
    #expect(ScenarioValidationTests.errorPaths(s) == ["nodes[2].labelHistogram[1]"])
    s.nodes[2].labelHistogram = [0, 0, 0]
    #expect(s.validate().map(\.description) == ["nodes[2].labelHistogram: must have a positive total"])
  }

  @Test func profilesNeedOneValuePerLevel() {
    var s = TinyScenario.scenario()
    s.nodes[1].energyPerSample = [0.01, 0.02]
    s.nodes[1].secondsPerSample = [1e-5, 1e-5, .infinity]
    let text = s.validate().map(\.description)
    #expect(text.contains("nodes[1].energyPerSample: has 2 values but model.pruningLevels has 3: one per level"))
    #expect(text.contains { $0.hasPrefix("nodes[1].secondsPerSample[2]: must be a finite number ≥ 0") })
  }

  @Test func availabilityMustLieWithinTheEpochs() {
    var s = TinyScenario.scenario()
    s.nodes[0].availableEpochs = [EpochWindow(0, 2), EpochWindow(3, 7), EpochWindow(5, 4), EpochWindow(2, 6)]
    let paths = ScenarioValidationTests.errorPaths(s)
    #expect(paths == ["nodes[0].availableEpochs[0]", "nodes[0].availableEpochs[1]", "nodes[0].availableEpochs[2]"])
    #expect(s.validate()[1].message.contains("≤ training.epochs (6)"))
  }

  @Test func trainingAndModelRules() {
    var s = TinyScenario.scenario()
    s.training.epochs = 0
    s.training.targetLoss = 0
    s.training.deadlineSeconds = -3
    s.training.initialLoss = .infinity
    s.training.batchSize = 0
    s.training.localEpochs = 0
    s.training.aggregationSeconds = -1
    s.model.parameters = 0
    s.model.bitsPerParameter = .nan
    s.model.flopsPerSample = -1
    s.model.deployRemaining = 1.5
    s.nodes[0].availableEpochs = nil
    let paths = Set(ScenarioValidationTests.errorPaths(s))
    #expect(
      paths == [
        "training.epochs", "training.targetLoss", "training.deadlineSeconds", "training.initialLoss",
        "training.batchSize", "training.localEpochs", "training.aggregationSeconds", "model.parameters",
        "model.bitsPerParameter", "model.flopsPerSample", "model.deployRemaining",
      ])
  }

  @Test func deployBelowTheSmallestLevelIsAnError() {
    var s = TinyScenario.scenario()
    s.model.deployRemaining = 0.1
    let issues = s.validate()
    #expect(issues.count == 1)
    #expect(issues.first?.path == "model.deployRemaining")
    #expect(issues.first?.message.contains("below the smallest pruning level 0.25") == true)
  }

  @Test func lossAndSolverRules() {
    var s = TinyScenario.scenario()
    s.loss.rate = -1
    s.loss.stepsExponent = .nan
    s.loss.floor = -0.1
    s.loss.pruneShock = -1
    s.loss.skewPenalty = .infinity
    s.solver.lossBins = 1
    s.solver.exhaustiveNodes = 17
    let paths = Set(ScenarioValidationTests.errorPaths(s))
    #expect(
      paths == [
        "loss.rate", "loss.stepsExponent", "loss.floor", "loss.pruneShock", "loss.skewPenalty", "solver.lossBins",
        "solver.exhaustiveNodes",
      ])
  }

  @Test func overflowingDerivedFiguresAreErrors() {
    var s = TinyScenario.scenario()
    s.model.flopsPerSample = 1e308
    s.nodes[0].samples = 1_000_000
    #expect(s.validate().contains { $0.path == "nodes[0]" && $0.message.contains("overflows") })
    s = TinyScenario.scenario()
    s.loss.floorExponent = 1e6
    #expect(s.validate().contains { $0.path == "loss.floorGrowth" && $0.message.contains("overflows") })
  }

  @Test func nanAndInfinitySpelledAsStringsAreRejectedByPath() {
    let text = ScenarioValidationTests.tinyText(replacing: "\"parameters\": 1000000", with: "\"parameters\": \"NaN\"")
      .replacingOccurrences(of: "\"deadlineSeconds\": 200", with: "\"deadlineSeconds\": \"Infinity\"")
      .replacingOccurrences(of: "\"floor\": 0.27", with: "\"floor\": \"-Infinity\"")
    let errors = ScenarioValidationTests.parseErrors(text).map(\.description)
    #expect(
      errors == [
        "model.parameters: must be a number, not the string \"NaN\"",
        "training.deadlineSeconds: must be a number, not the string \"Infinity\"",
        "loss.floor: must be a number, not the string \"-Infinity\"",
      ])
  }

  @Test func reportsEveryErrorAtOnce() {
    var text = ScenarioValidationTests.tinyText(
      replacing: "\"uplinkBitsPerSecond\": 2.0e7", with: "\"uplinkBitsPerSecond\": 0")
    text = text.replacingOccurrences(
      of: "\"pruningLevels\": [1.0, 0.5, 0.25]", with: "\"pruningLevels\": [1.0, 0.5, 0.5]")
    text = text.replacingOccurrences(of: "\"id\": \"c\"", with: "\"id\": \"a\"")
    text = text.replacingOccurrences(of: "\"samples\": 500", with: "\"samples\": 2.5")
    text = text.replacingOccurrences(of: "\"batchSize\": 32", with: "\"batchSize\": true")
    text = text.replacingOccurrences(
      of: "\"availableEpochs\": [[1, 3], [5, 6]]", with: "\"availableEpochs\": [[1, 3], [5, 9]]")
    let paths = Set(ScenarioValidationTests.parseErrors(text).map(\.path))
    #expect(
      paths == [
        "nodes[2].uplinkBitsPerSecond", "model.pruningLevels", "nodes[2].id", "nodes[0].samples", "training.batchSize",
        "nodes[0].availableEpochs[1]",
      ])
  }

  @Test func typeErrorsNameTheirPath() {
    let text = TinyScenario.text
      .replacingOccurrences(of: "\"labelHistogram\": [300, 200, 0]", with: "\"labelHistogram\": [300, \"200\", 0]")
      .replacingOccurrences(of: "\"availableEpochs\": [[1, 3], [5, 6]]", with: "\"availableEpochs\": [[1, 3, 4], 5]")
      .replacingOccurrences(of: "\"name\": \"tiny\"", with: "\"name\": 3")
      .replacingOccurrences(of: "\"model\": \"pact-v1\"", with: "\"model\": \"pact-v9\"")
    let text2 = ScenarioValidationTests.parseErrors(text).map(\.description)
    #expect(text2.contains("name: must be a string, not a number"))
    #expect(text2.contains("nodes[0].labelHistogram[1]: must be a number, not the string \"200\""))
    #expect(text2.contains("nodes[0].availableEpochs[0]: must be a pair [first, last], not 3 values"))
    #expect(text2.contains("nodes[0].availableEpochs[1]: must be an array, not a number"))
    #expect(text2.contains { $0.hasPrefix("loss.model: unknown loss model \"pact-v9\"") })
    #expect(
      ScenarioValidationTests.parseErrors("[1, 2]").map(\.message) == [
        "the scenario must be a JSON object, not an array"
      ])
  }

  @Test func duplicateAndUnknownKeys() throws {
    let dup = TinyScenario.text.replacingOccurrences(of: "\"epochs\": 6,", with: "\"epochs\": 6, \"epochs\": 7,")
    #expect(ScenarioValidationTests.parseErrors(dup).map(\.description) == ["training.epochs: appears more than once"])
    let unknown = TinyScenario.text.replacingOccurrences(of: "\"epochs\": 6,", with: "\"epochs\": 6, \"epoch\": 7,")
    let warnings = try Scenario.parse(Array(unknown.utf8)).warnings.map(\.description)
    #expect(warnings == ["warning: training.epoch: unknown key, ignored"])
  }

  @Test func modelDefaultsAreApplied() throws {
    let minimal = """
      { "model": { "parameters": 100, "flopsPerSample": 10, "pruningLevels": [1.0] },
        "training": { "epochs": 2, "targetLoss": 1, "deadlineSeconds": 10, "initialLoss": 2 },
        "nodes": [ { "id": "x", "flops": 1e9, "watts": 1, "uplinkBitsPerSecond": 1e6, "downlinkBitsPerSecond": 1e6,
                     "samples": 10 } ],
        "loss": { "rate": 0.1, "stepsExponent": 0.3, "remainingExponent": 1, "floor": 0.1, "floorGrowth": 0,
                  "floorExponent": 1, "pruneShock": 0.2, "skewPenalty": 1 } }
      """
    let s = try Scenario.parse(Array(minimal.utf8)).scenario
    #expect(s.model.bitsPerParameter == 32)
    #expect(s.model.deployRemaining == 1.0)
    #expect(s.training.batchSize == 32)
    #expect(s.training.localEpochs == 1)
    #expect(s.training.aggregationSeconds == 0)
    #expect(s.nodes[0].radioWatts == 0)
    #expect(s.nodes[0].availableEpochs == nil)
    #expect(s.nodes[0].isAvailable(at: 1) && s.nodes[0].isAvailable(at: 2))
    #expect(s.nodes[0].labelHistogram == nil)
    #expect(s.nodes[0].name == "x")
    #expect(s.loss.model == .pactV1)
    #expect(s.solver == SolverKnobs())
    #expect(s.description == "")
  }

  @Test func profiledNodesNeedNoFlopsOrWatts() throws {
    let text = TinyScenario.text.replacingOccurrences(
      of: "\"flops\": 1.0e13, \"watts\": 300, ", with: "")
    let s = try Scenario.parse(Array(text.utf8)).scenario
    #expect(s.nodes[1].flops == .infinity)
    #expect(s.nodes[1].watts == 0)
    // Without the time profile, flops is required again.
    let text2 = text.replacingOccurrences(of: ", \"secondsPerSample\": [2.0e-5, 1.8e-5, 1.7e-5]", with: "")
    #expect(ScenarioValidationTests.parseErrors(text2).map(\.description) == ["nodes[1].flops: is required"])
  }

  @Test func missingSectionsAreNamed() {
    let errors = ScenarioValidationTests.parseErrors("{\"name\": \"x\"}").map(\.description)
    #expect(errors == ["model: is required", "training: is required", "nodes: is required", "loss: is required"])
  }
}

/// Knobs have a typed identity (issue 19): every name has exactly one row of the table,
/// and the name read from a file or the command line is that row's.
@Suite struct KnobNameTests {
  @Test func everyKnobNameHasExactlyOneRow() {
    for id in KnobName.allCases {
      #expect(SolverKnobs.table.filter { $0.id == id }.count == 1, "\(id)")
      #expect(SolverKnobs.knob(named: id.rawValue)?.id == id)
      #expect(SolverKnobs.table[SolverKnobs.index(of: id)].id == id)
    }
    #expect(SolverKnobs.table.count == KnobName.allCases.count)
    #expect(SolverKnobs.knob(named: "lossbins") == nil, "names are exact")
    var k = SolverKnobs()
    k[.timeBins] = 77
    #expect(k.timeBins == 77 && k["timeBins"] == 77)
  }
}

@Suite struct OrdinalTests {
  @Test func ordinals() {
    #expect(
      [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 112].map(Format.ordinal) == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "112th",
      ])
  }
}
