//! A transaction: the one way an edit changes a project. Every change goes
//! through it as an `Op`, so an edit that fails half-way is rolled back
//! exactly, and one that succeeds leaves its undo behind.

use super::op::{ListOp, Op};
pub use crate::model::Item;
use crate::model::coded::Coded;
use crate::model::{ArticleId, Highlight, HighlightId, IdGenerator, Project, Stamp};

/// A change in progress. Drop it without `commit` and the project is as it was.
pub struct Tx<'p> {
    project: &'p mut Project,
    /// The inverse of each op applied, in order.
    log: Vec<Op>,
    stamp: Option<Stamp>,
    committed: bool,
    /// Where each article's highlights are and which ids are taken, as the
    /// project stood before this transaction, so a tag in a project of a
    /// million highlights need not walk them all; it stands until the
    /// transaction changes highlights other than by the ids it makes.
    index: Option<&'p Coded>,
    /// A highlight list change the index does not know of (not a new highlight of ours).
    highlights_moved: bool,
    /// Highlight ids this transaction made (a hash each).
    made_ids: std::collections::HashSet<u32>,
}

impl<'p> Tx<'p> {
    /// `stamp`: who made the change, put on every item it makes or changes
    /// (`None` brings items in with the stamps they carry).
    pub fn new(project: &'p mut Project, stamp: Option<Stamp>) -> Self {
        Self {
            project,
            log: Vec::new(),
            stamp,
            committed: false,
            index: None,
            highlights_moved: false,
            made_ids: std::collections::HashSet::new(),
        }
    }

    /// With `index` following `project` as it stands now (see the field).
    #[must_use]
    pub fn with_index(mut self, index: Option<&'p Coded>) -> Self {
        self.index = index;
        self
    }

    /// `article`'s highlights, through the index while it stands.
    pub fn highlights_in<'a>(
        &'a self,
        article: &'a ArticleId,
    ) -> Box<dyn Iterator<Item = &'a Highlight> + 'a> {
        match self
            .index
            .filter(|_| !self.highlights_moved && self.made_ids.is_empty())
        {
            Some(index) => Box::new(index.highlights_in(self.project, article)),
            None => Box::new(self.project.highlights_in(article)),
        }
    }

    /// A highlight id no highlight has, checked against the index while it stands.
    pub fn new_highlight_id(&mut self, ids: &mut IdGenerator) -> HighlightId {
        let id = match self.index.filter(|_| !self.highlights_moved) {
            Some(index) => {
                let made = &self.made_ids;
                HighlightId::new(ids.fresh(HighlightId::PREFIX, |id| {
                    index.may_hold_id(id) || made.contains(&crate::model::coded::id_hash(id))
                }))
            }
            None => self.project.new_highlight_id(ids),
        };
        self.made_ids
            .insert(crate::model::coded::id_hash(id.as_str()));
        id
    }

    /// Who makes this change (none when items come in with their own stamps).
    pub fn stamp(&self) -> Option<&Stamp> {
        self.stamp.as_ref()
    }

    pub fn project(&self) -> &Project {
        self.project
    }

    /// Keeps the change and hands back its undo log.
    pub fn commit(mut self) -> Vec<Op> {
        self.committed = true;
        std::mem::take(&mut self.log)
    }

    /// Runs `look` on the project as it was before this transaction, then
    /// puts the transaction's changes back (for the debug check of an edit).
    #[cfg(debug_assertions)]
    pub fn before<R>(&mut self, look: impl FnOnce(&Project) -> R) -> R {
        let mut redo = Vec::new();
        for op in std::mem::take(&mut self.log).into_iter().rev() {
            redo.push(op.apply(self.project));
        }
        let seen = look(self.project);
        for op in redo.into_iter().rev() {
            self.log.push(op.apply(self.project));
        }
        seen
    }

    pub fn apply(&mut self, op: Op) {
        let ours = match &op {
            // Adding a highlight with an id made here keeps the index true for the rest.
            Op::Highlights(ListOp::Insert(i, h)) => {
                *i == self.project.highlights.len()
                    && self
                        .made_ids
                        .contains(&crate::model::coded::id_hash(h.id.as_str()))
            }
            Op::Highlights(_) | Op::Whole(_) => false,
            _ => true,
        };
        self.highlights_moved |= !ours;
        let inverse = op.apply(self.project);
        self.log.push(inverse);
    }

    fn stamped<T: Item>(&self, mut item: T) -> T {
        item.line_breaks_to_lf();
        if let Some(stamp) = &self.stamp {
            item.set_stamp(Some(stamp.clone()));
        }
        item
    }

    /// The places of the items of a list for which `pick` is true (for `remove_many`).
    pub fn positions<T: Item>(&self, pick: impl Fn(&T) -> bool) -> Vec<usize> {
        T::list(self.project)
            .iter()
            .enumerate()
            .filter(|(_, x)| pick(x))
            .map(|(i, _)| i)
            .collect()
    }

    /// Adds `item` at the end of its list.
    pub fn push<T: Item>(&mut self, item: T) {
        let index = T::list(self.project).len();
        self.insert(index, item);
    }

    pub fn insert<T: Item>(&mut self, index: usize, item: T) {
        let item = self.stamped(item);
        let index = index.min(T::list(self.project).len());
        self.apply(T::op(ListOp::Insert(index, item)));
    }

    /// Puts `item` in place of the one at `index`; an item whose coding does
    /// not change is left alone (and keeps its stamp).
    pub fn replace<T: Item>(&mut self, index: usize, item: T) {
        let Some(old) = T::list(self.project).get(index) else {
            return;
        };
        if old.same_coding(&item) {
            if *old != item && self.stamp.is_none() {
                self.apply(T::op(ListOp::Replace(index, item)));
            }
            return;
        }
        let item = self.stamped(item);
        self.apply(T::op(ListOp::Replace(index, item)));
    }

    /// Changes the item at `index` with `change`.
    pub fn update<T: Item>(&mut self, index: usize, change: impl FnOnce(&mut T)) {
        if let Some(old) = T::list(self.project).get(index) {
            let mut item = old.clone();
            change(&mut item);
            self.replace(index, item);
        }
    }

    /// Changes every item for which `change` returns true, one pass.
    pub fn update_each<T: Item>(&mut self, mut change: impl FnMut(&mut T) -> bool) {
        let changed: Vec<(usize, T)> = T::list(self.project)
            .iter()
            .enumerate()
            .filter_map(|(i, x)| {
                let mut item = x.clone();
                change(&mut item).then_some((i, item))
            })
            .collect();
        for (index, item) in changed {
            self.replace(index, item);
        }
    }

    pub fn remove<T: Item>(&mut self, index: usize) {
        if index < T::list(self.project).len() {
            self.apply(T::op(ListOp::Remove(index)));
        }
    }

    /// Removes every item at `indices` in one pass over the list.
    pub fn remove_many<T: Item>(&mut self, mut indices: Vec<usize>) {
        let len = T::list(self.project).len();
        indices.sort_unstable();
        indices.dedup();
        indices.retain(|&i| i < len);
        match indices.len() {
            0 => {}
            1 => self.apply(T::op(ListOp::Remove(indices[0]))),
            _ => self.apply(T::op(ListOp::RemoveMany(indices))),
        }
    }
}

impl Drop for Tx<'_> {
    /// An edit that returns early with an error leaves nothing behind.
    fn drop(&mut self) {
        if !self.committed {
            for op in std::mem::take(&mut self.log).into_iter().rev() {
                // Undoing the partial edit: its own undo is not kept.
                let _ = op.apply(self.project);
            }
        }
    }
}
