import ShequKernel
import ShequPlatform

extension IntegrityKind {
    public var phrase: Phrase {
        switch self {
        case .good: Phrase(zh: "良好记录", en: "Good")
        case .bad: Phrase(zh: "不良记录", en: "Bad")
        }
    }
}

extension IntegritySource {
    public var phrase: Phrase {
        switch self {
        case .inspection: Phrase(zh: "检查", en: "Inspection")
        case .serviceEvaluation: Phrase(zh: "购买服务绩效评价", en: "Evaluation of a purchased service")
        case .complaintUpheld: Phrase(zh: "投诉查实", en: "Complaint upheld")
        case .annualReport: Phrase(zh: "年度报告", en: "Annual report")
        case .other: Phrase(zh: "其他", en: "Other")
        }
    }
}

extension IntegritySeverity {
    public var phrase: Phrase {
        switch self {
        case .commendation: Phrase(zh: "表扬", en: "Commendation")
        case .notice: Phrase(zh: "问题通报（无处罚）", en: "Finding (no penalty)")
        case .warning: Phrase(zh: "警告", en: "Warning")
        case .fine: Phrase(zh: "罚款", en: "Fine")
        case .suspension: Phrase(zh: "责令停止活动", en: "Suspension")
        case .revocation: Phrase(zh: "撤销登记", en: "Registration revoked")
        case .judgmentDefaulter: Phrase(zh: "失信被执行人", en: "Judgment defaulter")
        case .annulled: Phrase(zh: "撤销原记录（更正）", en: "Withdraws the entry it corrects")
        }
    }
}

extension SupervisionClass {
    public var phrase: Phrase {
        switch self {
        case .a: Phrase(zh: "A 信用良好", en: "A good standing")
        case .b: Phrase(zh: "B 一般", en: "B general")
        case .c: Phrase(zh: "C 重点监管", en: "C close supervision")
        case .d: Phrase(zh: "D 严重失信", en: "D serious dishonesty")
        }
    }
}

extension CreditList {
    public var phrase: Phrase {
        switch self {
        case .abnormal: Phrase(zh: "活动异常名录", en: "Abnormal-activity list")
        case .dishonest: Phrase(zh: "严重违法失信名单", en: "Serious-dishonesty list")
        }
    }
}

extension ListingEnd {
    var phrase: Phrase {
        switch self {
        case .removed: Phrase(zh: "整改后申请移出", en: "removed on application after rectification")
        case .automatic: Phrase(zh: "满6个月自动移出", en: "off automatically after 6 months")
        case .escalated: Phrase(zh: "满2年转入严重违法失信名单", en: "moved to the serious-dishonesty list after 2 years")
        }
    }
}

/// The rules' words for what they decided, one sentence each, both languages.
enum CreditWords {
    static func rule(_ rule: SupervisionRule) -> Phrase {
        switch rule {
        case .dishonestList(let since):
            Phrase(zh: "自 \(since) 起列入严重违法失信名单，定为 D 类。", en: "On the serious-dishonesty list since \(since): class D.")
        case .abnormalList(let since):
            Phrase(zh: "自 \(since) 起列入活动异常名录，定为 C 类。", en: "On the abnormal-activity list since \(since): class C.")
        case .recentBadEntry(let on):
            Phrase(zh: "近12个月内有不良记录（\(on)），定为 C 类。", en: "A bad entry in the last 12 months (\(on)): class C.")
        case .goodRecord(let last):
            Phrase(zh: "近24个月内有良好记录（最近 \(last)）、无不良记录，年度报告均按时报送，定为 A 类。",
                   en: "A good entry in the last 24 months (latest \(last)), no bad entry, every annual report on time: class A.")
        case .general(let noGood, let bad, let late):
            Phrase(zh: "不满足 A 类条件（" + [noGood ? "近24个月无良好记录" : nil, bad.map { "近24个月有不良记录（\($0)）" },
                                              late.isEmpty ? nil : "年度报告未按时报送：" + late.map(String.init).joined(separator: "、")]
                        .compactMap { $0 }.joined(separator: "；") + "），也不属于 C、D 类，定为 B 类。",
                   en: "Not class A (" + [noGood ? "no good entry in 24 months" : nil, bad.map { "a bad entry in 24 months (\($0))" },
                                          late.isEmpty ? nil : "annual reports late: " + late.map(String.init).joined(separator: ", ")]
                       .compactMap { $0 }.joined(separator: "; ") + "), nor C or D: class B.")
        }
    }

