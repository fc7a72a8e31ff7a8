//! The lists of a project, spoken of alike: every item has an id, a few words
//! a person recognises it by, a stamp of who changed it last, and a list it
//! lives in. The edit path, the merges, curation and the importers all use
//! this one trait and this one `ItemKind`.

use super::edit::{ListOp, Op};
use super::{
    Actor, Article, Attributed, Claim, Concept, Highlight, Project, Relation, RelationType, Stamp,
};

/// Which list of a project an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemKind {
    /// The project's title (id `title`) or description (id `description`).
    ProjectInfo,
    RelationType,
    Article,
    Actor,
    Concept,
    Claim,
    Highlight,
    Relation,
    /// A suggestion turned down.
    Rejection,
}

impl ItemKind {
    pub const ALL: [Self; 9] = [
        Self::ProjectInfo,
        Self::RelationType,
        Self::Article,
        Self::Actor,
        Self::Concept,
        Self::Claim,
        Self::Highlight,
        Self::Relation,
        Self::Rejection,
    ];

    /// The word the user reads (and the project file keeps for a conflict).
    pub fn label(self) -> &'static str {
        match self {
            Self::ProjectInfo => "project",
            Self::RelationType => "relation type",
            Self::Article => "article",
            Self::Actor => "actor",
            Self::Concept => "concept",
            Self::Claim => "claim",
            Self::Highlight => "highlight",
            Self::Relation => "relation",
            Self::Rejection => "rejected suggestion",
        }
    }

    pub fn from_label(label: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.label() == label)
    }
}

impl std::fmt::Display for ItemKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// An item of one of the project's lists.
pub trait Item:
    Clone + PartialEq + serde::Serialize + serde::de::DeserializeOwned + std::fmt::Debug
{
    const KIND: ItemKind;
    fn list(project: &Project) -> &Vec<Self>;
    fn list_mut(project: &mut Project) -> &mut Vec<Self>;
    /// How the edit path records a change to this list.
    fn op(op: ListOp<Self>) -> Op;
    fn id(&self) -> &str;
    fn set_id(&mut self, id: String);
    /// A few words a person recognises the item by.
    fn label(&self) -> String;
    fn stamp(&self) -> Option<&Stamp>;
    /// Marks the item as made or changed by someone (items that carry no stamp ignore it).
    fn set_stamp(&mut self, stamp: Option<Stamp>);
    /// Equal apart from who stamped it last: the same coding.
    fn same_coding(&self, other: &Self) -> bool;
    /// Makes the item's line breaks LF (what a project holds; see `Project::line_breaks_to_lf`).
    fn line_breaks_to_lf(&mut self);
}

macro_rules! stamped_item {
    ($t:ty, $kind:ident, $list:ident, $variant:ident, $label:expr, $lf:expr) => {
        impl Item for $t {
            const KIND: ItemKind = ItemKind::$kind;
            fn list(project: &Project) -> &Vec<Self> {
                &project.$list
            }
            fn list_mut(project: &mut Project) -> &mut Vec<Self> {
                &mut project.$list
            }
            fn op(op: ListOp<Self>) -> Op {
                Op::$variant(op)
            }
            fn id(&self) -> &str {
                self.id.as_str()
            }
            fn set_id(&mut self, id: String) {
                self.id.0 = id.into();
            }
            fn label(&self) -> String {
                $label(self)
            }
            fn stamp(&self) -> Option<&Stamp> {
                Attributed::stamp(self)
            }
            fn set_stamp(&mut self, stamp: Option<Stamp>) {
                Attributed::set_stamp(self, stamp);
            }
            fn same_coding(&self, other: &Self) -> bool {
                Attributed::same_coding(self, other)
            }
            fn line_breaks_to_lf(&mut self) {
                $lf(self);
            }
        }
    };
}

stamped_item!(
    Actor,
    Actor,
    actors,
    Actors,
    |a: &Actor| a.name.clone(),
    |a: &mut Actor| a.line_breaks_to_lf()
);
stamped_item!(
    Concept,
    Concept,
    concepts,
    Concepts,
    |c: &Concept| c.text.clone(),
    |c: &mut Concept| c.line_breaks_to_lf()
);
stamped_item!(
    Claim,
    Claim,
    claims,
    Claims,
    |c: &Claim| format!(
        "{} {:?} {}",
        c.speaker.as_ref().map_or("?", |s| s.as_str()),
        c.stance,
        c.concept
    ),
    |c: &mut Claim| c.line_breaks_to_lf()
);
// A quote is its body's text, which is LF already.
stamped_item!(
    Highlight,
    Highlight,
    highlights,
    Highlights,
    |h: &Highlight| format!("«{}»", h.quote),
    |_: &mut Highlight| 0
);
stamped_item!(
    Relation,
    Relation,
    relations,
    Relations,
    |r: &Relation| format!("{} {} {}", r.source, r.kind, r.target),
    |r: &mut Relation| r.line_breaks_to_lf()
);
impl Item for crate::model::Rejection {
    const KIND: ItemKind = ItemKind::Rejection;
    fn list(project: &Project) -> &Vec<Self> {
        &project.rejections
    }
    fn list_mut(project: &mut Project) -> &mut Vec<Self> {
        &mut project.rejections
    }
    fn op(op: ListOp<Self>) -> Op {
        Op::Rejections(op)
    }
    fn id(&self) -> &str {
        &self.id
    }
    // Its id is made from what it says, never given.
    fn set_id(&mut self, _: String) {}
    fn label(&self) -> String {
        let what = if self.actor.is_empty() {
            format!("new actor «{}»", self.name)
        } else {
            self.actor.to_string()
        };
        format!(
            "{what} at {}–{} of {}",
            self.span.start, self.span.end, self.article
        )
    }
    fn stamp(&self) -> Option<&Stamp> {
        Attributed::stamp(self)
    }
    fn set_stamp(&mut self, stamp: Option<Stamp>) {
        Attributed::set_stamp(self, stamp);
    }
    fn same_coding(&self, other: &Self) -> bool {
        Attributed::same_coding(self, other)
    }
    fn line_breaks_to_lf(&mut self) {}
}

stamped_item!(
    Article,
    Article,
    articles,
    Articles,
    |a: &Article| a.title.clone(),
    |a: &mut Article| a.line_breaks_to_lf()
);

impl Item for RelationType {
    const KIND: ItemKind = ItemKind::RelationType;
    fn list(project: &Project) -> &Vec<Self> {
        &project.vocabulary
    }
    fn list_mut(project: &mut Project) -> &mut Vec<Self> {
        &mut project.vocabulary
    }
    fn op(op: ListOp<Self>) -> Op {
        Op::Vocabulary(op)
    }
    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn set_id(&mut self, id: String) {
        self.id.0 = id.into();
    }
    fn label(&self) -> String {
        self.label.clone()
    }
    fn stamp(&self) -> Option<&Stamp> {
        None
    }
    fn set_stamp(&mut self, _: Option<Stamp>) {}
    fn same_coding(&self, other: &Self) -> bool {
        self == other
    }
    fn line_breaks_to_lf(&mut self) {
        RelationType::line_breaks_to_lf(self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_label() {
        for kind in ItemKind::ALL {
            assert_eq!(ItemKind::from_label(kind.label()), Some(kind));
        }
    }
}
