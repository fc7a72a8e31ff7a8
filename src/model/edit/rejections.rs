//! Turning suggestions down and offering them again.

use super::{EditError, Tx};
use crate::model::Rejection;

/// Adds each rejection the project does not have yet (one already there
/// stays as it was, with its stamp).
pub(super) fn reject(tx: &mut Tx<'_>, rejections: Vec<Rejection>) -> Result<(), EditError> {
    for mut r in rejections {
        if tx.project().article(&r.article).is_none() {
            return Err(EditError::NoArticle(r.article));
        }
        r.renew_id();
        if !tx.project().rejections.iter().any(|x| x.id == r.id) {
            tx.push(r);
        }
    }
    Ok(())
}

/// After `from` became `into`: what was rejected as `from` is rejected as
/// `into` (once, where both were).
pub(super) fn follow_merge(
    tx: &mut Tx<'_>,
    from: &crate::model::ActorId,
    into: &crate::model::ActorId,
) {
    let held: std::collections::HashSet<String> = tx
        .project()
        .rejections
        .iter()
        .map(|r| r.id.clone())
        .collect();
    let twice = tx.positions::<Rejection>(|r| {
        &r.actor == from && held.contains(&Rejection::id_for(&r.article, r.span, into, &r.name))
    });
    tx.remove_many::<Rejection>(twice);
    tx.update_each::<Rejection>(|r| {
        let moved = &r.actor == from;
        if moved {
            r.actor = into.clone();
            r.renew_id();
        }
        moved
    });
}

/// Removes the rejections with these ids, all of them or none.
pub(super) fn unreject(tx: &mut Tx<'_>, ids: &[String]) -> Result<(), EditError> {
    let gone: std::collections::HashSet<&str> = ids.iter().map(String::as_str).collect();
    let indices = tx.positions::<Rejection>(|r| gone.contains(r.id.as_str()));
    if indices.len() < gone.len() {
        let held: std::collections::HashSet<&str> = tx
            .project()
            .rejections
            .iter()
            .map(|r| r.id.as_str())
            .collect();
        let missing = gone.iter().find(|id| !held.contains(**id)).copied();
        return Err(EditError::NoRejection(
            missing.unwrap_or_default().to_owned(),
        ));
    }
    tx.remove_many::<Rejection>(indices);
    Ok(())
}
