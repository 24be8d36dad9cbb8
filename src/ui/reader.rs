//! The article reader: the text with every claim highlighted in its party's colour. Select
//! text with the mouse, then press 1–9 or a party button to tag it; click a highlight to
//! select its claim; hover one to see party, stance and fact.

use std::sync::Arc;

use egui::text::{CCursor, CCursorRange, LayoutJob, LayoutSection};
use egui::{Align, FontId, Galley, RichText, Stroke, TextFormat, Ui};

use super::commands::PARTY_KEYS;
use super::state::{Action, ReaderSelection, SpanDrag, ViewState};
use super::theme;
use crate::history::Document;
use crate::model::span::{byte_to_char, char_to_byte};
use crate::model::{Article, ArticleId, CharIndex, ClaimId, FactId, Session, TextSpan};

/// The widest the text column gets, in points: about 75 characters a line.
pub const MAX_TEXT_WIDTH: f32 = 700.0;
const FONT_SIZE: f32 = 16.0;
const LINE_HEIGHT: f32 = 25.0;

#[derive(Clone, Copy, PartialEq)]
struct GalleyKey {
    article: ArticleId,
    version: u64,
    selected: Option<ClaimId>,
    focus_fact: Option<FactId>,
    dark: bool,
    wrap_width: f32,
    pixels_per_point: f32,
    /// Hash of the find query and which match is current.
    find: u64,
}

/// What the reader keeps between frames so a long article is not laid out again each frame.
#[derive(Default)]
pub struct LayoutCache {
    claims_key: Option<(ArticleId, u64)>,
    /// The article's claims by start offset.
    claims: Vec<(TextSpan, ClaimId)>,
    galley_key: Option<GalleyKey>,
    galley: Option<Arc<Galley>>,
    /// The last cursor range seen, to convert to bytes only when it changes.
    last_range: Option<(usize, usize)>,
    /// Find matches for (article, version, query).
    find_key: Option<(ArticleId, u64, String)>,
    find_matches: Vec<std::ops::Range<usize>>,
}

impl LayoutCache {
    fn claims(
        &mut self,
        session: &Session,
        article: ArticleId,
        version: u64,
    ) -> &[(TextSpan, ClaimId)] {
        if self.claims_key != Some((article, version)) {
            self.claims = session
                .claims_in(article)
                .into_iter()
                .map(|c| (c.anchor.span, c.id))
                .collect();
            self.claims_key = Some((article, version));
        }
        &self.claims
    }

    fn find_matches(
        &mut self,
        article: &Article,
        version: u64,
        query: &str,
    ) -> &[std::ops::Range<usize>] {
        let key = (article.id, version, query.to_owned());
        if self.find_key.as_ref() != Some(&key) {
            self.find_matches = crate::model::search::find_all(&article.text, query);
            self.find_key = Some(key);
        }
        &self.find_matches
    }

    /// The innermost claim at a byte offset.
    fn claim_at(&self, offset: usize) -> Option<ClaimId> {
        self.claims
            .iter()
            .filter(|(span, _)| span.start.0 <= offset && offset < span.end.0)
            .min_by_key(|(span, _)| span.len())
            .map(|(_, id)| *id)
    }

    fn claims_at(&self, offset: usize) -> Vec<ClaimId> {
        self.claims
            .iter()
            .filter(|(span, _)| span.start.0 <= offset && offset < span.end.0)
            .map(|(_, id)| *id)
            .collect()
    }
}

