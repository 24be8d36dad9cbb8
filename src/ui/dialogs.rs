//! The app's small modal windows: article details, renaming a fact, a party's aliases,
//! removing a party, the fact picker and the shortcuts sheet. Each reads the document and
//! pushes actions; none changes anything by itself.

use chrono::{Datelike, NaiveDate};
use egui::{Key, RichText, Ui};

use super::commands::{Command, Group, PARTY_KEYS};
use super::state::{Action, FactPicker, ViewState};
use crate::export::{ExportOptions, Format};
use crate::history::Document;
use crate::model::search::fuzzy_score;
use crate::model::{ArticleId, ArticleMeta, Edit, Fact, FactId, FactStatus, Party, PartyId};

pub enum Dialog {
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
    pub fn export(document: &Document) -> Self {
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

    pub fn article_details(document: &Document, article: ArticleId) -> Option<Self> {
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

/// Shows the open dialog, if any. Returns `false` when it closed.
pub fn dialog_ui(
    ctx: &egui::Context,
    view: &mut ViewState,
    document: &Document,
    actions: &mut Vec<Action>,
) {
    let Some(dialog) = &mut view.dialog else {
        return;
    };
    let session = document.session();
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique("dialog")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        match dialog {
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
                        "{name} has {claims} claim(s). What should happen to them?"
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
    if close || modal.should_close() {
        view.dialog = None;
    }
}

/// The fuzzy fact picker: type to filter, ↑/↓ to choose, Enter to link, Esc to close.
pub fn fact_picker_ui(
    ctx: &egui::Context,
    view: &mut ViewState,
    document: &Document,
    actions: &mut Vec<Action>,
) {
    let Some(picker) = &mut view.fact_picker else {
        return;
    };
    let session = document.session();
    let Some(claim) = picker.claim.and_then(|c| session.claim(c)) else {
        view.fact_picker = None;
        return;
    };
    let mut matches: Vec<(i64, &Fact)> = session
        .facts()
        .iter()
        .filter_map(|fact| fuzzy_score(&picker.query, &fact.statement).map(|score| (score, fact)))
        .collect();
    if !picker.query.trim().is_empty() {
        matches.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    }
    let typed = picker.query.trim().to_owned();
    let can_create = !typed.is_empty()
        && !session
            .facts()
            .iter()
            .any(|f| f.statement.eq_ignore_ascii_case(&typed));
    let choices = matches.len() + usize::from(can_create);
    let (down, up, enter) = ctx.input_mut(|i| {
        (
            i.consume_key(egui::Modifiers::NONE, Key::ArrowDown),
            i.consume_key(egui::Modifiers::NONE, Key::ArrowUp),
            i.consume_key(egui::Modifiers::NONE, Key::Enter),
        )
    });
    if down {
        picker.highlighted = (picker.highlighted + 1).min(choices.saturating_sub(1));
    }
    if up {
        picker.highlighted = picker.highlighted.saturating_sub(1);
    }
    picker.highlighted = picker.highlighted.min(choices.saturating_sub(1));
    let mut chosen: Option<Option<FactId>> = None;
    let mut create = false;
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique("fact-picker")).show(ctx, |ui| {
        ui.set_width(480.0);
        ui.heading("Link claim to fact");
        ui.label(
            RichText::new(format!("“{}”", crate::model::short(&claim.anchor.quote)))
                .italics()
                .weak(),
        );
        let field = ui.add(
            egui::TextEdit::singleline(&mut picker.query)
                .hint_text("Type to filter, or a new statement…")
                .desired_width(f32::INFINITY),
        );
        field.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Find fact"));
        if !picker.opened {
            field.request_focus();
            picker.opened = true;
        }
        if field.changed() {
            picker.highlighted = 0;
        }
        egui::ScrollArea::vertical()
            .max_height(300.0)
            .show(ui, |ui| {
                for (index, (_, fact)) in matches.iter().enumerate() {
                    let status = document.analysis().status(fact.id);
                    let text = format!(
                        "{} {}",
                        super::theme::status_symbol(Some(status)),
                        fact.statement
                    );
                    let response = ui.selectable_label(picker.highlighted == index, text);
                    if picker.highlighted == index && (up || down) {
                        response.scroll_to_me(None);
                    }
                    if response.clicked() || (enter && picker.highlighted == index) {
                        chosen = Some(Some(fact.id));
                    }
                }
                if can_create {
                    let index = matches.len();
                    let response = ui.selectable_label(
                        picker.highlighted == index,
                        format!("+ New fact: “{typed}”"),
                    );
                    if response.clicked() || (enter && picker.highlighted == index) {
                        create = true;
                    }
                }
                if matches.is_empty() && !can_create {
                    ui.label(RichText::new("No facts yet: type a statement to create one.").weak());
                }
            });
        ui.horizontal(|ui| {
            if claim.fact.is_some() && ui.button("Unlink").clicked() {
                chosen = Some(None);
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
            ui.label(
                RichText::new("Up/Down choose · Enter link · Esc close")
                    .small()
                    .weak(),
            );
        });
    });
    if let Some(fact) = chosen {
        if fact != claim.fact {
            let mut linked = claim.clone();
            linked.fact = fact;
            linked.modified = chrono::Utc::now();
            actions.push(Action::Edit {
                label: if fact.is_some() {
                    "Link claim to fact"
                } else {
                    "Unlink claim from fact"
                }
                .into(),
                edit: Edit::ReplaceClaim(linked),
            });
        }
        close = true;
    }
    if create {
        actions.push(Action::NewFactForClaim {
            claim: claim.id,
            statement: typed,
        });
        close = true;
    }
    if close || modal.should_close() {
        view.fact_picker = None;
    }
}

impl FactPicker {
    pub fn for_claim(claim: crate::model::ClaimId) -> Self {
        Self {
            claim: Some(claim),
            ..Self::default()
        }
    }
}

/// Every shortcut, grouped, from the same table the menus and key handling use.
pub fn shortcuts_ui(ui: &mut Ui) {
    ui.heading("Keyboard shortcuts");
    ui.label(
        RichText::new("Single-key shortcuts work while no text field has the keyboard (the article text does not count).")
            .small()
            .weak(),
    );
    egui::ScrollArea::vertical()
        .max_height(520.0)
        .show(ui, |ui| {
            for group in [Group::Claim, Group::Edit, Group::File, Group::View] {
                ui.add_space(6.0);
                ui.label(RichText::new(group.label()).strong());
                egui::Grid::new(("shortcuts", group.label()))
                    .num_columns(2)
                    .striped(true)
                    .show(ui, |ui| {
                        if group == Group::Claim {
                            ui.label(
                                RichText::new(format!(
                                    "{}–{}",
                                    PARTY_KEYS[0].name(),
                                    PARTY_KEYS[8].name()
                                ))
                                .monospace(),
                            );
                            ui.label("Tag the selected text as party 1–9");
                            ui.end_row();
                        }
                        for command in Command::ALL.into_iter().filter(|c| c.group() == group) {
                            let keys = command
                                .shortcut()
                                .map(|s| ui.ctx().format_shortcut(&s))
                                .unwrap_or_default();
                            ui.label(RichText::new(keys).monospace());
                            ui.label(command.label());
                            ui.end_row();
                        }
                        if group == Group::View {
                            ui.label(RichText::new("?").monospace());
                            ui.label("Keyboard shortcuts (also F1)");
                            ui.end_row();
                        }
                    });
            }
        });
}
