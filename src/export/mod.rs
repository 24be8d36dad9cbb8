//! What leaves the app: comparison reports (HTML, Markdown) and data for other tools (CSV,
//! JSON, REFI-QDA `.qdpx`, W3C Web Annotations). Every format reads one [`Comparison`], built
//! from the session with the user's [`ExportOptions`]; statuses are always those of the whole
//! session, so hiding a party from a report never changes what a fact's status says.

mod annotations;
mod csv_export;
mod guid;
mod html;
mod markdown;
mod qdpx;
mod sink;

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::model::{
    Analysis, Article, ArticleId, Claim, FactId, FactStatus, PairCounts, Party, PartyId, Session,
    Stance, party_matrix,
};

pub use guid::Guids;
pub use html::{escape as escape_html, write_html};
pub use markdown::write_markdown;

/// The export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Html,
    Markdown,
    Csv,
    Json,
    Qdpx,
    Annotations,
}

impl Format {
    pub const ALL: [Self; 6] = [
        Self::Html,
        Self::Markdown,
        Self::Csv,
        Self::Json,
        Self::Qdpx,
        Self::Annotations,
    ];

    pub fn parse(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "html" | "htm" => Some(Self::Html),
            "md" | "markdown" => Some(Self::Markdown),
            "csv" => Some(Self::Csv),
            "json" => Some(Self::Json),
            "qdpx" | "refi-qda" => Some(Self::Qdpx),
            "annotations" | "jsonld" | "w3c" => Some(Self::Annotations),
            _ => None,
        }
    }

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Self::Html => "html",
            Self::Markdown => "md",
            Self::Csv => "csv",
            Self::Json => "json",
            Self::Qdpx => "qdpx",
            Self::Annotations => "annotations",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Html => "html",
            Self::Markdown => "md",
            Self::Csv => "csv",
            Self::Json => "json",
            Self::Qdpx => "qdpx",
            Self::Annotations => "jsonld",
        }
    }

    /// What kind of file this format writes, so a write never replaces a file of another
    /// kind (a session above all).
    pub fn file_kind(self) -> crate::storage::target::Kind {
        use crate::storage::target::Kind;
        match self {
            Self::Html => Kind::Html,
            Self::Markdown | Self::Csv => Kind::Text,
            Self::Json | Self::Annotations => Kind::Json,
            Self::Qdpx => Kind::Zip,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Html => "HTML report",
            Self::Markdown => "Markdown report",
            Self::Csv => "CSV table of claims",
            Self::Json => "JSON session",
            Self::Qdpx => "REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder)",
            Self::Annotations => "W3C Web Annotations (JSON-LD)",
        }
    }

    /// Whether the format is a report meant for people (offered to open in a browser).
    pub fn is_report(self) -> bool {
        matches!(self, Self::Html | Self::Markdown)
    }

    /// The exported file's bytes (see [`Self::write_to`]).
    pub fn render(self, session: &Session, options: &ExportOptions) -> std::io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.write_to(session, options, &mut bytes)?;
        Ok(bytes)
    }

    /// Writes the exported file to `out` as it is made: a JSON export (the session itself,
    /// as big as the session) streams into the file rather than being held whole first. Fails
    /// if `out` does, or if the session cannot be cut down to what is shown (a JSON export
    /// never includes hidden claims or notes instead).
    pub fn write_to(
        self,
        session: &Session,
        options: &ExportOptions,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        let comparison = Comparison::new(session, options);
        match self {
            Self::Json => {
                let shown = comparison.filtered_session().map_err(|error| {
                    std::io::Error::other(format!(
                        "the export could not be cut down to what is shown: {error}"
                    ))
                })?;
                crate::storage::write_json(shown.as_ref(), out)
            }
            Self::Html => write_html(&comparison, out),
            Self::Markdown => write_markdown(&comparison, out),
            Self::Csv => csv_export::write_csv(&comparison, out),
            Self::Qdpx => qdpx::write_qdpx(&comparison, out),
            Self::Annotations => annotations::write_annotations(&comparison, out),
        }
    }
}