pub fn reader_ui(
    ui: &mut Ui,
    document: &Document,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let session = document.session();
    let Some(article) = view.article.and_then(|id| session.article(id)) else {
        empty_ui(ui, session.articles().is_empty());
        return;
    };

    ui.heading(&article.meta.title);
    let mut meta = Vec::new();
    if !article.meta.outlet.is_empty() {
        meta.push(article.meta.outlet.clone());
    }
    if let Some(date) = article.meta.published {
        meta.push(date.format("%e %B %Y").to_string().trim().to_owned());
    }
    meta.push(format!(
        "{} claims",
        document.analysis().claims_in_article(article.id)
    ));
    ui.label(RichText::new(meta.join(" · ")).weak());
    tag_bar_ui(ui, session, view, article.id, actions);
    find_bar_ui(ui, document, article, view);
    ui.separator();

    let version = document.version();
    let selected_fact = view
        .claim
        .and_then(|id| session.claim(id))
        .and_then(|c| c.fact);
    let focus_fact = view.focus_fact(selected_fact);
    view.reader_cache.claims(session, article.id, version);
    let text_id = egui::Id::unique(("reader-text", article.id));
    view.reader_id = Some(text_id);

    if let Some(selection) = view.select_in_reader.take()
        && selection.article == article.id
    {
        let mut state = egui::TextEdit::load_state(ui.ctx(), text_id).unwrap_or_default();
        let (a, b) = selection.span.to_char_range(&article.text);
        state.cursor.set_char_range(Some(CCursorRange::two(
            CCursor::new(a.0),
            CCursor::new(b.0),
        )));
        state.store(ui.ctx(), text_id);
        ui.memory_mut(|m| m.request_focus(text_id));
        view.selection = Some(selection);
        view.reader_cache.last_range = Some((b.0, a.0));
        view.scroll_to_span = Some((article.id, selection.span));
    }
    if view.collapse_selection {
        view.collapse_selection = false;
        if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), text_id) {
            let end = state.cursor.char_range().map(|r| r.primary);
            state.cursor.set_char_range(end.map(CCursorRange::one));
            state.store(ui.ctx(), text_id);
        }
        view.selection = None;
    }

    egui::ScrollArea::vertical()
        .id_salt(("reader-scroll", article.id))
        .auto_shrink(false)
        .show(ui, |ui| {
            let width =
                (ui.available_width() - ui.spacing().scroll.bar_width - 8.0).min(MAX_TEXT_WIDTH);
            let margin = ((ui.available_width() - width) / 2.0).max(0.0);
            ui.horizontal(|ui| {
                ui.add_space(margin);
                text_ui(
                    ui, document, article, view, actions, text_id, width, focus_fact,
                );
            });
        });
}

