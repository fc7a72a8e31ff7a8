//! The three-way merge git needs: with the version both sides started from
//! (`base`), a change made on one side only is taken, a deletion on one side
//! of an item the other left alone is carried, and only what both sides
//! changed differently — field by field — is a conflict. Conflicts keep the
//! item (mine where both changed it, the surviving version where one side
//! deleted what the other changed), so nothing is lost and the result is a
//! valid project; an item deleted on one side but still used by the other's
//! additions is kept and said so.

use super::merge::FieldPair;
use crate::model::{Item, ItemKind, Project, Side};
use std::collections::HashMap;

/// What needs a person's decision after a three-way merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict3 {
    pub kind: ItemKind,
    pub id: String,
    pub label: String,
    /// What happened, in words.
    pub what: String,
    /// The fields both sides changed differently (empty for a deletion).
    pub fields: Vec<FieldPair>,
    /// Their version (JSON), when choosing it means replacing mine.
    pub theirs: Option<String>,
    /// The side that deleted it while the other changed it.
    pub deleted_by: Option<Side>,
}

impl Conflict3 {
    /// As the project file keeps it until the analyst chooses.
    pub fn stored(&self) -> crate::model::MergeConflict {
        crate::model::MergeConflict {
            kind: self.kind.label().to_owned(),
            id: self.id.clone(),
            label: self.label.clone(),
            what: self.what.clone(),
            fields: self
                .fields
                .iter()
                .map(|f| crate::model::ConflictField {
                    name: f.name.clone(),
                    mine: f.mine.clone(),
                    theirs: f.theirs.clone(),
                })
                .collect(),
            theirs: self.theirs.clone(),
            deleted_by: self.deleted_by,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ThreeWay {
    pub merged: Project,
    pub conflicts: Vec<Conflict3>,
}

fn words(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "—".to_owned(),
        other => other.to_string(),
    }
}

/// `mine` and `theirs` both changed from `base`: merged field by field, the
/// stamp of the later change kept. `Err` lists the fields changed differently.
fn merge_fields<T: Item + serde::de::DeserializeOwned>(
    base: &T,
    mine: &T,
    theirs: &T,
) -> Result<T, Vec<FieldPair>> {
    let (
        Ok(serde_json::Value::Object(b)),
        Ok(serde_json::Value::Object(m)),
        Ok(serde_json::Value::Object(t)),
    ) = (
        serde_json::to_value(base),
        serde_json::to_value(mine),
        serde_json::to_value(theirs),
    )
    else {
        return Err(Vec::new());
    };
    let mut out = m.clone();
    let mut clashes = Vec::new();
    let null = serde_json::Value::Null;
    let mut keys: Vec<&String> = m.keys().collect();
    keys.extend(t.keys().filter(|k| !m.contains_key(*k)));
    for key in keys {
        let (bv, mv, tv) = (
            b.get(key).unwrap_or(&null),
            m.get(key).unwrap_or(&null),
            t.get(key).unwrap_or(&null),
        );
        let chosen = if mv == tv || tv == bv {
            mv
        } else if mv == bv {
            tv
        } else if key == "changed" {
            // Who changed it last: the later stamp (ISO dates sort as text).
            if words(&mv["at"]) >= words(&tv["at"]) {
                mv
            } else {
                tv
            }
        } else {
            clashes.push(FieldPair {
                name: key.replace('_', " "),
                mine: words(mv),
                theirs: words(tv),
            });
            mv
        };
        if chosen.is_null() {
            out.remove(key);
        } else {
            out.insert(key.clone(), chosen.clone());
        }
    }
    if !clashes.is_empty() {
        return Err(clashes);
    }
    serde_json::from_value(serde_json::Value::Object(out)).map_err(|_| Vec::new())
}

fn merge_list<T: Item + serde::de::DeserializeOwned>(
    kind: ItemKind,
    base: &[T],
    mine: &[T],
    theirs: &[T],
    conflicts: &mut Vec<Conflict3>,
) -> Vec<T> {
    let index = |list: &[T]| -> HashMap<String, usize> {
        list.iter()
            .enumerate()
            .map(|(i, x)| (x.id().to_owned(), i))
            .collect()
    };
    let (b, t) = (index(base), index(theirs));
    let m = index(mine);
    let mut out = Vec::with_capacity(mine.len() + theirs.len());
    let conflict = |item: &T, what: &str, fields: Vec<FieldPair>, theirs: Option<&T>| Conflict3 {
        kind,
        id: item.id().to_owned(),
        label: item.label(),
        what: what.to_owned(),
        fields,
        theirs: theirs.and_then(|t| serde_json::to_string(t).ok()),
        deleted_by: None,
    };
    // What the side that kept it changed, beside the deletion.
    let deleted = |old: &T, kept: &T, by: Side| {
        let mut pairs = super::merge::field_pairs(old, kept, &|_| None);
        pairs.retain(FieldPair::differs);
        for pair in &mut pairs {
            let now = std::mem::take(&mut pair.theirs);
            let gone = "(deleted)".to_owned();
            (pair.mine, pair.theirs) = match by {
                Side::Mine => (gone, now),
                Side::Theirs => (now, gone),
            };
        }
        pairs
    };
    for item in mine {
        let id = item.id();
        let in_base = b.get(id).map(|&i| &base[i]);
        let in_theirs = t.get(id).map(|&i| &theirs[i]);
        match (in_base, in_theirs) {
            (Some(old), Some(other)) => {
                if item == other || other == old {
                    out.push(item.clone());
                } else if item == old {
                    out.push(other.clone());
                } else {
                    match merge_fields(old, item, other) {
                        Ok(merged) => out.push(merged),
                        Err(fields) => {
                            conflicts.push(conflict(
                                item,
                                "changed differently on both sides (mine kept)",
                                fields,
                                Some(other),
                            ));
                            out.push(item.clone());
                        }
                    }
                }
            }
            (None, Some(other)) => {
                if !item.same_coding(other) {
                    conflicts.push(conflict(
                        item,
                        "added on both sides under one id with different contents (mine kept)",
                        Vec::new(),
                        Some(other),
                    ));
                }
                out.push(item.clone());
            }
            (Some(old), None) => {
                // They deleted it: gone, unless I changed it meanwhile.
                if !item.same_coding(old) {
                    let mut c = conflict(
                        item,
                        "deleted by them, changed by me (kept)",
                        deleted(old, item, Side::Theirs),
                        None,
                    );
                    c.deleted_by = Some(Side::Theirs);
                    conflicts.push(c);
                    out.push(item.clone());
                }
            }
            (None, None) => out.push(item.clone()),
        }
    }
    for item in theirs {
        let id = item.id();
        if m.contains_key(id) {
            continue;
        }
        match b.get(id).map(|&i| &base[i]) {
            // I deleted it: gone, unless they changed it meanwhile.
            Some(old) => {
                if !item.same_coding(old) {
                    let mut c = conflict(
                        item,
                        "deleted by me, changed by them (kept)",
                        deleted(old, item, Side::Mine),
                        Some(item),
                    );
                    c.deleted_by = Some(Side::Mine);
                    conflicts.push(c);
                    out.push(item.clone());
                }
            }
            None => out.push(item.clone()),
        }
    }
    out
}

fn merge_text(
    base: &str,
    mine: &str,
    theirs: &str,
    what: &str,
    conflicts: &mut Vec<Conflict3>,
) -> String {
    if mine == theirs || theirs == base {
        mine.to_owned()
    } else if mine == base {
        theirs.to_owned()
    } else {
        conflicts.push(Conflict3 {
            kind: ItemKind::ProjectInfo,
            id: what.to_owned(),
            label: what.to_owned(),
            what: "changed differently on both sides (mine kept)".to_owned(),
            fields: vec![FieldPair {
                name: what.to_owned(),
                mine: mine.to_owned(),
                theirs: theirs.to_owned(),
            }],
            theirs: serde_json::to_string(theirs).ok(),
            deleted_by: None,
        });
        mine.to_owned()
    }
}

/// Merges `mine` and `theirs`, both made from `base`.
pub fn merge3(base: &Project, mine: &Project, theirs: &Project) -> ThreeWay {
    // One notion of the same item: theirs in the terms of mine first.
    let (aligned, _) = super::identity::align(mine, theirs, Some(base));
    let theirs = &aligned;
    let mut conflicts = Vec::new();
    let mut merged = mine.clone();
    merged.title = merge_text(
        &base.title,
        &mine.title,
        &theirs.title,
        "title",
        &mut conflicts,
    );
    merged.description = merge_text(
        &base.description,
        &mine.description,
        &theirs.description,
        "description",
        &mut conflicts,
    );
    merged.vocabulary = merge_list(
        ItemKind::RelationType,
        &base.vocabulary,
        &mine.vocabulary,
        &theirs.vocabulary,
        &mut conflicts,
    )
    .into();
    merged.articles = merge_list(
        ItemKind::Article,
        &base.articles,
        &mine.articles,
        &theirs.articles,
        &mut conflicts,
    )
    .into();
    merged.actors = merge_list(
        ItemKind::Actor,
        &base.actors,
        &mine.actors,
        &theirs.actors,
        &mut conflicts,
    )
    .into();
    merged.concepts = merge_list(
        ItemKind::Concept,
        &base.concepts,
        &mine.concepts,
        &theirs.concepts,
        &mut conflicts,
    )
    .into();
    merged.claims = merge_list(
        ItemKind::Claim,
        &base.claims,
        &mine.claims,
        &theirs.claims,
        &mut conflicts,
    )
    .into();
    merged.highlights = merge_list(
        ItemKind::Highlight,
        &base.highlights,
        &mine.highlights,
        &theirs.highlights,
        &mut conflicts,
    )
    .into();
    merged.relations = merge_list(
        ItemKind::Relation,
        &base.relations,
        &mine.relations,
        &theirs.relations,
        &mut conflicts,
    )
    .into();
    merged.rejections = merge_list(
        ItemKind::Rejection,
        &base.rejections,
        &mine.rejections,
        &theirs.rejections,
        &mut conflicts,
    )
    .into();
    restore_used(&mut merged, [base, mine, theirs], &mut conflicts);
    // A relation is named by its actors and type, as the window names it, not by ids.
    for c in conflicts
        .iter_mut()
        .filter(|c| c.kind == ItemKind::Relation)
    {
        let id = crate::model::RelationId::new(c.id.clone());
        if let Some((project, r)) = [&merged, mine, theirs, base]
            .into_iter()
            .find_map(|p| p.relation(&id).map(|r| (p, r)))
        {
            c.label = project.relation_words(r);
        }
    }
    // Kept in the file until settled (with any left from an earlier merge).
    let earlier: Vec<_> = mine
        .conflicts
        .iter()
        .chain(theirs.conflicts.iter())
        .cloned()
        .collect();
    merged.conflicts = earlier;
    for c in &conflicts {
        let stored = c.stored();
        if !merged.conflicts.contains(&stored) {
            merged.conflicts.push(stored);
        }
    }
    ThreeWay { merged, conflicts }
}

/// Puts back what one side deleted while the other side's work still refers
/// to it (an actor deleted by me, mentioned in a highlight they added), so
/// the merge never leaves a reference dangling.
fn restore_used(merged: &mut Project, sources: [&Project; 3], conflicts: &mut Vec<Conflict3>) {
    for _ in 0..8 {
        let missing: Vec<(String, String)> = merged
            .validate_edit()
            .into_iter()
            .filter_map(|e| match e {
                crate::model::ValidationError::MissingReference { kind, id, .. } => {
                    Some((kind.to_owned(), id))
                }
                _ => None,
            })
            .collect();
        if missing.is_empty() {
            return;
        }
        let mut restored = false;
        for (kind, id) in missing {
            let mut note = |kind: ItemKind, label: String| {
                conflicts.push(Conflict3 {
                    kind,
                    id: id.clone(),
                    label,
                    what: "deleted on one side but still used by the other (kept)".to_owned(),
                    fields: Vec::new(),
                    theirs: None,
                    deleted_by: None,
                });
                restored = true;
            };
            match kind.as_str() {
                "actor" => {
                    if merged.actor(&id.as_str().into()).is_none()
                        && let Some(a) = sources.iter().find_map(|p| p.actor(&id.as_str().into()))
                    {
                        merged.actors.push(a.clone());
                        note(ItemKind::Actor, a.name.clone());
                    }
                }
                "claim" => {
                    if merged.claim(&id.as_str().into()).is_none()
                        && let Some(c) = sources.iter().find_map(|p| p.claim(&id.as_str().into()))
                    {
                        let label = sources
                            .iter()
                            .find_map(|p| p.concept(&c.concept))
                            .map_or_else(|| c.concept.to_string(), |x| x.text.clone());
                        merged.claims.push(c.clone());
                        note(ItemKind::Claim, label);
                    }
                }
                "concept" => {
                    if merged.concept(&id.as_str().into()).is_none()
                        && let Some(c) = sources.iter().find_map(|p| p.concept(&id.as_str().into()))
                    {
                        merged.concepts.push(c.clone());
                        note(ItemKind::Concept, c.text.clone());
                    }
                }
                "article" => {
                    if merged.article(&id.as_str().into()).is_none()
                        && let Some(a) = sources.iter().find_map(|p| p.article(&id.as_str().into()))
                    {
                        merged.articles.push(a.clone());
                        note(ItemKind::Article, a.title.clone());
                    }
                }
                "highlight" => {
                    if merged.highlight(&id.as_str().into()).is_none()
                        && let Some(h) = sources
                            .iter()
                            .find_map(|p| p.highlight(&id.as_str().into()))
                    {
                        merged.highlights.push(h.clone());
                        note(ItemKind::Highlight, format!("«{}»", h.quote));
                    }
                }
                "relation type" => {
                    if merged.relation_type(&id.as_str().into()).is_none()
                        && let Some(t) = sources
                            .iter()
                            .find_map(|p| p.relation_type(&id.as_str().into()))
                    {
                        merged.vocabulary.push(t.clone());
                        note(ItemKind::RelationType, t.label.clone());
                    }
                }
                _ => {}
            }
        }
        if !restored {
            return;
        }
    }
}
