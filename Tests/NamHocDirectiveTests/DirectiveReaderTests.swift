import Foundation
import NamHocDirective
import NamHocText
import Testing

/// The reader against the annotated dev fixtures, its span guarantee, encodings, JSON shape and
/// a few rules in isolation.
@Suite struct DirectiveReaderTests {
    let reader = DirectiveReader()

    static let devNames = DirectiveFixtures.names()
    static let ownNames = devNames.filter { !$0.hasPrefix("seed-") }

    // MARK: Fields against the annotations (dev set; the held-out set is scored by namhoc-reader-eval)

    @Test(arguments: devNames) func fixture_matches_annotation(_ name: String) {
        // MUT
        let reading = reader.read(DirectiveFixtures.text(name))
        // validate: every field against the annotation
        let exp = DirectiveFixtures.expected(name)
        let key = DirectiveFixtures.key
        if let d = exp["document"] as? [String: Any] {
            #expect(reading.document?.type?.value == d["type"] as? String, "\(name) type")
            #expect(reading.document?.symbol?.value == d["symbol"] as? String, "\(name) symbol")
            #expect(reading.document?.number?.value == d["number"] as? String, "\(name) number")
            #expect(reading.document?.date?.value == d["date"] as? String, "\(name) date")
            #expect(reading.document?.place?.value == d["place"] as? String, "\(name) place")
            #expect(key(reading.document?.issuingBody?.value) == key(d["issuingBody"] as? String), "\(name) body")
            #expect(reading.document?.signer?.value == d["signer"] as? String, "\(name) signer")
            #expect(reading.document?.signingTitle?.value == d["signingTitle"] as? String, "\(name) signing title")
        } else {
            #expect(reading.document == nil, "\(name) is not an official document")
        }
        #expect(reading.schoolYear?.value == exp["schoolYear"] as? String, "\(name) school year")
        #expect(key(reading.theme?.value) == key(exp["theme"] as? String), "\(name) theme")
        #expect(reading.announcedTaskCount?.value == exp["announcedTaskCount"] as? Int, "\(name) announced count")
        let issuer = exp["issuer"] as? [String: Any]
        #expect(key(reading.issuer?.office) == key(issuer?["office"] as? String), "\(name) issuer office")
        #expect(key(reading.issuer?.person) == key(issuer?["person"] as? String), "\(name) issuer person")

        let tasks = exp["tasks"] as? [[String: Any]] ?? []
        #expect(reading.tasks.count == tasks.count, "\(name) task count")
        for (got, want) in zip(reading.tasks, tasks) {
            #expect(key(got.title).hasPrefix(key(want["title"] as? String)), "\(name) task \(got.number): \(got.title)")
            #expect(got.subtasks.count == want["subtasks"] as? Int, "\(name) subtasks of task \(got.number)")
        }
        #expect(Set(reading.references.map { key($0.symbol) }) == Set((exp["references"] as? [String] ?? []).map(key)), "\(name) references")
        let figures = (exp["figures"] as? [[String: Any]] ?? []).map {
            "\(DirectiveFixtures.num(($0["value"] as? NSNumber)?.doubleValue))|\(DirectiveFixtures.num(($0["change"] as? NSNumber)?.doubleValue))|\($0["indicator"] as? String ?? "-")"
        }
        let gotFigures = reading.figures.map { "\(DirectiveFixtures.num($0.value))|\(DirectiveFixtures.num($0.change))|\($0.indicator ?? "-")" }
        #expect(Set(gotFigures) == Set(figures), "\(name) figures")
        #expect(Set(reading.dates.map(\.date)) == Set(exp["dates"] as? [String] ?? []), "\(name) dates")
        #expect(Set(reading.periods.map { key($0.label) }) == Set((exp["periods"] as? [String] ?? []).map(key)), "\(name) periods")
        #expect(Set(reading.places.map { key($0.name) }) == Set((exp["places"] as? [String] ?? []).map(key)), "\(name) places")
        #expect(Set(reading.movements.map { key($0.value) }) == Set((exp["movements"] as? [String] ?? []).map(key)), "\(name) movements")
        // Units: names are the least regular field; most must be found and few invented.
        let wantUnits = Set((exp["units"] as? [String] ?? []).map(key))
        let gotUnits = Set(reading.units.map { key($0.name) })
        #expect(gotUnits.intersection(wantUnits).count * 5 >= wantUnits.count * 4, "\(name) units recall")
        #expect(gotUnits.subtracting(wantUnits).count <= 1, "\(name) units precision")
    }

