import Foundation
import Vapor

/// The OCDS publication's own settings, read from the environment once, as the other modules read theirs.
public struct OCDSSettings: Sendable {
    /// The registered prefix of every ocid (SHEQU_OCDS_PREFIX, default "ocds-zhsq01"). OCDS prefixes are
    /// "ocds-" and six characters; any lowercase letters, digits and dashes up to 40 are taken, so a
    /// publisher's own registered prefix fits.
    public var ocidPrefix: String
    /// The publisher named in every package.
    public var publisherName: String
    /// Where packages say they live (SHEQU_PUBLIC_URL, e.g. https://shequ.zhuhai.gov.cn); unset: the host the request named.
    public var publicURL: String?

    public static let defaultPrefix = "ocds-zhsq01"

    public init(ocidPrefix: String = OCDSSettings.defaultPrefix, publisherName: String = "珠海市社区综合信息管理和服务平台 Zhuhai community platform (Shequ)") {
        self.ocidPrefix = Self.valid(ocidPrefix) ? ocidPrefix : Self.defaultPrefix
        self.publisherName = publisherName
    }

    /// The process's settings, read once: releases are published from services that hold only a database handle.
    public static let current = fromEnvironment()

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> OCDSSettings {
        var settings = OCDSSettings(ocidPrefix: env["SHEQU_OCDS_PREFIX"].flatMap { valid($0) ? $0 : nil } ?? defaultPrefix)
        settings.publicURL = env["SHEQU_PUBLIC_URL"].flatMap { url in
            guard url.hasPrefix("http://") || url.hasPrefix("https://"), url.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 }) else { return nil }
            return url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        return settings
    }

    static func valid(_ prefix: String) -> Bool {
        (4...40).contains(prefix.count) && prefix.hasPrefix("ocds-")
            && prefix.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    public func ocid(projectID: UUID) -> String { ocidPrefix + "-" + projectID.uuidString.lowercased() }

    /// The project an ocid names, when it carries this publication's prefix.
    public func projectID(ocid: String) -> UUID? {
        guard ocid.hasPrefix(ocidPrefix + "-") else { return nil }
        return UUID(uuidString: String(ocid.dropFirst(ocidPrefix.count + 1)))
    }
}

extension Vapor.Application {
    private struct OCDSSettingsKey: StorageKey { typealias Value = OCDSSettings }

    public var ocdsSettings: OCDSSettings {
        get { storage[OCDSSettingsKey.self] ?? .current }
        set { storage[OCDSSettingsKey.self] = newValue }
    }
}
