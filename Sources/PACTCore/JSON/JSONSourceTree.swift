/// A JSON text with the place of every value in it: what lets a save rewrite only
/// the values that changed and leave the rest of the file, byte for byte, as it was.
///
/// Offsets are UTF-8 byte offsets into ``bytes``; a node covers `start..<end`, the
/// value's own text (no surrounding whitespace). The text is checked by
/// ``JSONParser`` first, so the scan below may assume valid JSON.
public struct JSONSourceTree: Sendable {
  /// One value of the text.
  public struct Node: Sendable {
    public enum Kind: Sendable {
      case scalar
      case object([Member])
      case array([Node])
    }
    public var start: Int
    public var end: Int
    public var kind: Kind
    /// The value as parsed.
    public var value: JSONValue

    public var members: [Member] {
      if case .object(let m) = kind { return m }
      return []
    }
    public var elements: [Node] {
      if case .array(let e) = kind { return e }
      return []
    }
    /// The member named `key` (the first, when a key repeats).
    public func member(_ key: String) -> Member? { members.first { $0.key == key } }
  }

  /// An object's member: its key (from the opening quote) and its value.
  public struct Member: Sendable {
    public var key: String
    public var keyStart: Int
    public var value: Node
  }

  public let bytes: [UInt8]
  public let root: Node

  /// Reads `text`; a syntax error is ``JSONParser``'s, with its line and column.
  public init(_ text: String) throws(JSONSyntaxError) {
    try self.init(bytes: Array(text.utf8))
  }

  public init(bytes: [UInt8]) throws(JSONSyntaxError) {
    _ = try JSONParser.parse(bytes)
    self.bytes = bytes
    var scanner = Scanner(bytes: bytes)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { scanner.index = 3 }
    scanner.skipWhitespace()
    root = scanner.node()
  }

  /// The text of `start..<end`.
  public func text(_ start: Int, _ end: Int) -> String {
    String(decoding: bytes[start..<end], as: UTF8.self)
  }

  /// The whitespace that opens the line holding `offset`.
  public func lineIndent(at offset: Int) -> String {
    var lineStart = offset
    while lineStart > 0, bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
    var end = lineStart
    while end < bytes.count, bytes[end] == 0x20 || bytes[end] == 0x09 { end += 1 }
    return text(lineStart, end)
  }

  /// Whether `node`'s text spans more than one line.
  public func isMultiline(_ node: Node) -> Bool {
    bytes[node.start..<node.end].contains(0x0A)
  }

  private struct Scanner {
    let bytes: [UInt8]
    var index = 0

    mutating func skipWhitespace() {
      while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    mutating func node() -> Node {
      let start = index
      switch bytes[index] {
      case UInt8(ascii: "{"):
        index += 1
        var members: [Member] = []
        skipWhitespace()
        while bytes[index] != UInt8(ascii: "}") {
          let keyStart = index
          skipString()
          let key = decodedString(keyStart, index)
          skipWhitespace()
          index += 1  // ':'
          skipWhitespace()
          members.append(Member(key: key, keyStart: keyStart, value: node()))
          skipWhitespace()
          if bytes[index] == UInt8(ascii: ",") {
            index += 1
            skipWhitespace()
          }
        }
        index += 1
        return Node(
          start: start, end: index, kind: .object(members),
          value: .object(members.map { ($0.key, $0.value.value) }))
      case UInt8(ascii: "["):
        index += 1
        var elements: [Node] = []
        skipWhitespace()
        while bytes[index] != UInt8(ascii: "]") {
          elements.append(node())
          skipWhitespace()
          if bytes[index] == UInt8(ascii: ",") {
            index += 1
            skipWhitespace()
          }
        }
        index += 1
        return Node(start: start, end: index, kind: .array(elements), value: .array(elements.map(\.value)))
      case UInt8(ascii: "\""):
        skipString()
      default:
        while index < bytes.count, !",]} \t\r\n".utf8.contains(bytes[index]) { index += 1 }
      }
      let value = (try? JSONParser.parse(Array(bytes[start..<index]))) ?? .null
      return Node(start: start, end: index, kind: .scalar, value: value)
    }

    mutating func skipString() {
      index += 1
      while bytes[index] != UInt8(ascii: "\"") {
        index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
      }
      index += 1
    }

    func decodedString(_ start: Int, _ end: Int) -> String {
      if case .string(let s)? = try? JSONParser.parse(Array(bytes[start..<end])) { return s }
      return ""
    }
  }
}