#[expect(
    clippy::too_many_arguments,
    reason = "one call site; the pieces are all needed"
)]
fn text_ui(
    ui: &mut Ui,
    document: &Document,
    article: &Article,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
    text_id: egui::Id,
    width: f32,
    focus_fact: Option<FactId>,
) {
    let session = document.session();
    let version = document.version();
    let selected = view.claim;
    let find_query = view
        .find
        .as_ref()
        .map(|f| f.query.clone())
        .unwrap_or_default();
    let find_current = view.find.as_ref().map_or(0, |f| f.current);
    let find_hash = {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (&find_query, find_current).hash(&mut hasher);
        hasher.finish()
    };
    view.reader_cache
        .find_matches(article, version, &find_query);
    let cache = &mut view.reader_cache;
    let mut layouter = |ui: &Ui, _text: &dyn egui::TextBuffer, wrap_width: f32| -> Arc<Galley> {
        let key = GalleyKey {
            article: article.id,
            version,
            selected,
            focus_fact,
            dark: ui.visuals().dark_mode,
            wrap_width,
            pixels_per_point: ui.pixels_per_point(),
            find: find_hash,
        };
        if cache.galley_key != Some(key) || cache.galley.is_none() {
            let marks = Marks {
                selected,
                focus_fact,
                find: &cache.find_matches,
                find_current,
            };
            let job = layout_job(ui, session, article, &cache.claims, &marks, wrap_width);
            cache.galley = Some(ui.fonts_mut(|fonts| fonts.layout_job(job)));
            cache.galley_key = Some(key);
        }
        cache
            .galley
            .clone()
            .unwrap_or_else(|| ui.fonts_mut(|fonts| fonts.layout_job(LayoutJob::default())))
    };
    let mut text: &str = &article.text;
    let output = egui::TextEdit::multiline(&mut text)
        .id(text_id)
        .desired_width(width)
        .frame(egui::Frame::NONE)
        .layouter(&mut layouter)
        .show(ui);
    output.response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::TextInput,
            true,
            format!("Article text: {}", article.meta.title),
        )
    });

    // The selection, as bytes, recomputed only when the cursor moved.
    let range = output
        .cursor_range
        .map(|r| (r.primary.index.0, r.secondary.index.0));
    if range != cache.last_range {
        cache.last_range = range;
        view.selection = range.and_then(|(a, b)| {
            (a != b).then(|| ReaderSelection {
                article: article.id,
                span: TextSpan::from_char_range(&article.text, CharIndex(a), CharIndex(b)),
            })
        });
        if let Some((a, b)) = range
            && a == b
        {
            view.cursor = Some((article.id, char_to_byte(&article.text, CharIndex(a))));
        }
    }

    let response = &output.response.response;
    // A click (not the end of a drag-selection) selects the innermost claim under the
    // pointer, or none. The pointer decides: on the click frame the text may not have its
    // cursor yet.
    if response.clicked()
        && let Some(pointer) = response.interact_pointer_pos()
    {
        let cursor = output.galley.cursor_from_pos(pointer - output.galley_pos);
        let offset = char_to_byte(&article.text, CharIndex(cursor.index.0)).0;
        actions.push(Action::SelectClaim(cache.claim_at(offset)));
    }

    if let Some(pointer) = response.hover_pos() {
        let cursor = output.galley.cursor_from_pos(pointer - output.galley_pos);
        let offset = char_to_byte(&article.text, CharIndex(cursor.index.0)).0;
        let under = cache.claims_at(offset);
        if let Some(first) = under.first().and_then(|id| session.claim(*id)) {
            view.hovered_fact = first.fact;
            response.clone().on_hover_ui_at_pointer(|ui| {
                for claim in under.iter().filter_map(|id| session.claim(*id)) {
                    super::claim_summary_ui(ui, session, claim);
                }
                ui.label(RichText::new("Click to select").weak().small());
            });
        }
    }

    let mut scroll_to = None;
    if let Some(claim_id) = view.scroll_to_claim
        && let Some(claim) = session.claim(claim_id)
        && claim.article == article.id
    {
        view.scroll_to_claim = None;
        scroll_to = Some(claim.anchor.span.start);
    }
    if let Some((target, span)) = view.scroll_to_span
        && target == article.id
    {
        view.scroll_to_span = None;
        scroll_to = Some(span.start);
    }
    if let Some(offset) = scroll_to {
        let start = byte_to_char(&article.text, offset);
        let rect = output
            .galley
            .pos_from_cursor(CCursor::new(start.0))
            .translate(output.galley_pos.to_vec2());
        ui.scroll_to_rect(rect.expand(LINE_HEIGHT * 2.0), Some(Align::Center));
    }

    span_handles_ui(ui, &output, article, view, actions);
}

/// Two handles on the selected claim's ends: drag one to move that end of the span.
fn span_handles_ui(
    ui: &mut Ui,
    output: &egui::text_edit::TextEditOutput,
    article: &Article,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let Some(claim) = view.claim.and_then(|id| {
        view.reader_cache
            .claims
            .iter()
            .find(|(_, c)| *c == id)
            .copied()
    }) else {
        return;
    };
    let (span, claim_id) = claim;
    let colour = ui.visuals().strong_text_color();
    for start_end in [true, false] {
        let dragging = view
            .span_drag
            .filter(|d| d.claim == claim_id && d.start_end == start_end);
        let offset = dragging.map_or(if start_end { span.start } else { span.end }, |d| d.offset);
        let char_index = byte_to_char(&article.text, offset);
        let caret = output
            .galley
            .pos_from_cursor(CCursor::new(char_index.0))
            .translate(output.galley_pos.to_vec2());
        let bar = egui::Rect::from_min_max(
            egui::pos2(caret.left() - 1.5, caret.top()),
            egui::pos2(caret.left() + 1.5, caret.bottom()),
        );
        let knob = if start_end {
            bar.center_top()
        } else {
            bar.center_bottom()
        };
        let id = ui.scope_id().with(("span-handle", claim_id, start_end));
        let response = ui
            .interact(bar.expand2(egui::vec2(5.0, 2.0)), id, egui::Sense::drag())
            .on_hover_cursor(egui::CursorIcon::ResizeHorizontal)
            .on_hover_text(if start_end {
                "Drag to move the start of the claim (Alt+Shift+Left/Right)"
            } else {
                "Drag to move the end of the claim (Alt+Left/Right)"
            });
        response.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Slider,
                true,
                if start_end {
                    "Start of claim"
                } else {
                    "End of claim"
                },
            )
        });
        let painter = ui.painter();
        painter.rect_filled(bar, 1.0, colour);
        painter.circle_filled(knob, 4.0, colour);
        if response.dragged()
            && let Some(pointer) = response.interact_pointer_pos()
        {
            let cursor = output.galley.cursor_from_pos(pointer - output.galley_pos);
            view.span_drag = Some(SpanDrag {
                claim: claim_id,
                start_end,
                offset: char_to_byte(&article.text, CharIndex(cursor.index.0)),
            });
        }
        if response.drag_stopped()
            && let Some(drag) = view.span_drag.take()
        {
            let new_span = if start_end {
                TextSpan {
                    start: drag.offset.min(span.end),
                    end: span.end,
                }
            } else {
                TextSpan {
                    start: span.start,
                    end: drag.offset.max(span.start),
                }
            };
            actions.push(Action::Respan {
                claim: claim_id,
                span: new_span,
                label: "Drag claim boundary".into(),
            });
        }
    }
}

