/// What differs between two scenarios, value by value, for a person: `training.deadlineSeconds
/// 200 → 143`, `nodes[h-oslo].watts 350 → 200`, `node h-rome added`. Nodes are matched by
/// id; defaults count as values, so a key spelled out at its default is no difference.
extension Scenario {
  /// What differs from `original`, one short line per value: path, old → new.
  public func differences(from original: Scenario) -> [String] {
    var out: [String] = []
    Scenario.diff(
      original.plainJSON(includingDefaults: true), plainJSON(includingDefaults: true), at: "", into: &out)
    return out
  }

  private static func diff(_ a: JSONValue, _ b: JSONValue, at path: String, into out: inout [String]) {
    if JSONSourceEditor.same(a, b) { return }
    switch (a, b) {
    case (.object(let x), .object(let y)):
      for m in y {
        let p = path.isEmpty ? m.key : path + "." + m.key
        if let old = a[m.key] { diff(old, m.value, at: p, into: &out) } else { out.append("\(p): added") }
      }
      for m in x where b[m.key] == nil { out.append("\(path.isEmpty ? m.key : path + "." + m.key): removed") }
    case (.array(let x), .array(let y)) where path == "nodes":
      func id(_ v: JSONValue) -> String {
        if case .string(let s)? = v["id"] { return s }
        return "?"
      }
      let old = Dictionary(x.map { (id($0), $0) }, uniquingKeysWith: { a, _ in a })
      let new = Set(y.map(id))
      for n in y {
        if let o = old[id(n)] {
          diff(o, n, at: "nodes[\(id(n))]", into: &out)
        } else {
          out.append("node \(id(n)) added")
        }
      }
      for n in x where !new.contains(id(n)) { out.append("node \(id(n)) removed") }
    default:
      out.append("\(path) \(short(a)) → \(short(b))")
    }
  }

  private static func short(_ v: JSONValue) -> String {
    let text = JSONWriter.compact(v)
    return text.count > 24 ? String(text.prefix(23)) + "…" : text
  }
}
