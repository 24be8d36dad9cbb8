//! The benchmark code at a small size: it keeps compiling and its figures are sane.

#[path = "../benches/support/figures_core.rs"]
mod figures_core;

#[test]
fn benchmark_figures_at_small_size() {
    let report = figures_core::measure(&figures_core::SMALL);
    assert_eq!(report.figures.len(), 21);
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
    assert_eq!(rows.len(), 5);
    for row in &rows {
        assert!(row.times.iter().all(|t| !t.is_zero()), "{}", row.name);
        assert!(row.growth().is_finite(), "{}", row.name);
    }
}
