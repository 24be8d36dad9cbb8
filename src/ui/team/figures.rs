//! The agreement figures of the shown article and of all matched articles, side by side; a
//! figure with no meaning shows "—" and says why on hover.

use egui::{RichText, Ui};

use super::Other;
use crate::model::ArticleId;
use crate::team::agreement::{Agreement, Figures};

fn cell(ui: &mut Ui, value: Option<f64>, figures: &Figures, key: &str) {
    if let Some(v) = value {
        ui.label(format!("{v:.2}"));
    } else {
        let why = figures
            .undefined
            .iter()
            .find(|(k, _)| k == key)
            .map_or("not defined here", |(_, why)| why.as_str());
        ui.label(RichText::new("—").color(ui.visuals().weak_text_color()))
            .on_hover_text(why.to_owned());
    }
}

fn agreement_cells(ui: &mut Ui, what: &str, x: &Agreement, figures: &Figures) {
    cell(ui, x.agreement, figures, &format!("{what}.agreement"));
    cell(ui, x.kappa, figures, &format!("{what}.kappa"));
}

pub fn figures_ui(ui: &mut Ui, other: &Other, shown: Option<ArticleId>) {
    let report = &other.report;
    let article = shown.and_then(|a| report.articles.iter().find(|r| r.a == a));
    let mut columns: Vec<(&str, &Figures)> = Vec::new();
    if let Some(article) = article {
        columns.push(("This article", &article.figures));
    }
    columns.push(("All articles", &report.overall));
    egui::CollapsingHeader::new(RichText::new("Agreement").strong())
        .default_open(true)
        .show(ui, |ui| {
            if let Some(article) = article {
                ui.label(
                    RichText::new(crate::model::short(&article.title))
                        .small()
                        .color(ui.visuals().weak_text_color()),
                );
                if !article.unplaced_b.is_empty() {
                    ui.label(format!(
                        "⚠ {} of B's claims could not be placed in this text",
                        article.unplaced_b.len()
                    ));
                }
            }
            // Narrow windows scroll the table sideways rather than hide its last column.
            egui::ScrollArea::horizontal()
                .id_salt("team-figures-h")
                .show(ui, |ui| {
            egui::Grid::new("team-figures")
                .striped(true)
                .num_columns(1 + 2 * columns.len())
                .show(ui, |ui| {
                    ui.label("");
                    for (title, _) in &columns {
                        ui.label(RichText::new(*title).small());
                        ui.label("");
                    }
                    ui.end_row();
                    ui.label("Claims A / B");
                    for (_, f) in &columns {
                        ui.label(format!("{} / {}", f.counts.claims_a, f.counts.claims_b));
                        ui.label(
                            RichText::new(format!(
                                "{} matched",
                                f.counts.matched
                            ))
                            .small(),
                        );
                    }
                    ui.end_row();
                    ui.label("Span F1").on_hover_text(
                        "Claims matched when they overlap by at least half of the longer",
                    );
                    for (_, f) in &columns {
                        cell(ui, f.span_f1, f, "span_f1");
                        ui.label("");
                    }
                    ui.end_row();
                    for (what, label) in [("party", "Party"), ("fact", "Fact"), ("stance", "Stance")] {
                        ui.label(format!("{label}: agreed, κ")).on_hover_text(
                            "On matched claims: the share with the same value, and Cohen's κ",
                        );
                        for (_, f) in &columns {
                            let x = match what {
                                "party" => &f.party,
                                "fact" => &f.fact,
                                _ => &f.stance,
                            };
                            agreement_cells(ui, what, x, f);
                        }
                        ui.end_row();
                    }
                    let parties = columns.last().map_or(0, |(_, f)| f.parties.len());
                    for i in 0..parties {
                        let name = &columns[columns.len() - 1].1.parties[i].name;
                        ui.label(format!("{name}: α, α_u")).on_hover_text(
                            "Krippendorff's α over the characters (1 where a claim of the party covers one) and unitizing α_u",
                        );
                        for (_, f) in &columns {
                            let p = &f.parties[i];
                            cell(ui, p.char_alpha, f, &format!("char_alpha.{name}"));
                            cell(ui, p.alpha_u, f, &format!("alpha_u.{name}"));
                        }
                        ui.end_row();
                    }
                });
                });
            ui.label(
                RichText::new("Prevalence: share of characters tagged, A / B")
                    .small()
                    .color(ui.visuals().weak_text_color()),
            );
            let f = columns[columns.len() - 1].1;
            let shares: Vec<String> = f
                .parties
                .iter()
                .map(|p| {
                    format!(
                        "{} {:.1}% / {:.1}%",
                        p.name,
                        p.share_a * 100.0,
                        p.share_b * 100.0
                    )
                })
                .collect();
            ui.label(RichText::new(shares.join(" · ")).small());
        });
}