fn find_bar_ui(ui: &mut Ui, document: &Document, article: &Article, view: &mut ViewState) {
    let Some(find) = &mut view.find else {
        return;
    };
    let mut close = false;
    let mut step: i64 = 0;
    let mut scroll = false;
    ui.horizontal(|ui| {
        let field = ui.add(
            egui::TextEdit::singleline(&mut find.query)
                .hint_text("Find in article")
                .desired_width(240.0),
        );
        field.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::SearchInput, true, "Find in article")
        });
        if find.focus {
            field.request_focus();
            find.focus = false;
        }
        if field.changed() {
            find.current = 0;
            scroll = true;
        }
        if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            step = if ui.input(|i| i.modifiers.shift) {
                -1
            } else {
                1
            };
            field.request_focus();
        }
        if field.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            close = true;
        }
        let count = view
            .reader_cache
            .find_matches(article, document.version(), &find.query)
            .len();
        if count == 0 {
            if !find.query.is_empty() {
                ui.label(RichText::new("no matches").weak());
            }
        } else {
            ui.label(format!("{} of {count}", find.current.min(count - 1) + 1));
        }
        if ui
            .add_enabled(count > 0, egui::Button::new("Previous"))
            .on_hover_text("Previous match (Shift+Enter)")
            .clicked()
        {
            step = -1;
        }
        if ui
            .add_enabled(count > 0, egui::Button::new("Next"))
            .on_hover_text("Next match (Enter)")
            .clicked()
        {
            step = 1;
        }
        if ui.button("✖").on_hover_text("Close (Esc)").clicked() {
            close = true;
        }
    });
    let matches = view
        .reader_cache
        .find_matches(article, document.version(), &find.query);
    if let Ok(count) = i64::try_from(matches.len())
        && count > 0
    {
        let current = i64::try_from(find.current).unwrap_or(0) + step;
        find.current = usize::try_from(current.rem_euclid(count)).unwrap_or(0);
        if step != 0 || scroll {
            let range = matches[find.current].clone();
            view.scroll_to_span = Some((article.id, TextSpan::new(range.start, range.end)));
        }
    }
    if close {
        view.find = None;
    }
}

fn tag_bar_ui(
    ui: &mut Ui,
    session: &Session,
    view: &ViewState,
    article: ArticleId,
    actions: &mut Vec<Action>,
) {
    let has_selection = view.selection.is_some_and(|s| s.article == article);
    ui.horizontal_wrapped(|ui| {
        ui.label(if has_selection {
            "Tag selection as:"
        } else {
            "Select text, then tag it as:"
        });
        for (index, party) in session.parties().iter().enumerate() {
            let key = PARTY_KEYS.get(index).map(|k| k.name());
            let label = match key {
                Some(key) => format!("{key}  {}", party.name),
                None => party.name.clone(),
            };
            let button = egui::Button::new(RichText::new(label).strong())
                .fill(theme::party_colour(party.colour).gamma_multiply(0.35))
                .stroke(Stroke::new(1.5, theme::party_colour(party.colour)));
            let response = ui
                .add_enabled(has_selection, button)
                .on_hover_text(format!(
                    "Tag the selected text as a claim by {}",
                    party.name
                ))
                .on_disabled_hover_text("Select some text in the article first");
            if response.clicked() {
                actions.push(Action::Tag {
                    party: party.id,
                    selection: view.selection,
                });
            }
        }
    });
}

