//! The application: owns the document, routes the views' actions, runs the dialogs.

use std::path::{Path, PathBuf};

use std::ops::Not as _;

use egui::{Key, Modifiers, RichText, Ui};
use rfd::AsyncFileDialog;

use super::commands::{Command, Group, PARTY_KEYS};
use super::dialogs::{self, Dialog};
use super::notifications::Notifications;
use super::state::{Action, FactPicker, Pending, ReaderSelection, TextSource, ViewState};
use super::tasks::{self, AfterSave, TaskResult, Tasks};
use super::{articles, comparison, inspector, reader, status_bar};
use crate::export::{ExportOptions, Format};
use crate::history::Document;
use crate::model::span::{next_word_end, next_word_start, previous_word_start};
use crate::model::{ArticleId, ClaimId, Edit, PartyId, Session, TextSpan};
use crate::storage;

/// What the app opens at start.
#[derive(Clone, Debug, Default)]
pub struct Startup {
    /// Articles and/or a session file to open.
    pub paths: Vec<PathBuf>,
    /// Open the bundled sample session when no paths are given.
    pub sample: bool,
    /// Where unsaved work is autosaved; `None` turns autosave off.
    pub recovery_file: Option<PathBuf>,
    /// How long after the last edit to autosave (default: a few seconds).
    pub autosave_delay: Option<std::time::Duration>,
    /// Answer every save dialog with this path instead of asking (tests, scripted runs).
    pub save_answer: Option<PathBuf>,
}

/// What is remembered between runs (with the window's size and position).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
struct Settings {
    layout: super::state::ComparisonLayout,
    recent: Vec<PathBuf>,
}

const SETTINGS_KEY: &str = "rashomon-settings";
const MAX_RECENT: usize = 10;

pub struct RashomonApp {
    document: Document,
    view: ViewState,
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
    /// Unsaved work from an earlier run, waiting for the user to restore or discard it.
    recovery_offer: Option<(Session, storage::Recovery)>,
    /// The user chose to quit without saving: the recovery file goes too.
    discard_on_exit: bool,
    settings: Settings,
    /// Text a single-key shortcut typed that has not arrived yet: dropped next frame.
    swallow_next: Option<String>,
    save_answer: Option<PathBuf>,
}

impl RashomonApp {
    pub fn new(cc: &eframe::CreationContext<'_>, startup: Startup) -> Self {
        super::fonts::install(&cc.egui_ctx);
        let mut app = Self::with_context(&cc.egui_ctx, startup);
        if let Some(settings) = cc
            .storage
            .and_then(|storage| eframe::get_value::<Settings>(storage, SETTINGS_KEY))
        {
            app.view.layout = settings.layout;
            app.settings = settings;
        }
        app
    }

