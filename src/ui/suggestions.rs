//! Suggestions in the window: found on a worker thread for each article whose text or whose
//! session's party names changed, kept until they change again, and read by the reader
//! (dashed outlines), the sidebar (the list) and the keys (Tab, Enter, a digit, Backspace,
//! Alt+arrows). Also the fact ranking the fact picker opens with, built on a worker after an
//! edit so that opening the picker costs a lookup.
//!
//! Nothing here changes the session: accepting and rejecting are edits the model makes
//! (`suggest::accept`, `suggest::reject`), applied by the app like any other.

use std::collections::HashMap;
use std::hash::{Hash as _, Hasher as _};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

use crate::history::Document;
use crate::model::{Article, ArticleId, Nudge, Party, Session, TextSpan};
use crate::suggest::{ClaimSuggestion, FactIndex, RankedFact, Suggester, open_suggestions};

/// How many open suggestions after the current one have their meaning read ahead.
const READ_AHEAD: usize = 4;

/// How long the document stays unchanged before the fact ranking is built again.
const FACTS_AFTER: std::time::Duration = std::time::Duration::from_millis(400);

/// The suggestions found in one article, for the text and parties they were found with.
struct Found {
    key: u64,
    all: Vec<ClaimSuggestion>,
}

enum Done {
    Article {
        article: ArticleId,
        key: u64,
        all: Vec<ClaimSuggestion>,
    },
    Facts {
        version: u64,
        index: Arc<FactIndex>,
    },
}

/// A suggestion's words for the window: its fonts have no "→", so the arrow of "he →
/// Zakharova" is drawn as "›".
pub fn for_window(text: &str) -> String {
    text.replace('\u{2192}', "\u{203a}")
}

/// The shown article's suggestions, as the reader and the sidebar draw them.
#[derive(Clone, Debug, Default)]
pub struct Shown {
    pub open: Arc<Vec<ClaimSuggestion>>,
    /// The one Tab went to: where it was found, and its edges as adjusted.
    pub current: Option<(TextSpan, TextSpan)>,
    /// The article is still being read.
    pub finding: bool,
    pub hidden: bool,
}

/// The suggestion Tab went to, with its edges as the analyst adjusted them.
#[derive(Clone, Debug, PartialEq)]
pub struct Current {
    pub suggestion: ClaimSuggestion,
    /// Where the suggestion was found (to tell it apart from the others).
    pub found_at: TextSpan,
}

pub struct Suggestions {
    found: HashMap<ArticleId, Found>,
    /// Articles being looked at, by the key they are looked at for.
    pending: HashMap<ArticleId, u64>,
    /// The document version whose articles were last checked.
    checked: Option<u64>,
    /// Which document that was: versions start again with each document opened.
    generation: u64,
    /// The open suggestions of one article, for (article, version, found key).
    open_key: Option<(ArticleId, u64, u64)>,
    open: Arc<Vec<ClaimSuggestion>>,
    facts: Option<(u64, Arc<FactIndex>)>,
    facts_pending: Option<u64>,
    /// When the document last changed: the fact ranking is built again once it has been
    /// still for [`FACTS_AFTER`], so typing edits do not each copy the session.
    changed_at: std::time::Instant,
    pub current: Option<Current>,
    /// The analyst hid suggestions (View menu).
    pub hidden: bool,
    sender: Sender<Done>,
    receiver: Receiver<Done>,
    workers: Vec<JoinHandle<()>>,
    ctx: egui::Context,
    /// The semantic model's vectors (the third signal of the fact ranking).
    pub semantic: super::semantic::Semantic,
    /// The article whose open suggestions were last asked for: its next suggestions get
    /// their meaning read ahead of the fact picker.
    shown: Option<ArticleId>,
    /// The claim selected in the window.
    selected: Option<crate::model::ClaimId>,
    /// (version, selected claim, current suggestion) whose texts were last sent to the model.
    embedded: Option<(u64, Option<crate::model::ClaimId>, Option<TextSpan>)>,
}

/// What the suggestions of an article were found for: its text and the parties' names and
/// aliases. Hashed once per document version, not per frame.
fn key_of(article: &Article, parties: &[Party]) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    article.text.hash(&mut hasher);
    for party in parties {
        (party.id, &party.name, &party.aliases).hash(&mut hasher);
    }
    hasher.finish()
}

impl Suggestions {
    pub fn new(ctx: egui::Context) -> Self {
        let (sender, receiver) = channel();
        Self {
            found: HashMap::new(),
            pending: HashMap::new(),
            checked: None,
            generation: 0,
            open_key: None,
            open: Arc::new(Vec::new()),
            facts: None,
            facts_pending: None,
            changed_at: std::time::Instant::now(),
            current: None,
            hidden: false,
            sender,
            receiver,
            workers: Vec::new(),
            semantic: super::semantic::Semantic::new(ctx.clone()),
            ctx,
            shown: None,
            selected: None,
            embedded: None,
        }
    }

