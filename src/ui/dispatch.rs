//! Where what the user asked for is carried out: the views' commands,
//! the keyboard through the command table, tagging, moving highlights.

use super::*;

impl WarraqApp {
    /// What a button of the codebook table asks for.
    pub(super) fn codebook_request(
        &mut self,
        request: codebook::CodebookRequest,
        commands: &mut Vec<ViewCommand>,
    ) {
        use codebook::CodebookRequest;
        let project = &self.app.document.project;
        match request {
            CodebookRequest::Command(command) => commands.push(command),
            CodebookRequest::MergeActors(actors) => {
                self.editor = editors::EditorDialog::merge_actors(project, &actors);
            }
            CodebookRequest::DeleteActors(actors) => {
                self.editor = editors::EditorDialog::delete_actors(project, &actors);
            }
            CodebookRequest::DeleteClaims(claims) => {
                self.editor = editors::EditorDialog::delete_claims(project, &claims);
            }
            CodebookRequest::Export(format) => {
                commands.push(ViewCommand::File(FileCommand::Export(format)));
            }
        }
    }

    pub(super) fn run_command(&mut self, command: ViewCommand) {
        match command {
            ViewCommand::OpenArticle(id) => self.open_in(self.focused_pane, id),
            ViewCommand::OpenInPane(pane, id) => {
                self.focused_pane = pane;
                self.panes[pane].picking = false;
                self.open_in(pane, id);
            }
            ViewCommand::ShowMention(actor) => self.show_mention(&actor),
            ViewCommand::EditActor(id) => {
                self.editor = editors::EditorDialog::actor(&self.app.document.project, &id);
            }
            ViewCommand::DeleteActor(id) => {
                self.editor = editors::EditorDialog::delete_actor(&self.app.document.project, &id);
            }
            ViewCommand::EditClaim(id) => {
                self.editor = editors::EditorDialog::claim(&self.app.document.project, &id);
            }
            ViewCommand::DeleteClaim(id) => {
                self.editor = editors::EditorDialog::delete_claim(&self.app.document.project, &id);
            }
            ViewCommand::EditArticle(id) => {
                self.editor = editors::EditorDialog::article(&self.app.document.project, &id);
            }
            ViewCommand::DeleteArticle(id) => {
                self.editor =
                    editors::EditorDialog::delete_article(&self.app.document.project, &id);
            }
            ViewCommand::Reveal {
                article,
                span,
                highlight,
            } => {
                let pane = self.focused_pane;
                self.open_in(pane, article);
                let reader = &mut self.panes[pane].reader;
                reader.selected_highlight = highlight;
                reader.jump_to(span.range());
            }
            ViewCommand::FindMentions(actor) => self
                .sidebar
                .find_mentions(&self.app.document.project, &actor),
            ViewCommand::FocusPane(pane) => {
                // The other pane's selection would be tagged by mistake; clear it.
                self.panes[1 - pane].reader.set_selection(None);
                self.focused_pane = pane;
            }
            ViewCommand::StartTagging(mode) => self.start_tagging(mode),
            ViewCommand::StartRelation => {
                let pane = &self.panes[self.focused_pane];
                let evidence = pane
                    .article
                    .clone()
                    .zip(pane.reader.selection())
                    .map(|(article, range)| (article, Span::new(range.start, range.end)));
                self.show_relations = true;
                self.relations.dialog = Some(relations::RelationDialog::new(
                    &self.app.document.project,
                    evidence,
                ));
                self.text_field_focus = Some("Source actor");
            }
            ViewCommand::AddEvidenceToSelectedRelation => {
                let pane = &mut self.panes[self.focused_pane];
                let (Some(article), Some(range), Some(relation)) = (
                    pane.article.clone(),
                    pane.reader.selection(),
                    self.relations.selected.clone(),
                ) else {
                    return;
                };
                self.app.apply(Action::Edit(Edit::AddEvidence {
                    relation,
                    article,
                    span: Span::new(range.start, range.end),
                }));
                pane.reader.set_selection(None);
                self.show_relations = true;
            }
            ViewCommand::File(command) => self.run_file_command(command),
            ViewCommand::Run(command) => {
                let (mut actions, mut commands) = (Vec::new(), Vec::new());
                self.run_ui_command(command, None, &mut actions, &mut commands);
                for command in commands {
                    self.run_command(command);
                }
                for action in actions {
                    self.app.apply(action);
                }
            }
            ViewCommand::ShowActorRelations(actor) => {
                self.relations.query.actor = Some(actor.clone());
                self.show_relations = true;
                self.sidebar.show_actor(&self.app.document.project, &actor);
            }
            ViewCommand::ShowRelation(index) => {
                let project = &self.app.document.project;
                let Some(relation) = project.relations.get(index) else {
                    return;
                };
                self.relations.selected = Some(relation.id.clone());
                self.show_relations = true;
                let mut reveal = Vec::new();
                relations::reveal_evidence(project, relation, &mut reveal);
                if !reveal.is_empty() {
                    self.desk = Desk::Reader;
                }
                for command in reveal {
                    self.run_command(command);
                }
            }
            ViewCommand::ExportNetwork(format) => self.export_network(format),
            ViewCommand::ShowCodebook(tab) => self.codebook.open(tab),
            ViewCommand::AnnotateHighlight(id) => {
                self.editor = editors::EditorDialog::highlight(&self.app.document.project, &id);
            }
            ViewCommand::Apply(edit) => {
                self.app.apply(Action::Edit(edit));
            }
            ViewCommand::ShowDisagreement(i) => {
                let Some(comparison) = &self.comparison else {
                    return;
                };
                let Some(d) = comparison.agreement.disagreements.get(i) else {
                    return;
                };
                let Some((article, ours)) = d.place().map(|(a, s)| (a.clone(), s)) else {
                    return;
                };
                let theirs = colleague::their_span(d).unwrap_or(ours);
                self.desk = Desk::Reader;
                self.second_pane_open = true;
                self.open_in(0, article.clone());
                self.panes[0].reader.jump_to(ours.range());
                self.panes[1].theirs = true;
                self.panes[1].shown.clear();
                self.open_in(1, article);
                self.panes[1].reader.jump_to(theirs.range());
                self.focused_pane = 0;
            }
            ViewCommand::ToggleSecondPane => {
                self.second_pane_open = !self.second_pane_open;
                if !self.second_pane_open {
                    self.focused_pane = 0;
                }
            }
        }
    }

