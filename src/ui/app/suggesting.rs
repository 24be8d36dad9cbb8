//! Suggestions as the analyst works through them: Tab to the next, Enter to accept (then the
//! fact picker with the facts ranked), a digit to accept as another party, Backspace to
//! reject, Alt+arrows to move an edge first, and accept-all after a question. The edits come
//! from `suggest::{accept, reject, accept_all}`.

use super::RashomonApp;
use crate::model::{Nudge, PartyId};
use crate::suggest::ClaimSuggestion;
use crate::ui::actions::{DialogRequest, ReaderSelection};
use crate::ui::commands::Command;
use crate::ui::reader::ReaderRequest;

impl RashomonApp {
    /// The suggestion Tab went to, while its words are still what is selected.
    pub(super) fn current_suggestion(&self) -> Option<&ClaimSuggestion> {
        let current = self.suggestions.current.as_ref()?;
        let selected = self.selection.text?;
        (selected.article == current.suggestion.article
            && selected.span == current.suggestion.span
            && !self.suggestions.hidden)
            .then_some(&current.suggestion)
    }

    /// The suggestion commands; whether `command` was one.
    pub(super) fn run_suggestion_command(&mut self, command: Command) -> bool {
        match command {
            Command::NextSuggestion => self.step_suggestion(true),
            Command::PreviousSuggestion => self.step_suggestion(false),
            Command::AcceptSuggestion => {
                if let Some(current) = self.current_suggestion().cloned() {
                    self.accept_suggestion(&current, None);
                }
            }
            Command::RejectSuggestion => {
                if let Some(current) = self.current_suggestion().cloned() {
                    self.reject_suggestion(&current);
                }
            }
            Command::AcceptAllSuggestions => self.ask_accept_all(),
            Command::ToggleSuggestions => {
                self.suggestions.hidden = !self.suggestions.hidden;
                self.notifications.info(if self.suggestions.hidden {
                    "Suggestions hidden (Alt+S shows them again)."
                } else {
                    "Suggestions shown."
                });
            }
            Command::TagAs(index) if self.current_suggestion().is_some() => {
                let party = self.document.session().parties().get(usize::from(index));
                if let (Some(party), Some(current)) =
                    (party.map(|p| p.id), self.current_suggestion().cloned())
                {
                    self.accept_suggestion(&current, Some(party));
                }
            }
            Command::WidenEnd | Command::NarrowEnd | Command::WidenStart | Command::NarrowStart
                if self.current_suggestion().is_some() && self.selection.claim.is_none() =>
            {
                let nudge = match command {
                    Command::WidenEnd => Nudge::WidenEnd,
                    Command::NarrowEnd => Nudge::NarrowEnd,
                    Command::WidenStart => Nudge::WidenStart,
                    _ => Nudge::NarrowStart,
                };
                if let Some(span) = self.suggestions.nudge(self.document.session(), nudge)
                    && let Some(article) = self.selection.article
                {
                    self.select_words(ReaderSelection { article, span });
                }
            }
            _ => return false,
        }
        true
    }

    /// Selects words in the reader and shows them, now (the selection is what the keys
    /// act on, before the reader reports it back).
    fn select_words(&mut self, selection: ReaderSelection) {
        self.selection.article = Some(selection.article);
        self.selection.text = Some(selection);
        self.selection.claim = None;
        self.reader.request(ReaderRequest::Select(selection));
    }

    pub(super) fn go_to_suggestion(&mut self, suggestion: ClaimSuggestion) {
        let selection = ReaderSelection {
            article: suggestion.article,
            span: suggestion.span,
        };
        self.suggestions.current = Some(crate::ui::suggestions::Current {
            found_at: suggestion.span,
            suggestion,
        });
        self.suggestions.hidden = false;
        self.select_words(selection);
    }

