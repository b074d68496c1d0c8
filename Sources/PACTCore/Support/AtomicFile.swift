import Foundation

/// Writes files so that a crash, a full disk or a read-only folder never leaves
/// a half-written file: the text goes to a temporary file beside the target,
/// is flushed, and then renamed over it. The previous version, when there is
/// one, is kept as `NAME~`.
///
/// A symbolic link is followed (the file it points to is replaced; the link
/// stays), the replaced file's permissions carry over to the new one, and a
/// target that is not a regular file (a folder) is refused before anything is
/// written.
public enum AtomicFile {
  public struct WriteError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "\(path): cannot be written: \(reason)" }
  }

  /// Writes `text` to `path` atomically.
  /// - Parameter keepBackup: when the file exists, keep its previous content as `path~`.
  public static func write(_ text: String, to path: String, keepBackup: Bool = true) throws(WriteError) {
    let target = resolvingLink(path)
    var existing = stat()
    let exists = stat(target, &existing) == 0
    if exists && (existing.st_mode & S_IFMT) != S_IFREG {
      throw WriteError(
        path: path, reason: (existing.st_mode & S_IFMT) == S_IFDIR ? "is a folder" : "not a regular file")
    }
    let url = URL(fileURLWithPath: target)
    let directory = url.deletingLastPathComponent().path
    let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let bytes = Array(text.utf8)
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
    func fail(_ reason: String) -> WriteError {
      close(fd)
      unlink(temporary)
      return WriteError(path: path, reason: reason)
    }
    // The new version keeps the permissions of the one it replaces (a private 0600 file stays private).
    if exists, fchmod(fd, existing.st_mode & 0o7777) != 0 { throw fail(String(cString: strerror(errno))) }
    var written = 0
    while written < bytes.count {
      let n = bytes.withUnsafeBufferPointer { buffer in
        Foundation.write(fd, buffer.baseAddress! + written, buffer.count - written)
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw fail(String(cString: strerror(errno)))
      }
      written += n
    }
    if fsync(fd) != 0 { throw fail(String(cString: strerror(errno))) }
    close(fd)
    if keepBackup, exists {
      let backup = target + "~"
      unlink(backup)
      if link(target, backup) != 0 {
        // A filesystem without hard links: copy instead; the target is still replaced atomically below.
        _ = try? FileManager.default.copyItem(atPath: target, toPath: backup)
      }
    }
    if rename(temporary, target) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw WriteError(path: path, reason: reason)
    }
    // Make the rename itself durable.
    let dirfd = open(directory, O_RDONLY)
    if dirfd >= 0 {
      _ = fsync(dirfd)
      close(dirfd)
    }
  }

  /// The file a symbolic link at `path` points to (followed to the end), or `path` itself.
  static func resolvingLink(_ path: String) -> String {
    var info = stat()
    guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return path }
    guard let resolved = realpath(path, nil) else {
      // A dangling link: write where it points, relative to the link's folder.
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let n = readlink(path, &buffer, buffer.count - 1)
      guard n > 0 else { return path }
      let destination = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      if destination.hasPrefix("/") { return destination }
      return URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(destination).path
    }
    defer { free(resolved) }
    return String(cString: resolved)
  }
}
