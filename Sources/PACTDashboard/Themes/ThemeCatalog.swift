import Foundation

/// Finds themes by name: `themes/NAME.theme` beside the executable's package
/// (walking up from the executable), falling back to the copies built in.
public struct ThemeCatalog: Sendable {
  /// The `themes` folder found on disk, if any.
  public var directory: String?

  public init(directory: String? = ThemeCatalog.findDirectory()) { self.directory = directory }

  /// Walks up from the executable (and the working directory) looking for `themes/default.theme`.
  public static func findDirectory(executable: String? = Bundle.main.executablePath) -> String? {
    var starts: [URL] = []
    if let executable {
      starts.append(URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent())
    }
    starts.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    for start in starts {
      var dir = start
      for _ in 0..<8 {
        let candidate = dir.appendingPathComponent("themes")
        if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("default.theme").path) {
          return candidate.path
        }
        let parent = dir.deletingLastPathComponent()
        if parent.path == dir.path { break }
        dir = parent
      }
    }
    return nil
  }

  /// Every theme name: the files on disk and the built-in ones, default first.
  public var names: [String] {
    var set = Set(BuiltinThemes.text.keys)
    if let directory, let files = try? FileManager.default.contentsOfDirectory(atPath: directory) {
      for f in files where f.hasSuffix(".theme") { set.insert(String(f.dropLast(6))) }
    }
    let order = ["default", "light", "high-contrast", "monochrome"]
    return order.filter { set.contains($0) } + set.subtracting(order).sorted()
  }

  /// Loads theme `name` (a name or a path to a `.theme` file), reporting bad lines.
  /// Returns nil when no such theme exists.
  public func load(_ name: String) -> (Theme, [ThemeIssue])? {
    if name.contains("/") || name.hasSuffix(".theme") {
      guard let text = try? String(contentsOfFile: name, encoding: .utf8) else { return nil }
      let base = URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent
      return Theme.parse(text, name: base, source: name)
    }
    if let directory {
      let path = directory + "/" + name + ".theme"
      if let text = try? String(contentsOfFile: path, encoding: .utf8) {
        return Theme.parse(text, name: name, source: path)
      }
    }
    guard let text = BuiltinThemes.text[name] else { return nil }
    return Theme.parse(text, name: name)
  }
}
