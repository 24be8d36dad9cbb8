//! A filter field over a list chosen with Up/Down and Enter: the fact picker and the command
//! palette both are one.

use egui::{Key, Ui};

/// What is typed and which entry is highlighted.
#[derive(Clone, Debug, Default)]
pub struct Chooser {
    pub query: String,
    pub highlighted: usize,
    /// The field has had the keyboard once (it takes it when the list opens).
    opened: bool,
}

/// The list keys pressed this frame.
#[derive(Clone, Copy, Debug, Default)]
pub struct Keys {
    pub up: bool,
    pub down: bool,
    pub enter: bool,
}

impl Keys {
    /// Whether the highlight moved (the highlighted entry scrolls into view).
    pub fn moved(self) -> bool {
        self.up || self.down
    }
}

impl Chooser {
    /// Takes Up, Down and Enter before the field sees them, and moves the highlight within
    /// `choices` entries.
    pub fn keys(&mut self, ctx: &egui::Context, choices: usize) -> Keys {
        let keys = ctx.input_mut(|i| Keys {
            down: i.consume_key(egui::Modifiers::NONE, Key::ArrowDown),
            up: i.consume_key(egui::Modifiers::NONE, Key::ArrowUp),
            enter: i.consume_key(egui::Modifiers::NONE, Key::Enter),
        });
        let last = choices.saturating_sub(1);
        if keys.down {
            self.highlighted += 1;
        }
        if keys.up {
            self.highlighted = self.highlighted.saturating_sub(1);
        }
        self.highlighted = self.highlighted.min(last);
        keys
    }

    /// The filter field: it has the keyboard when the list opens, and typing highlights the
    /// first entry again.
    pub fn field(&mut self, ui: &mut Ui, hint: &str, role: egui::Role, name: &str) {
        let field = ui.add(
            egui::TextEdit::singleline(&mut self.query)
                .hint_text(hint)
                .desired_width(f32::INFINITY),
        );
        field.widget_info(|| egui::WidgetInfo::labeled(role, true, name));
        if !self.opened {
            field.request_focus();
            self.opened = true;
        }
        if field.changed() {
            self.highlighted = 0;
        }
    }
}
