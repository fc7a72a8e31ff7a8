//! The actor network and the timeline as data: which actors and ties a filter
//! leaves, how many relations and sources each has, and where the layout puts
//! them. Nothing here draws; `ui::network` and `ui::timeline` do.

pub mod discourse;
pub mod layout;
pub mod style;
pub mod svg;
pub mod timeline;

use crate::model::{ActorId, ActorKind, Project, RelationTypeId};
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::HashMap;

/// An actor in the picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub actor: ActorId,
    pub name: String,
    pub kind: ActorKind,
    /// Relations shown that have this actor at either end.
    pub relations: usize,
}

/// The relations of one type between two actors, drawn as one line.
#[derive(Debug, Clone, PartialEq)]
pub struct Tie {
    pub kind: RelationTypeId,
    pub directed: bool,
    /// Indices into `project.relations`, in project order.
    pub relations: Vec<usize>,
    /// Reports cited by those relations, all told: the line's thickness.
    pub sources: usize,
    /// A tie of a discourse network: its weight and what the two share.
    pub discourse: Option<discourse::Shared>,
}

/// The network of the relations a query leaves, one node per actor they name
/// and one tie per (source, type, target); for an undirected type, A–B and B–A
/// are the same tie.
#[derive(Debug, Default)]
pub struct ActorGraph {
    pub graph: DiGraph<Node, Tie>,
    by_actor: HashMap<ActorId, NodeIndex>,
}

impl ActorGraph {
    /// The graph of `shown` (indices into `project.relations`).
    pub fn new(project: &Project, shown: &[usize]) -> Self {
        let mut graph: DiGraph<Node, Tie> = DiGraph::new();
        let mut by_actor: HashMap<ActorId, NodeIndex> = HashMap::new();
        let mut ties: HashMap<(NodeIndex, NodeIndex, &RelationTypeId), EdgeIndex> = HashMap::new();
        let directed: HashMap<&RelationTypeId, bool> = project
            .vocabulary
            .iter()
            .map(|t| (&t.id, t.directed))
            .collect();
        let actors: HashMap<&ActorId, &crate::model::Actor> =
            project.actors.iter().map(|a| (&a.id, a)).collect();
        let mut node = |graph: &mut DiGraph<Node, Tie>, id: &ActorId| {
            *by_actor.entry(id.clone()).or_insert_with(|| {
                let actor = actors.get(id);
                graph.add_node(Node {
                    actor: id.clone(),
                    name: actor.map_or_else(|| id.to_string(), |a| a.name.clone()),
                    kind: actor.map_or(ActorKind::Other, |a| a.kind),
                    relations: 0,
                })
            })
        };
        for &i in shown {
            let relation = &project.relations[i];
            let is_directed = directed.get(&relation.kind).copied().unwrap_or(true);
            let (mut a, mut b) = (
                node(&mut graph, &relation.source),
                node(&mut graph, &relation.target),
            );
            graph[a].relations += 1;
            if a != b {
                graph[b].relations += 1;
            }
            if !is_directed && a > b {
                std::mem::swap(&mut a, &mut b);
            }
            let edge = *ties.entry((a, b, &relation.kind)).or_insert_with(|| {
                graph.add_edge(
                    a,
                    b,
                    Tie {
                        kind: relation.kind.clone(),
                        directed: is_directed,
                        relations: Vec::new(),
                        sources: 0,
                        discourse: None,
                    },
                )
            });
            graph[edge].relations.push(i);
            graph[edge].sources += relation.sources.len();
        }
        Self { graph, by_actor }
    }

    /// A graph of given nodes and ties (a discourse network's), each tie
    /// between two of the nodes.
    pub fn from_parts(nodes: Vec<Node>, ties: Vec<(ActorId, ActorId, Tie)>) -> Self {
        let mut graph: DiGraph<Node, Tie> = DiGraph::new();
        let mut by_actor = HashMap::new();
        for node in nodes {
            let id = node.actor.clone();
            by_actor.insert(id, graph.add_node(node));
        }
        for (a, b, tie) in ties {
            if let (Some(&a), Some(&b)) = (by_actor.get(&a), by_actor.get(&b)) {
                graph.add_edge(a, b, tie);
            }
        }
        Self { graph, by_actor }
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn tie_count(&self) -> usize {
        self.graph.edge_count()
    }

    pub fn node(&self, actor: &ActorId) -> Option<&Node> {
        self.by_actor.get(actor).map(|&i| &self.graph[i])
    }

    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.graph.node_weights()
    }

