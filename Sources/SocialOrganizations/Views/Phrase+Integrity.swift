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
    static let errorAnnualReportYear = Phrase(zh: "只能报送已经结束的年度：", en: "Only a year that is over can be reported on: ")
    static let errorIntegrityPersonalData = Phrase(zh: "公开记录中不能填写手机号码、身份证号等个人信息：",
                                                   en: "A public record cannot hold a mobile phone or ID number: ")
    static let errorRemovalApplied = Phrase(zh: "已有一份移出申请在等待街道办理。", en: "An application to come off this list is already waiting for the street.")
    static let soRemovalApplications = Phrase(zh: "待办理的移出名录申请", en: "Applications to come off a list")
    static let soRemovalApplicationsIntro = Phrase(
        zh: "您所辖街道的社会组织整改后提出的移出申请，先申请的在前；应在申请之日起5个工作日内核实并记录移出（社会组织信用信息管理办法）。",
        en: "Applications from organisations in your streets to come off a list after rectifying, oldest first; the street checks and records the removal within 5 working days (社会组织信用信息管理办法).")
    static let soApplyRemoval = Phrase(zh: "整改后申请移出名录", en: "Apply to come off the list")
    static let soAppliedOn = Phrase(zh: "申请日期", en: "Applied")
    static let soDueOn = Phrase(zh: "办理期限", en: "Due")
    static let soApplicationWaiting = Phrase(zh: "移出申请等待街道办理，期限：", en: "An application to come off it waits for the street, due ")
    static let soOverdue = Phrase(zh: "（已逾期）", en: "(overdue)")
    static let soNoApplications = Phrase(zh: "没有待办理的申请。", en: "No application waiting.")
    static let errorRemovalRefused = Phrase(zh: "不能移出：", en: "Cannot be removed: ")
}

