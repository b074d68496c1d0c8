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
  /// Returns nil when no such theme exists; use ``open(_:)`` to learn why.
  public func load(_ name: String) -> (Theme, [ThemeIssue])? { try? open(name) }

  /// Loads theme `name` (a name or a path to a `.theme` file), reporting bad lines.
  /// - Throws: ``ThemeError`` saying why: no such theme, or a path that is a folder,
  ///   a pipe or a device, is empty, or is not UTF-8 text.
  public func open(_ name: String) throws(ThemeError) -> (Theme, [ThemeIssue]) {
    if name.contains("/") || name.hasSuffix(".theme") {
      let text = try ThemeCatalog.read(name)
      let base = URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent
      return Theme.parse(text, name: base, source: name)
    }
    if let directory {
      let path = directory + "/" + name + ".theme"
      if FileManager.default.fileExists(atPath: path) {
        return Theme.parse(try ThemeCatalog.read(path), name: name, source: path)
      }
    }
    guard let text = BuiltinThemes.text[name] else {
      throw ThemeError(message: "no theme \"\(name)\" (have \(names.joined(separator: ", ")))")
    }
    return Theme.parse(text, name: name)
  }

  /// The text of a theme file, refusing what is not a readable, non-empty UTF-8 file
  /// (a pipe is refused before it is opened, so reading never blocks).
  static func read(_ path: String) throws(ThemeError) -> String {
    var info = stat()
    guard stat(path, &info) == 0 else { throw ThemeError(message: "\(path): no such file") }
    switch info.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR: throw ThemeError(message: "\(path): is a folder, not a theme file")
    case S_IFIFO: throw ThemeError(message: "\(path): is a pipe, not a theme file")
    default: throw ThemeError(message: "\(path): is not a regular file")
    }
    guard info.st_size <= 1 << 20 else { throw ThemeError(message: "\(path): is larger than 1 MiB; not a theme") }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ThemeError(message: "\(path): cannot be read (permission denied?)")
    }
    guard !data.isEmpty else { throw ThemeError(message: "\(path): is empty") }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ThemeError(message: "\(path): is not UTF-8 text")
    }
    return text
  }
}

/// Why a theme could not be loaded.
public struct ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
  public var message: String
  public var description: String { message }
}