    // MARK: The reader never invents

    static let allTexts: [(String, Bool)] = devNames.map { ($0, false) } + DirectiveFixtures.names(heldout: true).map { ($0, true) }

    @Test(arguments: allTexts.map(\.0)) func every_span_shows_the_item_words(_ name: String) {
        // setup: the prepared text
        let heldout = !Self.devNames.contains(name)
        let text = DirectiveReader.prepare(DirectiveFixtures.text(name, heldout: heldout))
        // MUT
        let r = reader.read(text)
        // validate: every span shows the words of its item
        let key = DirectiveFixtures.key
        func check(_ span: Span, _ words: String?, _ what: String, interleaved: Bool = false) {
            let shown = span.text(in: text)
            #expect(span.start < span.end && !shown.trimmingCharacters(in: .whitespaces).isEmpty, "\(name) \(what): empty span")
            guard let words, !key(words).isEmpty else { return }
            if interleaved {
                // Header columns come out interleaved: the body's two lines enclose the republic's line.
                let shownWords = Set(key(shown).split(separator: " "))
                #expect(key(words).split(separator: " ").allSatisfy { shownWords.contains($0) }, "\(name) \(what): “\(shown)”")
            } else {
                #expect(key(shown).contains(key(words)), "\(name) \(what): “\(shown)” does not show “\(words)”")
            }
        }
        if let d = r.document {
            for (f, v) in [("symbol", d.symbol), ("number", d.number), ("place", d.place), ("title", d.title),
                           ("signer", d.signer), ("signingTitle", d.signingTitle)] {
                if let v { check(v.span, v.value, f) }
            }
            if let b = d.issuingBody { check(b.span, b.value, "issuing body", interleaved: true) }
            if let b = d.parentBody { check(b.span, b.value, "parent body", interleaved: true) }
            if let date = d.date { check(date.span, nil, "document date") }
        }
        if let y = r.schoolYear { check(y.span, y.value, "school year") }
        if let th = r.theme { check(th.span, th.value, "theme") }
        if let i = r.issuer { check(i.span, i.person, "issuer person"); check(i.span, i.office, "issuer office") }
        if let n = r.announcedTaskCount { check(n.span, "nhiệm vụ", "announced count") }
        for t in r.tasks {
            check(t.span, t.title, "task \(t.number)")
            for s in t.subtasks { check(s.span, s.text, "subtask \(t.number)\(s.label)") }
        }
        for ref in r.references { check(ref.span, ref.symbol, "reference") }
        for f in r.figures { check(f.span, f.object == "ha" ? nil : f.object, "figure") }
        for d in r.dates {
            let day = d.date.split(separator: "-").last.map { String(Int($0) ?? 0) }
            check(d.span, day, "date")
        }
        for p in r.periods { check(p.span, nil, "period \(p.label)") }
        for p in r.places {
            let bare = p.name.split(separator: " ").drop { ["Xã", "Phường", "Đặc", "khu"].contains(String($0)) }.joined(separator: " ")
            check(p.span, bare, "place")
        }
        for u in r.units { check(u.span, u.name, "unit") }
        for m in r.movements { check(m.span, m.value, "movement") }
    }

    // MARK: NFC, NFD and TCVN3 give the same reading

    @Test(arguments: ownNames) func nfd_reads_like_nfc(_ name: String) {
        // setup
        let nfc = DirectiveFixtures.text(name)
        let nfd = nfc.decomposedStringWithCanonicalMapping
        #expect(nfd.unicodeScalars.count > nfc.unicodeScalars.count)
        // MUT + validate
        #expect(reader.read(nfd) == reader.read(nfc))
    }

    @Test(arguments: ownNames) func tcvn3_reads_like_nfc(_ name: String) throws {
        // setup
        let nfc = DirectiveFixtures.text(name)
        let legacy = DirectiveFixtures.tcvn3String(nfc)
        #expect(legacy != nfc)
        // MUT
        let a = reader.read(nfc)
        let b = reader.read(legacy)
        // validate
        // TCVN3 has no toned capitals, so case may differ after the round trip ("Ủy" → "ủy" when
        // the decoder cannot tell); spans and the folded values must be identical.
        let enc = JSONEncoder()
        enc.outputFormatting = .sortedKeys
        let ja = VietnameseText.searchKey(String(decoding: try enc.encode(a), as: UTF8.self))
        let jb = VietnameseText.searchKey(String(decoding: try enc.encode(b), as: UTF8.self))
        #expect(ja == jb)
        #expect(a.tasks.count == b.tasks.count && a.figures.count == b.figures.count && a.references.count == b.references.count)
    }

