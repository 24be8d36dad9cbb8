//! The benchmark code at a small size: it keeps compiling and its figures are sane.

#[path = "../benches/support/figures_core.rs"]
mod figures_core;

#[test]
fn benchmark_figures_at_small_size() {
    let report = figures_core::measure(&figures_core::SMALL);
    assert_eq!(report.figures.len(), 23);
    assert!(report.floor > std::time::Duration::ZERO);
    assert!(
        report.suggestions > 0,
        "the finder found claims in wire copy"
    );
    assert_eq!(report.claims_tagged, figures_core::SMALL.frames);
    assert_eq!(
        report.claims_stepped,
        figures_core::SMALL.frames,
        "J moved each time"
    );
    assert!(report.by_fact, "Alt+2 showed the facts");
    for figure in &report.figures {
        assert!(figure.median <= figure.worst, "{}", figure.name);
    }
}

#[test]
fn the_scaling_figures_run_at_small_size() {
    let rows = figures_core::scaling(200);
    assert_eq!(rows.len(), 8);
    for row in &rows {
        assert!(row.times.iter().all(|t| !t.is_zero()), "{}", row.name);
        assert!(row.growth().is_finite(), "{}", row.name);
    }
}

/// A frame paints each pixel about once: the panels paint no background over the window's
/// clear colour (with their fills a frame painted 1.65 times the window), and the
/// suggestions' dashed outlines are one mesh of quads, not a shape per dash.
#[test]
fn a_scrolled_frame_paints_the_window_about_once() {
    let mesh = figures_core::scrolling_mesh(&figures_core::SMALL);
    assert!(mesh.triangles > 1_000, "{mesh:?}");
    assert!(mesh.painted > 0.2 && mesh.painted < 1.0, "{mesh:?}");
}

#[path = "../benches/support/cliffs.rs"]
mod cliffs;

/// Long quotes in text that repeats itself: each edited quote is placed where it is, not on
/// one of its look-alikes (a quote may occur again exactly elsewhere once edited, so one in a
/// hundred may move there).
#[test]
fn edited_long_quotes_in_repetitive_text_stay_at_their_place() {
    let (_, outcome) = cliffs::repetitive_edited(200_000, 200);
    assert_eq!(outcome.claims, 200);
    assert!(
        outcome.right >= 198,
        "{} of 200: {}",
        outcome.right,
        outcome.summary
    );
}

/// Offsets written in code points by another tool are read as such, with one notice.
#[test]
fn offsets_counted_in_code_points_are_read_as_such() {
    let (_, outcome) = cliffs::code_point_offsets(300_000, 150);
    assert_eq!(outcome.claims, 150);
    assert_eq!(outcome.right, 150, "{}", outcome.summary);
    assert!(
        outcome
            .summary
            .starts_with("Read the offsets of 150 claims")
            && !outcome.summary.contains("again where"),
        "{}",
        outcome.summary
    );
}

/// A session file whose article text was edited elsewhere opens with every claim placed
/// again, said in one notice for the article rather than one per claim.
#[test]
fn a_session_whose_article_was_edited_elsewhere_opens_placed_with_one_notice() {
    let (_, outcome) = cliffs::repetitive_edited_file(200_000, 200);
    assert_eq!(outcome.claims, 200);
    assert!(outcome.right >= 198, "{} of 200", outcome.right);
    assert_eq!(outcome.summary, "1 notices");
}

/// A session file whose article its outlet edited (a word inserted every ~400 characters, a
/// letter changed in every other quote) opens with its claims on their own words: no place
/// starts or ends inside an inserted word, none takes an inserted word for the quote's first.
#[test]
fn a_session_whose_article_its_outlet_edited_opens_with_claims_on_their_words() {
    let (_, outcome) = cliffs::outlet_edited_file(100_000, 200);
    assert_eq!(outcome.claims, 200);
    assert!(outcome.right >= 196, "{} of 200", outcome.right);
}
