//! Messages to the user, shown in the window without blocking it: errors stay until
//! dismissed, the rest fade after a while.

use std::time::Duration;

use super::theme;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

#[derive(Clone, Debug)]
pub struct Notification {
    pub level: Level,
    pub text: String,
    pub details: Vec<String>,
    /// A button that opens a file (an exported report) in its default application.
    pub open: Option<(String, std::path::PathBuf)>,
    /// Seconds left before it goes away by itself; errors do not.
    remaining: Option<f32>,
}

#[derive(Default)]
pub struct Notifications {
    list: Vec<Notification>,
}

const SHOW_FOR: Duration = Duration::from_secs(8);

impl Notifications {
    pub fn info(&mut self, text: impl Into<String>) {
        self.push(Level::Info, text.into(), Vec::new());
    }

    /// An info message with a button that opens `path` in the system's default application.
    pub fn info_with_action(
        &mut self,
        text: impl Into<String>,
        label: &str,
        path: std::path::PathBuf,
    ) {
        self.push(Level::Info, text.into(), Vec::new());
        if let Some(last) = self.list.last_mut() {
            last.open = Some((label.to_owned(), path));
            last.remaining = Some(SHOW_FOR.as_secs_f32() * 2.0);
        }
    }

    /// An information with a list under it (shown on request, one item per line).
    pub fn info_with_details(&mut self, text: impl Into<String>, details: Vec<String>) {
        self.push(Level::Info, text.into(), details);
    }

    pub fn warning(&mut self, text: impl Into<String>, details: Vec<String>) {
        self.push(Level::Warning, text.into(), details);
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.push(Level::Error, text.into(), Vec::new());
    }

    fn push(&mut self, level: Level, text: String, details: Vec<String>) {
        let remaining = (level != Level::Error).then(|| SHOW_FOR.as_secs_f32());
        // The same message again (a file reloaded twice) is shown once, for longer.
        self.list
            .retain(|n| !(n.level == level && n.text == text && n.details == details));
        self.list.push(Notification {
            level,
            text,
            details,
            open: None,
            remaining,
        });
        // Keep the window tidy: only the newest few.
        if self.list.len() > 5 {
            self.list.remove(0);
        }
    }

    pub fn all(&self) -> &[Notification] {
        &self.list
    }

    /// Shows the messages stacked in the bottom-right corner, above the status bar.
    pub fn ui(&mut self, ctx: &egui::Context) {
        if self.list.is_empty() {
            return;
        }
        let dt = ctx.input(|i| i.stable_dt).min(0.1);
        let hovered = ctx.is_pointer_over_egui()
            && ctx
                .pointer_hover_pos()
                .is_some_and(|p| p.x > ctx.content_rect().right() - 440.0);
        let mut dismissed = None;
        let mut failed_open = None;
        egui::Area::new(egui::Id::unique("notifications"))
            .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -36.0))
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                ui.set_max_width(420.0);
                for (index, note) in self.list.iter().enumerate() {
                    let visuals = ui.visuals().clone();
                    let accent = match note.level {
                        Level::Info => visuals.hyperlink_color,
                        Level::Warning => theme::warning_colour(&visuals),
                        Level::Error => theme::error_colour(&visuals),
                    };
                    egui::Frame::popup(ui.style())
                        .stroke(egui::Stroke::new(1.5, accent))
                        .show(ui, |ui| {
                            ui.horizontal_top(|ui| {
                                let icon = match note.level {
                                    Level::Info => "ℹ",
                                    Level::Warning => "⚠",
                                    Level::Error => "⛔",
                                };
                                ui.colored_label(accent, icon);
                                ui.vertical(|ui| {
                                    ui.set_max_width(350.0);
                                    ui.label(&note.text);
                                    if let Some((label, path)) = &note.open
                                        && ui.button(label).clicked()
                                        && let Err(error) = open::that_detached(path)
                                    {
                                        failed_open = Some(format!(
                                            "Could not open {}: {error}",
                                            path.display()
                                        ));
                                    }
                                    if !note.details.is_empty() {
                                        ui.collapsing(
                                            format!("Details ({})", note.details.len()),
                                            |ui| {
                                                for line in &note.details {
                                                    ui.label(egui::RichText::new(line).small());
                                                }
                                            },
                                        );
                                    }
                                });
                                if ui.small_button("✖").on_hover_text("Dismiss").clicked() {
                                    dismissed = Some(index);
                                }
                            });
                        });
                    ui.add_space(6.0);
                }
            });
        if let Some(index) = dismissed {
            self.list.remove(index);
        }
        if let Some(message) = failed_open {
            self.error(message);
        }
        if !hovered {
            for note in &mut self.list {
                if let Some(remaining) = &mut note.remaining {
                    *remaining -= dt;
                }
            }
            self.list.retain(|n| n.remaining.is_none_or(|r| r > 0.0));
        }
        if self.list.iter().any(|n| n.remaining.is_some()) {
            ctx.request_repaint_after(Duration::from_millis(250));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_message_again_is_shown_once() {
        let mut notifications = Notifications::default();
        notifications.info("“s.rashomon” was changed on disk; reloaded.");
        notifications.info("Saved.");
        notifications.info("“s.rashomon” was changed on disk; reloaded.");
        let texts: Vec<&str> = notifications
            .all()
            .iter()
            .map(|n| n.text.as_str())
            .collect();
        assert_eq!(
            texts,
            ["Saved.", "“s.rashomon” was changed on disk; reloaded."]
        );
        notifications.error("Saved.");
        assert_eq!(notifications.all().len(), 3, "an error is not an info");
    }
}