    // MARK: Rules in isolation

    @Test func own_number_is_not_a_reference() {
        // MUT
        let r = reader.read(DirectiveFixtures.text("official-province-directive"))
        // validate
        #expect(r.document?.symbol?.value == "25/CT-UBND")
        #expect(!r.references.contains { $0.symbol == "25/CT-UBND" })
        #expect(r.references.first { $0.symbol == "1272/CT-BGDĐT" }?.date == "2024-08-30")
        #expect(r.document?.signingAuthority?.value == "KT. CHỦ TỊCH")
        // The assignments of "II. TỔ CHỨC THỰC HIỆN" and the recipients are not tasks.
        #expect(!r.tasks.contains { $0.title.hasPrefix("Sở Giáo dục") })
    }

    @Test func dates_partial_and_relative() {
        // MUT
        let r = reader.read("Ngày 16/1, Sở tổ chức hội nghị. Các đơn vị báo cáo trước ngày 20/10/2024; khai giảng ngày 05 tháng 9 năm 2024.")
        // validate
        #expect(r.dates.map(\.date) == ["--01-16", "2024-10-20", "2024-09-05"])
        #expect(r.dates.map(\.relation) == [nil, "before", nil])
    }

    @Test func periods_and_school_year_with_spaces() {
        // MUT
        let r = reader.read("Trong quý I/2024 và học kỳ I năm học 2023 - 2024, thực hiện giai đoạn 2021 - 2025 và tháng 5/2024.")
        // validate
        #expect(r.periods.map(\.label) == ["quý I/2024", "học kỳ I", "giai đoạn 2021-2025", "tháng 5/2024"])
        #expect(r.schoolYear?.value == "2023-2024")
    }

    @Test func change_only_and_target_figures() {
        // MUT
        let r = reader.read("Toàn tỉnh giảm 12 trường. Phấn đấu 90% trường đạt chuẩn quốc gia.")
        // validate
        #expect(r.figures.count == 2)
        #expect(r.figures[0].value == nil && r.figures[0].change == -12 && r.figures[0].indicator == "SCHOOLS")
        #expect(r.figures[1].value == 90 && r.figures[1].unit == "%" && r.figures[1].target && r.figures[1].indicator == "NATSTD_SCHOOL_RATE")
    }

    @Test func semicolon_series_after_lead_in() {
        // MUT
        let r = reader.read("Bộ trưởng nhấn mạnh một số nhiệm vụ trọng tâm như: rà soát mạng lưới trường lớp; bảo đảm đủ giáo viên; đẩy mạnh chuyển đổi số.")
        // validate
        #expect(r.tasks.map(\.title) == ["rà soát mạng lưới trường lớp", "bảo đảm đủ giáo viên", "đẩy mạnh chuyển đổi số"])
    }

    @Test func json_uses_the_field_names_and_array_spans() throws {
        // setup
        let r = reader.read(DirectiveFixtures.text("official-briefing-report"))
        // MUT
        let data = try JSONEncoder().encode(r)
        // validate
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for field in ["document", "schoolYear", "theme", "issuer", "announcedTaskCount", "tasks", "references", "figures",
                      "dates", "periods", "places", "units", "movements"] {
            #expect(json.keys.contains(field), "missing \(field)")
        }
        let first = try #require((json["tasks"] as? [[String: Any]])?.first)
        #expect((first["span"] as? [Int])?.count == 2)
        #expect(try JSONDecoder().decode(DirectiveReading.self, from: data) == r)
    }

    @Test func summary_is_vietnamese() {
        // MUT
        let s = summaryVI(reader.read(DirectiveFixtures.text("official-department-plan")))
        // validate
        #expect(s.contains("Kế hoạch số 1805/KH-SGDĐT ngày 05/09/2025"))
        #expect(s.contains("Nhiệm vụ trọng tâm (8):"))
    }

    @Test func reader_is_usable_from_many_tasks_at_once() async {
        // setup
        let text = DirectiveFixtures.text("official-commune-plan", heldout: true)
        // MUT: eight readers at once
        let readings = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { DirectiveReader().read(text).places.count } }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        // validate
        #expect(Set(readings).count == 1)
    }
}
