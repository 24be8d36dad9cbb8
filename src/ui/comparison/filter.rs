//! The comparison's search field and filter menu: by party, status, article, outlet and
//! date.

use egui::{RichText, Ui};

use crate::history::Document;
use crate::model::FactStatus;
use crate::model::search::ClaimFilter;

/// The search field and the filter menu: by party, status, article, outlet and date.
pub fn filter_bar_ui(
    ui: &mut Ui,
    document: &Document,
    filter: &mut ClaimFilter,
    focus_search: bool,
) {
    let session = document.session();
    ui.horizontal(|ui| {
        let search = ui.add(
            egui::TextEdit::singleline(&mut filter.text)
                .hint_text("Search claims, notes, facts…")
                .desired_width(220.0),
        );
        search.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::SearchInput, true, "Search claims")
        });
        if focus_search {
            search.request_focus();
        }
        let active = usize::from(!filter.facts.is_empty())
            + filter.parties.len()
            + filter.statuses.len()
            + filter.articles.len()
            + filter.outlets.len()
            + usize::from(filter.from.is_some())
            + usize::from(filter.to.is_some());
        let label = if active == 0 {
            "Filter".to_owned()
        } else {
            format!("Filter ({active})")
        };
        ui.menu_button(label, |ui| {
            ui.set_min_width(240.0);
            if !filter.facts.is_empty() {
                ui.horizontal(|ui| {
                    ui.label(format!(
                        "Only {} from the agreement matrix",
                        crate::ui::actions::count(filter.facts.len(), "fact", "facts")
                    ));
                    if ui
                        .small_button("✖")
                        .on_hover_text("Show every fact")
                        .clicked()
                    {
                        filter.facts.clear();
                    }
                });
                ui.separator();
            }
            ui.label(RichText::new("Parties").strong());
            for party in session.parties() {
                toggle(ui, &mut filter.parties, party.id, &party.name);
            }
            ui.separator();
            ui.label(RichText::new("Fact status").strong());
            for status in [
                FactStatus::Agreed,
                FactStatus::Disputed,
                FactStatus::OneSided,
            ] {
                toggle(ui, &mut filter.statuses, Some(status), status.label());
            }
            toggle(ui, &mut filter.statuses, None, "not linked to a fact");
            ui.separator();
            ui.label(RichText::new("Articles").strong());
            for article in session.articles() {
                toggle(
                    ui,
                    &mut filter.articles,
                    article.id,
                    &crate::model::short(&article.meta.title),
                );
            }
            let mut outlets: Vec<&str> = session
                .articles()
                .iter()
                .map(|a| a.meta.outlet.as_str())
                .filter(|o| !o.is_empty())
                .collect();
            outlets.sort_unstable();
            outlets.dedup();
            if !outlets.is_empty() {
                ui.separator();
                ui.label(RichText::new("Outlets").strong());
                for outlet in outlets {
                    toggle(ui, &mut filter.outlets, outlet.to_owned(), outlet);
                }
            }
            ui.separator();
            ui.label(RichText::new("Published").strong());
            date_bound_ui(ui, &mut filter.from, "from", "filter-from");
            date_bound_ui(ui, &mut filter.to, "to", "filter-to");
            ui.separator();
            if ui.button("Clear filter").clicked() {
                let text = std::mem::take(&mut filter.text);
                *filter = ClaimFilter {
                    text,
                    ..ClaimFilter::default()
                };
            }
        });
        if !filter.is_empty() {
            let shown = session
                .claims()
                .filter(|c| filter.matches(session, document.analysis(), c))
                .count();
            let total = crate::ui::actions::count(session.claims().len(), "claim", "claims");
            ui.label(RichText::new(format!("{shown} of {total}")).weak());
            if ui
                .small_button("✖")
                .on_hover_text("Show all claims")
                .clicked()
            {
                *filter = ClaimFilter::default();
            }
        }
    });
}

fn toggle<T: PartialEq + Clone>(ui: &mut Ui, list: &mut Vec<T>, value: T, label: &str) {
    let mut on = list.contains(&value);
    if ui.checkbox(&mut on, label).changed() {
        if on {
            list.push(value);
        } else {
            list.retain(|v| *v != value);
        }
    }
}

fn date_bound_ui(
    ui: &mut Ui,
    bound: &mut Option<chrono::NaiveDate>,
    label: &str,
    id: &'static str,
) {
    ui.horizontal(|ui| {
        let mut on = bound.is_some();
        if ui.checkbox(&mut on, label).changed() {
            *bound = on.then(|| bound.unwrap_or_else(|| chrono::Local::now().date_naive()));
        }
        if let Some(date) = bound {
            let mut picked = crate::ui::dialogs::to_jiff(*date);
            ui.add(egui_extras::DatePickerButton::new(&mut picked).id_salt(id));
            if let Some(changed) = crate::ui::dialogs::from_jiff(picked) {
                *date = changed;
            }
        }
    });
}
