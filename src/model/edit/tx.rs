//! A transaction: the one way an edit changes a project. Every change goes
//! through it as an `Op`, so an edit that fails half-way is rolled back
//! exactly, and one that succeeds leaves its undo behind.

use super::op::{ListOp, Op};
pub use crate::model::Item;
use crate::model::{Project, Stamp};

/// A change in progress. Drop it without `commit` and the project is as it was.
pub struct Tx<'p> {
    project: &'p mut Project,
    /// The inverse of each op applied, in order.
    log: Vec<Op>,
    stamp: Option<Stamp>,
    committed: bool,
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
        }
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
