//! Suggestions in the reader: quiet dashed outlines in the suggested party's colour (grey
//! for a speaker that is no party), the one Tab went to drawn solid, and on hover what
//! marked it ("said · speaker: US Central Command → US") with the keys.

use egui::{Rect, Shape, Stroke, Ui};

use super::scene::{Placed, Scene};
use crate::model::TextSpan;
use crate::suggest::ClaimSuggestion;
use crate::ui::suggestions::Shown;
use crate::ui::theme;

/// The rectangles a span covers on screen, in the blocks in view.
fn rects(scene: &Scene, placed: &[Placed], span: TextSpan) -> Vec<Rect> {
    let mut out = Vec::new();
    for p in placed {
        let range = &scene.blocks[p.block].range;
        let from = span.start.0.max(range.start);
        let to = span.end.0.min(range.end);
        if from >= to {
            continue;
        }
        let part = TextSpan::new(from, to);
        out.extend(
            p.laid
                .span_rects(&scene.article.text, part)
                .into_iter()
                .map(|r| r.translate(p.pos.to_vec2()).expand2(egui::vec2(1.0, 0.0))),
        );
    }
    out
}

/// Length of a dash of an outline, and of the gap after it.
const DASH: f32 = 4.0;
const GAP: f32 = 3.0;

/// Adds `rect`'s dashed outline to `mesh` as plain quads, snapped to whole pixels: a dash
/// of a horizontal or vertical line needs no anti-aliasing, and one quad is a fifth of the
/// triangles of a feathered line segment. (A screen of suggestions drew 1,184 segments, a
/// third of a frame's triangles; a software renderer pays for each.)
fn dashed(mesh: &mut egui::Mesh, rect: Rect, stroke: Stroke, pixels_per_point: f32) {
    let snap = |x: f32| (x * pixels_per_point).round() / pixels_per_point;
    let width = (stroke.width * pixels_per_point).round().max(1.0) / pixels_per_point;
    let (left, right, top, bottom) = (
        snap(rect.left()),
        snap(rect.right()),
        snap(rect.top()),
        snap(rect.bottom()),
    );
    let mut dashes = |from: f32, to: f32, quad: &dyn Fn(f32, f32) -> Rect| {
        let mut at = from;
        while at < to {
            let end = snap((at + DASH).min(to));
            if end > at {
                mesh.add_colored_rect(quad(at, end), stroke.color);
            }
            at = snap(at + DASH + GAP);
        }
    };
    let half = width / 2.0;
    let across =
        |y: f32| move |a: f32, b: f32| Rect::from_x_y_ranges(a..=b, (y - half)..=(y + half));
    let down = |x: f32| move |a: f32, b: f32| Rect::from_x_y_ranges((x - half)..=(x + half), a..=b);
    dashes(left, right, &across(top));
    dashes(left, right, &across(bottom));
    dashes(top, bottom, &down(left));
    dashes(top, bottom, &down(right));
}

/// Paints the outlines of the suggestions in view; shows the cue of the one hovered.
pub fn paint_ui(
    ui: &Ui,
    scene: &Scene,
    placed: &[Placed],
    response: &egui::Response,
    shown: &Shown,
) {
    let (Some(first), Some(last)) = (placed.first(), placed.last()) else {
        return;
    };
    if shown.hidden || shown.open.is_empty() {
        return;
    }
    let view = scene.blocks[first.block].range.start..scene.blocks[last.block].range.end;
    let open = shown.open.as_slice();
    let from = open.partition_point(|s| s.span.end.0 <= view.start);
    let visuals = ui.visuals();
    let colour_of = |s: &ClaimSuggestion| {
        s.party
            .and_then(|p| scene.session.party(p))
            .map_or(visuals.weak_text_color(), |p| theme::party_colour(p.colour))
    };
    let pointer = response.hover_pos();
    let mut hovered: Option<&ClaimSuggestion> = None;
    let mut shapes = Vec::new();
    let mut dashes = egui::Mesh::default();
    let pixels_per_point = ui.pixels_per_point();
    for suggestion in open[from..]
        .iter()
        .take_while(|s| s.span.start.0 < view.end)
    {
        let current = shown
            .current
            .filter(|(found, _)| *found == suggestion.span)
            .map(|(_, span)| span);
        let span = current.unwrap_or(suggestion.span);
        let stroke = Stroke::new(
            if current.is_some() { 2.0 } else { 1.2 },
            colour_of(suggestion),
        );
        for rect in rects(scene, placed, span) {
            if current.is_some() {
                shapes.push(Shape::rect_stroke(
                    rect,
                    2.0,
                    stroke,
                    egui::StrokeKind::Outside,
                ));
            } else {
                dashed(&mut dashes, rect, stroke, pixels_per_point);
            }
            if pointer.is_some_and(|p| rect.contains(p)) {
                hovered = Some(suggestion);
            }
        }
    }
    if !dashes.is_empty() {
        shapes.push(Shape::mesh(dashes));
    }
    ui.painter().extend(shapes);
    if let Some(suggestion) = hovered {
        let explanation =
            crate::ui::suggestions::for_window(&suggestion.explanation(scene.session));
        let stance = suggestion.stance.label();
        let score = suggestion.score;
        response.clone().on_hover_ui_at_pointer(|ui| {
            ui.set_max_width(360.0);
            ui.label(egui::RichText::new("Suggested claim").strong());
            ui.label(explanation);
            ui.label(format!("{stance} · score {score:.2}"));
            ui.label(
                egui::RichText::new(
                    "Tab to it, then Enter accepts, 1–9 as another party, Backspace rejects",
                )
                .small()
                .weak(),
            );
        });
    }
}
