import Fluent
import Foundation
import Plot
import ShequPlatform
import Vapor

/// A project's public OCDS page: where its release package and record live, and
/// what each release published, in the reader's language.
enum OCDSPages {
    static func project(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let id = try OCDSController.projectID(req)
        let releases = try await OCDSLog.releases(projectID: id, on: req.db)
        guard let latest = releases.last, let ocid = latest["ocid"]?.stringValue else { throw ShequError.notFound }
        let compiled = OCDSRecord.compile(releases)
        let title = compiled["tender"]?["title"]?.stringValue ?? ocid
        let base = "/api/v1/ocds/projects/\(id.uuidString.lowercased())"
        let year = String((latest["date"]?.stringValue ?? "").prefix(4))
        let rows: [BodyNode] = releases.reversed().map { r in
            H.tag("tr", [], [
                H.tag("td", [("data-label", ctx.t(.ocdsReleaseDate))], [.text(r["date"]?.stringValue.map(displayDate) ?? "")]),
                H.tag("td", [("data-label", ctx.t(.ocdsReleaseTags))],
                      [.text((r["tag"]?.arrayValue ?? []).compactMap { $0.stringValue.map(tagName(ctx)) }.joined(separator: "、"))]),
                H.tag("td", [("data-label", ctx.t(.ocdsReleaseID))], [H.tag("code", [], [.text(r["id"]?.stringValue ?? "")])]),
            ])
        }
        let head = [Phrase.ocdsReleaseDate, .ocdsReleaseTags, .ocdsReleaseID].map { H.tag("th", [], [.text(ctx.t($0))]) }
        return WebPage(title: ctx.t(.ocdsProjectTitle) + title, [
            H.tag("p", [], [.text(ctx.t(.ocdsExplained))]),
            H.tag("p", [], [.text(ctx.t(.ocdsOcid)), H.tag("code", [], [.text(ocid)])]),
            H.tag("ul", [], [
                H.tag("li", [], [H.link(base + "/releases", ctx.t(.ocdsReleasePackage))]),
                H.tag("li", [], [H.link(base + "/record", ctx.t(.ocdsRecordPackage))]),
                H.tag("li", [], [H.link("/api/v1/ocds/releases/" + year, ctx.t(.ocdsYearPackage) + year)]),
            ]),
            H.tag("h2", [], [.text(ctx.t(.ocdsReleases))]),
            H.tag("div", [("class", "table-wrap")], [H.tag("table", [("class", "responsive")], [
                H.tag("thead", [], [H.tag("tr", [], head)]), H.tag("tbody", [], rows)])]),
        ])
    }

    /// "2026-12-03T16:54:19+08:00" → "2026-12-03 16:54" (Beijing time, as every page shows times).
    static func displayDate(_ rfc3339: String) -> String {
        guard rfc3339.count >= 16 else { return rfc3339 }
        return String(rfc3339.prefix(10)) + " " + String(rfc3339.dropFirst(11).prefix(5))
    }

    static func tagName(_ ctx: RequestContext) -> (String) -> String {
        { raw in OCDSRelease.ReleaseTag(rawValue: raw).map { ctx.t($0.phrase) } ?? raw }
    }
}

extension OCDSRelease.ReleaseTag {
    var phrase: Phrase {
        switch self {
        case .planning: Phrase(zh: "计划", en: "Planning")
        case .planningUpdate: Phrase(zh: "计划更新", en: "Planning update")
        case .tender: Phrase(zh: "采购公告", en: "Call")
        case .tenderAmendment: Phrase(zh: "公告更正", en: "Call amended")
        case .tenderUpdate: Phrase(zh: "公告更新", en: "Call update")
        case .tenderCancellation: Phrase(zh: "公告撤销", en: "Call cancelled")
        case .award: Phrase(zh: "成交结果", en: "Award")
        case .awardUpdate: Phrase(zh: "成交结果更新", en: "Award update")
        case .awardCancellation: Phrase(zh: "成交撤销", en: "Award cancelled")
        case .contract: Phrase(zh: "合同", en: "Contract")
        case .contractUpdate: Phrase(zh: "合同更新", en: "Contract update")
        case .contractAmendment: Phrase(zh: "合同变更", en: "Contract amended")
        case .implementation: Phrase(zh: "履约", en: "Implementation")
        case .implementationUpdate: Phrase(zh: "履约更新", en: "Implementation update")
        case .contractTermination: Phrase(zh: "合同终止", en: "Contract terminated")
        case .compiled: Phrase(zh: "汇总", en: "Compiled")
        }
    }
}

extension Phrase {
    static let ocdsProjectTitle = Phrase(zh: "开放合同数据：", en: "Open contracting data: ")
    static let ocdsExplained = Phrase(zh: "本项目每个阶段（计划、采购公告、成交、合同、履约）都按开放合同数据标准（OCDS 1.1）公开发布，已发布的内容只追加、不修改，可校验是否被篡改。",
                                      en: "Every stage of this project (planning, call, award, contract, implementation) is published in the Open Contracting Data Standard (OCDS 1.1); published releases are only ever added to, never edited, and can be checked for tampering.")
    static let ocdsOcid = Phrase(zh: "开放合同编号（ocid）：", en: "Open contracting ID (ocid): ")
    static let ocdsReleasePackage = Phrase(zh: "全部发布（release package，JSON）", en: "All releases (release package, JSON)")
    static let ocdsRecordPackage = Phrase(zh: "汇总记录（record package，JSON）", en: "Compiled record (record package, JSON)")
    static let ocdsYearPackage = Phrase(zh: "全市当年全部发布（JSON）：", en: "The city's releases of the year (JSON): ")
    static let ocdsReleases = Phrase(zh: "已发布的版本", en: "Releases published")
    static let ocdsReleaseDate = Phrase(zh: "发布时间", en: "Published")
    static let ocdsReleaseTags = Phrase(zh: "阶段", en: "Stage")
    static let ocdsReleaseID = Phrase(zh: "发布编号", en: "Release ID")
}
