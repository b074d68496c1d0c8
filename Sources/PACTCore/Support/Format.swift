import Foundation

/// Human-readable number formatting shared by the command line and the dashboard.
public enum Format {
  /// `n` as an English ordinal: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd.
  public static func ordinal(_ n: Int) -> String {
    let tens = abs(n) % 100
    let suffix: String
    if (11...13).contains(tens) {
      suffix = "th"
    } else {
      switch abs(n) % 10 {
      case 1: suffix = "st"
      case 2: suffix = "nd"
      case 3: suffix = "rd"
      default: suffix = "th"
      }
    }
    return "\(n)\(suffix)"
  }

  /// A number with about four significant digits (`1234`, `0.5812`, `3.2e-5`); beyond
  /// 1e7 or below 1e-3 in compact scientific notation (`1.5e30`, at most 10 characters
  /// whatever the magnitude), so a value always fits the column it was given.
  public static func number(_ x: Double, digits: Int = 4) -> String {
    guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
    if x == 0 { return "0" }
    let magnitude = abs(x)
    if magnitude >= 1e-3 && magnitude < 1e7 {
      let decimals = max(0, digits - 1 - Int(log10(magnitude).rounded(.down)))
      var s = String(format: "%.\(decimals)f", x)
      if s.contains(".") {
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
      }
      return s
    }
    return scientific(x, digits: min(digits, 3))
  }

  /// Compact scientific notation: `1.5e30`, `-2e-7`, `3.25e12` (mantissa trimmed of
  /// trailing zeros, no `+`, no leading zeros in the exponent).
  /// At most 8 characters (9 with a minus sign): fewer mantissa digits for a
  /// three-digit exponent.
  public static func scientific(_ x: Double, digits: Int = 3) -> String {
    guard x.isFinite, x != 0 else { return number(x) }
    var d = max(1, digits)
    while true {
      let text = String(format: "%.\(d - 1)e", x)
      guard let e = text.firstIndex(of: "e") else { return text }
      var mantissa = String(text[..<e])
      if mantissa.contains(".") {
        while mantissa.hasSuffix("0") { mantissa.removeLast() }
        if mantissa.hasSuffix(".") { mantissa.removeLast() }
      }
      let exponent = Int(text[text.index(after: e)...]) ?? 0
      let out = "\(mantissa)e\(exponent)"
      if out.count <= (x < 0 ? 9 : 8) || d == 1 { return out }
      d -= 1
    }
  }

  /// A count in at most 6 characters: `812`, `24567`, `1.2M`, `3.4G`.
  public static func count(_ n: Int) -> String {
    if abs(n) < 100_000 { return String(n) }
    return si(Double(n), unit: "", digits: 2).replacingOccurrences(of: " ", with: "")
  }

  /// Energy with a unit prefix: `812 J`, `4.21 kJ`, `1.3 MJ`.
  public static func joules(_ x: Double) -> String { si(x, unit: "J") }

  /// A duration: `0.85 s`, `42.1 s`, `12m 05s`, `3h 20m`, `12.5 d`, `31.7 y`, `3.17e9 y`.
  public static func seconds(_ x: Double) -> String {
    guard x.isFinite else { return number(x) + " s" }
    if x < 600 { return number(x, digits: 3) + " s" }
    if x < 100 * 3600 {
      let total = Int(x.rounded())
      if total < 3600 { return String(format: "%dm %02ds", total / 60, total % 60) }
      return String(format: "%dh %02dm", total / 3600, (total % 3600) / 60)
    }
    let days = x / 86_400
    if days < 1000 { return number(days, digits: 3) + " d" }
    return number(days / 365.25, digits: 3) + " y"
  }

  /// A computation's wall-clock time: microseconds below a millisecond (`8.05 µs`,
  /// `210 µs`), milliseconds below a second (`1.2 ms`, `118 ms`), otherwise
  /// ``seconds(_:)`` (nanoseconds below a microsecond) — never longer than 8 characters
  /// from 1 ns to a second, so a 10-column field keeps a space before it.
  public static func elapsed(_ x: Double) -> String {
    guard x.isFinite, x < 1 else { return seconds(x) }
    if x > 0, x < 0.000_001 { return number(x * 1e9, digits: 3) + " ns" }
    if x > 0, x < 0.001 { return number(x * 1_000_000, digits: 3) + " µs" }
    return number(x * 1000, digits: 3) + " ms"
  }

  /// A value with an SI prefix (k, M, G, T, P, E, Z, Y, R, Q; below 0.001: m, µ, n, p, f,
  /// a, z, y, r, q) and a unit; beyond those, in compact scientific notation (`1.5e36 J`),
  /// so it is never longer than 10 characters.
  public static func si(_ x: Double, unit: String, digits: Int = 3) -> String {
    guard x.isFinite, x != 0 else { return number(x) + " " + unit }
    let prefixes = ["", "k", "M", "G", "T", "P", "E", "Z", "Y", "R", "Q"]
    var value = x
    var i = 0
    while abs(value) >= 1000, i < prefixes.count - 1 {
      value /= 1000
      i += 1
    }
    if abs(value) >= 1000 { return scientific(x, digits: digits) + " " + unit }
    if abs(x) < 1e-3 {
      let small = ["m", "µ", "n", "p", "f", "a", "z", "y", "r", "q"]
      var j = -1
      value = x
      while abs(value) < 1, j < small.count - 1 {
        value *= 1000
        j += 1
      }
      if abs(value) < 1 { return scientific(x, digits: digits) + " " + unit }
      return number(value, digits: digits) + " " + small[j] + unit
    }
    return number(value, digits: digits) + " " + prefixes[i] + unit
  }

  /// A relative difference as a percentage with a sign (`+1.25 %`), or without one for
  /// an error size or a share (`1.25 %`); `n/a` when not finite.
  public static func percent(_ x: Double, decimals: Int = 2, signed: Bool = true) -> String {
    guard x.isFinite else { return "n/a" }
    return String(format: "%\(signed ? "+" : "").\(decimals)f %%", x * 100)
  }

  /// A size in binary units: `512 KiB`, `1 GiB`, `3.5 MiB`.
  public static func bytes(_ n: Int) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"]
    var value = Double(n)
    var i = 0
    while value >= 1024, i < units.count - 1 {
      value /= 1024
      i += 1
    }
    return number(value, digits: 3) + " " + units[i]
  }
}