fn empty_ui(ui: &mut Ui, no_articles: bool) {
    ui.add_space(40.0);
    ui.vertical_centered(|ui| {
        if no_articles {
            ui.heading("No articles yet");
            ui.label("Open articles with File › Open articles… (Ctrl+Shift+O), or drop .txt / .md files onto the window.");
        } else {
            ui.heading("No article selected");
            ui.label("Choose an article in the list on the left.");
        }
    });
}

/// What the layout marks besides claims: the selected claim, the fact in focus, find matches.
struct Marks<'a> {
    selected: Option<ClaimId>,
    focus_fact: Option<FactId>,
    find: &'a [std::ops::Range<usize>],
    find_current: usize,
}

fn layout_job(
    ui: &Ui,
    session: &Session,
    article: &Article,
    claims: &[(TextSpan, ClaimId)],
    marks: &Marks,
    wrap_width: f32,
) -> LayoutJob {
    let Marks {
        selected,
        focus_fact,
        find,
        find_current,
    } = *marks;
    let visuals = ui.visuals();
    let text = &article.text;
    let plain = TextFormat {
        font_id: FontId::proportional(FONT_SIZE),
        color: visuals.text_color(),
        line_height: Some(LINE_HEIGHT),
        ..TextFormat::default()
    };
    let mut job = LayoutJob {
        text: text.clone(),
        ..LayoutJob::default()
    };
    job.wrap.max_width = wrap_width;

    let mut boundaries: Vec<usize> = Vec::with_capacity(claims.len() * 2 + 2);
    boundaries.push(0);
    boundaries.push(text.len());
    for (span, _) in claims {
        boundaries.push(span.start.0.min(text.len()));
        boundaries.push(span.end.0.min(text.len()));
    }
    for range in find {
        boundaries.push(range.start.min(text.len()));
        boundaries.push(range.end.min(text.len()));
    }
    boundaries.sort_unstable();
    boundaries.dedup();

    let mut next = 0; // next claim (by start) not yet active
    let mut active: Vec<(TextSpan, ClaimId)> = Vec::new();
    for pair in boundaries.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        active.retain(|(span, _)| span.end.0 > from);
        while next < claims.len() && claims[next].0.start.0 <= from {
            if claims[next].0.end.0 > from {
                active.push(claims[next]);
            }
            next += 1;
        }
        let mut format = plain.clone();
        let covering: Vec<&crate::model::Claim> = active
            .iter()
            .filter_map(|(_, id)| session.claim(*id))
            .collect();
        // The innermost claim (the one that started last) gives the colour.
        if let Some(top) = covering.last()
            && let Some(party) = session.party(top.party)
        {
            let emphasised = covering
                .iter()
                .any(|c| Some(c.id) == selected || (c.fact.is_some() && c.fact == focus_fact));
            format.background =
                theme::claim_highlight(party.colour, visuals, covering.len(), emphasised);
            if let Some(other) = covering
                .iter()
                .rev()
                .find(|c| c.party != top.party)
                .and_then(|c| session.party(c.party))
            {
                format.underline = Stroke::new(2.5, theme::party_colour(other.colour));
            }
            if emphasised {
                format.color = theme::text_on(theme::party_colour(party.colour));
            }
        }
        // Find matches sit on top of claim colours: a yellow mark, the current one outlined.
        let index = find.partition_point(|r| r.end <= from);
        if find
            .get(index)
            .is_some_and(|r| r.start <= from && from < r.end)
        {
            format.background = theme::find_highlight(index == find_current);
            format.color = egui::Color32::BLACK;
            if index == find_current {
                format.underline = Stroke::new(2.0, egui::Color32::BLACK);
            }
        }
        job.sections.push(LayoutSection {
            leading_space: 0.0,
            byte_range: egui::text::ByteIndex(from)..egui::text::ByteIndex(to),
            format,
        });
    }
    job
}
