import GRDB
import GRDBSQLite

/// A prepared INSERT driven through SQLite's C API: positional binds, step, reset.
///
/// Hand-tuned on purpose: bulk rows (series, syncs, metrics, samples) bypass GRDB's
/// `StatementArguments` and Codable records, which allocate per row; `RunRecorder`'s doc
/// comment gives the measured ratio (about 10× Codable, 2× `setUncheckedArguments`).
struct BulkStatement {
    private let handle: OpaquePointer
    private let connection: OpaquePointer?
    private let table: String

    /// Prepares (or reuses from the connection's cache) `sql`.
    init(_ db: Database, table: String, sql: String) throws {
        handle = try db.cachedStatement(sql: sql).sqliteStatement
        connection = db.sqliteConnection
        self.table = table
    }

    @inline(__always) func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, index, value)
    }

    @inline(__always) func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    @inline(__always) func bind(_ index: Int32, _ value: Int32?) {
        bind(index, value.map(Int64.init))
    }

    @inline(__always) func bind(_ index: Int32, _ value: Double?) {
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    @inline(__always) func bind(_ index: Int32, _ value: String?) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        if value.isEmpty {   // an empty buffer may have no address, which SQLite would bind as NULL
            sqlite3_bind_text(handle, index, "", 0, sqliteTransient)
            return
        }
        var text = value
        text.withUTF8 { bytes in
            // SQLITE_TRANSIENT: SQLite copies the bytes before this call returns.
            _ = bytes.withMemoryRebound(to: CChar.self) { chars in
                sqlite3_bind_text(handle, index, chars.baseAddress, Int32(chars.count), sqliteTransient)
            }
        }
    }

    /// Binds a packed value: `Int64.min` is NULL.
    @inline(__always) func bind(_ index: Int32, orNull value: Int64) {
        if value == .min { sqlite3_bind_null(handle, index) } else { sqlite3_bind_int64(handle, index, value) }
    }

    /// Binds a packed value: `Int32.min` is NULL.
    @inline(__always) func bind(_ index: Int32, orNull value: Int32) {
        if value == .min { sqlite3_bind_null(handle, index) } else { sqlite3_bind_int64(handle, index, Int64(value)) }
    }

    /// Binds a packed value: NaN is NULL (as SQLite itself stores a NaN).
    @inline(__always) func bind(_ index: Int32, orNull value: Double) {
        if value.isNaN { sqlite3_bind_null(handle, index) } else { sqlite3_bind_double(handle, index, value) }
    }

    /// Binds text SQLite does not copy: `text` must stay valid until ``clearBindings()`` (see ``StaticTexts``).
    @inline(__always) func bind(_ index: Int32, static text: UnsafeBufferPointer<CChar>?) {
        guard let text else { sqlite3_bind_null(handle, index); return }
        sqlite3_bind_text(handle, index, text.baseAddress, Int32(text.count), sqliteStatic)
    }

    /// Unbinds every parameter (after the last row bound with ``bind(_:static:)``).
    func clearBindings() { sqlite3_clear_bindings(handle) }

    /// Runs the insert with the bound values, then resets the statement for the next row.
    func step(path: String) throws {
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "SQLite error \(code)"
            sqlite3_reset(handle)
            throw StoreError.sqlite(path: path, operation: "insert into \(table)", message: message)
        }
        sqlite3_reset(handle)
    }
}

/// `SQLITE_TRANSIENT` (the C macro `((sqlite3_destructor_type)-1)` does not import into Swift).
private let sqliteTransient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
/// `SQLITE_STATIC` (`((sqlite3_destructor_type)0)`): SQLite uses the bytes where they are.
private let sqliteStatic: sqlite3_destructor_type? = nil

/// Names bound to many rows (an HPA's, a deployment's, a limiting reason), encoded once per batch
/// so each row binds them without SQLite copying the text (`SQLITE_STATIC`).
final class StaticTexts {
    private let buffers: [UnsafeMutableBufferPointer<CChar>]
    init(_ texts: [String]) {
        buffers = texts.map { text in
            let utf8 = Array(text.utf8)
            let buffer = UnsafeMutableBufferPointer<CChar>.allocate(capacity: max(utf8.count, 1))
            for (i, byte) in utf8.enumerated() { buffer[i] = CChar(bitPattern: byte) }
            return UnsafeMutableBufferPointer(rebasing: buffer[0..<utf8.count])
        }
    }
    deinit { buffers.forEach { $0.baseAddress?.deallocate() } }
    /// Text number `n`, nil for a negative `n`.
    subscript(n: Int32) -> UnsafeBufferPointer<CChar>? { n < 0 ? nil : UnsafeBufferPointer(buffers[Int(n)]) }
}

/// One INSERT for one row and one for ``rowsPerStep`` rows (`VALUES (…), (…), …`).
///
/// Hand-tuned: a statement step costs more than the row it inserts (the VDBE opens the table and
/// its index, seeks and closes per step), so bulk tables insert 16 rows a step and step the
/// one-row statement only for the remainder of a batch.
struct MultiRowInsert {
    static let rowsPerStep = 16
    private let single: BulkStatement
    private let multi: BulkStatement
    private let columns: Int32

    /// `head` is `INSERT INTO t (c1, …, cN)`; `columns` is N.
    init(_ db: Database, table: String, head: String, columns: Int32) throws {
        let row = "(" + Array(repeating: "?", count: Int(columns)).joined(separator: ", ") + ")"
        single = try BulkStatement(db, table: table, sql: head + " VALUES " + row)
        multi = try BulkStatement(db, table: table, sql: head + " VALUES "
            + Array(repeating: row, count: Self.rowsPerStep).joined(separator: ", "))
        self.columns = columns
    }

    /// Inserts `count` rows; `bind(statement, offset, i)` binds row `i` at parameters `offset + 1 ...`.
    /// Bindings are cleared at the end, so texts bound `static` may be freed after.
    func insert(count: Int, path: String, _ bind: (BulkStatement, Int32, Int) -> Void) throws {
        defer { single.clearBindings(); multi.clearBindings() }
        var i = 0
        while i + Self.rowsPerStep <= count {
            for k in 0..<Self.rowsPerStep { bind(multi, Int32(k) * columns, i + k) }
            try multi.step(path: path)
            i += Self.rowsPerStep
        }
        while i < count {
            bind(single, 0, i)
            try single.step(path: path)
            i += 1
        }
    }
}
