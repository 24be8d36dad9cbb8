//! The app's modal windows: article details, renaming a fact, a party's aliases, removing a
//! party, duplicates, export, the fact picker, accepting all suggestions, the command
//! palette and the shortcut sheet.
//! Panels ask for one with [`DialogRequest`]; each reads the document and pushes actions;
//! none changes anything by itself.

mod about;
mod accept_all;
mod analyst;
mod article_details;
mod chooser;
mod duplicates;
mod export;
mod fact_picker;
mod palette;
mod party_aliases;
mod remove_party;
mod rename_fact;
mod shortcuts;

use chrono::{Datelike, NaiveDate};

use super::actions::{Action, DialogRequest};
use crate::history::Document;

pub use shortcuts::shortcuts_ui;

/// The dialogs panel: at most one dialog open at a time.
#[derive(Default)]
pub struct Dialogs {
    open: Option<Dialog>,
}

impl Dialogs {
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// The fact picker, if it is the dialog open.
    pub fn fact_picker(&self) -> Option<&fact_picker::FactPicker> {
        match &self.open {
            Some(Dialog::FactPicker(picker)) => Some(picker),
            _ => None,
        }
    }

    pub fn fact_picker_mut(&mut self) -> Option<&mut fact_picker::FactPicker> {
        match &mut self.open {
            Some(Dialog::FactPicker(picker)) => Some(picker),
            _ => None,
        }
    }

    /// Opens the dialog asked for (replacing any other), built from the document.
    pub fn open(&mut self, request: DialogRequest, document: &Document) {
        let session = document.session();
        self.open = match request {
            DialogRequest::Shortcuts => Some(Dialog::Shortcuts),
            DialogRequest::About { recovery_file } => {
                Some(Dialog::About(about::About { recovery_file }))
            }
            DialogRequest::Palette => Some(Dialog::Palette(palette::Palette::default())),
            DialogRequest::Export => Some(Dialog::Export(export::Export::new(document))),
            DialogRequest::ArticleDetails(article) => {
                article_details::ArticleDetails::new(document, article).map(Dialog::ArticleDetails)
            }
            DialogRequest::RenameFact(fact) => session.fact(fact).map(|f| {
                Dialog::RenameFact(rename_fact::RenameFact {
                    fact,
                    statement: f.statement.clone(),
                })
            }),
            DialogRequest::PartyAliases(party) => session.party(party).map(|p| {
                Dialog::PartyAliases(party_aliases::PartyAliases {
                    party,
                    text: p.aliases.join("\n"),
                })
            }),
            DialogRequest::RemoveParty(party) => {
                Some(Dialog::RemoveParty(remove_party::RemoveParty {
                    party,
                    reassign_to: None,
                }))
            }
            DialogRequest::PickFact(claim, ranked, note) => Some(Dialog::FactPicker(
                fact_picker::FactPicker::for_claim(claim, ranked, note),
            )),
            DialogRequest::AcceptAll(article, suggestions) => {
                Some(Dialog::AcceptAll(accept_all::AcceptAll {
                    article,
                    suggestions,
                }))
            }
            DialogRequest::Duplicates(duplicates) => {
                Some(Dialog::Duplicates(duplicates::Duplicates { duplicates }))
            }
            DialogRequest::Analyst { then_save } => {
                Some(Dialog::Analyst(analyst::Analyst::new(document, then_save)))
            }
        };
    }

    /// Shows the open dialog, if any.
    pub fn ui(&mut self, ctx: &egui::Context, document: &Document, actions: &mut Vec<Action>) {
        let close = match &mut self.open {
            None => return,
            Some(Dialog::FactPicker(picker)) => picker.ui(ctx, document, actions),
            Some(Dialog::Palette(palette)) => palette.ui(ctx, document, actions),
            Some(dialog) => dialog_ui(ctx, dialog, document, actions),
        };
        if close {
            self.open = None;
        }
    }
}

enum Dialog {
    FactPicker(fact_picker::FactPicker),
    AcceptAll(accept_all::AcceptAll),
    Palette(palette::Palette),
    Shortcuts,
    About(about::About),
    ArticleDetails(article_details::ArticleDetails),
    RenameFact(rename_fact::RenameFact),
    PartyAliases(party_aliases::PartyAliases),
    RemoveParty(remove_party::RemoveParty),
    Duplicates(duplicates::Duplicates),
    Export(export::Export),
    Analyst(analyst::Analyst),
}

pub(super) fn today() -> jiff::civil::Date {
    to_jiff(chrono::Local::now().date_naive())
}

pub fn to_jiff(date: NaiveDate) -> jiff::civil::Date {
    let part = |n: u32| i8::try_from(n).unwrap_or(1);
    jiff::civil::Date::new(
        i16::try_from(date.year()).unwrap_or(2000),
        part(date.month()),
        part(date.day()),
    )
    .unwrap_or_default()
}

pub fn from_jiff(date: jiff::civil::Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        i32::from(date.year()),
        u32::try_from(date.month()).ok()?,
        u32::try_from(date.day()).ok()?,
    )
}

/// The checked items, or none when all are checked ("everything").
fn selected<T: Copy>(list: &[(T, bool)]) -> Vec<T> {
    if list.iter().all(|(_, on)| *on) {
        Vec::new()
    } else {
        list.iter()
            .filter(|(_, on)| *on)
            .map(|(item, _)| *item)
            .collect()
    }
}

/// Shows a dialog in a modal window; whether it closed.
fn dialog_ui(
    ctx: &egui::Context,
    dialog: &mut Dialog,
    document: &Document,
    actions: &mut Vec<Action>,
) -> bool {
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique("dialog")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        close = match dialog {
            Dialog::FactPicker(_) | Dialog::Palette(_) => true,
            Dialog::Shortcuts => {
                shortcuts_ui(ui);
                ui.add_space(6.0);
                ui.button("Close").clicked()
            }
            Dialog::About(dialog) => dialog.ui(ui),
            Dialog::ArticleDetails(dialog) => dialog.ui(ui, document, actions),
            Dialog::RenameFact(dialog) => dialog.ui(ui, document, actions),
            Dialog::PartyAliases(dialog) => dialog.ui(ui, document, actions),
            Dialog::RemoveParty(dialog) => dialog.ui(ui, document, actions),
            Dialog::Duplicates(dialog) => dialog.ui(ui, document, actions),
            Dialog::Export(dialog) => dialog.ui(ui, document, actions),
            Dialog::AcceptAll(dialog) => dialog.ui(ui, document, actions),
            Dialog::Analyst(dialog) => dialog.ui(ui, document, actions),
        };
    });
    close || modal.should_close()
}
