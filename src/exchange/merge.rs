//! Merging a colleague's copy of a project into ours: items are matched by
//! id; what only they have is added; what both changed differently is a
//! conflict for the user to settle (mine, theirs, or keep both) — nothing is
//! dropped without a choice. Actors that are probably the same under two ids
//! are pointed out, never merged silently.

use crate::model::{Actor, ActorId, IdGenerator, Project, ValidationError, arabic};
use std::collections::{HashMap, HashSet};

/// Which list an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
    /// The project's title (id `title`) or description (id `description`).
    ProjectInfo,
    RelationType,
    Article,
    Actor,
    Claim,
    Highlight,
    Relation,
}

/// An item that differs between the two copies. Without the version both
/// started from, a merge cannot tell whether one side or both changed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub kind: ItemKind,
    pub id: String,
    /// Both versions, as they are written in a project file, for side-by-side display.
    pub mine: String,
    pub theirs: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Mine,
    Theirs,
    /// Keep mine, and add theirs under a new id.
    KeepBoth,
}

/// What a merge found, before the conflicts are settled.
#[derive(Debug, Clone)]
pub struct MergePlan {
    mine: Project,
    theirs: Project,
    /// How many items of each kind only the colleague had (added as they are).
    pub added: HashMap<ItemKind, usize>,
    pub conflicts: Vec<Conflict>,
    /// Actors under different ids with the same folded name or a shared alias.
    pub probable_duplicates: Vec<(ActorId, ActorId)>,
}

trait Item: Clone + PartialEq + serde::Serialize {
    fn id(&self) -> &str;
    fn set_id(&mut self, id: String);
    /// The same coding on both sides; who stamped it last does not make a conflict.
    fn same_content(&self, other: &Self) -> bool {
        self == other
    }
}

macro_rules! item {
    ($t:ty, $id:ty) => {
        impl Item for $t {
            fn id(&self) -> &str {
                self.id.as_str()
            }
            fn set_id(&mut self, id: String) {
                self.id = <$id>::new(id);
            }
        }
    };
    ($t:ty, $id:ty, attributed) => {
        impl Item for $t {
            fn id(&self) -> &str {
                self.id.as_str()
            }
            fn set_id(&mut self, id: String) {
                self.id = <$id>::new(id);
            }
            fn same_content(&self, other: &Self) -> bool {
                crate::model::Attributed::same_coding(self, other)
            }
        }
    };
}
item!(crate::model::RelationType, crate::model::RelationTypeId);
item!(crate::model::Article, crate::model::ArticleId, attributed);
item!(Actor, ActorId, attributed);
item!(crate::model::Claim, crate::model::ClaimId, attributed);
item!(
    crate::model::Highlight,
    crate::model::HighlightId,
    attributed
);
item!(crate::model::Relation, crate::model::RelationId, attributed);

fn pretty<T: serde::Serialize>(item: &T) -> String {
    ron::ser::to_string_pretty(item, ron::ser::PrettyConfig::new().escape_strings(false))
        .unwrap_or_default()
}

/// Adds theirs-only items to `merged`, and lists both-changed ones.
fn merge_list<T: Item>(
    kind: ItemKind,
    merged: &mut Vec<T>,
    theirs: &[T],
    added: &mut HashMap<ItemKind, usize>,
    conflicts: &mut Vec<Conflict>,
) {
    let mine: HashMap<String, usize> = merged
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id().to_owned(), i))
        .collect();
    for item in theirs {
        match mine.get(item.id()) {
            None => {
                merged.push(item.clone());
                *added.entry(kind).or_default() += 1;
            }
            Some(&i) if !merged[i].same_content(item) => conflicts.push(Conflict {
                kind,
                id: item.id().to_owned(),
                mine: pretty(&merged[i]),
                theirs: pretty(item),
            }),
            Some(_) => {}
        }
    }
}

/// Compares the two projects. The plan keeps mine wherever they conflict until told otherwise.
pub fn plan(mine: &Project, theirs: &Project) -> MergePlan {
    let mut merged = mine.clone();
    let mut added = HashMap::new();
    let mut conflicts = Vec::new();
    merge_list(
        ItemKind::RelationType,
        &mut merged.vocabulary,
        &theirs.vocabulary,
        &mut added,
        &mut conflicts,
    );
    merge_list(
        ItemKind::Article,
        &mut merged.articles,
        &theirs.articles,
        &mut added,
        &mut conflicts,
    );
    merge_list(
        ItemKind::Actor,
        &mut merged.actors,
        &theirs.actors,
        &mut added,
        &mut conflicts,
    );
    merge_list(
        ItemKind::Claim,
        &mut merged.claims,
        &theirs.claims,
        &mut added,
        &mut conflicts,
    );
    merge_list(
        ItemKind::Highlight,
        &mut merged.highlights,
        &theirs.highlights,
        &mut added,
        &mut conflicts,
    );
    merge_list(
        ItemKind::Relation,
        &mut merged.relations,
        &theirs.relations,
        &mut added,
        &mut conflicts,
    );
    // The title and description are coding like any other: a different one is never dropped.
    for (id, ours, theirs) in [
        ("title", &mine.title, &theirs.title),
        ("description", &mine.description, &theirs.description),
    ] {
        if ours != theirs {
            conflicts.push(Conflict {
                kind: ItemKind::ProjectInfo,
                id: id.to_owned(),
                mine: ours.clone(),
                theirs: theirs.clone(),
            });
        }
    }
    let probable_duplicates = probable_duplicates(&merged.actors);
    MergePlan {
        mine: merged,
        theirs: theirs.clone(),
        added,
        conflicts,
        probable_duplicates,
    }
}

