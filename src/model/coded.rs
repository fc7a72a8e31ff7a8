//! What is coded where: the highlights of each article, how many each
//! article has, and how often each actor is mentioned. Views read it every
//! frame instead of walking 100,000 highlights; an edit that adds, removes
//! or retags one highlight updates it in place.

use super::edit::{ListOp, Op};
use super::{ActorId, ArticleId, Highlight, Project, Tag};
// A fast hash: the index is made of a million highlights on every open.
use foldhash::{HashMap, HashMapExt};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coded {
    /// Places in `project.highlights` of each article's highlights, in list order.
    by_article: HashMap<ArticleId, Vec<usize>>,
    /// Highlights per article, in article order.
    pub per_article: Vec<usize>,
    /// Actor highlights per actor.
    pub mentions: HashMap<ActorId, usize>,
    /// Each article's place in `project.articles`.
    article_index: HashMap<ArticleId, usize>,
    /// Which ids are taken, to tell a fresh id without a walk.
    ids: IdFilter,
}

/// Counts of highlight ids by a hash of each (see `id_hash`): a slot at 0
/// means no highlight has an id with that hash. Two ids sharing a slot only
/// cost another try at a fresh id; a slot is never read as empty while a
/// highlight is counted in it (a count that reached 255 stays there).
///
/// A table of bytes, not a map, filled a region at a time (see
/// `from_hashes`): 5.5 million ids are counted in 32 MB, not 72, and in
/// tens of ms, not the 0.45 s of as many writes at random into a map.
#[derive(Debug, Clone, Default)]
struct IdFilter(Vec<u8>);

impl IdFilter {
    /// Room for `ids` at one slot in four taken (a fresh id's first try
    /// passes four times in five).
    fn with_room(ids: usize) -> Self {
        Self(vec![0; Self::size_for(ids)])
    }

    /// How many slots `with_room(ids)` has: a power of two.
    fn size_for(ids: usize) -> usize {
        ids.saturating_mul(4)
            .next_power_of_two()
            .clamp(1 << 12, 1 << 28)
    }

    fn slot(&self, hash: u32) -> usize {
        hash as usize & (self.0.len() - 1)
    }

    fn may_hold(&self, hash: u32) -> bool {
        !self.0.is_empty() && self.0[self.slot(hash)] > 0
    }

    fn add(&mut self, hash: u32) {
        if self.0.is_empty() {
            *self = Self::with_room(0);
        }
        let slot = self.slot(hash);
        self.0[slot] = self.0[slot].saturating_add(1);
    }

    fn remove(&mut self, hash: u32) {
        if self.0.is_empty() {
            return;
        }
        let slot = self.slot(hash);
        // At 255 the true count is not known: the slot stays taken.
        if let Some(n @ 1..=254) = self.0.get_mut(slot) {
            *n -= 1;
        }
    }

    /// How many regions `from_hashes` fills one after the other.
    const REGIONS: usize = 256;

    /// Which region of a table of `size` slots (a power of two) `hash` falls in.
    fn region(size: usize, hash: u32) -> usize {
        let shift = size
            .trailing_zeros()
            .saturating_sub(Self::REGIONS.trailing_zeros());
        (hash as usize & (size - 1)) >> shift
    }

    /// A table with room for `all` ids holding those whose hashes are
    /// sorted into regions (by `region`) in `parts`. Each region, an 256th
    /// of the table, is filled whole before the next: writes at random over
    /// the whole table cost a cache and a TLB miss each (0.4 s for 5.5
    /// million ids on this machine), within a region they stay in cache.
    fn from_hashes(all: usize, parts: &[Vec<Vec<u32>>]) -> Self {
        let mut ids = Self::with_room(all);
        for region in 0..Self::REGIONS {
            for part in parts {
                for &hash in part.get(region).into_iter().flatten() {
                    ids.add(hash);
                }
            }
        }
        ids
    }