    /// Every tie with the actors at its ends.
    pub fn ties(&self) -> impl Iterator<Item = (&ActorId, &ActorId, &Tie)> {
        self.graph.edge_references().map(|e| {
            (
                &self.graph[e.source()].actor,
                &self.graph[e.target()].actor,
                e.weight(),
            )
        })
    }

    /// The ties between two actors, whichever way they point.
    pub fn ties_between(&self, a: &ActorId, b: &ActorId) -> Vec<&Tie> {
        self.ties()
            .filter(|(s, t, _)| (*s == a && *t == b) || (*s == b && *t == a))
            .map(|(_, _, tie)| tie)
            .collect()
    }

    /// Each actor's neighbours (either direction), for the layout.
    pub fn neighbours(&self, actor: &ActorId) -> impl Iterator<Item = &ActorId> {
        self.by_actor.get(actor).into_iter().flat_map(|&i| {
            self.graph
                .neighbors_undirected(i)
                .map(|n| &self.graph[n].actor)
        })
    }

    /// Groups of actors tied to one another, largest first (petgraph's union-find).
    pub fn component_count(&self) -> usize {
        petgraph::algo::connected_components(&self.graph)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::relation_query::{RelationIndex, RelationQuery};

    use crate::test_support::sample;

    fn graph_of(project: &Project, query: &RelationQuery) -> ActorGraph {
        let shown = RelationIndex::new(project).run(project, query);
        ActorGraph::new(project, &shown)
    }

    #[test]
    fn the_sample_network_has_its_actors_ties_and_counts() {
        let project = sample();
        let graph = graph_of(&project, &RelationQuery::default());
        // Every actor named by a relation, and no other.
        let mut named: Vec<&ActorId> = project
            .relations
            .iter()
            .flat_map(|r| [&r.source, &r.target])
            .collect();
        named.sort();
        named.dedup();
        assert_eq!(graph.node_count(), named.len());
        // Each relation in the sample is its own tie (no two share ends and type).
        assert_eq!(graph.tie_count(), project.relations.len());
        let qatar = graph.node(&"act-qatar".into()).unwrap();
        let by_hand = project
            .relations
            .iter()
            .filter(|r| r.source.as_str() == "act-qatar" || r.target.as_str() == "act-qatar")
            .count();
        assert_eq!(qatar.relations, by_hand);
        assert_eq!(qatar.kind, ActorKind::State);
        assert_eq!(qatar.name, "قطر");
        // The Qatar–US cooperation is reported in both articles: two sources on one tie.
        let cooperation = graph.ties_between(&"act-qatar".into(), &"act-usa".into());
        let kinds: Vec<(&str, usize)> = cooperation
            .iter()
            .map(|t| (t.kind.as_str(), t.sources))
            .collect();
        assert!(kinds.contains(&("cooperates_with", 2)), "{kinds:?}");
        assert!(kinds.contains(&("trains_with", 1)), "{kinds:?}");
        // The four states that cut ties with Qatar all point at it.
        let cut: Vec<_> = graph
            .ties()
            .filter(|(_, _, t)| t.kind.as_str() == "cuts_ties_with")
            .collect();
        assert_eq!(cut.len(), 4);
        assert!(
            cut.iter()
                .all(|(_, target, _)| target.as_str() == "act-qatar")
        );
    }

    #[test]
    fn the_graph_follows_the_tables_filter() {
        let project = sample();
        let query = RelationQuery {
            kind: Some("cuts_ties_with".into()),
            ..Default::default()
        };
        let graph = graph_of(&project, &query);
        assert_eq!(graph.node_count(), 5);
        assert_eq!(graph.tie_count(), 4);
        assert_eq!(graph.component_count(), 1);
        assert!(graph.node(&"act-putin".into()).is_none());
    }

    #[test]
    fn an_undirected_type_makes_one_tie_whichever_way_it_was_coded() {
        let mut project = sample();
        let phone = project
            .relations
            .iter()
            .find(|r| r.id.as_str() == "rel-phone")
            .unwrap()
            .clone();
        assert!(!project.relation_type(&phone.kind).unwrap().directed);
        let mut back = phone.clone();
        back.id = "rel-phone-back".into();
        std::mem::swap(&mut back.source, &mut back.target);
        project.relations.push(back);
        let graph = graph_of(&project, &RelationQuery::default());
        let ties = graph.ties_between(&phone.source, &phone.target);
        assert_eq!(ties.len(), 1);
        assert_eq!(ties[0].relations.len(), 2);
        // Putin has no other relation: the two calls are his two.
        assert_eq!(graph.node(&phone.target).unwrap().relations, 2);
    }
}
