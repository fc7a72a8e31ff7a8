//! Merging a colleague's copy of a project into ours: items are matched by
//! id; what only they have is added; what both changed differently is a
//! conflict for the user to settle (mine, theirs, or keep both) — nothing is
//! dropped without a choice. Actors that are probably the same under two ids
//! are pointed out, never merged silently.

pub use crate::model::ItemKind;
use crate::model::{Actor, ActorId, Item, Project, ValidationError, arabic};
use std::collections::{HashMap, HashSet};

/// An item that differs between the two copies. Without the version both
/// started from, a merge cannot tell whether one side or both changed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub kind: ItemKind,
    pub id: String,
    /// What a person recognises the item by (a name, a quote, a title).
    pub label: String,
    /// Both versions, as they are written in a project file (for the terminal).
    pub mine: String,
    pub theirs: String,
    /// Field by field, in words, for the merge window.
    pub fields: Vec<FieldPair>,
}

/// One field of a conflicting item on both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldPair {
    pub name: String,
    pub mine: String,
    pub theirs: String,
}

impl FieldPair {
    pub fn differs(&self) -> bool {
        self.mine != self.theirs
    }
}

/// A field's value in words: text as it is, nothing as "—", a span as
/// "start–end", a tag as "actor: NAME", ids of actors as their names.
fn in_words(value: &serde_json::Value, name_of: &dyn Fn(&str) -> Option<String>) -> String {
    use serde_json::Value;
    match value {
        Value::Null => "—".to_owned(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => name_of(s).unwrap_or_else(|| {
            if s.chars().count() > 160 {
                format!("{}…", s.chars().take(160).collect::<String>())
            } else {
                s.clone()
            }
        }),
        Value::Array(items) if items.is_empty() => "—".to_owned(),
        Value::Array(items) => items
            .iter()
            .map(|v| in_words(v, name_of))
            .collect::<Vec<_>>()
            .join(" · "),
        Value::Object(map) => {
            if let (Some(start), Some(end), 2) = (map.get("start"), map.get("end"), map.len()) {
                return format!("{start}–{end}");
            }
            if map.len() == 1 {
                let (variant, inner) = map.iter().next().expect("one entry");
                return format!("{}: {}", variant.to_lowercase(), in_words(inner, name_of));
            }
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| format!("{k}: {}", in_words(v, name_of)))
                .collect::<Vec<_>>()
                .join(", ")
        }
    }
}

/// Both items field by field, in the order the file writes them.
pub(crate) fn field_pairs<T: serde::Serialize>(
    mine: &T,
    theirs: &T,
    name_of: &dyn Fn(&str) -> Option<String>,
) -> Vec<FieldPair> {
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) =
        (serde_json::to_value(mine), serde_json::to_value(theirs))
    else {
        return Vec::new();
    };
    let mut names: Vec<&String> = a.keys().collect();
    names.extend(b.keys().filter(|k| !a.contains_key(*k)));
    names
        .into_iter()
        .filter(|name| name.as_str() != "id")
        .map(|name| FieldPair {
            name: name.replace('_', " "),
            mine: a.get(name).map_or("—".to_owned(), |v| in_words(v, name_of)),
            theirs: b.get(name).map_or("—".to_owned(), |v| in_words(v, name_of)),
        })
        .collect()
}

/// An item only one copy holds. Without the version both copies started
/// from, a two-way merge cannot tell whether one side added it or the other
/// deleted it: it is kept unless the user leaves it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneSided {
    pub kind: ItemKind,
    pub id: String,
    /// In my copy (else in theirs).
    pub in_mine: bool,
    /// What it is, in a few words (a name, a quote, a title).
    pub label: String,
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
    /// Every item only one side holds (theirs are added, mine kept, unless left out).
    pub one_sided: Vec<OneSided>,
    /// Their items whose id my copy uses for a different item, given a new
    /// id (and every reference in their copy with it): kind, old id, new id.
    pub renamed: Vec<(ItemKind, String, String)>,
    /// Actors under different ids with the same folded name or a shared alias.
    pub probable_duplicates: Vec<(ActorId, ActorId)>,
    /// Their relations with the ends, type and date of one of mine but other
    /// reports, kept as relations of their own: kind, their id, my id.
    pub kept_apart: Vec<(ItemKind, String, String)>,
}

