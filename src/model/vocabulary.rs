//! The project's vocabulary of relation types.

use super::RelationTypeId;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationType {
    /// Short stable key, e.g. `cuts_ties_with`; relations refer to it.
    pub id: RelationTypeId,
    /// What the analyst sees, e.g. "cuts ties with".
    pub label: String,
    /// A symmetric type (meets) reads the same both ways; a directed one (accuses) does not.
    pub directed: bool,
    #[serde(default)]
    pub description: String,
}

/// A stable id for a new type called `label`, unused in `vocabulary`:
/// the label in lower case with `_` for what is not a letter or digit
/// (`cuts ties with` → `cuts_ties_with`), numbered if taken.
pub fn id_for_label(vocabulary: &[RelationType], label: &str) -> RelationTypeId {
    let base: String = label
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                '_'
            }
        })
        .collect();
    let base = if base.trim_matches('_').is_empty() {
        "type".to_owned()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 1;
    while vocabulary.iter().any(|t| t.id.as_str() == id) {
        n += 1;
        id = format!("{base}_{n}");
    }
    RelationTypeId::new(id)
}

/// The types diplomatic and security news needs most, offered to every new project.
pub fn default_vocabulary() -> Vec<RelationType> {
    let entry = |id: &str, label: &str, directed: bool, description: &str| RelationType {
        id: RelationTypeId::new(id),
        label: label.to_owned(),
        directed,
        description: description.to_owned(),
    };
    vec![
        entry("meets", "meets", false, "An in-person meeting or talks."),
        entry("phones", "phones", false, "A telephone or video call."),
        entry(
            "visits",
            "visits",
            true,
            "The source travels to the target or its territory.",
        ),
        entry(
            "receives",
            "receives",
            true,
            "The source hosts a visit by the target.",
        ),
        entry(
            "cooperates_with",
            "cooperates with",
            false,
            "Joint work, agreements, coordination.",
        ),
        entry(
            "trains_with",
            "trains with",
            false,
            "Joint military exercises or training.",
        ),
        entry(
            "supports",
            "supports",
            true,
            "Political, financial or military support.",
        ),
        entry("praises", "praises", true, "Public approval of the target."),
        entry(
            "accuses",
            "accuses",
            true,
            "The source accuses the target of wrongdoing.",
        ),
        entry(
            "denies",
            "denies",
            true,
            "The source rejects an accusation or claim by the target.",
        ),
        entry(
            "criticises",
            "criticises",
            true,
            "Public disapproval short of an accusation.",
        ),
        entry("threatens", "threatens", true, "A stated threat of action."),
        entry(
            "pressures",
            "pressures",
            true,
            "Pressure to act or refrain from acting.",
        ),
        entry(
            "sanctions",
            "sanctions",
            true,
            "Punitive economic or political measures.",
        ),
        entry(
            "cuts_ties_with",
            "cuts ties with",
            true,
            "Severing diplomatic or economic relations.",
        ),
        entry(
            "restores_ties_with",
            "restores ties with",
            false,
            "Restoring severed relations.",
        ),
        entry(
            "mediates_between",
            "mediates between",
            true,
            "The source mediates in a dispute involving the target.",
        ),
        entry(
            "negotiates_with",
            "negotiates with",
            false,
            "Formal negotiations.",
        ),
        entry("attacks", "attacks", true, "Armed attack or strike."),
    ]
}

/// Why a change to the vocabulary was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VocabularyError {
    #[error("there is no relation type `{0}`")]
    Unknown(String),
    #[error("a relation type is already called “{0}”")]
    LabelTaken(String),
    #[error("a relation type cannot be merged into itself")]
    SelfMerge,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::{self, Edit, EditError, Made};
    use crate::model::{
        Actor, ActorId, ActorKind, IdGenerator, Project, Relation, RelationId, Stamp,
    };

    fn project_with(kinds: &[&str]) -> Project {
        let mut project = Project::new("t");
        for id in ["a", "b"] {
            project
                .actors
                .push(Actor::new(ActorId::from(id), id, ActorKind::State));
        }
        for (i, kind) in kinds.iter().enumerate() {
            project.relations.push(Relation {
                id: RelationId::new(format!("r{i}")),
                source: ActorId::from("a"),
                kind: RelationTypeId::from(*kind),
                target: ActorId::from("b"),
                date: None,
                sources: Vec::new(),
                note: String::new(),
                changed: None,
            });
        }
        project
    }

    fn apply(project: &mut Project, change: Edit) -> Result<Made, EditError> {
        let stamp = Stamp::new("t", "2026-01-01T00:00:00Z");
        edit::apply(project, &mut IdGenerator::deterministic(1), change, &stamp).map(|a| a.made)
    }

    #[test]
    fn renaming_changes_every_row_and_refuses_a_taken_name() {
        let mut project = project_with(&["meets", "meets", "phones"]);
        let rename = |label: &str| Edit::RenameRelationType {
            id: "meets".into(),
            label: label.to_owned(),
        };
        apply(&mut project, rename("holds talks with")).unwrap();
        let labels: Vec<_> = project
            .relations
            .iter()
            .map(|r| project.relation_type(&r.kind).unwrap().label.clone())
            .collect();
        assert_eq!(labels, ["holds talks with", "holds talks with", "phones"]);
        assert_eq!(
            apply(&mut project, rename("phones")),
            Err(EditError::Vocabulary(VocabularyError::LabelTaken(
                "phones".to_owned()
            )))
        );
    }

    #[test]
    fn merging_moves_rows_and_removes_the_type() {
        let mut project = project_with(&["phones", "meets", "phones"]);
        let before = project.vocabulary.len();
        let merge = |from: &str, into: &str| Edit::MergeRelationTypes {
            from: from.into(),
            into: into.into(),
        };
        apply(&mut project, merge("phones", "meets")).unwrap();
        assert!(project.relations.iter().all(|r| r.kind.as_str() == "meets"));
        assert_eq!(project.vocabulary.len(), before - 1);
        assert!(project.relation_type(&"phones".into()).is_none());
        assert_eq!(
            apply(&mut project, merge("meets", "meets")),
            Err(EditError::Vocabulary(VocabularyError::SelfMerge))
        );
    }

    #[test]
    fn added_types_get_unique_ids() {
        let mut project = Project::new("t");
        let add = |label: &str| Edit::AddRelationType {
            label: label.to_owned(),
            directed: true,
        };
        let id = apply(&mut project, add("Meets secretly")).unwrap();
        assert_eq!(id.relation_types[0].as_str(), "meets_secretly");
        let again = apply(&mut project, add("meets-secretly")).unwrap();
        assert_eq!(again.relation_types[0].as_str(), "meets_secretly_2");
        assert!(apply(&mut project, add("meets")).is_err());
    }
}
