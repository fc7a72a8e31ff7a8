//! What is coded where, counted once per change of the highlights: the
//! highlights of each article, how many each article has, and how often each
//! actor is mentioned. Views read it every frame instead of walking 100,000
//! highlights per frame.

use super::{ActorId, ArticleId, Project, Tag};
use std::collections::HashMap;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coded {
    /// Places in `project.highlights` of each article's highlights, in list order.
    by_article: HashMap<ArticleId, Vec<usize>>,
    /// Highlights per article, in article order.
    pub per_article: Vec<usize>,
    /// Actor highlights per actor.
    pub mentions: HashMap<ActorId, usize>,
}

impl Coded {
    pub fn new(project: &Project) -> Self {
        let mut by_article: HashMap<ArticleId, Vec<usize>> = HashMap::new();
        let mut mentions: HashMap<ActorId, usize> = HashMap::new();
        for (i, highlight) in project.highlights.iter().enumerate() {
            match by_article.get_mut(&highlight.article) {
                Some(list) => list.push(i),
                None => {
                    by_article.insert(highlight.article.clone(), vec![i]);
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
        let per_article = project
            .articles
            .iter()
            .map(|a| by_article.get(&a.id).map_or(0, Vec::len))
            .collect();
        Self {
            by_article,
            per_article,
            mentions,
        }
    }

    /// The places in `project.highlights` of `article`'s highlights.
    pub fn in_article(&self, article: &ArticleId) -> &[usize] {
        self.by_article.get(article).map_or(&[], Vec::as_slice)
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
        assert_eq!(coded.per_article, project.highlight_counts());
        for article in project.articles.iter() {
            let walked: Vec<_> = project
                .highlights
                .iter()
                .enumerate()
                .filter(|(_, h)| h.article == article.id)
                .map(|(i, _)| i)
                .collect();
            assert_eq!(coded.in_article(&article.id), walked.as_slice());
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
