//! The statements of a project: every passage tagged with a claim, with the
//! actor, concept and stance a network reads off it, filtered as DNA filters
//! them.

use super::{Duplicates, Field, NetworkError, Nodes, Options};
use crate::model::{Article, Date, Highlight, Project, Stance, Tag};
use std::collections::HashSet;

/// One coded statement.
#[derive(Debug, Clone)]
pub struct Statement<'p> {
    pub highlight: &'p Highlight,
    pub article: &'p Article,
    /// The first day of the article's date (days since 1970-01-01).
    pub day: Option<i64>,
    /// The actor's name; empty when the claim has no actor of the kind asked for.
    pub actor: String,
    pub actor_kind: Option<crate::model::ActorKind>,
    pub concept: String,
    pub stance: Stance,
    pub analyst: String,
}

impl Statement<'_> {
    /// The value of a network variable: the row or column a statement counts in.
    pub fn node(&self, nodes: Nodes) -> &str {
        match nodes {
            Nodes::Actors => &self.actor,
            Nodes::Concepts => &self.concept,
        }
    }

    fn field(&self, field: &Field) -> String {
        let a = self.article;
        match field {
            Field::Actor => self.actor.clone(),
            Field::Concept => self.concept.clone(),
            Field::Stance => self.stance.label().to_owned(),
            Field::Analyst => self.analyst.clone(),
            Field::Author => a.author.clone(),
            Field::Outlet => a.outlet.clone(),
            Field::Section => a.section.clone(),
            Field::Type => a.genre.clone(),
            Field::Language => a.language.clone(),
            Field::Variable(name) => a.variables.get(name).cloned().unwrap_or_default(),
        }
    }
}

/// The statements a network is made of.
#[derive(Debug, Clone, Default)]
pub struct Statements<'p> {
    /// In the date range and not left out by an article field: what decides
    /// the stances in use and, with isolates, the nodes (DNA's original statements).
    pub original: Vec<Statement<'p>>,
    /// The rest of the filters applied, duplicates too: what is counted.
    pub filtered: Vec<Statement<'p>>,
    /// Statements left out because their article has no date while a date mattered.
    pub undated: usize,
    /// Statements left out for having no actor (of the kind asked for).
    pub without_actor: usize,
    /// The first and last day of the range.
    pub range: Option<(i64, i64)>,
}

/// The project's statements under `options`, in date order (undated last,
/// then as coded).
pub fn statements<'p>(
    project: &'p Project,
    options: &Options,
) -> Result<Statements<'p>, NetworkError> {
    options.check()?;
    if let (Some(from), Some(to)) = (options.from, options.to)
        && from.day_range().0 >= to.day_range().1
    {
        return Err(NetworkError::EmptyRange { from, to });
    }
    let mut all: Vec<Statement<'p>> = project
        .highlights
        .iter()
        .filter_map(|h| statement(project, h, options))
        .collect();
    // A stable sort keeps coding order among statements of one day, as DNA's ids do.
    all.sort_by_key(|s| (s.day.is_none(), s.day));
    let timed = options.from.is_some()
        || options.to.is_some()
        || options.window.is_some()
        || matches!(
            options.duplicates,
            Duplicates::Week | Duplicates::Month | Duplicates::Year
        );
    let from = options.from.map(|d| d.day_range().0);
    let to = options.to.map(|d| d.day_range().1 - 1);
    let mut out = Statements::default();
    for s in all {
        if timed && s.day.is_none() {
            out.undated += 1;
            continue;
        }
        if let Some(day) = s.day
            && (from.is_some_and(|f| day < f) || to.is_some_and(|t| day > t))
        {
            continue;
        }
        let excluded = options
            .exclude
            .iter()
            .filter(|e| e.field.of_article())
            .any(|e| s.field(&e.field) == e.value);
        if !excluded {
            out.original.push(s);
        }
    }
    let days = out.original.iter().filter_map(|s| s.day);
    let first = from.or_else(|| days.clone().min());
    let last = to.or_else(|| days.max());
    out.range = first.zip(last);
    out.filtered = filter(&out.original, options, &mut out.without_actor);
    Ok(out)
}

