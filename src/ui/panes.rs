//! The two reader panes and the desk around them (reader, network,
//! timeline): what each pane shows, its right-click menu and the tagging
//! pop-up over a selection.

use super::intents::{Desk, Intent, Intents, TagMode};
use super::launcher::first_run;
use super::pane::Pane;
use super::window::WarraqApp;
use super::{bidi_label, commands, reader, text_field};
use crate::model::edit::Edit;
use crate::model::{ActorId, Project, Span, Tag};

/// Below this a pane is too narrow to read; the division never makes one
/// narrower (unless the whole desk is, when each keeps a fifth).
const MIN_PANE_WIDTH: f32 = 180.0;

impl WarraqApp {
    /// The reader panes, the network or the timeline, under tabs to switch between them.
    pub(super) fn show_desk(&mut self, ui: &mut egui::Ui, intents: &mut Intents) {
        ui.horizontal(|ui| {
            for (desk, name, tip) in [
                (Desk::Reader, "Reader", "The articles side by side"),
                (Desk::Network, "Network", "Who is tied to whom"),
                (
                    Desk::Discourse,
                    "Discourse",
                    "Who agrees with whom on what: the discourse network of the coded claims",
                ),
                (Desk::Timeline, "Timeline", "The relations over time"),
            ] {
                ui.selectable_value(&mut self.views.desk, desk, name)
                    .on_hover_text(tip);
            }
            // What room the tabs leave: the field narrows, then loses its word,
            // rather than drawing over a tab at a large interface size.
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let room = ui.available_width();
                if room < 70.0 {
                    return;
                }
                let with_word = room >= 150.0;
                let width = if with_word {
                    (room - 70.0).min(150.0)
                } else {
                    room - 12.0
                };
                text_field::TextField::singleline(&mut self.app.session.analyst, "Analyst name")
                    .width(width)
                    .show(ui, &mut self.text)
                    .on_hover_text(
                        "Your work is stamped with this name, so colleagues see who coded what",
                    );
                if with_word {
                    ui.weak("analyst");
                }
            });
        });
        if self.views.desk == Desk::Reader {
            self.show_panes(ui, intents);
            return;
        }
        // The table's filter bar serves the pictures too; repeated here only when the table is hidden.
        if !self.views.show_relations {
            let focused = self.reading.panes[self.reading.focused_pane]
                .article
                .clone();
            self.views.relations.filters(
                ui,
                &mut self.text,
                self.app.document().project(),
                focused.as_ref(),
            );
        }
        let document = &self.app.document();
        let shown = self.views.relations.shown(document).to_vec();
        match self.views.desk {
            Desk::Network => self.views.network.show(
                ui,
                &mut self.text,
                document.project(),
                document.revisions().graph(),
                &shown,
                intents,
            ),
            Desk::Discourse => self.views.discourse.show(
                ui,
                &mut self.text,
                document.project(),
                document.revisions().discourse(),
                &self.views.relations.query,
                intents,
            ),
            Desk::Timeline => self.views.timeline.show(
                ui,
                &mut self.text,
                document,
                &shown,
                &mut self.views.relations.query,
                intents,
            ),
            Desk::Reader => {}
        }
    }

    pub(super) fn show_panes(&mut self, ui: &mut egui::Ui, intents: &mut Intents) {
        if self.app.document().project().articles.is_empty() {
            first_run(ui, intents);
            return;
        }
        let hovered_actor = self.hovered_actor();
        if self.reading.second_pane_open {
            self.show_two_panes(ui, hovered_actor.as_ref(), intents);
        } else {
            self.show_pane(ui, 0, hovered_actor.as_ref(), intents);
        }
    }

    /// Both panes, divided by a handle that is dragged to move the division
    /// (double-click: halves again). The division is kept as a share of the
    /// width, so a change of interface or window size keeps it.
    fn show_two_panes(
        &mut self,
        ui: &mut egui::Ui,
        hovered_actor: Option<&(usize, ActorId)>,
        intents: &mut Intents,
    ) {
        let whole = ui.available_rect_before_wrap();
        let handle_width = 8.0;
        let room = (whole.width() - handle_width).max(0.0);
        let least = (room * 0.2).min(MIN_PANE_WIDTH);
        let left_width = (room * self.reading.split).clamp(least, room - least);
        let left = egui::Rect::from_min_size(whole.min, egui::vec2(left_width, whole.height()));
        let handle = egui::Rect::from_min_size(
            egui::pos2(left.right(), whole.top()),
            egui::vec2(handle_width, whole.height()),
        );
        let right = egui::Rect::from_min_max(egui::pos2(handle.right(), whole.top()), whole.max);
        let response = ui
            .interact(
                handle,
                egui::Id::unique("pane-split"),
                egui::Sense::click_and_drag(),
            )
            .on_hover_cursor(egui::CursorIcon::ResizeHorizontal);
        if response.dragged()
            && let Some(pointer) = response.interact_pointer_pos()
            && room > 0.0
        {
            self.reading.split =
                ((pointer.x - whole.left() - handle_width / 2.0) / room).clamp(0.0, 1.0);
        }
        if response.double_clicked() {
            self.reading.split = 0.5;
        }
        let stroke = if response.hovered() || response.dragged() {
            ui.visuals().widgets.hovered.fg_stroke
        } else {
            ui.visuals().widgets.noninteractive.bg_stroke
        };
        ui.painter()
            .vline(handle.center().x, handle.y_range(), stroke);
        for (index, rect) in [(0, left), (1, right)] {
            let mut pane = ui.new_child(
                egui::UiBuilder::new()
                    .id_salt(("pane", index))
                    .max_rect(rect)
                    .layout(egui::Layout::top_down(egui::Align::Min)),
            );
            pane.set_clip_rect(rect.intersect(ui.clip_rect()));
            self.show_pane(&mut pane, index, hovered_actor, intents);
        }
        ui.advance_cursor_after_rect(whole);
    }

    /// The actor under the pointer in either pane, for linked mode.
    pub(super) fn hovered_actor(&self) -> Option<(usize, ActorId)> {
        if !self.reading.linked {
            return None;
        }
        // The pane's own list of what it shows, rather than a search of every highlight.
        self.reading.panes.iter().enumerate().find_map(|(i, pane)| {
            let hovered = pane.reader.hovered_highlight()?;
            let shown = pane.shown.get()?;
            let actor = shown.iter().find(|s| &s.id == hovered)?.actor.clone()?;
            Some((i, actor))
        })
    }

    pub(super) fn show_pane(
        &mut self,
        ui: &mut egui::Ui,
        index: usize,
        hovered_actor: Option<&(usize, ActorId)>,
        intents: &mut Intents,
    ) {
        let coded = &self.app.document().coded();
        let project = &self.app.document().project();
        let focused = index == self.reading.focused_pane;
        let pane = &mut self.reading.panes[index];
        // Wrapped: at a large interface size the buttons take two rows rather
        // than widening the pane past its share.
        ui.horizontal_wrapped(|ui| {
            let title = pane
                .article
                .as_ref()
                .and_then(|id| project.article(id))
                .map_or("(no article)", |a| a.title.as_str());
            let picker = ui
                .add(egui::Button::new(if pane.picking {
                    "Close list"
                } else {
                    "Article…"
                }))
                .on_hover_text("Choose the article for this pane");
            picker.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    true,
                    format!("Choose article for pane {}", index + 1),
                )
            });
            if picker.clicked() {
                pane.picking = !pane.picking;
            }
            if index == 0 {
                ui.checkbox(&mut self.reading.linked, "Linked")
                    .on_hover_text(
                        "Outline, in the other pane, every mention of the actor under the pointer",
                    );
                let label = if self.reading.second_pane_open {
                    "Single pane"
                } else {
                    "Side by side"
                };
                if ui
                    .small_button(label)
                    .on_hover_text("Show one article wide, or two side by side")
                    .clicked()
                {
                    intents.push(Intent::ToggleSecondPane);
                }
            }
            if pane.theirs
                && let Some(c) = &self.colleague.comparison
            {
                ui.colored_label(ui.visuals().warn_fg_color, "colleague's coding, read-only:");
                bidi_label::show(ui, &mut self.text, &c.name, 13.0);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let strong = if focused { 15.0 } else { 14.0 };
                bidi_label::show(ui, &mut self.text, title, strong);
            });
        });
        if pane.picking {
            article_picker(
                ui,
                &mut self.text,
                project,
                &coded.per_article,
                index,
                intents,
            );
            ui.separator();
        }
        let Some(article) = pane.article.as_ref().and_then(|id| project.article(id)) else {
            ui.centered_and_justified(|ui| ui.label("Choose an article."));
            return;
        };
        let revision = self.app.document().revisions();
        // The colleague's pane shows their highlights on the same text, cached apart from ours.
        let theirs = self
            .colleague
            .comparison
            .as_ref()
            // Only where the texts are the same: their spans mean nothing on another text.
            .filter(|c| pane.theirs && c.agreement.articles.contains(&article.id))
            .map(|c| &c.theirs);
        let is_theirs = theirs.is_some();
        let highlights = super::pane::highlights(
            (&mut pane.shown, &mut pane.cited),
            (project, coded),
            &article.id,
            revision,
            theirs,
        );
        let linked = hovered_actor
            .filter(|(from, _)| *from != index)
            .map(|(_, actor)| actor);
        for shown in highlights.iter_mut() {
            shown.emphasised = linked.is_some() && shown.actor.as_ref() == linked;
        }
        let source = theirs.unwrap_or(project);
        let other = 1 - index;
        let mut menu_commands = Intents::default();
        pane.reader.keys_active = focused
            && !super::text_field::typing(ui.ctx())
            && self.popups.tagging.is_none()
            && self.popups.editor.is_none()
            && self.views.relations.dialog.is_none();
        let events = pane.reader.show(
            ui,
            &mut self.text,
            article,
            highlights,
            self.reading.reader_style,
            &mut |ui, target| {
                reader_menu(
                    ui,
                    source,
                    article,
                    target,
                    is_theirs,
                    other,
                    &mut menu_commands,
                );
            },
        );
        if !menu_commands.is_empty() {
            intents.push(Intent::FocusPane(index));
            intents.append(&mut menu_commands);
        }
        // Choosing text or a highlight in a pane puts it in focus.
        if !events.is_empty() && !focused {
            intents.push(Intent::FocusPane(index));
        }
        // Not while a dialog is working on the selection: the pop-up would
        // cover the dialog's fields.
        if focused
            && pane.reader.selection().is_some()
            && self.popups.tagging.is_none()
            && self.views.relations.dialog.is_none()
            && self.popups.editor.is_none()
            && theirs.is_none()
        {
            let selected_relation = self
                .views
                .relations
                .selected
                .as_ref()
                .and_then(|id| self.app.document().project().relation(id))
                .is_some();
            tag_popup(ui, pane, selected_relation, intents);
        }
    }
}

