//! Where what the user asked for is carried out: the views' commands,
//! the keyboard through the command table, tagging, moving highlights.

use super::intents::{Desk, FileCommand, Intent, Intents, TagMode};
use super::tagging::{TagDialog, TagTarget};
use super::window::{MAX_FONT_SIZE, MIN_FONT_SIZE, WarraqApp};
use super::{
    colleague, commands, editors, relation_dialog, relations, shortcut_help, sidebar, text_field,
};
use crate::app::{Action, Tone};
use crate::model::edit::Edit;
use crate::model::{ActorId, ArticleId, Span, Stance, Tag};
use crate::text::TextStyle;

impl WarraqApp {
    /// The door: the frame's intents applied in order, each possibly
    /// queueing more; the only place the project is changed from.
    pub fn apply_intents(&mut self, mut intents: Intents) {
        while let Some(intent) = intents.pop() {
            self.apply_intent(intent, &mut intents);
        }
    }

    /// The one caller of `App::apply`. What the change made is shown: a new
    /// highlight becomes the selected one (its text selection used up), a new
    /// relation is selected in the table.
    pub(super) fn apply_action(&mut self, action: Action) -> Option<crate::model::edit::Made> {
        let tagged = matches!(
            action,
            Action::Edit(
                Edit::AddHighlight { .. } | Edit::TagAsNewActor { .. } | Edit::TagAsNewClaim { .. }
            )
        );
        let made = self.app.apply(action)?;
        if let Some(relation) = made.relations.last() {
            self.views.relations.selected = Some(relation.clone());
            self.views.relations.scroll_to = Some(relation.clone());
        }
        if tagged {
            let reader = &mut self.reading.panes[self.reading.focused_pane].reader;
            reader.set_selection(None);
            reader.selected_highlight = made.highlights.last().cloned();
        }
        Some(made)
    }

