import ArgumentParser

/// `--db` and `--no-store`: where runs are stored, shared by every command that touches the store.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The run database (SQLite; created if absent).", valueName: "path"))
    var db: String = "hpa-sim.sqlite"

    @Flag(name: .customLong("no-store"), help: "Do not store the run.")
    var noStore = false

    /// The database to store a run in, or nil with `--no-store`.
    var destination: String? { noStore ? nil : db }
}

/// `--db` alone: the database a `runs` command reads (it never stores, so it has no `--no-store`).
struct DatabaseOption: ParsableArguments {
    @Option(help: ArgumentHelp("The run database (SQLite).", valueName: "path"))
    var db: String = "hpa-sim.sqlite"
}
