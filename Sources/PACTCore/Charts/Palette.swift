/// One colour and one line style for each thing pact draws — PACT, the exact optimum,
/// each baseline, and the guides (target, deadline, this scenario) — declared once.
/// Every SVG chart reads its look here, and the dashboard draws each in the theme
/// colour of its ``Look/role``, so a method looks the same on every slide and screen:
/// PACT is vermillion and thick, the optimum black and dashed, train-then-prune blue…
/// whatever the chart and whichever methods it shows.
public enum Palette {
  /// Where the dashboard takes a look's colour from: the theme's `series_N` key (1–8)
  /// or one of its guide keys.
  public enum Role: Equatable, Sendable {
    case series(Int)
    case target
    case deadline
    case thisScenario
  }

  /// How one series or guide is drawn.
  public struct Look: Equatable, Sendable {
    /// The SVG colour (Okabe & Ito's colour-blind-safe set for the methods).
    public let color: String
    /// The SVG stroke width.
    public let width: Double
    /// The SVG dash pattern; nil for a solid line.
    public let dash: String?
    /// The dashboard theme's key for this look.
    public let role: Role

    public init(color: String, width: Double, dash: String?, role: Role) {
      self.color = color
      self.width = width
      self.dash = dash
      self.role = role
    }
  }

  /// The baselines in the order every table and chart lists them (``Baselines/all(seed:)``).
  public static let baselines = Baselines.all().map(\.name)

  public static let pact = Look(color: "#D55E00", width: 3.5, dash: nil, role: .series(1))
  public static let exact = Look(color: "#000000", width: 1.5, dash: "8 5", role: .series(2))
  /// Each baseline's colour, in ``baselines`` order (series 3 to 8 in the dashboard).
  static let baselineColors = ["#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7F7F7F"]
  /// A method pact does not know (a plan read from a file, say).
  public static let other = Look(color: "#332288", width: 2, dash: nil, role: .series(8))
  /// The target loss line.
  public static let target = Look(color: "#B00020", width: 1.5, dash: "7 5", role: .target)
  /// The deadline line.
  public static let deadline = Look(color: "#8C564B", width: 1.5, dash: "7 5", role: .deadline)
  /// The scenario's own value on a frontier.
  public static let thisScenario = Look(color: "#333333", width: 1.5, dash: "3 4", role: .thisScenario)

  /// How a plan that misses a goal is drawn: in its method's colour, dotted and thin, so
  /// it never reads as that method's (or the optimum's) line.
  public static let infeasibleDash = "2 4"
  /// How a pinned ("before") plan or frontier is drawn: its own colour, dashed, faded.
  public static let pinnedDash = "5 4"
  public static let pinnedOpacity = 0.55

  /// The look of the method called `name` (`pact`, `exact` or a baseline).
  public static func look(method name: String) -> Look {
    switch name {
    case "pact": return pact
    case "exact": return exact
    default:
      guard let i = baselines.firstIndex(of: name), i < baselineColors.count else { return other }
      return Look(color: baselineColors[i], width: 2, dash: nil, role: .series(3 + i))
    }
  }

  /// Every look a chart may draw, for the tests that check no two share a colour.
  public static var all: [(name: String, look: Look)] {
    [("pact", pact), ("exact", exact)] + baselines.map { ($0, look(method: $0)) }
      + [("target", target), ("deadline", deadline), ("this scenario", thisScenario)]
  }
}