fn probable_duplicates(actors: &[Actor]) -> Vec<(ActorId, ActorId)> {
    let mut by_name: HashMap<String, Vec<&ActorId>> = HashMap::new();
    for actor in actors {
        let names: HashSet<String> = actor
            .names()
            .map(arabic::fold)
            .filter(|n| !n.trim().is_empty())
            .collect();
        for name in names {
            by_name.entry(name).or_default().push(&actor.id);
        }
    }
    let mut pairs: Vec<(ActorId, ActorId)> = by_name
        .values()
        .filter(|ids| ids.len() > 1)
        .flat_map(|ids| {
            ids.iter().enumerate().flat_map(move |(i, a)| {
                ids[i + 1..].iter().map(move |b| {
                    if a < b {
                        ((*a).clone(), (*b).clone())
                    } else {
                        ((*b).clone(), (*a).clone())
                    }
                })
            })
        })
        .collect();
    pairs.sort();
    pairs.dedup();
    pairs
}

fn replace_or_add<T: Item>(
    list: &mut Vec<T>,
    theirs: &[T],
    id: &str,
    choice: Choice,
    fresh_id: &mut dyn FnMut(&str) -> String,
) -> Option<(String, String)> {
    let theirs = theirs.iter().find(|x| x.id() == id)?;
    match choice {
        Choice::Mine => None,
        Choice::Theirs => {
            if let Some(slot) = list.iter_mut().find(|x| x.id() == id) {
                *slot = theirs.clone();
            }
            None
        }
        Choice::KeepBoth => {
            let mut copy = theirs.clone();
            let new_id = fresh_id(id);
            copy.set_id(new_id.clone());
            list.push(copy);
            Some((id.to_owned(), new_id))
        }
    }
}

impl MergePlan {
    /// The merged project, with each conflict settled by `choose`. Fails,
    /// naming the problem, if the choices leave the project inconsistent
    /// (their highlight kept over my different article text, say).
    pub fn apply(
        &self,
        mut choose: impl FnMut(&Conflict) -> Choice,
    ) -> Result<Project, Vec<ValidationError>> {
        let mut merged = self.mine.clone();
        let mut ids = IdGenerator::new();
        let theirs = &self.theirs;
        for conflict in &self.conflicts {
            let choice = choose(conflict);
            let id = conflict.id.as_str();
            let taken: HashSet<String> = all_ids(&merged);
            let mut fresh =
                |old: &str| ids.fresh(old.split('-').next().unwrap_or("id"), |c| taken.contains(c));
            let renamed = match conflict.kind {
                ItemKind::ProjectInfo => {
                    let (field, separator) = if id == "title" {
                        (&mut merged.title, " / ")
                    } else {
                        (&mut merged.description, "\n\n")
                    };
                    match choice {
                        Choice::Mine => {}
                        Choice::Theirs => conflict.theirs.clone_into(field),
                        Choice::KeepBoth => {
                            *field = format!("{field}{separator}{}", conflict.theirs)
                        }
                    }
                    None
                }
                ItemKind::RelationType => replace_or_add(
                    &mut merged.vocabulary,
                    &theirs.vocabulary,
                    id,
                    choice,
                    &mut fresh,
                ),
                ItemKind::Article => replace_or_add(
                    &mut merged.articles,
                    &theirs.articles,
                    id,
                    choice,
                    &mut fresh,
                ),
                ItemKind::Actor => {
                    replace_or_add(&mut merged.actors, &theirs.actors, id, choice, &mut fresh)
                }
                ItemKind::Claim => {
                    replace_or_add(&mut merged.claims, &theirs.claims, id, choice, &mut fresh)
                }
                ItemKind::Highlight => replace_or_add(
                    &mut merged.highlights,
                    &theirs.highlights,
                    id,
                    choice,
                    &mut fresh,
                ),
                ItemKind::Relation => replace_or_add(
                    &mut merged.relations,
                    &theirs.relations,
                    id,
                    choice,
                    &mut fresh,
                ),
            };
            // A kept-both article brings along the colleague's highlights on its text.
            if let (ItemKind::Article, Some((old, new))) = (conflict.kind, renamed) {
                for highlight in merged
                    .highlights
                    .iter_mut()
                    .filter(|h| h.article.as_str() == old)
                {
                    let theirs_version = theirs.highlights.iter().find(|t| t.id == highlight.id);
                    if theirs_version.is_some_and(|t| t == highlight)
                        && !self.mine.highlights.iter().any(|m| m.id == highlight.id)
                    {
                        highlight.article = crate::model::ArticleId::new(new.clone());
                    }
                }
            }
        }
        let errors = merged.validate();
        if errors.is_empty() {
            Ok(merged)
        } else {
            Err(errors)
        }
    }

    /// The merge as `apply` makes it, with its problems (if any) in one line.
    pub fn apply_or_explain(
        &self,
        choose: impl FnMut(&Conflict) -> Choice,
    ) -> Result<Project, String> {
        self.apply(choose).map_err(|errors| {
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        })
    }

    /// The merge when nothing conflicts (or keeping mine wherever something does).
    pub fn merged_keeping_mine(&self) -> Result<Project, Vec<ValidationError>> {
        self.apply(|_| Choice::Mine)
    }
}

fn all_ids(project: &Project) -> HashSet<String> {
    let mut ids = HashSet::new();
    ids.extend(project.articles.iter().map(|x| x.id.to_string()));
    ids.extend(project.actors.iter().map(|x| x.id.to_string()));
    ids.extend(project.claims.iter().map(|x| x.id.to_string()));
    ids.extend(project.highlights.iter().map(|x| x.id.to_string()));
    ids.extend(project.relations.iter().map(|x| x.id.to_string()));
    ids.extend(project.vocabulary.iter().map(|x| x.id.to_string()));
    ids
}
