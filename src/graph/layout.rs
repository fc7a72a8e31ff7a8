//! A force-directed layout (after Fruchterman and Reingold) that is
//! deterministic, runs a few steps per frame, and keeps its picture when the
//! graph changes: known actors stay where they were and barely move, new ones
//! start beside their neighbours, pinned ones never move.
//!
//! Repulsion is counted only between actors in neighbouring grid cells, so a
//! step costs time in proportion to actors plus ties, not actors squared.

use super::ActorGraph;
use crate::model::ActorId;
use std::collections::{HashMap, HashSet};

/// The length a tie settles to, in layout units (screen pixels at zoom 1).
pub const IDEAL_LENGTH: f32 = 90.0;
/// Beyond this distance actors no longer push each other apart.
const REPULSION_RANGE: f32 = 2.5 * IDEAL_LENGTH;
/// Pulls every actor gently toward the middle so that separate groups stay in view.
const GRAVITY: f32 = 0.003;
/// How far an actor may move in one step at the start of a fresh layout.
const START_TEMPERATURE: f32 = IDEAL_LENGTH;
/// Start of the short re-settling after the graph changed.
const RESETTLE_TEMPERATURE: f32 = 0.4 * IDEAL_LENGTH;
/// Known actors move this much slower than new ones while re-settling, so the
/// picture the analyst has learnt stays put.
const SETTLED_MOBILITY: f32 = 0.03;
/// Re-settling cools by this much a step: a known actor can move at most
/// `RESETTLE_TEMPERATURE × SETTLED_MOBILITY / (1 − COOLING)` in all.
const COOLING: f32 = 0.94;
/// A fresh layout adapts its step (after Yifan Hu): longer while the energy
/// keeps falling, shorter when it does not.
const ADAPT: f32 = 0.9;
/// A fresh layout is settled when no actor moves more than this in a step.
const STILL: f32 = 0.05;
/// Below this the layout counts as settled.
const FROZEN_TEMPERATURE: f32 = 0.3;
/// However it goes, a layout stops after this many steps.
const MAX_STEPS: usize = 3000;

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

impl Point {
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }

    pub fn distance(self, other: Self) -> f32 {
        (self.x - other.x).hypot(self.y - other.y)
    }
}

#[derive(Debug, Default)]
pub struct Layout {
    /// Every actor ever placed, kept when a filter hides it so it returns to its place.
    known: HashMap<ActorId, Point>,
    pinned: HashSet<ActorId>,
    /// The actors of the current graph, with their working state.
    actors: Vec<ActorId>,
    slots: HashMap<ActorId, usize>,
    positions: Vec<Point>,
    mobility: Vec<f32>,
    ties: Vec<(usize, usize, f32)>,
    temperature: f32,
    /// A fresh layout adapts its step; a re-settle only cools.
    adaptive: bool,
    energy: f32,
    progress: u32,
    steps: usize,
    /// The next sync lays out afresh (only pins keep their place).
    restart: bool,
    /// The graph last synced, as a fingerprint: actor and tie lists.
    shape: Vec<(usize, usize)>,
}