fn pretty<T: serde::Serialize>(item: &T) -> String {
    ron::ser::to_string_pretty(item, ron::ser::PrettyConfig::new().escape_strings(false))
        .unwrap_or_default()
}

/// What a merge collects while it goes through the lists.
struct Found<'a> {
    /// An actor's name for its id (either copy), so references read as names.
    name_of: &'a dyn Fn(&str) -> Option<String>,
    added: &'a mut HashMap<ItemKind, usize>,
    conflicts: &'a mut Vec<Conflict>,
    one_sided: &'a mut Vec<OneSided>,
}

/// Adds theirs-only items to `merged`, lists items that differ, and names
/// every item only one side holds — except mine that were never sent to
/// them (`unsent`: outside the articles their copy was restricted to).
fn merge_list<T: Item>(
    kind: ItemKind,
    merged: &mut Vec<T>,
    theirs: &[T],
    unsent: impl Fn(&T) -> bool,
    found: &mut Found<'_>,
) {
    let mine: HashMap<String, usize> = merged
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id().to_owned(), i))
        .collect();
    let their_ids: HashSet<&str> = theirs.iter().map(Item::id).collect();
    for item in merged.iter().filter(|x| !their_ids.contains(x.id())) {
        if !unsent(item) {
            found.one_sided.push(OneSided {
                kind,
                id: item.id().to_owned(),
                in_mine: true,
                label: item.label(),
            });
        }
    }
    let name_of = found.name_of;
    let (added, conflicts) = (&mut *found.added, &mut *found.conflicts);
    for item in theirs {
        match mine.get(item.id()) {
            None => {
                merged.push(item.clone());
                *added.entry(kind).or_default() += 1;
                found.one_sided.push(OneSided {
                    kind,
                    id: item.id().to_owned(),
                    in_mine: false,
                    label: item.label(),
                });
            }
            Some(&i) if !merged[i].same_coding(item) => conflicts.push(Conflict {
                kind,
                id: item.id().to_owned(),
                label: merged[i].label(),
                mine: pretty(&merged[i]),
                theirs: pretty(item),
                fields: field_pairs(&merged[i], item, name_of),
            }),
            Some(_) => {}
        }
    }
}

/// Compares the two projects. The plan keeps mine wherever they conflict until told otherwise.
pub fn plan(mine: &Project, theirs: &Project) -> MergePlan {
    // One notion of the same item: theirs in the terms of mine first.
    let (mut theirs, alignment) = super::identity::align(mine, theirs, None);
    let renamed = alignment.renamed;
    let kept_apart = alignment.kept_apart;
    let sent: Option<HashSet<crate::model::ArticleId>> = theirs
        .sent_articles
        .as_ref()
        .map(|a| a.iter().cloned().collect());
    let unsent_article =
        |a: &crate::model::ArticleId| sent.as_ref().is_some_and(|s| !s.contains(a));
    if sent.is_some() {
        restore_unsent_sources(mine, &mut theirs, &unsent_article);
    }
    let theirs = &theirs;
    let mut merged = mine.clone();
    let mut added = HashMap::new();
    let mut conflicts = Vec::new();
    let mut one_sided = Vec::new();
    let name_of = |id: &str| {
        let id = crate::model::ActorId::from(id);
        mine.actor(&id)
            .or_else(|| theirs.actor(&id))
            .map(|a| a.name.clone())
    };
    let mut found = Found {
        name_of: &name_of,
        added: &mut added,
        conflicts: &mut conflicts,
        one_sided: &mut one_sided,
    };
    merge_list(
        ItemKind::RelationType,
        &mut merged.vocabulary,
        &theirs.vocabulary,
        |_| false,
        &mut found,
    );
    merge_list(
        ItemKind::Article,
        &mut merged.articles,
        &theirs.articles,
        |a| unsent_article(&a.id),
        &mut found,
    );
    merge_list(
        ItemKind::Actor,
        &mut merged.actors,
        &theirs.actors,
        |_| false,
        &mut found,
    );
    merge_list(
        ItemKind::Concept,
        &mut merged.concepts,
        &theirs.concepts,
        |_| false,
        &mut found,
    );
    merge_list(
        ItemKind::Claim,
        &mut merged.claims,
        &theirs.claims,
        |_| false,
        &mut found,
    );
    merge_list(
        ItemKind::Highlight,
        &mut merged.highlights,
        &theirs.highlights,
        |h| unsent_article(&h.article),
        &mut found,
    );
    merge_list(
        ItemKind::Relation,
        &mut merged.relations,
        &theirs.relations,
        |r| !r.sources.is_empty() && r.sources.iter().all(|s| unsent_article(&s.article)),
        &mut found,
    );
    merge_list(
        ItemKind::Rejection,
        &mut merged.rejections,
        &theirs.rejections,
        |r| unsent_article(&r.article),
        &mut found,
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
                label: id.to_owned(),
                mine: ours.clone(),
                theirs: theirs.clone(),
                fields: vec![FieldPair {
                    name: id.to_owned(),
                    mine: ours.clone(),
                    theirs: theirs.clone(),
                }],
            });
        }
    }
    let probable_duplicates = probable_duplicates(&merged.actors);
    MergePlan {
        mine: merged,
        theirs: theirs.clone(),
        added,
        conflicts,
        one_sided,
        renamed,
        probable_duplicates,
        kept_apart,
    }
}

