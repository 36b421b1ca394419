/// 以事定费, cost follows the work: a plan funds several tasks at once, and each task is given the share of the
/// plan's money that its estimated hours are of the plan's hours. Integer fen only, so a share is the floor of its
/// exact quota and the fen left over go one each to the largest remainders (Hamilton's rule); the shares therefore
/// add up to the plan's figure exactly, and a per-task report sums back to the ledger.
enum TaskShares {
    /// `total` split over `weights` (estimated hours), in the order given.
    ///
    /// - Proportional: share i is ⌊total × wᵢ / W⌋ plus at most one fen of the remainder.
    /// - Remainder: the fen left over go to the largest remainders, a tie to the earlier position; callers pass the
    ///   tasks in a fixed order (by id) so a report reads the same each time.
    /// - Zero hours: a task with none gets nothing while another has some; when none has any, the shares are equal
    ///   (the plan still paid for the tasks it names).
    /// - Negative weights count as zero; a negative total is split by its size and the shares negated. No input
    ///   traps: the products are taken at full width, so even the largest amounts cannot overflow.
    static func split(_ total: Int64, weights: [Int]) -> [Int64] {
        guard !weights.isEmpty else { return [] }
        let clamped = weights.map { UInt64(max($0, 0)) }
        let (sum, overflow) = clamped.reduce((UInt64(0), false)) { acc, w in
            let (s, o) = acc.0.addingReportingOverflow(w)
            return (s, acc.1 || o)
        }
        // Hours are bounded per task (10,000) and tasks per plan (200); a sum past 2⁶⁴ is not a real plan.
        let parts = sum == 0 || overflow ? Array(repeating: UInt64(1), count: clamped.count) : clamped
        let divisor = sum == 0 || overflow ? UInt64(clamped.count) : sum
        let size = total.magnitude
        var shares: [UInt64] = []
        var remainders: [UInt64] = []
        for w in parts {
            // w ≤ divisor, so the quotient is at most `size` and fits.
            let (q, r) = divisor.dividingFullWidth(size.multipliedFullWidth(by: w))
            shares.append(q)
            remainders.append(r)
        }
        let given = shares.reduce(UInt64(0), &+)
        // Each floor loses less than one fen, so fewer fen than there are tasks are left over.
        let left = Int(size &- given)
        let order = remainders.indices.sorted { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 }
        for i in order.prefix(left) { shares[i] &+= 1 }
        return shares.map { total < 0 ? Int64(truncatingIfNeeded: ~$0 &+ 1) : Int64(truncatingIfNeeded: $0) }
    }
}