    /// The app on an existing egui context (the window's, or a test harness's).
    pub fn with_context(ctx: &egui::Context, startup: Startup) -> Self {
        let mut app = Self {
            document: Document::new(Session::new()),
            view: ViewState::default(),
            tasks: Tasks::new(ctx.clone()),
            notifications: Notifications::default(),
            confirm: None,
            allow_close: false,
            generation: 0,
            title: String::new(),
            autosave: None,
            recovery_offer: None,
            discard_on_exit: false,
            settings: Settings::default(),
            swallow_next: None,
            save_answer: startup.save_answer.clone(),
        };
        if let Some(path) = startup.recovery_file {
            let delay = startup
                .autosave_delay
                .unwrap_or(super::autosave::DEFAULT_DELAY);
            let mut autosave = super::autosave::Autosave::new(path.clone(), delay, ctx.clone());
            autosave.paused = true;
            app.autosave = Some(autosave);
            app.tasks.spawn("Looking for unsaved work", move || {
                tasks::check_recovery(&path)
            });
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

    pub fn view(&self) -> &ViewState {
        &self.view
    }

    /// Messages currently shown to the user.
    pub fn messages(&self) -> Vec<String> {
        self.notifications
            .all()
            .iter()
            .map(|n| n.text.clone())
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

    /// Blocks until background work is done and handles its results (for tests).
    pub fn finish_tasks(&mut self) {
        let results = self.tasks.wait_all();
        for result in results {
            self.handle_result(result);
        }
    }

    /// Opens files: `.rashomon` sessions replace the session (asking about unsaved work),
    /// anything else is read as articles and added.
    pub fn open_paths(&mut self, paths: Vec<PathBuf>) {
        let (sessions, articles): (Vec<PathBuf>, Vec<PathBuf>) =
            paths.into_iter().partition(|p| is_session_file(p));
        if let Some(first) = sessions.first() {
            if sessions.len() > 1 {
                self.notifications.warning(
                    format!(
                        "Only one session can be open at a time; opening {}.",
                        first.display()
                    ),
                    Vec::new(),
                );
            }
            self.request(Pending::OpenSession(first.clone()));
        }
        if !articles.is_empty() {
            self.tasks
                .spawn_with_progress("Reading articles", move |progress| {
                    tasks::read_articles(&articles, progress)
                });
        }
    }

    /// Saves to `path` in the background, as Save As would.
    pub fn save_to(&mut self, path: PathBuf) {
        self.spawn_save(path, AfterSave::Nothing);
    }

    fn replace_document(&mut self, document: Document) {
        self.document = document;
        self.generation += 1;
        self.view = ViewState {
            layout: self.view.layout,
            article: self.document.session().articles().first().map(|a| a.id),
            ..ViewState::default()
        };
    }

    // ---- Actions ------------------------------------------------------------------------

    fn run(&mut self, action: Action) {
        match action {
            Action::Command(command) => self.run_command(command),
            Action::Edit { label, edit } => self.apply(&label, edit),
            Action::SelectArticle(article) => {
                self.view.article = Some(article);
                self.view.selection = None;
            }
            Action::SelectClaim(claim) => self.view.claim = claim,
            Action::ShowClaim(claim) => self.show_claim(claim),
            Action::Tag { party, selection } => self.tag_selection(party, selection),
            Action::NewFactForClaim { claim, statement } => self.new_fact_for(claim, &statement),
            Action::RemoveArticle(article) => self.remove_article(article),
            Action::OpenSession(path) => self.request(Pending::OpenSession(path)),
            Action::Respan { claim, span, label } => self.respan(claim, span, &label),
            Action::Export { format, options } => self.export_to_file(format, options),
            Action::AddArticles(articles) => {
                self.insert_articles(articles);
            }
            Action::ReplaceText { article, from } => self.read_text_again(article, from),
            Action::AddParty => {
                let number = self.document.session().parties().len() + 1;
                let party = self
                    .document
                    .session_mut_for_ids()
                    .new_party(&format!("Party {number}"));
                self.apply(
                    "Add party",
                    Edit::InsertParty {
                        index: usize::MAX,
                        party,
                    },
                );
            }
        }
    }

    fn apply(&mut self, label: &str, edit: Edit) {
        if let Err(error) = self.document.apply(label, edit) {
            self.notifications
                .error(format!("{label} did not work: {error}"));
        }
    }

    fn show_claim(&mut self, claim: ClaimId) {
        if let Some(found) = self.document.session().claim(claim) {
            self.view.article = Some(found.article);
            self.view.claim = Some(claim);
            self.view.scroll_to_claim = Some(claim);
        }
    }

    fn tag_selection(&mut self, party: PartyId, selection: Option<ReaderSelection>) {
        let Some(selection) = selection else {
            self.notifications
                .info("Select some text in the article first, then tag it.");
            return;
        };
        let party_name = self
            .document
            .session()
            .party(party)
            .map_or_else(String::new, |p| p.name.clone());
        let claim =
            self.document
                .session_mut_for_ids()
                .new_claim(selection.article, selection.span, party);
        match claim {
            Some(claim) => {
                let id = claim.id;
                self.apply(
                    &format!("Tag claim as {party_name}"),
                    Edit::InsertClaim(claim),
                );
                self.view.claim = Some(id);
                self.view.collapse_selection = true;
            }
            None => self
                .notifications
                .info("The selection holds no text to tag."),
        }
    }

    fn new_fact_for(&mut self, claim: ClaimId, statement: &str) {
        let Some(mut linked) = self.document.session().claim(claim).cloned() else {
            return;
        };
        let fact = self.document.session_mut_for_ids().new_fact(statement);
        if fact.statement.is_empty() {
            return;
        }
        linked.fact = Some(fact.id);
        linked.modified = chrono::Utc::now();
        self.apply(
            "Link claim to new fact",
            Edit::Batch(vec![
                Edit::InsertFact {
                    index: usize::MAX,
                    fact,
                },
                Edit::ReplaceClaim(linked),
            ]),
        );
    }

    fn remove_article(&mut self, article: ArticleId) {
        let edit = self.document.session().remove_article_edit(article);
        self.apply("Remove article", edit);
        if self.document.session().article(article).is_none() {
            if self.view.article == Some(article) {
                self.view.article = self.document.session().articles().first().map(|a| a.id);
            }
            if self
                .view
                .claim
                .is_some_and(|c| self.document.session().claim(c).is_none())
            {
                self.view.claim = None;
            }
        }
    }

    fn run_command(&mut self, command: Command) {
        match command {
            Command::NewSession => self.request(Pending::NewSession),
            Command::OpenSession => self.request(Pending::OpenSessionDialog),
            Command::OpenArticles => self.open_articles_dialog(),
            Command::PasteArticle => {
                self.tasks.spawn("Reading the clipboard", || {
                    TaskResult::ArticlesRead(vec![crate::import::from_clipboard()])
                });
            }
            Command::Save => self.save(AfterSave::Nothing),
            Command::SaveAs => self.save_as(AfterSave::Nothing),
            Command::Export => self.view.dialog = Some(Dialog::export(&self.document)),
            Command::Quit => self.request(Pending::Quit),
            Command::Undo => {
                self.document.undo();
            }
            Command::Redo => {
                self.document.redo();
            }
            Command::FlipStance => {
                if let Some(claim) = self
                    .view
                    .claim
                    .and_then(|c| self.document.session().claim(c))
                {
                    let mut flipped = claim.clone();
                    flipped.stance = claim.stance.flipped();
                    flipped.modified = chrono::Utc::now();
                    let label = format!("Set stance to {}", flipped.stance.label());
                    self.apply(&label, Edit::ReplaceClaim(flipped));
                }
            }
            Command::DeleteClaim => {
                if let Some(claim) = self.view.claim.take() {
                    self.apply("Delete claim", Edit::RemoveClaim { claim });
                }
            }
            Command::ShowNarratives => {
                self.view.layout = super::state::ComparisonLayout::Narratives;
            }
            Command::ShowByFact => self.view.layout = super::state::ComparisonLayout::ByFact,
            Command::ShowMatrix => self.view.layout = super::state::ComparisonLayout::Matrix,
            Command::Shortcuts => self.view.dialog = Some(Dialog::Shortcuts),
            Command::Find => {
                let query = self.view.find.take().map(|f| f.query).unwrap_or_default();
                self.view.find = Some(super::state::FindBar {
                    query,
                    current: 0,
                    focus: true,
                });
            }
            Command::SearchClaims => self.view.focus_search = true,
            Command::ArticleDetails => {
                if let Some(article) = self.view.article {
                    self.view.dialog = Dialog::article_details(&self.document, article);
                }
            }
            Command::PickFact => match self.selected_claim() {
                Some(claim) => self.view.fact_picker = Some(FactPicker::for_claim(claim)),
                None => self
                    .notifications
                    .info("Select a claim first, then link it to a fact."),
            },
            Command::EditNote => {
                if self.selected_claim().is_some() {
                    self.view.focus_note = true;
                }
            }
            Command::NextClaim => self.step_claim(true),
            Command::PreviousClaim => self.step_claim(false),
            Command::NextUntagged => self.next_untagged(),
            Command::WidenEnd | Command::NarrowEnd | Command::WidenStart | Command::NarrowStart => {
                self.nudge_span(command);
            }
            Command::SpanToSelection => self.span_to_selection(),
            Command::SplitClaim => self.split_claim(),
            Command::MergeClaim => self.merge_claim(),
        }
    }

    fn selected_claim(&self) -> Option<ClaimId> {
        self.view
            .claim
            .filter(|c| self.document.session().claim(*c).is_some())
    }

    fn respan(&mut self, claim: ClaimId, span: TextSpan, label: &str) {
        match self.document.session().claim_with_span(claim, span) {
            Some(changed) => self.apply(label, Edit::ReplaceClaim(changed)),
            None => self.notifications.info("A claim must cover some text."),
        }
    }

    fn step_claim(&mut self, forward: bool) {
        let order = &self.document.analysis().reading_order;
        if order.is_empty() {
            return;
        }
        let position = self
            .view
            .claim
            .and_then(|c| order.iter().position(|o| *o == c));
        let next = match (position, forward) {
            (Some(i), true) => (i + 1) % order.len(),
            (Some(i), false) => (i + order.len() - 1) % order.len(),
            (None, true) => 0,
            (None, false) => order.len() - 1,
        };
        let claim = order[next];
        self.show_claim(claim);
    }

    /// Selects the next sentence no claim touches, from the selection or claim onwards,
    /// continuing into the following articles.
    fn next_untagged(&mut self) {
        let session = self.document.session();
        let articles = session.articles();
        if articles.is_empty() {
            return;
        }
        let current = self
            .view
            .article
            .and_then(|a| session.article_index(a))
            .unwrap_or(0);
        let mut from = 0;
        if let Some(article) = self.view.article {
            if let Some(selection) = self.view.selection.filter(|s| s.article == article) {
                from = selection.span.end.0;
            }
            if let Some(claim) = self.selected_claim().and_then(|c| session.claim(c))
                && claim.article == article
            {
                from = from.max(claim.anchor.span.end.0);
            }
            if let Some((cursor_article, offset)) = self.view.cursor
                && cursor_article == article
            {
                from = from.max(offset.0);
            }
        }
        for step in 0..=articles.len() {
            let article = &articles[(current + step) % articles.len()];
            let start = if step == 0 { from } else { 0 };
            // The claims' spans by start, with the furthest end so far: whether any claim
            // meets a sentence is two lookups, not a pass over every claim (a 1 MB article
            // has thousands of sentences and claims).
            let mut spans: Vec<(usize, usize)> = session
                .claims_in(article.id)
                .iter()
                .map(|c| (c.anchor.span.start.0, c.anchor.span.end.0))
                .collect();
            spans.sort_unstable();
            let furthest: Vec<usize> = spans
                .iter()
                .scan(0, |end, span| {
                    *end = (*end).max(span.1);
                    Some(*end)
                })
                .collect();
            let claimed = |sentence: &TextSpan| {
                let before_end = spans.partition_point(|span| span.0 < sentence.end.0);
                before_end > 0 && furthest[before_end - 1] > sentence.start.0
            };
            let found = crate::model::span::sentences(&article.text)
                .into_iter()
                .filter(|sentence| sentence.start.0 >= start)
                .find(|sentence| !claimed(sentence));
            if let Some(sentence) = found {
                let selection = ReaderSelection {
                    article: article.id,
                    span: sentence,
                };
                self.view.article = Some(article.id);
                self.view.select_in_reader = Some(selection);
                self.view.selection = Some(selection);
                return;
            }
        }
        self.notifications
            .info("Every sentence already has a claim in it.");
    }

    fn nudge_span(&mut self, command: Command) {
        let Some(claim) = self
            .selected_claim()
            .and_then(|c| self.document.session().claim(c))
        else {
            self.notifications.info("Select a claim first.");
            return;
        };
        let Some(article) = self.document.session().article(claim.article) else {
            return;
        };
        let text = &article.text;
        let span = claim.anchor.span;
        let (new, label) = match command {
            Command::WidenEnd => (
                TextSpan {
                    start: span.start,
                    end: next_word_end(text, span.end),
                },
                "Widen claim end",
            ),
            Command::NarrowEnd => (
                TextSpan {
                    start: span.start,
                    end: previous_word_start(text, span.end).max(span.start),
                },
                "Narrow claim end",
            ),
            Command::WidenStart => (
                TextSpan {
                    start: previous_word_start(text, span.start),
                    end: span.end,
                },
                "Widen claim start",
            ),
            _ => (
                TextSpan {
                    start: next_word_start(text, span.start).min(span.end),
                    end: span.end,
                },
                "Narrow claim start",
            ),
        };
        if new != span {
            let claim_id = claim.id;
            self.respan(claim_id, new, label);
        }
    }

    fn span_to_selection(&mut self) {
        match (self.selected_claim(), self.view.selection) {
            (Some(claim), Some(selection))
                if self.document.session().claim(claim).map(|c| c.article) == Some(selection.article) =>
            {
                self.respan(claim, selection.span, "Set claim span to selection");
                self.view.collapse_selection = true;
            }
            _ => self.notifications.info(
                "Select a claim, then select the text it should cover in the same article, then press R.",
            ),
        }
    }

    fn split_claim(&mut self) {
        let Some(claim) = self.selected_claim() else {
            self.notifications.info("Select a claim first.");
            return;
        };
        let at = self.view.cursor.and_then(|(article, offset)| {
            (self.document.session().claim(claim).map(|c| c.article) == Some(article))
                .then_some(offset)
        });
        let edit = at.and_then(|at| {
            self.document
                .session_mut_for_ids()
                .split_claim_edit(claim, at)
        });
        match edit {
            Some(edit) => self.apply("Split claim", edit),
            None => self.notifications.info(
                "Click inside the claim where it should be split (not at its start), then press X.",
            ),
        }
    }

    fn merge_claim(&mut self) {
        let Some(claim) = self.selected_claim() else {
            self.notifications.info("Select a claim first.");
            return;
        };
        let session = self.document.session();
        let edit = session
            .next_claim_of_party(claim)
            .and_then(|next| session.merge_claims_edit(claim, next.id));
        match edit {
            Some(edit) => self.apply("Merge claims", edit),
            None => self
                .notifications
                .info("This party has no later claim in this article to merge with."),
        }
    }

    /// Runs `pending` now, or first asks what to do with unsaved changes.
    fn request(&mut self, pending: Pending) {
        if self.document.is_dirty() {
            self.confirm = Some(pending);
        } else {
            self.perform(pending);
        }
    }

    fn perform(&mut self, pending: Pending) {
        match pending {
            Pending::NewSession => self.replace_document(Document::new(Session::new())),
            Pending::OpenSessionDialog => {
                self.tasks.spawn("Opening session", || {
                    let picked = pollster::block_on(
                        AsyncFileDialog::new()
                            .set_title("Open session")
                            .add_filter("Rashomon session", &[storage::EXTENSION])
                            .pick_file(),
                    );
                    match picked {
                        Some(file) => {
                            let path = file.path().to_owned();
                            let result = storage::load(&path);
                            TaskResult::SessionRead { path, result }
                        }
                        None => TaskResult::Cancelled,
                    }
                });
            }
            Pending::OpenSession(path) => {
                self.tasks.spawn("Opening session", move || {
                    let result = storage::load(&path);
                    TaskResult::SessionRead { path, result }
                });
            }
            Pending::Quit => {
                // Quitting with unsaved work means the user chose not to save it.
                self.discard_on_exit = self.document.is_dirty();
                self.allow_close = true;
                self.tasks_ctx()
                    .send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Whether unsaved work from an earlier run is being offered for restoring.
    pub fn offers_recovery(&self) -> bool {
        self.recovery_offer.is_some()
    }

    fn tasks_ctx(&self) -> egui::Context {
        self.tasks.ctx()
    }

    fn open_articles_dialog(&mut self) {
        self.tasks
            .spawn_with_progress("Opening articles", |progress| {
                let picked = pollster::block_on(
                    AsyncFileDialog::new()
                        .set_title("Open articles")
                        .add_filter("Articles", &crate::import::ARTICLE_EXTENSIONS)
                        .add_filter("All files", &["*"])
                        .pick_files(),
                );
                match picked {
                    Some(files) => {
                        let paths: Vec<PathBuf> =
                            files.iter().map(|f| f.path().to_owned()).collect();
                        tasks::read_articles(&paths, progress)
                    }
                    None => TaskResult::Cancelled,
                }
            });
    }

    fn save(&mut self, then: AfterSave) {
        match self.document.path.clone() {
            Some(path) => self.spawn_save(path, then),
            None => self.save_as(then),
        }
    }

    fn spawn_save(&mut self, path: PathBuf, then: AfterSave) {
        let mut session = self.document.session().clone();
        session.modified = chrono::Utc::now();
        let version = self.document.version();
        let generation = self.generation;
        self.tasks.spawn("Saving", move || {
            tasks::write_session(path, &session, version, generation, then)
        });
    }

    fn save_as(&mut self, then: AfterSave) {
        let mut session = self.document.session().clone();
        session.modified = chrono::Utc::now();
        let version = self.document.version();
        let generation = self.generation;
        let dialog = self.save_dialog("Save session as", "Rashomon session", storage::EXTENSION);
        self.tasks.spawn("Saving", move || match dialog.ask() {
            Some(path) => tasks::write_session(path, &session, version, generation, then),
            None => TaskResult::Cancelled,
        });
    }

    fn export_to_file(&mut self, format: Format, mut options: ExportOptions) {
        let session = self.document.session().clone();
        if options.title.trim().is_empty() {
            options.title = self.report_title();
        }
        let dialog = self.save_dialog(
            &format!("Export {}", format.label()),
            format.label(),
            format.extension(),
        );
        self.tasks.spawn("Exporting", move || match dialog.ask() {
            Some(path) => tasks::write_report(path, &session, format, &options),
            None => TaskResult::Cancelled,
        });
    }

    /// A save dialog next to the session's file, named after it.
    fn save_dialog(&self, title: &str, filter: &str, extension: &str) -> tasks::SaveDialog {
        let path = self.document.path.as_deref();
        let stem = path.and_then(Path::file_stem).map_or_else(
            || "session".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        tasks::SaveDialog {
            title: title.to_owned(),
            filter: filter.to_owned(),
            extension: extension.to_owned(),
            folder: path.and_then(Path::parent).map(Path::to_owned),
            file_name: format!("{stem}.{extension}"),
            answer: self.save_answer.clone(),
        }
    }

    fn report_title(&self) -> String {
        let name = self.document.display_name();
        let stem = name.strip_suffix(".rashomon").unwrap_or(&name);
        format!("Rashomon comparison: {stem}")
    }

    // ---- Task results -------------------------------------------------------------------

    fn handle_result(&mut self, result: TaskResult) {
        match result {
            TaskResult::ArticlesRead(results) => self.add_articles(results),
            TaskResult::TextRead { article, result } => match result {
                Ok(imported) => self.replace_text(article, imported),
                Err(error) => self.notifications.error(error.to_string()),
            },
            TaskResult::SessionRead { path, result } => match result {
                Ok(loaded) => {
                    self.remember_recent(&path);
                    self.replace_document(Document::opened(loaded.session, path.clone()));
                    if !loaded.warnings.is_empty() {
                        self.notifications.warning(
                            format!(
                                "{} was repaired while opening; saving will write the repaired version.",
                                path.display()
                            ),
                            loaded.warnings,
                        );
                    }
                }
                Err(error) => self
                    .notifications
                    .error(format!("Could not open {}: {error}", file_name(&path))),
            },
            TaskResult::Saved {
                path,
                version,
                generation,
                result,
                then,
            } => match result {
                Ok(()) => {
                    self.remember_recent(&path);
                    if generation == self.generation {
                        self.document.mark_saved_version(path, version);
                    }
                    if let AfterSave::Continue(pending) = then {
                        self.perform(pending);
                    }
                }
                Err(error) => self.notifications.error(format!(
                    "{error}. Your work is still here, unsaved; try another folder."
                )),
            },
            TaskResult::Exported {
                path,
                format,
                result,
            } => match result {
                Ok(()) => {
                    let text = format!("{} written to {}", format.label(), path.display());
                    if format.is_report() {
                        self.notifications
                            .info_with_action(text, "Open in browser", path);
                    } else {
                        self.notifications.info(text);
                    }
                }
                Err(error) => self.notifications.error(format!(
                    "Could not write the {} to {}: {error}",
                    format.label(),
                    path.display()
                )),
            },
            TaskResult::Cancelled => {}
            TaskResult::RecoveryChecked(found) => {
                match found {
                    Some(Ok((loaded, recovery))) => {
                        self.recovery_offer = Some((loaded.session, recovery));
                        // Stay paused until the user decides: the file must not be overwritten.
                        return;
                    }
                    Some(Err(message)) => self.notifications.warning(message, Vec::new()),
                    None => {}
                }
                if let Some(autosave) = &mut self.autosave {
                    autosave.paused = false;
                }
            }
        }
    }

    fn remember_recent(&mut self, path: &Path) {
        let recent = &mut self.settings.recent;
        recent.retain(|p| p != path);
        recent.insert(0, path.to_owned());
        recent.truncate(MAX_RECENT);
    }

    fn recovery_info(&self) -> storage::Recovery {
        storage::Recovery {
            saved_at: chrono::Utc::now(),
            original: self.document.path.clone(),
            name: self.document.display_name(),
        }
    }

    fn autosave_tick(&mut self, ctx: &egui::Context) {
        let Some(autosave) = &mut self.autosave else {
            return;
        };
        let document = &self.document;
        let recovery = || storage::Recovery {
            saved_at: chrono::Utc::now(),
            original: document.path.clone(),
            name: document.display_name(),
        };
        if let Some(error) = autosave.tick(
            ctx,
            document.session(),
            document.version(),
            document.is_dirty(),
            recovery,
        ) {
            self.notifications.warning(
                format!("Autosave failed: {error}. Save your work with Ctrl+S."),
                Vec::new(),
            );
        }
    }

    fn recovery_ui(&mut self, ctx: &egui::Context) {
        let Some((session, recovery)) = &self.recovery_offer else {
            return;
        };
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("recover-unsaved-work")).show(ctx, |ui| {
            ui.set_max_width(420.0);
            ui.heading("Restore unsaved work?");
            let when = recovery
                .saved_at
                .with_timezone(&chrono::Local)
                .format("%e %B %Y at %H:%M:%S");
            ui.label(format!(
                "Rashomon stopped before “{}” was saved. The work autosaved on {} is still here: {} articles, {} claims, {} facts.",
                recovery.name,
                when.to_string().trim(),
                session.articles().len(),
                session.claims().len(),
                session.facts().len(),
            ));
            if let Some(original) = &recovery.original {
                ui.label(
                    RichText::new(format!("It belongs to {}.", original.display()))
                        .weak(),
                );
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Restore").clicked() {
                    choice = Some(true);
                }
                if ui.button("Discard").clicked() {
                    choice = Some(false);
                }
            });
        });
        let Some(restore) = choice else {
            return;
        };
        let Some((session, recovery)) = self.recovery_offer.take() else {
            return;
        };
        if restore {
            self.replace_document(Document::recovered(
                session,
                recovery.original,
                &recovery.name,
            ));
        }
        if let Some(autosave) = &mut self.autosave {
            autosave.paused = false;
            if !restore {
                autosave.discard();
            }
        }
    }

    fn add_articles(
        &mut self,
        results: Vec<Result<crate::import::ImportedArticle, crate::import::ImportError>>,
    ) {
        let mut problems = Vec::new();
        let mut duplicates = Vec::new();
        let mut fresh: Vec<crate::import::ImportedArticle> = Vec::new();
        for result in results {
            match result {
                Ok(imported) => {
                    if let Some(existing) =
                        self.document.session().article_with_text(&imported.text)
                    {
                        let title = existing.meta.title.clone();
                        duplicates.push((imported, title));
                    } else if fresh.iter().any(|f| f.text == imported.text) {
                        problems.push(format!(
                            "{}: opened twice; added once.",
                            imported.meta.source
                        ));
                    } else {
                        fresh.push(imported);
                    }
                }
                Err(error) => problems.push(error.to_string()),
            }
        }
        let added = self.insert_articles(fresh);
        if !duplicates.is_empty() {
            if self.view.dialog.is_none() {
                self.view.dialog = Some(Dialog::Duplicates { duplicates });
            } else {
                problems.extend(duplicates.iter().map(|(imported, title)| {
                    format!(
                        "{}: the same text is already in the session as “{title}”; skipped.",
                        imported.meta.source
                    )
                }));
            }
        }
        if !problems.is_empty() {
            let text = if added == 0 {
                format!(
                    "No article could be opened ({} problem(s)).",
                    problems.len()
                )
            } else {
                format!(
                    "Opened {added} article(s); {} file(s) were not added.",
                    problems.len()
                )
            };
            let summary = if problems.len() == 1 {
                problems[0].clone()
            } else {
                text
            };
            self.notifications.warning(summary, problems);
        }
    }

    fn read_text_again(&mut self, article: ArticleId, from: TextSource) {
        let Some(found) = self.document.session().article(article) else {
            return;
        };
        let source = PathBuf::from(&found.meta.source);
        if from != TextSource::PickFile && !source.is_file() {
            self.notifications.info(format!(
                "“{}” has no file to read again (it came from {}). Use Replace text from file….",
                found.meta.title,
                if found.meta.source.is_empty() {
                    "nowhere on record"
                } else {
                    found.meta.source.as_str()
                }
            ));
            return;
        }
        match from {
            TextSource::SameFile => {
                self.tasks
                    .spawn("Reading the article again", move || TaskResult::TextRead {
                        article,
                        result: crate::import::import_file(&source),
                    });
            }
            TextSource::SameFileAs(encoding) => {
                self.tasks
                    .spawn("Reading the article again", move || TaskResult::TextRead {
                        article,
                        result: crate::import::import_file_as(&source, encoding),
                    });
            }
            TextSource::PickFile => {
                let folder = source.parent().map(Path::to_path_buf);
                self.tasks.spawn("Replacing the article's text", move || {
                    let mut dialog = AsyncFileDialog::new()
                        .set_title("Replace the article's text with")
                        .add_filter("Articles", &crate::import::ARTICLE_EXTENSIONS)
                        .add_filter("All files", &["*"]);
                    if let Some(folder) = folder.filter(|f| f.is_dir()) {
                        dialog = dialog.set_directory(folder);
                    }
                    match pollster::block_on(dialog.pick_file()) {
                        Some(file) => TaskResult::TextRead {
                            article,
                            result: crate::import::import_file(file.path()),
                        },
                        None => TaskResult::Cancelled,
                    }
                });
            }
        }
    }

    /// Gives an article a new text in one undoable step: every claim is placed again by its
    /// quote and context, or orphaned (kept, and listed for the analyst to place).
    fn replace_text(&mut self, article: ArticleId, imported: crate::import::ImportedArticle) {
        let session = self.document.session();
        let Some(found) = session.article(article) else {
            return;
        };
        let title = found.meta.title.clone();
        let meta = crate::model::ArticleMeta {
            source: imported.meta.source.clone(),
            encoding: imported.meta.encoding.clone(),
            ..found.meta.clone()
        };
        let same_text = found.text == imported.text;
        if same_text && meta == found.meta {
            self.notifications
                .info(format!("The text of “{title}” has not changed."));
            return;
        }
        let Some((edit, report)) = session.replace_text_edit(article, imported.text) else {
            return;
        };
        let orphans: Vec<String> = report
            .orphaned
            .iter()
            .filter_map(|id| session.claim(*id))
            .map(|c| format!("“{}”", crate::model::short(&c.anchor.quote)))
            .collect();
        self.apply(
            "Replace article text",
            Edit::Batch(vec![edit, Edit::SetArticleMeta { article, meta }]),
        );
        let summary = format!(
            "Read “{title}” again ({}): claims {}.",
            imported.encoding,
            report.summary()
        );
        if orphans.is_empty() {
            self.notifications.info(summary);
        } else {
            self.notifications.warning(
                format!(
                    "{summary} Orphaned claims are kept under Orphaned claims in the sidebar: select where each one is now and press R."
                ),
                orphans,
            );
        }
    }

    /// Adds articles as one undoable step and shows the first; says which were decoded from
    /// something other than UTF-8. Returns how many were added.
    fn insert_articles(&mut self, articles: Vec<crate::import::ImportedArticle>) -> usize {
        let mut decoded = Vec::new();
        let mut edits = Vec::new();
        let mut first = None;
        for imported in articles {
            if imported.encoding != "UTF-8" {
                decoded.push(format!("“{}”: {}", imported.meta.title, imported.encoding));
            }
            let article = self
                .document
                .session_mut_for_ids()
                .new_article(imported.meta, imported.text);
            first.get_or_insert(article.id);
            edits.push(Edit::InsertArticle {
                index: usize::MAX,
                article,
            });
        }
        let added = edits.len();
        if added > 0 {
            let label = if added == 1 {
                "Add article".to_owned()
            } else {
                format!("Add {added} articles")
            };
            self.apply(&label, Edit::Batch(edits));
            self.view.article = first;
            self.view.selection = None;
        }
        if !decoded.is_empty() {
            self.notifications
                .info(format!("Read as: {}", decoded.join("; ")));
        }
        added
    }

    // ---- Frame --------------------------------------------------------------------------

    fn handle_keys(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        if let Some(typed) = self.swallow_next.take() {
            swallow_text(ctx, &typed);
        }
        if self.confirm.is_some()
            || self.recovery_offer.is_some()
            || self.view.dialog.is_some()
            || self.view.fact_picker.is_some()
        {
            return;
        }
        let focused = ctx.memory(egui::Memory::focused);
        let typing = focused.is_some_and(|id| Some(id) != self.view.reader_id);
        // The more specific (shifted) shortcuts first, so Ctrl+Z does not eat Ctrl+Shift+Z.
        let mut commands = Command::ALL.to_vec();
        commands.sort_by_key(|c| {
            std::cmp::Reverse(c.shortcut().map_or(0, |s| u8::from(s.modifiers.shift)))
        });
        for command in commands {
            let Some(shortcut) = command.shortcut() else {
                continue;
            };
            if command.yields_to_text_fields() && typing {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                if command.is_bare_key() {
                    self.swallow_next = swallow_typed_text(ctx, shortcut.logical_key);
                }
                actions.push(Action::Command(command));
            }
        }
        if !typing
            && self.view.find.is_none()
            && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
        {
            actions.push(Action::SelectClaim(None));
            self.view.collapse_selection = true;
        }
        if !typing && ctx.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::Y)) {
            actions.push(Action::Command(Command::Redo));
        }
        if !typing
            && ctx.input(|i| {
                i.events
                    .iter()
                    .any(|e| matches!(e, egui::Event::Text(t) if t == "?"))
            })
        {
            swallow_text(ctx, "?");
            actions.push(Action::Command(Command::Shortcuts));
        }
        if !typing {
            let parties: Vec<PartyId> = self
                .document
                .session()
                .parties()
                .iter()
                .map(|p| p.id)
                .collect();
            for (key, party) in PARTY_KEYS.iter().zip(parties) {
                if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, *key)) {
                    // The reader would take the digit as typing and drop its selection.
                    self.swallow_next = swallow_typed_text(ctx, *key);
                    actions.push(Action::Tag {
                        party,
                        selection: self.view.selection,
                    });
                }
            }
        }
    }

