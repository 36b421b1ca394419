import ShequPlatform

extension Phrase {
    static let manageCatalogue = Phrase(zh: "事项目录管理", en: "Manage the catalogue")
    static let addItem = Phrase(zh: "新增事项", en: "Add an item")
    static let changeItem = Phrase(zh: "修改事项", en: "Change the item")
    static let retireItem = Phrase(zh: "停用事项", en: "Retire the item")
    static let retiredNote = Phrase(zh: "已停用：不再受理新的申请，已受理的继续办理。", en: "Retired: no new applications; those already made continue.")
    static let retiredMark = Phrase(zh: "已停用", en: "Retired")
    static let inForce = Phrase(zh: "在用", en: "In force")
    static let itemVersion = Phrase(zh: "版本", en: "Version")
    static let versionHistory = Phrase(zh: "历次版本", en: "Versions")
    static let changedBy = Phrase(zh: "修改人", en: "Changed by")
    static let itemNameZh = Phrase(zh: "事项名称（中文）", en: "Name (Chinese)")
    static let itemNameEn = Phrase(zh: "事项名称（英文）", en: "Name (English)")
    static let parentItem = Phrase(zh: "所属上级事项编码", en: "Heading's code")
    static let serviceAreaLabel = Phrase(zh: "服务领域", en: "Service area")
    static let exercisedAtLabel = Phrase(zh: "行使层级", en: "Level exercising it")
    static let feeKindLabel = Phrase(zh: "收费类型", en: "Fee kind")
    static let feeYuan = Phrase(zh: "收费金额（元）", en: "Fee (yuan)")
    static let feeYuanHint = Phrase(zh: "免费事项留空或填 0。", en: "Leave empty or 0 for a free item.")
    static let materialsLines = Phrase(zh: "申请材料（每行一项）", en: "Materials (one a line)")
    static let materialsLinesHint = Phrase(zh: "格式：中文名称 | 英文名称 | 选交 | 容缺。未写“选交”即为必交。",
                                           en: "Format: Chinese name | English name | optional | deferrable. Without \"optional\" it is mandatory.")
    static let asAccepted = Phrase(zh: "受理时的事项版本", en: "The item as accepted")
    static let asAcceptedNote = Phrase(zh: "本办件按以下版本的名称、材料、时限和收费办理，事项此后的修改不影响本办件。",
                                       en: "This application is handled under this version's name, materials, time limits and fee; later changes to the item do not affect it.")
    static let confirmRetire = Phrase(zh: "停用后不再受理新的申请。", en: "Once retired, it takes no new applications.")

    static let errorItemCodeForm = Phrase(zh: "事项编码只能由字母、数字、“-”和“_”组成：", en: "An item code has only letters, digits, - and _: ")
    static let errorItemExists = Phrase(zh: "已有这个编码的事项：", en: "An item with this code exists: ")
    static let errorItemRetired = Phrase(zh: "该事项已停用，不再受理新的申请：", en: "This item is retired and takes no new applications: ")
    static let errorCatalogueRaced = Phrase(zh: "该事项刚刚被他人修改，请刷新后再改。", en: "Someone changed this item a moment ago; reload it and try again.")
    static let errorPromisedOverStatutory = Phrase(zh: "承诺时限不能超过法定时限：", en: "The promised limit cannot exceed the statutory one: ")
    static let errorFeeAgreesWithKind = Phrase(zh: "免费事项的金额须为 0，收费事项须填写金额：", en: "A free item's fee is 0 and a charged item's is not: ")
    static let errorMaterialLine = Phrase(zh: "申请材料的这一行无法识别：", en: "This materials line cannot be read: ")
    static let errorFeeYuan = Phrase(zh: "收费金额须为元，最多两位小数：", en: "The fee is in yuan with at most two decimals: ")
}
