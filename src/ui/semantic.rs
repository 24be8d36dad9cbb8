//! The semantic model in the window: one worker thread that loads the model the first time
//! it is needed and embeds texts asked for (the facts' statements; the unlinked claims and
//! the open suggestions of the article shown, so that the fact picker opens with their
//! meaning already known), reading and filling the vector cache beside the model.
//!
//! The UI thread keeps the vectors that came back, by text; it never waits for the model.
//! Without the model installed nothing runs, and the fact picker says that ranking is by
//! words only and how to turn meaning on.

use std::collections::{HashMap, HashSet};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

use crate::embedding::{self, Embedder, Kind, cache::VectorCache};
use crate::model::{ClaimId, Session};
use crate::suggest::Closeness;

/// Texts per job sent to the worker.
const JOB_TEXTS: usize = 16;
/// How often the worker writes the vector cache while it reads facts.
const SAVE_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

/// Where the model stands, for the fact picker's note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModelState {
    NotInstalled,
    Loading,
    Ready,
    Failed(String),
}

enum Reply {
    Loaded(Result<(), String>),
    Vectors(Vec<(u64, Vec<f32>)>),
    /// One job done (whatever it gave).
    Done,
}

/// What a text is read as: a claim's quote (the fact picker waits for it) or a fact's
/// statement (read once and cached; two readings, see [`embedding::fact_vector`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    Claim,
    Fact,
}

impl Reading {
    /// The model's readings of such a text.
    fn kinds(self) -> &'static [Kind] {
        match self {
            Self::Claim => &[Kind::Query],
            Self::Fact => &[Kind::Query, Kind::Passage],
        }
    }
}

pub struct Semantic {
    state: ModelState,
    vectors: HashMap<u64, Vec<f32>>,
    asked: HashSet<u64>,
    jobs: Option<Sender<(Reading, Vec<String>)>>,
    replies: Option<Receiver<Reply>>,
    pending: usize,
    worker: Option<JoinHandle<()>>,
    ctx: egui::Context,
}

impl Semantic {
    pub fn new(ctx: egui::Context) -> Self {
        Self {
            state: if embedding::install::installed().is_some() {
                ModelState::Loading
            } else {
                ModelState::NotInstalled
            },
            vectors: HashMap::new(),
            asked: HashSet::new(),
            jobs: None,
            replies: None,
            pending: 0,
            worker: None,
            ctx,
        }
    }

    pub fn state(&self) -> &ModelState {
        &self.state
    }

    /// One line for the fact picker on how its facts are ranked.
    pub fn note(&self, closeness_known: bool) -> String {
        match &self.state {
            ModelState::Ready if closeness_known => "Ranked by words and meaning".to_owned(),
            ModelState::Ready | ModelState::Loading => {
                "Ranked by words; the meaning of this claim is still being read".to_owned()
            }
            ModelState::NotInstalled => "Ranked by words only: semantic ranking is off. Run `rashomon model install` to rank facts across languages.".to_owned(),
            ModelState::Failed(reason) => format!("Ranked by words only: {reason}"),
        }
    }