    fn apply_intent(&mut self, intent: Intent, intents: &mut Intents) {
        let project = &self.app.document().project();
        match intent {
            Intent::Project(action) => {
                self.apply_action(action);
            }
            Intent::MergeActors(actors) => {
                self.popups.editor = editors::EditorDialog::merge_actors(project, &actors);
            }
            Intent::DeleteActors(actors) => {
                self.popups.editor = editors::EditorDialog::delete_actors(project, &actors);
            }
            Intent::DeleteClaims(claims) => {
                self.popups.editor = editors::EditorDialog::delete_claims(project, &claims);
            }
            Intent::AddArticles { articles, said } => {
                let made = self.apply_action(Action::Edit(Edit::AddArticles(articles)));
                if let Some(first) = made.and_then(|m| m.articles.first().cloned()) {
                    self.app.notice(said, Tone::Info);
                    self.open_in(self.reading.focused_pane, first);
                }
            }
            Intent::RestoreRecovered(project) => {
                self.apply_action(Action::Edit(Edit::RestoreRecovered(project)));
                self.reset_panes();
            }
            Intent::SaveCurated => self.save_curated(),
            Intent::ShowDesk(desk) => self.views.desk = desk,
            Intent::SelectRelation(id) => self.views.relations.selected = Some(id),
            Intent::Select { pane, range } => {
                if let Some(pane) = self.reading.panes.get_mut(pane) {
                    pane.reader.set_selection(range);
                }
            }
            Intent::JumpTo { pane, range } => {
                if let Some(pane) = self.reading.panes.get_mut(pane) {
                    pane.reader.jump_to(range);
                }
            }
            Intent::ExportArticles(articles) => {
                self.export(crate::exchange::Format::Ron, Some(articles));
            }
            Intent::OpenArticle(id) => self.open_in(self.reading.focused_pane, id),
            Intent::OpenInPane(pane, id) => {
                self.reading.focused_pane = pane;
                self.reading.panes[pane].picking = false;
                self.open_in(pane, id);
            }
            Intent::ShowMention(actor) => self.show_mention(&actor, intents),
            Intent::EditActor(id) => {
                self.popups.editor = editors::EditorDialog::actor(project, &id);
            }
            Intent::DeleteActor(id) => {
                self.popups.editor =
                    editors::EditorDialog::delete_actor(self.app.document().project(), &id);
            }
            Intent::EditClaim(id) => {
                self.popups.editor =
                    editors::EditorDialog::claim(self.app.document().project(), &id);
            }
            Intent::EditConcept(id) => {
                self.popups.editor =
                    editors::EditorDialog::concept(self.app.document().project(), &id);
            }
            Intent::DeleteConcept(id) => {
                self.popups.editor =
                    editors::EditorDialog::delete_concept(self.app.document().project(), &id);
            }
            Intent::DeleteClaim(id) => {
                self.popups.editor =
                    editors::EditorDialog::delete_claim(self.app.document().project(), &id);
            }
            Intent::EditArticle(id) => {
                self.popups.editor =
                    editors::EditorDialog::article(self.app.document().project(), &id);
            }
            Intent::DeleteArticle(id) => {
                self.popups.editor =
                    editors::EditorDialog::delete_article(self.app.document().project(), &id);
            }
            Intent::Reveal {
                article,
                span,
                highlight,
            } => {
                let pane = self.reading.focused_pane;
                self.open_in(pane, article);
                let reader = &mut self.reading.panes[pane].reader;
                reader.selected_highlight = highlight;
                reader.jump_to(span.range());
            }
            Intent::FindMentions(actor) => self
                .views
                .sidebar
                .find_mentions(self.app.document().project(), &actor),
            Intent::FocusPane(pane) => {
                // The other pane's selection would be tagged by mistake; clear it.
                self.reading.panes[1 - pane].reader.set_selection(None);
                self.reading.focused_pane = pane;
            }
            Intent::StartTagging(mode) => self.start_tagging(mode, intents),
            Intent::StartRelation => self.start_relation(),
            Intent::AddEvidenceToSelectedRelation => {
                self.add_evidence_to_selected_relation(intents);
            }
            Intent::File(command) => self.run_file_command(command),
            Intent::Run(command) => {
                self.run_ui_command(command, None, intents);
            }
            Intent::ShowActorRelations(actor) => {
                self.views.relations.query.actor = Some(actor.clone());
                self.views.show_relations = true;
                self.views
                    .sidebar
                    .show_actor(self.app.document().project(), &actor);
            }
            Intent::ShowRelation(index) => self.show_relation(index, intents),
            Intent::ExportNetwork(format) => self.export_network(format),
            Intent::ExportDiscourse(format) => self.export_discourse(format),
            Intent::ShowCodebook(tab) => self.views.codebook.open(tab),
            Intent::AnnotateHighlight(id) => {
                self.popups.editor =
                    editors::EditorDialog::highlight(self.app.document().project(), &id);
            }
            Intent::ShowDisagreement(i) => self.show_disagreement(i),
            Intent::ToggleSecondPane => {
                self.reading.second_pane_open = !self.reading.second_pane_open;
                if !self.reading.second_pane_open {
                    self.reading.focused_pane = 0;
                }
            }
        }
    }

    /// A disagreement side by side: ours left, the colleague's right.
    fn show_disagreement(&mut self, i: usize) {
        let Some(comparison) = &self.colleague.comparison else {
            return;
        };
        let Some(d) = comparison.agreement.disagreements.get(i) else {
            return;
        };
        let Some((article, ours)) = d.place().map(|(a, s)| (a.clone(), s)) else {
            return;
        };
        let theirs = colleague::their_span(d).unwrap_or(ours);
        self.views.desk = Desk::Reader;
        self.reading.second_pane_open = true;
        self.open_in(0, article.clone());
        self.reading.panes[0].reader.jump_to(ours.range());
        self.reading.panes[1].theirs = true;
        self.reading.panes[1].shown.clear();
        self.open_in(1, article);
        self.reading.panes[1].reader.jump_to(theirs.range());
        self.reading.focused_pane = 0;
    }

