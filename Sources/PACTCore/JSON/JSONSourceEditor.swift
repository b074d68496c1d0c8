import Foundation

/// Edits a JSON text in place: given what a program read from it (`old`) and what it
/// now wants written (`new`), rewrites only the values that differ, in the file's own
/// layout, and leaves every other byte as it was.
///
/// The rules, applied from the root down:
/// - a value whose text already says `new` (numbers compare by value, so `4.0e13`
///   stays `4.0e13`) is not touched;
/// - an object member in `new` but not in the text is appended to its object when
///   `old` did not already mean that value (a default the file leaves out stays
///   out); an object `new` adds is written with only the members that differ
///   from `old`;
/// - a member of the text missing from `new` is removed only when `old` had it (a key
///   the program does not know is kept);
/// - arrays named in `keyedArrays` are matched element by element by an id member
///   (`"nodes": "id"`): a removed element is cut with its comma, an added one is
///   written after its predecessor in the style of its neighbour (one line or
///   indented, padding, nested arrays as the neighbour has them);
/// - other arrays of the same length are edited element by element; anything else
///   is replaced by the new value, written in the style of the value it replaces.
///
/// This is the approach of editors' JSON modification (minimal text edits) and of
/// round-trip libraries such as tomlkit and ruamel.yaml.
public enum JSONSourceEditor {
  ///
  /// `lean`, when given, is `new` without the members at their default: an added
  /// element of a keyed array is written with the members `lean` has or its neighbour
  /// has, so a new node does not spell out defaults its neighbours leave out.
  public static func edit(
    _ tree: JSONSourceTree, from old: JSONValue, to new: JSONValue, lean: JSONValue? = nil,
    keyedArrays: [String: String] = [:]
  ) -> String {
    var editor = Editor(tree: tree, keyed: keyedArrays, lean: lean)
    editor.diff(tree.root, old: old, new: new, key: nil)
    return editor.applied()
  }

