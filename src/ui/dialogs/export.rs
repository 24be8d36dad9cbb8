//! Export (Ctrl+E): format, title, and which parties, fact statuses and articles go in.

use egui::{RichText, Ui};

use super::selected;
use crate::export::{ExportOptions, Format};
use crate::history::Document;
use crate::model::{ArticleId, FactStatus, PartyId};
use crate::ui::actions::Action;

pub struct Export {
    pub format: Format,
    pub parties: Vec<(PartyId, bool)>,
    pub statuses: Vec<(FactStatus, bool)>,
    pub articles: Vec<(ArticleId, bool)>,
    pub notes: bool,
    pub title: String,
}

impl Export {
    /// The export dialog, with everything selected.
    pub fn new(document: &Document) -> Self {
        let session = document.session();
        let name = document.display_name();
        let stem = name.strip_suffix(".rashomon").unwrap_or(&name);
        Self {
            format: Format::Html,
            parties: session.parties().iter().map(|p| (p.id, true)).collect(),
            statuses: FactStatus::ALL.iter().map(|s| (*s, true)).collect(),
            articles: session.articles().iter().map(|a| (a.id, true)).collect(),
            notes: true,
            title: format!("Rashomon comparison: {stem}"),
        }
    }

    /// Shows the dialog's contents; whether it closed.
    pub fn ui(&mut self, ui: &mut Ui, document: &Document, actions: &mut Vec<Action>) -> bool {
        let session = document.session();
        let mut close = false;
        let Self {
            format,
            parties,
            statuses,
            articles,
            notes,
            title,
        } = self;

        ui.heading("Export");
        egui::Grid::new("export-format")
            .num_columns(2)
            .spacing([8.0, 4.0])
            .show(ui, |ui| {
                ui.label("Format");
                ui.vertical(|ui| {
                    for choice in Format::ALL {
                        ui.radio_value(format, choice, choice.label());
                    }
                });
                ui.end_row();
                let label = ui.label("Title");
                ui.add(egui::TextEdit::singleline(title).desired_width(320.0))
                    .labelled_by(label.id);
                ui.end_row();
            });
        ui.separator();
        ui.columns(3, |columns| {
            columns[0].label(RichText::new("Parties").strong());
            for (party, on) in parties.iter_mut() {
                let name = session.party(*party).map_or("", |p| p.name.as_str());
                columns[0].checkbox(on, name);
            }
            columns[1].label(RichText::new("Facts").strong());
            for (status, on) in statuses.iter_mut() {
                columns[1].checkbox(on, status.label());
            }
            columns[2].label(RichText::new("Articles").strong());
            for (article, on) in articles.iter_mut() {
                let name = session
                    .article(*article)
                    .map_or(String::new(), |a| crate::model::short(&a.meta.title));
                columns[2].checkbox(on, name);
            }
        });
        ui.separator();
        ui.checkbox(notes, "Include analyst notes");
        let chosen = |list: &[(PartyId, bool)]| list.iter().any(|(_, on)| *on);
        let ready = chosen(parties)
            && statuses.iter().any(|(_, on)| *on)
            && articles.iter().any(|(_, on)| *on);
        ui.horizontal(|ui| {
            if ui
                .add_enabled(ready, egui::Button::new("Export…"))
                .on_disabled_hover_text("Choose at least one party, status and article")
                .clicked()
            {
                let options = ExportOptions {
                    parties: selected(parties),
                    statuses: selected(statuses),
                    articles: selected(articles),
                    include_notes: *notes,
                    ..ExportOptions::titled(title.trim())
                };
                actions.push(Action::Export {
                    format: *format,
                    options,
                });
                close = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
        close
    }
}
