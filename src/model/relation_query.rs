//! Filtering and sorting the relations table, apart from any UI so that it
//! can be tested and measured: 20,000 relations filter in a few milliseconds.

use super::{ActorId, ActorKind, ArticleId, Date, Project, RelationTypeId, arabic};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Column {
    Source,
    #[default]
    Kind,
    Target,
    Date,
    Article,
    /// How many reports the relation cites.
    Sources,
    Evidence,
    Note,
}

impl Column {
    pub const ALL: [Self; 8] = [
        Self::Source,
        Self::Kind,
        Self::Target,
        Self::Date,
        Self::Article,
        Self::Sources,
        Self::Evidence,
        Self::Note,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Self::Source => "Source",
            Self::Kind => "Relation",
            Self::Target => "Target",
            Self::Date => "Date",
            Self::Article => "Article",
            Self::Sources => "Sources",
            Self::Evidence => "Evidence",
            Self::Note => "Note",
        }
    }
}

/// What the table shows: a filter and a sort order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RelationQuery {
    /// Free text, matched Arabic-aware against every column.
    pub text: String,
    pub actor: Option<ActorId>,
    /// Relations with an actor of this kind at either end.
    pub actor_kind: Option<ActorKind>,
    pub kind: Option<RelationTypeId>,
    pub article: Option<ArticleId>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub sort: Option<(Column, bool)>,
}

/// The folded text of every cell, made once per project revision: each
/// actor, type, article title and quote is folded once, however many rows
/// show it; only notes and dates are per row.
#[derive(Debug, Default)]
pub struct RelationIndex {
    actors: HashMap<ActorId, String>,
    actor_kinds: HashMap<ActorId, ActorKind>,
    kinds: HashMap<RelationTypeId, String>,
    articles: HashMap<ArticleId, String>,
    /// Each cited highlight's quote, as written and folded.
    quotes: HashMap<super::HighlightId, (String, String)>,
    /// Per relation citing several articles: their folded titles, and their folded quotes.
    several: HashMap<usize, (String, String)>,
    notes: Vec<String>,
    dates: Vec<String>,
}

impl RelationIndex {
    pub fn new(project: &Project) -> Self {
        let cited: std::collections::HashSet<&super::HighlightId> = project
            .relations
            .iter()
            .flat_map(super::Relation::evidence)
            .collect();
        let quotes: HashMap<&super::HighlightId, &str> = project
            .highlights
            .iter()
            .filter(|h| cited.contains(&h.id))
            .map(|h| (&h.id, h.quote.as_str()))
            .collect();
        Self::build(project, |_, id| quotes.get(id).copied())
    }

    /// The same, finding each evidence among its own article's highlights
    /// instead of walking every highlight of the project.
    pub fn with_coded(project: &Project, coded: &super::coded::Coded) -> Self {
        Self::build(project, |article, id| {
            coded
                .in_article(article)
                .iter()
                .filter_map(|&i| project.highlights.get(i))
                .find(|h| &h.id == id)
                .map(|h| h.quote.as_str())
        })
    }

