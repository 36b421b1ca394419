import Foundation

/// Plausible people for demo and load data. Names follow the frequency of
/// common Chinese surnames; ID numbers are valid GB 11643 numbers.
public struct SyntheticPerson: Sendable {
    public let name: String
    public let sex: Sex
    public let residentID: String
    public let birthDate: String
    public let phone: String

    public init(name: String, sex: Sex, residentID: String, birthDate: String, phone: String) {
        self.name = name
        self.sex = sex
        self.residentID = residentID
        self.birthDate = birthDate
        self.phone = phone
    }

    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁郑谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程苏魏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文")
    static let maleGiven = Array("伟强磊军勇杰涛明超华平刚辉鹏飞斌宇浩凯健俊帆波毅龙建国东志文斌林峰海亮晨")
    static let femaleGiven = Array("芳娜敏静丽艳娟霞秀玲桂英红梅琳雪慧颖婷倩琴兰云洁燕萍莉欣怡佳晶丹")

    /// - Parameters:
    ///   - areaCode: 6-digit area code placed in the ID number.
    ///   - sequence: disambiguates people born the same day in the same area.
    public static func make(areaCode: String, sequence: Int, ageRange: ClosedRange<Int>, today: Date,
                            using rng: inout SeededGenerator) -> SyntheticPerson {
        let sex: Sex = Bool.random(using: &rng) ? .male : .female
        let surname = surnames[Int.random(in: 0..<surnames.count, using: &rng)]
        let pool = sex == .male ? maleGiven : femaleGiven
        let givenLength = Int.random(in: 0..<10, using: &rng) < 7 ? 2 : 1
        let given = (0..<givenLength).map { _ in pool[Int.random(in: 0..<pool.count, using: &rng)] }
        let name = String(surname) + String(given)

        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let age = Int.random(in: ageRange, using: &rng)
        let dayOfYear = Int.random(in: 0..<365, using: &rng)
        let yearStart = calendar.date(byAdding: .year, value: -age - 1, to: today)!
        let birth = calendar.date(byAdding: .day, value: dayOfYear, to: yearStart)!
        let parts = calendar.dateComponents([.year, .month, .day], from: birth)
        let birthDigits = String(format: "%04d%02d%02d", parts.year!, parts.month!, parts.day!)

        // The third sequence digit carries sex: odd for men, even for women.
        let base = (sequence % 500) * 2
        let sequenceDigits = String(format: "%03d", base + (sex == .male ? 1 : 0))
        let body = areaCode + birthDigits + sequenceDigits
        let id = body + String(ResidentID.checkCharacter(for: body))

        let prefixes = ["138", "139", "135", "137", "150", "186", "189", "133", "177", "199"]
        let phone = prefixes[Int.random(in: 0..<prefixes.count, using: &rng)]
            + String(format: "%08d", Int.random(in: 0..<100_000_000, using: &rng))
        return SyntheticPerson(name: name, sex: sex, residentID: id,
                               birthDate: String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!),
                               phone: phone)
    }
}