/// A copy restricted to some articles carries each relation with only its
/// sources in those articles; the sources it never had are put back (in my
/// order), so that a relation nobody touched is not taken for a changed one
/// and taking theirs drops nothing that was never sent.
fn restore_unsent_sources(
    mine: &Project,
    theirs: &mut Project,
    unsent: &impl Fn(&crate::model::ArticleId) -> bool,
) {
    let mine_by_id: HashMap<&str, &crate::model::Relation> =
        mine.relations.iter().map(|r| (r.id.as_str(), r)).collect();
    for relation in &mut theirs.relations {
        let Some(my) = mine_by_id.get(relation.id.as_str()) else {
            continue;
        };
        let mut sources: Vec<crate::model::Source> = my
            .sources
            .iter()
            .filter(|s| unsent(&s.article) || relation.sources.contains(s))
            .cloned()
            .collect();
        for source in &relation.sources {
            if !sources.contains(source) {
                sources.push(source.clone());
            }
        }
        relation.sources = sources;
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
        choose: impl FnMut(&Conflict) -> Choice,
    ) -> Result<Project, Vec<ValidationError>> {
        self.apply_with(choose, |_| false)
    }

    /// `apply`, leaving out the one-sided items for which `leave_out` says so
    /// (by default every item either side holds is kept).
    pub fn apply_with(
        &self,
        mut choose: impl FnMut(&Conflict) -> Choice,
        leave_out: impl Fn(&OneSided) -> bool,
    ) -> Result<Project, Vec<ValidationError>> {
        let mut merged = self.mine.clone();
        let theirs = &self.theirs;
        for conflict in &self.conflicts {
            let choice = choose(conflict);
            let id = conflict.id.as_str();
            let taken: HashSet<String> = super::identity::all_ids([&merged]);
            // Derived from the item, so keeping both twice gives the same ids.
            let mut fresh = |old: &str| super::identity::derived_id(old, &conflict.theirs, &taken);
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
                            *field = format!("{field}{separator}{}", conflict.theirs);
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
                ItemKind::Concept => replace_or_add(
                    &mut merged.concepts,
                    &theirs.concepts,
                    id,
                    choice,
                    &mut fresh,
                ),
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
                ItemKind::Rejection => replace_or_add(
                    &mut merged.rejections,
                    &theirs.rejections,
                    id,
                    choice,
                    &mut fresh,
                ),
            };
            // Theirs kept under a new id: what came only from them and named it, names the new id.
            if let Some((old, new)) = &renamed {
                self.follow_rename(&mut merged, conflict.kind, old, new);
            }
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
        let gone: HashSet<(ItemKind, &str)> = self
            .one_sided
            .iter()
            .filter(|o| leave_out(o))
            .map(|o| (o.kind, o.id.as_str()))
            .collect();
        if !gone.is_empty() {
            let out = |kind: ItemKind, id: &str| gone.contains(&(kind, id));
            merged
                .vocabulary
                .retain(|x| !out(ItemKind::RelationType, x.id.as_str()));
            merged
                .articles
                .retain(|x| !out(ItemKind::Article, x.id.as_str()));
            merged
                .actors
                .retain(|x| !out(ItemKind::Actor, x.id.as_str()));
            merged
                .concepts
                .retain(|x| !out(ItemKind::Concept, x.id.as_str()));
            merged
                .claims
                .retain(|x| !out(ItemKind::Claim, x.id.as_str()));
            merged
                .highlights
                .retain(|x| !out(ItemKind::Highlight, x.id.as_str()));
            merged
                .relations
                .retain(|x| !out(ItemKind::Relation, x.id.as_str()));
        }
        let errors = merged.validate();
        if errors.is_empty() {
            Ok(merged)
        } else {
            Err(errors)
        }
    }

    /// Points the items that came only from their copy at `new` where they
    /// named `old` (their item, kept beside mine under a new id).
    fn follow_rename(&self, merged: &mut Project, kind: ItemKind, old: &str, new: &str) {
        use crate::model::{ActorId, ClaimId, HighlightId, RelationTypeId, Tag};
        let theirs_only: HashSet<(ItemKind, &str)> = self
            .one_sided
            .iter()
            .filter(|o| !o.in_mine)
            .map(|o| (o.kind, o.id.as_str()))
            .collect();
        let from_theirs = |kind: ItemKind, id: &str| theirs_only.contains(&(kind, id));
        match kind {
            ItemKind::Actor => {
                for h in &mut merged.highlights {
                    if from_theirs(ItemKind::Highlight, h.id.as_str())
                        && h.tag == Tag::Actor(ActorId::new(old))
                    {
                        h.tag = Tag::Actor(ActorId::new(new));
                    }
                }
                for r in &mut merged.relations {
                    if from_theirs(ItemKind::Relation, r.id.as_str()) {
                        for end in [&mut r.source, &mut r.target] {
                            if end.as_str() == old {
                                *end = ActorId::new(new);
                            }
                        }
                    }
                }
                for c in &mut merged.claims {
                    if from_theirs(ItemKind::Claim, c.id.as_str()) {
                        for end in [&mut c.speaker, &mut c.on_behalf_of] {
                            if end.as_ref().is_some_and(|s| s.as_str() == old) {
                                *end = Some(ActorId::new(new));
                            }
                        }
                    }
                }
            }
            ItemKind::Concept => {
                for c in &mut merged.claims {
                    if from_theirs(ItemKind::Claim, c.id.as_str()) && c.concept.as_str() == old {
                        c.concept = crate::model::ConceptId::new(new);
                    }
                }
            }
            ItemKind::Claim => {
                for h in &mut merged.highlights {
                    if from_theirs(ItemKind::Highlight, h.id.as_str())
                        && h.tag == Tag::Claim(ClaimId::new(old))
                    {
                        h.tag = Tag::Claim(ClaimId::new(new));
                    }
                }
            }
            ItemKind::Highlight => {
                for r in &mut merged.relations {
                    if from_theirs(ItemKind::Relation, r.id.as_str()) {
                        for s in &mut r.sources {
                            if s.evidence.as_ref().is_some_and(|e| e.as_str() == old) {
                                s.evidence = Some(HighlightId::new(new));
                            }
                        }
                    }
                }
            }
            ItemKind::RelationType => {
                for r in &mut merged.relations {
                    if from_theirs(ItemKind::Relation, r.id.as_str()) && r.kind.as_str() == old {
                        r.kind = RelationTypeId::new(new);
                    }
                }
            }
            ItemKind::ProjectInfo
            | ItemKind::Article
            | ItemKind::Relation
            | ItemKind::Rejection => {}
        }
    }

    /// The merge as `apply` makes it, or its problems as one error.
    pub fn apply_or_explain(
        &self,
        choose: impl FnMut(&Conflict) -> Choice,
    ) -> Result<Project, super::TeamError> {
        self.apply(choose).map_err(super::TeamError::InvalidMerge)
    }

    /// The merge when nothing conflicts (or keeping mine wherever something does).
    pub fn merged_keeping_mine(&self) -> Result<Project, Vec<ValidationError>> {
        self.apply(|_| Choice::Mine)
    }
}
