import Vapor

extension Request {
    private struct ClientAddressKey: StorageKey { typealias Value = String }

    /// The one address every per-address limit and the audit log use: the peer,
    /// or what a trusted proxy says it saw (`SHEQU_TRUSTED_PROXIES`). `nil` only
    /// for a peer without an IP address that is not a trusted socket proxy.
    public var clientAddress: String? {
        if let known = storage[ClientAddressKey.self] { return known.isEmpty ? nil : known }
        let address = application.shequSettings.trustedProxies.clientAddress(
            peer: remoteAddress?.ipAddress, forwardedFor: headers["X-Forwarded-For"])
        storage[ClientAddressKey.self] = address ?? ""
        return address
    }
}
