//! The claims of one article by where they sit, so that "which claims meet this range" is
//! two binary searches instead of a pass over every claim: the reader asks it for every
//! paragraph it draws, and "next untagged sentence" for every sentence it passes (a 1 MB
//! article has thousands of both, and 10,000 claims).

use std::ops::Range;

use super::{ArticleId, ClaimId, Session, TextSpan};

/// Claim spans sorted by start, with the furthest end reached so far at each.
#[derive(Clone, Debug, Default)]
pub struct SpanIndex {
    spans: Vec<(TextSpan, ClaimId)>,
    /// `max_end[i]` is the furthest end among `spans[..=i]`.
    max_end: Vec<usize>,
}

impl SpanIndex {
    pub fn new(mut spans: Vec<(TextSpan, ClaimId)>) -> Self {
        spans.sort_unstable_by_key(|(span, id)| (span.start, span.end, *id));
        let mut furthest = 0;
        let max_end = spans
            .iter()
            .map(|(span, _)| {
                furthest = furthest.max(span.end.0);
                furthest
            })
            .collect();
        Self { spans, max_end }
    }

    /// The claims placed in an article's text (orphaned ones are not).
    pub fn of_article(session: &Session, article: ArticleId) -> Self {
        Self::new(
            session
                .claims
                .values()
                .filter(|c| c.article == article && !c.orphaned)
                .map(|c| (c.anchor.span, c.id))
                .collect(),
        )
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The claims that overlap `range` (by bytes), by start.
    pub fn overlapping(&self, range: Range<usize>) -> impl Iterator<Item = &(TextSpan, ClaimId)> {
        let low = self.max_end.partition_point(|end| *end <= range.start);
        let high = self
            .spans
            .partition_point(|(span, _)| span.start.0 < range.end)
            .max(low);
        self.spans[low..high]
            .iter()
            .filter(move |(span, _)| span.end.0 > range.start)
    }

    /// Whether any claim meets `span`.
    pub fn meets(&self, span: TextSpan) -> bool {
        let before_end = self.spans.partition_point(|(s, _)| s.start < span.end);
        before_end > 0 && self.max_end[before_end - 1] > span.start.0
    }

    /// The claims over a byte offset, by start.
    pub fn claims_at(&self, offset: usize) -> Vec<ClaimId> {
        self.overlapping(offset..offset + 1)
            .filter(|(span, _)| span.start.0 <= offset)
            .map(|(_, id)| *id)
            .collect()
    }

    /// The innermost (shortest) claim over a byte offset.
    pub fn innermost_at(&self, offset: usize) -> Option<ClaimId> {
        self.overlapping(offset..offset + 1)
            .filter(|(span, _)| span.start.0 <= offset)
            .min_by_key(|(span, _)| span.len())
            .map(|(_, id)| *id)
    }

    pub fn span_of(&self, claim: ClaimId) -> Option<TextSpan> {
        self.spans
            .iter()
            .find(|(_, id)| *id == claim)
            .map(|(span, _)| *span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> SpanIndex {
        let claims = [(0, 50), (10, 12), (20, 30), (60, 70), (65, 200)];
        SpanIndex::new(
            claims
                .iter()
                .enumerate()
                .map(|(n, (start, end))| (TextSpan::new(*start, *end), ClaimId(n as u128)))
                .collect(),
        )
    }

    #[test]
    fn the_index_finds_the_claims_over_a_range() {
        let index = index();
        let ids = |range: Range<usize>| -> Vec<u128> {
            index.overlapping(range).map(|(_, id)| id.0).collect()
        };
        assert_eq!(ids(0..5), [0]);
        assert_eq!(ids(11..25), [0, 1, 2]);
        assert_eq!(ids(50..60), Vec::<u128>::new());
        assert_eq!(ids(100..101), [4]);
        assert_eq!(index.innermost_at(11), Some(ClaimId(1)));
        assert_eq!(index.innermost_at(66), Some(ClaimId(3)));
        assert_eq!(index.innermost_at(55), None);
        assert_eq!(index.claims_at(25), [ClaimId(0), ClaimId(2)]);
    }

    #[test]
    fn meets_agrees_with_a_pass_over_every_claim() {
        let index = index();
        for start in 0..210 {
            for len in [1, 3, 10] {
                let span = TextSpan::new(start, start + len);
                let slow = index
                    .spans
                    .iter()
                    .any(|(s, _)| s.start < span.end && s.end > span.start);
                assert_eq!(index.meets(span), slow, "{start}+{len}");
            }
        }
    }
}
