//! What each action and command does. The edits come from the model (`model::decisions`):
//! here they are applied, the selection follows, and the panels are asked to show the
//! result.

use super::RashomonApp;
use crate::model::{ClaimId, Edit, Nudge, PartyId};
use crate::ui::actions::{Action, DialogRequest, Pending, ReaderSelection};
use crate::ui::commands::Command;
use crate::ui::comparison::ComparisonRequest;
use crate::ui::inspector::InspectorRequest;
use crate::ui::reader::ReaderRequest;

impl RashomonApp {
    pub(super) fn run(&mut self, action: Action) {
        match action {
            Action::Command(command) => self.run_command(command),
            Action::Edit { label, edit } => self.apply(&label, edit),
            Action::SelectArticle(article) => {
                self.selection.article = Some(article);
                self.selection.text = None;
            }
            Action::SelectClaim(claim) => self.selection.claim = claim,
            Action::ShowClaim(claim) => self.show_claim(claim),
            // What the reader reported before a request of this frame (Tab selected a
            // suggestion) is out of date: its next frame reports the request's result.
            Action::TextSelected { .. } if self.reader.has_requests() => {}
            Action::TextSelected { selection, cursor } => {
                self.selection.text = selection;
                self.selection.cursor = cursor;
            }
            Action::HoverFact(fact) => self.hover = Some(fact),
            Action::Tag { party, selection } => self.tag_selection(party, selection),
            Action::NewFactForClaim { claim, statement } => {
                let change = self
                    .document
                    .session_mut_for_ids()
                    .link_to_new_fact(claim, &statement);
                if let Some(change) = change {
                    self.apply(&change.label, change.edit);
                }
            }
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
            Action::Open(request) => self.dialogs.open(request, &self.document),
            Action::Arrange(layout) => self.comparison.layout = layout,
            Action::GoToSuggestion(suggestion) => self.go_to_suggestion(suggestion),
            Action::AcceptSuggestion { suggestion, party } => {
                self.accept_suggestion(&suggestion, party);
            }
            Action::RejectSuggestion(suggestion) => self.reject_suggestion(&suggestion),
            Action::AcceptAllSuggestions(suggestions) => {
                let change =
                    crate::suggest::accept_all(self.document.session_mut_for_ids(), &suggestions);
                if let Some(change) = change {
                    self.apply(&change.label, change.edit);
                    self.suggestions.current = None;
                }
            }
            Action::ShowDisagreement(index) => {
                self.team.select(index);
                self.follow_team();
            }
            Action::Recompare => self.recompare(),
            Action::MergeOther => self.merge_other(),
            Action::NameAnalyst { name, then_save } => self.name_analyst(&name, then_save),
        }
    }

    pub(super) fn apply(&mut self, label: &str, edit: Edit) {
        if let Err(error) = self.document.apply(label, edit) {
            self.notifications
                .error(format!("{label} did not work: {error}"));
        }
    }

    fn show_claim(&mut self, claim: ClaimId) {
        if let Some(found) = self.document.session().claim(claim) {
            self.selection.article = Some(found.article);
            self.selection.claim = Some(claim);
            self.reader.request(ReaderRequest::ShowClaim(claim));
        }
    }

