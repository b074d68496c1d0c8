/// Every key a theme file may set, with the built-in (dark) default: the schema of themes.
public enum ThemeKey: String, CaseIterable, Sendable {
  case mainFg = "main_fg"
  case mainBg = "main_bg"
  case title
  case label
  case border
  case borderFocus = "border_focus"
  case highlight
  case selectedFg = "selected_fg"
  case selectedBg = "selected_bg"
  case cursorFg = "cursor_fg"
  case cursorBg = "cursor_bg"
  case statusFg = "status_fg"
  case statusBg = "status_bg"
  case key = "key_fg"
  case ok
  case warning
  case error
  case path
  case graphStart = "graph_start"
  case graphMid = "graph_mid"
  case graphEnd = "graph_end"
  case target
  case deadline
  case series1 = "series_1"
  case series2 = "series_2"
  case series3 = "series_3"
  case series4 = "series_4"
  case series5 = "series_5"
  case series6 = "series_6"
  case series7 = "series_7"
  case series8 = "series_8"
  case better
  case worse

  /// What the key colours, for the theme file's comments and the help overlay.
  public var help: String {
    switch self {
    case .mainFg: return "text"
    case .mainBg: return "background of every panel"
    case .title: return "panel titles and the header"
    case .label: return "column headers, axis labels, secondary text"
    case .border: return "panel borders"
    case .borderFocus: return "border of the focused panel"
    case .highlight: return "emphasised figures"
    case .selectedFg: return "text of the selected row"
    case .selectedBg: return "background of the selected row"
    case .cursorFg: return "text of the selected field or graph cursor"
    case .cursorBg: return "background of the selected field or graph cursor"
    case .statusFg: return "status line text"
    case .statusBg: return "status line background"
    case .key: return "key names in the status line and help"
    case .ok: return "feasible, solved"
    case .warning: return "solving, warnings"
    case .error: return "errors, infeasible"
    case .path: return "the chosen path in the graph"
    case .graphStart: return "graph density gradient: few vertices"
    case .graphMid: return "graph density gradient: middle"
    case .graphEnd: return "graph density gradient: many vertices"
    case .target: return "the target loss line"
    case .deadline: return "the deadline marker"
    case .series1: return "PACT's plan in every chart"
    case .series2: return "the exact optimum"
    case .series3: return "baseline train-then-prune"
    case .series4: return "baseline prune-first"
    case .series5: return "baseline fedcs"
    case .series6: return "baseline prunefl"
    case .series7: return "baseline oort"
    case .series8: return "baseline random"
    case .better: return "an energy decrease after an edit"
    case .worse: return "an energy increase after an edit"
    }
  }

  /// The chart series colours in order: PACT, exact, then the baselines (``Palette``).
  public static let series: [ThemeKey] = [
    .series1, .series2, .series3, .series4, .series5, .series6, .series7, .series8,
  ]
}