/// Claims' places in code points (as W3C and REFI-QDA count them), each article's text
/// marked once: counting from the start of the text for every claim would make an export
/// of 10,000 claims on a 1 MB article read the article 10,000 times.
pub struct CodePoints<'a> {
    session: &'a Session,
    texts: std::collections::HashMap<ArticleId, crate::model::span::TextIndex<'a>>,
}

impl<'a> CodePoints<'a> {
    pub fn new(session: &'a Session) -> Self {
        Self {
            session,
            texts: std::collections::HashMap::new(),
        }
    }

    /// `span` of `article` in code points; `None` if the article is unknown.
    pub fn range(
        &mut self,
        article: ArticleId,
        span: crate::model::TextSpan,
    ) -> Option<(crate::model::span::CharIndex, crate::model::span::CharIndex)> {
        let session = self.session;
        let text = match self.texts.entry(article) {
            std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
            std::collections::hash_map::Entry::Vacant(entry) => entry.insert(
                crate::model::span::TextIndex::new(&session.article(article)?.text),
            ),
        };
        Some(text.char_range(span))
    }

    /// Where `claim` is in code points; `None` for an orphaned claim (it has no place).
    pub fn of(
        &mut self,
        claim: &Claim,
    ) -> Option<(crate::model::span::CharIndex, crate::model::span::CharIndex)> {
        if claim.orphaned {
            return None;
        }
        self.range(claim.article, claim.anchor.span)
    }
}

/// What to put in an export. Empty lists mean "all".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportOptions {
    pub title: String,
    pub parties: Vec<PartyId>,
    pub statuses: Vec<FactStatus>,
    pub articles: Vec<ArticleId>,
    pub include_notes: bool,
    /// CSV cells exactly as they are, even one a spreadsheet would run as a formula (by
    /// default such a cell gets a leading apostrophe; see `csv_export`).
    pub raw_csv: bool,
    /// When the export was made (fixed in tests so the output can be compared).
    pub generated: DateTime<Utc>,
}

impl ExportOptions {
    pub fn titled(title: &str) -> Self {
        Self {
            title: title.to_owned(),
            parties: Vec::new(),
            statuses: Vec::new(),
            articles: Vec::new(),
            include_notes: true,
            raw_csv: false,
            generated: Utc::now(),
        }
    }
}

/// An article's source as a report shows it: a web address whole, a file by its name only,
/// so a report sent outside does not give away the analyst's folders (the session, the CSV
/// and the JSON export keep the whole path: they are the analyst's own data).
pub fn shown_source(source: &str) -> &str {
    let lower = source.get(..8).unwrap_or(source).to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return source;
    }
    let trimmed = source.trim_end_matches(['/', '\\']);
    trimmed
        .rsplit(['/', '\\'])
        .next()
        .filter(|name| !name.is_empty())
        .unwrap_or(trimmed)
}

/// A quote as it appears in a report.
pub struct QuoteRow<'a> {
    pub claim: &'a Claim,
    pub stance: Stance,
    /// Title of the article it comes from.
    pub source: &'a str,
    /// 1-based number of that article in the list of sources.
    pub source_number: usize,
}

/// One fact with what each party says about it.
pub struct FactRow<'a> {
    pub fact: FactId,
    pub statement: &'a str,
    pub status: FactStatus,
    pub inconsistent: Vec<&'a str>,
    /// One cell per shown party, in party order.
    pub cells: Vec<Vec<QuoteRow<'a>>>,
}