    pub(super) fn tag_selection(&mut self, party: PartyId, selection: Option<ReaderSelection>) {
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
                self.selection.claim = Some(id);
                self.reader.request(ReaderRequest::CollapseSelection);
            }
            None => self
                .notifications
                .info("The selection holds no text to tag."),
        }
    }

    fn remove_article(&mut self, article: crate::model::ArticleId) {
        let edit = self.document.session().remove_article_edit(article);
        self.apply("Remove article", edit);
        let session = self.document.session();
        if session.article(article).is_none() {
            if self.selection.article == Some(article) {
                self.selection.article = session.articles().first().map(|a| a.id);
            }
            if self
                .selection
                .claim
                .is_some_and(|c| session.claim(c).is_none())
            {
                self.selection.claim = None;
            }
        }
    }

    fn run_command(&mut self, command: Command) {
        if self.run_suggestion_command(command) || self.run_team_command(command) {
            return;
        }
        match command {
            Command::NewSession => self.request(Pending::NewSession),
            Command::OpenSession => self.request(Pending::OpenSessionDialog),
            Command::OpenArticles => self.open_articles_dialog(),
            Command::PasteArticle => self.paste_article(),
            Command::Save => self.save_asking_analyst(super::team::SaveKind::Save),
            Command::SaveAs => self.save_asking_analyst(super::team::SaveKind::SaveAs),
            Command::Export => self.dialogs.open(DialogRequest::Export, &self.document),
            Command::Quit => self.request(Pending::Quit),
            Command::Undo => {
                self.document.undo();
            }
            Command::Redo => {
                self.document.redo();
            }
            Command::Find => self.reader.request(ReaderRequest::OpenFind),
            Command::SearchClaims => self.comparison.request(ComparisonRequest::FocusSearch),
            Command::ArticleDetails => {
                if let Some(article) = self.selection.article {
                    self.dialogs
                        .open(DialogRequest::ArticleDetails(article), &self.document);
                }
            }
            Command::Deselect => {
                self.selection.claim = None;
                self.reader.request(ReaderRequest::CollapseSelection);
            }
            Command::TagAs(index) => {
                let party = self.document.session().parties().get(usize::from(index));
                if let Some(party) = party.map(|p| p.id) {
                    self.tag_selection(party, self.selection.text);
                }
            }
            Command::ShowNarratives => {
                self.comparison.layout = crate::ui::actions::ComparisonLayout::Narratives;
            }
            Command::ShowByFact => {
                self.comparison.layout = crate::ui::actions::ComparisonLayout::ByFact;
            }
            Command::ShowMatrix => {
                self.comparison.layout = crate::ui::actions::ComparisonLayout::Matrix;
            }
            Command::Palette => self.dialogs.open(DialogRequest::Palette, &self.document),
            Command::Shortcuts => self.dialogs.open(DialogRequest::Shortcuts, &self.document),
            Command::About => {
                let recovery_file = self.autosave.as_ref().map(|a| a.path().to_owned());
                self.dialogs
                    .open(DialogRequest::About { recovery_file }, &self.document);
            }
            Command::NextClaim => self.step_claim(true),
            Command::PreviousClaim => self.step_claim(false),
            Command::NextUntagged => self.next_untagged(),
            _ => self.run_claim_command(command),
        }
    }

    /// The commands that change the selected claim.
    fn run_claim_command(&mut self, command: Command) {
        let Some(claim) = self.selected_claim() else {
            let hint = match command {
                Command::PickFact => "Select a claim first, then link it to a fact.",
                _ => "Select a claim first.",
            };
            if command != Command::EditNote {
                self.notifications.info(hint);
            }
            return;
        };
        let session = self.document.session();
        let change = match command {
            Command::FlipStance => session.flip_stance(claim),
            Command::WidenEnd => session.nudge(claim, Nudge::WidenEnd),
            Command::NarrowEnd => session.nudge(claim, Nudge::NarrowEnd),
            Command::WidenStart => session.nudge(claim, Nudge::WidenStart),
            Command::NarrowStart => session.nudge(claim, Nudge::NarrowStart),
            Command::DeleteClaim => {
                self.selection.claim = None;
                self.apply("Delete claim", Edit::RemoveClaim { claim });
                return;
            }
            Command::PickFact => {
                let ranked = self.suggestions.ranked_facts(session, claim);
                let note = self.suggestions.ranking_note(session, claim);
                self.dialogs
                    .open(DialogRequest::PickFact(claim, ranked, note), &self.document);
                return;
            }
            Command::EditNote => {
                self.sidebar.inspector.request(InspectorRequest::FocusNote);
                return;
            }
            Command::SpanToSelection => return self.span_to_selection(claim),
            Command::SplitClaim => return self.split_claim(claim),
            Command::MergeClaim => return self.merge_claim(claim),
            _ => return,
        };
        if let Some(change) = change {
            self.apply(&change.label, change.edit);
        }
    }

    fn selected_claim(&self) -> Option<ClaimId> {
        self.selection
            .claim
            .filter(|c| self.document.session().claim(*c).is_some())
    }

    fn respan(&mut self, claim: ClaimId, span: crate::model::TextSpan, label: &str) {
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
            .selection
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

    /// Selects the next sentence no claim touches, from the selection, claim or caret
    /// onwards, continuing into the following articles.
    fn next_untagged(&mut self) {
        let session = self.document.session();
        let Some(first) = session.articles().first() else {
            return;
        };
        let article = self.selection.article.unwrap_or(first.id);
        // From what the analyst is reading: the top of the view, or after the selection
        // (the claim, the caret) when that is further on.
        let mut from = self.reader.top_of_view(article).unwrap_or(0);
        if let Some(text) = self.selection.text.filter(|s| s.article == article) {
            from = from.max(text.span.end.0);
        }
        if let Some(claim) = self.selected_claim().and_then(|c| session.claim(c))
            && claim.article == article
        {
            from = from.max(claim.anchor.span.end.0);
        }
        if let Some((cursor_article, offset)) = self.selection.cursor
            && cursor_article == article
        {
            from = from.max(offset.0);
        }
        match session.next_untagged_sentence(article, from) {
            Some((article, span)) => {
                let selection = ReaderSelection { article, span };
                self.selection.article = Some(article);
                self.selection.text = Some(selection);
                self.reader.request(ReaderRequest::Select(selection));
            }
            None => self
                .notifications
                .info("Every sentence already has a claim in it."),
        }
    }

    fn span_to_selection(&mut self, claim: ClaimId) {
        match self.selection.text {
            Some(selection)
                if self.document.session().claim(claim).map(|c| c.article)
                    == Some(selection.article) =>
            {
                self.respan(claim, selection.span, "Set claim span to selection");
                self.reader.request(ReaderRequest::CollapseSelection);
            }
            _ => self.notifications.info(
                "Select a claim, then select the text it should cover in the same article, then press R.",
            ),
        }
    }

    fn split_claim(&mut self, claim: ClaimId) {
        let at = self.selection.cursor.and_then(|(article, offset)| {
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

    fn merge_claim(&mut self, claim: ClaimId) {
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
}
