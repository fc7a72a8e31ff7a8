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

/// The quote of `relation`'s first evidence as written, found among its own
/// article's highlights: what a row shows without an index made for every
/// relation (the table with nothing filtered or sorted needs none).
pub fn evidence_quote<'p>(
    project: &'p Project,
    coded: &super::coded::Coded,
    relation: &super::Relation,
) -> Option<&'p str> {
    relation
        .sources
        .iter()
        .find_map(|s| quote_in(project, coded, &s.article, s.evidence.as_ref()?))
}

fn quote_in<'p>(
    project: &'p Project,
    coded: &super::coded::Coded,
    article: &ArticleId,
    id: &super::HighlightId,
) -> Option<&'p str> {
    coded
        .highlights_in(project, article)
        .find(|h| &h.id == id)
        .map(|h| h.quote.as_str())
}

impl RelationQuery {
    /// Whether it shows every relation in the project's order: what needs no index.
    pub fn is_everything(&self) -> bool {
        *self == Self::default()
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

/// The folded text of every cell: each actor, type and article title is
/// folded once, however many rows show it; each row's own text (note, date,
/// quotes) is kept with the relation it was made from, so that after an edit
/// only the rows that changed are made again.
#[derive(Debug, Default)]
pub struct RelationIndex {
    actors: HashMap<ActorId, String>,
    actor_kinds: HashMap<ActorId, ActorKind>,
    kinds: HashMap<RelationTypeId, String>,
    articles: HashMap<ArticleId, String>,
    /// Each article's title as written, in the project's order: an edit that
    /// left every title as it was (an article's date, notes) keeps every row.
    titles_as_written: Vec<(ArticleId, String)>,
    /// One per relation, in list order.
    rows: Vec<Row>,
}

/// What one relation's row holds, folded, and the relation it was made from.
#[derive(Debug, Clone)]
struct Row {
    relation: super::Relation,
    note: String,
    date: String,
    /// The first evidence highlight's quote, folded (the table draws it as
    /// written, looked up for the rows on screen: see `evidence_quote`).
    quote: Option<String>,
    /// With several sources: their folded titles, and their folded quotes.
    several: Option<(String, String)>,
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
        Self::build(project, |_, id| quotes.get(id).copied(), None)
    }

    /// Whether this index was made from articles of the same ids and titles, in the same order.
    fn same_titles(&self, project: &Project) -> bool {
        self.titles_as_written.len() == project.articles.len()
            && self
                .titles_as_written
                .iter()
                .zip(project.articles.iter())
                .all(|((id, title), a)| *id == a.id && *title == a.title)
    }

    /// The same, finding each evidence among its own article's highlights
    /// instead of walking every highlight of the project.
    pub fn with_coded(project: &Project, coded: &super::coded::Coded) -> Self {
        Self::reusing(project, coded, None)
    }

    /// `with_coded`, taking from `previous` every row whose relation is
    /// unchanged, as long as every article's title is too. `previous` must
    /// have been made from the same highlight texts (the quotes it keeps).
    pub fn reusing(project: &Project, coded: &super::coded::Coded, previous: Option<Self>) -> Self {
        Self::build(
            project,
            |article, id| quote_in(project, coded, article, id),
            previous,
        )
    }

    fn build<'p>(
        project: &'p Project,
        quote_of: impl Fn(&ArticleId, &super::HighlightId) -> Option<&'p str> + Sync,
        previous: Option<Self>,
    ) -> Self {
        let previous = previous.filter(|p| p.same_titles(project));
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
        let (articles, titles_as_written, previous_rows) = match previous {
            Some(p) => (p.articles, p.titles_as_written, p.rows),
            None => (
                project
                    .articles
                    .iter()
                    .map(|a| (a.id.clone(), arabic::fold(&a.title)))
                    .collect(),
                project
                    .articles
                    .iter()
                    .map(|a| (a.id.clone(), a.title.clone()))
                    .collect(),
                Vec::new(),
            ),
        };
        let actor_kinds = project
            .actors
            .iter()
            .map(|a| (a.id.clone(), a.kind))
            .collect();
        let titles: std::cell::OnceCell<HashMap<&ArticleId, &str>> = std::cell::OnceCell::new();
        let titles = || {
            titles.get_or_init(|| {
                project
                    .articles
                    .iter()
                    .map(|a| (&a.id, a.title.as_str()))
                    .collect()
            })
        };
        let in_place = previous_rows.len() == project.relations.len()
            && previous_rows
                .iter()
                .zip(project.relations.iter())
                .all(|(row, r)| row.relation.id == r.id);
        let rows = if in_place {
            // The relations where they were (the edit was elsewhere, or to a
            // few of them): the rows stay in their list, 60,000 of them
            // not moved through a map and back.
            let mut rows = previous_rows;
            for (row, r) in rows.iter_mut().zip(project.relations.iter()) {
                if row.relation != *r {
                    *row = Self::row(r, titles(), &quote_of);
                }
            }
            rows
        } else if previous_rows.is_empty() && project.relations.len() > 100_000 {
            // Made anew (a project opened): on every core, 300,000 rows
            // taking 1.2 s to the first frame on one. (Not for fewer: the
            // threads' own heaps hold 15 MB more at 60,000 rows.)
            let titles = titles();
            let quote_of = &quote_of;
            let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
            let part = project.relations.len().div_ceil(threads);
            std::thread::scope(|scope| {
                let parts: Vec<_> = project
                    .relations
                    .chunks(part)
                    .map(|relations| {
                        scope.spawn(move || {
                            relations
                                .iter()
                                .map(|r| Self::row(r, titles, quote_of))
                                .collect::<Vec<_>>()
                        })
                    })
                    .collect();
                parts
                    .into_iter()
                    .flat_map(|part| {
                        part.join()
                            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                    })
                    .collect()
            })
        } else {
            let mut kept: HashMap<super::RelationId, Row> = previous_rows
                .into_iter()
                .map(|row| (row.relation.id.clone(), row))
                .collect();
            project
                .relations
                .iter()
                .map(|r| match kept.remove(&r.id) {
                    Some(row) if row.relation == *r => row,
                    _ => Self::row(r, titles(), &quote_of),
                })
                .collect()
        };
        Self {
            actors,
            actor_kinds,
            kinds,
            articles,
            titles_as_written,
            rows,
        }
    }

