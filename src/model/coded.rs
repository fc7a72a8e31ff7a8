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
    /// Half a hash of each highlight's id, to tell a fresh id without a walk
    /// (a hash shared by two ids only costs another try at a fresh one; half
    /// of one is 17 MB less at a million highlights, and a few more tries).
    ids: HashMap<u32, u32>,
}

/// The hash `Coded` keeps of a highlight id.
pub fn id_hash(id: &str) -> u32 {
    use std::hash::BuildHasher;
    let hash = foldhash::fast::FixedState::with_seed(0).hash_one(id);
    // The high half: foldhash mixes its last round into those bits.
    u32::try_from(hash >> 32).unwrap_or_default()
}

/// How many highlights have each half hash of an id.
fn id_hashes(highlights: &[Highlight]) -> HashMap<u32, u32> {
    let mut ids: HashMap<u32, u32> = HashMap::with_capacity(highlights.len());
    for highlight in highlights {
        *ids.entry(id_hash(highlight.id.as_str())).or_default() += 1;
    }
    ids
}

/// Each article's highlights (places in the list) and each actor's mentions.
fn places_and_mentions(
    highlights: &[Highlight],
) -> (HashMap<ArticleId, Vec<usize>>, HashMap<ActorId, usize>) {
    let mut by_article: HashMap<ArticleId, Vec<usize>> = HashMap::new();
    let mut mentions: HashMap<ActorId, usize> = HashMap::new();
    // An article's highlights mostly come one after another: its list is
    // kept at hand until another article's turns up.
    let mut run: Option<(&ArticleId, Vec<usize>)> = None;
    for (i, highlight) in highlights.iter().enumerate() {
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
    }
    if let Some((article, list)) = run {
        by_article.insert(article.clone(), list);
    }
    (by_article, mentions)
}

impl Coded {
    pub fn new(project: &Project) -> Self {
        let highlights = &project.highlights;
        // The ids' hashes and the rest are two walks over a list of millions
        // (1.8 s at 5.5 million highlights on one core): one on each core.
        let (ids, (by_article, mentions)) = if highlights.len() > 100_000 {
            std::thread::scope(|scope| {
                let ids = scope.spawn(|| id_hashes(highlights));
                let rest = places_and_mentions(highlights);
                let ids = ids
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                (ids, rest)
            })
        } else {
            (id_hashes(highlights), places_and_mentions(highlights))
        };
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
        self.ids.contains_key(&id_hash(id))
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
        *self.ids.entry(id_hash(highlight.id.as_str())).or_default() += 1;
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
        let key = id_hash(highlight.id.as_str());
        if let Some(n) = self.ids.get_mut(&key) {
            *n -= 1;
            if *n == 0 {
                self.ids.remove(&key);
            }
        }
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
    }
}
