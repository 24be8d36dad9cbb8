//! The document's life: opening sessions and articles, saving, exporting, the recovery
//! file, reading an article's text again, duplicates; and what background tasks report.
//! File work runs on task threads (see [`crate::ui::tasks`]); here it is started and its
//! results are taken in.

use std::path::{Path, PathBuf};

use rfd::AsyncFileDialog;

use super::{RashomonApp, chrome::file_name, chrome::is_session_file};
use crate::export::{ExportOptions, Format};
use crate::history::Document;
use crate::model::{ArticleId, Edit, Session};
use crate::storage;
use crate::ui::actions::{DialogRequest, Pending, Selection, TextSource, count};
use crate::ui::dialogs::Dialogs;
use crate::ui::reader::Reader;
use crate::ui::sidebar::Sidebar;
use crate::ui::tasks::{self, AfterSave, TaskResult};

/// What the status bar calls a save while it runs.
const SAVING: &str = "Saving";

/// A save asked for while another was being written: it follows that one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum QueuedSave {
    Save(AfterSave),
    SaveAs(AfterSave),
}

impl RashomonApp {
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

    pub(super) fn replace_document(&mut self, document: Document) {
        let recovery_file = self.new_recovery_file(&document.display_name());
        self.replace_document_with(document, None, recovery_file);
    }

    /// Replaces the document; `known` is its file as read, `recovery_file` where its unsaved
    /// work will be autosaved (the old document's recovery file goes: its work was saved or
    /// thrown away before this was asked).
    pub(super) fn replace_document_with(
        &mut self,
        document: Document,
        known: Option<storage::DiskVersion>,
        recovery_file: Option<storage::recovery::RecoveryFile>,
    ) {
        if let (Some(autosave), Some(file)) = (&mut self.autosave, recovery_file) {
            autosave.retarget(file);
        }
        self.guard_file(document.path.clone().as_deref(), known);
        self.document = document;
        self.generation += 1;
        self.selection = Selection {
            article: self.document.session().articles().first().map(|a| a.id),
            ..Selection::default()
        };
        self.hover = None;
        self.reader = Reader::default();
        self.comparison.reset();
        self.sidebar = Sidebar::default();
        self.dialogs = Dialogs::default();
        self.team.close();
        self.naming = super::team::Naming::NotAsked;
    }

    pub(super) fn paste_article(&mut self) {
        self.tasks.spawn("Reading the clipboard", || {
            TaskResult::ArticlesRead(vec![crate::import::from_clipboard()])
        });
    }

    /// Runs `pending` now, or first asks what to do with unsaved changes.
    pub(super) fn request(&mut self, pending: Pending) {
        if self.document.is_dirty() {
            self.confirm = Some(pending);
        } else {
            self.perform(pending);
        }
    }