    /// Takes finished work and starts what the document's changes call for. Costs a hash
    /// of the texts after an edit, nothing in other frames.
    pub fn update(&mut self, document: &Document, generation: u64) {
        if generation != self.generation {
            // Another document: what was found (and is still being found) is for the old
            // one, whose ids and versions mean other things here.
            self.generation = generation;
            self.found.clear();
            self.pending.clear();
            self.checked = None;
            self.open_key = None;
            self.facts = None;
            self.facts_pending = None;
            self.current = None;
            // Versions start again: what was read ahead was keyed by the old document's.
            self.embedded = None;
            while self.receiver.try_recv().is_ok() {}
            let (sender, receiver) = channel();
            self.sender = sender;
            self.receiver = receiver;
        }
        self.receive();
        self.semantic.receive();
        self.build_fact_ranking(document, false);
        self.read_meaning_ahead(document);
        let version = document.version();
        if self.checked == Some(version) {
            return;
        }
        self.checked = Some(version);
        self.changed_at = std::time::Instant::now();
        let session = document.session();
        let mut jobs = Vec::new();
        for article in session.articles() {
            let key = key_of(article, session.parties());
            let known = self.found.get(&article.id).is_some_and(|f| f.key == key);
            if !known && self.pending.get(&article.id) != Some(&key) {
                self.pending.insert(article.id, key);
                jobs.push((key, article.clone()));
            }
        }
        self.found.retain(|id, _| session.article(*id).is_some());
        if !jobs.is_empty() {
            let parties = session.parties().to_vec();
            let sender = self.sender.clone();
            let ctx = self.ctx.clone();
            self.workers.push(std::thread::spawn(move || {
                let suggester = Suggester::new(&parties);
                for (key, article) in jobs {
                    let all = suggester.claims(&article);
                    let _ = sender.send(Done::Article {
                        article: article.id,
                        key,
                        all,
                    });
                    ctx.request_repaint();
                }
            }));
        }
        if !session.facts().is_empty() {
            self.ctx.request_repaint_after(FACTS_AFTER);
        }
        self.workers.retain(|w| !w.is_finished());
    }

    /// Sends the model what the fact picker will need next, a bounded amount per edit
    /// whatever the session's size: every fact's statement (read once, then cached), the
    /// selected claim (a claim just tagged is selected), the suggestion Tab went to and the
    /// few open ones after it. A claim the picker opens on before its meaning is read is
    /// asked for then, and the picker takes it when it comes.
    fn read_meaning_ahead(&mut self, document: &Document) {
        let key = (document.version(), self.selected, self.current_span());
        if self.embedded == Some(key)
            || *self.semantic.state() == super::semantic::ModelState::NotInstalled
        {
            return;
        }
        let facts_changed = self.embedded.is_none_or(|(v, _, _)| v != key.0);
        self.embedded = Some(key);
        let session = document.session();
        if facts_changed {
            self.semantic.request(
                super::semantic::Reading::Fact,
                session.facts().iter().map(|f| f.statement.as_str()),
            );
        }
        let selected = self
            .selected
            .and_then(|c| session.claim(c))
            .map(|c| c.anchor.quote.as_str());
        let mut ahead: Vec<&str> = selected.into_iter().collect();
        if let Some(article) = self.shown
            && let Some(text) = session.article(article).map(|a| a.text.as_str())
        {
            let from = self.current.as_ref().map_or(0, |c| c.found_at.start.0);
            ahead.extend(
                self.open
                    .iter()
                    .filter(|s| s.article == article && s.span.start.0 >= from)
                    .take(READ_AHEAD)
                    .filter_map(|s| text.get(s.span.range())),
            );
        }
        self.semantic
            .request(super::semantic::Reading::Claim, ahead.into_iter());
    }

    /// Where the suggestion Tab went to was found.
    fn current_span(&self) -> Option<TextSpan> {
        self.current.as_ref().map(|c| c.found_at)
    }

    /// The claim selected in the window (its meaning is read ahead of the fact picker).
    pub fn select_claim(&mut self, claim: Option<crate::model::ClaimId>) {
        self.selected = claim;
    }

    /// Asks for a claim's meaning now (the fact picker opened on it before it was read).
    pub fn read_claim(&mut self, session: &Session, claim: crate::model::ClaimId) {
        if let Some(claim) = session.claim(claim) {
            self.semantic.request(
                super::semantic::Reading::Claim,
                std::iter::once(claim.anchor.quote.as_str()),
            );
        }
    }

