//! The bars above the article: the party buttons that tag the selection, and the find bar.

use egui::{Align, RichText, Stroke, Ui};

use super::{FindBar, Reader};
use crate::history::Document;
use crate::model::{Article, ArticleId, Session};
use crate::ui::actions::{Action, Selection};
use crate::ui::commands::Command;
use crate::ui::theme;

/// One button per party: tags the selection as that party's claim (keys 1–9).
pub fn tag_bar_ui(
    ui: &mut Ui,
    session: &Session,
    selection: &Selection,
    article: ArticleId,
    actions: &mut Vec<Action>,
) {
    let has_selection = selection.text.is_some_and(|s| s.article == article);
    ui.horizontal_wrapped(|ui| {
        ui.label(if has_selection {
            "Tag selection as:"
        } else {
            "Select text, then tag it as:"
        });
        let parties = session.parties();
        let keyed = parties.len().min(crate::ui::commands::PARTY_KEYS);
        for (index, party) in parties[..keyed].iter().enumerate() {
            let key = u8::try_from(index)
                .ok()
                .and_then(|i| Command::TagAs(i).shortcut())
                .map(|s| ui.ctx().format_shortcut(&s));
            let label = match key {
                Some(key) => format!("{key}  {}", party.name),
                None => party.name.clone(),
            };
            let button = egui::Button::new(RichText::new(label).strong())
                .fill(theme::party_colour(party.colour).gamma_multiply(0.35))
                .stroke(Stroke::new(1.5, theme::party_colour(party.colour)));
            let response = ui
                .add_enabled(has_selection, button)
                .on_hover_text(format!(
                    "Tag the selected text as a claim by {}",
                    party.name
                ))
                .on_disabled_hover_text("Select some text in the article first");
            if response.clicked() {
                actions.push(Action::Tag {
                    party: party.id,
                    selection: selection.text,
                });
            }
        }
        // The parties without a key of their own, in a scrolling menu (there may be
        // thousands).
        if parties.len() > keyed {
            let rest = &parties[keyed..];
            ui.add_enabled_ui(has_selection, |ui| {
                ui.menu_button(format!("{} more…", rest.len()), |ui| {
                    let row_height = ui.spacing().interact_size.y;
                    egui::ScrollArea::vertical()
                        .max_height(row_height * 16.0)
                        .show_rows(ui, row_height, rest.len(), |ui, rows| {
                            for party in &rest[rows] {
                                if ui.button(&party.name).clicked() {
                                    actions.push(Action::Tag {
                                        party: party.id,
                                        selection: selection.text,
                                    });
                                    ui.close();
                                }
                            }
                        });
                });
            });
        }
    });
}

/// What the find bar's row asks for.
#[derive(Default)]
struct FindInput {
    close: bool,
    step: i64,
    changed: bool,
}

impl Reader {
    /// The find bar (Ctrl+F): the matches in the article, the current one scrolled to.
    pub(super) fn find_bar_ui(&mut self, ui: &mut Ui, document: &Document, article: &Article) {
        let Some(mut find) = self.find.take() else {
            return;
        };
        let count = self
            .find_matches(article, document.version(), &find.query)
            .len();
        let input = find_row_ui(ui, &mut find, count);
        let matches = self.find_matches(article, document.version(), &find.query);
        if let Ok(count) = i64::try_from(matches.len())
            && count > 0
        {
            let current = i64::try_from(find.current).unwrap_or(0) + input.step;
            find.current = usize::try_from(current.rem_euclid(count)).unwrap_or(0);
            if input.step != 0 || input.changed {
                let start = matches[find.current].start;
                self.reveal = Some((start, Some(Align::Center)));
            }
        }
        if !input.close {
            self.find = Some(find);
        }
    }
}