    /// The counts as a table of `size` slots would hold them.
    fn folded(&self, size: usize) -> Vec<u8> {
        let mut folded = vec![0u8; size];
        for (slot, &n) in self.0.iter().enumerate() {
            let into = &mut folded[slot & (size - 1)];
            *into = into.saturating_add(n);
        }
        folded
    }
}

/// Equal when they count the same ids, whatever room each was made with (a
/// table followed through edits and one made anew for the same list).
impl PartialEq for IdFilter {
    fn eq(&self, other: &Self) -> bool {
        let size = self.0.len().min(other.0.len());
        if size == 0 {
            return self.0.iter().chain(&other.0).all(|&n| n == 0);
        }
        self.folded(size) == other.folded(size)
    }
}

impl Eq for IdFilter {}

/// The hash `Coded` keeps of a highlight id.
pub fn id_hash(id: &str) -> u32 {
    use std::hash::BuildHasher;
    let hash = foldhash::fast::FixedState::with_seed(0).hash_one(id);
    // The high half: foldhash mixes its last round into those bits.
    u32::try_from(hash >> 32).unwrap_or_default()
}

/// What `Coded` counts of one part of the list (its first highlight at
/// `offset`): each article's places, each actor's mentions, the ids.
struct Counted {
    by_article: HashMap<ArticleId, Vec<usize>>,
    mentions: HashMap<ActorId, usize>,
    /// The ids' hashes, by region of the table they go in (see `IdFilter::from_hashes`).
    ids: Vec<Vec<u32>>,
}

/// Counts `part`, the list's highlights from `offset` on, in an id table
/// with room for `all` ids.
fn count_part(part: &[Highlight], offset: usize, all: usize) -> Counted {
    let mut by_article: HashMap<ArticleId, Vec<usize>> = HashMap::new();
    let mut mentions: HashMap<ActorId, usize> = HashMap::new();
    let size = IdFilter::size_for(all);
    let mut ids = vec![Vec::new(); IdFilter::REGIONS];
    // An article's highlights mostly come one after another: its list is
    // kept at hand until another article's turns up.
    let mut run: Option<(&ArticleId, Vec<usize>)> = None;
    for (i, highlight) in part.iter().enumerate() {
        let i = offset + i;
        match &mut run {
            Some((article, list)) if **article == highlight.article => list.push(i),
            _ => {
                // The list held at hand is out of the map: it goes back whole.
                if let Some((article, list)) = run.take() {
                    by_article.insert(article.clone(), list);
                }
                let mut list = by_article.remove(&highlight.article).unwrap_or_default();
                list.push(i);
                run = Some((&highlight.article, list));
            }
        }
        if let Tag::Actor(actor) = &highlight.tag {
            match mentions.get_mut(actor) {
                Some(n) => *n += 1,
                None => {
                    mentions.insert(actor.clone(), 1);
                }
            }
        }
        let hash = id_hash(highlight.id.as_str());
        ids[IdFilter::region(size, hash)].push(hash);
    }
    if let Some((article, list)) = run {
        by_article.insert(article.clone(), list);
    }
    Counted {
        by_article,
        mentions,
        ids,
    }
}

impl Counted {
    /// `self` then `later` (the part of the list after it).
    fn then(mut self, later: Self) -> (Self, Vec<Vec<u32>>) {
        for (article, list) in later.by_article {
            self.by_article.entry(article).or_default().extend(list);
        }
        for (actor, n) in later.mentions {
            *self.mentions.entry(actor).or_default() += n;
        }
        (self, later.ids)
    }
}

