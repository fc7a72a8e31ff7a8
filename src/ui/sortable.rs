//! Pieces of a sortable table with a selection of several rows: sort keys,
//! header buttons, and clicks with Ctrl and Shift.

use std::collections::BTreeSet;

/// What a column sorts by; rows without a date go last.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum SortKey {
    Text(String),
    Number(usize),
    When(DateKey),
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum DateKey {
    Some(crate::model::Date),
    None,
}

impl From<Option<crate::model::Date>> for DateKey {
    fn from(date: Option<crate::model::Date>) -> Self {
        date.map_or(Self::None, Self::Some)
    }
}

/// The first click sorts ascending, the next descending.
pub(super) fn next_sort<C: PartialEq>(sort: Option<(C, bool)>, column: C) -> (C, bool) {
    match sort {
        Some((c, ascending)) if c == column => (column, !ascending),
        _ => (column, true),
    }
}

/// A header button; `state` is (sorted by this column, ascending).
pub(super) fn sort_header(
    ui: &mut egui::Ui,
    title: &str,
    tip: &str,
    state: Option<(bool, bool)>,
) -> bool {
    let arrow = match state {
        Some((true, true)) => " ^",
        Some((true, false)) => " v",
        _ => "",
    };
    let response = ui
        .add(
            egui::Button::new(egui::RichText::new(format!("{title}{arrow}")).strong()).frame(false),
        )
        .on_hover_text(tip);
    let name = format!("Sort by {title}");
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
    response.clicked()
}

pub(super) fn right_to_left(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui)) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), add);
}

pub(super) fn toggle<T: Ord + Clone>(set: &mut BTreeSet<T>, item: &T, on: bool) {
    if on {
        set.insert(item.clone());
    } else {
        set.remove(item);
    }
}

pub(super) fn ui_modifiers(response: &egui::Response) -> egui::Modifiers {
    response.ctx.input(|i| i.modifiers)
}

/// A click selects the row alone; Ctrl (⌘) + click adds or removes it.
pub(super) fn row_clicks<T: Ord + Clone>(
    response: &egui::Response,
    modifiers: egui::Modifiers,
    selected: &mut BTreeSet<T>,
    item: &T,
) {
    if !response.clicked() {
        return;
    }
    if modifiers.command {
        let on = !selected.contains(item);
        toggle(selected, item, on);
    } else {
        selected.clear();
        selected.insert(item.clone());
    }
}

/// The count of rows shown and selected, select all shown, clear, and the
/// table's own commands on the selection.
pub(super) fn selection_bar<T: Clone + Ord>(
    ui: &mut egui::Ui,
    (noun, shown, total): (&str, usize, usize),
    selected: &mut BTreeSet<T>,
    all_shown: impl FnOnce() -> Vec<T>,
    commands: impl FnOnce(&mut egui::Ui, &[T]),
) {
    let chosen: Vec<T> = selected.iter().cloned().collect();
    ui.horizontal_wrapped(|ui| {
        ui.weak(format!(
            "{shown} of {total} {noun} · {} selected",
            chosen.len()
        ));
        if ui.button("Select all shown").clicked() {
            selected.extend(all_shown());
        }
        if ui
            .add_enabled(!chosen.is_empty(), egui::Button::new("Clear selection"))
            .clicked()
        {
            selected.clear();
        }
        ui.separator();
        commands(ui, &chosen);
    });
}
