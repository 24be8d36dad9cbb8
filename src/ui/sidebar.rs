//! The left panel: the article list, the party list, and under them the claim inspector
//! and the orphaned claims.

use egui::{RichText, Ui};

use super::actions::{Action, DialogRequest, Selection, TextSource};
use super::commands::Command;
use super::inspector::{Inspector, orphans_ui};
use super::suggestions::Shown;
use super::theme;
use crate::history::Document;
use crate::model::{Edit, Party};

/// The sidebar panel; the inspector in it keeps what is being typed.
#[derive(Default)]
pub struct Sidebar {
    pub inspector: Inspector,
}

impl Sidebar {
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        document: &Document,
        selection: &Selection,
        suggestions: &Shown,
        actions: &mut Vec<Action>,
    ) {
        egui::ScrollArea::vertical()
            .id_salt("sidebar")
            .show(ui, |ui| {
                articles_ui(ui, document, selection, actions);
                ui.separator();
                if selection.article.is_some() {
                    suggestions_ui(ui, document, suggestions, actions);
                    ui.separator();
                }
                parties_ui(ui, document, actions);
                ui.separator();
                self.inspector.ui(ui, document, selection, actions);
                orphans_ui(ui, document, selection, actions);
            });
    }
}

fn articles_ui(ui: &mut Ui, document: &Document, selection: &Selection, actions: &mut Vec<Action>) {
    let session = document.session();
    if section_header_ui(
        ui,
        "Articles",
        "+ Open…",
        "Open article files (Ctrl+Shift+O)",
    ) {
        actions.push(Action::Command(super::commands::Command::OpenArticles));
    }
    if session.articles().is_empty() {
        ui.label(RichText::new("No articles. Open some, or drop files here.").weak());
    }
    for article in session.articles() {
        let selected = selection.article == Some(article.id);
        let claims = document.analysis().claims_in_article(article.id);
        let mut sub = Vec::new();
        if !article.meta.outlet.is_empty() {
            sub.push(article.meta.outlet.clone());
        }
        if let Some(date) = article.meta.published {
            sub.push(date.format("%Y-%m-%d").to_string());
        }
        sub.push(super::actions::count(claims, "claim", "claims"));
        let hover = if article.meta.encoding.is_empty() {
            article.meta.source.clone()
        } else {
            format!("{}\nRead as {}", article.meta.source, article.meta.encoding)
        };
        let response = article_card_ui(ui, selected, &article.meta.title, &sub.join(" · "))
            .on_hover_text(hover);
        if response.clicked() {
            actions.push(Action::SelectArticle(article.id));
        }
        response.context_menu(|ui| {
            if ui.button("Article details…").clicked() {
                actions.push(Action::Open(DialogRequest::ArticleDetails(article.id)));
                ui.close();
            }
            let from_file = std::path::Path::new(&article.meta.source).is_file();
            if ui
                .add_enabled(from_file, egui::Button::new("Read its file again"))
                .on_hover_text(
                    "The outlet changed the story? Claims are placed again by their quotes; \
                     those that cannot be are kept as orphaned.",
                )
                .on_disabled_hover_text("It did not come from a file that is still there.")
                .clicked()
            {
                actions.push(Action::ReplaceText {
                    article: article.id,
                    from: TextSource::SameFile,
                });
                ui.close();
            }
            ui.add_enabled_ui(from_file, |ui| {
                ui.menu_button("Read its file again as", |ui| {
                    for encoding in crate::import::ENCODINGS {
                        let current = article.meta.encoding == encoding;
                        if ui.selectable_label(current, encoding).clicked() {
                            actions.push(Action::ReplaceText {
                                article: article.id,
                                from: TextSource::SameFileAs(encoding),
                            });
                            ui.close();
                        }
                    }
                });
            });
            if ui.button("Replace text from file…").clicked() {
                actions.push(Action::ReplaceText {
                    article: article.id,
                    from: TextSource::PickFile,
                });
                ui.close();
            }
            ui.separator();
            if ui.button("Remove article and its claims").clicked() {
                actions.push(Action::RemoveArticle(article.id));
                ui.close();
            }
        });
    }
}

