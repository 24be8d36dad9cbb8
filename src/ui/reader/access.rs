//! The reader for screen readers (AccessKit): the text area is a text input named after
//! the article, and each paragraph in view is a node of its own, with its text and a
//! description of the claims in it ("US affirms: “…”"), so the article can be read aloud
//! and its claims found without seeing the colours.

use egui::{Rect, Ui, UiBuilder};

use super::scene::{Placed, Scene};

/// Describes the text area and the paragraphs placed in view.
pub fn describe(ui: &mut Ui, response: &egui::Response, scene: &Scene, placed: &[Placed]) {
    let title = &scene.article.meta.title;
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::TextInput,
            true,
            format!("Article text: {title}"),
        )
    });
    // Only when a screen reader asks: the tree is built then, and costs nothing otherwise.
    if ui
        .ctx()
        .accesskit_node_builder(response.id, |_| ())
        .is_none()
    {
        return;
    }
    let builder = UiBuilder::new().accessibility_parent(response.id);
    ui.scope_builder(builder, |ui| {
        for p in placed {
            let block = &scene.blocks[p.block];
            let text = &scene.article.text[block.range.clone()];
            let rect = Rect::from_min_size(p.pos, p.laid.size());
            let id = response.id.with(("paragraph", p.block));
            let paragraph = ui.interact(rect, id, egui::Sense::hover());
            let claims = claims_in(scene, block.range.clone());
            paragraph.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Paragraph, true, text));
            if !claims.is_empty() {
                ui.ctx()
                    .accesskit_node_builder(id, |node| node.set_description(claims));
            }
        }
    });
}

/// The claims in a range, as a sentence a screen reader can say.
fn claims_in(scene: &Scene, range: std::ops::Range<usize>) -> String {
    let session = scene.session;
    let described: Vec<String> = scene
        .index
        .overlapping(range)
        .filter_map(|(_, id)| session.claim(*id))
        .map(|claim| {
            let party = session.party(claim.party).map_or("", |p| p.name.as_str());
            let fact = claim
                .fact
                .and_then(|f| session.fact(f))
                .map_or_else(String::new, |f| format!(" that {}", f.statement));
            format!(
                "{party} {}{fact}: “{}”",
                claim.stance.label(),
                crate::model::short(&claim.anchor.quote)
            )
        })
        .collect();
    if described.is_empty() {
        String::new()
    } else {
        format!("Claims: {}", described.join("; "))
    }
}
