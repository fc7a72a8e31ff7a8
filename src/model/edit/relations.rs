//! Edits of relations and the relation vocabulary.

use super::{
    ActorId, ArticleId, Date, EditError, HashMap, HighlightId, IdGenerator, Made, Project,
    Relation, RelationId, RelationType, RelationTypeId, Source, Span, Tx, VocabularyError,
    actor_index, article_index, evidence_highlight, highlight_index, relation_index, type_index,
};

/// Stops `relation` citing any of `gone` (highlight → quote), noting each quote.
pub(super) fn uncite(relation: &mut Relation, gone: &HashMap<HighlightId, String>) -> bool {
    let mut any = false;
    for source in &mut relation.sources {
        if let Some(quote) = source.evidence.as_ref().and_then(|e| gone.get(e)) {
            // The article still reports the relation, just without a span.
            let mark = format!("[evidence highlight deleted: «{quote}»]");
            relation.note = if relation.note.is_empty() {
                mark
            } else {
                format!("{} {mark}", relation.note)
            };
            source.evidence = None;
            any = true;
        }
    }
    any
}

/// Everything a relation refers to exists, and each evidence is in its source's article.
pub(super) fn check_relation(project: &Project, relation: &Relation) -> Result<(), EditError> {
    actor_index(project, &relation.source)?;
    actor_index(project, &relation.target)?;
    type_index(project, &relation.kind)?;
    for source in &relation.sources {
        article_index(project, &source.article)?;
        if let Some(evidence) = &source.evidence {
            let highlight = &project.highlights[highlight_index(project, evidence)?];
            if highlight.article != source.article {
                return Err(EditError::EvidenceInOtherArticle {
                    highlight: evidence.clone(),
                    expected: source.article.clone(),
                    found: highlight.article.clone(),
                });
            }
        }
    }
    Ok(())
}

/// Renames a relation type. Relations refer to it by id, so every row
/// shows the new name at once.
pub fn rename_relation_type(
    tx: &mut Tx<'_>,
    id: &RelationTypeId,
    label: &str,
) -> Result<(), EditError> {
    let label = label.trim();
    if tx
        .project()
        .vocabulary
        .iter()
        .any(|t| &t.id != id && t.label == label)
    {
        return Err(VocabularyError::LabelTaken(label.to_owned()).into());
    }
    let index =
        type_index(tx.project(), id).map_err(|_| VocabularyError::Unknown(id.to_string()))?;
    tx.update::<RelationType>(index, |t| label.clone_into(&mut t.label));
    Ok(())
}

/// Moves every relation of type `from` to `into` and removes `from`.
pub fn merge_relation_types(
    tx: &mut Tx<'_>,
    from: &RelationTypeId,
    into: &RelationTypeId,
) -> Result<(), EditError> {
    if from == into {
        return Err(VocabularyError::SelfMerge.into());
    }
    let from_index =
        type_index(tx.project(), from).map_err(|_| VocabularyError::Unknown(from.to_string()))?;
    type_index(tx.project(), into).map_err(|_| VocabularyError::Unknown(into.to_string()))?;
    tx.update_each::<Relation>(|relation| {
        let moved = &relation.kind == from;
        if moved {
            relation.kind = into.clone();
        }
        moved
    });
    tx.remove::<RelationType>(from_index);
    Ok(())
}

/// Adds a relation type with an id made from its label.
pub fn add_relation_type(
    tx: &mut Tx<'_>,
    label: &str,
    directed: bool,
) -> Result<RelationTypeId, EditError> {
    let label = label.trim();
    let vocabulary = &tx.project().vocabulary;
    if vocabulary.iter().any(|t| t.label == label) {
        return Err(VocabularyError::LabelTaken(label.to_owned()).into());
    }
    let id = crate::model::id_for_label(vocabulary, label);
    tx.push(RelationType {
        id: id.clone(),
        label: label.to_owned(),
        directed,
        description: String::new(),
    });
    Ok(id)
}

pub(super) fn add_relations(
    tx: &mut Tx<'_>,
    ids: &mut IdGenerator,
    made: &mut Made,
    (source, kind, targets): (ActorId, RelationTypeId, Vec<ActorId>),
    date: Option<Date>,
    evidence: Option<(ArticleId, Span)>,
    note: &str,
) -> Result<(), EditError> {
    if targets.is_empty() {
        return Err(EditError::NoTargets);
    }
    actor_index(tx.project(), &source)?;
    for target in &targets {
        actor_index(tx.project(), target)?;
    }
    type_index(tx.project(), &kind)?;
    let sources = match evidence {
        Some((article, span)) => {
            let (highlight, new) = evidence_highlight(tx, ids, &article, span)?;
            if new {
                made.highlights.push(highlight.clone());
            }
            vec![Source::new(article, Some(highlight))]
        }
        None => Vec::new(),
    };
    for target in targets {
        let id = tx.project().new_relation_id(ids);
        made.relations.push(id.clone());
        tx.push(Relation {
            id,
            source: source.clone(),
            kind: kind.clone(),
            target,
            date,
            sources: sources.clone(),
            note: note.to_owned(),
            changed: None,
        });
    }
    Ok(())
}

pub(super) fn add_evidence(
    tx: &mut Tx<'_>,
    ids: &mut IdGenerator,
    made: &mut Made,
    relation: &RelationId,
    (article, span): (ArticleId, Span),
) -> Result<(), EditError> {
    let index = relation_index(tx.project(), relation)?;
    let (highlight, new) = evidence_highlight(tx, ids, &article, span)?;
    if new {
        made.highlights.push(highlight.clone());
    }
    tx.update::<Relation>(index, |r| {
        r.add_source(Source::new(article, Some(highlight)));
    });
    Ok(())
}

pub(super) fn duplicate_relation(
    tx: &mut Tx<'_>,
    ids: &mut IdGenerator,
    made: &mut Made,
    id: &RelationId,
) -> Result<(), EditError> {
    let index = relation_index(tx.project(), id)?;
    let mut copy = tx.project().relations[index].clone();
    copy.id = tx.project().new_relation_id(ids);
    made.relations.push(copy.id.clone());
    tx.insert(index + 1, copy);
    Ok(())
}
