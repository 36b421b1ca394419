// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "shequ",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "shequ", targets: ["shequ"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3" ..< "5.0.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // Pure rules: no Vapor, no Fluent, so they test in milliseconds.
        .target(
            name: "ShequKernel",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Plumbing every domain module shares.
        .target(
            name: "ShequPlatform",
            dependencies: [
                "ShequKernel",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            resources: [.copy("Resources")]
        ),
        // One-stop service (H1–H9): centers, stations, catalogue, applications.
        .target(
            name: "ServiceHall",
            dependencies: ["ShequPlatform", "ShequKernel", .product(name: "PostgresNIO", package: "postgres-nio")],
            resources: [.copy("Resources/catalogue.json")]
        ),
        // Residents' self-governance (S1–S5): charters, matters, assemblies, the public record.
        .target(
            name: "SelfGovernance",
            // ServiceHall only because S3 lets a resident's message become a service application.
            dependencies: ["ShequPlatform", "ShequKernel", "ServiceHall"]
        ),
        // Special funds (F1, A3): the ledger in fen, allocations, disbursements, reports.
        .target(
            name: "Funds",
            dependencies: ["ShequPlatform", "ShequKernel"]
        ),
        // The access system (A1–A5, O2, O3): tasks, plans, agreements, assessments.
        .target(
            name: "TaskAccess",
            // Funds because funds follow tasks (A3): a plan's money is a ledger account.
            dependencies: ["ShequPlatform", "ShequKernel", "Funds"]
        ),
        // Community social organisations (C1–C4): filing, review, the public registry.
        .target(
            name: "SocialOrganizations",
            dependencies: ["ShequPlatform", "ShequKernel"]
        ),
        // Government purchase of services (B1–B3): projects, calls, panels, contracts, payments, evaluations.
        .target(
            name: "Procurement",
            // SocialOrganizations because the suppliers are its registry's organisations; Funds because payments are ledger transfers.
            dependencies: ["ShequPlatform", "ShequKernel", "SocialOrganizations", "Funds"]
        ),
        // The party organisation (P1–P3): organisations, members' dual affiliation, owners' committees' coverage, three in one.
        .target(
            name: "PartyBuilding",
            // SelfGovernance because coverage is counted over its compounds and owners' committees, and "three in
            // one" over its residents' committees' members.
            dependencies: ["ShequPlatform", "ShequKernel", "SelfGovernance"]
        ),
        // The community workforce (W1–W3): staff records, grades by rule, training, appraisal, rotation, workload.
        .target(
            name: "Workforce",
            // SelfGovernance for elected members' terms, ServiceHall for the places staff work at, TaskAccess for the
            // tasks a committee carries (workload).
            dependencies: ["ShequPlatform", "ShequKernel", "SelfGovernance", "ServiceHall", "TaskAccess"]
        ),
        // Community policing (O5): officers attached to communities; hotline calls and letters referred to them.
        .target(
            name: "CommunityPolicing",
            // SelfGovernance because the referred messages are its channel messages, answered there.
            dependencies: ["ShequPlatform", "ShequKernel", "SelfGovernance"]
        ),
        // The residents' committee's own office work (H8): minutes, duty schedule, work log, documents, seal use.
        .target(
            name: "CommitteeOffice",
            dependencies: ["ShequPlatform", "ShequKernel"]
        ),
        // Composition only: which modules make up the product.
        .target(
            name: "ShequApp",
            dependencies: ["ShequPlatform", "ServiceHall", "SelfGovernance", "Funds", "TaskAccess", "SocialOrganizations", "Procurement",
                           "PartyBuilding", "Workforce", "CommunityPolicing", "CommitteeOffice"]
        ),
        .executableTarget(
            name: "shequ",
            dependencies: ["ShequApp", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")]
        ),
        .testTarget(
            name: "ShequKernelTests",
            dependencies: ["ShequKernel"]
        ),
        // Helpers every module's tests share: a fresh platform per test, API and browser clients.
        .target(
            name: "ShequTestSupport",
            dependencies: [
                "ShequApp",
                "ShequPlatform",
                .product(name: "VaporTesting", package: "vapor"),
            ],
            path: "Tests/ShequTestSupport"
        ),
        .testTarget(
            name: "ServiceHallTests",
            dependencies: ["ServiceHall", "ShequTestSupport", .product(name: "VaporTesting", package: "vapor")]
        ),
        .testTarget(
            name: "SelfGovernanceTests",
            dependencies: ["SelfGovernance", "ShequTestSupport", .product(name: "VaporTesting", package: "vapor")]
        ),
        .testTarget(
            name: "FundsTests",
            dependencies: ["Funds", "ShequTestSupport", .product(name: "VaporTesting", package: "vapor")]
        ),
        .testTarget(
            name: "TaskAccessTests",
            dependencies: ["TaskAccess", "ShequTestSupport", .product(name: "VaporTesting", package: "vapor")]
        ),
        .testTarget(
            name: "SocialOrganizationsTests",
            dependencies: ["SocialOrganizations", "ShequTestSupport", .product(name: "VaporTesting", package: "vapor")]
        ),
        .testTarget(
            name: "ProcurementTests",
            dependencies: ["Procurement", "ShequTestSupport", .product(name: "VaporTesting", package: "vapor")]
        ),
        .testTarget(
            name: "PartyBuildingTests",
            dependencies: ["PartyBuilding", "ShequTestSupport", .product(name: "VaporTesting", package: "vapor")]
        ),
        .testTarget(
            name: "WorkforceTests",
            dependencies: ["Workforce", "ShequTestSupport", .product(name: "VaporTesting", package: "vapor")]
        ),
        .testTarget(
            name: "CommunityPolicingTests",
            dependencies: ["CommunityPolicing", "ShequTestSupport", .product(name: "VaporTesting", package: "vapor")]
        ),
        .testTarget(
            name: "CommitteeOfficeTests",
            dependencies: ["CommitteeOffice", "ShequTestSupport", .product(name: "VaporTesting", package: "vapor")]
        ),
        .testTarget(
            name: "ShequPlatformTests",
            dependencies: ["ShequPlatform", "ShequTestSupport", .product(name: "VaporTesting", package: "vapor")]
        ),
    ]
)
