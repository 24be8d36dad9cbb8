//! `cargo bench`: the performance figures at full size (see the README's Performance section).

#[path = "support/cliffs.rs"]
mod cliffs;
#[path = "support/figures_core.rs"]
mod figures_core;
#[path = "support/semantic_figures.rs"]
mod semantic_figures;

fn main() {
    // `cargo bench -- semantic`: the model's figures alone.
    if std::env::args().any(|a| a == "semantic") {
        semantic_figures::measure_and_print();
        return;
    }
    // `cargo bench -- cliffs`: the re-anchoring shapes that used to run away.
    if std::env::args().any(|a| a == "cliffs") {
        cliffs::measure_and_print();
        return;
    }
    // `cargo bench -- mesh`: what a frame hands the GPU while scrolling.
    if std::env::args().any(|a| a == "mesh") {
        figures_core::print_mesh(&figures_core::scrolling_mesh(&figures_core::FULL));
        return;
    }
    // `cargo bench -- scaling`: the growth factors alone.
    if std::env::args().any(|a| a == "scaling") {
        let claims = 5_000;
        figures_core::print_scaling(&figures_core::scaling(claims), claims);
        return;
    }
    let report = figures_core::measure(&figures_core::FULL);
    figures_core::print(&report);
    figures_core::print_mesh(&figures_core::scrolling_mesh(&figures_core::FULL));
    let claims = 5_000;
    figures_core::print_scaling(&figures_core::scaling(claims), claims);
    semantic_figures::measure_and_print();
}