/// Beyond this many suggestions the list scrolls on its own, only the rows in view built.
const SUGGESTION_ROWS: usize = 8;

/// The shown article's suggestions: how many, accept all, and a row each (click to go to
/// it; ✔ accepts, ✖ rejects).
fn suggestions_ui(ui: &mut Ui, document: &Document, shown: &Shown, actions: &mut Vec<Action>) {
    let session = document.session();
    let open = shown.open.as_slice();
    let title = if shown.hidden {
        "Suggestions hidden".to_owned()
    } else if shown.finding {
        "Finding suggestions…".to_owned()
    } else {
        super::actions::count(open.len(), "suggestion", "suggestions")
    };
    ui.horizontal(|ui| {
        ui.heading(title);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let toggle = if shown.hidden { "Show" } else { "Hide" };
            if ui
                .small_button(toggle)
                .on_hover_text(format!("{} (Alt+S)", Command::ToggleSuggestions.label()))
                .clicked()
            {
                actions.push(Action::Command(Command::ToggleSuggestions));
            }
            let any_party = open.iter().any(|s| s.party.is_some());
            if ui
                .add_enabled(any_party, egui::Button::new("Accept all…").small())
                .on_hover_text("Tag every suggestion that names a party, after a question")
                .clicked()
            {
                actions.push(Action::Command(Command::AcceptAllSuggestions));
            }
        });
    });
    if shown.hidden || shown.finding {
        return;
    }
    if open.is_empty() {
        ui.label(
            RichText::new("None left: every attributed claim found is tagged or rejected.").weak(),
        );
        return;
    }
    ui.label(
        RichText::new("Tab next · Enter accept · 1–9 as party · Backspace reject")
            .small()
            .weak(),
    );
    let row_height = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    // One width for every party's name, so the quotes line up: the widest party name (or
    // "someone else"), at most three tenths of the row, so the quote keeps the rest.
    let name_width = {
        let font = egui::TextStyle::Body.resolve(ui.style());
        let widest = ui.fonts_mut(|fonts| {
            session
                .parties()
                .iter()
                .map(|p| p.name.as_str())
                .chain(["someone else"])
                .map(|name| {
                    fonts
                        .layout_no_wrap(name.to_owned(), font.clone(), egui::Color32::WHITE)
                        .size()
                        .x
                })
                .fold(0.0, f32::max)
        });
        (widest + 2.0).min(ui.available_width() * 0.3).max(40.0)
    };
    egui::ScrollArea::vertical()
        .id_salt("suggestion-list")
        .max_height(row_height * SUGGESTION_ROWS as f32)
        .show_rows(ui, row_height, open.len(), |ui, rows| {
            for index in rows {
                let suggestion = &open[index];
                let party = suggestion.party.and_then(|p| session.party(p));
                let current = shown
                    .current
                    .is_some_and(|(found, _)| found == suggestion.span);
                ui.horizontal(|ui| {
                    let (name, colour) = party.map_or_else(
                        || ("someone else".to_owned(), ui.visuals().weak_text_color()),
                        |p| (p.name.clone(), theme::party_colour(p.colour)),
                    );
                    if ui
                        .small_button("✔")
                        .on_hover_text(format!("Accept as {name}’s claim"))
                        .clicked()
                    {
                        actions.push(Action::AcceptSuggestion {
                            suggestion: suggestion.clone(),
                            party: None,
                        });
                    }
                    if ui.small_button("✖").on_hover_text("Reject").clicked() {
                        actions.push(Action::RejectSuggestion(suggestion.clone()));
                    }
                    ui.allocate_ui_with_layout(
                        egui::vec2(name_width, ui.spacing().interact_size.y),
                        egui::Layout::left_to_right(egui::Align::Center),
                        |ui| {
                            ui.set_min_width(name_width);
                            ui.add(
                                egui::Label::new(RichText::new(name).strong().color(colour))
                                    .truncate(),
                            );
                        },
                    );
                    let quote = session
                        .article(suggestion.article)
                        .and_then(|a| a.text.get(suggestion.span.range()))
                        .unwrap_or("");
                    let padding = 2.0 * ui.spacing().button_padding.x;
                    let quote = format!("“{}”", crate::model::short(quote));
                    let shown = crate::text::one_line(
                        ui,
                        &quote,
                        (ui.available_width() - padding).max(24.0),
                        &egui::TextStyle::Button,
                        ui.visuals().text_color(),
                    );
                    let row = ui.add(egui::Button::selectable(current, shown).truncate());
                    // A screen reader reads the quote in reading order (a galley laid out
                    // here holds its words in the order they are drawn).
                    row.widget_info(|| {
                        egui::WidgetInfo::selected(egui::Role::Button, true, current, &quote)
                    });
                    let row = row.on_hover_text(super::suggestions::for_window(
                        &suggestion.explanation(session),
                    ));
                    if row.clicked() {
                        actions.push(Action::GoToSuggestion(suggestion.clone()));
                    }
                });
            }
        });
}

