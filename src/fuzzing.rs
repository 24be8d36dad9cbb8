//! The bodies of the fuzz targets (`fuzz/`), kept in the library so the crash corpus in
//! `tests/fuzz_corpus/` replays through exactly the same code in `cargo test`.
//!
//! Each function panics only when an invariant is broken, which is what the fuzzer reports.

use crate::model::span::{self, ByteOffset, CharIndex, TextAnchor, TextSpan};

/// Any bytes as a session file.
pub fn session_loader(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(loaded) = crate::storage::from_json(text) {
        let session = &loaded.session;
        for claim in session.claims() {
            let article = session
                .article(claim.article)
                .expect("a loaded claim's article exists");
            assert!(
                claim.is_placed_consistently(&article.text),
                "a loaded claim quotes its text or is orphaned"
            );
            assert!(session.party(claim.party).is_some());
            assert!(claim.fact.is_none_or(|f| session.fact(f).is_some()));
        }
        // What loads must save and load again to the same session.
        let again = crate::storage::from_json(&crate::storage::to_json(session))
            .expect("a saved session loads");
        assert_eq!(&again.session, session);
        assert!(again.warnings.is_empty());
    }
}

/// Any bytes as an article file (plain text, then Markdown).
pub fn article_import(data: &[u8]) {
    for markdown in [false, true] {
        if let Ok(article) = crate::import::import_bytes(data, markdown) {
            assert!(!article.text.contains('\r'), "line endings are normalized");
            assert!(!article.text.trim().is_empty());
            assert!(!article.text.starts_with('\u{feff}'));
        }
    }
}

/// Any bytes as a web page, PDF, Word, OpenDocument or Markdown file; the first byte picks
/// the format. (pdf-extract panics on some broken PDFs; the importer catches that, but
/// libFuzzer stops at any panic, so `fuzz/` runs this with PDFs left out: see
/// [`document_import_without_pdf`].)
pub fn document_import(data: &[u8]) {
    use crate::import::Format;
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let format = match selector % 5 {
        0 => Format::Html,
        1 => Format::Pdf,
        2 => Format::Docx,
        3 => Format::Odt,
        _ => Format::Markdown,
    };
    if let Ok(article) = crate::import::import_format(bytes, format) {
        assert!(!article.text.contains('\r'), "line endings are normalized");
        assert!(!article.text.trim().is_empty(), "an article has text");
        assert!(article.text.len() as u64 <= crate::import::MAX_ARTICLE_BYTES);
    }
}

/// Any bytes as a PDF file, read by the contained worker (see `import::contained`; the worker
/// must be set): an article with text, or an error — and back within the time limit.
pub fn pdf_contained(data: &[u8]) {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let path = std::env::temp_dir().join(format!(
        "rashomon-fuzz-{}-{}.pdf",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let started = std::time::Instant::now();
    let result = crate::import::contained::import_file(&path);
    let _ = std::fs::remove_file(&path);
    let (_, seconds) = crate::import::contained::limits();
    assert!(
        started.elapsed().as_secs() <= seconds + 5,
        "the time limit holds"
    );
    match result {
        Ok(article) => {
            assert!(!article.text.trim().is_empty(), "an article has text");
            assert!(article.text.len() as u64 <= crate::import::MAX_ARTICLE_BYTES);
        }
        Err(error) => assert!(
            error.to_string().contains(&path.display().to_string()),
            "the error names the file: {error}"
        ),
    }
}

/// [`document_import`] for every format but PDF.
pub fn document_import_without_pdf(data: &[u8]) {
    if data.first().is_some_and(|b| b % 5 == 1) {
        return;
    }
    document_import(data);
}

/// The first four bytes choose offsets, the rest is text.
pub fn span_anchor(data: &[u8]) {
    if data.len() < 4 {
        return;
    }
    let Ok(text) = std::str::from_utf8(&data[4..]) else {
        return;
    };
    let a = usize::from(data[0]) * 3 + usize::from(data[1] % 3);
    let b = usize::from(data[2]) * 3 + usize::from(data[3] % 3);
    let span = TextSpan::from_char_range(text, CharIndex(a), CharIndex(b));
    assert!(text.is_char_boundary(span.start.0) && text.is_char_boundary(span.end.0));
    if let Some(trimmed) = span::trim_span(text, TextSpan::new(a.min(b), a.max(b))) {
        let anchor = TextAnchor::capture(text, trimmed).expect("a trimmed span anchors");
        assert!(anchor.matches(text));
        let shifted = format!("x{text}");
        let found = anchor.relocate(&shifted).expect("the quote is still there");
        assert_eq!(&shifted[found.range()], anchor.quote);
    }
    for step in [
        span::next_word_end(text, ByteOffset(a)),
        span::next_word_start(text, ByteOffset(a)),
        span::previous_word_start(text, ByteOffset(b)),
    ] {
        assert!(step.0 <= text.len() && text.is_char_boundary(step.0));
    }
    for sentence in span::sentences(text) {
        assert!(sentence.is_valid_in(text));
    }
    for range in crate::model::search::find_all(text, &text[..span::floor_char_boundary(text, 3)]) {
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
    }
}

/// Any bytes as an article's text: the claim finder's suggestions are non-empty spans on
/// char boundaries inside the text, in order and not overlapping, with scores from 0 to 1;
/// accepting them all is a valid edit, and the fact ranking ranks each.
pub fn claim_finder(data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    let mut session = crate::model::Session::new();
    let article = session.new_article(crate::model::ArticleMeta::default(), text.clone());
    let suggester = crate::suggest::Suggester::new(session.parties());
    let found = suggester.claims(&article);
    let mut end = 0;
    for suggestion in &found {
        let (a, b) = (suggestion.span.start.0, suggestion.span.end.0);
        assert!(
            a < b && b <= text.len(),
            "a suggestion is a span of the text"
        );
        assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
        assert!(a >= end, "suggestions do not overlap");
        assert!((0.0..=1.0).contains(&suggestion.score));
        end = b;
    }
    session
        .apply(crate::model::Edit::InsertArticle { index: 0, article })
        .expect("a new article goes in");
    let fact = session.new_fact("The strike was an accident");
    session
        .apply(crate::model::Edit::InsertFact { index: 0, fact })
        .expect("a new fact goes in");
    if let Some(change) = crate::suggest::accept_all(&mut session, &found) {
        session
            .apply(change.edit)
            .expect("accepting all is a valid edit");
    }
    let index = crate::suggest::FactIndex::new(&session);
    for claim in session.claims() {
        let ranked = index.rank(&session, claim);
        assert!(ranked.windows(2).all(|w| w[0].score >= w[1].score));
    }
}
