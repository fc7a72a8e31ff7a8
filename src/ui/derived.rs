//! What a view derives from the project (rows of a table, highlights as
//! the reader shows them, a timeline), kept until what it derives from
//! changes: one small cache keyed by exactly that.

/// A value made from `K`, made again only when the key changes.
#[derive(Debug)]
pub struct Derived<K, V> {
    entry: Option<(K, V)>,
}

impl<K, V> Default for Derived<K, V> {
    fn default() -> Self {
        Self { entry: None }
    }
}

impl<K: PartialEq, V> Derived<K, V> {
    /// The value for `key`; `make` runs only when the key differs from the
    /// last one, and is given the last key and value (to reuse parts of it).
    pub fn get_or_make(&mut self, key: K, make: impl FnOnce(Option<(K, V)>) -> V) -> &mut V {
        let entry = match self.entry.take() {
            Some((old, value)) if old == key => (old, value),
            previous => {
                let value = make(previous);
                (key, value)
            }
        };
        &mut self.entry.insert(entry).1
    }

    /// The value last made, whatever it was made from.
    pub fn get(&self) -> Option<&V> {
        self.entry.as_ref().map(|(_, v)| v)
    }

    /// Forgets the value: the next `get_or_make` makes it again.
    pub fn clear(&mut self) {
        self.entry = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_again_only_when_the_key_changes() {
        let mut cache: Derived<u64, Vec<u64>> = Derived::default();
        let mut made = 0;
        for (key, expected) in [(1, 1), (1, 1), (2, 2), (2, 2), (1, 3)] {
            cache.get_or_make(key, |_| {
                made += 1;
                vec![key]
            });
            assert_eq!(made, expected);
        }
        // The last value is handed to `make`, to be reused.
        let reused = cache.get_or_make(5, |previous| previous.map(|(_, v)| v).unwrap_or_default());
        assert_eq!(reused, &vec![1]);
        cache.clear();
        assert!(cache.get().is_none());
    }
}
