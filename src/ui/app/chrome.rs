//! The window's chrome: the menus and the key handling (both read the command table), the
//! unsaved-changes question, the drop overlay and the window title.

use std::ops::Not as _;
use std::path::{Path, PathBuf};

use egui::{Key, Ui};

use super::RashomonApp;
use crate::storage;
use crate::ui::actions::Action;
use crate::ui::commands::{Availability, Command, Group, Trigger};
use crate::ui::tasks::AfterSave;

impl RashomonApp {
    /// What the menus grey out.
    fn availability(&self) -> Availability {
        Availability {
            has_article: self.selection.article.is_some(),
            has_claim: self
                .selection
                .claim
                .is_some_and(|c| self.document.session().claim(c).is_some()),
            has_selection: self.selection.text.is_some(),
            can_undo: self.document.undo_label().is_some(),
            can_redo: self.document.redo_label().is_some(),
            parties: self.document.session().parties().len(),
            has_suggestion: self.current_suggestion().is_some(),
            comparing: self.team.is_open(),
            has_disagreement: self.has_disagreement(),
        }
    }

    /// Runs the commands whose keys were pressed this frame, from the command table.
    pub(super) fn handle_keys(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        if let Some(typed) = self.swallow_next.take() {
            swallow_text(ctx, &typed);
        }
        if self.confirm.is_some()
            || self.offers_recovery()
            || self.dialogs.is_open()
            || self.tasks.is_asking()
        {
            return;
        }
        let focused = ctx.memory(egui::Memory::focused);
        let typing = focused.is_some_and(|id| Some(id) != self.reader.text_id());
        // The more specific shortcuts first, so Ctrl+Z does not eat Ctrl+Shift+Z, nor 2 eat
        // Alt+2 (egui matches a shortcut's keys ignoring extra Shift and Alt).
        let mut triggers: Vec<(Trigger, Command)> = Command::all()
            .flat_map(|command| command.triggers().into_iter().map(move |t| (t, command)))
            .collect();
        triggers.sort_by_key(|(trigger, _)| {
            std::cmp::Reverse(match trigger {
                Trigger::Key(shortcut) => {
                    let m = shortcut.modifiers;
                    u8::from(m.shift) + u8::from(m.alt) + u8::from(m.command || m.ctrl)
                }
                Trigger::Typed(_) => 0,
            })
        });
        let has_suggestion = self.current_suggestion().is_some();
        for (trigger, command) in triggers {
            if command.yields_to_text_fields() && typing {
                continue;
            }
            // Enter and Backspace act on a suggestion only when Tab went to one.
            if matches!(
                command,
                Command::AcceptSuggestion | Command::RejectSuggestion
            ) && !has_suggestion
            {
                continue;
            }
            // Esc closes the find bar first (the bar handles it).
            if command == Command::Deselect && self.reader.find_is_open() {
                continue;
            }
            let fired = match trigger {
                Trigger::Key(shortcut) => {
                    let fired = ctx.input_mut(|i| i.consume_shortcut(&shortcut));
                    if fired && shortcut.logical_key == Key::Tab {
                        // Tab goes to a suggestion, not to the next button.
                        ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
                    }
                    let types_nothing =
                        matches!(shortcut.logical_key, Key::Tab | Key::Enter | Key::Backspace);
                    if fired && shortcut.modifiers == egui::Modifiers::NONE && !types_nothing {
                        // The reader would take the key's text as typing and drop its selection.
                        self.swallow_next = swallow_typed_text(ctx, shortcut.logical_key);
                    }
                    fired
                }
                Trigger::Typed(text) => swallow_text(ctx, text),
            };
            if fired {
                actions.push(Action::Command(command));
            }
        }
    }

