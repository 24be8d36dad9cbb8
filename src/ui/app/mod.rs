//! The application: owns the document and the panels, routes the panels' actions and runs
//! the dialogs. Split by concern, as rerun's viewer is:
//!
//! - `mod.rs`: the [`RashomonApp`] and its `eframe::App` impl, a short `ui()`;
//! - [`run`]: what each action and command does (the edits come from the model);
//! - [`document`]: the document's life: open, save, export, recovery, import, duplicates,
//!   and the results of background tasks;
//! - [`chrome`]: menus, keys, the unsaved-changes question, the drop overlay, the title;
//! - [`on_disk`]: the open file's lock, its watcher, and the choices when it changed
//!   elsewhere;
//! - [`recovery`]: unsaved work of earlier runs, offered at start;
//! - [`suggesting`]: going through suggestions: next, accept, reject, adjust, accept all;
//! - [`team`]: the analyst's name, comparing with another analyst, adjudicating, merging.

mod chrome;
mod document;
mod on_disk;
mod recovery;
mod run;
mod suggesting;
mod team;

use std::path::PathBuf;

use egui::Ui;

use super::actions::{Action, ComparisonLayout, Pending, ReaderSelection, Selection, TextSource};
use super::comparison::Comparison;
use super::dialogs::Dialogs;
use super::notifications::Notifications;
use super::reader::Reader;
use super::sidebar::Sidebar;
use super::status_bar;
use super::tasks::{self, Tasks};
use crate::history::Document;
use crate::model::{ArticleId, Session, TextSpan};
use crate::storage;

/// What the app opens at start.
#[derive(Clone, Debug, Default)]
pub struct Startup {
    /// Articles and/or a session file to open.
    pub paths: Vec<PathBuf>,
    /// Open the bundled sample session when no paths are given.
    pub sample: bool,
    /// The folder each window autosaves its unsaved work into (one file per document);
    /// `None` turns autosave off.
    pub recovery_dir: Option<PathBuf>,
    /// The single recovery file of earlier versions, offered once if it is there.
    pub legacy_recovery_file: Option<PathBuf>,
    /// How long after the last edit to autosave (default: a few seconds).
    pub autosave_delay: Option<std::time::Duration>,
    /// Answer every save dialog with this path instead of asking (tests, scripted runs).
    pub save_answer: Option<PathBuf>,
    /// Hold frames that only carry an animation on to 60 a second (the real window; see
    /// `ui::pacing`). Off where frames are driven by a test or a benchmark.
    pub pace_frames: bool,
}

/// What is remembered between runs (with the window's size and position).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
struct Settings {
    layout: ComparisonLayout,
    recent: Vec<PathBuf>,
}

const SETTINGS_KEY: &str = "rashomon-settings";
const MAX_RECENT: usize = 10;

pub struct RashomonApp {
    /// Holds animation-only frames to 60 a second in the real window.
    pacer: Option<super::pacing::FramePacer>,
    document: Document,
    selection: Selection,
    /// The fact the pointer is over this frame (becomes the selection's next frame).
    hover: Option<crate::model::FactId>,
    reader: Reader,
    comparison: Comparison,
    sidebar: Sidebar,
    dialogs: Dialogs,
    tasks: Tasks,
    notifications: Notifications,
    /// An action waiting for the user to say what to do with unsaved changes.
    confirm: Option<Pending>,
    allow_close: bool,
    /// Bumped whenever the document is replaced, so a late save result is not credited to
    /// another session.
    generation: u64,
    title: String,
    autosave: Option<super::autosave::Autosave>,
    recovery_folder: Option<recovery::RecoveryFolder>,
    /// Unsaved work from earlier runs, waiting for the user to restore or discard it.
    recovery_offer: Vec<storage::recovery::Found>,
    /// The user chose to decide about it later.
    recovery_hidden: bool,
    /// The open session's file: its lock, its watcher, a change made elsewhere.
    on_disk: Option<on_disk::OnDisk>,
    /// The user chose to quit without saving: the recovery file goes too.
    discard_on_exit: bool,
    settings: Settings,
    /// Text a single-key shortcut typed that has not arrived yet: dropped next frame.
    swallow_next: Option<String>,
    save_answer: Option<PathBuf>,
    /// A save asked for while another is being written.
    queued_save: Option<document::QueuedSave>,
    /// Claim suggestions per article and the fact ranking, found on workers.
    suggestions: super::suggestions::Suggestions,
    /// Another analyst's session compared with this one, and its disagreements.
    team: super::team::Team,
    /// Whether the analyst's name was asked for this document (at its first save), and the
    /// save that waits for the answer.
    naming: team::Naming,
}

