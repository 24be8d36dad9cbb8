//! The `Team` panel: this session (A) beside another analyst's (B). While it is open it
//! takes the place of the reader and the comparison: the figures, the list of
//! disagreements (click one to show it), and the article side by side as both analysts
//! tagged it ([`side_by_side`]). The keys of the Team menu settle the current disagreement;
//! each decision is an ordinary undoable edit (`team::adjudicate`), so after the last one
//! this session is the merged one.

mod figures;
mod side_by_side;

use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::history::Document;
use crate::model::{ArticleId, ClaimId, Session, TextSpan};
use crate::team::adjudicate::Verdict;
use crate::team::agreement::{Kind, Report};
use crate::ui::actions::{Action, Selection};
use crate::ui::commands::Command;

/// Another analyst's session, and how it compares with this one.
pub struct Other {
    pub session: Session,
    pub path: PathBuf,
    pub report: Report,
    /// The document version the report was computed against.
    pub compared_at: u64,
    /// The disagreements, one row per pair of claims (with all it differs in).
    pub rows: Vec<Row>,
}

/// One disagreement as the list shows it: a pair of claims (or one) and what differs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub article: ArticleId,
    pub a: Option<ClaimId>,
    pub b: Option<ClaimId>,
    /// Where B's claim sits in A's text.
    pub b_span: Option<TextSpan>,
    pub kinds: Vec<Kind>,
}

impl Other {
    /// The comparison of `session` with this document's session, as computed on a worker.
    pub fn new(session: Session, path: PathBuf, report: Report, compared_at: u64) -> Self {
        let mut rows: Vec<Row> = Vec::new();
        for article in &report.articles {
            for d in &article.figures.disagreements {
                if let Some(row) = rows
                    .iter_mut()
                    .rev()
                    .take(8)
                    .find(|r| r.a == d.a && r.b == d.b && r.article == d.article)
                {
                    row.kinds.push(d.kind);
                    continue;
                }
                let b_span = d.b.and_then(|b| {
                    article
                        .placed_b
                        .iter()
                        .find(|(id, _)| *id == b)
                        .map(|(_, s)| *s)
                });
                rows.push(Row {
                    article: d.article,
                    a: d.a,
                    b: d.b,
                    b_span,
                    kinds: vec![d.kind],
                });
            }
        }
        Self {
            session,
            path,
            report,
            compared_at,
            rows,
        }
    }

    /// Who B is: the analyst's name, else the file's name.
    pub fn name(&self) -> String {
        let file = self
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        if self.session.analyst().is_empty() {
            file
        } else {
            format!("{} ({file})", self.session.analyst())
        }
    }
}

/// A decision, and the document version its step made: it holds while that step is done.
struct Decision {
    key: (Option<ClaimId>, Option<ClaimId>),
    verdict: Verdict,
    version: u64,
}

/// The panel's state.
#[derive(Default)]
pub struct Team {
    pub other: Option<Other>,
    current: Option<usize>,
    decisions: Vec<Decision>,
    pane: side_by_side::SideBySide,
}

impl Team {
    pub fn is_open(&self) -> bool {
        self.other.is_some()
    }

    /// Shows a new comparison (decisions about an earlier one are forgotten).
    pub fn open(&mut self, other: Other, document: &Document) {
        let keep = self.other.as_ref().is_some_and(|o| o.path == other.path);
        if !keep {
            self.decisions.clear();
        }
        self.other = Some(other);
        self.current = None;
        self.pane = side_by_side::SideBySide::default();
        self.step(document, true);
    }

    pub fn close(&mut self) {
        *self = Self::default();
    }

    /// The index of the row the keys act on, in the list.
    pub fn current_index(&self) -> Option<usize> {
        self.current
    }

    /// The row the keys act on.
    pub fn current(&self) -> Option<&Row> {
        let other = self.other.as_ref()?;
        other.rows.get(self.current?)
    }

    /// How the row was settled, if a decision about it still holds.
    fn verdict(&self, row: &Row, document: &Document) -> Option<Verdict> {
        self.decisions
            .iter()
            .rev()
            .find(|d| d.key == (row.a, row.b) && document.holds_step(d.version))
            .map(|d| d.verdict)
    }

