import Foundation

@testable import PACTCore

/// The sample scenarios copied into the test bundle (`Fixtures/samples`, kept in
/// sync with `sample-scenarios/` by `scripts/check-fixtures.sh`).
enum SampleFixtures {
  static var directory: URL {
    guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
      fatalError("the Fixtures resource folder is missing from the test bundle")
    }
    return url.appendingPathComponent("samples")
  }

  /// File names of every sample scenario, sorted.
  static var names: [String] {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return files.filter { $0.hasSuffix(".json") }.sorted()
  }

  static func bytes(_ name: String) -> [UInt8] {
    (try? InputFile.read(directory.appendingPathComponent(name).path)) ?? []
  }
}

/// A small valid scenario that uses every field of the scenario file, so that
/// mutating each field exercises every decoding and validation path.
enum TinyScenario {
  static let text = """
    {
      "name": "tiny",
      "description": "three nodes, three levels",
      "model": { "name": "m", "parameters": 1000000, "bitsPerParameter": 32, "flopsPerSample": 1.0e8,
                 "pruningLevels": [1.0, 0.5, 0.25], "deployRemaining": 0.5 },
      "training": { "epochs": 6, "targetLoss": 1.2, "deadlineSeconds": 200, "initialLoss": 2.3,
                    "batchSize": 32, "localEpochs": 1, "aggregationSeconds": 0.5 },
      "nodes": [
        { "id": "a", "name": "phone", "kind": "device", "flops": 1.0e10, "watts": 3, "uplinkBitsPerSecond": 1.0e7,
          "downlinkBitsPerSecond": 5.0e7, "radioWatts": 1.5, "samples": 500, "labelHistogram": [300, 200, 0],
          "availableEpochs": [[1, 3], [5, 6]] },
        { "id": "b", "name": "gpu", "kind": "cloud", "flops": 1.0e13, "watts": 300, "uplinkBitsPerSecond": 1.0e9,
          "downlinkBitsPerSecond": 1.0e9, "radioWatts": 0, "samples": 2000, "labelHistogram": [100, 100, 1800],
          "energyPerSample": [0.01, 0.008, 0.007], "secondsPerSample": [2.0e-5, 1.8e-5, 1.7e-5] },
        { "id": "c", "name": "board", "kind": "device", "flops": 1.0e11, "watts": 10, "uplinkBitsPerSecond": 2.0e7,
          "downlinkBitsPerSecond": 4.0e7, "radioWatts": 0.8, "samples": 900, "labelHistogram": [0, 450, 450] }
      ],
      "loss": { "model": "pact-v1", "rate": 0.058, "stepsExponent": 0.37, "remainingExponent": 0.91,
                "floor": 0.27, "floorGrowth": 0.0007, "floorExponent": 3.4, "pruneShock": 0.22, "skewPenalty": 1.0 },
      "solver": { "lossBins": 16, "timeBins": 8, "maxSetSize": 3, "timeCaps": 2, "exhaustiveNodes": 3 }
    }
    """

  static var bytes: [UInt8] { Array(text.utf8) }

  static func json() -> JSONValue {
    (try? JSONParser.parse(text)) ?? .null
  }

  static func scenario() -> Scenario {
    (try? Scenario.parse(bytes).scenario)
      ?? Scenario(
        name: "broken", model: ModelSpec(name: "", parameters: 1, flopsPerSample: 1, pruningLevels: [1]),
        training: TrainingSpec(epochs: 1, targetLoss: 1, deadlineSeconds: 1, initialLoss: 1), nodes: [],
        loss: LossParameters(
          rate: 0, stepsExponent: 0, remainingExponent: 0, floor: 0, floorGrowth: 0, floorExponent: 0, pruneShock: 0,
          skewPenalty: 0))
  }
}

/// One step into a JSON tree: an object key or an array index.
enum JSONStep: Hashable, Sendable {
  case key(String)
  case index(Int)
}

/// A location in a JSON tree, printed the way ``ScenarioIssue`` paths are (`nodes[2].watts`).
struct JSONPath: Hashable, Sendable, CustomStringConvertible {
  var steps: [JSONStep]

  var description: String {
    var out = ""
    for step in steps {
      switch step {
      case .key(let k): out += out.isEmpty ? k : ".\(k)"
      case .index(let i): out += "[\(i)]"
      }
    }
    return out
  }

  /// The last object key on the path (`watts` for `nodes[2].watts`, `availableEpochs` for `nodes[0].availableEpochs[1]`).
  var lastKey: String? {
    for step in steps.reversed() { if case .key(let k) = step { return k } }
    return nil
  }
}

/// Mutations of scenario documents for bad-input and fuzz tests: every result is
/// a byte string that `Scenario.parse` must either accept or reject with an
/// ``InputError`` naming a field path or a line and column — never crash.
enum ScenarioMutator {
  /// Replacement values that break numeric fields (and a few other types).
  static let badValues: [(String, JSONValue)] = [
    ("0", .number(0)), ("-1", .number(-1)), ("1e308", .number(1e308)), ("-1e308", .number(-1e308)),
    ("0.5", .number(0.5)), ("1e-300", .number(1e-300)),
    ("\"NaN\"", .string("NaN")), ("\"Infinity\"", .string("Infinity")), ("\"-Infinity\"", .string("-Infinity")),
    ("\"1\"", .string("1")), ("\"\"", .string("")), ("null", .null), ("true", .bool(true)), ("[]", .array([])),
    ("{}", .object([])), ("[1]", .array([.number(1)])), ("[[1, 2]]", .array([.array([.number(1), .number(2)])])),
  ]