    /// Builds the fact ranking on a worker when it is out of date and the document has been
    /// still for a moment (or `now`).
    fn build_fact_ranking(&mut self, document: &Document, now: bool) {
        let version = document.version();
        let stale = self.facts.as_ref().is_none_or(|(v, _)| *v != version);
        let still = now || self.changed_at.elapsed() >= FACTS_AFTER;
        if !stale || !still || self.facts_pending.is_some() || document.session().facts().is_empty()
        {
            return;
        }
        self.facts_pending = Some(version);
        let session = document.session().clone();
        let sender = self.sender.clone();
        let ctx = self.ctx.clone();
        self.workers.push(std::thread::spawn(move || {
            let index = Arc::new(FactIndex::new(&session));
            let _ = sender.send(Done::Facts { version, index });
            ctx.request_repaint();
        }));
    }

    fn receive(&mut self) {
        while let Ok(done) = self.receiver.try_recv() {
            match done {
                Done::Article { article, key, all } => {
                    if self.pending.get(&article) == Some(&key) {
                        self.pending.remove(&article);
                        self.found.insert(article, Found { key, all });
                    }
                }
                Done::Facts { version, index } => {
                    self.facts_pending = None;
                    self.facts = Some((version, index));
                }
            }
        }
    }

    /// Waits for every worker and takes their results (tests: join, do not count frames).
    pub fn wait(&mut self, document: &Document, generation: u64) {
        loop {
            self.update(document, generation);
            self.build_fact_ranking(document, true);
            if self.workers.is_empty() {
                break;
            }
            for worker in self.workers.drain(..) {
                let _ = worker.join();
            }
            self.receive();
        }
        self.read_meaning_ahead(document);
        self.semantic.wait();
    }

    /// Whether an article is still being looked at.
    pub fn is_finding(&self, article: ArticleId) -> bool {
        self.pending.contains_key(&article)
    }

    /// The suggestions still open in an article (not tagged, not rejected), in reading
    /// order; none while hidden.
    pub fn open_in(
        &mut self,
        document: &Document,
        article: ArticleId,
    ) -> Arc<Vec<ClaimSuggestion>> {
        self.shown = Some(article);
        let Some(found) = self.found.get(&article) else {
            return Arc::default();
        };
        let key = (article, document.version(), found.key);
        if self.open_key != Some(key) {
            self.open = Arc::new(open_suggestions(document.session(), &found.all));
            self.open_key = Some(key);
        }
        self.open.clone()
    }

    /// Goes to the next (or previous) open suggestion after byte `from` of an article,
    /// round to the first (last) at the end.
    pub fn step(
        &mut self,
        document: &Document,
        article: ArticleId,
        from: usize,
        forward: bool,
    ) -> Option<ClaimSuggestion> {
        let current = self.current.as_ref().map(|c| c.found_at);
        let open = self.open_in(document, article);
        let open = open.as_slice();
        let chosen = if forward {
            open.iter()
                .find(|s| {
                    s.span.start.0 > from || (s.span.start.0 == from && Some(s.span) != current)
                })
                .or_else(|| open.first())
        } else {
            open.iter()
                .rev()
                .find(|s| s.span.start.0 < from)
                .or_else(|| open.last())
        }
        .cloned()?;
        self.current = Some(Current {
            found_at: chosen.span,
            suggestion: chosen.clone(),
        });
        Some(chosen)
    }

    /// Moves an edge of the current suggestion by a word; its new span.
    pub fn nudge(&mut self, session: &Session, nudge: Nudge) -> Option<TextSpan> {
        let current = self.current.as_mut()?;
        let text = &session.article(current.suggestion.article)?.text;
        let moved = crate::model::nudged_span(text, current.suggestion.span, nudge);
        let moved = crate::model::span::trim_span(text, moved)?;
        current.suggestion.span = moved;
        Some(moved)
    }

    /// The facts ranked for a claim, from the index of the latest version built (the claim
    /// itself left out); empty until the first index is built.
    pub fn ranked_facts(&self, session: &Session, claim: crate::model::ClaimId) -> Vec<RankedFact> {
        let Some((_, index)) = &self.facts else {
            return Vec::new();
        };
        let closeness = self.semantic.closeness(session, claim);
        let Some(claim) = session.claim(claim) else {
            return Vec::new();
        };
        index.rank_with(session, claim, closeness.as_ref())
    }

    /// How the facts for a claim are ranked, in a line for the fact picker.
    pub fn ranking_note(&self, session: &Session, claim: crate::model::ClaimId) -> String {
        self.semantic
            .note(self.semantic.closeness(session, claim).is_some())
    }
}