/// The reader's right-click menu: what applies to a highlight, or to the
/// selection. A colleague's pane is for reading: it offers only to copy and
/// to look.
pub(super) fn reader_menu(
    ui: &mut egui::Ui,
    project: &Project,
    article: &crate::model::Article,
    target: &reader::MenuTarget,
    read_only: bool,
    other_pane: usize,
    intents: &mut Intents,
) {
    let mut item = |ui: &mut egui::Ui, label: &str, shortcut: &str, command: Option<Intent>| {
        let mut button = egui::Button::new(label);
        if !shortcut.is_empty() {
            button = button.shortcut_text(shortcut);
        }
        if ui.add(button).clicked() {
            intents.extend(command);
            ui.close();
        }
    };
    match target {
        reader::MenuTarget::Highlight(id) => {
            let Some(h) = project.highlight(id) else {
                return;
            };
            if !read_only {
                if let Tag::Actor(actor) = &h.tag {
                    item(
                        ui,
                        "Edit the actor…",
                        "",
                        Some(Intent::EditActor(actor.clone())),
                    );
                    item(
                        ui,
                        "Find other mentions",
                        "",
                        Some(Intent::FindMentions(actor.clone())),
                    );
                }
                if let Tag::Claim(claim) = &h.tag {
                    item(
                        ui,
                        "Edit the claim…",
                        "",
                        Some(Intent::EditClaim(claim.clone())),
                    );
                }
                item(
                    ui,
                    "Tag as another actor…",
                    &commands::UiCommand::TagExistingActor.first_key_text(ui.ctx()),
                    Some(Intent::StartTagging(TagMode::ExistingActor)),
                );
                let note = if matches!(h.tag, Tag::Claim(_)) {
                    "Note, quote or paraphrase…"
                } else {
                    "Note…"
                };
                item(ui, note, "", Some(Intent::AnnotateHighlight(id.clone())));
                ui.separator();
            }
            if ui.button("Copy the quote").clicked() {
                ui.ctx().copy_text(h.quote.clone());
                ui.close();
            }
            if !read_only {
                item(
                    ui,
                    "Open in the other pane",
                    "",
                    Some(Intent::OpenInPane(other_pane, article.id.clone())),
                );
                ui.separator();
                item(
                    ui,
                    commands::UiCommand::DeleteHighlight.label(),
                    &commands::UiCommand::DeleteHighlight.first_key_text(ui.ctx()),
                    Some(Intent::from(Edit::DeleteHighlight(id.clone()))),
                );
            }
        }
        reader::MenuTarget::Selection(range) => {
            if !read_only {
                for command in [
                    commands::UiCommand::TagExistingActor,
                    commands::UiCommand::TagNewActor,
                    commands::UiCommand::TagClaim,
                    commands::UiCommand::TagEvidence,
                    commands::UiCommand::AddRelation,
                ] {
                    let keys = command.first_key_text(ui.ctx());
                    item(ui, command.label(), &keys, Some(Intent::Run(command)));
                }
                // A highlight's span is changed by selecting its new extent:
                // the highlight the selection overlaps most takes it.
                let span = Span::new(range.start, range.end);
                let overlap = |h: &&crate::model::Highlight| {
                    h.span
                        .end
                        .min(span.end)
                        .saturating_sub(h.span.start.max(span.start))
                };
                if let Some(h) = project
                    .highlights
                    .iter()
                    .filter(|h| h.article == article.id && h.span.overlaps(span) && h.span != span)
                    .max_by_key(overlap)
                {
                    ui.separator();
                    item(
                        ui,
                        "Make the highlight here cover the selection",
                        "",
                        Some(Intent::from(Edit::ResizeHighlight {
                            highlight: h.id.clone(),
                            span,
                        })),
                    );
                }
                ui.separator();
            }
            if ui
                .add(egui::Button::new("Copy").shortcut_text("Ctrl+C"))
                .clicked()
            {
                if let Some(words) = crate::model::text::slice_chars(&article.body, range.clone()) {
                    ui.ctx().copy_text(words.to_owned());
                }
                ui.close();
            }
        }
    }
}