impl RashomonApp {
    pub fn new(cc: &eframe::CreationContext<'_>, startup: Startup) -> Self {
        super::fonts::install(&cc.egui_ctx);
        let mut app = Self::with_context(&cc.egui_ctx, startup);
        if let Some(settings) = cc
            .storage
            .and_then(|storage| eframe::get_value::<Settings>(storage, SETTINGS_KEY))
        {
            app.comparison.layout = settings.layout;
            app.settings = settings;
        }
        app
    }

    /// The app on an existing egui context (the window's, or a test harness's).
    pub fn with_context(ctx: &egui::Context, startup: Startup) -> Self {
        let mut app = Self {
            pacer: startup.pace_frames.then(super::pacing::FramePacer::default),
            document: Document::new(Session::new()),
            selection: Selection::default(),
            hover: None,
            reader: Reader::default(),
            comparison: Comparison::default(),
            sidebar: Sidebar::default(),
            dialogs: Dialogs::default(),
            tasks: Tasks::new(ctx.clone()),
            notifications: Notifications::default(),
            confirm: None,
            allow_close: false,
            generation: 0,
            title: String::new(),
            autosave: None,
            recovery_folder: None,
            recovery_offer: Vec::new(),
            recovery_hidden: false,
            on_disk: None,
            discard_on_exit: false,
            settings: Settings::default(),
            swallow_next: None,
            queued_save: None,
            save_answer: startup.save_answer.clone(),
            suggestions: super::suggestions::Suggestions::new(ctx.clone()),
            team: super::team::Team::default(),
            naming: team::Naming::NotAsked,
        };
        if let Some(folder) = startup.recovery_dir {
            let delay = startup
                .autosave_delay
                .unwrap_or(super::autosave::DEFAULT_DELAY);
            app.recovery_folder = Some(recovery::RecoveryFolder {
                folder,
                legacy: startup.legacy_recovery_file,
            });
            if let Some(file) = app.new_recovery_file(&app.document.display_name()) {
                app.autosave = Some(super::autosave::Autosave::new(file, delay, ctx.clone()));
            }
            app.start_recovery_scan();
        }
        if startup.paths.is_empty() {
            if startup.sample {
                match crate::sample::load() {
                    Ok(session) => app.replace_document(Document::named(session, "Sample session")),
                    Err(error) => app.notifications.error(format!(
                        "The bundled sample session could not be read: {error}"
                    )),
                }
            }
        } else {
            app.open_paths(startup.paths);
        }
        app
    }

    pub fn document(&self) -> &Document {
        &self.document
    }

    /// What is selected: article, claim, text and caret.
    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    pub fn reader(&self) -> &Reader {
        &self.reader
    }

    /// How the comparison is arranged.
    pub fn layout(&self) -> ComparisonLayout {
        self.comparison.layout
    }

    /// Messages currently shown to the user.
    pub fn messages(&self) -> Vec<String> {
        self.notifications
            .all()
            .iter()
            .map(|n| n.text.clone())
            .collect()
    }

    /// Messages with the lines listed under them (for tests).
    pub fn messages_with_details(&self) -> Vec<(String, Vec<String>)> {
        self.notifications
            .all()
            .iter()
            .map(|n| (n.text.clone(), n.details.clone()))
            .collect()
    }