    pub(super) fn open_in(&mut self, pane: usize, article: ArticleId) {
        if pane == 1 {
            self.second_pane_open = true;
        }
        let pane = &mut self.panes[pane];
        if pane.article.as_ref() != Some(&article) {
            pane.reader.reset();
            pane.article = Some(article);
        }
    }

    /// Opens the tagging dialog for the focused pane's selection, or for
    /// re-tagging its selected highlight (existing actor only).
    pub fn start_tagging(&mut self, mode: TagMode) {
        let pane = &self.panes[self.focused_pane];
        let Some(article) = pane.article.clone() else {
            return;
        };
        let project = &self.app.document.project;
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
        self.tagging = match mode {
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
                    self.app.apply(Action::Edit(Edit::AddHighlight {
                        article,
                        span,
                        tag: Tag::Evidence,
                    }));
                    self.panes[self.focused_pane].reader.set_selection(None);
                }
                None
            }
        };
        let field = match self.tagging {
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
    pub(super) fn show_mention(&mut self, actor: &ActorId) {
        let project = &self.app.document.project;
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
        let pane = &self.panes[self.focused_pane];
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
        self.run_command(ViewCommand::Reveal {
            article: next.article,
            span: next.span,
            highlight: Some(next.id),
        });
    }

    /// The keys of the command table, each command where its scope allows.
    pub(super) fn handle_shortcuts(
        &mut self,
        ui: &egui::Ui,
        actions: &mut Vec<Action>,
        commands: &mut Vec<ViewCommand>,
    ) {
        use commands::Scope;
        if let Some(field) = self.text_field_focus.take() {
            text_field::request_focus(ui.ctx(), field);
        }
        let typing = text_field::any_field_focused(ui.ctx())
            || self.tagging.is_some()
            || self.relations.dialog.is_some()
            || ui.ctx().text_edit_focused();
        // The colleague's pane is for reading: nothing is tagged or deleted from it.
        let read_only = self.panes[self.focused_pane].theirs && self.comparison.is_some();
        let reader = &self.panes[self.focused_pane].reader;
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
            self.run_ui_command(command, Some(shortcut.logical_key), actions, commands);
        }
    }

    /// Carries out a command of the table (from its keys, `key` being the
    /// one pressed, or from a menu).
    pub(super) fn run_ui_command(
        &mut self,
        command: commands::UiCommand,
        key: Option<egui::Key>,
        actions: &mut Vec<Action>,
        commands: &mut Vec<ViewCommand>,
    ) {
        use commands::UiCommand as C;
        let size = &mut self.reader_style.font_size;
        match command {
            C::New => commands.push(ViewCommand::File(FileCommand::New)),
            C::Open => commands.push(ViewCommand::File(FileCommand::Open)),
            C::Save => commands.push(ViewCommand::File(FileCommand::Save)),
            C::SaveAs => commands.push(ViewCommand::File(FileCommand::SaveAs)),
            C::ImportArticles => commands.push(ViewCommand::File(FileCommand::ImportText)),
            C::PasteArticle => commands.push(ViewCommand::File(FileCommand::PasteArticle)),
            C::Quit => commands.push(ViewCommand::File(FileCommand::Quit)),
            C::Undo => actions.push(Action::Undo),
            C::Redo => actions.push(Action::Redo),
            C::Find => {
                self.sidebar.tab = sidebar::Tab::Search;
                self.text_field_focus = Some("Search the project");
            }
            C::LargerText => *size = (*size + 2.0).min(MAX_FONT_SIZE),
            C::SmallerText => *size = (*size - 2.0).max(MIN_FONT_SIZE),
            C::DefaultText => *size = TextStyle::default().font_size,
            C::ShortcutHelp => {
                self.shortcut_help = match self.shortcut_help {
                    Some(_) => None,
                    None => Some(shortcut_help::ShortcutHelp::default()),
                };
            }
            C::TagExistingActor => commands.push(ViewCommand::StartTagging(TagMode::ExistingActor)),
            C::TagNewActor => commands.push(ViewCommand::StartTagging(TagMode::NewActor)),
            C::TagClaim => commands.push(ViewCommand::StartTagging(TagMode::Claim)),
            C::TagEvidence => commands.push(ViewCommand::StartTagging(TagMode::Evidence)),
            C::AddRelation => commands.push(ViewCommand::StartRelation),
            C::CiteForRelation => commands.push(ViewCommand::AddEvidenceToSelectedRelation),
            C::DeleteHighlight => {
                if let Some(selected) = self.panes[self.focused_pane]
                    .reader
                    .selected_highlight
                    .clone()
                {
                    actions.push(Action::Edit(Edit::DeleteHighlight(selected)));
                }
            }
            C::HighlightEndLater => self.nudge_highlight(Edge::End, 1, actions),
            C::HighlightEndEarlier => self.nudge_highlight(Edge::End, -1, actions),
            C::HighlightStartEarlier => self.nudge_highlight(Edge::Start, -1, actions),
            C::HighlightStartLater => self.nudge_highlight(Edge::Start, 1, actions),
            C::MoveHighlightEnd | C::MoveHighlightStart => {
                let edge = if command == C::MoveHighlightEnd {
                    Edge::End
                } else {
                    Edge::Start
                };
                // The arrows move an edge the way they point on screen: in
                // right-to-left text ← is forward.
                let rtl = self.panes[self.focused_pane]
                    .reader
                    .selected_highlight
                    .as_ref()
                    .and_then(|id| self.app.document.project.highlight(id))
                    .is_some_and(|h| crate::model::text::reads_right_to_left(&h.quote));
                let step = match (key, rtl) {
                    (Some(egui::Key::ArrowLeft), true) | (Some(egui::Key::ArrowRight), false) => 1,
                    (Some(egui::Key::ArrowLeft | egui::Key::ArrowRight), _) => -1,
                    _ => return,
                };
                self.nudge_highlight(edge, step, actions);
            }
        }
    }

    /// Moves an edge of the selected highlight a character later (`step`
    /// 1) or earlier (-1); it never becomes empty.
    pub(super) fn nudge_highlight(&self, edge: Edge, step: i8, actions: &mut Vec<Action>) {
        let Some(selected) = self.panes[self.focused_pane]
            .reader
            .selected_highlight
            .clone()
        else {
            return;
        };
        let Some(h) = self.app.document.project.highlight(&selected) else {
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
            actions.push(Action::Edit(Edit::ResizeHighlight {
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
