import RunRecords
import SimTime

/// A cursor into a vector's input that knows its path, so a bad field is reported as
/// `input.hpa.metrics[0].resource.target.type: expected one of ..., found "Foo"`.
struct JSONReader {
    var value: JSONValue?
    var path: String

    init(_ value: JSONValue?, path: String) { self.value = value; self.path = path }

    /// The member `key` (absent reads as nil).
    subscript(key: String) -> JSONReader { JSONReader(value?[key], path: path.isEmpty ? key : "\(path).\(key)") }

    /// Absent or `null`.
    var isNull: Bool { value == nil || value == .null }
    var isPresent: Bool { value != nil }

    func error(_ expected: String) -> InputError {
        InputError(field: path, expected: expected, found: value?.description ?? "nothing")
    }

    func int64() throws(InputError) -> Int64 {
        switch value {
        case .int(let v)?: return v
        case .double(let v)? where v == v.rounded() && abs(v) < 9.2e18: return Int64(v)
        default: throw error("an integer")
        }
    }
    func int32() throws(InputError) -> Int32 {
        let v = try int64()
        guard let narrow = Int32(exactly: v) else { throw error("a 32-bit integer") }
        return narrow
    }
    func int() throws(InputError) -> Int { Int(try int64()) }
    func double() throws(InputError) -> Double {
        guard let number = value?.number else { throw error("a number") }
        return number
    }
    func bool() throws(InputError) -> Bool {
        guard case .bool(let v)? = value else { throw error("true or false") }
        return v
    }
    func string() throws(InputError) -> String {
        guard case .string(let v)? = value else { throw error("a string") }
        return v
    }

    func optionalInt32() throws(InputError) -> Int32? { isNull ? nil : try int32() }
    func optionalInt64() throws(InputError) -> Int64? { isNull ? nil : try int64() }
    func optionalDouble() throws(InputError) -> Double? { isNull ? nil : try double() }
    func optionalString() throws(InputError) -> String? { isNull ? nil : try string() }
    func optionalBool() throws(InputError) -> Bool? { isNull ? nil : try bool() }

    func int32(default fallback: Int32) throws(InputError) -> Int32 { try optionalInt32() ?? fallback }
    func double(default fallback: Double) throws(InputError) -> Double { try optionalDouble() ?? fallback }
    func bool(default fallback: Bool) throws(InputError) -> Bool { try optionalBool() ?? fallback }

    /// A time in seconds relative to now (= 0).
    func time() throws(InputError) -> SimTime { SimTime(seconds: try double()) }
    func optionalTime() throws(InputError) -> SimTime? { isNull ? nil : try time() }
    func duration() throws(InputError) -> SimDuration { SimDuration(seconds: try double()) }

    /// The elements of an array.
    func array() throws(InputError) -> [JSONReader] {
        guard case .array(let items)? = value else { throw error("a list") }
        return items.enumerated().map { JSONReader($1, path: "\(path)[\($0)]") }
    }
    /// Absent or null reads as empty.
    func arrayOrEmpty() throws(InputError) -> [JSONReader] { isNull ? [] : try array() }

    /// The members of an object, sorted by key.
    func members() throws(InputError) -> [(key: String, value: JSONReader)] {
        guard case .object(let members)? = value else { throw error("an object") }
        return members.keys.sorted().map { ($0, JSONReader(members[$0], path: "\(path).\($0)")) }
    }
    func membersOrEmpty() throws(InputError) -> [(key: String, value: JSONReader)] { isNull ? [] : try members() }

    func oneOf<T: RawRepresentable>(_ type: T.Type) throws(InputError) -> T where T.RawValue == String, T: CaseIterable {
        let text = try string()
        guard let result = T(rawValue: text) else {
            throw error("one of " + T.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return result
    }
}

/// A malformed field in a vector's input.
struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
    var field: String, expected: String, found: String
    var description: String { "\(field): expected \(expected), found \(found)" }
}
