extension Phrase {
    public static let registration = Phrase(zh: "注册居民账号", en: "Create a resident account")
    public static let registrationIntro = Phrase(
        zh: "填写姓名、身份证号码和手机号。若与社区登记的居民信息相符，验证码会发送到登记的手机号；否则由您所在社区的居委会核实。",
        en: "Enter your name, ID number and phone. If they match a resident on file, a code is sent to the phone on file; otherwise your community's residents' committee checks your request.")
    public static let registrationCommunity = Phrase(zh: "居住社区", en: "Community you live in")
    public static let registrationCommunityHint = Phrase(zh: "若未找到您的登记信息，由该社区居委会核实。",
                                                         en: "If you are not found on file, this community's residents' committee checks your request.")
    public static let registrationUsernameHint = Phrase(zh: "3–32位字母、数字或 . _ -，登录时使用。",
                                                        en: "3–32 letters, digits or . _ -; you sign in with it.")
    public static let registrationSubmit = Phrase(zh: "提交注册申请", en: "Send the request")
    public static let registrationReference = Phrase(zh: "申请编号", en: "Reference number")
    public static let registrationKeepReference = Phrase(zh: "请记下申请编号，凭它查询办理进度。",
                                                         en: "Keep the reference number: you follow your request with it.")
    public static let registrationCodeSentIfOnFile = Phrase(
        zh: "如您的信息与登记相符，验证码已发送到登记的手机号，10分钟内有效，可输入5次。未收到验证码的，可直接转交居委会核实。",
        en: "If your details match a resident on file, a code was sent to the phone on file. It is valid for 10 minutes and 5 tries. If no code arrives, hand the request to the residents' committee.")
    public static let registrationCode = Phrase(zh: "验证码", en: "Code")
    public static let registrationCheckCode = Phrase(zh: "提交验证码", en: "Check the code")
    public static let registrationToCommittee = Phrase(zh: "未收到验证码，转交居委会核实", en: "No code: hand it to the residents' committee")
    public static let registrationStatus = Phrase(zh: "注册申请进度", en: "Registration request status")
    public static let registrationLookup = Phrase(zh: "查询注册申请", en: "Look up a registration request")
    public static let registrationLookupSubmit = Phrase(zh: "查询", en: "Look up")
    public static let registrationState = Phrase(zh: "状态", en: "Status")
    public static let registrationStateAwaitingCode = Phrase(zh: "等待验证码", en: "Waiting for the code")
    public static let registrationStatePending = Phrase(zh: "等待居委会核实", en: "Waiting for the residents' committee")
    public static let registrationStateCreated = Phrase(zh: "账号已开通，可以登录", en: "Account created: you can sign in")
    public static let registrationStateRefused = Phrase(zh: "未通过", en: "Refused")
    public static let registrationReason = Phrase(zh: "理由", en: "Reason")
    public static let registrationSubmittedAt = Phrase(zh: "提交时间", en: "Sent")
    public static let registrationCodeExpiresAt = Phrase(zh: "验证码有效至", en: "Code valid until")
    public static let registrationCodeWrong = Phrase(zh: "验证码不正确或已失效。", en: "The code is wrong or no longer valid.")
    public static let registrationSms = Phrase(zh: "【社区平台】您的注册验证码是 %@，10分钟内有效。如非本人操作，请忽略并告知居委会。",
                                               en: "[Shequ] Your registration code is %@, valid for 10 minutes. If you did not ask for it, ignore it and tell your residents' committee.")
    public static let registrationRequests = Phrase(zh: "注册申请", en: "Registration requests")
    public static let registrationRequestsIntro = Phrase(
        zh: "未能通过验证码自动核实的居民注册申请。请核实申请人身份后，关联到居民档案（已登记的选择，未登记的新建）并通过，或填写理由后拒绝。",
        en: "Residents' account requests that a code did not confirm. Check who the applicant is, then confirm, linking the account to the resident on file (or a new record), or refuse with a reason.")
    public static let registrationApplicant = Phrase(zh: "申请人", en: "Applicant")
    public static let registrationPhoneGiven = Phrase(zh: "填写的手机号", en: "Phone given")
    public static let registrationOnFile = Phrase(zh: "辖区内身份证号码相同的居民", en: "Resident on file with this ID number")
    public static let registrationNotOnFile = Phrase(zh: "辖区内无此身份证号码的居民档案，通过时将新建档案。",
                                                     en: "No resident in your area has this ID number: confirming creates the record.")
    public static let registrationHasAccount = Phrase(zh: "（该居民已有账号）", en: " (this resident already has an account)")
    public static let registrationDecision = Phrase(zh: "核实处理", en: "Decision")
    public static let registrationConfirm = Phrase(zh: "核实无误，开通账号", en: "Confirm and create the account")
    public static let registrationRefuse = Phrase(zh: "拒绝", en: "Refuse")
    public static let registrationConfirmed = Phrase(zh: "已开通账号。", en: "The account was created.")
    public static let registrationRefused = Phrase(zh: "已拒绝该申请。", en: "The request was refused.")
    public static let registrationNone = Phrase(zh: "暂无待核实的注册申请。", en: "No requests are waiting.")
    public static let registrationWaiting = Phrase(zh: "待核实的注册申请", en: "Registration requests waiting")
    public static let registrationLink = Phrase(zh: "没有账号？注册居民账号", en: "No account? Create a resident account")
    public static let errorRegistrationThrottled = Phrase(zh: "注册申请过于频繁，请稍后再试，或到社区居委会办理。",
                                                          en: "Too many registration requests: try again later, or ask at your residents' committee.")
    public static let errorRegistrationDecided = Phrase(zh: "该申请不在等待核实状态。", en: "This request is not waiting for a decision.")
    public static let errorRegistrationOtherResident = Phrase(zh: "所选居民的身份证号码与申请不一致。",
                                                              en: "The chosen resident's ID number is not the one in the request.")
    public static let errorRegistrationNeedsResidency = Phrase(zh: "新建居民档案须选择户籍或流动人口。",
                                                               en: "To create the resident's record, choose registered or migrant.")
    public static let errorRegistrationNoReference = Phrase(zh: "没有这个申请编号。", en: "There is no request with this reference number.")
}
