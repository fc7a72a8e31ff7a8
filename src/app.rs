//! The open document and the one place that changes it: views emit `Action`s,
//! `App::apply` carries them out, marks the project dirty and records undo.

use crate::model::{
    Actor, ActorId, ActorKind, ArticleId, Attributed, Claim, Date, Highlight, HighlightId,
    IdGenerator, Project, Relation, RelationId, RelationTypeId, Source, Span, Stamp, Stance, Tag,
    text,
};
use crate::store::{self, FileStamp};
use std::path::{Path, PathBuf};

/// How many steps back undo reaches; older steps are forgotten.
const UNDO_DEPTH: usize = 200;

/// Everything the user can do to the project or its file.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Open(PathBuf),
    Save,
    SaveAs(PathBuf),
    /// Save even though the file changed on disk since it was opened.
    SaveOverwriting,
    ImportText(Vec<PathBuf>),
    SetTitle(String),
    SetDescription(String),
    /// Highlight a span with an existing actor, claim or as evidence.
    AddHighlight {
        article: ArticleId,
        span: Span,
        tag: Tag,
    },
    /// Create an actor and highlight the span as its mention, in one step.
    TagAsNewActor {
        article: ArticleId,
        span: Span,
        name: String,
        kind: ActorKind,
        aliases: Vec<String>,
    },
    /// Create a claim and highlight the span where it is made, in one step.
    TagAsNewClaim {
        article: ArticleId,
        span: Span,
        text: String,
        speaker: Option<ActorId>,
        stance: Stance,
    },
    RetagHighlight {
        highlight: HighlightId,
        tag: Tag,
    },
    ResizeHighlight {
        highlight: HighlightId,
        span: Span,
    },
    /// Delete a highlight; relations that cited it keep its quote in their note.
    DeleteHighlight(HighlightId),
    /// Highlight many mentions of one actor at once (find other mentions, accept all).
    TagMentions {
        actor: ActorId,
        mentions: Vec<(ArticleId, Span)>,
    },
    /// One relation per target, with the same source, type, date and evidence
    /// (the four states that cut ties with Qatar, in one step). With `evidence`
    /// the span is highlighted as evidence, or an existing evidence highlight
    /// over exactly that span is reused.
    AddRelations {
        source: ActorId,
        kind: RelationTypeId,
        targets: Vec<ActorId>,
        date: Option<Date>,
        evidence: Option<(ArticleId, Span)>,
        note: String,
    },
    /// Cite one more report of an existing relation: the span is highlighted
    /// as evidence (or an evidence highlight over exactly that span is reused).
    AddEvidence {
        relation: RelationId,
        article: ArticleId,
        span: Span,
    },
    /// Stop citing one report; its highlight stays in the article.
    RemoveSource {
        relation: RelationId,
        source: Source,
    },
    /// Replace a relation by its edited version (same id).
    UpdateRelation(Relation),
    DeleteRelation(RelationId),
    DuplicateRelation(RelationId),
    RenameRelationType {
        id: RelationTypeId,
        label: String,
    },
    MergeRelationTypes {
        from: RelationTypeId,
        into: RelationTypeId,
    },
    AddRelationType {
        label: String,
        directed: bool,
    },
    SetRelationTypeDirected {
        id: RelationTypeId,
        directed: bool,
    },
    SetRelationTypeDescription {
        id: RelationTypeId,
        description: String,
    },
    /// Replace the whole project by one recovered after a crash (undoable).
    RestoreRecovered(Box<Project>),
    /// Replace the project by its merge with a colleague's copy (undoable);
    /// the colleague's stamps are kept as they are.
    MergeIn(Box<Project>),
    /// One actor under two ids: `from`'s mentions, relations, claims and names go to `into`.
    MergeActors {
        from: ActorId,
        into: ActorId,
    },
    Undo,
    Redo,
}

/// A message for the status bar or an error dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