    /// Asks for the vectors of texts not known or asked yet. Starts the worker the first
    /// time; does nothing without the model.
    pub fn request<'a>(&mut self, reading: Reading, texts: impl Iterator<Item = &'a str>) {
        if matches!(self.state, ModelState::NotInstalled | ModelState::Failed(_)) {
            return;
        }
        let mut wanted = Vec::new();
        for text in texts {
            let mut missing = false;
            for &kind in reading.kinds() {
                let key = embedding::cache::key(kind, text);
                missing |= !self.vectors.contains_key(&key) && self.asked.insert(key);
            }
            if missing {
                wanted.push(text.to_owned());
            }
        }
        if wanted.is_empty() {
            return;
        }
        if self.jobs.is_none() {
            self.start();
        }
        // Small jobs, so that a claim just tagged is read between two of them rather than
        // after all of a session's facts (the worker takes claims first).
        if let Some(jobs) = &self.jobs {
            for chunk in wanted.chunks(JOB_TEXTS) {
                if jobs.send((reading, chunk.to_vec())).is_ok() {
                    self.pending += 1;
                }
            }
        }
    }

    fn start(&mut self) {
        let Some(path) = embedding::install::installed() else {
            self.state = ModelState::NotInstalled;
            return;
        };
        let (jobs, job_receiver) = channel::<(Reading, Vec<String>)>();
        let (reply_sender, replies) = channel();
        let ctx = self.ctx.clone();
        self.worker = Some(std::thread::spawn(move || {
            let model = match Embedder::load(&path) {
                Ok(model) => model,
                Err(error) => {
                    let _ = reply_sender.send(Reply::Loaded(Err(error.to_string())));
                    ctx.request_repaint();
                    // Answer every job, so a waiting test is not left waiting.
                    while job_receiver.recv().is_ok() {
                        let _ = reply_sender.send(Reply::Done);
                    }
                    return;
                }
            };
            let _ = reply_sender.send(Reply::Loaded(Ok(())));
            let mut cache = embedding::install::cache_path().map_or_else(
                || VectorCache::in_memory(model.dimensions()),
                |p| VectorCache::open(&p, model.dimensions()),
            );
            let mut queue: std::collections::VecDeque<(Reading, Vec<String>)> =
                std::collections::VecDeque::new();
            let mut saved = std::time::Instant::now();
            loop {
                if queue.is_empty() {
                    match job_receiver.recv() {
                        Ok(job) => queue.push_back(job),
                        Err(_) => break,
                    }
                }
                queue.extend(job_receiver.try_iter());
                // Claims first: the fact picker waits for them; facts are read once.
                let next = queue
                    .iter()
                    .position(|(reading, _)| *reading == Reading::Claim)
                    .unwrap_or(0);
                let Some((reading, texts)) = queue.remove(next) else {
                    continue;
                };
                let mut found = Vec::new();
                for &kind in reading.kinds() {
                    let vectors = embedding::vectors_of(
                        &model,
                        &mut cache,
                        kind,
                        texts.iter().map(|t| (t.as_str(), t.as_str())),
                    );
                    found.extend(
                        vectors
                            .into_iter()
                            .map(|(text, v)| (embedding::cache::key(kind, text), v)),
                    );
                }
                let _ = reply_sender.send(Reply::Vectors(found));
                let _ = reply_sender.send(Reply::Done);
                ctx.request_repaint();
                // Only fact statements are worth keeping across sessions; kept every few
                // seconds while a session's facts are read, so a long first read is not lost.
                if reading == Reading::Fact && (queue.is_empty() || saved.elapsed() >= SAVE_EVERY) {
                    let _ = cache.save();
                    saved = std::time::Instant::now();
                }
            }
        }));
        self.jobs = Some(jobs);
        self.replies = Some(replies);
    }

    /// Takes the vectors that came back; whether any did.
    pub fn receive(&mut self) -> bool {
        let mut any = false;
        while let Some(reply) = self.replies.as_ref().and_then(|r| r.try_recv().ok()) {
            any |= self.take(reply);
        }
        any
    }

    fn take(&mut self, reply: Reply) -> bool {
        match reply {
            Reply::Loaded(Ok(())) => self.state = ModelState::Ready,
            Reply::Loaded(Err(reason)) => self.state = ModelState::Failed(reason),
            Reply::Vectors(found) => {
                for (key, vector) in found {
                    self.vectors.insert(key, vector);
                }
                return true;
            }
            Reply::Done => self.pending = self.pending.saturating_sub(1),
        }
        false
    }

    /// Blocks until every job asked so far is done (tests: join, never count frames).
    pub fn wait(&mut self) {
        while self.pending > 0 {
            let Some(Ok(reply)) = self.replies.as_ref().map(Receiver::recv) else {
                return;
            };
            self.take(reply);
        }
    }

    /// A text's vector, if it came back.
    pub fn vector(&self, kind: Kind, text: &str) -> Option<&[f32]> {
        self.vectors
            .get(&embedding::cache::key(kind, text))
            .map(Vec::as_slice)
    }

    /// The claim's closeness to every fact, when its vector and every fact's are known.
    pub fn closeness(&self, session: &Session, claim: ClaimId) -> Option<Closeness> {
        let claim = session.claim(claim)?;
        let vector = self.vector(Kind::Query, &claim.anchor.quote)?;
        session
            .facts()
            .iter()
            .map(|fact| {
                let as_query = self.vector(Kind::Query, &fact.statement)?;
                let as_passage = self.vector(Kind::Passage, &fact.statement)?;
                let fact_vector = embedding::fact_vector(as_query, as_passage);
                Some((fact.id, embedding::cosine(vector, &fact_vector)))
            })
            .collect()
    }
}
