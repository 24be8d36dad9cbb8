//! What the reader draws over its text: the tooltip of the claims under the pointer, and
//! the two handles that drag a selected claim's ends.

use egui::{Rect, RichText, Ui, Vec2};

use super::SpanDrag;
use super::scene::{Placed, Scene, hit, hit_text, screen_rect};
use crate::model::{ByteOffset, ClaimId, TextSpan};
use crate::ui::actions::Action;

/// Hovering a highlight shows its claims; the fact of the first stands out in every view.
pub fn hover_ui(
    scene: &Scene,
    placed: &[Placed],
    response: &egui::Response,
    actions: &mut Vec<Action>,
) {
    let Some(offset) = response
        .hover_pos()
        .and_then(|pos| hit_text(scene, placed, pos))
    else {
        return;
    };
    let session = scene.session;
    let under = scene.index.claims_at(offset);
    if let Some(first) = under.first().and_then(|id| session.claim(*id)) {
        if let Some(fact) = first.fact {
            actions.push(Action::HoverFact(fact));
        }
        response.clone().on_hover_ui_at_pointer(|ui| {
            for claim in under.iter().filter_map(|id| session.claim(*id)) {
                crate::ui::claim_summary_ui(ui, session, claim);
            }
            ui.label(RichText::new("Click to select").weak().small());
        });
    }
}

/// Two handles on the selected claim's ends: drag one to move that end of the span.
pub fn span_handles_ui(
    ui: &Ui,
    scene: &Scene,
    placed: &[Placed],
    (selected, span_drag): (Option<ClaimId>, &mut Option<SpanDrag>),
    actions: &mut Vec<Action>,
) {
    let Some(claim_id) = selected else {
        return;
    };
    let Some(span) = scene.index.span_of(claim_id) else {
        return;
    };
    let colour = ui.visuals().strong_text_color();
    for start_end in [true, false] {
        let dragging = span_drag.filter(|d| d.claim == claim_id && d.start_end == start_end);
        let offset = dragging.map_or(if start_end { span.start } else { span.end }, |d| d.offset);
        let Some(caret) = screen_rect(scene, placed, offset.0) else {
            continue;
        };
        let bar = Rect::from_min_max(
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
            .interact(bar.expand2(Vec2::new(5.0, 2.0)), id, egui::Sense::drag())
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
            && let Some(offset) = hit(scene, placed, pointer)
        {
            *span_drag = Some(SpanDrag {
                claim: claim_id,
                start_end,
                offset: ByteOffset(offset),
            });
        }
        if response.drag_stopped()
            && let Some(drag) = span_drag.take()
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
