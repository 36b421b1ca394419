extension Phrase {
    static let errorSocialOrganizationByFiling = Phrase(zh: "社区社会组织须通过备案进入名录（/organization-filings/new），不能在此直接添加。",
                                                        en: "A community social organisation enters the directory by its filing (/organization-filings/new), not here.")
}

extension Phrase {
    public static let residents = Phrase(zh: "居民", en: "Residents")
    public static let households = Phrase(zh: "住户", en: "Households")
    public static let organizations = Phrase(zh: "辖区单位与社会组织", en: "Units and organizations")
    public static let newResident = Phrase(zh: "登记居民", en: "Register a resident")
    public static let newHousehold = Phrase(zh: "登记住户", en: "Register a household")
    public static let importResidents = Phrase(zh: "批量导入居民（CSV）", en: "Import residents (CSV)")
    public static let searchHint = Phrase(zh: "可输入姓名、完整身份证号码或手机号。", en: "A name, a full resident ID number or a phone number.")
    public static let searchLabel = Phrase(zh: "查找居民", en: "Find residents")
    public static let found = Phrase(zh: "条记录", en: "found")
    public static let idNumber = Phrase(zh: "身份证号码", en: "Resident ID number")
    public static let phone = Phrase(zh: "联系电话", en: "Phone")
    public static let sex = Phrase(zh: "性别", en: "Sex")
    public static let male = Phrase(zh: "男", en: "Male")
    public static let female = Phrase(zh: "女", en: "Female")
    public static let birthDate = Phrase(zh: "出生日期", en: "Birth date")
    public static let birthYear = Phrase(zh: "出生年份", en: "Year of birth")
    public static let residentSince = Phrase(zh: "在本社区居住起始日期", en: "Living in the community since")
    public static let residentSinceHint = Phrase(zh: "格式：2024-03-01。不填为今天。", en: "As 2024-03-01; today if left empty.")
    public static let residency = Phrase(zh: "人口类别", en: "Residency")
    public static let registered = Phrase(zh: "户籍人口", en: "Registered resident")
    public static let migrant = Phrase(zh: "流动人口", en: "Migrant resident")
    public static let community = Phrase(zh: "所属社区", en: "Community")
    public static let communityCode = Phrase(zh: "社区代码（12位）", en: "Community code (12 digits)")
    public static let household = Phrase(zh: "住户", en: "Household")
    public static let householdID = Phrase(zh: "住户编号", en: "Household number")
    public static let relationToHead = Phrase(zh: "与户主关系", en: "Relation to head")
    public static let address = Phrase(zh: "地址", en: "Address")
    public static let headOfHousehold = Phrase(zh: "户主", en: "Head of household")
    public static let members = Phrase(zh: "成员", en: "Members")
    public static let revealID = Phrase(zh: "查看完整证件号（将记录）", en: "Show full ID number (recorded)")
    public static let revealedNotice = Phrase(zh: "本次查看已记入审计日志。", en: "This view has been written to the audit log.")
    public static let moveResident = Phrase(zh: "迁移到其他社区或住户", en: "Move to another community or household")
    public static let move = Phrase(zh: "迁移", en: "Move")
    public static let idHint = Phrase(zh: "18位，最后一位可以是X。", en: "18 characters; the last may be X.")
    public static let saved = Phrase(zh: "已保存。", en: "Saved.")
    public static let importIntro = Phrase(zh: "文件须为 UTF-8 编码的 CSV，首行为列名：", en: "The file must be UTF-8 CSV whose first row names the columns: ")
    public static let importFile = Phrase(zh: "CSV 文件", en: "CSV file")
    public static let importOnlyGood = Phrase(zh: "只导入正确的行（有错误的行跳过）", en: "Import only the good rows (skip rows with errors)")
    public static let importNothing = Phrase(zh: "文件中有错误，未导入任何记录。请改正以下各行后重新上传：", en: "The file has errors, so nothing was imported. Correct these lines and upload again:")
    public static let importDone = Phrase(zh: "导入完成：", en: "Import finished: ")
    public static let importSkipped = Phrase(zh: "以下各行未导入：", en: "These lines were not imported:")
    public static let line = Phrase(zh: "第", en: "Line ")
    public static let lineSuffix = Phrase(zh: "行", en: "")
    public static let kind = Phrase(zh: "类型", en: "Kind")
    public static let category = Phrase(zh: "类别", en: "Category")
    public static let contact = Phrase(zh: "联系方式", en: "Contact")
    public static let divisionCode = Phrase(zh: "区划代码", en: "Division code")
    public static let servedCommunities = Phrase(zh: "服务社区（代码，逗号分隔）", en: "Communities served (codes, comma-separated)")
    public static let kindUnit = Phrase(zh: "辖区单位", en: "Unit in the jurisdiction")
    public static let kindSocialOrganization = Phrase(zh: "社区社会组织", en: "Community social organization")
    public static let kindPropertyManager = Phrase(zh: "物业服务企业", en: "Property manager")
    public static let newOrganization = Phrase(zh: "登记单位或组织", en: "Register a unit or organization")
    public static let residentsGroups = Phrase(zh: "居民小组", en: "Residents' groups")
    public static let buildings = Phrase(zh: "楼栋", en: "Buildings")
    public static let newResidentsGroup = Phrase(zh: "新建居民小组", en: "New residents' group")
    public static let newBuilding = Phrase(zh: "新建楼栋", en: "New building")
    public static let residentsGroupID = Phrase(zh: "居民小组编号", en: "Residents' group number")
    public static let buildingID = Phrase(zh: "楼栋编号", en: "Building number")
    public static let buildingHeadID = Phrase(zh: "楼栋长（居民编号）", en: "Building head (resident number)")
    public static let noResults = Phrase(zh: "没有找到记录。", en: "Nothing found.")
}

extension OrganizationKind {
    var phrase: Phrase {
        switch self {
        case .unit: .kindUnit
        case .socialOrganization: .kindSocialOrganization
        case .propertyManager: .kindPropertyManager
        }
    }
}

extension Residency {
    var phrase: Phrase { self == .registered ? .registered : .migrant }
}

extension RelationToHead {
    var phrase: Phrase {
        switch self {
        case .head: Phrase(zh: "户主", en: "Head")
        case .spouse: Phrase(zh: "配偶", en: "Spouse")
        case .child: Phrase(zh: "子女", en: "Child")
        case .parent: Phrase(zh: "父母", en: "Parent")
        case .grandchild: Phrase(zh: "孙子女", en: "Grandchild")
        case .grandparent: Phrase(zh: "祖父母", en: "Grandparent")
        case .sibling: Phrase(zh: "兄弟姐妹", en: "Sibling")
        case .other: Phrase(zh: "其他", en: "Other")
        }
    }
}
