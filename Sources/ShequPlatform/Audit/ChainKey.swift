import Crypto
import NIOConcurrencyHelpers

/// The key every hash chain in this process is linked and sealed with (from
/// `Secrets`, never from the database). Appends reach it here rather than through
/// every caller's arguments: a chain is written from dozens of places that hold
/// only a database handle.
///
/// A process serves one city, so the first key installed stays: a second
/// application configured in the same process (the test suite makes many, each
/// with a throwaway data directory) must not re-key chains another is writing.
public enum ChainKey {
    private static let installed = NIOLockedValueBox<SymmetricKey?>(nil)

    public static func install(_ key: SymmetricKey) {
        installed.withLockedValue { current in
            if current == nil { current = key }
        }
    }

    public static func current() throws -> SymmetricKey {
        guard let key = installed.withLockedValue({ $0 }) else { throw AuditError.noChainKey }
        return key
    }
}
