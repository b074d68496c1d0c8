import PACTCore

/// The Nodes panel's columns: their order, widths and which of them fit, shared by
/// the view that draws them and the state that scrolls them (it keeps the selected
/// field in view). Below both State and Views.
public enum NodeColumns {
  enum Column: Equatable {
    case id, field(NodeField), skew, used

    var header: String {
      switch self {
      case .id: return "id"
      case .field(let f): return f.header
      case .skew: return "skew"
      case .used: return "plan epochs"
      }
    }

    /// Column width; the id column fits the longest id (`idWidth`).
    func width(idWidth: Int) -> Int {
      switch self {
      case .id: return idWidth
      case .field(let f):
        switch f {
        case .flops: return 7
        case .watts: return 5
        case .uplink: return 6
        case .downlink: return 6
        case .radioWatts: return 5
        case .samples: return 7
        case .availability: return 9
        case .kind: return 7
        case .name: return 14
        }
      case .skew: return 5
      case .used: return 11
      }
    }

    var rightAligned: Bool {
      switch self {
      case .field(let f): return !(f == .availability || f.isText)
      case .skew: return true
      default: return false
      }
    }
  }

  /// The columns after the pinned id column, in their fixed order: the numbers a
  /// planner edits, the label skew and the plan's epochs, then kind and name.
  static let scrollable: [Column] =
    NodeField.allCases.filter { !$0.isText }.map { .field($0) } + [.skew, .used] + [.field(.kind), .field(.name)]

  /// Width of the id column: the longest id, between 4 and 12.
  static func idWidth(_ scenario: Scenario) -> Int { min(12, max(4, scenario.nodes.map(\.id.displayWidth).max() ?? 4)) }

  /// The scrollable columns that fit in `width` columns (after the id) from `first` on.
  static func visible(from first: Int, width: Int, idWidth: Int) -> [Column] {
    var room = width - idWidth
    var out: [Column] = []
    for c in scrollable.dropFirst(max(0, first)) {
      let w = c.width(idWidth: idWidth) + 1
      if w > room { break }
      out.append(c)
      room -= w
    }
    return out
  }

  /// The first scrollable column to show so that `field` is in view: columns keep
  /// their order and places, and scroll only as far as the selected field needs.
  public static func firstColumn(keeping field: NodeField, width: Int, scenario: Scenario) -> Int {
    let idWidth = idWidth(scenario)
    guard let target = scrollable.firstIndex(of: .field(field)) else { return 0 }
    var first = 0
    while first < target && !visible(from: first, width: width, idWidth: idWidth).contains(.field(field)) {
      first += 1
    }
    return first
  }
}