    fn menu_ui(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        let command_button = |ui: &mut Ui, command: Command, label: &str, enabled: bool| {
            let shortcut = command
                .shortcut()
                .map(|s| ui.ctx().format_shortcut(&s))
                .unwrap_or_default();
            let button = egui::Button::new(label).shortcut_text(shortcut);
            ui.add_enabled(enabled, button).clicked()
        };
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for command in [
                    Command::NewSession,
                    Command::OpenSession,
                    Command::OpenArticles,
                    Command::PasteArticle,
                    Command::Save,
                    Command::SaveAs,
                    Command::Export,
                    Command::Quit,
                ] {
                    if matches!(command, Command::Save | Command::Export | Command::Quit) {
                        ui.separator();
                    }
                    if command_button(ui, command, command.label(), true) {
                        actions.push(Action::Command(command));
                    }
                    if command == Command::OpenArticles {
                        ui.add_enabled_ui(!self.settings.recent.is_empty(), |ui| {
                            ui.menu_button("Open recent", |ui| {
                                for path in &self.settings.recent {
                                    let name = file_name(path);
                                    if ui
                                        .button(name)
                                        .on_hover_text(path.display().to_string())
                                        .clicked()
                                    {
                                        actions.push(Action::OpenSession(path.clone()));
                                    }
                                }
                            });
                        });
                    }
                }
            });
            ui.menu_button("Edit", |ui| {
                let undo = self
                    .document
                    .undo_label()
                    .map_or_else(|| "Undo".to_owned(), |l| format!("Undo {l}"));
                if command_button(
                    ui,
                    Command::Undo,
                    &undo,
                    self.document.undo_label().is_some(),
                ) {
                    actions.push(Action::Command(Command::Undo));
                }
                let redo = self
                    .document
                    .redo_label()
                    .map_or_else(|| "Redo".to_owned(), |l| format!("Redo {l}"));
                if command_button(
                    ui,
                    Command::Redo,
                    &redo,
                    self.document.redo_label().is_some(),
                ) {
                    actions.push(Action::Command(Command::Redo));
                }
                ui.separator();
                let has_article = self.view.article.is_some();
                for command in [
                    Command::Find,
                    Command::SearchClaims,
                    Command::ArticleDetails,
                ] {
                    let enabled = command == Command::SearchClaims || has_article;
                    if command_button(ui, command, command.label(), enabled) {
                        actions.push(Action::Command(command));
                    }
                }
            });
            ui.menu_button("Claim", |ui| {
                ui.label(RichText::new("Tag selection as party: keys 1–9").weak());
                ui.separator();
                let has_claim = self.selected_claim().is_some();
                for command in Command::ALL
                    .into_iter()
                    .filter(|c| c.group() == Group::Claim)
                {
                    let needs_claim = !matches!(
                        command,
                        Command::NextClaim | Command::PreviousClaim | Command::NextUntagged
                    );
                    if matches!(
                        command,
                        Command::NextClaim | Command::WidenEnd | Command::SplitClaim
                    ) {
                        ui.separator();
                    }
                    if command_button(ui, command, command.label(), has_claim || !needs_claim) {
                        actions.push(Action::Command(command));
                    }
                }
            });
            ui.menu_button("View", |ui| {
                for command in [
                    Command::ShowNarratives,
                    Command::ShowByFact,
                    Command::ShowMatrix,
                ] {
                    if command_button(
                        ui,
                        command,
                        &format!("Comparison: {}", command.label()),
                        true,
                    ) {
                        actions.push(Action::Command(command));
                    }
                }
                ui.separator();
                if command_button(ui, Command::Shortcuts, Command::Shortcuts.label(), true) {
                    actions.push(Action::Command(Command::Shortcuts));
                }
                ui.separator();
                egui::widgets::global_theme_preference_buttons(ui);
            });
        });
    }

    fn confirm_ui(&mut self, ctx: &egui::Context) {
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

    fn drop_ui(&mut self, ctx: &egui::Context) {
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
                "Drop articles (.txt, .md) or a .rashomon session",
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

    fn update_title(&mut self, ctx: &egui::Context) {
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

/// Removes the text a bare-key shortcut would also type, so no text field sees it.
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

fn is_session_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(storage::EXTENSION))
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

impl eframe::App for RashomonApp {
    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings.layout = self.view.layout;
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        let Some(autosave) = &self.autosave else {
            return;
        };
        if self.recovery_offer.is_some() {
            // The user never decided about the old work: leave it for next time.
            return;
        }
        if self.document.is_dirty() && !self.discard_on_exit {
            autosave.write_now(self.document.session(), &self.recovery_info());
        } else {
            autosave.delete_now();
        }
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        // Before any text is laid out: notice whether egui emptied its font atlas.
        crate::text::begin_frame(&ctx);
        for result in self.tasks.finished() {
            self.handle_result(result);
        }
        if ctx.input(|i| i.viewport().close_requested())
            && !self.allow_close
            && self.document.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm = Some(Pending::Quit);
        }

        let mut actions = Vec::new();
        self.handle_keys(&ctx, &mut actions);
        self.view.highlight_fact = self.view.hovered_fact.take();

        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui, &mut actions));
        egui::Panel::bottom("status").show(ui, |ui| {
            status_bar::status_bar_ui(ui, &self.document, self.tasks.running());
        });
        egui::Panel::left("sidebar")
            .resizable(true)
            .default_size(290.0)
            .size_range(220.0..=480.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("sidebar")
                    .show(ui, |ui| {
                        articles::articles_ui(ui, &self.document, &mut self.view, &mut actions);
                        ui.separator();
                        articles::parties_ui(ui, &self.document, &mut self.view, &mut actions);
                        ui.separator();
                        inspector::inspector_ui(ui, &self.document, &mut self.view, &mut actions);
                        inspector::orphans_ui(ui, &self.document, &self.view, &mut actions);
                    });
            });
        let half = (ui.available_width() * 0.5).max(320.0);
        egui::Panel::right("comparison")
            .resizable(true)
            .default_size(half)
            .size_range(300.0..=ui.available_width().max(320.0) - 320.0)
            .show(ui, |ui| {
                comparison::comparison_ui(ui, &self.document, &mut self.view, &mut actions);
            });
        egui::CentralPanel::default().show(ui, |ui| {
            reader::reader_ui(ui, &self.document, &mut self.view, &mut actions);
        });

        dialogs::dialog_ui(&ctx, &mut self.view, &self.document, &mut actions);
        dialogs::fact_picker_ui(&ctx, &mut self.view, &self.document, &mut actions);
        self.confirm_ui(&ctx);
        self.recovery_ui(&ctx);
        self.notifications.ui(&ctx);
        self.drop_ui(&ctx);
        for action in actions {
            self.run(action);
        }
        self.update_title(&ctx);
        self.autosave_tick(&ctx);
        if self.view.hovered_fact != self.view.highlight_fact {
            ctx.request_repaint();
        }
    }
}
