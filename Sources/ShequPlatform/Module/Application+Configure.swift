import Fluent
import Metrics
import NIOConcurrencyHelpers
import Prometheus
import SQLKit
import Vapor

extension Application {
    /// Configures the platform with its modules: database, migrations, middleware, routes, commands, first-start data.
    public func configureShequ(modules: [any ShequModule]) async throws {
        // Pinned here, before any request: read through the getters' fallback, every
        // access parsed the whole environment again (a profile of submissions found it).
        let settings = shequSettings
        shequSettings = settings
        shequModules = modules
        if !settings.inMemory || settings.databaseURL != nil {
            try FileManager.default.createDirectory(at: settings.dataDirectory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
        if !settings.trustedProxies.invalidEntries.isEmpty {
            throw ShequError.invalid(.errorInvalidValue, "SHEQU_TRUSTED_PROXIES: " + settings.trustedProxies.invalidEntries.joined(separator: ", "))
        }
        secrets = try Secrets.load(dataDirectory: settings.dataDirectory)
        publicAnswers = PublicAnswers()
        outboundMessenger = outboundMessenger
        try pinHolidayNotices()
        try configureDatabase(settings)
        // After the database on purpose: lifecycle handlers shut down in reverse,
        // so requests still being answered finish before the pool closes.
        let inFlight = InFlightRequests()
        lifecycle.use(inFlight)
        lifecycle.use(SessionPurge())
        if settings.databaseURL == nil { writeGate = WriteGate(mutex: AsyncMutex()) }
        if environment == .testing { passwords.use(.bcrypt(cost: 4)) }

        let serverSessions = ServerSessions(idleTimeout: settings.sessionIdleTimeout, lifetime: settings.sessionLifetime)
        sessions.use { _ in QuietSessions(inner: serverSessions) }
        let secure = settings.secureCookies || http.server.configuration.tlsConfiguration != nil
        // Whole seconds for Max-Age, bounded to a year: converting a huge setting to Int would trap on every sign-in.
        let cookieSeconds = settings.sessionLifetime.isFinite ? Int(max(0, min(settings.sessionLifetime, ShequSettings.longestSession))) : 12 * 3600
        sessions.configuration = SessionsConfiguration(cookieName: "shequ-session") { id in
            // Max-Age rather than Expires: the same lifetime, without formatting a date for every page (6 % of a
            // report page's CPU in a profile); a browser too old for Max-Age keeps it until it closes.
            HTTPCookies.Value(string: id.string, maxAge: cookieSeconds, path: "/",
                              isSecure: secure, isHTTPOnly: true, sameSite: .lax)
        }
        migrations.add(SessionRecord.migration)
        for module in modules { migrations.add(module.migrations(in: self)) }

        middleware = Middlewares()
        middleware.use(inFlight)
        middleware.use(RouteLoggingMiddleware(logLevel: .info))
        middleware.use(ShequErrorMiddleware())
        middleware.use(MultipartBoundaryGuard())
        middleware.use(RequestIDHeaderMiddleware())
        middleware.use(SessionsMiddleware(session: sessions.driver, configuration: sessions.configuration))
        middleware.use(CSRFMiddleware(secureCookies: secure))
        middleware.use(ActorMiddleware())

        MetricsBootstrap.once()
        get("assets", "shequ.css", use: Assets.stylesheet)
        post("preferences", use: Preferences.update)
        get("healthz", use: Health.check)
        get("metrics", use: Health.metrics)
        let registry = openAPIRegistry
        get("api", "v1", "openapi.json") { _ in try OpenAPIDocument.response(registry) }
        for module in modules {
            Policy.register(module.policy)
            // Every route carries the name of the module that made it, so the route walks
            // find a module's routes from the router itself.
            let web = ModuleRoutesBuilder(base: self, module: module.name)
            let api = APIRoutes(builder: ModuleRoutesBuilder(base: grouped("api", "v1"), module: module.name), registry: registry)
            try module.routes(web: web, api: api)
        }
        for module in modules { for (name, command) in module.commands { asyncCommands.use(command, as: name) } }

        if settings.databaseURL == nil, !settings.inMemory {
            // WAL lets pages read while a write transaction is open.
            _ = try await (db as! any SQLDatabase).raw("PRAGMA journal_mode=WAL").all()
        }
        if let schema = settings.postgresSchema {
            try await (db as! any SQLDatabase).raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
        }
        try await autoMigrate()
        for module in modules { try await module.boot(self) }
    }
}

/// Echoes Vapor's request id so a person reporting a problem can quote it and
/// an operator can find the matching log lines.
struct RequestIDHeaderMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "X-Request-Id", value: request.id)
        return response
    }
}

/// swift-metrics may be bootstrapped once per process; tests build many applications.
enum MetricsBootstrap {
    private static let done = NIOLockedValueBox(false)

    static func once() {
        done.withLockedValue { done in
            guard !done else { return }
            MetricsSystem.bootstrap(PrometheusMetricsFactory())
            done = true
        }
    }
}

enum Health {
    struct Status: Content {
        var status: String
        var database: String
    }

    static func check(_ req: Request) async throws -> Response {
        let kind = req.db.isPostgres ? "postgresql" : "sqlite"
        do {
            _ = try await (req.db as! any SQLDatabase).raw("SELECT 1 AS ok").all()
            return try await Status(status: "ok", database: kind).encodeResponse(for: req)
        } catch {
            req.logger.report(error: error)
            let response = try await Status(status: "unavailable", database: kind).encodeResponse(status: .serviceUnavailable, for: req)
            ShequErrorMiddleware.addRetryAfter(to: response)
            return response
        }
    }

    /// Any of these means a proxy on this host is passing on someone else's request, whichever
    /// convention it follows; only one of them being checked let the others through.
    static let relayingHeaders = [
        "X-Forwarded-For", "Forwarded", "X-Real-IP", "X-Client-IP", "True-Client-IP", "CF-Connecting-IP",
    ]

    /// Operational detail for the scraper on this host, not for the public: 404 to anyone
    /// but a loopback peer that is not relaying someone else, unless `SHEQU_METRICS_PUBLIC=1`.
    static func metrics(_ req: Request) throws -> Response {
        let relayed = relayingHeaders.contains { req.headers.contains(name: $0) }
        guard req.application.shequSettings.metricsPublic
            || (TrustedProxies.isLoopback(req.remoteAddress?.ipAddress) && !relayed) else { throw ShequError.notFound }
        let body = PrometheusMetricsFactory.defaultRegistry.emitToString()
        let response = Response(status: .ok, body: .init(string: body))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return response
    }
}
