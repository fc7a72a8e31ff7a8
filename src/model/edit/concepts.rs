//! Edits of the concepts: rename, merge, delete, and finding or making the
//! concept a new claim is about.

use super::{
    Claim, ClaimId, Concept, ConceptId, EditError, IdGenerator, Made, Tx, concept_index,
    delete_claims,
};

/// The concept whose words are `text` (Arabic-folded), or a new one made in this step.
pub(super) fn concept_for(
    tx: &mut Tx<'_>,
    ids: &mut IdGenerator,
    made: &mut Made,
    text: &str,
) -> Result<ConceptId, EditError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(EditError::EmptyConcept);
    }
    if let Some(existing) = tx.project().concept_named(text) {
        return Ok(existing.id.clone());
    }
    let id = tx.project().new_concept_id(ids);
    tx.push(Concept::new(id.clone(), text));
    made.concepts.push(id.clone());
    Ok(id)
}

pub(super) fn update_concept(tx: &mut Tx<'_>, mut concept: Concept) -> Result<(), EditError> {
    let index = concept_index(tx.project(), &concept.id)?;
    crate::model::text::trim_in_place(&mut concept.text);
    if concept.text.is_empty() {
        return Err(EditError::EmptyConcept);
    }
    if let Some(other) = tx
        .project()
        .concept_named(&concept.text)
        .filter(|c| c.id != concept.id)
    {
        return Err(EditError::ConceptExists {
            existing: other.id.clone(),
        });
    }
    tx.replace(index, concept);
    Ok(())
}

pub(super) fn merge_concepts(
    tx: &mut Tx<'_>,
    from: &ConceptId,
    into: &ConceptId,
) -> Result<(), EditError> {
    if from == into {
        return Err(EditError::SelfMergeConcept);
    }
    let index = concept_index(tx.project(), from)?;
    concept_index(tx.project(), into)?;
    tx.update_each::<Claim>(|claim| {
        let moved = &claim.concept == from;
        if moved {
            claim.concept = into.clone();
        }
        moved
    });
    // Their notes are kept: the merged concept says what both said.
    let note = tx.project().concepts[index].note.trim().to_owned();
    if !note.is_empty() {
        let at = concept_index(tx.project(), into)?;
        tx.update::<Concept>(at, |c| {
            if !c.note.contains(&note) {
                c.note = [c.note.trim(), &note]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join("\n");
            }
        });
    }
    let index = concept_index(tx.project(), from)?;
    tx.remove::<Concept>(index);
    Ok(())
}

pub(super) fn delete_concept(
    tx: &mut Tx<'_>,
    concept: &ConceptId,
    dependents: bool,
) -> Result<(), EditError> {
    concept_index(tx.project(), concept)?;
    let claims: Vec<ClaimId> = tx
        .project()
        .claims
        .iter()
        .filter(|c| &c.concept == concept)
        .map(|c| c.id.clone())
        .collect();
    if !claims.is_empty() && !dependents {
        return Err(EditError::ConceptInUse {
            concept: concept.clone(),
            claims: claims.len(),
        });
    }
    delete_claims(tx, &claims)?;
    let index = concept_index(tx.project(), concept)?;
    tx.remove::<Concept>(index);
    Ok(())
}
