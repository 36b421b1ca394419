import FluentSQLiteDriver
import NIOCore
import NIOPosix
import PostgresNIO
import Vapor

extension ShequError {
    /// The database cannot be reached for the moment; the pool reconnects by itself when it returns.
    public static let unavailable = ShequError(.serviceUnavailable, .errorUnavailable, code: "unavailable")

    /// Seconds a client should wait before trying again: the pool reconnects within about one.
    static let retryAfterSeconds = 5

    /// Whether an error means "the database is away", not "this request is wrong" or "a bug":
    /// a refused or closed connection, a pool that timed out or closed, a server shutting down,
    /// an SQLite file that cannot be opened or read.
    static func isDatabaseUnavailable(_ error: any Error) -> Bool {
        switch error {
        case is ConnectionPoolTimeoutError, is ConnectionPoolError, is NIOConnectionError:
            return true
        case let error as PSQLError:
            let transient: [PSQLError.Code] = [.connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed,
                                               .uncleanShutdown]
            if transient.contains(error.code) { return true }
            // Class 08 (connection exception), 57P01–57P03 (shutting down, cannot connect now), 53300 (too many connections).
            guard let state = error.serverInfo?[.sqlState] else { return false }
            return state.hasPrefix("08") || ["57P01", "57P02", "57P03", "53300"].contains(state)
        case let error as ChannelError:
            switch error {
            case .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed, .connectPending, .eof, .connectTimeout,
                 .writeHostUnreachable: return true
            default: return false
            }
        case let error as IOError:
            return [ECONNREFUSED, ECONNRESET, ECONNABORTED, EPIPE, ENOTCONN, ETIMEDOUT, EHOSTUNREACH, ENETUNREACH]
                .contains(error.errnoCode)
        case let error as SQLiteError:
            switch error.reason {
            case .cantOpen, .ioError, .busy, .busyTimeout, .notADatabase, .full: return true
            default: return false
            }
        default:
            return false
        }
    }
}

extension Phrase {
    static let errorUnavailable = Phrase(zh: "服务暂时不可用，请稍后再试。", en: "The service is briefly unavailable. Please try again in a moment.")
}