/// The tagging pop-up's height, to tell whether it fits above the selection.
const POPUP_HEIGHT: f32 = 34.0;

/// The small pop-up beside a selection: the mouse's way to tag it.
pub(super) fn tag_popup(
    ui: &egui::Ui,
    pane: &Pane,
    relation_selected: bool,
    intents: &mut Intents,
) {
    let Some(rect) = pane.reader.selection_end_rect() else {
        return;
    };
    // Above the selection's last line when there is room, so that it never
    // covers the line below (where the next word to read or click is).
    let above = rect.top() - POPUP_HEIGHT - 4.0 >= ui.clip_rect().top();
    let (pivot, at) = if above {
        (
            egui::Align2::LEFT_BOTTOM,
            rect.left_top() - egui::vec2(0.0, 4.0),
        )
    } else {
        (
            egui::Align2::LEFT_TOP,
            rect.left_bottom() + egui::vec2(0.0, 4.0),
        )
    };
    egui::Area::new(egui::Id::unique("tag-popup"))
        .order(egui::Order::Foreground)
        .pivot(pivot)
        .fixed_pos(at)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    // Short names on the pop-up; keys and what they do from the command table.
                    let mut buttons = vec![
                        ("Actor", commands::UiCommand::TagExistingActor),
                        ("New actor", commands::UiCommand::TagNewActor),
                        ("Claim", commands::UiCommand::TagClaim),
                        ("Evidence", commands::UiCommand::TagEvidence),
                    ];
                    if relation_selected {
                        buttons.push((
                            "Cite for selected relation",
                            commands::UiCommand::CiteForRelation,
                        ));
                    }
                    for (name, command) in buttons {
                        let label = format!("{name} ({})", command.first_key_text(ui.ctx()));
                        if ui
                            .small_button(label)
                            .on_hover_text(command.tooltip())
                            .clicked()
                        {
                            intents.push(Intent::Run(command));
                        }
                    }
                });
            });
        });
}

/// The pane's list of articles to choose from, each with its date, count of
/// highlights, outlet and title.
fn article_picker(
    ui: &mut egui::Ui,
    text: &mut super::text_resources::TextResources,
    project: &crate::model::Project,
    counts: &[usize],
    index: usize,
    intents: &mut Intents,
) {
    egui::ScrollArea::vertical()
        .id_salt(("picker", index))
        .max_height(200.0)
        .show(ui, |ui| {
            for (i, article) in project.articles.iter().enumerate() {
                let n = counts.get(i).copied().unwrap_or(0);
                let response = ui
                    .horizontal(|ui| {
                        ui.weak(article.published.map(|d| d.to_string()).unwrap_or_default());
                        ui.weak(format!("{n} highlights"));
                        bidi_label::show(ui, text, &article.outlet, 12.0);
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            bidi_label::show(ui, text, &article.title, 14.0);
                        });
                    })
                    .response
                    .interact(egui::Sense::click());
                let title = article.title.clone();
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::ListItem,
                        true,
                        format!("Pane {}: {title}", index + 1),
                    )
                });
                if response.clicked() {
                    intents.push(Intent::OpenInPane(index, article.id.clone()));
                }
            }
        });
}