  /// Whether `a` and `b` mean the same JSON (object member order aside).
  public static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a, b) {
    case (.object(let x), .object(let y)):
      guard x.count == y.count else { return false }
      return x.allSatisfy { m in b[m.key].map { same(m.value, $0) } ?? false }
    case (.array(let x), .array(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
    default:
      return a == b
    }
  }

  private struct Edit {
    var start: Int
    var end: Int
    var text: String
  }

  private struct Editor {
    let tree: JSONSourceTree
    let keyed: [String: String]
    let lean: JSONValue?
    var edits: [Edit] = []

    var unit: String {
      guard let first = tree.root.members.first, tree.isMultiline(tree.root) else { return "  " }
      let child = tree.lineIndent(at: first.keyStart)
      let parent = tree.lineIndent(at: tree.root.start)
      return child.count > parent.count ? String(child.dropFirst(parent.count)) : "  "
    }

    mutating func diff(_ src: JSONSourceTree.Node, old: JSONValue?, new: JSONValue, key: String?) {
      if JSONSourceEditor.same(src.value, new) { return }
      switch (src.kind, new) {
      case (.object(let members), .object(let newMembers)) where !members.isEmpty:
        var removed = Set<Int>()
        for (i, m) in members.enumerated() {
          guard let n = new[m.key] else {
            if old?[m.key] != nil { removed.insert(i) }
            continue
          }
          diff(m.value, old: old?[m.key], new: n, key: m.key)
        }
        var inserted: [String] = []
        let multiline = tree.isMultiline(src)
        let childIndent = multiline ? tree.lineIndent(at: members[0].keyStart) : ""
        for m in newMembers where src.member(m.key) == nil {
          let before = old?[m.key]
          if let before, JSONSourceEditor.same(before, m.value) { continue }
          let value = changedPart(before, m.value)
          let like = members.first { $0.key == m.key }?.value
          inserted.append(
            JSONWriter.quoted(m.key) + ": "
              + render(value, like: like, indent: childIndent, parentMultiline: multiline))
        }
        if removed.count == members.count {
          replace(src, with: new)
          return
        }
        container(
          src, items: members.map { ($0.keyStart, $0.value.end) }, removed: removed,
          inserts: inserted.isEmpty ? [] : [(after: members.count - 1, texts: inserted)])
      case (.array(let elements), .array(let newElements)):
        if let key, let idKey = keyed[key] {
          if keyedDiff(src, elements, old: old, new: newElements, idKey: idKey) { return }
          // Ids reordered, repeated or missing: the array is rewritten, each element
          // keeping the members pact does not read of the source element with its id
          // (never by position: that would move one node's keys onto another).
          replace(src, with: .array(keepingUnread(newElements, from: elements, old: old, idKey: idKey)))
          return
        }
        guard elements.count == newElements.count, !elements.isEmpty else {
          replace(src, with: new)
          return
        }
        var before: [JSONValue]? = nil
        if case .array(let o)? = old, o.count == newElements.count { before = o }
        for i in elements.indices { diff(elements[i], old: before?[i], new: newElements[i], key: nil) }
      default:
        replace(src, with: new)
      }
    }

    /// Matches elements by their `idKey` member; false when the ids do not allow it
    /// (missing, repeated, reordered), and the caller rewrites the array.
    mutating func keyedDiff(
      _ src: JSONSourceTree.Node, _ elements: [JSONSourceTree.Node], old: JSONValue?, new: [JSONValue],
      idKey: String
    ) -> Bool {
      func id(_ v: JSONValue) -> String? {
        if case .string(let s)? = v[idKey] { return s }
        return nil
      }
      let srcIDs = elements.map { id($0.value) }
      let newIDs = new.map(id)
      guard !elements.isEmpty, srcIDs.allSatisfy({ $0 != nil }), newIDs.allSatisfy({ $0 != nil }) else {
        return false
      }
      let srcList = srcIDs.compactMap { $0 }
      let newList = newIDs.compactMap { $0 }
      guard Set(srcList).count == srcList.count, Set(newList).count == newList.count else { return false }
      let newSet = Set(newList)
      let srcSet = Set(srcList)
      let surviving = srcList.filter { newSet.contains($0) }
      guard !surviving.isEmpty, surviving == newList.filter({ srcSet.contains($0) }) else { return false }
      var oldByID: [String: JSONValue] = [:]
      if case .array(let oldElements)? = old {
        for e in oldElements { if let i = id(e) { oldByID[i] = e } }
      }
      let srcIndex = Dictionary(uniqueKeysWithValues: srcList.enumerated().map { ($1, $0) })
      var removed = Set<Int>()
      for (i, s) in srcList.enumerated() where !newSet.contains(s) { removed.insert(i) }
      let multiline = tree.isMultiline(src)
      let indent = multiline ? tree.lineIndent(at: elements[0].start) : ""
      var inserts: [(after: Int?, texts: [String])] = []
      var anchor: Int? = nil
      var pending: [String] = []
      func flush() {
        if !pending.isEmpty { inserts.append((after: anchor, texts: pending)) }
        pending = []
      }
      for (k, nid) in newList.enumerated() {
        if let i = srcIndex[nid] {
          flush()
          anchor = i
          diff(elements[i], old: oldByID[nid], new: new[k], key: nil)
        } else {
          let like = elements[anchor ?? srcIndex[surviving[0]]!]
          pending.append(
            render(
              leanElement(new[k], id: nid, like: like, idKey: idKey), like: like, indent: indent,
              parentMultiline: multiline))
        }
      }
      flush()
      container(src, items: elements.map { ($0.start, $0.end) }, removed: removed, inserts: inserts)
      return true
    }

    /// `new`'s elements, each with the members of the source element of the same id that
    /// pact does not write (neither in `new` nor in `old`, pact's fields as read), in
    /// the source element's order; pact's new members follow.
    func keepingUnread(_ new: [JSONValue], from elements: [JSONSourceTree.Node], old: JSONValue?, idKey: String)
      -> [JSONValue]
    {
      func id(_ v: JSONValue?) -> String? {
        if case .string(let s)? = v?[idKey] { return s }
        return nil
      }
      var sourceByID: [String: JSONValue] = [:]
      for e in elements { if let i = id(e.value), sourceByID[i] == nil { sourceByID[i] = e.value } }
      var oldByID: [String: JSONValue] = [:]
      if case .array(let o)? = old { for e in o { if let i = id(e), oldByID[i] == nil { oldByID[i] = e } } }
      return new.map { element in
        guard let i = id(element), case .object(let source)? = sourceByID[i], case .object(let members) = element
        else { return element }
        var out: [(key: String, value: JSONValue)] = []
        for m in source {
          if let n = element[m.key] {
            out.append((m.key, n))
          } else if oldByID[i]?[m.key] == nil {
            out.append(m)
          }
        }
        for m in members where !source.contains(where: { $0.key == m.key }) { out.append(m) }
        return .object(out)
      }
    }

    /// An added keyed element without the defaults that neither ``lean`` nor its neighbour spells out.
    func leanElement(_ value: JSONValue, id: String, like: JSONSourceTree.Node, idKey: String) -> JSONValue {
      guard case .object(let members) = value, let lean else { return value }
      var leanElement: JSONValue? = nil
      func find(_ v: JSONValue) {
        switch v {
        case .object(let ms):
          if case .string(id)? = v[idKey], ms.count > 0, leanElement == nil { leanElement = v }
          for m in ms { find(m.value) }
        case .array(let es): for e in es { find(e) }
        default: break
        }
      }
      find(lean)
      guard let leanElement else { return value }
      return .object(members.filter { leanElement[$0.key] != nil || like.member($0.key) != nil })
    }

    /// Removes items and inserts texts in a container, keeping its separators.
    mutating func container(
      _ src: JSONSourceTree.Node, items: [(start: Int, end: Int)], removed: Set<Int>,
      inserts: [(after: Int?, texts: [String])]
    ) {
      let multiline = tree.isMultiline(src)
      let sep = multiline ? "\n" + tree.lineIndent(at: items[0].start) : " "
      guard let firstKept = items.indices.first(where: { !removed.contains($0) }) else { return }
      if firstKept > 0 { edits.append(Edit(start: items[0].start, end: items[firstKept].start, text: "")) }
      for i in removed where i > firstKept {
        edits.append(Edit(start: items[i - 1].end, end: items[i].end, text: ""))
      }
      for insert in inserts {
        if let after = insert.after {
          let text = insert.texts.map { "," + sep + $0 }.joined()
          edits.append(Edit(start: items[after].end, end: items[after].end, text: text))
        } else {
          let text = insert.texts.map { $0 + "," + sep }.joined()
          edits.append(Edit(start: items[0].start, end: items[0].start, text: text))
        }
      }
    }

    mutating func replace(_ src: JSONSourceTree.Node, with new: JSONValue) {
      let text = render(
        new, like: src, indent: tree.lineIndent(at: src.start), parentMultiline: tree.isMultiline(tree.root))
      edits.append(Edit(start: src.start, end: src.end, text: text))
    }

    /// An object being added: only its members that differ from what `old` meant.
    func changedPart(_ old: JSONValue?, _ new: JSONValue) -> JSONValue {
      guard case .object? = old, case .object(let after) = new else { return new }
      return .object(after.filter { m in old?[m.key].map { !JSONSourceEditor.same($0, m.value) } ?? true })
    }

    /// `value` as text in the style of `like` (the value it replaces, or a neighbour).
    func render(_ value: JSONValue, like: JSONSourceTree.Node?, indent: String, parentMultiline: Bool) -> String {
      switch value {
      case .object(let members):
        if members.isEmpty { return "{}" }
        let exampleObject = like.flatMap { if case .object = $0.kind { return $0 } else { return nil } }
        let multiline = exampleObject.map { tree.isMultiline($0) } ?? parentMultiline
        if !multiline {
          let pad = exampleObject.map { tree.bytes[$0.start + 1] == 0x20 } ?? true
          let body = members.map { m in
            JSONWriter.quoted(m.key) + ": "
              + render(m.value, like: exampleObject?.member(m.key)?.value, indent: indent, parentMultiline: false)
          }.joined(separator: ", ")
          return pad ? "{ " + body + " }" : "{" + body + "}"
        }
        let child =
          exampleObject.flatMap { e in e.members.first.map { tree.lineIndent(at: $0.keyStart) } } ?? indent + unit
        let body = members.map { m in
          child + JSONWriter.quoted(m.key) + ": "
            + render(m.value, like: exampleObject?.member(m.key)?.value, indent: child, parentMultiline: true)
        }.joined(separator: ",\n")
        return "{\n" + body + "\n" + indent + "}"
      case .array(let elements):
        if elements.isEmpty { return "[]" }
        let exampleArray = like.flatMap { if case .array = $0.kind { return $0 } else { return nil } }
        let hasContainers = elements.contains {
          if case .object = $0 { return true }
          if case .array = $0 { return true }
          return false
        }
        let multiline = exampleArray.map { tree.isMultiline($0) } ?? (parentMultiline && hasContainers)
        func elementLike(_ i: Int) -> JSONSourceTree.Node? {
          guard let e = exampleArray?.elements, !e.isEmpty else { return nil }
          return i < e.count ? e[i] : e[0]
        }
        if !multiline {
          return "["
            + elements.enumerated().map {
              render($1, like: elementLike($0), indent: indent, parentMultiline: false)
            }.joined(separator: ", ") + "]"
        }
        let child =
          exampleArray.flatMap { e in e.elements.first.map { tree.lineIndent(at: $0.start) } } ?? indent + unit
        let body = elements.enumerated().map {
          child + render($1, like: elementLike($0), indent: child, parentMultiline: true)
        }.joined(separator: ",\n")
        return "[\n" + body + "\n" + indent + "]"
      case .number(let x):
        return like.map { number(x, like: tree.text($0.start, $0.end)) } ?? JSONWriter.number(x)
      default:
        return JSONWriter.compact(value)
      }
    }

    /// `x` spelled as `example` is (`2.0e10`, `1E7`, `4.0`), when that reads back exactly.
    func number(_ x: Double, like example: String) -> String {
      let plain = JSONWriter.number(x)
      guard x.isFinite, x != 0, example.first.map({ $0.isNumber || $0 == "-" }) == true else { return plain }
      if let e = example.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        let exponent = Int((log10(abs(x))).rounded(.down))
        var mantissa = "\(x / pow(10, Double(exponent)))"
        if !example[..<e].contains(".") && mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
        let sign = example[example.index(after: e)...].hasPrefix("+") && exponent >= 0 ? "+" : ""
        let text = mantissa + String(example[e]) + sign + "\(exponent)"
        return Double(text) == x ? text : plain
      }
      if example.contains("."), !plain.contains("."), !plain.contains("e") { return plain + ".0" }
      return plain
    }

    func applied() -> String {
      var bytes = tree.bytes
      // From the end, so offsets stay valid; at one offset a removal goes before an insertion.
      let ordered = edits.sorted {
        $0.start != $1.start ? $0.start > $1.start : ($0.end - $0.start) > ($1.end - $1.start)
      }
      for e in ordered { bytes.replaceSubrange(e.start..<e.end, with: Array(e.text.utf8)) }
      return String(decoding: bytes, as: UTF8.self)
    }
  }
}