    fn step_suggestion(&mut self, forward: bool) {
        let session = self.document.session();
        let Some(article) = self
            .selection
            .article
            .or_else(|| session.articles().first().map(|a| a.id))
        else {
            return;
        };
        if self.suggestions.is_finding(article) {
            self.notifications
                .info("Still reading the article for suggestions…");
            return;
        }
        // From the suggestion Tab is on, else the selection, the selected claim or the caret.
        let from = if let Some(current) = self.current_suggestion() {
            current.span.start.0
        } else if let Some(text) = self.selection.text.filter(|t| t.article == article) {
            text.span.start.0
        } else if let Some(claim) = self.selection.claim.and_then(|c| session.claim(c)) {
            claim.anchor.span.end.0
        } else {
            self.selection
                .cursor
                .filter(|(a, _)| *a == article)
                .map_or(0, |(_, offset)| offset.0)
        };
        let from = if self.current_suggestion().is_none() && forward {
            // Not on one yet: the first at or after the place.
            from.saturating_sub(1)
        } else {
            from
        };
        self.suggestions.hidden = false;
        match self
            .suggestions
            .step(&self.document, article, from, forward)
        {
            Some(suggestion) => self.go_to_suggestion(suggestion),
            None => self.notifications.info(
                "No suggestions left in this article: every attributed claim found is tagged or rejected.",
            ),
        }
    }

    /// Accepts a suggestion as a claim of `party` (its own when `None`), selects the claim
    /// and opens the fact picker on it with the facts ranked.
    pub(super) fn accept_suggestion(
        &mut self,
        suggestion: &ClaimSuggestion,
        party: Option<PartyId>,
    ) {
        let Some(party) = party.or(suggestion.party) else {
            self.notifications.info(
                "This speaker is not one of the parties: press a party's digit to tag it as theirs, or Backspace to reject it.",
            );
            return;
        };
        let accepted =
            crate::suggest::accept(self.document.session_mut_for_ids(), suggestion, party);
        let Some((claim, change)) = accepted else {
            self.notifications
                .info("The suggestion holds no text any more.");
            return;
        };
        self.apply(&change.label, change.edit);
        if self.document.session().claim(claim).is_none() {
            return;
        }
        self.suggestions.current = None;
        self.selection.claim = Some(claim);
        self.selection.text = None;
        self.reader.request(ReaderRequest::CollapseSelection);
        let ranked = self
            .suggestions
            .ranked_facts(self.document.session(), claim);
        let note = self
            .suggestions
            .ranking_note(self.document.session(), claim);
        self.dialogs
            .open(DialogRequest::PickFact(claim, ranked, note), &self.document);
    }

    /// Rejects a suggestion (remembered in the session) and goes on to the next.
    pub(super) fn reject_suggestion(&mut self, suggestion: &ClaimSuggestion) {
        let was_current = self.suggestions.current.as_ref().is_some_and(|c| {
            c.suggestion.article == suggestion.article && c.found_at == suggestion.span
        });
        if let Some(change) = crate::suggest::reject(self.document.session(), suggestion) {
            self.apply(&change.label, change.edit);
        }
        if was_current {
            self.suggestions.current = None;
            self.selection.text = None;
            self.reader.request(ReaderRequest::CollapseSelection);
            let article = suggestion.article;
            if let Some(next) =
                self.suggestions
                    .step(&self.document, article, suggestion.span.start.0, true)
                && next.span.start.0 >= suggestion.span.start.0
            {
                self.go_to_suggestion(next);
            } else {
                self.suggestions.current = None;
            }
        }
    }

    fn ask_accept_all(&mut self) {
        let Some(article) = self.selection.article else {
            return;
        };
        let open = self.suggestions.open_in(&self.document, article).to_vec();
        if open.iter().all(|s| s.party.is_none()) {
            self.notifications
                .info("No suggestion in this article names a party.");
            return;
        }
        self.dialogs
            .open(DialogRequest::AcceptAll(article, open), &self.document);
    }
}