impl Coded {
    pub fn new(project: &Project) -> Self {
        let highlights = &project.highlights;
        let all = highlights.len();
        // One walk over a list of millions, half of it on another core.
        let (
            Counted {
                by_article,
                mentions,
                ids,
            },
            later_ids,
        ) = if all > 100_000 {
            let (first, second) = highlights.split_at(all / 2);
            std::thread::scope(|scope| {
                let later = scope.spawn(|| count_part(second, first.len(), all));
                let counted = count_part(first, 0, all);
                let later = later
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                counted.then(later)
            })
        } else {
            (count_part(highlights, 0, all), Vec::new())
        };
        let ids = IdFilter::from_hashes(all, &[ids, later_ids]);
        let per_article = project
            .articles
            .iter()
            .map(|a| by_article.get(&a.id).map_or(0, Vec::len))
            .collect();
        let article_index = project
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        Self {
            by_article,
            per_article,
            mentions,
            article_index,
            ids,
        }
    }

    /// Whether a highlight may have `id` (false: none has).
    pub fn may_hold_id(&self, id: &str) -> bool {
        self.ids.may_hold(id_hash(id))
    }

    /// Follows a change to `project`, given the log that undoes it: one
    /// highlight added, removed or changed is counted in place; anything
    /// else is counted again.
    pub fn follow(&mut self, project: &Project, undo_log: &[Op]) {
        // An article changed in place (its title, date, notes) moves no
        // highlight: counting a million again cost 300 ms at 20,000 articles.
        let articles_changed = undo_log.iter().any(|op| match op {
            Op::Articles(ListOp::Replace(i, old)) => {
                project.articles.get(*i).is_none_or(|now| now.id != old.id)
            }
            Op::Articles(_) | Op::Whole(_) => true,
            _ => false,
        });
        if articles_changed || !self.follow_highlights(project, undo_log) {
            *self = Self::new(project);
        }
    }

    /// Replays the highlight ops of a change, forwards, on the counts; false
    /// where one added or removed a highlight other than the last (places
    /// after it shifted: count again).
    fn follow_highlights(&mut self, project: &Project, undo_log: &[Op]) -> bool {
        // Each op in the log undoes one step of the change, in order:
        // Remove(i) undoes adding the highlight now at i, Insert(i, h)
        // undoes removing h from i, Replace(i, old) undoes changing old.
        let ops: Vec<&ListOp<Highlight>> = undo_log
            .iter()
            .filter_map(|op| match op {
                Op::Highlights(op) => Some(op),
                _ => None,
            })
            .collect();
        let added = ops
            .iter()
            .filter(|op| matches!(op, ListOp::Remove(_)))
            .count();
        let removed = ops
            .iter()
            .filter(|op| matches!(op, ListOp::Insert(..)))
            .count();
        let Some(mut len) = (project.highlights.len() + removed).checked_sub(added) else {
            return false;
        };
        for op in ops {
            match op {
                ListOp::Remove(i) => {
                    let Some(highlight) = project.highlights.get(*i).filter(|_| *i == len) else {
                        return false;
                    };
                    if !self.count(highlight, *i) {
                        return false;
                    }
                    len += 1;
                }
                ListOp::Insert(i, gone) => {
                    if *i + 1 != len || !self.uncount(gone, *i) {
                        return false;
                    }
                    len -= 1;
                }
                ListOp::Replace(i, old) => {
                    let Some(new) = project.highlights.get(*i) else {
                        return false;
                    };
                    if !self.uncount(old, *i) || !self.count(new, *i) {
                        return false;
                    }
                    if let Some(list) = self.by_article.get_mut(&new.article) {
                        list.sort_unstable();
                    }
                }
                _ => return false,
            }
        }
        true
    }

    fn count(&mut self, highlight: &Highlight, at: usize) -> bool {
        let Some(slot) = self.article_index.get(&highlight.article).copied() else {
            return false;
        };
        self.by_article
            .entry(highlight.article.clone())
            .or_default()
            .push(at);
        self.per_article[slot] += 1;
        self.ids.add(id_hash(highlight.id.as_str()));
        if let Tag::Actor(actor) = &highlight.tag {
            *self.mentions.entry(actor.clone()).or_default() += 1;
        }
        true
    }