/// The project being worked on and where it lives on disk.
#[derive(Debug)]
pub struct Document {
    pub project: Project,
    pub path: Option<PathBuf>,
    /// What the file held when opened or last saved.
    pub stamp: Option<FileStamp>,
    /// The project differs from what was last opened or saved (undoing back to it clears this).
    pub dirty: bool,
    /// Names each state of the project (a change makes a new one, undo returns
    /// to an old one), so views can cache what they derive from it.
    pub revision: u64,
    saved_revision: u64,
    next_revision: u64,
    undo: Vec<(Project, u64)>,
    redo: Vec<(Project, u64)>,
}

impl Document {
    pub fn new(project: Project) -> Self {
        Self {
            project,
            path: None,
            stamp: None,
            dirty: false,
            revision: 0,
            saved_revision: 0,
            next_revision: 1,
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }

    /// Makes `project` (at `revision`) current, returning what was.
    fn swap(&mut self, project: Project, revision: u64) -> (Project, u64) {
        let previous = (std::mem::replace(&mut self.project, project), self.revision);
        self.revision = revision;
        self.dirty = self.revision != self.saved_revision;
        previous
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The window title: project name, file name and an unsaved-changes mark.
    pub fn window_title(&self) -> String {
        let mark = if self.dirty { "● " } else { "" };
        match self.path.as_deref().and_then(Path::file_name) {
            Some(name) => format!(
                "{mark}{} — {} — Warraq",
                self.project.title,
                name.to_string_lossy()
            ),
            None => format!("{mark}{} — Warraq", self.project.title),
        }
    }
}

pub struct App {
    pub document: Document,
    pub notices: Vec<Notice>,
    ids: IdGenerator,
    /// Whose work this is: every item made or changed is stamped with it.
    pub analyst: String,
}

impl Default for App {
    fn default() -> Self {
        Self::new(Project::default())
    }
}

impl App {
    pub fn new(project: Project) -> Self {
        Self {
            document: Document::new(project),
            notices: Vec::new(),
            ids: IdGenerator::new(),
            analyst: crate::model::attribution::default_analyst(),
        }
    }

    /// Opens `path`, or reports why it cannot be opened and keeps what is open.
    pub fn open(path: &Path) -> Result<Self, store::LoadError> {
        let mut app = Self::default();
        app.load(path)?;
        Ok(app)
    }

    fn load(&mut self, path: &Path) -> Result<(), store::LoadError> {
        let loaded = store::load(path)?;
        self.document = Document {
            project: loaded.project,
            path: Some(path.to_owned()),
            stamp: Some(loaded.stamp),
            dirty: false,
            revision: self.document.next_revision,
            saved_revision: self.document.next_revision,
            next_revision: self.document.next_revision + 1,
            undo: Vec::new(),
            redo: Vec::new(),
        };
        for warning in loaded.warnings {
            self.notice(format!("{}: {warning}", path.display()), false);
        }
        Ok(())
    }

    /// Tells the user something in the status bar (an error if `is_error`).
    pub fn notice(&mut self, text: String, is_error: bool) {
        self.notices.push(Notice { text, is_error });
    }

    /// Applies one user action. Errors become notices; the project is never left half-changed.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Open(path) => {
                if let Err(e) = self.load(&path) {
                    self.notice(e.to_string(), true);
                }
            }
            Action::Save => self.save(None, true),
            Action::SaveAs(path) => self.save(Some(path), false),
            Action::SaveOverwriting => self.save(None, false),
            Action::ImportText(paths) => self.edit(|project, ids| {
                let mut errors = Vec::new();
                for path in &paths {
                    if let Err(e) = store::import_text_file(project, path, ids) {
                        errors.push(e.to_string());
                    }
                }
                errors
            }),
            Action::SetTitle(title) => self.edit(|project, _| {
                project.title = title;
                Vec::new()
            }),
            Action::SetDescription(description) => self.edit(|project, _| {
                project.description = description;
                Vec::new()
            }),
            Action::AddHighlight { article, span, tag } => {
                self.edit(|project, ids| problems(add_highlight(project, ids, &article, span, tag)))
            }
            Action::TagAsNewActor {
                article,
                span,
                name,
                kind,
                aliases,
            } => self.edit(|project, ids| {
                let id = project.new_actor_id(ids);
                let mut actor = Actor::new(id.clone(), name.trim(), kind);
                actor.aliases = aliases
                    .into_iter()
                    .map(|a| a.trim().to_owned())
                    .filter(|a| !a.is_empty())
                    .collect();
                project.actors.push(actor);
                problems(add_highlight(project, ids, &article, span, Tag::Actor(id)))
            }),
            Action::TagAsNewClaim {
                article,
                span,
                text,
                speaker,
                stance,
            } => self.edit(|project, ids| {
                let id = project.new_claim_id(ids);
                project.claims.push(Claim {
                    id: id.clone(),
                    text: text.trim().to_owned(),
                    speaker,
                    stance,
                    note: String::new(),
                    changed: None,
                });
                problems(add_highlight(project, ids, &article, span, Tag::Claim(id)))
            }),
            Action::RetagHighlight { highlight, tag } => self.edit(|project, _| {
                match project.highlights.iter_mut().find(|h| h.id == highlight) {
                    Some(h) => {
                        h.tag = tag;
                        Vec::new()
                    }
                    None => vec![format!("highlight `{highlight}` no longer exists")],
                }
            }),
            Action::ResizeHighlight { highlight, span } => self.edit(|project, _| {
                let Some(h) = project.highlights.iter().position(|h| h.id == highlight) else {
                    return vec![format!("highlight `{highlight}` no longer exists")];
                };
                let Some(body) = project
                    .article(&project.highlights[h].article)
                    .map(|a| a.body.clone())
                else {
                    return Vec::new();
                };
                match text::slice_chars(&body, span.range()) {
                    Some(quote) if !span.is_empty() => {
                        project.highlights[h].span = span;
                        project.highlights[h].quote = quote.to_owned();
                        Vec::new()
                    }
                    _ => Vec::new(),
                }
            }),
            Action::DeleteHighlight(highlight) => self.edit(|project, _| {
                let Some(index) = project.highlights.iter().position(|h| h.id == highlight) else {
                    return Vec::new();
                };
                let removed = project.highlights.remove(index);
                for relation in &mut project.relations {
                    let cited = relation
                        .sources
                        .iter_mut()
                        .filter(|s| s.evidence.as_ref() == Some(&removed.id));
                    let mut any = false;
                    for source in cited {
                        // The article still reports the relation, just without a span.
                        source.evidence = None;
                        any = true;
                    }
                    if any {
                        let mark = format!("[evidence highlight deleted: «{}»]", removed.quote);
                        relation.note = if relation.note.is_empty() {
                            mark
                        } else {
                            format!("{} {mark}", relation.note)
                        };
                    }
                }
                Vec::new()
            }),
            Action::TagMentions { actor, mentions } => self.edit(|project, ids| {
                mentions
                    .into_iter()
                    .filter_map(|(article, span)| {
                        add_highlight(project, ids, &article, span, Tag::Actor(actor.clone())).err()
                    })
                    .collect()
            }),
            Action::AddRelations {
                source,
                kind,
                targets,
                date,
                evidence,
                note,
            } => self.edit(|project, ids| {
                let sources = match evidence {
                    Some((article, span)) => match evidence_highlight(project, ids, &article, span)
                    {
                        Ok(highlight) => vec![Source::new(article, Some(highlight))],
                        Err(e) => return vec![e],
                    },
                    None => Vec::new(),
                };
                if targets.is_empty() {
                    return vec!["choose at least one target".to_owned()];
                }
                for target in targets {
                    let id = project.new_relation_id(ids);
                    project.relations.push(Relation {
                        id,
                        source: source.clone(),
                        kind: kind.clone(),
                        target,
                        date,
                        sources: sources.clone(),
                        note: note.clone(),
                        changed: None,
                    });
                }
                Vec::new()
            }),
            Action::AddEvidence {
                relation,
                article,
                span,
            } => self.edit(|project, ids| {
                if project.relation(&relation).is_none() {
                    return vec![format!("relation `{relation}` no longer exists")];
                }
                let highlight = match evidence_highlight(project, ids, &article, span) {
                    Ok(id) => id,
                    Err(e) => return vec![e],
                };
                if let Some(r) = project.relations.iter_mut().find(|r| r.id == relation) {
                    r.add_source(Source::new(article, Some(highlight)));
                }
                Vec::new()
            }),
            Action::RemoveSource { relation, source } => self.edit(|project, _| {
                if let Some(r) = project.relations.iter_mut().find(|r| r.id == relation) {
                    r.sources.retain(|s| *s != source);
                }
                Vec::new()
            }),
            Action::UpdateRelation(relation) => self.edit(|project, _| {
                match project.relations.iter_mut().find(|r| r.id == relation.id) {
                    Some(slot) => {
                        *slot = relation;
                        Vec::new()
                    }
                    None => vec![format!("relation `{}` no longer exists", relation.id)],
                }
            }),
            Action::DeleteRelation(id) => self.edit(|project, _| {
                project.relations.retain(|r| r.id != id);
                Vec::new()
            }),
            Action::DuplicateRelation(id) => self.edit(|project, ids| {
                let Some(index) = project.relations.iter().position(|r| r.id == id) else {
                    return Vec::new();
                };
                let mut copy = project.relations[index].clone();
                copy.id = project.new_relation_id(ids);
                project.relations.insert(index + 1, copy);
                Vec::new()
            }),
            Action::RenameRelationType { id, label } => {
                self.edit(|project, _| problems(project.rename_relation_type(&id, &label)));
            }
            Action::MergeRelationTypes { from, into } => {
                self.edit(|project, _| problems(project.merge_relation_types(&from, &into)));
            }
            Action::AddRelationType { label, directed } => {
                self.edit(|project, _| problems(project.add_relation_type(&label, directed)));
            }
            Action::SetRelationTypeDescription { id, description } => self.edit(|project, _| {
                if let Some(t) = project.vocabulary.iter_mut().find(|t| t.id == id) {
                    t.description = description.trim().to_owned();
                }
                Vec::new()
            }),
            Action::SetRelationTypeDirected { id, directed } => self.edit(|project, _| {
                if let Some(t) = project.vocabulary.iter_mut().find(|t| t.id == id) {
                    t.directed = directed;
                }
                Vec::new()
            }),
            Action::RestoreRecovered(recovered) => self.edit_as_is(|project, _| {
                *project = *recovered;
                Vec::new()
            }),
            Action::MergeIn(merged) => self.edit_as_is(|project, _| {
                *project = *merged;
                Vec::new()
            }),
            Action::MergeActors { from, into } => {
                self.edit(|project, _| problems(project.merge_actors(&from, &into)));
            }
            Action::Undo => {
                if let Some((previous, revision)) = self.document.undo.pop() {
                    let current = self.document.swap(previous, revision);
                    self.document.redo.push(current);
                }
            }
            Action::Redo => {
                if let Some((next, revision)) = self.document.redo.pop() {
                    let current = self.document.swap(next, revision);
                    self.document.undo.push(current);
                }
            }
        }
    }

    /// Runs a change on a copy and keeps it only if the project stays valid,
    /// so a failed action leaves nothing behind and undo gets one clean step.
    fn edit(&mut self, change: impl FnOnce(&mut Project, &mut IdGenerator) -> Vec<String>) {
        self.edit_stamping(true, change);
    }

    /// An edit that brings in items as they are, with the stamps they carry
    /// (a recovered copy, a colleague's merge).
    fn edit_as_is(&mut self, change: impl FnOnce(&mut Project, &mut IdGenerator) -> Vec<String>) {
        self.edit_stamping(false, change);
    }

    fn edit_stamping(
        &mut self,
        stamp: bool,
        change: impl FnOnce(&mut Project, &mut IdGenerator) -> Vec<String>,
    ) {
        let mut project = self.document.project.clone();
        let errors = change(&mut project, &mut self.ids);
        for error in errors {
            self.notice(error, true);
        }
        let problems = project.validate_edit();
        if let Some(problem) = problems.first() {
            self.notice(format!("change not applied: {problem}"), true);
            return;
        }
        if project == self.document.project {
            return;
        }
        if stamp {
            stamp_changes(&self.document.project, &mut project, &self.analyst);
        }
        let revision = self.document.next_revision;
        self.document.next_revision += 1;
        let previous = self.document.swap(project, revision);
        self.document.undo.push(previous);
        if self.document.undo.len() > UNDO_DEPTH {
            self.document.undo.remove(0);
        }
        self.document.redo.clear();
    }

    /// The highlight most recently added (to select it after tagging).
    pub fn newest_highlight(&self) -> Option<&Highlight> {
        self.document.project.highlights.last()
    }

    fn save(&mut self, new_path: Option<PathBuf>, check_disk: bool) {
        let Some(path) = new_path.or_else(|| self.document.path.clone()) else {
            self.notice(
                "choose where to save the project (Save As…)".to_owned(),
                true,
            );
            return;
        };
        let same_file = self.document.path.as_ref() == Some(&path);
        let expected = if check_disk && same_file {
            self.document.stamp.as_ref()
        } else {
            None
        };
        match store::save(&self.document.project, &path, expected) {
            Ok(stamp) => {
                self.document.stamp = Some(stamp);
                self.document.path = Some(path);
                self.document.saved_revision = self.document.revision;
                self.document.dirty = false;
            }
            Err(e) => self.notice(e.to_string(), true),
        }
    }
}

