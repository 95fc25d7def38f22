import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A run's staging SQLite file, `<db>.runs/<id>.sqlite.staging`, held by its writer.
///
/// The writer creates `<db>.runs/<id>.sqlite.staging.lock` with `O_EXCL` and holds an exclusive
/// `flock` on it for the file's whole life (until the data is renamed to the run file, or
/// removed). A lock that can be taken means its writer is gone (exited, crashed or was killed:
/// the kernel drops the lock with the process), so ``removeAbandoned(inRunsDirectory:)`` deletes
/// that staging file, and never one a live writer (in any process) still holds. The lock lives
/// in a sidecar file, not on the data file, because on some systems `flock` and SQLite's own
/// `fcntl` locks interact. Versions before run files named staging files
/// `<db>.staging-<pid>-<random>`, beside the database; ``removeAbandoned(besideDatabaseAt:)``
/// still removes those.
final class StagingFile {
    /// The staging database's path.
    let path: String
    private let lockPath: String
    private var lockDescriptor: Int32

    private init(path: String, lockPath: String, lockDescriptor: Int32) {
        self.path = path
        self.lockPath = lockPath
        self.lockDescriptor = lockDescriptor
    }

    deinit { remove() }

    /// Creates and locks the staging file at `path` (its lock is `path + ".lock"`); fails if
    /// either exists.
    static func create(at path: String) throws -> StagingFile {
        let lockPath = path + ".lock"
        // A cleaner that opens the fresh lock before this writer locks it removes it; the
        // name is this run's alone, so trying again soon succeeds.
        for attempt in 0..<16 {
            let fd = open(lockPath, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd < 0 {
                guard errno == EEXIST else {
                    throw StoreError.sqlite(path: lockPath, operation: "create staging file",
                                            message: String(cString: strerror(errno)))
                }
                usleep(useconds_t(1_000 * (attempt + 1)))
                continue
            }
            if flock(fd, LOCK_EX | LOCK_NB) == 0, sameFile(fd, lockPath) {
                unlinkDatabase(path)   // nothing should be there; a stale file would be a killed writer's
                return StagingFile(path: path, lockPath: lockPath, lockDescriptor: fd)
            }
            close(fd)
        }
        throw StoreError.sqlite(path: lockPath, operation: "create staging file",
                                message: "the lock file exists and stays (another writer holds it)")
    }

    /// Deletes the staging data and then its lock; idempotent.
    func remove() {
        guard lockDescriptor >= 0 else { return }
        Self.unlinkDatabase(path)
        unlink(lockPath)
        close(lockDescriptor)
        lockDescriptor = -1
    }

    /// Removes the staging files beside `databasePath` whose writer is gone (left by versions
    /// before run files, `<db>.staging-<pid>-<random>`); returns their paths.
    @discardableResult
    static func removeAbandoned(besideDatabaseAt databasePath: String) -> [String] {
        let url = URL(fileURLWithPath: databasePath)
        let prefix = url.lastPathComponent + ".staging-"
        return removeAbandoned(in: url.deletingLastPathComponent().path) { $0.hasPrefix(prefix) }
    }

    /// Removes the staging files in a run-file folder (`<id>.sqlite.staging`) whose writer is
    /// gone; returns their paths.
    @discardableResult
    static func removeAbandoned(inRunsDirectory directory: String) -> [String] {
        removeAbandoned(in: directory) { $0.contains(".sqlite.staging") }
    }

    /// Removes the staging files (data, side files and lock) among the names of `directory`
    /// that `isStaging` accepts, when their lock can be taken or is gone.
    private static func removeAbandoned(in directory: String, where isStaging: (String) -> Bool) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var removed: [String] = []
        for name in names.sorted() where isStaging(name) {
            let full = (directory as NSString).appendingPathComponent(name)
            if name.hasSuffix(".lock") {
                let fd = open(full, O_RDWR | O_CLOEXEC)
                guard fd >= 0 else { continue }
                defer { close(fd) }
                guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { continue }   // its writer is alive
                let data = String(full.dropLast(".lock".count))
                unlinkDatabase(data)
                unlink(full)
                removed.append(data)
            } else if !name.contains(".lock"), !hasLock(full) {
                // Data without a lock file: its writer died after a cleaner removed the lock.
                unlink(full)
                removed.append(full)
            }
        }
        return removed
    }

    /// What SQLite may keep beside a database file: its rollback journal, WAL and shared memory.
    private static let sideFileSuffixes = ["-journal", "-wal", "-shm"]

    /// Deletes the database file at `path` and its side files.
    static func unlinkDatabase(_ path: String) {
        unlink(path)
        for suffix in sideFileSuffixes { unlink(path + suffix) }
    }

    private static func hasLock(_ file: String) -> Bool {
        var base = file
        for suffix in sideFileSuffixes where base.hasSuffix(suffix) {
            base = String(base.dropLast(suffix.count))
        }
        return access(base + ".lock", F_OK) == 0
    }

    private static func sameFile(_ fd: Int32, _ path: String) -> Bool {
        var open = stat(), named = stat()
        guard fstat(fd, &open) == 0, stat(path, &named) == 0 else { return false }
        return open.st_ino == named.st_ino && open.st_dev == named.st_dev
    }
}