    fn build<'p>(
        project: &'p Project,
        quote_of: impl Fn(&ArticleId, &super::HighlightId) -> Option<&'p str>,
    ) -> Self {
        let actors = project
            .actors
            .iter()
            .map(|a| {
                let mut text = a.names().collect::<Vec<_>>().join(" ");
                text.push(' ');
                text.push_str(&a.gloss);
                (a.id.clone(), arabic::fold(&text))
            })
            .collect();
        let kinds = project
            .vocabulary
            .iter()
            .map(|t| (t.id.clone(), arabic::fold(&t.label)))
            .collect();
        let articles = project
            .articles
            .iter()
            .map(|a| (a.id.clone(), arabic::fold(&a.title)))
            .collect();
        let actor_kinds = project
            .actors
            .iter()
            .map(|a| (a.id.clone(), a.kind))
            .collect();
        // Each cited quote once, raw and folded; a relation names its evidence by id.
        let mut quotes: HashMap<super::HighlightId, (String, String)> = HashMap::new();
        for source in project.relations.iter().flat_map(|r| r.sources.iter()) {
            if let Some(id) = &source.evidence
                && !quotes.contains_key(id)
                && let Some(quote) = quote_of(&source.article, id)
            {
                quotes.insert(id.clone(), (quote.to_owned(), arabic::fold(quote)));
            }
        }
        let titles: HashMap<&ArticleId, &str> = project
            .articles
            .iter()
            .map(|a| (&a.id, a.title.as_str()))
            .collect();
        let several = project
            .relations
            .iter()
            .enumerate()
            .filter(|(_, r)| r.sources.len() > 1)
            .map(|(i, r)| {
                let titles: Vec<&str> = r
                    .articles()
                    .filter_map(|a| titles.get(a).copied())
                    .collect();
                let quotes: Vec<&str> = r
                    .evidence()
                    .filter_map(|h| quotes.get(h).map(|(raw, _)| raw.as_str()))
                    .collect();
                (
                    i,
                    (
                        arabic::fold(&titles.join(" | ")),
                        arabic::fold(&quotes.join(" | ")),
                    ),
                )
            })
            .collect();
        let notes = project
            .relations
            .iter()
            .map(|r| arabic::fold(&r.note))
            .collect();
        let dates = project
            .relations
            .iter()
            .map(|r| r.date.map(|d| d.to_string()).unwrap_or_default())
            .collect();
        Self {
            actors,
            actor_kinds,
            kinds,
            articles,
            quotes,
            several,
            notes,
            dates,
        }
    }

    /// The quote of the relation's evidence as written (not folded), without a search through every highlight.
    pub fn evidence_quote(&self, relation: &super::Relation) -> Option<&str> {
        self.quotes
            .get(relation.first_evidence()?)
            .map(|(raw, _)| raw.as_str())
    }

    /// The folded text of one cell of relation `i`.
    fn cell<'a>(&'a self, project: &Project, i: usize, column: Column) -> &'a str {
        let r = &project.relations[i];
        let lookup = |found: Option<&'a String>| found.map_or("", String::as_str);
        match column {
            Column::Source => lookup(self.actors.get(&r.source)),
            Column::Kind => lookup(self.kinds.get(&r.kind)),
            Column::Target => lookup(self.actors.get(&r.target)),
            Column::Date => self.dates.get(i).map_or("", String::as_str),
            Column::Article | Column::Evidence if r.sources.len() > 1 => {
                let (titles, quotes) = &self.several[&i];
                if column == Column::Article {
                    titles
                } else {
                    quotes
                }
            }
            Column::Article => lookup(r.first_article().and_then(|a| self.articles.get(a))),
            Column::Evidence => lookup(
                r.first_evidence()
                    .and_then(|e| self.quotes.get(e))
                    .map(|(_, q)| q),
            ),
            Column::Note => self.notes.get(i).map_or("", String::as_str),
            // A count, not text to search; sorted by number.
            Column::Sources => "",
        }
    }

    /// The indices of the relations to show, in order.
    pub fn run(&self, project: &Project, query: &RelationQuery) -> Vec<usize> {
        let needle = arabic::fold(query.text.trim());
        let mut shown: Vec<usize> = project
            .relations
            .iter()
            .enumerate()
            .filter(|(i, r)| {
                query
                    .actor
                    .as_ref()
                    .is_none_or(|a| &r.source == a || &r.target == a)
                    && query.actor_kind.is_none_or(|kind| {
                        [&r.source, &r.target]
                            .iter()
                            .any(|a| self.actor_kinds.get(*a) == Some(&kind))
                    })
                    && query.kind.as_ref().is_none_or(|k| &r.kind == k)
                    && query.article.as_ref().is_none_or(|a| r.cites(a))
                    // A date is a stretch of days (a day, a month, a year): it passes
                    // if it overlaps the range at all.
                    && query.from.is_none_or(|from| {
                        r.date
                            .is_some_and(|d| d.day_range().1 > from.day_range().0)
                    })
                    && query
                        .to
                        .is_none_or(|to| r.date.is_some_and(|d| d.day_range().0 < to.day_range().1))
                    && (needle.is_empty()
                        || Column::ALL
                            .iter()
                            .any(|&c| self.cell(project, *i, c).contains(&needle)))
            })
            .map(|(i, _)| i)
            .collect();
        if let Some((column, ascending)) = query.sort {
            // Look every key up once, not twice per comparison.
            let mut keyed: Vec<(Option<Date>, usize, &str, usize)> = shown
                .iter()
                .map(|&i| match column {
                    Column::Date => (project.relations[i].date, 0, "", i),
                    Column::Sources => (None, project.relations[i].sources.len(), "", i),
                    _ => (None, 0, self.cell(project, i, column), i),
                })
                .collect();
            keyed.sort_by(|a, b| {
                let order = a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then_with(|| a.2.cmp(b.2));
                let order = if ascending { order } else { order.reverse() };
                order.then(a.3.cmp(&b.3))
            });
            shown = keyed.into_iter().map(|(_, _, _, i)| i).collect();
        }
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_support::sample;

    #[test]
    fn filters_by_text_actor_type_and_dates() {
        let project = sample();
        let index = RelationIndex::new(&project);
        let ids = |q: &RelationQuery| -> Vec<&str> {
            index
                .run(&project, q)
                .iter()
                .map(|&i| project.relations[i].id.as_str())
                .collect()
        };
        let all = RelationQuery::default();
        assert_eq!(ids(&all).len(), project.relations.len());
        let cut = RelationQuery {
            kind: Some("cuts_ties_with".into()),
            ..Default::default()
        };
        assert_eq!(ids(&cut).len(), 4);
        // Free text reaches every column: the actor's gloss here…
        let text = RelationQuery {
            text: "putin".to_owned(),
            ..Default::default()
        };
        assert_eq!(ids(&text), ["rel-phone"]);
        // …and the evidence quote there, spelt without its hamza.
        let quote = RelationQuery {
            text: "الاركان".to_owned(),
            ..Default::default()
        };
        assert_eq!(ids(&quote), ["rel-milley"]);
        let june_2017 = RelationQuery {
            from: "2017-06".parse().ok(),
            to: "2017-06".parse().ok(),
            ..Default::default()
        };
        assert_eq!(ids(&june_2017).len(), 6, "{:?}", ids(&june_2017));
        let qatar = RelationQuery {
            actor: Some("act-qatar".into()),
            ..Default::default()
        };
        assert!(ids(&qatar).len() >= 7);
        let with_a_group = RelationQuery {
            actor_kind: Some(ActorKind::Group),
            ..Default::default()
        };
        for i in index.run(&project, &with_a_group) {
            let r = &project.relations[i];
            assert!(
                [&r.source, &r.target]
                    .iter()
                    .any(|a| project.actor(a).unwrap().kind == ActorKind::Group)
            );
        }
    }

    #[test]
    fn sorts_by_any_column_both_ways() {
        let project = sample();
        let index = RelationIndex::new(&project);
        let by_date = RelationQuery {
            sort: Some((Column::Date, true)),
            ..Default::default()
        };
        let dates: Vec<_> = index
            .run(&project, &by_date)
            .iter()
            .map(|&i| project.relations[i].date)
            .collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]));
        let by_kind_desc = RelationQuery {
            sort: Some((Column::Kind, false)),
            ..Default::default()
        };
        let kinds: Vec<_> = index
            .run(&project, &by_kind_desc)
            .iter()
            .map(|&i| project.relations[i].kind.clone())
            .collect();
        let labels: Vec<_> = kinds
            .iter()
            .map(|k| project.relation_type(k).unwrap().label.clone())
            .collect();
        assert!(labels.windows(2).all(|w| w[0] >= w[1]), "{labels:?}");
    }
}