/// Everything an export shows, in the order it shows it.
pub struct Comparison<'a> {
    pub options: ExportOptions,
    pub session: &'a Session,
    /// The analysis of the whole session: statuses never depend on what is shown.
    pub analysis: Analysis,
    /// The parties shown, in session order.
    pub parties: Vec<&'a Party>,
    /// The articles shown, in session order, with their number in the list of sources.
    pub articles: Vec<(usize, &'a Article)>,
    pub rows: Vec<FactRow<'a>>,
    /// Claims linked to no fact, per shown party.
    pub unlinked: Vec<Vec<QuoteRow<'a>>>,
    /// Each shown party's claims in reading order.
    pub narratives: Vec<Vec<QuoteRow<'a>>>,
    /// Every claim shown, in reading order.
    pub claims: Vec<&'a Claim>,
    /// Agreement between the shown parties (rows and columns in `parties` order).
    pub matrix: Vec<Vec<PairCounts>>,
}

impl<'a> Comparison<'a> {
    pub fn new(session: &'a Session, options: &ExportOptions) -> Self {
        let analysis = Analysis::new(session);
        let wanted = |list: &[PartyId], id: PartyId| list.is_empty() || list.contains(&id);
        let parties: Vec<&Party> = session
            .parties()
            .iter()
            .filter(|p| wanted(&options.parties, p.id))
            .collect();
        let articles: Vec<(usize, &Article)> = session
            .articles()
            .iter()
            .filter(|a| options.articles.is_empty() || options.articles.contains(&a.id))
            .enumerate()
            .map(|(index, article)| (index + 1, article))
            .collect();
        let fact_shown = |fact: FactId| {
            options.statuses.is_empty() || options.statuses.contains(&analysis.status(fact))
        };
        let column_of = |party: PartyId| parties.iter().position(|p| p.id == party);
        // Looked up once per claim: maps, so a session of many articles and facts costs
        // claims + articles + facts, not claims × articles or claims × facts.
        let article_numbers: HashMap<ArticleId, (usize, &str)> = articles
            .iter()
            .map(|(number, a)| (a.id, (*number, a.meta.title.as_str())))
            .collect();
        let number_of = |article: ArticleId| article_numbers.get(&article).map(|(n, _)| *n);

        let claims: Vec<&Claim> = analysis
            .reading_order
            .iter()
            .filter_map(|id| session.claim(*id))
            .filter(|c| column_of(c.party).is_some() && number_of(c.article).is_some())
            // Claims on no fact have no status: a status filter leaves them out.
            .filter(|c| c.fact.map_or(options.statuses.is_empty(), fact_shown))
            .collect();
        let quote = |claim: &'a Claim| {
            let (source_number, source) = article_numbers
                .get(&claim.article)
                .copied()
                .unwrap_or((0, ""));
            QuoteRow {
                claim,
                stance: claim.stance,
                source,
                source_number,
            }
        };

