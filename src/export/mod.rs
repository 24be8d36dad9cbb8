//! Comparison reports: the facts with their status, the side-by-side table of what each party
//! says, the unlinked claims and the sources. One [`Comparison`] is built from the session and
//! rendered as HTML or Markdown.

mod html;
mod markdown;

use crate::model::{Analysis, ArticleId, Claim, FactId, FactStatus, PartyId, Session, Stance};

pub use html::to_html;
pub use markdown::to_markdown;

/// The report formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Html,
    Markdown,
}

impl Format {
    pub const ALL: [Self; 2] = [Self::Html, Self::Markdown];

    pub fn parse(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "html" | "htm" => Some(Self::Html),
            "md" | "markdown" => Some(Self::Markdown),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Html => "html",
            Self::Markdown => "md",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Html => "HTML report",
            Self::Markdown => "Markdown report",
        }
    }

    pub fn render(self, session: &Session, title: &str) -> String {
        let comparison = Comparison::new(session, title);
        match self {
            Self::Html => to_html(&comparison),
            Self::Markdown => to_markdown(&comparison),
        }
    }
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
    /// One cell per party, in party order.
    pub cells: Vec<Vec<QuoteRow<'a>>>,
}

/// Everything a report shows, in the order it shows it.
pub struct Comparison<'a> {
    pub title: String,
    pub generated: chrono::DateTime<chrono::Local>,
    pub session: &'a Session,
    pub analysis: Analysis,
    pub parties: Vec<(PartyId, &'a str, String)>,
    pub rows: Vec<FactRow<'a>>,
    /// Claims linked to no fact, per party (party order).
    pub unlinked: Vec<Vec<QuoteRow<'a>>>,
}

impl<'a> Comparison<'a> {
    pub fn new(session: &'a Session, title: &str) -> Self {
        let analysis = Analysis::new(session);
        let parties: Vec<(PartyId, &str, String)> = session
            .parties()
            .iter()
            .map(|p| (p.id, p.name.as_str(), p.colour.to_hex()))
            .collect();
        let source_number =
            |article: ArticleId| session.article_index(article).map_or(0, |index| index + 1);
        let quote = |claim: &'a Claim| QuoteRow {
            claim,
            stance: claim.stance,
            source: session
                .article(claim.article)
                .map_or("", |a| a.meta.title.as_str()),
            source_number: source_number(claim.article),
        };
        let column = |party: PartyId| session.party_index(party).unwrap_or(0);

        let mut rows: Vec<FactRow> = session
            .facts()
            .iter()
            .map(|fact| {
                let standing = analysis.standing(fact.id);
                FactRow {
                    fact: fact.id,
                    statement: fact.statement.as_str(),
                    status: analysis.status(fact.id),
                    inconsistent: standing
                        .map(|s| {
                            s.inconsistent
                                .iter()
                                .filter_map(|p| session.party(*p).map(|p| p.name.as_str()))
                                .collect()
                        })
                        .unwrap_or_default(),
                    cells: parties.iter().map(|_| Vec::new()).collect(),
                }
            })
            .collect();
        let mut unlinked: Vec<Vec<QuoteRow>> = parties.iter().map(|_| Vec::new()).collect();
        let row_of: std::collections::HashMap<FactId, usize> = rows
            .iter()
            .enumerate()
            .map(|(index, row)| (row.fact, index))
            .collect();
        for claim_id in &analysis.reading_order {
            let Some(claim) = session.claim(*claim_id) else {
                continue;
            };
            let cell = match claim.fact.and_then(|fact| row_of.get(&fact)) {
                Some(&row) => &mut rows[row].cells[column(claim.party)],
                None => &mut unlinked[column(claim.party)],
            };
            cell.push(quote(claim));
        }
        Self {
            title: title.to_owned(),
            generated: chrono::Local::now(),
            session,
            analysis,
            parties,
            rows,
            unlinked,
        }
    }
}

#[cfg(test)]
mod tests;
