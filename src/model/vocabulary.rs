//! The project's vocabulary of relation types.

use super::RelationTypeId;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

impl super::Project {
    /// Renames a relation type. Relations refer to it by id, so every row
    /// shows the new name at once.
    pub fn rename_relation_type(
        &mut self,
        id: &RelationTypeId,
        label: &str,
    ) -> Result<(), VocabularyError> {
        let label = label.trim();
        if self
            .vocabulary
            .iter()
            .any(|t| &t.id != id && t.label == label)
        {
            return Err(VocabularyError::LabelTaken(label.to_owned()));
        }
        let entry = self
            .vocabulary
            .iter_mut()
            .find(|t| &t.id == id)
            .ok_or_else(|| VocabularyError::Unknown(id.to_string()))?;
        label.clone_into(&mut entry.label);
        Ok(())
    }

    /// Moves every relation of type `from` to `into` and removes `from`.
    pub fn merge_relation_types(
        &mut self,
        from: &RelationTypeId,
        into: &RelationTypeId,
    ) -> Result<usize, VocabularyError> {
        if from == into {
            return Err(VocabularyError::SelfMerge);
        }
        for id in [from, into] {
            if self.relation_type(id).is_none() {
                return Err(VocabularyError::Unknown(id.to_string()));
            }
        }
        let mut moved = 0;
        for relation in &mut self.relations {
            if &relation.kind == from {
                relation.kind = into.clone();
                moved += 1;
            }
        }
        self.vocabulary.retain(|t| &t.id != from);
        Ok(moved)
    }

    /// Adds a relation type with an id made from its label.
    pub fn add_relation_type(
        &mut self,
        label: &str,
        directed: bool,
    ) -> Result<RelationTypeId, VocabularyError> {
        let label = label.trim();
        if self.vocabulary.iter().any(|t| t.label == label) {
            return Err(VocabularyError::LabelTaken(label.to_owned()));
        }
        let base: String = label
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
        while self.vocabulary.iter().any(|t| t.id.as_str() == id) {
            n += 1;
            id = format!("{base}_{n}");
        }
        let id = RelationTypeId::new(id);
        self.vocabulary.push(RelationType {
            id: id.clone(),
            label: label.to_owned(),
            directed,
            description: String::new(),
        });
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActorId, Project, Relation, RelationId};

    fn project_with(kinds: &[&str]) -> Project {
        let mut project = Project::new("t");
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

    #[test]
    fn renaming_changes_every_row_and_refuses_a_taken_name() {
        let mut project = project_with(&["meets", "meets", "phones"]);
        project
            .rename_relation_type(&"meets".into(), "holds talks with")
            .unwrap();
        let labels: Vec<_> = project
            .relations
            .iter()
            .map(|r| project.relation_type(&r.kind).unwrap().label.clone())
            .collect();
        assert_eq!(labels, ["holds talks with", "holds talks with", "phones"]);
        assert_eq!(
            project.rename_relation_type(&"meets".into(), "phones"),
            Err(VocabularyError::LabelTaken("phones".to_owned()))
        );
    }

    #[test]
    fn merging_moves_rows_and_removes_the_type() {
        let mut project = project_with(&["phones", "meets", "phones"]);
        let before = project.vocabulary.len();
        assert_eq!(
            project.merge_relation_types(&"phones".into(), &"meets".into()),
            Ok(2)
        );
        assert!(project.relations.iter().all(|r| r.kind.as_str() == "meets"));
        assert_eq!(project.vocabulary.len(), before - 1);
        assert!(project.relation_type(&"phones".into()).is_none());
        assert_eq!(
            project.merge_relation_types(&"meets".into(), &"meets".into()),
            Err(VocabularyError::SelfMerge)
        );
    }

    #[test]
    fn added_types_get_unique_ids() {
        let mut project = Project::new("t");
        let id = project.add_relation_type("Meets secretly", true).unwrap();
        assert_eq!(id.as_str(), "meets_secretly");
        let again = project.add_relation_type("meets-secretly", true).unwrap();
        assert_eq!(again.as_str(), "meets_secretly_2");
        assert!(project.add_relation_type("meets", false).is_err());
    }
}