    /// A relation selected in the table, and its evidence shown in the reader.
    fn show_relation(&mut self, index: usize, intents: &mut Intents) {
        let project = &self.app.document().project();
        let Some(relation) = project.relations.get(index) else {
            return;
        };
        self.views.relations.selected = Some(relation.id.clone());
        self.views.show_relations = true;
        let mut reveal = Intents::default();
        relations::reveal_evidence(project, relation, &mut reveal);
        if !reveal.is_empty() {
            self.views.desk = Desk::Reader;
        }
        intents.append(&mut reveal);
    }

    /// The focused pane's selection as one more report of the selected relation.
    fn add_evidence_to_selected_relation(&mut self, intents: &mut Intents) {
        let pane = &mut self.reading.panes[self.reading.focused_pane];
        let (Some(article), Some(range), Some(relation)) = (
            pane.article.clone(),
            pane.reader.selection(),
            self.views.relations.selected.clone(),
        ) else {
            return;
        };
        intents.push(Edit::AddEvidence {
            relation,
            article,
            span: Span::new(range.start, range.end),
        });
        pane.reader.set_selection(None);
        self.views.show_relations = true;
    }

    /// The new-relation dialog, with the focused pane's selection as evidence.
    fn start_relation(&mut self) {
        let pane = &self.reading.panes[self.reading.focused_pane];
        let evidence = pane
            .article
            .clone()
            .zip(pane.reader.selection())
            .map(|(article, range)| (article, Span::new(range.start, range.end)));
        self.views.show_relations = true;
        self.views.relations.dialog = Some(relation_dialog::RelationDialog::new(
            self.app.document().project(),
            evidence,
        ));
        self.text_field_focus = Some("Source actor");
    }

    pub(super) fn open_in(&mut self, pane: usize, article: ArticleId) {
        if pane == 1 {
            self.reading.second_pane_open = true;
        }
        let pane = &mut self.reading.panes[pane];
        if pane.article.as_ref() != Some(&article) {
            pane.reader.reset();
            pane.article = Some(article);
        }
    }

    /// Opens the tagging dialog for the focused pane's selection, or for
    /// re-tagging its selected highlight (existing actor only).
    pub(super) fn start_tagging(&mut self, mode: TagMode, intents: &mut Intents) {
        let pane = &self.reading.panes[self.reading.focused_pane];
        let Some(article) = pane.article.clone() else {
            return;
        };
        let project = &self.app.document().project();
        let target = match (pane.reader.selection(), &pane.reader.selected_highlight) {
            (Some(range), _) => TagTarget::Span {
                article: article.clone(),
                span: Span::new(range.start, range.end),
            },
            (None, Some(highlight)) if mode == TagMode::ExistingActor => {
                TagTarget::Retag(highlight.clone())
            }
            _ => return,
        };
        let quote = match &target {
            TagTarget::Span { span, .. } => project
                .article(&article)
                .and_then(|a| crate::model::text::slice_chars(&a.body, span.range()))
                .unwrap_or_default()
                .trim()
                .to_owned(),
            TagTarget::Retag(_) => String::new(),
        };
        self.popups.tagging = match mode {
            TagMode::ExistingActor => Some(TagDialog::ExistingActor {
                target,
                query: quote,
                chosen: 0,
            }),
            TagMode::NewActor => Some(TagDialog::NewActor {
                target,
                name: quote,
                kind: crate::model::ActorKind::Person,
                aliases: String::new(),
                gloss: String::new(),
            }),
            TagMode::Claim => Some(TagDialog::Claim {
                target,
                text: quote,
                speaker_query: String::new(),
                speaker: None,
                stance: Stance::Affirms,
                speech: None,
            }),
            TagMode::Evidence => {
                if let TagTarget::Span { article, span } = target {
                    intents.push(Edit::AddHighlight {
                        article,
                        span,
                        tag: Tag::Evidence,
                    });
                }
                None
            }
        };
        let field = match self.popups.tagging {
            Some(TagDialog::ExistingActor { .. }) => "Find actor",
            Some(TagDialog::NewActor { .. }) => "Canonical name",
            Some(TagDialog::Claim { .. }) => "Speaker",
            None => return,
        };
        // The pass that opens the dialog already saw the key; the field takes the keyboard next frame.
        self.text_field_focus = Some(field);
    }