/// A sidebar heading with a button at the right; whether the button was clicked.
fn section_header_ui(ui: &mut Ui, title: &str, button: &str, hint: &str) -> bool {
    ui.horizontal(|ui| {
        ui.heading(title);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.button(button).on_hover_text(hint).clicked()
        })
        .inner
    })
    .inner
}

/// Beyond this many parties the list scrolls on its own, one line a party (aliases in the
/// tooltip), and only the lines in view are built.
const LONG_PARTY_LIST: usize = 12;

fn parties_ui(ui: &mut Ui, document: &Document, actions: &mut Vec<Action>) {
    let session = document.session();
    if section_header_ui(ui, "Parties", "+ Add", "Add a party") {
        actions.push(Action::AddParty);
    }
    let parties = session.parties();
    if parties.len() > LONG_PARTY_LIST {
        let row_height = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
        egui::ScrollArea::vertical()
            .id_salt("party-list")
            .max_height(row_height * 12.0)
            .show_rows(ui, row_height, parties.len(), |ui, rows| {
                for index in rows {
                    party_row_ui(ui, document, actions, index);
                }
            });
        return;
    }
    for (index, party) in parties.iter().enumerate() {
        party_row_ui(ui, document, actions, index);
        if !party.aliases.is_empty() {
            ui.add(
                egui::Label::new(
                    RichText::new(format!("   also: {}", party.aliases.join(", ")))
                        .small()
                        .weak(),
                )
                .truncate(),
            )
            .on_hover_text(party.aliases.join("\n"));
        }
    }
}

