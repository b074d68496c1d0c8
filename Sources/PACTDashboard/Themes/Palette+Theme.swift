import PACTCore

extension Palette.Role {
  /// The theme key the dashboard draws this look in: PACT, the optimum and the six
  /// baselines are `series_1` … `series_8`, the guides their own keys.
  public var themeKey: ThemeKey {
    switch self {
    case .series(let n): return ThemeKey.series[max(0, min(ThemeKey.series.count - 1, n - 1))]
    case .target: return .target
    case .deadline: return .deadline
    case .thisScenario: return .label
    }
  }
}

extension Palette {
  /// The theme key of the method called `name`.
  public static func themeKey(method name: String) -> ThemeKey { look(method: name).role.themeKey }
}
