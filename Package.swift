// swift-tools-version: 6.2
import PackageDescription

// One module per concept; dependencies point one way (see README.md, "Modules"):
// simulate ─► HPASim ─┬─► Sweep ─┬─► Scenario ─► Expectations ─► ClusterModel ─► KEDA ─► HPAController ─► RunRecords ─► SimTime
//                     │          └──────────────────────────────────────┘      └─► EventEngine, Randomness
//                     └─► Store ─► RunRecords   (the records a run emits: the store knows them, not the model)
// simulate ─► Report ─► Explain ─► HPAController, RunRecords, SimTime   (both read records the CLI passes in, not the store)
// HPASimTesting ─► HPASim (policy regressions); HPASimXCTest ─► HPASimTesting (XCTAssertPromise)
let strict: [SwiftSetting] = [
    .treatAllWarnings(as: .error),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "hpa-sim",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "HPASim", targets: ["HPASim"]),
        // Helpers for policy regression tests (Swift Testing or XCTest); HPASimXCTest adds XCTAssertPromise.
        .library(name: "HPASimTesting", targets: ["HPASimTesting"]),
        .library(name: "HPASimXCTest", targets: ["HPASimXCTest"]),
        .executable(name: "simulate", targets: ["simulate"]),
        .executable(name: "phold", targets: ["phold"]),
        // The engine and its random streams alone (used by Benchmarks/, without the rest).
        .library(name: "EventEngine", targets: ["EventEngine", "Randomness"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // Leaves.
        .target(name: "SimTime", swiftSettings: strict),
        .target(name: "Quantities", swiftSettings: strict),
        // The discrete-event engine: knows nothing of Kubernetes.
        .target(name: "EventEngine", swiftSettings: strict),
        .target(name: "Randomness", swiftSettings: strict),
        // The HPA controller: pure value types.
        // The records a run emits, the store keeps and every reader shares.
        .target(name: "RunRecords", dependencies: ["SimTime"], swiftSettings: strict),
        .target(name: "HPAController", dependencies: ["SimTime", "Quantities", "RunRecords"], swiftSettings: strict),
        .target(name: "HPAConformance", dependencies: ["HPAController", "SimTime", "Quantities"], swiftSettings: strict),
        // KEDA: ScaledObject → the HPA KEDA generates, its validation, and its scale loop.
        .target(name: "KEDA", dependencies: ["HPAController", "Quantities", "SimTime", "RunRecords"], swiftSettings: strict),
        // The simulated cluster, metrics pipeline and workload.
        .target(
            name: "ClusterModel",
            dependencies: [
                "SimTime", "EventEngine", "Randomness", "HPAController", "KEDA", "Quantities", "RunRecords",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: strict),
        // Promises about a run: the figure/expectation language, its validation and evaluation.
        .target(name: "Expectations", dependencies: ["ClusterModel", "HPAController", "RunRecords", "SimTime"], swiftSettings: strict),
        // Scenario files over Kubernetes manifests.
        .target(
            name: "Scenario",
            dependencies: ["ClusterModel", "HPAController", "KEDA", "Quantities", "SimTime", "Randomness", "RunRecords",
                           "Expectations", "Yams"],
            swiftSettings: strict),
        // Runs stored in SQLite.
        .target(
            name: "Store",
            dependencies: ["SimTime", "RunRecords", "Randomness", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift")],
            swiftSettings: strict),
        // Compare, sweep and tune variants: knows no store (HPASim injects how a variant runs).
        .target(
            name: "Sweep",
            dependencies: ["Scenario", "Expectations", "ClusterModel", "RunRecords", "SimTime", "Randomness"],
            swiftSettings: strict),
        // `simulate explain`: a stored run's HPA in `kubectl describe hpa` form, and why each rescale was that size.
        .target(name: "Explain", dependencies: ["RunRecords", "SimTime", "HPAController", "Quantities"], swiftSettings: strict),
        // `simulate report`: one self-contained HTML page of SVG charts for one or several stored runs.
        .target(name: "Report", dependencies: ["RunRecords", "SimTime", "HPAController", "Explain"], swiftSettings: strict),
        // The umbrella library users import.
        .target(
            name: "HPASim",
            dependencies: ["SimTime", "EventEngine", "Randomness", "Quantities", "RunRecords", "HPAController",
                           "HPAConformance", "KEDA", "ClusterModel", "Expectations", "Scenario", "Store", "Sweep"],
            swiftSettings: strict),
        // Policy regressions in Swift: load or build a scenario, run, query, check promises.
        .target(name: "HPASimTesting", dependencies: ["HPASim"], swiftSettings: strict),
        // XCTAssertPromise: the one file that imports XCTest, so Swift Testing users do not link it.
        .target(name: "HPASimXCTest", dependencies: ["HPASimTesting"], swiftSettings: strict),
        .executableTarget(
            name: "simulate",
            dependencies: ["HPASim", "Explain", "Report", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict),
        // A child process for the store's multi-process tests (StoreTests runs it).
        .executableTarget(name: "store-fixture-writer", dependencies: ["Store", "SimTime", "RunRecords"], swiftSettings: strict),
        .executableTarget(name: "phold", dependencies: ["EventEngine", "Randomness"], swiftSettings: strict),
        // Writes the generated scale scenario (scenarios/scale/; docs/performance.md).
        .executableTarget(
            name: "scale-scenario",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict),

        .testTarget(name: "SimTimeTests", dependencies: ["SimTime"], swiftSettings: strict),
        .testTarget(name: "RunRecordsTests", dependencies: ["RunRecords", "SimTime"], swiftSettings: strict),
        .testTarget(name: "EventEngineTests", dependencies: ["EventEngine", "Randomness", "SimTime"], swiftSettings: strict),
        .testTarget(name: "RandomnessTests", dependencies: ["Randomness"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "QuantitiesTests", dependencies: ["Quantities"], swiftSettings: strict),
        .testTarget(
            name: "HPAControllerTests",
            dependencies: ["HPAController", "HPAConformance", "SimTime", "Quantities", "RunRecords",
                           .product(name: "PropertyBased", package: "swift-property-based")],
            resources: [.copy("Conformance")],
            swiftSettings: strict),
        .testTarget(name: "KEDATests", dependencies: ["KEDA", "HPAController", "Quantities", "SimTime", "RunRecords"],
                    resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "ClusterModelTests", dependencies: ["ClusterModel", "RunRecords", "HPAController", "KEDA", "EventEngine", "Randomness", "SimTime", "Quantities"], swiftSettings: strict),
        .testTarget(name: "ExpectationsTests", dependencies: ["Expectations", "ClusterModel", "RunRecords", "SimTime"], swiftSettings: strict),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "Expectations", "ClusterModel", "HPAController", "Quantities", "SimTime"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Store", "SimTime", "RunRecords", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures"],   // read in place (a database opened there would be migrated: copied first)
            swiftSettings: strict),
        .testTarget(name: "HPASimTestingTests", dependencies: ["HPASimTesting", "HPASim"], swiftSettings: strict),
        .testTarget(name: "SweepTests", dependencies: ["Sweep", "Scenario", "ClusterModel", "RunRecords", "SimTime"], swiftSettings: strict),
        .testTarget(name: "SimulateTests", dependencies: ["HPASim"], exclude: ["Snapshots"], swiftSettings: strict),
        .testTarget(name: "ExplainTests", dependencies: ["Explain", "HPASim"], swiftSettings: strict),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Explain", "HPASim"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