/// A party's line: colour, key, name (edited in place), claim count and its menu.
fn party_row_ui(ui: &mut Ui, document: &Document, actions: &mut Vec<Action>, index: usize) {
    let party = &document.session().parties()[index];
    ui.horizontal(|ui| {
        let mut colour = theme::party_colour(party.colour);
        let picker = ui
            .color_edit_button_srgba(&mut colour)
            .on_hover_text(format!("Colour of {}", party.name));
        if picker.changed() {
            let [r, g, b, _] = colour.to_array();
            actions.push(Action::Edit {
                label: format!("Recolour {}", party.name),
                edit: Edit::ReplaceParty(Party {
                    colour: crate::model::Rgb([r, g, b]),
                    ..party.clone()
                }),
            });
        }
        let key = u8::try_from(index)
            .ok()
            .and_then(|i| super::commands::Command::TagAs(i).shortcut())
            .map_or(String::new(), |s| ui.ctx().format_shortcut(&s));
        ui.label(RichText::new(key).monospace().weak());
        let name_id = ui.make_persistent_id(("party-name", party.id));
        let mut name = ui
            .data(|d| d.get_temp::<String>(name_id))
            .unwrap_or_else(|| party.name.clone());
        let count = document.analysis().claims_by_party(party.id).to_string();
        // Room for the count and the menu button after the name, however many digits.
        let reserve = 48.0 + 8.0 * count.len() as f32;
        let edit = ui.add(
            egui::TextEdit::singleline(&mut name)
                .char_limit(crate::model::MAX_NAME_CHARS)
                .desired_width(ui.available_width() - reserve)
                .hint_text("Party name"),
        );
        edit.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::TextInput,
                true,
                format!("Name of party {}", index + 1),
            )
        });
        if edit.has_focus() {
            ui.data_mut(|d| d.insert_temp(name_id, name.clone()));
        } else {
            ui.data_mut(|d| d.remove::<String>(name_id));
        }
        if edit.lost_focus() && !name.trim().is_empty() && name.trim() != party.name {
            actions.push(Action::Edit {
                label: format!("Rename {} to {}", party.name, name.trim()),
                edit: Edit::ReplaceParty(Party {
                    name: name.trim().to_owned(),
                    ..party.clone()
                }),
            });
        }
        ui.label(RichText::new(count).weak())
            .on_hover_text("Claims by this party");
        ui.menu_button("…", |ui| {
            party_menu_ui(ui, document, actions, index);
        })
        .response
        .on_hover_text(format!(
            "More for {}: order, other names, remove",
            party.name
        ));
    });
}

/// One row of the article list: title over outlet, date and claim count; clickable.
fn article_card_ui(ui: &mut Ui, selected: bool, title: &str, sub: &str) -> egui::Response {
    let builder = egui::UiBuilder::new().sense(egui::Sense::click());
    let inner = ui.scope_builder(builder, |ui| {
        let visuals = ui.visuals().clone();
        let response = ui.response();
        let fill = if selected {
            visuals.selection.bg_fill
        } else if response.hovered() {
            visuals.widgets.hovered.weak_bg_fill
        } else {
            egui::Color32::TRANSPARENT
        };
        egui::Frame::new()
            .fill(fill)
            .corner_radius(4.0)
            .inner_margin(egui::Margin::symmetric(6, 4))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                if crate::text::has_rtl(title) {
                    let width = ui.available_width();
                    let colour = ui.visuals().strong_text_color();
                    let laid = crate::text::styled(
                        ui,
                        title.to_owned(),
                        width,
                        &egui::TextStyle::Body,
                        colour,
                    );
                    crate::text::add(ui, egui::Label::new(laid).selectable(false), title);
                } else {
                    ui.add(
                        egui::Label::new(RichText::new(title).strong())
                            .truncate()
                            .selectable(false),
                    );
                }
                ui.add(
                    egui::Label::new(RichText::new(sub).small().weak())
                        .truncate()
                        .selectable(false),
                );
            });
    });
    let response = inner.response;
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, title));
    response
}

fn party_menu_ui(ui: &mut Ui, document: &Document, actions: &mut Vec<Action>, index: usize) {
    let session = document.session();
    let party = &session.parties()[index];
    for (up, label) in [(true, "Move up"), (false, "Move down")] {
        let change = session.move_party(party.id, up);
        let enabled = change.is_some();
        if ui.add_enabled(enabled, egui::Button::new(label)).clicked()
            && let Some(change) = change
        {
            actions.push(Action::Edit {
                label: change.label,
                edit: change.edit,
            });
            ui.close();
        }
    }
    if ui.button("Other names…").clicked() {
        actions.push(Action::Open(DialogRequest::PartyAliases(party.id)));
        ui.close();
    }
    ui.separator();
    if ui.button("Remove party…").clicked() {
        actions.push(Action::Open(DialogRequest::RemoveParty(party.id)));
        ui.close();
    }
}
