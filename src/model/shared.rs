//! A list that copies itself only when written while someone else reads it.
//!
//! Saving and autosaving write a snapshot of the project on another thread.
//! With the project's lists behind `Shared`, taking that snapshot costs a
//! few reference counts instead of a copy of 50 MB of bodies and 100,000
//! highlights; a list is copied only if it is edited while the snapshot is
//! still being written.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared<T>(Arc<Vec<T>>);

impl<T> Default for Shared<T> {
    fn default() -> Self {
        Self(Arc::new(Vec::new()))
    }
}

impl<T: Clone> Shared<T> {
    /// A copy that shares nothing with this list, so that neither copies
    /// itself when the other is edited.
    #[must_use]
    pub fn detached(&self) -> Self {
        Self(Arc::new((*self.0).clone()))
    }
}

/// For `skip_serializing_if`: a list absent from the file when empty.
pub fn is_empty<T>(list: &Shared<T>) -> bool {
    list.0.is_empty()
}

impl<T> Deref for Shared<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.0
    }
}

impl<T: Clone> DerefMut for Shared<T> {
    fn deref_mut(&mut self) -> &mut Vec<T> {
        Arc::make_mut(&mut self.0)
    }
}

impl<T> From<Vec<T>> for Shared<T> {
    fn from(list: Vec<T>) -> Self {
        Self(Arc::new(list))
    }
}

impl<T> FromIterator<T> for Shared<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Self(Arc::new(iter.into_iter().collect()))
    }
}

impl<'a, T> IntoIterator for &'a Shared<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'a, T: Clone> IntoIterator for &'a mut Shared<T> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        Arc::make_mut(&mut self.0).iter_mut()
    }
}

impl<T: PartialEq> PartialEq<Vec<T>> for Shared<T> {
    fn eq(&self, other: &Vec<T>) -> bool {
        *self.0 == *other
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.as_slice().serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Shared<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::deserialize(deserializer).map(Self::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snapshot_is_not_changed_by_later_edits() {
        let mut list: Shared<u32> = vec![1, 2, 3].into();
        let snapshot = list.clone();
        assert!(
            Arc::ptr_eq(&list.0, &snapshot.0),
            "taking it copies nothing"
        );
        list.push(4);
        assert_eq!(snapshot, vec![1, 2, 3]);
        assert_eq!(list, vec![1, 2, 3, 4]);
    }
}