    /// One menu per command group, each listing the group's commands from the table.
    pub(super) fn menu_ui(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        let now = self.availability();
        egui::MenuBar::new().ui(ui, |ui| {
            for group in Group::ALL {
                ui.menu_button(group.label(), |ui| {
                    for command in Command::all().filter(|c| c.group() == group) {
                        if matches!(command, Command::TagAs(i) if usize::from(i) >= now.parties) {
                            continue;
                        }
                        if command.starts_section() {
                            ui.separator();
                        }
                        if self.command_button(ui, command, &now) {
                            actions.push(Action::Command(command));
                        }
                        if command == Command::OpenArticles {
                            self.recent_menu_ui(ui, actions);
                        }
                    }
                    if group == Group::View {
                        ui.separator();
                        egui::widgets::global_theme_preference_buttons(ui);
                    }
                });
            }
        });
    }

    /// A menu item for a command: its title, its keys, greyed out when it can do nothing.
    fn command_button(&self, ui: &mut Ui, command: Command, now: &Availability) -> bool {
        let title = match command {
            Command::Undo => self
                .document
                .undo_label()
                .map_or_else(|| "Undo".to_owned(), |l| format!("Undo {l}")),
            Command::Redo => self
                .document
                .redo_label()
                .map_or_else(|| "Redo".to_owned(), |l| format!("Redo {l}")),
            Command::ShowNarratives | Command::ShowByFact | Command::ShowMatrix => {
                format!("Comparison: {}", command.label())
            }
            _ => command.title(self.document.session().parties()),
        };
        let keys = command.keys_text(ui.ctx());
        let button = egui::Button::new(title).shortcut_text(keys);
        ui.add_enabled(command.enabled(now), button).clicked()
    }

    fn recent_menu_ui(&self, ui: &mut Ui, actions: &mut Vec<Action>) {
        ui.add_enabled_ui(!self.settings.recent.is_empty(), |ui| {
            ui.menu_button("Open recent", |ui| {
                for path in &self.settings.recent {
                    if ui
                        .button(file_name(path))
                        .on_hover_text(path.display().to_string())
                        .clicked()
                    {
                        actions.push(Action::OpenSession(path.clone()));
                    }
                }
            });
        });
    }

    pub(super) fn confirm_ui(&mut self, ctx: &egui::Context) {
        let Some(pending) = self.confirm.clone() else {
            return;
        };
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
            ui.set_max_width(380.0);
            ui.heading("Unsaved changes");
            ui.label(format!(
                "“{}” has changes that are not saved. Save them before {}?",
                self.document.display_name(),
                pending.verb()
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    choice = Some(0);
                }
                if ui.button("Don't save").clicked() {
                    choice = Some(1);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                    choice = Some(2);
                }
            });
        });
        match choice {
            Some(0) => {
                self.confirm = None;
                self.save(AfterSave::Continue(pending));
            }
            Some(1) => {
                self.confirm = None;
                self.perform(pending);
            }
            Some(_) => self.confirm = None,
            None => {}
        }
    }

    pub(super) fn drop_ui(&mut self, ctx: &egui::Context) {
        let hovering = ctx.input(|i| !i.raw.hovered_files.is_empty());
        if hovering {
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop-overlay"),
            ));
            let rect = ctx.content_rect();
            painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(160));
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                format!(
                    "Drop articles ({}) or a .rashomon session",
                    crate::ui::ARTICLE_FORMATS
                ),
                egui::FontId::proportional(24.0),
                egui::Color32::WHITE,
            );
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.open_paths(dropped);
        }
    }

    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let title = format!(
            "{}{} — Rashomon",
            self.document.display_name(),
            if self.document.is_dirty() { " •" } else { "" }
        );
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}

/// Removes the text a bare-key shortcut would also type, so no text field sees it. Returns
/// the text if it was not in this frame (some platforms send it a frame later).
fn swallow_typed_text(ctx: &egui::Context, key: Key) -> Option<String> {
    let typed = key.symbol_or_name().to_lowercase();
    swallow_text(ctx, &typed).not().then_some(typed)
}

/// Removes typed `text` from this frame's events; whether there was any.
fn swallow_text(ctx: &egui::Context, typed: &str) -> bool {
    ctx.input_mut(|i| {
        let before = i.events.len();
        i.events.retain(
            |event| !matches!(event, egui::Event::Text(text) if text.to_lowercase() == typed),
        );
        i.events.len() != before
    })
}

pub(super) fn is_session_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(storage::EXTENSION))
}

pub(super) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