    /// Jumps to the actor's mention after the one last shown, going on to the
    /// next article that mentions it when this one has no more.
    pub(super) fn show_mention(&mut self, actor: &ActorId, intents: &mut Intents) {
        let project = &self.app.document().project();
        let mut mentions: Vec<_> = project
            .highlights
            .iter()
            .filter(|h| h.tag == Tag::Actor(actor.clone()))
            .collect();
        let order: std::collections::HashMap<&ArticleId, usize> = project
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (&a.id, i))
            .collect();
        mentions.sort_by_key(|h| {
            (
                order.get(&h.article).copied().unwrap_or(usize::MAX),
                h.span.start,
            )
        });
        let pane = &self.reading.panes[self.reading.focused_pane];
        let current = pane
            .reader
            .selected_highlight
            .as_ref()
            .and_then(|id| mentions.iter().position(|h| &h.id == id));
        let next = match current {
            Some(i) => mentions.get(i + 1).or(mentions.first()),
            None => mentions
                .iter()
                .find(|h| Some(&h.article) == pane.article.as_ref())
                .or(mentions.first()),
        };
        let Some(next) = next.map(|h| (*h).clone()) else {
            return;
        };
        intents.push(Intent::Reveal {
            article: next.article,
            span: next.span,
            highlight: Some(next.id),
        });
    }

    /// The keys of the command table, each command where its scope allows.
    pub(super) fn handle_shortcuts(&mut self, ui: &egui::Ui, intents: &mut Intents) {
        use commands::Scope;
        if let Some(field) = self.text_field_focus.take() {
            text_field::request_focus(ui.ctx(), field);
        }
        let typing = text_field::typing(ui.ctx())
            || self.popups.tagging.is_some()
            || self.views.relations.dialog.is_some();
        // The colleague's pane is for reading: nothing is tagged or deleted from it.
        let read_only = self.reading.panes[self.reading.focused_pane].theirs
            && self.colleague.comparison.is_some();
        let reader = &self.reading.panes[self.reading.focused_pane].reader;
        let on_highlight = reader.selected_highlight.is_some() && reader.selection().is_none();
        let pressed = ui.input_mut(|i| {
            commands::take_pressed(i, |scope| match scope {
                Scope::Always => true,
                Scope::NotTyping => !typing,
                Scope::Coding => !typing && !read_only,
                Scope::Highlight => !typing && !read_only && on_highlight,
            })
        });
        for (command, shortcut) in pressed {
            self.run_ui_command(command, Some(shortcut.logical_key), intents);
        }
    }

    /// Carries out a command of the table (from its keys, `key` being the
    /// one pressed, or from a menu).
    pub(super) fn run_ui_command(
        &mut self,
        command: commands::UiCommand,
        key: Option<egui::Key>,
        intents: &mut Intents,
    ) {
        use commands::UiCommand as C;
        let size = &mut self.reading.reader_style.font_size;
        match command {
            C::New => intents.push(Intent::File(FileCommand::New)),
            C::Open => intents.push(Intent::File(FileCommand::Open)),
            C::Save => intents.push(Intent::File(FileCommand::Save)),
            C::SaveAs => intents.push(Intent::File(FileCommand::SaveAs)),
            C::SaveAsFolder => intents.push(Intent::File(FileCommand::SaveAsFolder)),
            C::OpenSample => intents.push(Intent::File(FileCommand::OpenSample)),
            C::Import => intents.push(Intent::File(FileCommand::Import)),
            C::ImportArticles => intents.push(Intent::File(FileCommand::ImportText)),
            C::ExportForColleague => intents.push(Intent::File(FileCommand::ExportForColleague)),
            C::MergeColleague => intents.push(Intent::File(FileCommand::MergeColleague)),
            C::CompareColleague => intents.push(Intent::File(FileCommand::CompareColleague)),
            C::AgreementOfCopies => intents.push(Intent::File(FileCommand::AgreementOfCopies)),
            C::PasteArticle => intents.push(Intent::File(FileCommand::PasteArticle)),
            C::Quit => intents.push(Intent::File(FileCommand::Quit)),
            C::Undo => intents.push(Action::Undo),
            C::Redo => intents.push(Action::Redo),
            C::Find => {
                self.views.sidebar.tab = sidebar::Tab::Search;
                self.text_field_focus = Some("Search the project");
            }
            C::LargerText => *size = (*size + 2.0).min(MAX_FONT_SIZE),
            C::SmallerText => *size = (*size - 2.0).max(MIN_FONT_SIZE),
            C::DefaultText => *size = TextStyle::default().font_size,
            C::ShortcutHelp => {
                self.popups.shortcut_help = match self.popups.shortcut_help {
                    Some(_) => None,
                    None => Some(shortcut_help::ShortcutHelp::default()),
                };
            }
            C::TagExistingActor => intents.push(Intent::StartTagging(TagMode::ExistingActor)),
            C::TagNewActor => intents.push(Intent::StartTagging(TagMode::NewActor)),
            C::TagClaim => intents.push(Intent::StartTagging(TagMode::Claim)),
            C::TagEvidence => intents.push(Intent::StartTagging(TagMode::Evidence)),
            C::AddRelation => intents.push(Intent::StartRelation),
            C::CiteForRelation => intents.push(Intent::AddEvidenceToSelectedRelation),
            C::DeleteHighlight => {
                if let Some(selected) = self.reading.panes[self.reading.focused_pane]
                    .reader
                    .selected_highlight
                    .clone()
                {
                    intents.push(Action::Edit(Edit::DeleteHighlight(selected)));
                }
            }
            C::HighlightEndLater => self.nudge_highlight(Edge::End, 1, intents),
            C::HighlightEndEarlier => self.nudge_highlight(Edge::End, -1, intents),
            C::HighlightStartEarlier => self.nudge_highlight(Edge::Start, -1, intents),
            C::HighlightStartLater => self.nudge_highlight(Edge::Start, 1, intents),
            C::MoveHighlightEnd | C::MoveHighlightStart => {
                let edge = if command == C::MoveHighlightEnd {
                    Edge::End
                } else {
                    Edge::Start
                };
                // The arrows move an edge the way they point on screen: in
                // right-to-left text ← is forward.
                let rtl = self.reading.panes[self.reading.focused_pane]
                    .reader
                    .selected_highlight
                    .as_ref()
                    .and_then(|id| self.app.document().project().highlight(id))
                    .is_some_and(|h| crate::model::text::reads_right_to_left(&h.quote));
                let step = match (key, rtl) {
                    (Some(egui::Key::ArrowLeft), true) | (Some(egui::Key::ArrowRight), false) => 1,
                    (Some(egui::Key::ArrowLeft | egui::Key::ArrowRight), _) => -1,
                    _ => return,
                };
                self.nudge_highlight(edge, step, intents);
            }
        }
    }

    /// Moves an edge of the selected highlight a character later (`step`
    /// 1) or earlier (-1); it never becomes empty.
    pub(super) fn nudge_highlight(&self, edge: Edge, step: i8, intents: &mut Intents) {
        let Some(selected) = self.reading.panes[self.reading.focused_pane]
            .reader
            .selected_highlight
            .clone()
        else {
            return;
        };
        let Some(h) = self.app.document().project().highlight(&selected) else {
            return;
        };
        let mut span = h.span;
        match (edge, step > 0) {
            (Edge::End, true) => span.end += 1,
            (Edge::End, false) => span.end = span.end.saturating_sub(1).max(span.start + 1),
            (Edge::Start, false) => span.start = span.start.saturating_sub(1),
            (Edge::Start, true) => span.start = (span.start + 1).min(span.end - 1),
        }
        if span != h.span {
            intents.push(Action::Edit(Edit::ResizeHighlight {
                highlight: selected,
                span,
            }));
        }
    }
}

/// Which end of a highlight a key moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Edge {
    Start,
    End,
}