    pub(super) fn perform(&mut self, pending: Pending) {
        match pending {
            Pending::NewSession => self.replace_document(Document::new(Session::new())),
            Pending::OpenSessionDialog => {
                self.tasks.spawn_asking("Opening session", || {
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
                    // What interrupted saves of this file left beside it goes now.
                    if let (Ok(real), true) = (storage::resolve_links(&path), result.is_ok())
                        && let (Some(folder), Some(name)) = (real.parent(), real.file_name())
                    {
                        storage::clean_stale_temporaries(folder, name, storage::STALE_AFTER);
                    }
                    TaskResult::SessionRead { path, result }
                });
            }
            Pending::Restore(path) => self.restore(&path),
            Pending::Quit => {
                // Quitting with unsaved work means the user chose not to save it.
                self.discard_on_exit = self.document.is_dirty();
                self.allow_close = true;
                self.tasks_ctx()
                    .send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn tasks_ctx(&self) -> egui::Context {
        self.tasks.ctx()
    }

    pub(super) fn open_articles_dialog(&mut self) {
        self.tasks
            .spawn_asking_with_progress("Opening articles", |progress| {
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

    pub(super) fn save(&mut self, then: AfterSave) {
        if self.save_is_running() {
            self.queued_save = Some(QueuedSave::Save(then));
            return;
        }
        match self.document.path.clone() {
            Some(path) => self.spawn_save(path, then),
            None => self.save_as(then),
        }
    }

    /// Whether a save is being written (or its dialog is open) now.
    pub(super) fn save_is_running(&self) -> bool {
        self.tasks.running().iter().any(|task| task.what == SAVING)
    }

    /// Starts the save asked for while another was running, once that one is done. It
    /// writes the session as it is then, so it takes in every edit made meanwhile.
    pub(super) fn start_queued_save(&mut self) {
        if self.save_is_running() {
            return;
        }
        match self.queued_save.take() {
            Some(QueuedSave::Save(then)) => self.save(then),
            Some(QueuedSave::SaveAs(then)) => self.save_as(then),
            None => {}
        }
    }

    pub(super) fn spawn_save(&mut self, path: PathBuf, then: AfterSave) {
        self.spawn_save_with(path, then, false);
    }

    /// Saves to `path`; `keep_theirs` overwrites a file changed elsewhere, keeping it as a
    /// copy first, instead of refusing.
    pub(super) fn spawn_save_with(&mut self, path: PathBuf, then: AfterSave, keep_theirs: bool) {
        let write = self.session_write(path, then, keep_theirs);
        self.tasks
            .spawn(SAVING, move || tasks::write_session(write));
    }

    fn session_write(
        &self,
        path: PathBuf,
        then: AfterSave,
        keep_theirs: bool,
    ) -> tasks::SessionWrite {
        let mut session = self.document.session().clone();
        session.modified = chrono::Utc::now();
        tasks::SessionWrite {
            known: self.on_disk.as_ref().and_then(|d| d.known_for(&path)),
            path,
            session,
            version: self.document.version(),
            generation: self.generation,
            keep_theirs,
            then,
        }
    }

    pub(super) fn save_as(&mut self, then: AfterSave) {
        if self.save_is_running() {
            self.queued_save = Some(QueuedSave::SaveAs(then));
            return;
        }
        // Checked against the open file only if the same one is chosen again.
        let mut write = self.session_write(PathBuf::new(), then, false);
        let known = self.on_disk.as_ref().and_then(|d| d.known_for(d.path()));
        let open = self.on_disk.as_ref().map(|d| d.path().to_owned());
        let dialog = self.save_dialog("Save session as", "Rashomon session", storage::EXTENSION);
        self.tasks.spawn_asking(SAVING, move || match dialog.ask() {
            Some(path) => {
                write.known = known.filter(|_| open.as_deref() == Some(path.as_path()));
                write.path = path;
                tasks::write_session(write)
            }
            None => TaskResult::Cancelled,
        });
    }

    pub(super) fn export_to_file(&mut self, format: Format, mut options: ExportOptions) {
        let session = self.document.session().clone();
        if options.title.trim().is_empty() {
            options.title = self.report_title();
        }
        let dialog = self.save_dialog(
            &format!("Export {}", format.label()),
            format.label(),
            format.extension(),
        );
        self.tasks
            .spawn_asking("Exporting", move || match dialog.ask() {
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

    pub(super) fn handle_result(&mut self, result: TaskResult) {
        match result {
            TaskResult::ArticlesRead(results) => self.add_articles(results),
            TaskResult::TextRead { article, result } => match result {
                Ok(imported) => self.replace_text(article, imported),
                Err(error) => self.notifications.error(error.to_string()),
            },
            TaskResult::Reanchored {
                article,
                version,
                imported,
                claims,
                report,
            } => self.reanchored(article, version, *imported, claims, &report),
            TaskResult::SessionRead { path, result } => match result {
                Ok(loaded) => {
                    let disk = loaded.disk.clone();
                    self.open_loaded(loaded, &path, disk);
                }
                Err(error) => self
                    .notifications
                    .error(format!("Could not open {}: {error}", file_name(&path))),
            },
            TaskResult::Reloaded { path, result, kept } => self.reloaded(&path, result, kept),
            TaskResult::DiskChecked { path, result } => self.disk_checked(&path, result),
            TaskResult::Saved {
                path,
                version,
                generation,
                result,
                then,
                kept,
            } => self.saved(&path, version, generation, result, then, kept),
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
            TaskResult::Compared {
                path,
                version,
                result,
            } => self.compared(path, version, result),
            TaskResult::MergeComputed {
                path,
                version,
                result,
            } => self.merge_computed(&path, version, result),
            TaskResult::Cancelled => {}
            TaskResult::RecoveryScanned(scan) => self.recovery_scanned(scan),
        }
    }

    /// A session read from `path` takes the window.
    pub(super) fn open_loaded(
        &mut self,
        loaded: storage::Loaded,
        path: &Path,
        disk: Option<storage::DiskVersion>,
    ) {
        self.remember_recent(path);
        let document = Document::opened(loaded.session, path.to_owned());
        let recovery_file = self.new_recovery_file(&document.display_name());
        self.replace_document_with(document, disk, recovery_file);
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

    fn saved(
        &mut self,
        path: &Path,
        version: u64,
        generation: u64,
        result: Result<storage::DiskVersion, storage::SaveError>,
        then: AfterSave,
        kept: Option<PathBuf>,
    ) {
        match result {
            Ok(disk) => {
                self.remember_recent(path);
                if generation == self.generation {
                    let same_file = self.on_disk.as_ref().is_some_and(|d| d.path() == path);
                    if same_file {
                        if let Some(on_disk) = &mut self.on_disk {
                            on_disk.saved(disk);
                        }
                    } else {
                        self.guard_file(Some(path), Some(disk));
                    }
                    self.document.mark_saved_version(path.to_owned(), version);
                }
                if let Some(kept) = kept {
                    self.notifications.info(format!(
                        "Saved your version over “{}”; the version that was on disk was kept as {}.",
                        file_name(path),
                        kept.display()
                    ));
                }
                if let AfterSave::Continue(pending) = then {
                    self.perform(pending);
                }
            }
            Err(storage::SaveError::ChangedOnDisk { .. }) if generation == self.generation => {
                // Nothing was written; what waited for the save waits for the analyst.
                if let Some(on_disk) = self.on_disk.as_mut().filter(|d| d.path() == path) {
                    on_disk.conflict = Some(super::on_disk::Conflict { on_save: true });
                } else {
                    self.notifications.error(format!(
                        "Not saved: {} was changed by another program or window. Save under another name.",
                        path.display()
                    ));
                }
            }
            Err(error @ storage::SaveError::NotASession(_)) => {
                self.notifications.error(format!("Not saved: {error}"));
            }
            Err(error) => self.notifications.error(format!(
                "{error}. Your work is still here, unsaved; try another folder."
            )),
        }
    }

    fn remember_recent(&mut self, path: &Path) {
        let recent = &mut self.settings.recent;
        recent.retain(|p| p != path);
        recent.insert(0, path.to_owned());
        recent.truncate(super::MAX_RECENT);
    }

    pub(super) fn recovery_info(&self) -> storage::Recovery {
        recovery_info(&self.document, self.on_disk.as_ref())
    }

    pub(super) fn autosave_tick(&mut self, ctx: &egui::Context) {
        let Some(autosave) = &mut self.autosave else {
            return;
        };
        let document = &self.document;
        let on_disk = self.on_disk.as_ref();
        let recovery = || recovery_info(document, on_disk);
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
            if self.dialogs.is_open() {
                problems.extend(duplicates.iter().map(|(imported, title)| {
                    format!(
                        "{}: the same text is already in the session as “{title}”; skipped.",
                        imported.meta.source
                    )
                }));
            } else {
                self.dialogs
                    .open(DialogRequest::Duplicates(duplicates), &self.document);
            }
        }
        if !problems.is_empty() {
            let text = if added == 0 {
                format!(
                    "No article could be opened ({}).",
                    count(problems.len(), "problem", "problems")
                )
            } else {
                format!(
                    "Opened {}; {} not added.",
                    count(added, "article", "articles"),
                    count(problems.len(), "file was", "files were")
                )
            };
            // The file names and reasons go in the details, one per line, not in the headline.
            let summary = if problems.len() == 1 {
                problems[0].clone()
            } else {
                text
            };
            self.notifications.warning(summary, problems);
        }
    }

    pub(super) fn read_text_again(&mut self, article: ArticleId, from: TextSource) {
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
                        result: crate::import::contained::import_file(&source),
                    });
            }
            TextSource::SameFileAs(encoding) => {
                self.tasks
                    .spawn("Reading the article again", move || TaskResult::TextRead {
                        article,
                        result: crate::import::contained::import_file_as(&source, encoding),
                    });
            }
            TextSource::PickFile => {
                let folder = source.parent().map(Path::to_path_buf);
                self.tasks
                    .spawn_asking("Replacing the article's text", move || {
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
                                result: crate::import::contained::import_file(file.path()),
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
        let Some((old_len, claims)) = session.reanchoring_input(article) else {
            return;
        };
        // Placing thousands of claims in a long text takes a while: on a worker, with
        // progress, while the window goes on; the edit is made when it is done.
        let version = self.document.version();
        self.tasks
            .spawn_with_progress("Placing the claims again", move |progress| {
                progress.set_total(claims.len());
                let (claims, report) =
                    crate::model::reanchor(claims, old_len, &imported.text, &|| progress.advance());
                TaskResult::Reanchored {
                    article,
                    version,
                    imported: Box::new(imported),
                    claims,
                    report,
                }
            });
    }

    /// Applies the claims placed on a worker as one undoable step, unless the session changed
    /// meanwhile: then they are placed again from the session as it is now.
    fn reanchored(
        &mut self,
        article: ArticleId,
        version: u64,
        imported: crate::import::ImportedArticle,
        claims: Vec<crate::model::Claim>,
        report: &crate::model::Reanchored,
    ) {
        if self.document.version() != version {
            self.replace_text(article, imported);
            return;
        }
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
        let edit = Edit::ReplaceArticleText {
            article,
            text: imported.text,
            claims,
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
    pub(super) fn insert_articles(
        &mut self,
        articles: Vec<crate::import::ImportedArticle>,
    ) -> usize {
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
            self.selection.article = first;
            self.selection.text = None;
        }
        // One file says it in a line; many say how many, each on a line of its own below.
        match decoded.len() {
            0 => {}
            1 => self.notifications.info(format!("Read as: {}", decoded[0])),
            n => self.notifications.info_with_details(
                format!("{n} articles were read in an encoding other than UTF-8"),
                decoded,
            ),
        }
        added
    }
}

/// What a recovery file says about the document whose work it keeps.
fn recovery_info(
    document: &Document,
    on_disk: Option<&super::on_disk::OnDisk>,
) -> storage::Recovery {
    storage::Recovery {
        saved_at: chrono::Utc::now(),
        original: document.path.clone(),
        name: document.display_name(),
        original_content: document
            .path
            .as_deref()
            .and_then(|path| on_disk.and_then(|d| d.known_for(path)))
            .map(|known| known.content()),
    }
}
