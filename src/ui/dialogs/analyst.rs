//! The analyst's name: asked at the first save of a session that has none, and from
//! Team › Analyst name…. It is recorded with the session and with every claim the analyst
//! makes, so two analysts' work can be compared and merged claim by claim.

use egui::Ui;

use crate::history::Document;
use crate::ui::actions::Action;

pub struct Analyst {
    pub name: String,
    /// Asked at the first save: save once answered (or skipped).
    pub then_save: bool,
    focused: bool,
}

impl Analyst {
    /// The dialog, filled with the session's analyst or else the system's user name.
    pub fn new(document: &Document, then_save: bool) -> Self {
        let current = document.session().analyst();
        let name = if current.is_empty() {
            system_user_name()
        } else {
            current.to_owned()
        };
        Self {
            name,
            then_save,
            focused: false,
        }
    }

    /// Shows the dialog's contents; whether it closed.
    pub fn ui(&mut self, ui: &mut Ui, _document: &Document, actions: &mut Vec<Action>) -> bool {
        let mut close = false;
        ui.heading("Who is tagging?");
        ui.label(
            "Your name is kept with this session and with every claim you make, so your work \
             can be compared with another analyst's and merged with it.",
        );
        ui.add_space(4.0);
        let response = ui.add(
            egui::TextEdit::singleline(&mut self.name)
                .char_limit(crate::model::MAX_NAME_CHARS)
                .hint_text("Your name")
                .desired_width(320.0),
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Analyst"));
        if !self.focused {
            response.request_focus();
            self.focused = true;
        }
        let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            let name = self.name.trim();
            let label = if self.then_save { "Save" } else { "OK" };
            if ui
                .add_enabled(!name.is_empty(), egui::Button::new(label))
                .clicked()
                || (entered && !name.is_empty())
            {
                actions.push(Action::NameAnalyst {
                    name: name.to_owned(),
                    then_save: self.then_save,
                });
                close = true;
            }
            let skip = if self.then_save {
                "Save without a name"
            } else {
                "Cancel"
            };
            if ui.button(skip).clicked() {
                if self.then_save {
                    actions.push(Action::NameAnalyst {
                        name: String::new(),
                        then_save: true,
                    });
                }
                close = true;
            }
        });
        close
    }
}

/// The user's login name, as the system gives it ("" when it does not).
pub fn system_user_name() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_default()
}
