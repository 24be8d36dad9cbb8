//! The reader's caret and selection, moved by keys and the mouse. The caret steps by
//! grapheme (a flag or a letter with its accent is one step) and by word; up and down keep
//! the column across blocks; Home and End follow a right-to-left row's direction.

use std::ops::Range;

use egui::{Event, Key, Ui};

use super::Caret;
use super::LINE_HEIGHT;
use super::blocks::Blocks;
use super::scene::{Galleys, Placed, Scene, hit};
use crate::model::ByteOffset;
use crate::model::span::{floor_char_boundary, next_word_end, previous_word_start, word_at};
use crate::text::segment::{next_grapheme, previous_grapheme};
use crate::ui::actions::Action;

/// Moves the caret with the keyboard: arrows (with Ctrl by word), Home/End (with Ctrl to
/// the ends of the article), Shift to extend the selection, Ctrl+A, and copy.
pub fn keyboard(
    ui: &Ui,
    scene: &Scene,
    galleys: &mut Galleys,
    caret: &mut Option<Caret>,
    column: &mut Option<f32>,
) {
    let text = &scene.article.text;
    let events = ui.input(|i| i.events.clone());
    for event in events {
        match event {
            Event::Copy | Event::Cut => {
                if let Some(c) = *caret
                    && c.anchor != c.head
                    && let Some(selected) = text.get(c.range())
                {
                    ui.ctx().copy_text(selected.to_owned());
                }
            }
            Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } if !modifiers.alt => {
                let head = caret.map_or(0, |c| floor_char_boundary(text, c.head));
                let selection = caret.map(Caret::range).filter(|r| !r.is_empty());
                let collapse = !modifiers.shift && selection.is_some();
                // Ctrl on Linux and Windows, Cmd on a Mac (kittest may send either).
                let command = modifiers.command || modifiers.ctrl;
                let new_head = match key {
                    Key::ArrowLeft if collapse => selection.map(|r| r.start),
                    Key::ArrowRight if collapse => selection.map(|r| r.end),
                    Key::ArrowLeft if command => {
                        Some(previous_word_start(text, ByteOffset(head)).0)
                    }
                    Key::ArrowRight if command => Some(next_word_end(text, ByteOffset(head)).0),
                    Key::ArrowLeft => Some(previous_grapheme(text, ByteOffset(head)).0),
                    Key::ArrowRight => Some(next_grapheme(text, ByteOffset(head)).0),
                    Key::ArrowUp | Key::ArrowDown => {
                        vertical(ui, scene, galleys, head, key == Key::ArrowUp, column)
                    }
                    Key::Home if command => Some(0),
                    Key::End if command => Some(text.len()),
                    Key::Home | Key::End => Blocks::locate_in(scene.blocks, head).map(|block| {
                        let laid = scene.galley(ui, galleys, block);
                        // The start of a right-to-left row is at its right.
                        let moved = laid.row_edge(text, scene.clamp(block, head), key == Key::Home);
                        scene.clamp(block, moved.0).0
                    }),
                    Key::A if command => {
                        *caret = Some(Caret {
                            article: scene.article.id,
                            anchor: 0,
                            head: text.len(),
                        });
                        continue;
                    }
                    _ => None,
                };
                if let Some(new_head) = new_head {
                    let anchor = if modifiers.shift {
                        caret.map_or(head, |c| c.anchor)
                    } else {
                        new_head
                    };
                    *caret = Some(Caret {
                        article: scene.article.id,
                        anchor,
                        head: new_head,
                    });
                    if !matches!(key, Key::ArrowUp | Key::ArrowDown) {
                        *column = None;
                    }
                }
            }
            _ => {}
        }
    }
}

/// The offset one row up or down from `head`, across blocks, keeping the column.
fn vertical(
    ui: &Ui,
    scene: &Scene,
    galleys: &mut Galleys,
    head: usize,
    up: bool,
    column: &mut Option<f32>,
) -> Option<usize> {
    let block = Blocks::locate_in(scene.blocks, head)?;
    let laid = scene.galley(ui, galleys, block);
    let text = &scene.article.text;
    let at = scene.clamp(block, head);
    let row = laid.row_of(text, at);
    let x = column.unwrap_or_else(|| laid.caret_rect(text, at).center().x);
    *column = Some(x);
    if up {
        if row > 0 {
            return Some(scene.clamp(block, laid.row_step(text, at, true, x).0).0);
        }
        if block == 0 {
            return Some(scene.blocks[0].range.start);
        }
        let above = scene.galley(ui, galleys, block - 1);
        let pos = egui::vec2(x, above.size().y - LINE_HEIGHT / 2.0);
        Some(scene.offset(block - 1, &above, pos))
    } else {
        if row + 1 < laid.rows() {
            return Some(scene.clamp(block, laid.row_step(text, at, false, x).0).0);
        }
        if block + 1 == scene.blocks.len() {
            return Some(scene.blocks[block].range.end);
        }
        let below = scene.galley(ui, galleys, block + 1);
        Some(scene.offset(block + 1, &below, egui::vec2(x, LINE_HEIGHT / 2.0)))
    }
}

/// Mouse selection: press to place the caret, drag to select (the view scrolls at its
/// edges), Shift+click to extend, double-click for a word, triple-click for a paragraph;
/// a plain click selects the innermost claim under the pointer, or none.
pub fn pointer(
    ui: &Ui,
    scene: &Scene,
    placed: &[Placed],
    response: &egui::Response,
    caret: &mut Option<Caret>,
    actions: &mut Vec<Action>,
) {
    if response.hovered() {
        ui.ctx().set_cursor_icon(egui::CursorIcon::Text);
    }
    let Some(pos) = response.interact_pointer_pos() else {
        return;
    };
    let Some(offset) = hit(scene, placed, pos) else {
        return;
    };
    let article = scene.article.id;
    let text = &scene.article.text;
    let (pressed, shift) = ui.input(|i| (i.pointer.primary_pressed(), i.modifiers.shift));
    if pressed && response.is_pointer_button_down_on() {
        response.request_focus();
        match caret {
            Some(c) if shift => c.head = offset,
            _ => {
                *caret = Some(Caret {
                    article,
                    anchor: offset,
                    head: offset,
                });
            }
        }
    }
    if response.dragged_by(egui::PointerButton::Primary) {
        if let Some(c) = caret {
            c.head = offset;
        }
        let rect = response.rect;
        let edge = 12.0;
        if pos.y > rect.bottom() - edge {
            ui.scroll_with_delta(egui::vec2(0.0, -(pos.y - rect.bottom() + edge).min(40.0)));
            ui.ctx().request_repaint();
        } else if pos.y < rect.top() + edge {
            ui.scroll_with_delta(egui::vec2(0.0, (rect.top() + edge - pos.y).min(40.0)));
            ui.ctx().request_repaint();
        }
    }
    let select = |range: Range<usize>| Caret {
        article,
        anchor: range.start,
        head: range.end,
    };
    if response.triple_clicked() {
        if let Some(block) = Blocks::locate_in(scene.blocks, offset) {
            *caret = Some(select(scene.blocks[block].range.clone()));
        }
    } else if response.double_clicked() {
        *caret = Some(select(word_at(text, ByteOffset(offset))));
    } else if response.clicked() && !shift {
        actions.push(Action::SelectClaim(scene.index.innermost_at(offset)));
    }
}