    static func reason(_ reason: ListingReason) -> Phrase {
        switch reason {
        case .annualReportMissing(let year):
            Phrase(zh: "未按时报送 \(year) 年度报告（应于次年6月30日前报送）", en: "The \(year) annual report was not filed by 30 June of the next year")
        case .penalty(let severity, let on):
            Phrase(zh: "受到行政处罚：\(severity.phrase.zh)（\(on)）", en: "Penalty: \(severity.phrase.en) (\(on))")
        case .abnormalTwoYears(let since):
            Phrase(zh: "自 \(since) 起列入活动异常名录满2年", en: "Two years on the abnormal-activity list since \(since)")
        case .seriousPenalty(let severity, let on):
            Phrase(zh: "\(severity.phrase.zh)（\(on)）" + (severity == .fine ? "，罚款5万元以上" : ""),
                   en: "\(severity.phrase.en) (\(on))" + (severity == .fine ? ", a fine of ¥50,000 or more" : ""))
        case .repeatedPenalties(let count, let on):
            Phrase(zh: "3年内受到 \(count) 次警告或较小数额罚款（最近 \(on)）", en: "\(count) warnings or small fines within 3 years (latest \(on))")
        }
    }

    static func wayOff(_ way: WayOff) -> Phrase {
        switch way {
        case .rectifyAndApply(let missing):
            Phrase(zh: (missing.isEmpty ? "" : "补报 " + missing.map(String.init).joined(separator: "、") + " 年度报告，") + "整改后申请移出，5个工作日内移出。",
                   en: (missing.isEmpty ? "" : "File the \(missing.map(String.init).joined(separator: ", ")) annual report(s), ") + "rectify and apply: removed within 5 working days.")
        case .automatic(let on):
            Phrase(zh: "无需整改事项，\(on) 自动移出；整改后也可提前申请移出。", en: "Nothing to rectify: off automatically on \(on), or earlier on application after rectifying.")
        case .applyFrom(let on, let missing):
            Phrase(zh: "\(on) 起（2年内无新的失信行为）可申请移出" + (missing.isEmpty ? "" : "，须先补报 " + missing.map(String.init).joined(separator: "、") + " 年度报告") + "；期间有新的失信行为则重新计算。",
                   en: "May apply from \(on) (2 years with no new listable conduct)" + (missing.isEmpty ? "" : ", the \(missing.map(String.init).joined(separator: ", ")) annual report(s) filed first") + "; a new event restarts the 2 years.")
        case .deregistration:
            Phrase(zh: "登记已被撤销，注销登记后移出。", en: "Registration revoked: off once deregistered.")
        }
    }

    static func refusal(_ refusal: RemovalRefusal) -> Phrase {
        switch refusal {
        case .notListed: Phrase(zh: "该组织不在此名录中。", en: "The organisation is not on this list.")
        case .dutyUnfulfilled: Phrase(zh: "尚未补报缺失的年度报告，不能移出（社会组织信用信息管理办法：履行义务后方可申请移出）。",
                                      en: "A missing annual report is still not filed, so it cannot come off (the duty must be fulfilled first).")
        case .tooEarly(let on): Phrase(zh: "列入严重违法失信名单满2年且无新的失信行为方可申请移出，最早：\(on)。",
                                       en: "A removal from the serious-dishonesty list may be applied for after 2 years with no new listable conduct; earliest: \(on).")
        case .onlyByDeregistration: Phrase(zh: "因撤销登记列入的，注销登记后方可移出，不能申请移出。",
                                           en: "Listed for a revoked registration: it comes off only once deregistered, not on application.")
        }
    }
}

extension Phrase {
    static let errorIntegrityNotRegistered = Phrase(zh: "只能为名录中的社会组织记录：", en: "Only an organisation in the registry has a record: ")
    static let errorIntegritySeverity = Phrase(zh: "记录类型与程度不符（良好记录只能是表扬；处罚只能是不良记录）：",
                                               en: "The severity does not fit the kind (a good entry is a commendation; a penalty is a bad entry): ")
    static let errorIntegrityFine = Phrase(zh: "罚款须填写金额（大于0），其他程度不填金额：", en: "A fine needs its amount (above 0); no other severity takes one: ")
    static let errorIntegrityDate = Phrase(zh: "日期不能晚于今天或早于2000年：", en: "The day cannot be after today or before 2000: ")
    static let errorIntegrityCorrects = Phrase(zh: "更正须指向本组织的一条原记录（撤销原记录时必填）：",
                                               en: "A correction must name an entry of this organisation (required to withdraw one): ")
    static let errorIntegrityAmount = Phrase(zh: "金额格式不正确（以元为单位，最多两位小数，例如 12,000.50）：",
                                             en: "The amount is not in yuan with at most two decimals (e.g. 12,000.50): ")
    static let errorAnnualReportExists = Phrase(zh: "该年度报告已报送，每个组织每年只报送一份：", en: "This year's report is already filed; one a year per organisation: ")
    static let errorAnnualReportYear = Phrase(zh: "只能报送已结束、且在备案之后的年度：", en: "Only a year that is over and not before the organisation's registration: ")
    static let errorRemovalRefused = Phrase(zh: "不能移出：", en: "Cannot be removed: ")
}
