import Testing

@testable import PACTCore

/// The strict JSON parser: valid and invalid documents, positions of errors,
/// UTF-8 checks, nesting limits, numbers and surrogates.
@Suite struct JSONParserTests {
  /// The syntax error of `text`, or nil when it parses.
  static func syntaxError(_ bytes: [UInt8]) -> JSONSyntaxError? {
    do {
      _ = try JSONParser.parse(bytes)
      return nil
    } catch {
      return error
    }
  }

  static func syntaxError(_ text: String) -> JSONSyntaxError? { syntaxError(Array(text.utf8)) }

  @Test func parsesEveryValueKindAndKeepsKeyOrder() throws {
    let value = try JSONParser.parse(#"{"z": 1, "a": [true, false, null, "s", -0.5e2, {}], "m": {"k": []}}"#)
    guard case .object(let members) = value else {
      Issue.record("not an object")
      return
    }
    #expect(members.map(\.key) == ["z", "a", "m"])
    #expect(value["z"] == .number(1))
    #expect(value["a"] == .array([.bool(true), .bool(false), .null, .string("s"), .number(-50), .object([])]))
    #expect(value["m"]?["k"] == .array([]))
  }

  @Test func acceptsScalarsAtTopLevelAndSurroundingWhitespace() throws {
    #expect(try JSONParser.parse(" \t\r\n 42 \n") == .number(42))
    #expect(try JSONParser.parse("\"x\"") == .string("x"))
    #expect(try JSONParser.parse("null") == .null)
    // A UTF-8 byte-order mark is skipped.
    #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == .array([.number(1)]))
  }

  @Test func duplicateKeysAreKeptInOrder() throws {
    let value = try JSONParser.parse(#"{"a": 1, "a": 2}"#)
    guard case .object(let members) = value else {
      Issue.record("not an object")
      return
    }
    #expect(members.count == 2)
    #expect(value["a"] == .number(1))
  }

  @Test(
    arguments: [
      ("", 1, 1, "empty document"),
      ("   ", 1, 4, "empty document"),
      ("{", 1, 2, "unexpected end of input inside an object"),
      ("[1,", 1, 4, "unexpected end of input"),
      ("[1 2]", 1, 4, "expected ',' or ']' in an array"),
      ("{\"a\" 1}", 1, 6, "expected ':' after key \"a\""),
      ("{\"a\": 1,}", 1, 9, "expected a string key"),
      ("{1: 2}", 1, 2, "expected a string key"),
      ("[1] x", 1, 5, "unexpected text after the JSON value"),
      ("tru", 1, 4, "invalid literal, expected true"),
      ("nul", 1, 4, "invalid literal, expected null"),
      ("[NaN]", 1, 2, "unexpected character 'N'"),
      ("\"abc", 1, 5, "unterminated string"),
      ("[\"a\nb\"]", 1, 4, "control character in a string"),
      ("\"\\x\"", 1, 3, "invalid escape '\\x'"),
      ("\"\\u12G4\"", 1, 6, "invalid hex digit in \\u escape"),
    ] as [(String, Int, Int, String)])
  func rejectsMalformedDocumentsWithPosition(text: String, line: Int, column: Int, message: String) {
    let error = JSONParserTests.syntaxError(text)
    #expect(error?.message.hasPrefix(message) == true, "\(text.debugDescription): \(String(describing: error))")
    #expect(error?.line == line, "\(text.debugDescription)")
    #expect(error?.column == column, "\(text.debugDescription)")
  }

  @Test func linesAndColumnsCountNewlinesAndCharactersNotBytes() {
    let text = "{\n  \"name\": \"é€😀\",\n  \"x\": [1,\n    2,,\n  ]\n}"
    let error = JSONParserTests.syntaxError(text)
    #expect(error?.line == 4)
    #expect(error?.column == 7)
    // Multi-byte characters count as one column each.
    let e2 = JSONParserTests.syntaxError("\"é€😀\" x")
    #expect(e2?.line == 1)
    #expect(e2?.column == 7)
  }

  @Test(
    arguments: [
      [0x22, 0xFF, 0x22],  // 0xFF is never UTF-8
      [0x22, 0xC3, 0x22],  // truncated 2-byte sequence
      [0x22, 0xC0, 0xAF, 0x22],  // overlong "/"
      [0x22, 0xED, 0xA0, 0x80, 0x22],  // encoded surrogate
      [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // above U+10FFFF
      [0x22, 0x80, 0x22],  // lone continuation byte
      [0x5B, 0x31, 0x5D, 0xE2, 0x82],  // truncated at the end
    ] as [[UInt8]])
  func rejectsInvalidUTF8(bytes: [UInt8]) {
    let error = JSONParserTests.syntaxError(bytes)
    #expect(error?.message == "invalid UTF-8")
    #expect(error?.line == 1)
  }

  @Test func invalidUTF8PositionIsReported() {
    let bytes = Array("{\n  \"a\": \"ok\",\n  \"b\": \"".utf8) + [0xFE] + Array("\"\n}".utf8)
    let error = JSONParserTests.syntaxError(bytes)
    #expect(error?.message == "invalid UTF-8")
    #expect(error?.line == 3)
    #expect(error?.column == 9)
  }

  @Test func nestingLimit() throws {
    let depth = JSONParser.maximumDepth
    let ok = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    #expect(throws: Never.self) { try JSONParser.parse(ok) }
    let deep = String(repeating: "[", count: depth + 1) + String(repeating: "]", count: depth + 1)
    #expect(JSONParserTests.syntaxError(deep)?.message.hasPrefix("nesting deeper than") == true)
    // Far deeper than any stack allows: still a clean error, no crash.
    let hostile = String(repeating: "{\"a\":", count: 100_000)
    #expect(JSONParserTests.syntaxError(hostile)?.message.hasPrefix("nesting deeper than") == true)
  }

  @Test(
    arguments: [
      ("0", 0.0), ("-0", -0.0), ("1.5", 1.5), ("-12.25", -12.25), ("1e3", 1000), ("1E+3", 1000), ("25e-1", 2.5),
      ("1.7976931348623157e308", 1.7976931348623157e308), ("4.9e-324", Double.leastNonzeroMagnitude), ("1e-400", 0),
      ("123456789012345678901234567890", 1.2345678901234568e29),
    ] as [(String, Double)])
  func parsesNumbers(text: String, value: Double) throws {
    #expect(try JSONParser.parse(text) == .number(value))
  }

  @Test(
    arguments: [
      ("01", "leading zero in a number"), ("-01", "leading zero in a number"), ("00.5", "leading zero in a number"),
      ("1.", "invalid number: digits expected after '.'"), (".5", "unexpected character '.'"),
      ("1e", "invalid number: digits expected in exponent"), ("1e+", "invalid number: digits expected in exponent"),
      ("-", "invalid number"), ("+1", "unexpected character '+'"), ("1e309", "number out of range"),
      ("-1e400", "number out of range"), ("0x10", "expected ',' or ']' in an array"),
      ("Infinity", "unexpected character 'I'"),
    ] as [(String, String)])
  func rejectsBadNumbers(text: String, message: String) {
    let error = JSONParserTests.syntaxError("[\(text)]")
    #expect(error?.message == message, "\(text): \(String(describing: error))")
    #expect(error?.line == 1)
  }

  @Test func hugeNumberErrorPointsAtTheNumber() {
    let error = JSONParserTests.syntaxError("{\"x\": 1e999}")
    #expect(error?.message == "number out of range")
    #expect(error?.column == 7)
  }

  @Test func escapesAndSurrogatePairs() throws {
    #expect(try JSONParser.parse(#""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{08}\u{0C}\n\r\t"))
    #expect(try JSONParser.parse(#""\u00e9\u20AC""#) == .string("é€"))
    #expect(try JSONParser.parse(#""\ud83d\ude00""#) == .string("😀"))
    #expect(try JSONParser.parse(#""a\u0000b""#) == .string("a\u{0}b"))
  }

  @Test(arguments: [#""\ud83d""#, #""\ud83dx""#, #""\ude00""#, #""\ud83d\u0041""#, #""\ud83d\ud83d""#])
  func rejectsUnpairedSurrogates(text: String) {
    let error = JSONParserTests.syntaxError(text)
    #expect(error?.message == "unpaired surrogate in \\u escape", "\(text)")
  }

  @Test func writerOutputParsesBackToTheSameValue() throws {
    let value: JSONValue = .object([
      ("s", .string("tab\t quote\" é 😀 \u{1}")), ("n", .number(0.1)), ("big", .number(1.7976931348623157e308)),
      ("tiny", .number(Double.leastNonzeroMagnitude)), ("a", .array([.null, .bool(true), .number(-3)])),
    ])
    let text = JSONWriter.write(value)
    #expect(try JSONParser.parse(text) == value)
  }
}
