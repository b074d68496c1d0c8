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

  /// A number with about four significant digits (`1234`, `0.5812`, `3.2e-05`).
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
    return String(format: "%.\(digits - 1)e", x)
  }

  /// Energy with a unit prefix: `812 J`, `4.21 kJ`, `1.3 MJ`.
  public static func joules(_ x: Double) -> String { si(x, unit: "J") }

  /// A duration: `0.85 s`, `42.1 s`, `12m 05s`, `3h 20m`.
  public static func seconds(_ x: Double) -> String {
    guard x.isFinite else { return number(x) + " s" }
    if x < 600 { return number(x, digits: 3) + " s" }
    // Beyond a million hours (and far before Int overflows) plain seconds read better.
    if x >= 3.6e9 { return number(x, digits: 3) + " s" }
    let total = Int(x.rounded())
    if total < 3600 { return String(format: "%dm %02ds", total / 60, total % 60) }
    return String(format: "%dh %02dm", total / 3600, (total % 3600) / 60)
  }

  /// A computation's wall-clock time: milliseconds below a second (`0.21 ms`, `118 ms`),
  /// otherwise ``seconds(_:)``.
  public static func elapsed(_ x: Double) -> String {
    guard x.isFinite, x < 1 else { return seconds(x) }
    return number(x * 1000, digits: 3) + " ms"
  }

  /// A value with an SI prefix (k, M, G, T, P) and a unit.
  public static func si(_ x: Double, unit: String, digits: Int = 3) -> String {
    guard x.isFinite, x != 0 else { return number(x) + " " + unit }
    let prefixes = ["", "k", "M", "G", "T", "P", "E"]
    var value = x
    var i = 0
    while abs(value) >= 1000, i < prefixes.count - 1 {
      value /= 1000
      i += 1
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