fn find_row_ui(ui: &mut Ui, find: &mut FindBar, count: usize) -> FindInput {
    let mut input = FindInput::default();
    ui.horizontal(|ui| {
        let field = ui.add(
            egui::TextEdit::singleline(&mut find.query)
                .hint_text("Find in article")
                .desired_width(240.0),
        );
        field.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::SearchInput, true, "Find in article")
        });
        if find.focus {
            field.request_focus();
            find.focus = false;
        }
        if field.changed() {
            find.current = 0;
            input.changed = true;
        }
        if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            input.step = if ui.input(|i| i.modifiers.shift) {
                -1
            } else {
                1
            };
            field.request_focus();
        }
        if field.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            input.close = true;
        }
        if count == 0 {
            if !find.query.is_empty() {
                ui.label(RichText::new("no matches").weak());
            }
        } else {
            ui.label(format!("{} of {count}", find.current.min(count - 1) + 1));
        }
        if ui
            .add_enabled(count > 0, egui::Button::new("Previous"))
            .on_hover_text("Previous match (Shift+Enter)")
            .clicked()
        {
            input.step = -1;
        }
        if ui
            .add_enabled(count > 0, egui::Button::new("Next"))
            .on_hover_text("Next match (Enter)")
            .clicked()
        {
            input.step = 1;
        }
        if ui.button("✖").on_hover_text("Close (Esc)").clicked() {
            input.close = true;
        }
    });
    input
}

/// What the reader shows with no article to show.
pub fn empty_ui(ui: &mut Ui, no_articles: bool) {
    ui.add_space(40.0);
    ui.vertical_centered(|ui| {
        if no_articles {
            ui.heading("No articles yet");
            ui.label(format!(
                "Open articles with File › Open articles… (Ctrl+Shift+O), or drop article files \
                 onto the window ({}).",
                crate::ui::ARTICLE_FORMATS
            ));
        } else {
            ui.heading("No article selected");
            ui.label("Choose an article in the list on the left.");
        }
    });
}

/// Under the party buttons: the suggestion Tab went to (who, why, and its keys), or how
/// many there are and the key that goes to them.
pub fn suggestion_bar_ui(
    ui: &mut Ui,
    session: &Session,
    shown: &crate::ui::suggestions::Shown,
    actions: &mut Vec<Action>,
) {
    if shown.hidden || shown.finding || shown.open.is_empty() {
        return;
    }
    let current = shown.current.and_then(|(found, span)| {
        shown
            .open
            .iter()
            .find(|s| s.span == found)
            .map(|s| (s, span))
    });
    ui.horizontal_wrapped(|ui| {
        let Some((suggestion, span)) = current else {
            ui.label(
                RichText::new(format!(
                    "{}: Tab goes to the next, Shift+Tab back.",
                    crate::ui::actions::count(shown.open.len(), "suggestion", "suggestions")
                ))
                .weak(),
            );
            return;
        };
        let party = suggestion.party.and_then(|p| session.party(p));
        let (name, colour) = party.map_or_else(
            || ("Someone else".to_owned(), ui.visuals().weak_text_color()),
            |p| (p.name.clone(), theme::party_colour(p.colour)),
        );
        ui.label("Suggested:");
        ui.label(RichText::new(name).strong().color(colour));
        ui.label(RichText::new(suggestion.stance.label()).weak());
        let why = format!("{} · {}", suggestion.cue, suggestion.speaker);
        ui.label(RichText::new(crate::ui::suggestions::for_window(&why)).weak())
            .on_hover_text(crate::ui::suggestions::for_window(
                &suggestion.explanation(session),
            ));
        let mut adjusted = suggestion.clone();
        adjusted.span = span;
        let accept = ui.add_enabled(party.is_some(), egui::Button::new("Accept (Enter)").small());
        if accept.clicked() {
            actions.push(Action::AcceptSuggestion {
                suggestion: adjusted.clone(),
                party: None,
            });
        }
        if ui.small_button("Reject (Backspace)").clicked() {
            actions.push(Action::RejectSuggestion(suggestion.clone()));
        }
        ui.label(
            RichText::new("1–9 as another party · Alt+arrows move its edges")
                .small()
                .weak(),
        );
    });
}
