import PACTCore

/// The editable fields of a node, in the Nodes table's column order.
public enum NodeField: Int, CaseIterable, Sendable {
  case flops, watts, uplink, downlink, radioWatts, samples, availability
  /// Free text: the kind (`phone`, `cloud`…) and the display name.
  case kind, name

  /// Whether the field is text (typed with `e`; `+`/`-` do not step it).
  public var isText: Bool { self == .kind || self == .name }

  /// The field's name in the scenario file.
  public var key: String {
    switch self {
    case .flops: return "flops"
    case .watts: return "watts"
    case .uplink: return "uplinkBitsPerSecond"
    case .downlink: return "downlinkBitsPerSecond"
    case .radioWatts: return "radioWatts"
    case .samples: return "samples"
    case .availability: return "availableEpochs"
    case .kind: return "kind"
    case .name: return "name"
    }
  }

  /// Short column header.
  public var header: String {
    switch self {
    case .flops: return "FLOP/s"
    case .watts: return "W"
    case .uplink: return "up b/s"
    case .downlink: return "down"
    case .radioWatts: return "radio"
    case .samples: return "samples"
    case .availability: return "available"
    case .kind: return "kind"
    case .name: return "name"
    }
  }

  /// The value as the table and the prompt show it.
  public func format(_ node: Node, epochs: Int) -> String {
    switch self {
    case .flops: return Format.si(node.flops, unit: "").trimmingSpaces
    case .watts: return Format.number(node.watts, digits: 3)
    case .uplink: return Format.si(node.uplinkBitsPerSecond, unit: "").trimmingSpaces
    case .downlink: return Format.si(node.downlinkBitsPerSecond, unit: "").trimmingSpaces
    case .radioWatts: return Format.number(node.radioWatts, digits: 3)
    case .samples: return String(node.samples)
    case .availability: return EpochRanges.format(node.availableEpochs, epochs: epochs)
    case .kind: return node.kind
    case .name: return node.name
    }
  }

  /// The node with this field scaled one step up (`up`) or down.
  public func step(_ node: Node, up: Bool, epochs: Int) -> Node {
    var n = node
    let factor = up ? 1.25 : 1 / 1.25
    switch self {
    case .flops: n.flops *= factor
    case .watts: n.watts *= factor
    case .uplink: n.uplinkBitsPerSecond *= factor
    case .downlink: n.downlinkBitsPerSecond *= factor
    case .radioWatts: n.radioWatts = node.radioWatts == 0 && up ? 0.1 : node.radioWatts * factor
    case .samples:
      let scaled = Int((Double(node.samples) * factor).rounded())
      n.samples = max(1, up ? max(node.samples + 1, scaled) : min(node.samples - 1, scaled))
      if let h = node.labelHistogram {
        let ratio = Double(n.samples) / Double(max(1, node.samples))
        n.labelHistogram = h.map { $0 * ratio }
      }
    case .availability:
      // Extend or shrink the last window by one epoch.
      var windows = node.availableEpochs ?? [EpochWindow(1, epochs)]
      if let last = windows.indices.last {
        if up {
          windows[last].last = min(epochs, windows[last].last + 1)
        } else if windows[last].last > windows[last].first {
          windows[last].last -= 1
        }
      }
      n.availableEpochs = windows == [EpochWindow(1, epochs)] ? nil : windows
    case .kind, .name:
      break
    }
    return n
  }

  /// The node with this field set from typed text; throws a message naming the field.
  public func parse(_ text: String, into node: Node, epochs: Int) throws(FieldError) -> Node {
    var n = node
    switch self {
    case .availability:
      n.availableEpochs = try EpochRanges.parse(text, epochs: epochs, field: key)
      return n
    case .kind, .name:
      let value = text.trimmingSpaces
      guard !value.isEmpty else { throw FieldError("\(key): must not be empty") }
      if self == .kind { n.kind = value } else { n.name = value }
      return n
    case .samples:
      let v = try FieldParser.number(text, field: key)
      guard v.rounded() == v, v >= 1, v < 1e15 else { throw FieldError("\(key): must be a whole number ≥ 1") }
      n.samples = Int(v)
      if let h = node.labelHistogram {
        let ratio = Double(n.samples) / Double(max(1, node.samples))
        n.labelHistogram = h.map { $0 * ratio }
      }
    default:
      let v = try FieldParser.number(text, field: key)
      switch self {
      case .flops: n.flops = v
      case .watts: n.watts = v
      case .uplink: n.uplinkBitsPerSecond = v
      case .downlink: n.downlinkBitsPerSecond = v
      case .radioWatts: n.radioWatts = v
      default: break
      }
    }
    return n
  }
}

/// A value typed into a prompt that cannot be used; the message names the field.
public struct FieldError: Error, Equatable, Sendable {
  public var message: String
  public init(_ message: String) { self.message = message }
}

/// Parses numbers typed by the user: `2e11`, `200G`, `1.5k`, `3600`.
public enum FieldParser {
  static let suffixes: [Character: Double] = ["k": 1e3, "K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15]

  public static func number(_ text: String, field: String) throws(FieldError) -> Double {
    var t = text.trimmingSpaces
    var scale = 1.0
    if let last = t.last, let s = suffixes[last] {
      scale = s
      t.removeLast()
    }
    guard let v = Double(t.trimmingSpaces), v.isFinite else {
      throw FieldError("\(field): \"\(text)\" is not a number")
    }
    return v * scale
  }

  public static func integer(_ text: String, field: String) throws(FieldError) -> Int {
    let v = try number(text, field: field)
    guard v.rounded() == v, abs(v) < 1e15 else { throw FieldError("\(field): \"\(text)\" is not a whole number") }
    return Int(v)
  }
}

/// Availability windows as text: `all`, or `1-20,30-40`.
public enum EpochRanges {
  public static func format(_ windows: [EpochWindow]?, epochs: Int) -> String {
    guard let windows else { return "all" }
    if windows.isEmpty { return "none" }
    return windows.map { $0.first == $0.last ? "\($0.first)" : "\($0.first)-\($0.last)" }.joined(separator: ",")
  }

  /// Compact ranges of a sorted list of epochs: `1-12,15`.
  public static func format(epochs list: [Int]) -> String {
    guard var start = list.first else { return "–" }
    var parts: [String] = []
    var previous = start
    for e in list.dropFirst() + [Int.min] {
      if e == previous + 1 {
        previous = e
        continue
      }
      parts.append(start == previous ? "\(start)" : "\(start)-\(previous)")
      start = e
      previous = e
    }
    return parts.joined(separator: ",")
  }

  public static func parse(_ text: String, epochs: Int, field: String) throws(FieldError) -> [EpochWindow]? {
    let t = text.trimmingSpaces.lowercased()
    if t == "all" || t.isEmpty { return nil }
    var windows: [EpochWindow] = []
    for part in t.split(separator: ",") {
      let bounds = part.split(separator: "-", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
      guard (1...2).contains(bounds.count), let a = Int(bounds[0]), let b = Int(bounds[bounds.count - 1]) else {
        throw FieldError("\(field): \"\(part)\" is not an epoch or a range like 1-20")
      }
      windows.append(EpochWindow(a, b))
    }
    return windows
  }
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while s.first?.isWhitespace == true { s.removeFirst() }
    while s.last?.isWhitespace == true { s.removeLast() }
    return String(s)
  }
}
