/// Writes ``JSONValue`` trees as text: numbers in their shortest exact form,
/// keys in the order given, and short arrays of scalars on one line.
public enum JSONWriter {
  /// The JSON text of `value`, pretty-printed with two-space indents and a final newline.
  public static func write(_ value: JSONValue) -> String {
    var out = ""
    append(value, to: &out, indent: 0)
    out += "\n"
    return out
  }

  /// The JSON text of `value` on a single line.
  public static func compact(_ value: JSONValue) -> String {
    var out = ""
    appendCompact(value, to: &out)
    return out
  }

  /// The shortest text that reads back as exactly `x` (integers without a fraction).
  public static func number(_ x: Double) -> String {
    guard x.isFinite else { return "null" }
    if x == x.rounded(), abs(x) < 1e15 {
      return String(Int64(x))
    }
    return "\(x)"
  }

  /// `s` as a JSON string literal.
  public static func quoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  private static func isScalar(_ v: JSONValue) -> Bool {
    switch v {
    case .array, .object: return false
    default: return true
    }
  }

  private static func append(_ value: JSONValue, to out: inout String, indent: Int) {
    let pad = String(repeating: " ", count: indent + 2)
    switch value {
    case .array(let items) where items.isEmpty:
      out += "[]"
    case .array(let items) where items.allSatisfy(isScalar) || items.allSatisfy(isShortArray):
      appendCompact(value, to: &out)
    case .array(let items):
      out += "[\n"
      for (i, item) in items.enumerated() {
        out += pad
        append(item, to: &out, indent: indent + 2)
        out += i + 1 < items.count ? ",\n" : "\n"
      }
      out += String(repeating: " ", count: indent) + "]"
    case .object(let members) where members.isEmpty:
      out += "{}"
    case .object(let members):
      out += "{\n"
      for (i, member) in members.enumerated() {
        out += pad + quoted(member.key) + ": "
        append(member.value, to: &out, indent: indent + 2)
        out += i + 1 < members.count ? ",\n" : "\n"
      }
      out += String(repeating: " ", count: indent) + "}"
    default:
      appendCompact(value, to: &out)
    }
  }

  private static func isShortArray(_ v: JSONValue) -> Bool {
    if case .array(let items) = v { return items.count <= 4 && items.allSatisfy(isScalar) }
    return false
  }

  private static func appendCompact(_ value: JSONValue, to out: inout String) {
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let x): out += number(x)
    case .string(let s): out += quoted(s)
    case .array(let items):
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += ", " }
        appendCompact(item, to: &out)
      }
      out += "]"
    case .object(let members):
      out += "{ "
      for (i, member) in members.enumerated() {
        if i > 0 { out += ", " }
        out += quoted(member.key) + ": "
        appendCompact(member.value, to: &out)
      }
      out += members.isEmpty ? "}" : " }"
    }
  }
}
