//! The smallest changes a project undergoes. Applying one returns its inverse,
//! so an edit's undo is the list of inverses of what it did — memory and time
//! in proportion to the change, never to the project.

use crate::model::{
    Actor, Article, Claim, Concept, Highlight, Project, Rejection, Relation, RelationType,
};

/// A change to one list of the project.
#[derive(Debug, Clone, PartialEq)]
pub enum ListOp<T> {
    Insert(usize, T),
    Remove(usize),
    Replace(usize, T),
    /// Items with their places in the list as it is after the insertion, ascending.
    InsertMany(Vec<(usize, T)>),
    /// Places in the list as it is, ascending and distinct.
    RemoveMany(Vec<usize>),
}

impl<T> ListOp<T> {
    /// Carries the change out on `list` and returns the change that undoes it.
    ///
    /// Ops come only from a `Tx` (which checks each index against the list) or
    /// from undoing one, so an index out of range is a bug; it is ignored
    /// rather than allowed to take the analyst's window down.
    fn apply(self, list: &mut Vec<T>) -> Self {
        match self {
            Self::Insert(index, item) => {
                let index = index.min(list.len());
                list.insert(index, item);
                Self::Remove(index)
            }
            Self::Remove(index) if index < list.len() => Self::Insert(index, list.remove(index)),
            Self::Replace(index, item) if index < list.len() => {
                Self::Replace(index, std::mem::replace(&mut list[index], item))
            }
            Self::Remove(_) | Self::Replace(..) => Self::RemoveMany(Vec::new()),
            Self::RemoveMany(indices) => {
                // One pass over the list, however many go: deleting an actor's
                // thousand mentions must not shift 100,000 highlights a thousand times.
                let mut removed = Vec::with_capacity(indices.len());
                let mut kept = Vec::with_capacity(list.len().saturating_sub(indices.len()));
                let mut next = indices.iter().peekable();
                for (i, item) in std::mem::take(list).into_iter().enumerate() {
                    if next.peek().is_some_and(|&&n| n == i) {
                        next.next();
                        removed.push((i, item));
                    } else {
                        kept.push(item);
                    }
                }
                *list = kept;
                Self::InsertMany(removed)
            }
            Self::InsertMany(items) => {
                let total = list.len() + items.len();
                let mut merged = Vec::with_capacity(total);
                let mut indices = Vec::with_capacity(items.len());
                let mut old = std::mem::take(list).into_iter();
                let mut new = items.into_iter().peekable();
                for position in 0..total {
                    match new.next_if(|(i, _)| *i == position) {
                        Some((i, item)) => {
                            indices.push(i);
                            merged.push(item);
                        }
                        None => match old.next() {
                            Some(item) => merged.push(item),
                            None => break,
                        },
                    }
                }
                // Items whose places lay past the end (never made by a Tx) go last.
                for (_, item) in new {
                    indices.push(merged.len());
                    merged.push(item);
                }
                *list = merged;
                Self::RemoveMany(indices)
            }
        }
    }
}

/// Which parts of the project a change touched, so that what is derived from
/// the others (the relation index, the network…) is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "one flag per part of the project, each set on its own"
)]
pub struct Touched {
    /// Title and description.
    pub meta: bool,
    pub actors: bool,
    pub claims: bool,
    pub highlights: bool,
    /// Highlights already there were changed or moved, not only one added
    /// or taken away at a time (what the relations table's quotes depend on).
    pub highlight_text: bool,
    pub relations: bool,
    pub articles: bool,
    pub vocabulary: bool,
    pub rejections: bool,
}

impl Touched {
    pub const ALL: Self = Self {
        meta: true,
        actors: true,
        claims: true,
        highlights: true,
        highlight_text: true,
        relations: true,
        articles: true,
        vocabulary: true,
        rejections: true,
    };
}

impl std::ops::BitOrAssign for Touched {
    fn bitor_assign(&mut self, other: Self) {
        self.meta |= other.meta;
        self.actors |= other.actors;
        self.claims |= other.claims;
        self.highlights |= other.highlights;
        self.highlight_text |= other.highlight_text;
        self.relations |= other.relations;
        self.articles |= other.articles;
        self.vocabulary |= other.vocabulary;
        self.rejections |= other.rejections;
    }
}

