//! Articles whose text is already in the session: add them anyway, or skip them.

use egui::{RichText, Ui};

use crate::history::Document;
use crate::ui::actions::Action;

pub struct Duplicates {
    pub duplicates: Vec<(crate::import::ImportedArticle, String)>,
}

impl Duplicates {
    /// Shows the dialog's contents; whether it closed.
    pub fn ui(&mut self, ui: &mut Ui, _document: &Document, actions: &mut Vec<Action>) -> bool {
        let mut close = false;
        let Self { duplicates } = self;

        ui.heading(if duplicates.len() == 1 {
            "This article is already in the session".to_owned()
        } else {
            format!("{} articles are already in the session", duplicates.len())
        });
        for (imported, existing) in duplicates.iter() {
            let source = std::path::Path::new(&imported.meta.source)
                .file_name()
                .map_or_else(
                    || imported.meta.source.clone(),
                    |n| n.to_string_lossy().into_owned(),
                );
            ui.label(format!("{source}: the same text as “{existing}”."));
        }
        ui.label(RichText::new("Adding it again makes a second copy with its own claims.").weak());
        ui.horizontal(|ui| {
            if ui.button("Skip").clicked() {
                close = true;
            }
            if ui.button("Add anyway").clicked() {
                actions.push(Action::AddArticles(
                    duplicates.drain(..).map(|(imported, _)| imported).collect(),
                ));
                close = true;
            }
        });
        close
    }
}
