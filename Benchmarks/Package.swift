// swift-tools-version: 6.2
// Benchmarks for hpa-sim, kept out of the main package so that ordo-one/benchmark (and its
// malloc interposer) never reaches users. Run from this folder:
//   swift package benchmark --target EngineBenchmarks
//   swift package benchmark --target StoreBenchmarks
//   swift package benchmark --target SimulationBenchmarks
import PackageDescription

let package = Package(
    name: "hpa-sim-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "hpa-sim", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // The event engine: PHOLD throughput and allocations per event.
        .executableTarget(
            name: "EngineBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "EventEngine", package: "hpa-sim"),
            ],
            path: "Benchmarks/EngineBenchmarks",
            swiftSettings: [.treatAllWarnings(as: .error)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The run store: a diurnal week stored vs not stored, the recorder's bulk path beside
        // GRDB's Codable and StatementArguments baselines.
        .executableTarget(
            name: "StoreBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "HPASim", package: "hpa-sim"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Benchmarks/StoreBenchmarks",
            swiftSettings: [.treatAllWarnings(as: .error)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Whole runs: 30 days of diurnal-week (issue 14's target), steady-day.
        .executableTarget(
            name: "SimulationBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "HPASim", package: "hpa-sim"),
            ],
            path: "Benchmarks/SimulationBenchmarks",
            swiftSettings: [.treatAllWarnings(as: .error)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