    /// Records that the current row was settled by the step that made `version`.
    pub fn decided(&mut self, row: &Row, verdict: Verdict, version: u64) {
        self.decisions.push(Decision {
            key: (row.a, row.b),
            verdict,
            version,
        });
    }

    /// Goes to the next (or previous) disagreement not yet settled, wrapping around.
    pub fn step(&mut self, document: &Document, forward: bool) {
        let Some(other) = &self.other else {
            return;
        };
        let n = other.rows.len();
        if n == 0 {
            self.current = None;
            return;
        }
        let start = self.current.unwrap_or(if forward { n - 1 } else { 0 });
        for k in 1..=n {
            let i = if forward {
                (start + k) % n
            } else {
                (start + n - k % n) % n
            };
            if self.verdict(&other.rows[i], document).is_none() {
                self.current = Some(i);
                self.pane.reveal(&other.rows[i]);
                return;
            }
        }
        // All settled: stay where the analyst is.
    }

    /// Makes row `index` the current one and shows it.
    pub fn select(&mut self, index: usize) {
        if let Some(row) = self.other.as_ref().and_then(|o| o.rows.get(index)) {
            self.current = Some(index);
            self.pane.reveal(row);
        }
    }

    /// How many disagreements are settled, of how many.
    pub fn progress(&self, document: &Document) -> (usize, usize) {
        let Some(other) = &self.other else {
            return (0, 0);
        };
        let settled = other
            .rows
            .iter()
            .filter(|r| self.verdict(r, document).is_some())
            .count();
        (settled, other.rows.len())
    }

    /// The panel: a header, the figures and the list on the left, the article side by side.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        document: &Document,
        selection: &Selection,
        actions: &mut Vec<Action>,
    ) {
        let Some(other) = &self.other else {
            return;
        };
        let (settled, total) = self.progress(document);
        let me = if document.session().analyst().is_empty() {
            "this session".to_owned()
        } else {
            document.session().analyst().to_owned()
        };
        let own = self.decisions.last().map(|d| d.version);
        let stale = document.version() != other.compared_at && Some(document.version()) != own;
        egui::Sides::new().shrink_left().truncate().show(
            ui,
            |ui| {
                ui.label(RichText::new(format!("A: {me}   ·   B: {}", other.name())).strong());
                let mut progress = format!("   {settled} of {total} disagreements settled");
                if stale {
                    progress.push_str(" (A changed since the comparison)");
                }
                ui.label(progress);
            },
            |ui| {
                if ui
                    .button("Close")
                    .on_hover_text("Back to the reader and the comparison")
                    .clicked()
                {
                    actions.push(Action::Command(Command::CloseComparison));
                }
                if ui
                    .button("Merge all of B")
                    .on_hover_text(
                        "Add everything of B this session lacks in one step; claims that differ are kept side by side and marked",
                    )
                    .clicked()
                {
                    actions.push(Action::MergeOther);
                }
                if ui
                    .button("Compare again")
                    .on_hover_text("Measure again against this session as it is now")
                    .clicked()
                {
                    actions.push(Action::Recompare);
                }
            },
        );
        ui.separator();
        let shown = selection
            .article
            .or(self.current().map(|r| r.article))
            .filter(|a| other.report.articles.iter().any(|r| r.a == *a))
            .or_else(|| other.report.articles.first().map(|r| r.a));
        // The list keeps at most two fifths of the room: the two columns need the rest.
        let room = ui.available_width();
        egui::Panel::left("team-list")
            .frame(crate::ui::panels::side(ui))
            .resizable(true)
            .default_size((room * 0.36).clamp(240.0, 380.0))
            .size_range(220.0..=(room * 0.4).max(240.0))
            .show(ui, |ui| {
                figures::figures_ui(ui, other, shown);
                ui.separator();
                self.list_ui(ui, document, actions);
            });
        let Some(article) = shown else {
            ui.centered_and_justified(|ui| {
                ui.label("The two sessions have no article in common.");
            });
            return;
        };
        let Some(other) = &self.other else {
            return;
        };
        let current = self.current.and_then(|i| other.rows.get(i)).cloned();
        let open: Vec<(usize, &Row)> = other
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.article == article && self.verdict(r, document).is_none())
            .collect();
        let clicked = self
            .pane
            .ui(ui, document, other, article, (&open, current.as_ref()));
        if let Some(index) = clicked {
            actions.push(Action::ShowDisagreement(index));
        }
    }

    fn list_ui(&self, ui: &mut Ui, document: &Document, actions: &mut Vec<Action>) {
        let Some(other) = &self.other else {
            return;
        };
        ui.horizontal(|ui| {
            ui.label(RichText::new("Disagreements").strong());
            ui.label(
                RichText::new("G next · A / B take · Shift+B both · D drop")
                    .small()
                    .color(ui.visuals().weak_text_color()),
            );
        });
        if other.rows.is_empty() {
            ui.label("None: the two analysts tagged the matched articles alike.");
            return;
        }
        let row_height = ui.text_style_height(&egui::TextStyle::Body) * 3.0 + 12.0;
        egui::ScrollArea::vertical()
            .id_salt("team-disagreements")
            .auto_shrink([false, false])
            .show_rows(ui, row_height, other.rows.len(), |ui, range| {
                for index in range {
                    let row = &other.rows[index];
                    let verdict = self.verdict(row, document);
                    let selected = self.current == Some(index);
                    let response = row_ui(ui, document, other, row, verdict, selected, row_height);
                    if response.clicked() {
                        actions.push(Action::ShowDisagreement(index));
                    }
                    if selected {
                        response.scroll_to_me(None);
                    }
                }
            });
    }
}