impl Layout {
    /// Takes the actors and ties of `graph`, placing new actors and starting
    /// to settle if anything changed.
    pub fn sync(&mut self, graph: &ActorGraph) {
        // Where the simulation has moved them since the last sync: remembered
        // here once, not written back on every step.
        self.remember_positions();
        let mut actors: Vec<(&ActorId, usize)> =
            graph.nodes().map(|n| (&n.actor, n.relations)).collect();
        // Hubs first, so they take the middle and the rest gather round them.
        actors.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let index: HashMap<&ActorId, usize> = actors
            .iter()
            .enumerate()
            .map(|(i, (a, _))| (*a, i))
            .collect();
        let mut ties: Vec<(usize, usize, f32)> = graph
            .ties()
            .map(|(a, b, tie)| {
                // A discourse tie cites no relation: its weight pulls instead.
                let strength = if tie.discourse.is_some() {
                    tie.sources
                } else {
                    tie.relations.len()
                };
                (index[a], index[b], 1.0 + (strength.max(1) as f32).ln())
            })
            .filter(|(a, b, _)| a != b)
            .collect();
        ties.sort_by_key(|t| (t.0, t.1));
        let mut shape: Vec<(usize, usize)> = ties.iter().map(|&(a, b, _)| (a, b)).collect();
        shape.push((actors.len(), usize::MAX));
        let same_actors = actors.len() == self.actors.len()
            && actors.iter().zip(&self.actors).all(|((a, _), b)| *a == b);
        if same_actors && shape == self.shape {
            return;
        }
        let fresh = self.known.is_empty() || self.restart;
        self.restart = false;
        let mut positions = Vec::with_capacity(actors.len());
        let mut mobility = Vec::with_capacity(actors.len());
        let mut placed_new = 0;
        for (i, (actor, _)) in actors.iter().enumerate() {
            if let Some(&known) = self.known.get(*actor) {
                positions.push(known);
                mobility.push(if fresh { 1.0 } else { SETTLED_MOBILITY });
                continue;
            }
            // Beside the neighbours already placed, or else on a spiral out from the middle.
            let placed: Vec<Point> = graph
                .neighbours(actor)
                .filter_map(|n| index.get(n))
                .filter(|&&j| j < i || self.known.contains_key(actors[j].0))
                .map(|&j| {
                    if j < i {
                        positions[j]
                    } else {
                        self.known[actors[j].0]
                    }
                })
                .collect();
            let turn = seed_angle(actor);
            let point = if placed.is_empty() {
                let slot = (self.known.len() + placed_new) as f32;
                let radius = 0.8 * IDEAL_LENGTH * slot.sqrt();
                let angle = slot * 2.399_963; // the golden angle: slots never line up
                Point::new(radius * angle.cos(), radius * angle.sin())
            } else {
                let n = placed.len() as f32;
                let cx = placed.iter().map(|p| p.x).sum::<f32>() / n;
                let cy = placed.iter().map(|p| p.y).sum::<f32>() / n;
                let r = 0.6 * IDEAL_LENGTH;
                Point::new(cx + r * turn.cos(), cy + r * turn.sin())
            };
            placed_new += 1;
            positions.push(point);
            mobility.push(1.0);
        }
        for (i, (actor, _)) in actors.iter().enumerate() {
            if self.pinned.contains(*actor) {
                mobility[i] = 0.0;
            }
        }
        self.actors = actors.iter().map(|(a, _)| (*a).clone()).collect();
        self.slots = self
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.clone(), i))
            .collect();
        for (actor, &p) in self.actors.iter().zip(&positions) {
            self.known.insert(actor.clone(), p);
        }
        self.positions = positions;
        self.mobility = mobility;
        self.ties = ties;
        self.shape = shape;
        self.temperature = if fresh {
            START_TEMPERATURE
        } else {
            RESETTLE_TEMPERATURE
        };
        self.adaptive = fresh;
        self.energy = f32::INFINITY;
        self.progress = 0;
        self.steps = 0;
    }

    fn remember_positions(&mut self) {
        for (actor, &p) in self.actors.iter().zip(&self.positions) {
            self.known.insert(actor.clone(), p);
        }
    }

    /// Forgets every place but the pinned ones: the next `sync` lays the graph out anew.
    pub fn forget(&mut self) {
        let pinned = &self.pinned;
        self.known.retain(|actor, _| pinned.contains(actor));
        self.shape.clear();
        self.actors.clear();
        self.restart = true;
    }

    /// Whether the layout is still moving (the view keeps repainting until it stops).
    pub fn is_settling(&self) -> bool {
        self.temperature > FROZEN_TEMPERATURE
    }

    /// One step of the simulation. Returns how far the furthest actor moved.
    #[expect(
        clippy::many_single_char_names,
        clippy::cast_possible_truncation,
        reason = "the letters of the force-directed formulae; grid cells of positions that stay within a few thousand points"
    )]
    pub fn step(&mut self) -> f32 {
        if !self.is_settling() {
            return 0.0;
        }
        let n = self.positions.len();
        let k = IDEAL_LENGTH;
        let mut force = vec![Point::default(); n];
        // Repulsion, by grid cell: only neighbours within range count.
        let cell = |p: Point| {
            (
                (p.x / REPULSION_RANGE).floor() as i32,
                (p.y / REPULSION_RANGE).floor() as i32,
            )
        };
        let mut grid: HashMap<(i32, i32), Vec<usize>> = HashMap::new();
        for (i, &p) in self.positions.iter().enumerate() {
            grid.entry(cell(p)).or_default().push(i);
        }
        for (i, &p) in self.positions.iter().enumerate() {
            let (cx, cy) = cell(p);
            for dx in -1..=1 {
                for dy in -1..=1 {
                    let Some(others) = grid.get(&(cx + dx, cy + dy)) else {
                        continue;
                    };
                    for &j in others.iter().filter(|&&j| j != i) {
                        let q = self.positions[j];
                        let (mut ddx, mut ddy) = (p.x - q.x, p.y - q.y);
                        let mut d2 = ddx * ddx + ddy * ddy;
                        if d2 < 1e-4 {
                            // Two actors on one spot: part them the same way every time.
                            let angle = (i * 7 + j * 13) as f32;
                            (ddx, ddy) = (angle.cos() * 0.01, angle.sin() * 0.01);
                            d2 = 1e-4;
                        }
                        if d2 > REPULSION_RANGE * REPULSION_RANGE {
                            continue;
                        }
                        // k²/d along the unit vector, faded to nothing at the range so
                        // that no force jumps as actors cross it (a jump never settles).
                        let fade = 1.0 - d2 / (REPULSION_RANGE * REPULSION_RANGE);
                        let push = k * k / d2 * fade * fade;
                        force[i].x += ddx * push;
                        force[i].y += ddy * push;
                    }
                }
            }
        }
        for &(a, b, weight) in &self.ties {
            let (p, q) = (self.positions[a], self.positions[b]);
            let (dx, dy) = (q.x - p.x, q.y - p.y);
            let d = dx.hypot(dy).max(0.01);
            let pull = weight * d / k; // (d²/k) along the unit vector
            force[a].x += dx * pull;
            force[a].y += dy * pull;
            force[b].x -= dx * pull;
            force[b].y -= dy * pull;
        }
        let mut furthest: f32 = 0.0;
        let mut energy = 0.0;
        for (i, f) in force.iter().enumerate() {
            let p = self.positions[i];
            let (fx, fy) = (f.x - GRAVITY * p.x * k, f.y - GRAVITY * p.y * k);
            let length = fx.hypot(fy);
            if self.mobility[i] > 0.0 {
                energy += length * length;
            }
            if length < 1e-6 || self.mobility[i] == 0.0 {
                continue;
            }
            let step = length.min(self.temperature * self.mobility[i]);
            let moved = Point::new(p.x + fx / length * step, p.y + fy / length * step);
            self.positions[i] = moved;
            furthest = furthest.max(step);
        }
        self.steps += 1;
        if self.adaptive {
            if energy < self.energy {
                self.progress += 1;
                if self.progress >= 5 {
                    self.progress = 0;
                    self.temperature = (self.temperature / ADAPT).min(START_TEMPERATURE);
                }
            } else {
                self.progress = 0;
                self.temperature *= ADAPT;
            }
            self.energy = energy;
            if furthest < STILL {
                self.temperature = 0.0;
            }
        } else {
            self.temperature *= COOLING;
        }
        if self.steps >= MAX_STEPS {
            self.temperature = 0.0;
        }
        furthest
    }

    /// Runs steps until settled or `max_steps` have run; returns the steps run.
    pub fn run(&mut self, max_steps: usize) -> usize {
        let mut steps = 0;
        while steps < max_steps && self.is_settling() {
            self.step();
            steps += 1;
        }
        steps
    }

    /// Runs to the end: what tests and benchmarks use.
    pub fn settle(&mut self) -> usize {
        self.run(usize::MAX)
    }

    pub fn position(&self, actor: &ActorId) -> Option<Point> {
        self.slot(actor).map(|i| self.positions[i])
    }

    /// The actor's place in `placed()`, which stays fixed until the next `sync`.
    pub fn slot(&self, actor: &ActorId) -> Option<usize> {
        self.slots.get(actor).copied()
    }

    pub fn position_at(&self, slot: usize) -> Point {
        self.positions[slot]
    }

    /// Every actor of the current graph with its place.
    pub fn placed(&self) -> impl Iterator<Item = (&ActorId, Point)> {
        self.actors.iter().zip(self.positions.iter().copied())
    }

    /// Puts an actor at `at` and keeps it there.
    pub fn pin(&mut self, actor: &ActorId, at: Point) {
        self.pinned.insert(actor.clone());
        self.known.insert(actor.clone(), at);
        if let Some(i) = self.slot(actor) {
            self.positions[i] = at;
            self.mobility[i] = 0.0;
            // Its neighbours follow a little.
            self.temperature = self.temperature.max(0.1 * IDEAL_LENGTH);
            self.adaptive = false;
        }
    }

    pub fn unpin(&mut self, actor: &ActorId) {
        self.pinned.remove(actor);
        if let Some(i) = self.slot(actor) {
            self.mobility[i] = 1.0;
            self.temperature = self.temperature.max(RESETTLE_TEMPERATURE);
            self.adaptive = false;
        }
    }

    pub fn is_pinned(&self, actor: &ActorId) -> bool {
        self.pinned.contains(actor)
    }

    /// The smallest box holding every actor, as (min, max); `None` when empty.
    pub fn bounds(&self) -> Option<(Point, Point)> {
        let first = *self.positions.first()?;
        Some(self.positions.iter().fold((first, first), |(lo, hi), p| {
            (
                Point::new(lo.x.min(p.x), lo.y.min(p.y)),
                Point::new(hi.x.max(p.x), hi.y.max(p.y)),
            )
        }))
    }
}