    fn row<'p>(
        r: &super::Relation,
        titles: &HashMap<&ArticleId, &str>,
        quote_of: &impl Fn(&ArticleId, &super::HighlightId) -> Option<&'p str>,
    ) -> Row {
        let quotes: Vec<&str> = r
            .sources
            .iter()
            .filter_map(|s| quote_of(&s.article, s.evidence.as_ref()?))
            .collect();
        let quote = r
            .sources
            .iter()
            .find_map(|s| quote_of(&s.article, s.evidence.as_ref()?))
            .map(arabic::fold);
        let several = (r.sources.len() > 1).then(|| {
            let titles: Vec<&str> = r
                .articles()
                .filter_map(|a| titles.get(a).copied())
                .collect();
            (
                arabic::fold(&titles.join(" | ")),
                arabic::fold(&quotes.join(" | ")),
            )
        });
        Row {
            relation: r.clone(),
            note: arabic::fold(&r.note),
            date: r.date.map(|d| d.to_string()).unwrap_or_default(),
            quote,
            several,
        }
    }

    /// The folded text of one cell of relation `i`.
    fn cell<'a>(&'a self, project: &Project, i: usize, column: Column) -> &'a str {
        let r = &project.relations[i];
        let lookup = |found: Option<&'a String>| found.map_or("", String::as_str);
        match column {
            Column::Source => lookup(self.actors.get(&r.source)),
            Column::Kind => lookup(self.kinds.get(&r.kind)),
            Column::Target => lookup(self.actors.get(&r.target)),
            Column::Date => self.rows.get(i).map_or("", |row| row.date.as_str()),
            Column::Article | Column::Evidence if r.sources.len() > 1 => {
                match self.rows.get(i).and_then(|row| row.several.as_ref()) {
                    Some((titles, _)) if column == Column::Article => titles,
                    Some((_, quotes)) => quotes,
                    None => "",
                }
            }
            Column::Article => lookup(r.first_article().and_then(|a| self.articles.get(a))),
            Column::Evidence => self
                .rows
                .get(i)
                .and_then(|row| row.quote.as_deref())
                .unwrap_or_default(),
            Column::Note => self.rows.get(i).map_or("", |row| row.note.as_str()),
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

    /// Every cell of `reused` is that of an index made anew, and every
    /// evidence quote the table draws is the one a walk finds.
    fn reads_as_made_anew(reused: &RelationIndex, project: &Project) {
        let fresh = RelationIndex::new(project);
        let coded = crate::model::coded::Coded::new(project);
        for i in 0..project.relations.len() {
            for column in Column::ALL {
                assert_eq!(
                    reused.cell(project, i, column),
                    fresh.cell(project, i, column),
                    "relation {i}, {column:?}"
                );
            }
            let relation = &project.relations[i];
            let walked = relation.sources.iter().find_map(|s| {
                let id = s.evidence.as_ref()?;
                project
                    .highlights
                    .iter()
                    .find(|h| &h.id == id && h.article == s.article)
                    .map(|h| h.quote.as_str())
            });
            assert_eq!(
                evidence_quote(project, &coded, relation),
                walked,
                "relation {i} without an index"
            );
            if relation.sources.len() == 1 {
                assert_eq!(
                    walked.map(arabic::fold).unwrap_or_default(),
                    fresh.cell(project, i, Column::Evidence),
                    "relation {i}: the quote drawn is the one searched"
                );
            }
        }
    }

    #[test]
    fn rows_kept_from_before_an_edit_read_as_rows_made_anew() {
        let mut project = sample();
        let coded = crate::model::coded::Coded::new(&project);
        let before = RelationIndex::with_coded(&project, &coded);
        project.relations[1].note = "ملاحظة جديدة".to_owned();
        project.relations.remove(3);
        let reused = RelationIndex::reusing(&project, &coded, Some(before));
        reads_as_made_anew(&reused, &project);
        let query = RelationQuery {
            text: "ملاحظة جديدة".to_owned(),
            ..Default::default()
        };
        assert_eq!(reused.run(&project, &query), [1]);
    }

    #[test]
    fn an_article_renamed_is_found_by_its_new_title_in_rows_kept_from_before() {
        let mut project = sample();
        let coded = crate::model::coded::Coded::new(&project);
        let before = RelationIndex::with_coded(&project, &coded);
        // Notes change no row: every one is kept.
        project.articles[0].notes = "ملاحظة".to_owned();
        let kept = RelationIndex::reusing(&project, &coded, Some(before));
        for article in &mut project.articles {
            article.title = format!("عنوان جديد {}", article.title);
        }
        let reused = RelationIndex::reusing(&project, &coded, Some(kept));
        reads_as_made_anew(&reused, &project);
        let fresh = RelationIndex::new(&project);
        let query = RelationQuery {
            text: "عنوان جديد".to_owned(),
            ..Default::default()
        };
        assert!(!fresh.run(&project, &query).is_empty());
        assert_eq!(reused.run(&project, &query), fresh.run(&project, &query));
    }
}
