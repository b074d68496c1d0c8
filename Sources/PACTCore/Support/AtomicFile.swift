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
  /// A save that failed, with the step and the system's reason.
  public struct WriteError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "\(path): cannot be written: \(reason)" }
  }

  /// The moments between two file-system steps of a write, where a crash could fall.
  /// Tests observe them (``stepObserver``) to check that the target and its backup
  /// are whole at every one.
  public enum Step: Sendable, Equatable {
    /// The new text is written and flushed to the temporary file.
    case temporaryWritten
    /// The replaced version is linked (or copied) to a temporary backup name.
    case backupStaged
    /// The temporary backup is renamed over `NAME~`.
    case backupReplaced
    /// The temporary file is renamed over the target.
    case targetReplaced
  }

  /// Called after each ``Step`` of a write in this task (tests only).
  @TaskLocal public static var stepObserver: (@Sendable (Step) -> Void)?

  /// Writes `text` to `path` atomically.
  ///
  /// Every step leaves whole files behind: the new text goes to `.NAME.tmp-PID-N`,
  /// the version it replaces is linked to `.NAME~.tmp-PID-N` and renamed over
  /// `NAME~` (so `NAME~` is never missing once it exists), and only then is the
  /// temporary file renamed over `NAME`. Temporary files of this naming left by a
  /// process that no longer runs (one killed mid-save) are removed first.
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
    let name = url.lastPathComponent
    removeStaleTemporaries(in: directory, name: name)
    let suffix = ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let temporary = directory + "/." + name + suffix
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
    stepObserver?(.temporaryWritten)
    if keepBackup, exists { stageBackup(of: target, directory: directory, name: name, suffix: suffix) }
    if rename(temporary, target) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw WriteError(path: path, reason: reason)
    }
    stepObserver?(.targetReplaced)
    // Make the renames durable.
    let dirfd = open(directory, O_RDONLY)
    if dirfd >= 0 {
      _ = fsync(dirfd)
      close(dirfd)
    }
  }

  /// Replaces `NAME~` with the current `NAME` in one rename: the old version is linked
  /// (or, on a file system without hard links, copied) to a temporary name first.
  private static func stageBackup(of target: String, directory: String, name: String, suffix: String) {
    let staged = directory + "/." + name + "~" + suffix
    if link(target, staged) != 0 {
      unlink(staged)
      guard (try? FileManager.default.copyItem(atPath: target, toPath: staged)) != nil else {
        unlink(staged)
        return
      }
    }
    stepObserver?(.backupStaged)
    if rename(staged, target + "~") != 0 {
      unlink(staged)
      return
    }
    stepObserver?(.backupReplaced)
  }

  /// Removes `.NAME.tmp-PID-N` and `.NAME~.tmp-PID-N` files whose process no longer runs
  /// (left by a save that was killed); files of running processes are left alone.
  static func removeStaleTemporaries(in directory: String, name: String) {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
    for prefix in ["." + name + ".tmp-", "." + name + "~.tmp-"] {
      for entry in entries where entry.hasPrefix(prefix) {
        let rest = entry.dropFirst(prefix.count).split(separator: "-")
        guard rest.count == 2, let pid = Int32(rest[0]), UInt32(rest[1]) != nil, pid > 0 else { continue }
        if pid == getpid() || kill(pid, 0) == 0 || errno != ESRCH { continue }
        unlink(directory + "/" + entry)
      }
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