/// A direction of its own for each actor, from its id: the same run after run.
fn seed_angle(actor: &ActorId) -> f32 {
    let hash = actor.as_str().bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    (hash % 3600) as f32 / 3600.0 * std::f32::consts::TAU
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::ActorGraph;
    use crate::model::relation_query::{RelationIndex, RelationQuery};
    use crate::model::{Project, Relation};

    use crate::test_support::sample;

    fn graph_of(project: &Project) -> ActorGraph {
        let shown = RelationIndex::new(project).run(project, &RelationQuery::default());
        ActorGraph::new(project, &shown)
    }

    fn settled(project: &Project) -> Layout {
        let mut layout = Layout::default();
        layout.sync(&graph_of(project));
        layout.settle();
        layout
    }

    #[test]
    fn converges_to_a_readable_picture() {
        let project = sample();
        let graph = graph_of(&project);
        let mut layout = Layout::default();
        layout.sync(&graph);
        let steps = layout.settle();
        assert!(
            steps < MAX_STEPS,
            "took {steps} steps: it stopped by its limit, not by settling"
        );
        assert!(!layout.is_settling());
        // Settled means still: let every actor move a whole tie length, and none goes far.
        layout.temperature = IDEAL_LENGTH;
        layout.adaptive = false;
        let moved = layout.step();
        assert!(
            moved < 0.1 * IDEAL_LENGTH,
            "an actor was still pushed {moved}"
        );
        let placed: Vec<_> = layout.placed().collect();
        assert_eq!(placed.len(), graph.node_count());
        // No two actors on top of each other…
        for (i, (a, p)) in placed.iter().enumerate() {
            for (b, q) in &placed[i + 1..] {
                assert!(
                    p.distance(*q) > 0.3 * IDEAL_LENGTH,
                    "{a} and {b} overlap: {}",
                    p.distance(*q)
                );
            }
        }
        // …and tied actors near each other, within a few tie lengths.
        for (a, b, _) in graph.ties() {
            let d = layout
                .position(a)
                .unwrap()
                .distance(layout.position(b).unwrap());
            assert!(d < 3.0 * IDEAL_LENGTH, "{a}–{b} are {d} apart");
        }
    }

    #[test]
    fn is_the_same_every_time() {
        let project = sample();
        let (one, two) = (settled(&project), settled(&project));
        let a: Vec<_> = one.placed().collect();
        let b: Vec<_> = two.placed().collect();
        assert_eq!(a, b);
    }

    #[test]
    fn adding_one_relation_barely_moves_the_others() {
        let mut project = sample();
        let mut layout = settled(&project);
        let before: HashMap<ActorId, Point> =
            layout.placed().map(|(a, p)| (a.clone(), p)).collect();
        // A new tie between two actors already shown.
        project.relations.push(Relation {
            id: "rel-new".into(),
            source: "act-putin".into(),
            kind: "meets".into(),
            target: "act-milley".into(),
            date: None,
            sources: Vec::new(),
            note: String::new(),
            changed: None,
        });
        layout.sync(&graph_of(&project));
        assert!(layout.is_settling());
        layout.settle();
        let moved = before
            .iter()
            .map(|(a, p)| layout.position(a).unwrap().distance(*p))
            .fold(0.0_f32, f32::max);
        assert!(
            moved < 0.25 * IDEAL_LENGTH,
            "an actor moved {moved} (a tie is {IDEAL_LENGTH} long)"
        );
    }

    #[test]
    fn a_new_actor_starts_beside_its_neighbour_and_the_rest_stay() {
        let mut project = sample();
        let mut layout = settled(&project);
        let before: HashMap<ActorId, Point> =
            layout.placed().map(|(a, p)| (a.clone(), p)).collect();
        project.actors.push(crate::model::Actor::new(
            "act-new".into(),
            "جديد",
            crate::model::ActorKind::Person,
        ));
        project.relations.push(Relation {
            id: "rel-new".into(),
            source: "act-new".into(),
            kind: "meets".into(),
            target: "act-kuwait".into(),
            date: None,
            sources: Vec::new(),
            note: String::new(),
            changed: None,
        });
        layout.sync(&graph_of(&project));
        layout.settle();
        let kuwait = layout.position(&"act-kuwait".into()).unwrap();
        let new = layout.position(&"act-new".into()).unwrap();
        assert!(new.distance(kuwait) < 2.0 * IDEAL_LENGTH);
        let moved = before
            .iter()
            .map(|(a, p)| layout.position(a).unwrap().distance(*p))
            .fold(0.0_f32, f32::max);
        assert!(moved < 0.25 * IDEAL_LENGTH, "an actor moved {moved}");
    }

    #[test]
    fn a_pinned_actor_stays_where_it_was_put() {
        let project = sample();
        let mut layout = settled(&project);
        let spot = Point::new(1000.0, -500.0);
        layout.pin(&"act-qatar".into(), spot);
        layout.settle();
        assert_eq!(layout.position(&"act-qatar".into()), Some(spot));
        assert!(layout.is_pinned(&"act-qatar".into()));
        // Pins survive a change of the graph.
        let mut project = project;
        project.relations.retain(|r| r.kind.as_str() != "phones");
        layout.sync(&graph_of(&project));
        layout.settle();
        assert_eq!(layout.position(&"act-qatar".into()), Some(spot));
    }
}
