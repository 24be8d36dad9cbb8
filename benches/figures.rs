//! `cargo bench`: the performance figures at full size (see the README's Performance section).

#[path = "support/figures_core.rs"]
mod figures_core;

fn main() {
    let report = figures_core::measure(&figures_core::FULL);
    figures_core::print(&report);
    let claims = 5_000;
    figures_core::print_scaling(&figures_core::scaling(claims), claims);
}