        let mut rows: Vec<FactRow> = session
            .facts()
            .iter()
            .filter(|fact| fact_shown(fact.id))
            .map(|fact| FactRow {
                fact: fact.id,
                statement: fact.statement.as_str(),
                status: analysis.status(fact.id),
                inconsistent: analysis
                    .standing(fact.id)
                    .map(|s| {
                        s.inconsistent
                            .iter()
                            .filter_map(|p| session.party(*p).map(|p| p.name.as_str()))
                            .collect()
                    })
                    .unwrap_or_default(),
                cells: parties.iter().map(|_| Vec::new()).collect(),
            })
            .collect();
        let mut unlinked: Vec<Vec<QuoteRow>> = parties.iter().map(|_| Vec::new()).collect();
        let mut narratives: Vec<Vec<QuoteRow>> = parties.iter().map(|_| Vec::new()).collect();
        let row_of: HashMap<FactId, usize> =
            rows.iter().enumerate().map(|(i, r)| (r.fact, i)).collect();
        for claim in &claims {
            let Some(column) = column_of(claim.party) else {
                continue;
            };
            narratives[column].push(quote(claim));
            match claim.fact.and_then(|f| row_of.get(&f).copied()) {
                Some(row) => rows[row].cells[column].push(quote(claim)),
                None => unlinked[column].push(quote(claim)),
            }
        }
        let full_matrix = party_matrix(session, &analysis);
        let indices: Vec<usize> = parties
            .iter()
            .filter_map(|p| session.party_index(p.id))
            .collect();
        let matrix = indices
            .iter()
            .map(|&a| indices.iter().map(|&b| full_matrix[a][b]).collect())
            .collect();
        Self {
            options: options.clone(),
            session,
            analysis,
            parties,
            articles,
            rows,
            unlinked,
            narratives,
            claims,
            matrix,
        }
    }

    /// The session cut down to what is shown (for the JSON export).
    pub fn filtered_session(
        &self,
    ) -> Result<std::borrow::Cow<'a, Session>, crate::model::EditError> {
        let shown_claims: std::collections::HashSet<_> = self.claims.iter().map(|c| c.id).collect();
        let shown_facts: std::collections::HashSet<_> = self.rows.iter().map(|r| r.fact).collect();
        let mut edits: Vec<crate::model::Edit> = self
            .session
            .claims()
            .filter(|c| !shown_claims.contains(&c.id))
            .map(|c| crate::model::Edit::RemoveClaim { claim: c.id })
            .collect();
        if !self.options.include_notes {
            edits.extend(self.claims.iter().filter(|c| !c.note.is_empty()).map(|c| {
                let mut quiet = (*c).clone();
                quiet.note.clear();
                crate::model::Edit::ReplaceClaim(quiet)
            }));
        }
        edits.extend(
            self.session
                .facts()
                .iter()
                .filter(|f| !shown_facts.contains(&f.id))
                .map(|f| crate::model::Edit::RemoveFact { fact: f.id }),
        );
        edits.extend(
            self.session
                .articles()
                .iter()
                .filter(|a| !self.articles.iter().any(|(_, shown)| shown.id == a.id))
                .map(|a| crate::model::Edit::RemoveArticle { article: a.id }),
        );
        edits.extend(
            self.session
                .parties()
                .iter()
                .filter(|p| !self.parties.iter().any(|shown| shown.id == p.id))
                .map(|p| crate::model::Edit::RemoveParty { party: p.id }),
        );
        // Everything shown (the usual whole-session export): the session itself, not a copy
        // of it, so a session of a million claims is not held twice.
        if edits.is_empty() {
            return Ok(std::borrow::Cow::Borrowed(self.session));
        }
        // Every removal above only drops things nothing shown refers to; if one still fails,
        // the export fails rather than show what the analyst chose to hide.
        let mut session = self.session.clone();
        session.apply(crate::model::Edit::Batch(edits))?;
        Ok(std::borrow::Cow::Owned(session))
    }

    /// The stance mark, fact statement and status of a linked claim, for narratives.
    pub fn fact_of(&self, claim: &Claim) -> Option<(&'static str, &'a str, &'static str)> {
        let fact = self.session.fact(claim.fact?)?;
        Some((
            claim.stance.mark(),
            fact.statement.as_str(),
            self.analysis.status(fact.id).label(),
        ))
    }

    /// The analyst's notes on the shown claims, in reading order: party, short quote, note.
    pub fn notes(&self) -> Vec<(&'a str, String, &'a str)> {
        self.claims
            .iter()
            .filter_map(|claim| {
                let note = self.note_of(claim)?;
                let party = self
                    .session
                    .party(claim.party)
                    .map_or("", |p| p.name.as_str());
                Some((party, crate::model::short(&claim.anchor.quote), note))
            })
            .collect()
    }

    /// The note of a claim, unless notes are left out.
    pub fn note_of(&self, claim: &'a Claim) -> Option<&'a str> {
        (self.options.include_notes && !claim.note.is_empty()).then_some(claim.note.as_str())
    }
}

#[cfg(test)]
mod tests;