    /// Tags a span of an article as a claim of the party at `party_index`, as selecting the
    /// text and pressing that party's key does (for benches and tests).
    pub fn tag_span(&mut self, article: ArticleId, span: TextSpan, party_index: usize) {
        if let Some(party) = self.document.session().parties().get(party_index) {
            let party = party.id;
            self.tag_selection(party, Some(ReaderSelection { article, span }));
        }
    }

    /// Reads an article's file again (in `encoding`, if given) and places its claims in the
    /// new text, as the article list's menu does (for tests).
    pub fn reload_article(&mut self, article: ArticleId, encoding: Option<&'static str>) {
        let from = encoding.map_or(TextSource::SameFile, TextSource::SameFileAs);
        self.read_text_again(article, from);
    }

    /// Blocks until background work is done and handles its results (for tests):
    /// tasks, then the suggestions and fact ranking of what they brought.
    pub fn finish_tasks(&mut self) {
        loop {
            let results = self.tasks.wait_all();
            for result in results {
                self.handle_result(result);
            }
            self.start_queued_save();
            if self.tasks.running().is_empty() {
                break;
            }
        }
        self.suggestions.wait(&self.document, self.generation);
    }

    /// Ranks the open fact picker's facts again once the claim's meaning is known (it opened
    /// before the model had read the claim), and repaints for it.
    fn refresh_fact_picker(&mut self, ctx: &egui::Context) {
        let Some(picker) = self.dialogs.fact_picker() else {
            return;
        };
        let Some(claim) = picker.claim() else { return };
        if !picker.wants_meaning() {
            return;
        }
        if self
            .suggestions
            .semantic
            .closeness(self.document.session(), claim)
            .is_none()
        {
            // Asked once (the model remembers what it was asked), answered on the worker.
            self.suggestions.read_claim(self.document.session(), claim);
            return;
        }
        let session = self.document.session();
        let ranked = self.suggestions.ranked_facts(session, claim);
        let note = self.suggestions.ranking_note(session, claim);
        if let Some(picker) = self.dialogs.fact_picker_mut()
            && picker.refresh(ranked, note)
        {
            ctx.request_repaint();
        }
    }

    /// The facts of the open fact picker, in its order (for tests).
    pub fn fact_picker_order(&self) -> Option<Vec<crate::model::FactId>> {
        self.dialogs
            .fact_picker()
            .map(|p| p.ranked().iter().map(|r| r.fact).collect())
    }

    /// The open suggestions of an article, once found (for tests and benches).
    pub fn suggestions_in(&mut self, article: ArticleId) -> Vec<crate::suggest::ClaimSuggestion> {
        self.suggestions.open_in(&self.document, article).to_vec()
    }

    /// Saves as Ctrl+S does (for tests): to the session's file, after any save running.
    pub fn save_now(&mut self) {
        self.save(tasks::AfterSave::Nothing);
    }

    /// Whether the bar asking what to do about a file changed elsewhere is shown.
    pub fn shows_disk_conflict(&self) -> bool {
        self.on_disk.as_ref().is_some_and(|d| d.conflict.is_some())
    }

    /// Where the current document's unsaved work is autosaved (`None` without autosave).
    pub fn recovery_file(&self) -> Option<PathBuf> {
        self.autosave.as_ref().map(|a| a.path().to_owned())
    }

    /// Whether a save waits for another to finish (the status bar says so).
    pub fn save_is_waiting(&self) -> bool {
        self.queued_save.is_some()
    }
}