extension Phrase {
    static let soSupervisionClass = Phrase(zh: "分类监管等级", en: "Supervision class")
    static let soList = Phrase(zh: "名录", en: "List")
    static let soSince = Phrase(zh: "列入日期", en: "Listed since")
    static let soPastListings = Phrase(zh: "过往列入记录", en: "Past listings")
    static let soListingEnded = Phrase(zh: "移出", en: "Came off")
    static let soWayOff = Phrase(zh: "如何移出", en: "How it comes off")
    static let soAnnualReports = Phrase(zh: "年度报告", en: "Annual reports")
    static let soFileAnnualReport = Phrase(zh: "报送年度报告", en: "File the annual report")
    static let soReportYear = Phrase(zh: "年度", en: "Year")
    static let soReportActivities = Phrase(zh: "年度活动和服务情况", en: "The year's activities and services")
    static let soIncome = Phrase(zh: "年度收入（元）", en: "Income (yuan)")
    static let soSpending = Phrase(zh: "年度支出（元）", en: "Spending (yuan)")
    static let soYuanHint = Phrase(zh: "以元为单位，最多两位小数，例如 12,000.50；没有可不填。", en: "In yuan, at most two decimals, e.g. 12,000.50; leave empty for none.")
    static let soFiledOn = Phrase(zh: "报送日期", en: "Filed")
    static let soLate = Phrase(zh: "（逾期报送）", en: "(late)")
    static let soNoReports = Phrase(zh: "还没有年度报告。", en: "No annual report yet.")
    static let soAnnualReportIntro = Phrase(
        zh: "每年6月30日前报送上一年度的报告；每个组织每年一份，报送后向社会公开。逾期未报送的列入活动异常名录。",
        en: "File the previous year's report by 30 June; one a year per organisation, public once filed. An organisation that misses it goes on the abnormal-activity list.")
    static let soIntegrityRecord = Phrase(zh: "诚信记录", en: "Integrity record")
    static let soNoEntries = Phrase(zh: "没有记录。", en: "No entries.")
    static let soOccurredOn = Phrase(zh: "日期", en: "Date")
    static let soKind = Phrase(zh: "类别", en: "Kind")
    static let soSource = Phrase(zh: "来源", en: "Source")
    static let soSeverity = Phrase(zh: "程度", en: "Severity")
    static let soSummary = Phrase(zh: "事由", en: "Summary")
    static let soEvidence = Phrase(zh: "证据", en: "Evidence")
    static let soEvidenceHint = Phrase(zh: "检查发现或处理决定的要点及存档位置；不要填写个人电话、身份证号等个人信息。",
                                       en: "What was found or decided and where it is kept; no personal phones or ID numbers.")
    static let soSourceReference = Phrase(zh: "来源文号", en: "Source reference")
    static let soFine = Phrase(zh: "罚款金额（元）", en: "Fine (yuan)")
    static let soFineHint = Phrase(zh: "仅程度为罚款时填写。", en: "Only when the severity is a fine.")
    static let soCorrects = Phrase(zh: "更正记录", en: "corrects entry")
    static let soCorrectsEntry = Phrase(zh: "更正哪条记录", en: "Corrects which entry")
    static let soCorrected = Phrase(zh: "（已被更正）", en: "(corrected)")
    static let soRecordEntry = Phrase(zh: "记录诚信信息", en: "Record an integrity entry")
    static let soRecordRemoval = Phrase(zh: "整改后申请移出名录", en: "Record a removal applied for")
    static let soRectification = Phrase(zh: "整改或履行义务情况", en: "Rectification made or duty fulfilled")
    static let soRectificationHint = Phrase(zh: "由组织申请、街道核实后记录；是否可以移出由规则判定。",
                                            en: "Applied for by the organisation and checked by the street; the rules decide whether it may come off.")
    static let soNoneListed = Phrase(zh: "目前没有组织列入。", en: "No organisation is listed.")
    static let soAbnormalIntro = Phrase(
        zh: "列入活动异常名录的社区社会组织（社会组织信用信息管理办法），以及列入原因、日期和移出方式。由记录自动推算，每日更新。",
        en: "Community social organisations on the abnormal-activity list (社会组织信用信息管理办法), why, since when and how each comes off. Derived from the record every day.")
    static let soDishonestIntro = Phrase(
        zh: "列入严重违法失信名单的社区社会组织（社会组织信用信息管理办法），以及列入原因、日期和移出方式。由记录自动推算，每日更新。",
        en: "Community social organisations on the serious-dishonesty list (社会组织信用信息管理办法), why, since when and how each comes off. Derived from the record every day.")
    static let soRulesTitle = Phrase(zh: "分类和名录的规则", en: "The rules for the class and the lists")
    static let soRuleClasses = Phrase(
        zh: "等级（依次判定）：列入严重违法失信名单为 D 严重失信；列入活动异常名录或近12个月有不良记录为 C 重点监管；近24个月有良好记录、无不良记录且年度报告均按时报送为 A 信用良好；其余为 B 一般。",
        en: "Class (first that holds): on the serious-dishonesty list, D; on the abnormal-activity list or a bad entry in 12 months, C; a good entry and no bad one in 24 months and every annual report on time, A; otherwise B.")
    static let soRuleAbnormal = Phrase(
        zh: "列入活动异常名录：次年6月30日前未报送年度报告（7月1日列入）；受到警告或5万元以下罚款。",
        en: "Abnormal-activity list: an annual report not filed by 30 June of the next year (listed 1 July); a warning or a fine under ¥50,000.")
    static let soRuleAbnormalOff = Phrase(
        zh: "移出活动异常名录：补报或整改后申请，5个工作日内移出；无需整改的，自最近一次列入事由起满6个月自动移出。",
        en: "Off the abnormal-activity list: file or rectify and apply, off within 5 working days; with nothing to rectify, off automatically 6 months after the last listable event.")
    static let soRuleDishonest = Phrase(
        zh: "列入严重违法失信名单：列入活动异常名录满2年；责令停止活动；罚款5万元以上；3年内2次以上警告或较小数额罚款；失信被执行人；撤销登记。",
        en: "Serious-dishonesty list: 2 years on the abnormal-activity list; a suspension; a fine of ¥50,000 or more; 2 or more warnings or small fines within 3 years; a judgment defaulter; registration revoked.")
    static let soRuleDishonestOff = Phrase(
        zh: "移出严重违法失信名单：满2年且无新的失信行为可申请，缺报的年度报告须先补报；因撤销登记列入的，注销登记后移出。",
        en: "Off the serious-dishonesty list: apply after 2 years with no new listable conduct, missing reports filed first; listed for a revoked registration, off once deregistered.")
    static let soRuleRestart = Phrase(zh: "在名录期间出现新的列入事由的，重新计算期限。", en: "A new listable event while listed restarts the clock.")
    static let soListsLinks = Phrase(zh: "活动异常名录和严重违法失信名单", en: "Abnormal-activity and serious-dishonesty lists")
    static let soMyReports = Phrase(zh: "本组织已报送的年度报告", en: "Annual reports filed")
}
