//! The one way the window keeps what it derives from the project: a value
//! with the key it was made from (the revisions of what it reads), made
//! again only when the key changes.

#[derive(Debug)]
pub struct Cached<K, V> {
    made: Option<(K, V)>,
}

impl<K, V> Default for Cached<K, V> {
    fn default() -> Self {
        Self { made: None }
    }
}

impl<K: PartialEq, V> Cached<K, V> {
    /// The value for `key`, made by `make` if the one kept is for another key.
    pub fn get(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V {
        if self
            .made
            .as_ref()
            .is_none_or(|(made_for, _)| *made_for != key)
        {
            self.made = None;
        }
        &mut self.made.get_or_insert_with(|| (key, make())).1
    }

    /// The value kept, whatever its key.
    pub fn peek(&self) -> Option<&V> {
        self.made.as_ref().map(|(_, v)| v)
    }

    pub fn clear(&mut self) {
        self.made = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_again_only_for_a_new_key() {
        let mut cache = Cached::default();
        let mut made = 0;
        for key in [1, 1, 2, 2, 1] {
            cache.get(key, || {
                made += 1;
                key * 10
            });
        }
        assert_eq!(made, 3);
        assert_eq!(cache.peek(), Some(&10));
    }
}