impl eframe::App for RashomonApp {
    /// The panels' own colour: they paint no background over it (see [`super::panels`]).
    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        super::panels::clear_color(visuals)
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings.layout = self.comparison.layout;
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        let Some(autosave) = &self.autosave else {
            return;
        };
        // Work of earlier runs not decided about stays for next time (its locks go with us).
        if self.document.is_dirty() && !self.discard_on_exit {
            autosave.write_now(self.document.session(), &self.recovery_info());
        } else {
            autosave.delete_now();
        }
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if let Some(pacer) = &mut self.pacer {
            pacer.pace(&ctx);
        }
        // Before any text is laid out: notice whether egui emptied its font atlas.
        crate::text::begin_frame(&ctx);
        for result in self.tasks.finished() {
            self.handle_result(result);
        }
        self.start_queued_save();
        self.watch_disk();
        self.guard_close(&ctx);
        self.suggestions.select_claim(self.selection.claim);
        self.suggestions.update(&self.document, self.generation);
        self.refresh_fact_picker(&ctx);
        self.selection.hovered_fact = self.hover.take();
        let mut actions = Vec::new();
        self.handle_keys(&ctx, &mut actions);
        self.panels_ui(ui, &mut actions);
        self.modals_ui(&ctx, &mut actions);
        for action in actions {
            self.run(action);
        }
        if self.reader.has_requests() {
            // The reader takes them in its next frame: make it come.
            ctx.request_repaint();
        }
        self.update_title(&ctx);
        self.autosave_tick(&ctx);
        if self.hover != self.selection.hovered_fact {
            ctx.request_repaint();
        }
    }
}

impl RashomonApp {
    /// The panels, each drawing from the document and the selection.
    fn panels_ui(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        egui::Panel::top("menu")
            .frame(super::panels::side(ui))
            .show(ui, |ui| self.menu_ui(ui, actions));
        egui::Panel::bottom("status")
            .frame(super::panels::side(ui))
            .show(ui, |ui| {
                let waiting = self.queued_save.is_some();
                status_bar::status_bar_ui(ui, &self.document, self.tasks.running(), waiting);
            });
        self.conflict_bar_ui(ui);
        let comparing = self.team.is_open();
        egui::Panel::left("sidebar")
            .frame(super::panels::side(ui))
            .resizable(true)
            .default_size(290.0)
            .size_range(220.0..=480.0)
            .show(ui, |ui| {
                let shown = self.shown_suggestions();
                self.sidebar
                    .ui(ui, &self.document, &self.selection, &shown, actions);
            });
        if comparing {
            egui::CentralPanel::default()
                .frame(super::panels::central(ui))
                .show(ui, |ui| {
                    self.team.ui(ui, &self.document, &self.selection, actions);
                });
            return;
        }
        let half = (ui.available_width() * 0.5).max(320.0);
        egui::Panel::right("comparison")
            .frame(super::panels::side(ui))
            .resizable(true)
            .default_size(half)
            .size_range(300.0..=ui.available_width().max(320.0) - 320.0)
            .show(ui, |ui| {
                self.comparison
                    .ui(ui, &self.document, &self.selection, actions);
            });
        let shown = self.shown_suggestions();
        egui::CentralPanel::default()
            .frame(super::panels::central(ui))
            .show(ui, |ui| {
                self.reader
                    .ui(ui, &self.document, &self.selection, &shown, actions);
            });
    }

    /// The suggestions of the shown article as the panels show them.
    fn shown_suggestions(&mut self) -> super::suggestions::Shown {
        let current = self.current_suggestion().map(|s| s.span).and_then(|span| {
            self.suggestions
                .current
                .as_ref()
                .map(|c| (c.found_at, span))
        });
        let hidden = self.suggestions.hidden;
        let Some(article) = self.selection.article else {
            return super::suggestions::Shown::default();
        };
        let finding = self.suggestions.is_finding(article);
        let open = if hidden {
            std::sync::Arc::default()
        } else {
            self.suggestions.open_in(&self.document, article)
        };
        super::suggestions::Shown {
            open,
            current,
            finding,
            hidden,
        }
    }

    /// What floats over the panels: dialogs, the unsaved-changes and recovery questions,
    /// messages and the drop overlay.
    fn modals_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        self.dialogs.ui(ctx, &self.document, actions);
        self.confirm_ui(ctx);
        self.recovery_ui(ctx);
        self.notifications.ui(ctx);
        self.drop_ui(ctx);
    }

    /// A close asked for with unsaved work waits for the user's answer.
    fn guard_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.allow_close
            && self.document.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm = Some(Pending::Quit);
        }
    }
}
