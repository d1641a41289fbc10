import Foundation

/// Per-commune and per-province counts of each category, fixed by the seed and independent of the scale:
/// the province scale builds exactly the schools the national scale builds in that province.
struct DemoPlan {
    private var communeCounts: [String: [Int]] = [:]
    private var provinceCounts: [String: [Int]] = [:]

    init(provinces: [ProvinceRecord], communesByProvince: [String: [CommuneRecord]], seed: UInt64) {
        let categories = DemoCategory.allCases
        var communeWeights: [(code: String, weights: [Double], random: SeededRandom)] = []
        var provinceWeights: [(code: String, weights: [Double], random: SeededRandom)] = []
        var totals = [Double](repeating: 0, count: categories.count)
        for p in provinces {
            var provinceRandom = SeededRandom(seed: seed, stream: "plan/S" + p.code)
            var pw = [Double](repeating: 0, count: categories.count)
            for c in communesByProvince[p.code] ?? [] {
                var random = SeededRandom(seed: seed, stream: "plan/X" + c.code)
                // A commune's size (population): 0,5 to 2,3, mean 1,4; then ±25% per category. Communes of
                // the centrally-run cities are more populous (Hà Nội: 2.874 schools on 126 communes) [verify].
                let size = (0.5 + random.nextDouble() + 0.8 * random.nextDouble()) * (p.isCity ? 1.3 : 1.0)
                var w = [Double](repeating: 0, count: categories.count)
                for (i, category) in categories.enumerated() {
                    let base = category.weight(c.kind) * size
                    if category.underDepartment {
                        pw[i] += base
                    } else {
                        w[i] = base * (0.75 + 0.5 * random.nextDouble())
                    }
                }
                communeWeights.append((c.code, w, random))
            }
            for i in categories.indices where categories[i].underDepartment {
                pw[i] *= 0.85 + 0.3 * provinceRandom.nextDouble()
            }
            provinceWeights.append((p.code, pw, provinceRandom))
            for i in categories.indices { totals[i] += pw[i] }
        }
        for entry in communeWeights {
            for i in categories.indices { totals[i] += entry.weights[i] }
        }
        func counts(_ weights: [Double], _ random: inout SeededRandom) -> [Int] {
            categories.indices.map { i in
                totals[i] > 0 ? demoRound(Double(categories[i].national) * weights[i] / totals[i], &random) : 0
            }
        }
        for var entry in communeWeights { communeCounts[entry.code] = counts(entry.weights, &entry.random) }
        for var entry in provinceWeights { provinceCounts[entry.code] = counts(entry.weights, &entry.random) }
    }

    func count(commune: String, _ category: DemoCategory) -> Int {
        communeCounts[commune].map { $0[DemoCategory.allCases.firstIndex(of: category)!] } ?? 0
    }

    func count(province: String, _ category: DemoCategory) -> Int {
        provinceCounts[province].map { $0[DemoCategory.allCases.firstIndex(of: category)!] } ?? 0
    }
}