/// The error of a step of an edit, as the notices `App::edit` shows.
fn problems<T, E: ToString>(result: Result<T, E>) -> Vec<String> {
    result.err().map(|e| e.to_string()).into_iter().collect()
}

/// Adds a highlight with the quote taken from the body, refusing empty or out-of-range spans.
fn add_highlight(
    project: &mut Project,
    ids: &mut IdGenerator,
    article: &ArticleId,
    span: Span,
    tag: Tag,
) -> Result<HighlightId, String> {
    let body = &project
        .article(article)
        .ok_or_else(|| format!("article `{article}` no longer exists"))?
        .body;
    if span.is_empty() {
        return Err("select some text to tag first".to_owned());
    }
    let quote = text::slice_chars(body, span.range())
        .ok_or_else(|| format!("the selection is outside article `{article}`"))?
        .to_owned();
    let id = project.new_highlight_id(ids);
    project.highlights.push(Highlight {
        id: id.clone(),
        article: article.clone(),
        span,
        quote,
        tag,
        changed: None,
    });
    Ok(id)
}

/// Stamps with `analyst` every item of `after` that is new or whose coding
/// differs from `before`; untouched items keep their stamps.
fn stamp_changes(before: &Project, after: &mut Project, analyst: &str) {
    fn stamp_list<T: Attributed + Clone + PartialEq>(
        before: &[T],
        after: &mut [T],
        id: impl Fn(&T) -> &str,
        stamp: &Stamp,
    ) {
        let old: std::collections::HashMap<&str, &T> = before.iter().map(|x| (id(x), x)).collect();
        for item in after.iter_mut() {
            let changed = old.get(id(item)).is_none_or(|o| !o.same_coding(item));
            if changed {
                item.set_stamp(Some(stamp.clone()));
            }
        }
    }
    let stamp = Stamp::now(analyst);
    stamp_list(&before.actors, &mut after.actors, |x| x.id.as_str(), &stamp);
    stamp_list(&before.claims, &mut after.claims, |x| x.id.as_str(), &stamp);
    stamp_list(
        &before.highlights,
        &mut after.highlights,
        |x| x.id.as_str(),
        &stamp,
    );
    stamp_list(
        &before.relations,
        &mut after.relations,
        |x| x.id.as_str(),
        &stamp,
    );
    stamp_list(
        &before.articles,
        &mut after.articles,
        |x| x.id.as_str(),
        &stamp,
    );
}

