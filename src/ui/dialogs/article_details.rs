//! Article details (Ctrl+I): title, outlet and publication date.

use egui::{RichText, Ui};

use super::{from_jiff, to_jiff, today};
use crate::history::Document;
use crate::model::{ArticleId, ArticleMeta, Edit};
use crate::ui::actions::Action;

pub struct ArticleDetails {
    pub article: ArticleId,
    pub title: String,
    pub outlet: String,
    pub dated: bool,
    pub date: jiff::civil::Date,
}

impl ArticleDetails {
    pub fn new(document: &Document, article: ArticleId) -> Option<Self> {
        let meta = &document.session().article(article)?.meta;
        Some(Self {
            article,
            title: meta.title.clone(),
            outlet: meta.outlet.clone(),
            dated: meta.published.is_some(),
            date: meta.published.map_or_else(today, to_jiff),
        })
    }

    /// Shows the dialog's contents; whether it closed.
    pub fn ui(&mut self, ui: &mut Ui, document: &Document, actions: &mut Vec<Action>) -> bool {
        let session = document.session();
        let mut close = false;
        let Self {
            article,
            title,
            outlet,
            dated,
            date,
        } = self;

        ui.heading("Article details");
        egui::Grid::new("article-details")
            .num_columns(2)
            .spacing([8.0, 8.0])
            .show(ui, |ui| {
                let label = ui.label("Title");
                ui.add(egui::TextEdit::singleline(title).desired_width(320.0))
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label("Outlet");
                ui.add(
                    egui::TextEdit::singleline(outlet)
                        .hint_text("e.g. Reuters")
                        .desired_width(320.0),
                )
                .labelled_by(label.id);
                ui.end_row();
                ui.label("Published");
                ui.horizontal(|ui| {
                    ui.checkbox(dated, "dated");
                    ui.add_enabled_ui(*dated, |ui| {
                        ui.add(egui_extras::DatePickerButton::new(date).id_salt("article-date"));
                    });
                });
                ui.end_row();
            });
        if let Some(found) = session.article(*article)
            && !found.meta.source.is_empty()
        {
            ui.label(
                RichText::new(format!("From {}", found.meta.source))
                    .small()
                    .weak(),
            );
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let valid = !title.trim().is_empty();
            if ui
                .add_enabled(valid, egui::Button::new("Save details"))
                .clicked()
            {
                if let Some(found) = session.article(*article) {
                    let meta = ArticleMeta {
                        title: title.trim().to_owned(),
                        outlet: outlet.trim().to_owned(),
                        published: if *dated { from_jiff(*date) } else { None },
                        source: found.meta.source.clone(),
                        encoding: found.meta.encoding.clone(),
                    };
                    if meta != found.meta {
                        actions.push(Action::Edit {
                            label: "Edit article details".into(),
                            edit: Edit::SetArticleMeta {
                                article: *article,
                                meta,
                            },
                        });
                    }
                }
                close = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
        close
    }
}