    fn uncount(&mut self, highlight: &Highlight, at: usize) -> bool {
        let Some(slot) = self.article_index.get(&highlight.article).copied() else {
            return false;
        };
        let Some(list) = self.by_article.get_mut(&highlight.article) else {
            return false;
        };
        let Some(place) = list.iter().rposition(|&i| i == at) else {
            return false;
        };
        list.remove(place);
        if list.is_empty() {
            self.by_article.remove(&highlight.article);
        }
        self.per_article[slot] = self.per_article[slot].saturating_sub(1);
        self.ids.remove(id_hash(highlight.id.as_str()));
        if let Tag::Actor(actor) = &highlight.tag
            && let Some(n) = self.mentions.get_mut(actor)
        {
            *n -= 1;
            if *n == 0 {
                self.mentions.remove(actor);
            }
        }
        true
    }

    /// The places in `project.highlights` of `article`'s highlights.
    pub fn in_article(&self, article: &ArticleId) -> &[usize] {
        self.by_article.get(article).map_or(&[], Vec::as_slice)
    }

    /// `article`'s highlights in `project` (the project these counts follow),
    /// without a walk over every highlight.
    pub fn highlights_in<'p>(
        &self,
        project: &'p Project,
        article: &ArticleId,
    ) -> impl Iterator<Item = &'p Highlight> + use<'p, '_> {
        self.in_article(article)
            .iter()
            .filter_map(|&i| project.highlights.get(i))
    }

    pub fn mentions_of(&self, actor: &ActorId) -> usize {
        self.mentions.get(actor).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sample;

    #[test]
    fn counts_agree_with_a_walk_over_the_highlights() {
        let project = sample();
        let coded = Coded::new(&project);
        assert_eq!(coded.per_article.len(), project.articles.len());
        for (place, article) in project.articles.iter().enumerate() {
            let walked: Vec<_> = project
                .highlights
                .iter()
                .enumerate()
                .filter(|(_, h)| h.article == article.id)
                .map(|(i, _)| i)
                .collect();
            assert_eq!(coded.in_article(&article.id), walked.as_slice());
            assert_eq!(coded.per_article[place], walked.len());
        }
        let qatar = project.actors.iter().find(|a| a.name == "قطر").unwrap();
        let walked = project
            .highlights
            .iter()
            .filter(|h| h.tag == Tag::Actor(qatar.id.clone()))
            .count();
        assert_eq!(coded.mentions_of(&qatar.id), walked);
        assert!(walked > 0);
        for h in &project.highlights {
            assert!(coded.may_hold_id(h.id.as_str()));
        }
    }

    #[test]
    fn an_id_counted_is_never_taken_for_fresh_and_one_removed_is_free_again() {
        let mut ids = IdFilter::with_room(10);
        let hashes: Vec<u32> = (0..5000).map(|n| id_hash(&format!("hl-{n}"))).collect();
        for &h in &hashes {
            ids.add(h);
        }
        assert!(hashes.iter().all(|&h| ids.may_hold(h)));
        // Counts past 255 in one slot saturate; the slot stays taken through any removal.
        let crowded = hashes[0];
        for _ in 0..300 {
            ids.add(crowded);
        }
        for _ in 0..400 {
            ids.remove(crowded);
        }
        assert!(ids.may_hold(crowded));
        let mut alone = IdFilter::with_room(10);
        alone.add(hashes[1]);
        alone.remove(hashes[1]);
        assert!(!alone.may_hold(hashes[1]));
        // Made with other room, the same ids are the same counts.
        let mut roomy = IdFilter::with_room(100_000);
        let mut tight = IdFilter::with_room(0);
        for &h in &hashes[..100] {
            roomy.add(h);
            tight.add(h);
        }
        assert_eq!(roomy, tight);
        tight.add(hashes[200]);
        assert_ne!(roomy, tight);
        assert_eq!(IdFilter::default(), IdFilter::with_room(5));
        assert!(!IdFilter::default().may_hold(hashes[0]));
    }
}