  /// Every path of `value` that holds a member or element, depth first.
  static func paths(_ value: JSONValue, _ prefix: [JSONStep] = []) -> [JSONPath] {
    var out: [JSONPath] = []
    switch value {
    case .object(let members):
      for m in members {
        let p = prefix + [.key(m.key)]
        out.append(JSONPath(steps: p))
        out += paths(m.value, p)
      }
    case .array(let items):
      for (i, item) in items.enumerated() {
        let p = prefix + [.index(i)]
        out.append(JSONPath(steps: p))
        out += paths(item, p)
      }
    default: break
    }
    return out
  }

  /// The value at `path`.
  static func value(_ root: JSONValue, at path: ArraySlice<JSONStep>) -> JSONValue? {
    guard let step = path.first else { return root }
    switch (root, step) {
    case (.object(let members), .key(let k)):
      guard let v = members.first(where: { $0.key == k })?.value else { return nil }
      return value(v, at: path.dropFirst())
    case (.array(let items), .index(let i)):
      guard items.indices.contains(i) else { return nil }
      return value(items[i], at: path.dropFirst())
    default: return nil
    }
  }

  /// `root` with the member or element at `path` changed by `change` (nil deletes it;
  /// `duplicate` appends a second copy of an object member).
  static func edit(
    _ root: JSONValue, at path: ArraySlice<JSONStep>, duplicate: Bool = false, _ change: (JSONValue) -> JSONValue?
  ) -> JSONValue {
    guard let step = path.first else { return change(root) ?? .null }
    let rest = path.dropFirst()
    switch (root, step) {
    case (.object(var members), .key(let k)):
      guard let i = members.firstIndex(where: { $0.key == k }) else { return root }
      if rest.isEmpty {
        if duplicate {
          members.append((k, change(members[i].value) ?? members[i].value))
        } else if let new = change(members[i].value) {
          members[i].value = new
        } else {
          members.remove(at: i)
        }
      } else {
        members[i].value = edit(members[i].value, at: rest, duplicate: duplicate, change)
      }
      return .object(members)
    case (.array(var items), .index(let i)):
      guard items.indices.contains(i) else { return root }
      if rest.isEmpty {
        if duplicate {
          items.append(change(items[i]) ?? items[i])
        } else if let new = change(items[i]) {
          items[i] = new
        } else {
          items.remove(at: i)
        }
      } else {
        items[i] = edit(items[i], at: rest, duplicate: duplicate, change)
      }
      return .array(items)
    default: return root
    }
  }

  static func bytes(_ value: JSONValue) -> [UInt8] { Array(JSONWriter.write(value).utf8) }

  /// A value of another JSON type than `value` (wrong-type mutation).
  static func wrongType(for value: JSONValue, choice: Int) -> JSONValue {
    let options: [JSONValue]
    switch value {
    case .number: options = [.string("12"), .bool(false), .array([.number(1)]), .object([("x", .number(1))]), .null]
    case .string: options = [.number(7), .bool(true), .array([.string("a")]), .null]
    case .array: options = [.object([]), .number(3), .string("[1, 2]"), .null]
    case .object: options = [.array([]), .number(1), .string("{}"), .null]
    case .bool, .null: options = [.number(1), .string("x")]
    }
    return options[choice % options.count]
  }

  /// An array far larger than any the scenario needs, built from `value`'s elements.
  static func huge(_ value: JSONValue, count: Int) -> JSONValue {
    switch value {
    case .array(let items) where !items.isEmpty:
      return .array((0..<count).map { items[$0 % items.count] })
    default:
      return .array([JSONValue](repeating: .number(1), count: count))
    }
  }
}

/// How one parse attempt ended, for the bad-input assertions.
enum ParseOutcome {
  case accepted(Scenario)
  case rejected(InputError)

  static func of(_ bytes: [UInt8]) -> ParseOutcome {
    do {
      return .accepted(try Scenario.parse(bytes).scenario)
    } catch {
      return .rejected(error)
    }
  }
}

extension InputError {
  /// Whether every error names a field path or a line and column, and there is at least one.
  var namesLocations: Bool {
    !errors.isEmpty && errors.allSatisfy { !$0.path.isEmpty || $0.message.hasPrefix("the scenario must be") }
  }

  /// Whether an error names line and column (a syntax error).
  var isSyntaxError: Bool {
    errors.count == 1 && errors[0].path.range(of: #"^line \d+, column \d+$"#, options: .regularExpression) != nil
  }

  /// Whether some error's path or message mentions `key`.
  func mentions(_ key: String) -> Bool {
    errors.contains { $0.path.contains(key) || $0.message.contains(key) }
  }
}
