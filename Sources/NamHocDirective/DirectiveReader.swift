import Foundation
import NamHocText

/// Reads a school-year directive — an official document or a news report of a conference — and
/// proposes its identity, theme, tasks, references, figures, dates, periods, places, units and
/// movements. Rule-based: closed word lists and the province/commune gazetteer, no model, no
/// network. Every item carries the span of NFC text it was read from; nothing is invented.
public struct DirectiveReader: Sendable {
    public init() {}

    /// The NFC text `read` works on; spans index its Unicode scalars.
    public static func prepare(_ text: String) -> String {
        VietnameseText.normalize(text)
    }

    public func read(_ text: String) -> DirectiveReading {
        // Wrapped lines are joined scalar for scalar: spans index the prepared text unchanged.
        let t = DirectiveText(WrappedLines.join(DirectiveReader.prepare(text)))
        var reading = DirectiveReading()
        let all = 0..<t.scalars.count
        let layout = DocumentLayout.read(t)
        reading.document = layout.document
        let body = layout.body

        let ownSymbol = layout.document?.symbol?.value
        reading.references = ReferenceScanner.scan(t, in: body, ownSymbol: ownSymbol)

        // Scalars already claimed by citations: their numbers and dates are not figures or dates.
        var claimed = [Bool](repeating: false, count: t.scalars.count + 1)
        for r in reading.references { for p in r.span.start..<r.span.end { claimed[p] = true } }

        let titleRange = layout.document?.title.map { $0.span.start..<$0.span.end }
        let yearRange = titleRange.map { $0.lowerBound..<body.upperBound } ?? body
        reading.schoolYear = DateScanner.schoolYear(t, in: yearRange, titleRange: titleRange)
        if let y = reading.schoolYear { for p in y.span.start..<y.span.end { claimed[p] = true } }

        reading.dates = DateScanner.dates(t, in: body).filter { !claimed[$0.span.start] && !claimed[$0.span.end - 1] }
        for d in reading.dates { for p in d.span.start..<d.span.end { claimed[p] = true } }
        reading.periods = DateScanner.periods(t, in: titleRange.map { $0.lowerBound..<body.upperBound } ?? body)
        for d in reading.periods { for p in d.span.start..<d.span.end { claimed[p] = true } }

        let quotes = QuoteScanner.quotes(t, in: body)
        reading.theme = QuoteScanner.theme(t, quotes: quotes)
        reading.movements = QuoteScanner.movements(t, quotes: quotes, theme: reading.theme?.span)
        // Names without quotation marks ("phong trào thi đua Dạy tốt – học tốt"), where no quote stands.
        var movementKeys = Set(reading.movements.map { ScalarFold.key($0.value) })
        for m in QuoteScanner.unquotedMovements(t, in: body)
        where !quotes.contains(where: { $0.overlaps(m.span.start..<m.span.end) || $0.lowerBound == m.span.start + 1 }) {
            if movementKeys.insert(ScalarFold.key(m.value)).inserted { reading.movements.append(m) }
        }
        reading.movements.sort { $0.span.start < $1.span.start }

        if let doc = layout.document, doc.signer != nil || doc.signingTitle != nil {
            let spans = [doc.signingTitle?.span, doc.signer?.span].compactMap { $0 }
            reading.issuer = Issuer(office: doc.signingTitle?.value, person: doc.signer?.value,
                                    span: Span(start: spans.map(\.start).min()!, end: spans.map(\.end).max()!))
        } else {
            reading.issuer = IssuerScanner.scan(t, in: body)
        }

        let announceRange = titleRange.map { $0.lowerBound..<body.upperBound } ?? all
        reading.announcedTaskCount = AnnouncedCountScanner.scan(t, in: announceRange)

        // Target sections ("II. CHỈ TIÊU", "2. Chỉ tiêu cụ thể:") make their figures targets.
        var targetSections: [Range<Int>] = []
        var openTarget: Int?
        for l in t.lines where l.lowerBound >= body.lowerBound && l.upperBound <= body.upperBound && !l.isEmpty {
            if let (_, h) = RomanHeading.parse(t, l) {
                if let o = openTarget { targetSections.append(o..<l.lowerBound); openTarget = nil }
                let f = t.foldText(h)
                if f.contains("chi tieu") || f.hasPrefix("muc tieu") { openTarget = l.upperBound }
            }
        }
        if let o = openTarget { targetSections.append(o..<body.upperBound) }
        for l in t.lines where !l.isEmpty && l.lowerBound >= body.lowerBound && l.upperBound <= body.upperBound {
            if let m = TaskScanner.marker(t, l), m.0 == .number, t.foldText(l).contains("chi tieu") {
                // A numbered "Chỉ tiêu" item: its dashed lines follow until the next numbered line.
                var end = l.upperBound
                var li = t.lineIndex(of: l.lowerBound) + 1
                while li < t.lines.count, t.lines[li].upperBound <= body.upperBound {
                    let next = t.lines[li]
                    if !next.isEmpty, TaskScanner.marker(t, next)?.0 != .dash { break }
                    end = next.upperBound
                    li += 1
                }
                targetSections.append(l.lowerBound..<end)
            }
        }
        reading.figures = FigureScanner.scan(t, in: body, excluded: claimed, targetSections: targetSections)

        if layout.document != nil {
            reading.tasks = TaskScanner.official(t, body: body)
        }
        if reading.tasks.isEmpty {
            let marks = [reading.announcedTaskCount?.span.start, reading.theme?.span.start, reading.issuer?.span.start].compactMap { $0 }
            reading.tasks = TaskScanner.news(t, body: body, leadMarks: marks, announced: reading.announcedTaskCount?.value,
                                             mask: [Bool](repeating: false, count: t.scalars.count + 1))
        }

        // A subject line ("V/v …") inside the header: places are read from the body only (the dateline is no place of the text).
        let titleInHeader = titleRange.map { $0.upperBound <= (layout.document?.date?.span.start ?? 0) } ?? false
        reading.places = NameScanner.places(t, in: titleInHeader ? body : (titleRange.map { $0.lowerBound..<body.upperBound } ?? body))
        reading.units = NameScanner.units(t, in: body).filter { !layout.addressees.contains($0.span.start) }
        return reading
    }
}
