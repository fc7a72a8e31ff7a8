//! Settling what a three-way merge left for the analyst to choose.

use super::{
    Actor, Article, Claim, EditError, Highlight, Item, ItemKind, Op, Project, Relation,
    RelationType, Tx,
};

/// Deletes the item of a conflict whose deletion was chosen; refused, with
/// what still uses it, if something does.
pub(super) fn delete_conflicting(
    project: &mut Project,
    conflict: &crate::model::MergeConflict,
) -> Result<(), EditError> {
    fn remove<T: Item>(project: &mut Project, id: &str) {
        T::list_mut(project).retain(|x| x.id() != id);
    }
    let id = conflict.id.as_str();
    match ItemKind::from_label(&conflict.kind) {
        Some(ItemKind::Actor) => remove::<Actor>(project, id),
        Some(ItemKind::Claim) => remove::<Claim>(project, id),
        Some(ItemKind::Concept) => remove::<crate::model::Concept>(project, id),
        Some(ItemKind::Relation) => remove::<Relation>(project, id),
        Some(ItemKind::Article) => remove::<Article>(project, id),
        Some(ItemKind::Highlight) => remove::<Highlight>(project, id),
        Some(ItemKind::RelationType) => remove::<RelationType>(project, id),
        Some(ItemKind::Rejection) => remove::<crate::model::Rejection>(project, id),
        Some(ItemKind::ProjectInfo) | None => {
            return Err(EditError::UnreadableConflict(id.to_owned()));
        }
    }
    Ok(())
}

/// Puts their version of a conflicting item in place of mine, stamped by
/// whoever chose it.
pub(super) fn take_their_version(
    project: &mut Project,
    conflict: &crate::model::MergeConflict,
    json: &str,
    stamp: Option<&crate::model::Stamp>,
) -> Result<(), EditError> {
    fn replace<T: Item>(
        project: &mut Project,
        id: &str,
        json: &str,
        stamp: Option<&crate::model::Stamp>,
    ) -> Result<(), EditError> {
        let mut item: T =
            serde_json::from_str(json).map_err(|_| EditError::UnreadableConflict(id.to_owned()))?;
        if let Some(stamp) = stamp {
            item.set_stamp(Some(stamp.clone()));
        }
        let list = T::list_mut(project);
        match list.iter().position(|x| x.id() == id) {
            Some(i) => list[i] = item,
            None => list.push(item),
        }
        Ok(())
    }
    let id = conflict.id.as_str();
    match ItemKind::from_label(&conflict.kind) {
        Some(ItemKind::Actor) => replace::<Actor>(project, id, json, stamp),
        Some(ItemKind::Claim) => replace::<Claim>(project, id, json, stamp),
        Some(ItemKind::Concept) => replace::<crate::model::Concept>(project, id, json, stamp),
        Some(ItemKind::Relation) => replace::<Relation>(project, id, json, stamp),
        Some(ItemKind::Article) => replace::<Article>(project, id, json, stamp),
        Some(ItemKind::Highlight) => replace::<Highlight>(project, id, json, stamp),
        Some(ItemKind::RelationType) => replace::<RelationType>(project, id, json, stamp),
        Some(ItemKind::Rejection) => replace::<crate::model::Rejection>(project, id, json, stamp),
        Some(ItemKind::ProjectInfo) => {
            let text: String = serde_json::from_str(json)
                .map_err(|_| EditError::UnreadableConflict(id.to_owned()))?;
            match id {
                "title" => project.title = text,
                _ => project.description = text,
            }
            Ok(())
        }
        None => Err(EditError::UnreadableConflict(id.to_owned())),
    }
}

pub(super) fn resolve_conflict(
    tx: &mut Tx<'_>,
    index: usize,
    side: crate::model::Side,
) -> Result<(), EditError> {
    let project = tx.project();
    let conflict = project
        .conflicts
        .get(index)
        .cloned()
        .ok_or(EditError::NoConflict(index))?;
    // Rare and whole: the settled project is checked as a whole.
    let mut next = project.clone();
    next.conflicts.remove(index);
    if conflict.deleted_by == Some(side) {
        delete_conflicting(&mut next, &conflict)?;
    } else if side == crate::model::Side::Theirs
        && let Some(json) = &conflict.theirs
    {
        take_their_version(&mut next, &conflict, json, tx.stamp())?;
    }
    if let Some(problem) = next.validate_edit().into_iter().next() {
        return Err(EditError::Invalid(problem));
    }
    tx.apply(Op::Whole(Box::new(next)));
    Ok(())
}

/// A whole project from outside this edit path (a recovery copy, a merge,
/// an import), checked whole once.
pub(super) fn replace_whole(tx: &mut Tx<'_>, project: Box<Project>) -> Result<(), EditError> {
    // Checked whole, once: it comes from outside this edit path.
    if let Some(problem) = project.validate_edit().into_iter().next() {
        return Err(EditError::Invalid(problem));
    }
    if *project != *tx.project() {
        tx.apply(Op::Whole(project));
    }
    Ok(())
}
