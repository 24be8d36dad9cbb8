//! The app's modal windows: article details, renaming a fact, a party's aliases, removing a
//! party, duplicates, export, the fact picker, the command palette and the shortcut sheet.
//! Panels ask for one with [`DialogRequest`]; each reads the document and pushes actions;
//! none changes anything by itself.

mod fact_picker;
mod palette;
mod shortcuts;

use chrono::{Datelike, NaiveDate};
use egui::RichText;

use super::actions::{Action, DialogRequest};
use crate::export::{ExportOptions, Format};
use crate::history::Document;
use crate::model::{ArticleId, ArticleMeta, Edit, Fact, FactId, FactStatus, Party, PartyId};

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

    /// Opens the dialog asked for (replacing any other), built from the document.
    pub fn open(&mut self, request: DialogRequest, document: &Document) {
        let session = document.session();
        self.open = match request {
            DialogRequest::Shortcuts => Some(Dialog::Shortcuts),
            DialogRequest::Palette => Some(Dialog::Palette(palette::Palette::default())),
            DialogRequest::Export => Some(Dialog::export(document)),
            DialogRequest::ArticleDetails(article) => Dialog::article_details(document, article),
            DialogRequest::RenameFact(fact) => session.fact(fact).map(|f| Dialog::RenameFact {
                fact,
                statement: f.statement.clone(),
            }),
            DialogRequest::PartyAliases(party) => {
                session.party(party).map(|p| Dialog::PartyAliases {
                    party,
                    text: p.aliases.join("\n"),
                })
            }
            DialogRequest::RemoveParty(party) => Some(Dialog::RemoveParty {
                party,
                reassign_to: None,
            }),
            DialogRequest::PickFact(claim) => Some(Dialog::FactPicker(
                fact_picker::FactPicker::for_claim(claim),
            )),
            DialogRequest::Duplicates(duplicates) => Some(Dialog::Duplicates { duplicates }),
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
    Palette(palette::Palette),
    Shortcuts,
    ArticleDetails {
        article: ArticleId,
        title: String,
        outlet: String,
        dated: bool,
        date: jiff::civil::Date,
    },
    RenameFact {
        fact: FactId,
        statement: String,
    },
    PartyAliases {
        party: PartyId,
        text: String,
    },
    RemoveParty {
        party: PartyId,
        reassign_to: Option<PartyId>,
    },
    /// Articles whose text is already in the session: add them anyway, or skip them.
    Duplicates {
        duplicates: Vec<(crate::import::ImportedArticle, String)>,
    },
    Export {
        format: Format,
        parties: Vec<(PartyId, bool)>,
        statuses: Vec<(FactStatus, bool)>,
        articles: Vec<(ArticleId, bool)>,
        notes: bool,
        title: String,
    },
}

impl Dialog {
    /// The export dialog, with everything selected.
    fn export(document: &Document) -> Self {
        let session = document.session();
        let name = document.display_name();
        let stem = name.strip_suffix(".rashomon").unwrap_or(&name);
        Self::Export {
            format: Format::Html,
            parties: session.parties().iter().map(|p| (p.id, true)).collect(),
            statuses: FactStatus::ALL.iter().map(|s| (*s, true)).collect(),
            articles: session.articles().iter().map(|a| (a.id, true)).collect(),
            notes: true,
            title: format!("Rashomon comparison: {stem}"),
        }
    }

    fn article_details(document: &Document, article: ArticleId) -> Option<Self> {
        let meta = &document.session().article(article)?.meta;
        Some(Self::ArticleDetails {
            article,
            title: meta.title.clone(),
            outlet: meta.outlet.clone(),
            dated: meta.published.is_some(),
            date: meta.published.map_or_else(today, to_jiff),
        })
    }
}

fn today() -> jiff::civil::Date {
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

/// Shows a dialog; whether it closed.
#[expect(
    clippy::too_many_lines,
    reason = "one arm per small dialog, each a list of its widgets; to be split into a file each"
)]
fn dialog_ui(
    ctx: &egui::Context,
    dialog: &mut Dialog,
    document: &Document,
    actions: &mut Vec<Action>,
) -> bool {
    let session = document.session();
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique("dialog")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        match dialog {
            Dialog::FactPicker(_) | Dialog::Palette(_) => close = true,
            Dialog::Shortcuts => {
                shortcuts_ui(ui);
                ui.add_space(6.0);
                if ui.button("Close").clicked() {
                    close = true;
                }
            }
            Dialog::ArticleDetails {
                article,
                title,
                outlet,
                dated,
                date,
            } => {
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
                                ui.add(
                                    egui_extras::DatePickerButton::new(date)
                                        .id_salt("article-date"),
                                );
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
            }
            Dialog::RenameFact { fact, statement } => {
                ui.heading("Rename fact");
                let response = ui.add(
                    egui::TextEdit::multiline(statement)
                        .desired_rows(2)
                        .desired_width(420.0),
                );
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Fact statement")
                });
                ui.horizontal(|ui| {
                    let valid = !statement.trim().is_empty();
                    if ui.add_enabled(valid, egui::Button::new("Rename")).clicked() {
                        actions.push(Action::Edit {
                            label: "Rename fact".into(),
                            edit: Edit::ReplaceFact(Fact {
                                id: *fact,
                                statement: statement.trim().to_owned(),
                            }),
                        });
                        close = true;
                    }
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
            }
            Dialog::PartyAliases { party, text } => {
                let name = session.party(*party).map_or("", |p| p.name.as_str());
                ui.heading(format!("Other names for {name}"));
                ui.label(
                    "One per line: how articles refer to this party (capital, ministry, leader…).",
                );
                let response = ui.add(
                    egui::TextEdit::multiline(text)
                        .desired_rows(6)
                        .desired_width(420.0),
                );
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Aliases")
                });
                ui.horizontal(|ui| {
                    if ui.button("Save aliases").clicked() {
                        if let Some(found) = session.party(*party) {
                            let aliases: Vec<String> = text
                                .lines()
                                .map(str::trim)
                                .filter(|l| !l.is_empty())
                                .map(str::to_owned)
                                .collect();
                            if aliases != found.aliases {
                                actions.push(Action::Edit {
                                    label: format!("Edit aliases of {}", found.name),
                                    edit: Edit::ReplaceParty(Party {
                                        aliases,
                                        ..found.clone()
                                    }),
                                });
                            }
                        }
                        close = true;
                    }
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
            }
            Dialog::Export {
                format,
                parties,
                statuses,
                articles,
                notes,
                title,
            } => {
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
            }
            Dialog::RemoveParty { party, reassign_to } => {
                let name = session
                    .party(*party)
                    .map_or("", |p| p.name.as_str())
                    .to_owned();
                let claims = document.analysis().claims_by_party(*party);
                ui.heading(format!("Remove {name}?"));
                if claims > 0 {
                    ui.label(format!(
                        "{name} has {}. What should happen to them?",
                        super::actions::count(claims, "claim", "claims")
                    ));
                    ui.radio_value(reassign_to, None, "Delete them with the party");
                    for other in session.parties().iter().filter(|p| p.id != *party) {
                        ui.radio_value(
                            reassign_to,
                            Some(other.id),
                            format!("Give them to {}", other.name),
                        );
                    }
                } else {
                    ui.label(format!("{name} has no claims."));
                }
                ui.horizontal(|ui| {
                    if ui
                        .button(RichText::new("Remove party").color(ui.visuals().error_fg_color))
                        .clicked()
                    {
                        actions.push(Action::Edit {
                            label: format!("Remove party {name}"),
                            edit: session.remove_party_edit(*party, *reassign_to),
                        });
                        close = true;
                    }
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
            }
            Dialog::Duplicates { duplicates } => {
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
                ui.label(
                    RichText::new("Adding it again makes a second copy with its own claims.")
                        .weak(),
                );
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
            }
        }
    });
    close || modal.should_close()
}