/// One line of the list: what differs, both claims in a few words, and the decision.
fn row_ui(
    ui: &mut Ui,
    document: &Document,
    other: &Other,
    row: &Row,
    verdict: Option<Verdict>,
    selected: bool,
    height: f32,
) -> egui::Response {
    let describe = |session: &Session, claim: Option<ClaimId>| -> String {
        claim.and_then(|id| session.claim(id)).map_or_else(
            || "—".to_owned(),
            |c| {
                let party = session.party(c.party).map_or("?", |p| p.name.as_str());
                let stance = if c.fact.is_some() {
                    format!(" {}", c.stance.mark())
                } else {
                    String::new()
                };
                format!("{party}{stance} “{}”", crate::model::short(&c.anchor.quote))
            },
        )
    };
    let kinds: Vec<&str> = row.kinds.iter().map(|k| k.label()).collect();
    let head = match verdict {
        Some(v) => format!("✔ {}: {}", kinds.join(", "), v.label()),
        None => kinds.join(", "),
    };
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), height - 4.0),
        // Clicks, not focus: the Team keys keep working after a click.
        egui::Sense::CLICK,
    );
    let visuals = ui.visuals().clone();
    if selected {
        ui.painter()
            .rect_filled(rect, 4.0, visuals.selection.bg_fill.gamma_multiply(0.6));
    } else if response.hovered() {
        ui.painter()
            .rect_filled(rect, 4.0, visuals.widgets.hovered.weak_bg_fill);
    }
    let weak = verdict.is_some();
    let colour = if weak {
        visuals.weak_text_color()
    } else {
        visuals.text_color()
    };
    let inner = rect.shrink2(egui::vec2(6.0, 2.0));
    let mut child = ui.new_child(egui::UiBuilder::new().max_rect(inner));
    child.add(
        egui::Label::new(RichText::new(&head).strong().color(colour))
            .truncate()
            .selectable(false),
    );
    let a = format!("A  {}", describe(document.session(), row.a));
    let b = format!("B  {}", describe(&other.session, row.b));
    let spoken = format!("Disagreement, {head}. {a}. {b}");
    for line in [a, b] {
        child.add(
            egui::Label::new(RichText::new(line).color(colour))
                .truncate()
                .selectable(false),
        );
    }
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &spoken));
    response
}
