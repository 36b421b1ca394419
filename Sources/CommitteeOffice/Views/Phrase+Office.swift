import ShequPlatform

extension OfficeKind {
    var phrase: Phrase {
        switch self {
        case .minutes: Phrase(zh: "会议记录", en: "Meeting minutes")
        case .duty: Phrase(zh: "值班安排", en: "Duty schedule")
        case .log: Phrase(zh: "工作日志", en: "Work log")
        case .documentReceived: Phrase(zh: "收文登记", en: "Documents received")
        case .documentSent: Phrase(zh: "发文登记", en: "Documents sent")
        case .sealUse: Phrase(zh: "用印登记", en: "Seal use")
        case .documentHandled: Phrase(zh: "办理情况", en: "Handling")
        }
    }

    var recordPhrase: Phrase {
        switch self {
        case .minutes: Phrase(zh: "记录一次会议", en: "Record a meeting")
        case .duty: Phrase(zh: "安排值班", en: "Add a duty")
        case .log: Phrase(zh: "写工作日志", en: "Write a log entry")
        case .documentReceived: Phrase(zh: "登记收文", en: "Register a document received")
        case .documentSent: Phrase(zh: "登记发文", en: "Register a document sent")
        case .sealUse: Phrase(zh: "登记用印", en: "Register a use of the seal")
        case .documentHandled: Phrase(zh: "登记办理情况", en: "Record how it was handled")
        }
    }
}

extension OfficeAPIController.State {
    var phrase: Phrase {
        switch self {
        case .current: Phrase(zh: "有效", en: "current")
        case .corrected: Phrase(zh: "已更正", en: "corrected")
        case .open: Phrase(zh: "办理中", en: "open")
        case .overdue: Phrase(zh: "已超期", en: "overdue")
        case .handled: Phrase(zh: "已办结", en: "handled")
        }
    }
}

extension Phrase {
    static let officeTitle = Phrase(zh: "居委会内务", en: "Committee office")
    static let officeIntro = Phrase(zh: "居委会的会议记录、值班安排、工作日志、收发文和用印登记。只有本社区居委会和街道可以查看；记录只增不改，更正以新记录的方式留痕。",
                                    en: "The residents' committee's minutes, duty schedule, work log, documents and seal register. Only the committee and its street read them; nothing is changed or deleted, a correction is a new entry.")
    static let officeOverdue = Phrase(zh: "超期未办结的收发文", en: "Documents past their deadline")
    static let officeNone = Phrase(zh: "暂无记录。", en: "Nothing recorded yet.")
    static let officeDate = Phrase(zh: "日期", en: "Date")
    static let officeMeeting = Phrase(zh: "会议", en: "Meeting")
    static let officeAttendees = Phrase(zh: "出席人员", en: "Attendees")
    static let officeMinutesText = Phrase(zh: "会议内容与决定", en: "Discussed and decided")
    static let officeStartsAt = Phrase(zh: "开始时间（时:分）", en: "Starts (HH:MM)")
    static let officeEndsAt = Phrase(zh: "结束时间（时:分）", en: "Ends (HH:MM)")
    static let officeTime = Phrase(zh: "时间应为“时:分”，如 08:30：", en: "A time is HH:MM, e.g. 08:30: ")
    static let officeHours = Phrase(zh: "时间", en: "Hours")
    static let officePerson = Phrase(zh: "值班人员", en: "On duty")
    static let officeNote = Phrase(zh: "备注", en: "Note")
    static let officeLogTitle = Phrase(zh: "事项", en: "Subject")
    static let officeLogText = Phrase(zh: "内容", en: "Entry")
    static let officeDocTitle = Phrase(zh: "文件标题", en: "Title")
    static let officeFrom = Phrase(zh: "来文单位", en: "From")
    static let officeTo = Phrase(zh: "发往单位", en: "To")
    static let officeRegister = Phrase(zh: "登记簿", en: "Register")
    static let officeCounterpart = Phrase(zh: "来文或发往单位", en: "From or to")
    static let officeReference = Phrase(zh: "文号", en: "Reference")
    static let officeDeadline = Phrase(zh: "办理期限", en: "Deadline")
    static let officeSummary = Phrase(zh: "内容摘要", en: "Summary")
    static let officeSealDocument = Phrase(zh: "用印文件", en: "Document sealed")
    static let officeSealPurpose = Phrase(zh: "用途", en: "Purpose")
    static let officeUsedBy = Phrase(zh: "用印人", en: "Used by")
    static let officeApprovedBy = Phrase(zh: "批准人", en: "Approved by")
    static let officeRecordedBy = Phrase(zh: "登记人", en: "Recorded by")
    static let officeState = Phrase(zh: "状态", en: "State")
    static let officeCorrect = Phrase(zh: "更正", en: "Correct")
    static let officeCorrecting = Phrase(zh: "更正这条记录：原记录保留并标为“已更正”。", en: "Correcting this entry: the old one stays, marked corrected.")
    static let officeHandle = Phrase(zh: "登记办理", en: "Record handling")
    static let officeHandledOn = Phrase(zh: "办结日期", en: "Handled on")
    static let officeHandling = Phrase(zh: "办理情况", en: "How it was handled")
    static let officeDutyToday = Phrase(zh: "今日值班", en: "On duty today")
    static let officeOpenReceived = Phrase(zh: "办理中的收文", en: "Documents received, open")
    static let officeOpenSent = Phrase(zh: "办理中的发文", en: "Documents sent, open")
    static let workbenchOffice = Phrase(zh: "居委会内务", en: "Committee office")
    static let workbenchOfficeOversight = Phrase(zh: "居委会内务（督导）", en: "Committee offices (oversight)")

    // Refusals: each says what to fix.
    static let officeImplausibleDate = Phrase(zh: "日期不合理（不能晚于今天，值班安排最多提前一年，也不能早于2000年）：",
                                              en: "The date is not plausible (not after today, a duty at most a year ahead, not before 2000): ")
    static let officeTimeOrder = Phrase(zh: "结束时间应晚于开始时间：", en: "The end must be after the start: ")
    static let officeDeadlineRange = Phrase(zh: "办理期限不能早于收发文日期，也不能晚于一年后：", en: "A deadline is not before the document's day and at most a year after it: ")
    static let officeSealSelfApproved = Phrase(zh: "用印须经他人批准，用印人不能自己批准：", en: "The seal's use is approved by someone else; the user cannot approve it: ")
    static let officeHandledBefore = Phrase(zh: "办结日期不能早于收发文日期：", en: "A document cannot be handled before its own day: ")
    static let officeSuperseded = Phrase(zh: "这份文件的登记已被更正，请在更正后的记录上登记办理。", en: "This document's entry was corrected; record the handling on the correction.")
    static let officeAlreadyHandled = Phrase(zh: "这份文件已经登记办结。", en: "This document is already recorded as handled.")
    static let officeAlreadyCorrected = Phrase(zh: "这条记录已经被更正过，请更正最新的那条。", en: "This entry was already corrected; correct the latest one.")
    static let officeHandledNotCorrected = Phrase(zh: "已办结的文件不再更正，请在工作日志中说明。", en: "A handled document is not corrected; explain it in the work log.")
    static let officeInvalidCorrection = Phrase(zh: "只能更正本社区同类的记录：", en: "Only an entry of the same kind in this community can be corrected: ")
}
