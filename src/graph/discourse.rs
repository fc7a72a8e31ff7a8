//! A discourse network as the network view draws it: actors tied by the
//! concepts they agree on (congruence, green) or disagree on (conflict,
//! red), one picture per time window, with what each tie rests on.

use super::{ActorGraph, Node, Tie};
use crate::model::{ActorId, Project, RelationTypeId, Stance};
use crate::network::{self, Aggregation, Mode, NetworkError, Nodes, Options, Window};
use std::collections::{BTreeMap, HashMap};

/// The pseudo relation types of discourse ties (their colour is theirs alone).
pub const CONGRUENCE: &str = "discourse:congruence";
pub const CONFLICT: &str = "discourse:conflict";

/// Which ties are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ties {
    /// Agreement and disagreement, side by side.
    #[default]
    Both,
    Congruence,
    Conflict,
}

/// What a discourse tie rests on.
#[derive(Debug, Clone, PartialEq)]
pub struct Shared {
    pub weight: f64,
    /// Each concept both actors spoke on, with each one's stances.
    pub concepts: Vec<(String, Vec<Stance>, Vec<Stance>)>,
}

/// One picture: a window (or the whole range) and its graph.
#[derive(Debug)]
pub struct Picture {
    pub window: Option<Window>,
    pub graph: ActorGraph,
    pub statements: usize,
}

/// The discourse pictures of `project`: one, or one per window of `options`.
pub fn pictures(
    project: &Project,
    options: &Options,
    ties: Ties,
) -> Result<Vec<Picture>, NetworkError> {
    let base = Options {
        mode: Mode::OneMode,
        nodes: Nodes::Actors,
        ..options.clone()
    };
    let aggregations: &[Aggregation] = match ties {
        Ties::Both => &[Aggregation::Congruence, Aggregation::Conflict],
        Ties::Congruence => &[Aggregation::Congruence],
        Ties::Conflict => &[Aggregation::Conflict],
    };
    // Read once for every network drawn: congruence and conflict count
    // duplicates alike (with the stance), so one set of statements serves both.
    let found = network::statements(
        project,
        &Options {
            aggregation: Aggregation::Congruence,
            ..base.clone()
        },
    )?;
    let series: Vec<(Aggregation, network::Series)> = aggregations
        .iter()
        .map(|&aggregation| {
            let options = Options {
                aggregation,
                ..base.clone()
            };
            (aggregation, network::series(&found, &options))
        })
        .collect();
    let statements = &found.filtered;
    let ids = actor_ids(project, &base);
    let count = series.first().map_or(0, |(_, s)| s.networks.len());
    let mut pictures = Vec::with_capacity(count);
    for w in 0..count {
        let window = series[0].1.networks[w].0;
        let inside: Vec<&network::Statement<'_>> = statements
            .iter()
            .filter(|s| window.is_none_or(|w| s.day.is_some_and(|d| d >= w.start && d <= w.stop)))
            .collect();
        // Per actor: each concept's stances.
        let mut said: HashMap<&str, BTreeMap<&str, Vec<Stance>>> = HashMap::new();
        for s in &inside {
            let stances = said
                .entry(&s.actor)
                .or_default()
                .entry(&s.concept)
                .or_default();
            if !stances.contains(&s.stance) {
                stances.push(s.stance);
            }
        }
        let first = &series[0].1.networks[w].1;
        let nodes: Vec<Node> = first
            .rows
            .iter()
            .map(|name| Node {
                actor: ids
                    .get(name.as_str())
                    .cloned()
                    .unwrap_or_else(|| ActorId::new(name.clone())),
                name: name.clone(),
                kind: project
                    .actor(ids.get(name.as_str()).unwrap_or(&ActorId::new("")))
                    .map_or(crate::model::ActorKind::Other, |a| a.kind),
                relations: inside.iter().filter(|s| &s.actor == name).count(),
            })
            .collect();
        let node_of: HashMap<&str, &ActorId> =
            nodes.iter().map(|n| (n.name.as_str(), &n.actor)).collect();
        let mut ties_out = Vec::new();
        for (aggregation, found) in &series {
            let net = &found.networks[w].1;
            let kind = RelationTypeId::new(if *aggregation == Aggregation::Congruence {
                CONGRUENCE
            } else {
                CONFLICT
            });
            for i in 0..net.rows.len() {
                for j in i + 1..net.rows.len() {
                    let weight = net.get(i, j);
                    if weight <= 0.0 {
                        continue;
                    }
                    let (a, b) = (net.rows[i].as_str(), net.rows[j].as_str());
                    let agree = *aggregation == Aggregation::Congruence;
                    let concepts = shared(&said, a, b, agree);
                    let (Some(&x), Some(&y)) = (node_of.get(a), node_of.get(b)) else {
                        continue;
                    };
                    ties_out.push((
                        x.clone(),
                        y.clone(),
                        Tie {
                            kind: kind.clone(),
                            directed: false,
                            relations: Vec::new(),
                            sources: line_width(weight),
                            discourse: Some(Shared { weight, concepts }),
                        },
                    ));
                }
            }
        }
        pictures.push(Picture {
            window,
            graph: ActorGraph::from_parts(nodes, ties_out),
            statements: inside.len(),
        });
    }
    Ok(pictures)
}

/// The concepts `a` and `b` both spoke on where they agree (share a stance)
/// or disagree (take different ones).
fn shared(
    said: &HashMap<&str, BTreeMap<&str, Vec<Stance>>>,
    a: &str,
    b: &str,
    agree: bool,
) -> Vec<(String, Vec<Stance>, Vec<Stance>)> {
    let (Some(x), Some(y)) = (said.get(a), said.get(b)) else {
        return Vec::new();
    };
    x.iter()
        .filter_map(|(concept, sa)| {
            let sb = y.get(concept)?;
            let common = sa.iter().any(|s| sb.contains(s));
            let differ = sa.iter().any(|s| sb.iter().any(|t| t != s));
            ((agree && common) || (!agree && differ))
                .then(|| ((*concept).to_owned(), sa.clone(), sb.clone()))
        })
        .collect()
}

/// The actor behind each name a network shows (of the kind asked for).
fn actor_ids<'p>(project: &'p Project, options: &Options) -> HashMap<&'p str, ActorId> {
    let mut ids = HashMap::new();
    for actor in &project.actors {
        if options.actor_kind.is_none_or(|k| k == actor.kind) {
            ids.entry(actor.name.trim())
                .or_insert_with(|| actor.id.clone());
        }
    }
    ids
}

/// The count a tie's line is as wide as: weights of normalised networks are
/// below one, and still drawn.
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "a positive weight, rounded and clamped, only sets a line's width"
)]
fn line_width(weight: f64) -> usize {
    weight.round().clamp(1.0, 1.0e6) as usize
}