/// One elementary change to a project.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Title(String),
    Description(String),
    Actors(ListOp<Actor>),
    Concepts(ListOp<Concept>),
    Claims(ListOp<Claim>),
    Highlights(ListOp<Highlight>),
    Relations(ListOp<Relation>),
    Articles(ListOp<Article>),
    Vocabulary(ListOp<RelationType>),
    Rejections(ListOp<Rejection>),
    /// The whole project replaced (a restored recovery copy, a colleague's merge).
    Whole(Box<Project>),
}

impl Op {
    /// Carries the change out and returns the change that undoes it.
    #[must_use = "the change that undoes it goes on the undo stack"]
    pub fn apply(self, project: &mut Project) -> Self {
        match self {
            Self::Title(title) => Self::Title(std::mem::replace(&mut project.title, title)),
            Self::Description(text) => {
                Self::Description(std::mem::replace(&mut project.description, text))
            }
            Self::Actors(op) => Self::Actors(op.apply(&mut project.actors)),
            Self::Concepts(op) => Self::Concepts(op.apply(&mut project.concepts)),
            Self::Claims(op) => Self::Claims(op.apply(&mut project.claims)),
            Self::Highlights(op) => Self::Highlights(op.apply(&mut project.highlights)),
            Self::Relations(op) => Self::Relations(op.apply(&mut project.relations)),
            Self::Articles(op) => Self::Articles(op.apply(&mut project.articles)),
            Self::Vocabulary(op) => Self::Vocabulary(op.apply(&mut project.vocabulary)),
            Self::Rejections(op) => Self::Rejections(op.apply(&mut project.rejections)),
            Self::Whole(other) => Self::Whole(Box::new(std::mem::replace(project, *other))),
        }
    }

    pub fn touched(&self) -> Touched {
        let mut touched = Touched::default();
        match self {
            Self::Title(_) | Self::Description(_) => touched.meta = true,
            Self::Actors(_) => touched.actors = true,
            // What shows a claim shows its concept's words.
            Self::Claims(_) | Self::Concepts(_) => touched.claims = true,
            Self::Highlights(op) => {
                touched.highlights = true;
                // A single highlight added or removed leaves the others' text
                // alone; when a cited one goes, its relations change with it.
                touched.highlight_text = !matches!(op, ListOp::Insert(..) | ListOp::Remove(_));
            }
            Self::Relations(_) => touched.relations = true,
            Self::Articles(_) => touched.articles = true,
            Self::Vocabulary(_) => touched.vocabulary = true,
            Self::Rejections(_) => touched.rejections = true,
            Self::Whole(_) => touched = Touched::ALL,
        }
        touched
    }
}

/// Applies a log of inverses (as a `Tx` or an earlier `undo` made it) in
/// reverse order, returning the log that takes the project back again.
pub fn undo(project: &mut Project, log: Vec<Op>) -> Vec<Op> {
    log.into_iter().rev().map(|op| op.apply(project)).collect()
}

/// What a log touches.
pub fn touched(log: &[Op]) -> Touched {
    let mut all = Touched::default();
    for op in log {
        all |= op.touched();
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_op_is_undone_by_its_inverse() {
        let start: Vec<u32> = (0..10).collect();
        let ops = [
            ListOp::Insert(3, 99),
            ListOp::Insert(10, 98),
            ListOp::Remove(0),
            ListOp::Remove(9),
            ListOp::Replace(4, 77),
            ListOp::RemoveMany(vec![0, 2, 3, 9]),
            ListOp::InsertMany(vec![(0, 50), (5, 51), (13, 52)]),
        ];
        for op in ops {
            let mut list = start.clone();
            let inverse = op.clone().apply(&mut list);
            assert_ne!(list, start, "{op:?} changed nothing");
            let again = inverse.apply(&mut list);
            assert_eq!(list, start, "{op:?} was not undone");
            again.apply(&mut list);
            let mut direct = start.clone();
            op.apply(&mut direct);
            assert_eq!(list, direct, "redo differs from doing");
        }
    }

    #[test]
    fn remove_many_takes_exactly_the_places_named() {
        let mut list: Vec<u32> = (0..6).collect();
        let inverse = ListOp::RemoveMany(vec![1, 4]).apply(&mut list);
        assert_eq!(list, [0, 2, 3, 5]);
        assert_eq!(inverse, ListOp::InsertMany(vec![(1, 1), (4, 4)]));
    }
}