fn statement<'p>(
    project: &'p Project,
    highlight: &'p Highlight,
    options: &Options,
) -> Option<Statement<'p>> {
    let Tag::Claim(id) = &highlight.tag else {
        return None;
    };
    let claim = project.claim(id)?;
    let article = project.article(&highlight.article)?;
    let candidates = [&claim.speaker, &claim.on_behalf_of];
    let actor = match options.actor_kind {
        None => claim.speaker.as_ref().and_then(|a| project.actor(a)),
        Some(kind) => candidates
            .into_iter()
            .filter_map(|a| a.as_ref().and_then(|a| project.actor(a)))
            .find(|a| a.kind == kind),
    };
    Some(Statement {
        highlight,
        article,
        day: article.published.map(|d: Date| d.day_range().0),
        actor: actor.map(|a| a.name.trim().to_owned()).unwrap_or_default(),
        actor_kind: actor.map(|a| a.kind),
        concept: project.claim_text(claim).trim().to_owned(),
        stance: claim.stance,
        analyst: highlight
            .changed
            .as_ref()
            .or(claim.changed.as_ref())
            .map(|s| s.by.to_string())
            .unwrap_or_default(),
    })
}

/// Value exclusions, statements missing a node, and duplicates, in DNA's order.
fn filter<'p>(
    original: &[Statement<'p>],
    options: &Options,
    without_actor: &mut usize,
) -> Vec<Statement<'p>> {
    let stance_counts = !matches!(options.aggregation, super::Aggregation::Ignore);
    let mut seen: HashSet<(Bucket, &str, &str, Option<Stance>)> = HashSet::new();
    let mut kept = Vec::new();
    for s in original {
        let excluded = options
            .exclude
            .iter()
            .filter(|e| !e.field.of_article())
            .any(|e| s.field(&e.field) == e.value);
        if excluded {
            continue;
        }
        if s.actor.is_empty() || s.concept.is_empty() {
            *without_actor += usize::from(s.actor.is_empty());
            continue;
        }
        if options.duplicates != Duplicates::Include {
            let key = (
                bucket(s, options.duplicates),
                s.actor.as_str(),
                s.concept.as_str(),
                stance_counts.then_some(s.stance),
            );
            if !seen.insert(key) {
                continue;
            }
        }
        kept.push(s.clone());
    }
    kept
}

/// The stretch within which a repeated statement is a duplicate.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Bucket {
    Document(String),
    Days(Option<(i64, i64)>),
    Everything,
}

fn bucket(s: &Statement<'_>, duplicates: Duplicates) -> Bucket {
    match duplicates {
        Duplicates::Include | Duplicates::All => Bucket::Everything,
        Duplicates::Document => Bucket::Document(s.article.id.to_string()),
        Duplicates::Week => Bucket::Days(s.day.map(iso_week)),
        Duplicates::Month => Bucket::Days(s.day.map(|d| {
            let date = Date::from_day(d);
            (i64::from(date.year), i64::from(date.month.unwrap_or(1)))
        })),
        Duplicates::Year => Bucket::Days(s.day.map(|d| (i64::from(Date::from_day(d).year), 0))),
    }
}

/// The ISO 8601 week-year and week of a day (Monday first; week 1 holds the
/// year's first Thursday): DNA's UK week fields.
pub(super) fn iso_week(day: i64) -> (i64, i64) {
    // 1970-01-01 was a Thursday: Monday is 0.
    let weekday = (day + 3).rem_euclid(7);
    let thursday = day - weekday + 3;
    let year = Date::from_day(thursday).year;
    let jan1 = Date::ymd(year, 1, 1).day_range().0;
    (i64::from(year), (thursday - jan1) / 7 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_weeks_match_the_calendar() {
        let day = |y, m, d| Date::ymd(y, m, d).day_range().0;
        // 2021-01-03 (Sunday) is in 2020's week 53; 2021-01-04 starts week 1.
        assert_eq!(iso_week(day(2021, 1, 3)), (2020, 53));
        assert_eq!(iso_week(day(2021, 1, 4)), (2021, 1));
        assert_eq!(iso_week(day(2019, 12, 30)), (2020, 1));
        assert_eq!(iso_week(day(2017, 11, 20)), (2017, 47));
    }
}
