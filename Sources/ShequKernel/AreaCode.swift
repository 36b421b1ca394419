/// The first tier of GB/T 2260 administrative area codes. The full national
/// county list is not shipped with the project, so an ID's area is checked
/// at province level plus the shape rules every county code obeys.
public enum AreaCode {
    public static let provinces: Set<String> = [
        "11", "12", "13", "14", "15",
        "21", "22", "23",
        "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46",
        "50", "51", "52", "53", "54",
        "61", "62", "63", "64", "65",
        "71", "81", "82",
    ]

    public static func isPlausible(_ code: String) -> Bool {
        guard code.count == 6, code.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return provinces.contains(String(code.prefix(2)))
    }

    /// Real county-level codes used when synthesising migrant residents, so that generated
    /// data looks like the people who actually move to Zhuhai.
    public static let migrantOrigins: [String] = [
        "440104", "440304", "441502", "445202", "440882", "450102",
        "430102", "360102", "510104", "420102", "110101", "350102",
    ]
}