/// The evidence highlight over exactly `span`: an existing one, or a new one.
fn evidence_highlight(
    project: &mut Project,
    ids: &mut IdGenerator,
    article: &ArticleId,
    span: Span,
) -> Result<HighlightId, String> {
    let existing = project
        .highlights_in(article)
        .find(|h| h.span == span && h.tag == Tag::Evidence)
        .map(|h| h.id.clone());
    match existing {
        Some(id) => Ok(id),
        None => add_highlight(project, ids, article, span, Tag::Evidence),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_support::sample;

    #[test]
    fn what_an_analyst_makes_or_changes_carries_their_name_and_nothing_else_does() {
        let mut app = App::new(sample());
        app.analyst = "Salma".to_owned();
        app.apply(Action::AddHighlight {
            article: "art-2017-tamim-putin".into(),
            span: Span::new(0, 3),
            tag: Tag::Evidence,
        });
        let project = &app.document.project;
        let new = project.highlights.last().unwrap();
        let stamp = new.changed.as_ref().expect("the new highlight is stamped");
        assert_eq!(stamp.by, "Salma");
        assert_eq!(stamp.at.len(), "2026-11-23T16:10:45Z".len());
        assert!(stamp.at.ends_with('Z') && stamp.at.contains('T'));
        assert!(
            project.highlights[..project.highlights.len() - 1]
                .iter()
                .all(|h| h.changed.is_none()),
            "untouched highlights keep their (absent) stamps"
        );
        let mut relation = project.relation(&"rel-phone".into()).unwrap().clone();
        relation.note = "edited".to_owned();
        app.analyst = "Omar".to_owned();
        app.apply(Action::UpdateRelation(relation));
        let project = &app.document.project;
        let stamped: Vec<_> = project
            .relations
            .iter()
            .filter_map(|r| r.changed.as_ref().map(|s| (r.id.as_str(), s.by.as_str())))
            .collect();
        assert_eq!(stamped, [("rel-phone", "Omar")]);
        // The stamps are saved and read back.
        let text = store::to_ron_string(project).unwrap();
        assert!(text.contains("by: \"Omar\""));
        assert_eq!(
            &store::from_ron_str(Path::new("p"), &text).unwrap(),
            project
        );
    }

    #[test]
    fn undo_back_to_the_saved_state_is_not_dirty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.warraq.ron");
        store::save(&Project::new("قديم"), &path, None).unwrap();
        let mut app = App::open(&path).unwrap();
        assert!(!app.document.dirty);
        app.apply(Action::SetTitle("جديد".to_owned()));
        assert!(app.document.dirty);
        assert!(app.document.window_title().starts_with("● جديد"));
        app.apply(Action::Undo);
        assert!(!app.document.dirty, "the project is what is on disk again");
        app.apply(Action::Redo);
        assert!(app.document.dirty);
        app.apply(Action::Save);
        assert!(!app.document.dirty);
        app.apply(Action::Undo);
        assert!(app.document.dirty, "now the saved state is the new title");
    }

    #[test]
    fn an_invalid_change_is_refused_and_leaves_no_undo_step() {
        let mut app = App::new(Project::new("t"));
        app.apply(Action::AddHighlight {
            article: ArticleId::from("nowhere"),
            span: Span::new(0, 3),
            tag: Tag::Evidence,
        });
        assert!(!app.document.can_undo());
        assert!(
            app.notices
                .last()
                .is_some_and(|n| n.is_error && n.text.contains("nowhere"))
        );
    }
}
