//! Relations on a time axis: one lane per relation type or per actor, each
//! dated relation a mark over the days its date covers (a day, a month or a
//! year), and the articles' publication days beneath.

use crate::model::{ActorId, ArticleId, Date, Project, RelationTypeId};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lanes {
    #[default]
    ByType,
    ByActor,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum LaneKey {
    Type(RelationTypeId),
    Actor(ActorId),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    pub key: LaneKey,
    pub label: String,
}

/// One relation in one lane: days since 1970-01-01, half-open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub relation: usize,
    pub lane: usize,
    pub start: i64,
    pub end: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Publication {
    pub article: ArticleId,
    pub title: String,
    pub day: i64,
}

#[derive(Debug, Default)]
pub struct Timeline {
    pub lanes: Vec<Lane>,
    pub marks: Vec<Mark>,
    pub publications: Vec<Publication>,
    /// Shown relations without a date: counted, not placed.
    pub undated: usize,
}

impl Timeline {
    /// The timeline of `shown` (indices into `project.relations`). Lanes come
    /// in order of their first mark, so the story reads top to bottom.
    pub fn new(project: &Project, shown: &[usize], lanes: Lanes) -> Self {
        let mut timeline = Self::default();
        let mut lane_of: HashMap<LaneKey, usize> = HashMap::new();
        let mut dated: Vec<(i64, i64, usize)> = shown
            .iter()
            .filter_map(|&i| {
                let (start, end) = project.relations[i].date?.day_range();
                Some((start, end, i))
            })
            .collect();
        timeline.undated = shown.len() - dated.len();
        dated.sort_unstable();
        for (start, end, i) in dated {
            let relation = &project.relations[i];
            let keys = match lanes {
                Lanes::ByType => vec![LaneKey::Type(relation.kind.clone())],
                Lanes::ByActor if relation.source == relation.target => {
                    vec![LaneKey::Actor(relation.source.clone())]
                }
                Lanes::ByActor => vec![
                    LaneKey::Actor(relation.source.clone()),
                    LaneKey::Actor(relation.target.clone()),
                ],
            };
            for key in keys {
                let lane = *lane_of.entry(key.clone()).or_insert_with(|| {
                    let label = match &key {
                        LaneKey::Type(t) => project
                            .relation_type(t)
                            .map_or_else(|| t.to_string(), |t| t.label.clone()),
                        LaneKey::Actor(a) => project
                            .actor(a)
                            .map_or_else(|| a.to_string(), |a| a.name.clone()),
                    };
                    timeline.lanes.push(Lane { key, label });
                    timeline.lanes.len() - 1
                });
                timeline.marks.push(Mark {
                    relation: i,
                    lane,
                    start,
                    end,
                });
            }
        }
        timeline.publications = project
            .articles
            .iter()
            .filter_map(|a| {
                Some(Publication {
                    article: a.id.clone(),
                    title: a.title.clone(),
                    day: a.published?.day_range().0,
                })
            })
            .collect();
        timeline
    }

    /// The first and last day with anything on it (marks or publications).
    pub fn span(&self) -> Option<(i64, i64)> {
        let days = self
            .marks
            .iter()
            .flat_map(|m| [m.start, m.end])
            .chain(self.publications.iter().flat_map(|p| [p.day, p.day + 1]));
        days.fold(None, |span, d| match span {
            None => Some((d, d)),
            Some((lo, hi)) => Some((lo.min(d), hi.max(d))),
        })
    }
}

/// The dates a selected stretch of days stands for, inclusive, for the table's filter.
pub fn date_filter(start_day: i64, end_day: i64) -> (Date, Date) {
    let (lo, hi) = if start_day <= end_day {
        (start_day, end_day)
    } else {
        (end_day, start_day)
    };
    (Date::from_day(lo), Date::from_day(hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_support::sample;

    #[test]
    fn by_type_one_mark_per_dated_relation() {
        let project = sample();
        let shown: Vec<usize> = (0..project.relations.len()).collect();
        let timeline = Timeline::new(&project, &shown, Lanes::ByType);
        let dated = project
            .relations
            .iter()
            .filter(|r| r.date.is_some())
            .count();
        assert_eq!(timeline.marks.len(), dated);
        assert_eq!(timeline.undated, project.relations.len() - dated);
        // The four cuts of ties share a lane and a day.
        let cut = timeline
            .lanes
            .iter()
            .position(|l| l.key == LaneKey::Type("cuts_ties_with".into()))
            .unwrap();
        let cuts: Vec<_> = timeline.marks.iter().filter(|m| m.lane == cut).collect();
        assert_eq!(cuts.len(), 4);
        let june5 = Date::ymd(2017, 6, 5).day_range();
        assert!(cuts.iter().all(|m| (m.start, m.end) == june5));
        // A month-only date covers the month.
        let drills = project
            .relations
            .iter()
            .position(|r| r.id.as_str() == "rel-drills")
            .unwrap();
        let mark = timeline
            .marks
            .iter()
            .find(|m| m.relation == drills)
            .unwrap();
        assert_eq!(mark.end - mark.start, 30);
        // Both articles' publication days are marked.
        assert_eq!(timeline.publications.len(), 2);
        let (lo, hi) = timeline.span().unwrap();
        assert!(lo <= june5.0 && hi >= Date::ymd(2020, 7, 26).day_range().1);
    }

    #[test]
    fn by_actor_a_relation_shows_in_both_lanes() {
        let project = sample();
        let shown: Vec<usize> = (0..project.relations.len()).collect();
        let timeline = Timeline::new(&project, &shown, Lanes::ByActor);
        let qatar = timeline
            .lanes
            .iter()
            .position(|l| l.key == LaneKey::Actor("act-qatar".into()))
            .unwrap();
        assert_eq!(timeline.lanes[qatar].label, "قطر");
        let in_qatar = timeline.marks.iter().filter(|m| m.lane == qatar).count();
        let by_hand = project
            .relations
            .iter()
            .filter(|r| {
                r.date.is_some()
                    && (r.source.as_str() == "act-qatar" || r.target.as_str() == "act-qatar")
            })
            .count();
        assert_eq!(in_qatar, by_hand);
    }

    #[test]
    fn a_selected_stretch_becomes_an_inclusive_date_filter() {
        let a = Date::ymd(2017, 6, 1).day_range().0;
        let b = Date::ymd(2017, 6, 30).day_range().0;
        assert_eq!(
            date_filter(b, a),
            (Date::ymd(2017, 6, 1), Date::ymd(2017, 6, 30))
        );
    }
}
