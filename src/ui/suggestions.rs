//! The review queue of what is not coded yet, across the whole project:
//! computed on another thread whenever the actors, articles or highlights
//! change, and reviewed from the keyboard — Down/Up (or J/K) move, Space shows
//! the passage, Enter accepts, Shift+Enter accepts all of that actor's,
//! Backspace rejects. Accepting and rejecting are each one undoable edit; a
//! rejection is kept in the project and listed under the queue, where it
//! can be restored.

use super::bidi_label;
use super::intents::{Intent, Intents};
use super::text_resources::TextResources;
use crate::app::{Action, Document};
use crate::model::edit::Edit;
use crate::model::{ActorId, Project};
use crate::suggest::candidates::Candidate;
use crate::suggest::{Matcher, Suggestion, queue};
use std::collections::HashSet;
use std::sync::Arc;
use std::sync::mpsc::Receiver;

/// What the list was computed from: the actors', articles', highlights' and
/// rejections' revisions.
type Key = (u64, u64, u64, u64);

const ROW_HEIGHT: f32 = 56.0;

/// How long the coding must rest before the queue is computed again.
const PAUSE: std::time::Duration = std::time::Duration::from_millis(150);

/// What the computation sends: the mentions of registered actors (with the
/// state the next computation reuses), then the candidates for new actors.
enum Update {
    /// The first screen of mentions, before the rest of the project is read.
    First(Arc<Matcher>, Vec<Suggestion>),
    Mentions(queue::Mentions),
    Candidates(Vec<Candidate>),
}

#[derive(Default)]
pub struct SuggestionsView {
    list: Waiting,
    /// Actors not registered yet, after the mentions in the queue.
    candidates: Vec<Candidate>,
    matcher: Option<Arc<Matcher>>,
    computed: Option<Key>,
    /// The computation asked for last, and what stops it.
    pending: Option<(Key, queue::Stop)>,
    worker: Option<Worker>,
    /// The last mentions computed.
    mentions: Option<queue::Mentions>,
    /// When the coding last changed (to wait for a pause before computing).
    changed: Option<(Key, std::time::Instant)>,
    selected: usize,
    /// Turned down since the computation under way was asked for (the
    /// project has them too, but not the copy it reads).
    rejected: HashSet<String>,
    /// Bring the selected row into view on the next frame.
    scroll_to_selected: bool,
}

impl std::fmt::Debug for SuggestionsView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SuggestionsView")
            .field("waiting", &self.list.len())
            .field("selected", &self.selected)
            .field("computing", &self.pending.is_some())
            .finish_non_exhaustive()
    }
}

impl SuggestionsView {
    /// The suggestions waiting, in article order (a copy: for tests).
    pub fn list(&self) -> Vec<Suggestion> {
        self.list.iter().map(|(_, s)| s.clone()).collect()
    }

    /// How many mentions are waiting.
    pub fn waiting(&self) -> usize {
        self.list.len()
    }

    pub fn selected(&self) -> Option<&Suggestion> {
        self.list.get(self.selected)
    }

    pub fn is_computing(&self) -> bool {
        self.pending.is_some()
    }

    /// Asks for a computation when the coding changed, and takes what comes.
    fn refresh(&mut self, ctx: &egui::Context, document: &Document) {
        let r = document.revisions();
        let key = (r.actors, r.articles, r.highlights, r.rejections);
        let asked = self.pending.as_ref().is_some_and(|(k, _)| *k == key);
        if self.computed != Some(key) && !asked {
            // While the analyst codes one passage after another, the queue
            // waits for a pause: a computation holding the lists while the
            // next tag is made would have the window copy them.
            let now = std::time::Instant::now();
            let since = match self.changed {
                Some((k, at)) if k == key => now.duration_since(at),
                _ => {
                    self.changed = Some((key, now));
                    std::time::Duration::ZERO
                }
            };
            if since >= PAUSE || self.matcher.is_none() {
                self.start(ctx, document, key);
            } else {
                ctx.request_repaint_after(PAUSE.saturating_sub(since));
            }
        }
        while let Some((key, update)) = self.worker.as_ref().and_then(|w| w.updates.try_recv().ok())
        {
            self.take(key, update);
        }
    }

    fn start(&mut self, ctx: &egui::Context, document: &Document, key: Key) {
        self.worker
            .get_or_insert_with(|| Worker::spawn(ctx.clone()));
        self.ask(document, key);
    }

    /// Asks the worker for the queue of `document` as it is (`key`).
    fn ask(&mut self, document: &Document, key: Key) {
        let Some(worker) = &self.worker else {
            return;
        };
        // The project asked about holds every rejection made so far (and not
        // one undone since); those made from now on are left out on landing.
        self.rejected.clear();
        let stop = queue::Stop::default();
        if let Some((_, older)) = self.pending.replace((key, stop.clone())) {
            older.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        let request = Request {
            key,
            // Its lists are shared: the copy is cheap, the matching leaves the window free.
            snapshot: document.project().clone(),
            basis: queue::Basis {
                actors: key.0,
                articles: key.1,
                rejections: key.3,
            },
            stop,
            first_screen: self.matcher.is_none(),
        };
        if worker.requests.send(request).is_err() {
            // The worker is gone (it panicked): the next frame starts another.
            self.worker = None;
            self.pending = None;
        }
    }

    /// Takes what the worker sent for the computation asked for last.
    fn take(&mut self, key: Key, update: Update) {
        if self.pending.as_ref().is_some_and(|(k, _)| *k == key) {
            self.land(update);
        } else {
            // A stale list may hold the last reference to hundreds of
            // thousands of suggestions: freed off the window's thread.
            std::thread::spawn(move || drop(update));
        }
    }

    /// Computes the queue for `document` as it is now (once the tab has been
    /// shown) and waits for it: for tests and scripts that must see its
    /// result. The window never waits.
    pub fn wait(&mut self, document: &Document) {
        let r = document.revisions();
        let key = (r.actors, r.articles, r.highlights, r.rejections);
        let asked = self.pending.as_ref().is_some_and(|(k, _)| *k == key);
        if self.computed != Some(key) && !asked {
            self.ask(document, key);
        }
        while self.pending.is_some() {
            match self.worker.as_ref().map(|w| w.updates.recv()) {
                Some(Ok((key, update))) => self.take(key, update),
                _ => self.pending = None,
            }
        }
    }

    /// How many articles the last computation matched again (the others'
    /// mentions were reused).
    pub fn last_matched(&self) -> Option<usize> {
        self.mentions.as_ref().map(|m| m.matched)
    }

    /// What the computation sent becomes the list, keeping the place and
    /// leaving out what was rejected meanwhile.
    fn land(&mut self, update: Update) {
        match update {
            Update::First(matcher, list) => {
                if self.matcher.is_none() {
                    self.list = Waiting::new(Arc::new(list), |_| false);
                    self.matcher = Some(matcher);
                }
            }
            Update::Mentions(mentions) => {
                let rejected = &self.rejected;
                let list = Waiting::new(mentions.list.clone(), |s| {
                    !rejected.is_empty() && rejected.contains(&s.rejection_id())
                });
                // Keep the place: the same passage if it is still there.
                let at = self.selected().map(|s| (s.article.clone(), s.span));
                let old = (
                    std::mem::replace(&mut self.list, list),
                    self.mentions.replace(mentions.clone()),
                );
                // Hundreds of thousands of suggestions are freed off the window's thread.
                std::thread::spawn(move || drop(old));
                self.selected = at
                    .and_then(|(article, span)| {
                        self.list
                            .iter()
                            .find(|(_, s)| s.article == article && s.span.start >= span.start)
                            .map(|(i, _)| i)
                    })
                    .unwrap_or(self.selected)
                    .min(self.len().saturating_sub(1));
                self.matcher = Some(mentions.matcher);
            }
            Update::Candidates(mut candidates) => {
                let Some((key, _)) = self.pending.take() else {
                    return;
                };
                if !self.rejected.is_empty() {
                    candidates.retain(|c| !self.rejected.contains(&c.rejection_id()));
                }
                self.candidates = candidates;
                self.selected = self.selected.min(self.len().saturating_sub(1));
                self.computed = Some(key);
            }
        }
    }

    /// Mentions and candidates together, the length of the queue.
    fn len(&self) -> usize {
        self.list.len() + self.candidates.len()
    }

    /// The candidates for new actors waiting after the mentions.
    pub fn candidates(&self) -> &[Candidate] {
        &self.candidates
    }

    fn accept(&mut self, index: usize, intents: &mut Intents) {
        if let Some(i) = index.checked_sub(self.list.len()) {
            // A new actor: made, named and kinded as proposed, and its
            // mention tagged, in one undoable step.
            if i < self.candidates.len() {
                let c = self.candidates.remove(i);
                if c.actor.is_none() {
                    // The same new actor proposed elsewhere comes back as its
                    // mentions once the actor exists: accepting one of those
                    // meanwhile would make it twice.
                    self.candidates
                        .retain(|o| o.actor.is_some() || o.name != c.name);
                }
                intents.push(Action::Edit(match c.actor {
                    Some(actor) => Edit::TagMentions {
                        actor,
                        mentions: vec![(c.article, c.span)],
                    },
                    None => Edit::TagAsNewActor {
                        article: c.article,
                        span: c.span,
                        name: c.name,
                        kind: c.kind,
                        aliases: c.aliases,
                        gloss: c.gloss,
                    },
                }));
                self.after_removal();
            }
            return;
        }
        let Some(s) = self.list.take(index) else {
            return;
        };
        intents.push(Action::Edit(Edit::TagMentions {
            actor: s.actor,
            mentions: vec![(s.article, s.span)],
        }));
        self.after_removal();
    }

    fn accept_all_of(&mut self, actor: &ActorId, intents: &mut Intents) {
        let theirs = self.list.take_all(|s| &s.actor == actor);
        if !theirs.is_empty() {
            intents.push(Action::Edit(Edit::TagMentions {
                actor: actor.clone(),
                mentions: theirs.into_iter().map(|s| (s.article, s.span)).collect(),
            }));
        }
        self.after_removal();
    }

    fn reject(&mut self, index: usize, intents: &mut Intents) {
        let rejection = if let Some(i) = index.checked_sub(self.list.len()) {
            if i >= self.candidates.len() {
                return;
            }
            self.candidates.remove(i).rejected()
        } else if let Some(s) = self.list.take(index) {
            s.rejected()
        } else {
            return;
        };
        self.rejected.insert(rejection.id.clone());
        intents.push(Action::Edit(Edit::Reject(vec![rejection])));
        self.after_removal();
    }

    fn after_removal(&mut self) {
        // The list now lacks what was taken, whatever it was computed from: an
        // undo brings the revisions back to those it was computed for, and
        // the passage taken back must be offered again.
        self.computed = None;
        self.selected = self.selected.min(self.len().saturating_sub(1));
        self.scroll_to_selected = true;
    }

    fn reveal(&self, intents: &mut Intents) {
        let at = match self.selected() {
            Some(s) => Some((s.article.clone(), s.span)),
            None => self
                .selected
                .checked_sub(self.list.len())
                .and_then(|i| self.candidates.get(i))
                .map(|c| (c.article.clone(), c.span)),
        };
        if let Some((article, span)) = at {
            intents.push(Intent::Reveal {
                article,
                span,
                highlight: None,
            });
        }
    }

    /// The review keys, when no text field has the keyboard.
    fn keys(&mut self, ui: &egui::Ui, intents: &mut Intents) {
        if super::text_field::typing(ui.ctx()) || self.len() == 0 {
            return;
        }
        let pressed = |key| ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key));
        if pressed(egui::Key::ArrowDown) || pressed(egui::Key::J) {
            self.selected = (self.selected + 1).min(self.len() - 1);
            self.scroll_to_selected = true;
            self.reveal(intents);
        } else if pressed(egui::Key::ArrowUp) || pressed(egui::Key::K) {
            self.selected = self.selected.saturating_sub(1);
            self.scroll_to_selected = true;
            self.reveal(intents);
        } else if pressed(egui::Key::Space) {
            self.reveal(intents);
        } else if ui.input_mut(|i| i.consume_key(egui::Modifiers::SHIFT, egui::Key::Enter)) {
            if let Some(actor) = self.selected().map(|s| s.actor.clone()) {
                self.accept_all_of(&actor, intents);
            }
        } else if pressed(egui::Key::Enter) {
            self.accept(self.selected, intents);
        } else if pressed(egui::Key::Backspace) || pressed(egui::Key::Delete) {
            self.reject(self.selected, intents);
        }
    }

    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        text: &mut TextResources,
        document: &Document,
        intents: &mut Intents,
    ) {
        self.refresh(ui.ctx(), document);
        self.keys(ui, intents);
        let project = document.project();
        ui.horizontal_wrapped(|ui| {
            ui.label(format!(
                "{} not coded yet, {} new actor(s)",
                self.list.len(),
                self.candidates.len()
            ));
            if self.is_computing() {
                ui.spinner();
                ui.weak("looking through the project…");
            }
        });
        ui.weak("Down/Up (J/K) move · Space show · Enter accept · Shift+Enter all of this actor · Backspace reject");
        rejected_list(ui, text, project, intents);
        let Some(matcher) = self.matcher.clone() else {
            return;
        };
        let mut accepted: Option<usize> = None;
        let mut rejected = None;
        let mut all_of = None;
        let mut clicked = None;
        let scroll_to = std::mem::take(&mut self.scroll_to_selected).then_some(self.selected);
        let mut area = egui::ScrollArea::vertical()
            .id_salt("suggestions")
            .auto_shrink(false);
        if let Some(row) = scroll_to {
            #[expect(clippy::cast_precision_loss, reason = "a row index")]
            let y = row as f32 * (ROW_HEIGHT + ui.spacing().item_spacing.y);
            area = area.vertical_scroll_offset((y - ui.available_height() / 2.0).max(0.0));
        }
        area.show_rows(ui, ROW_HEIGHT, self.len(), |ui, rows| {
            for i in rows {
                let described = match self.list.get(i) {
                    Some(s) => matcher.describe(project, s),
                    None => self
                        .candidates
                        .get(i - self.list.len())
                        .and_then(|c| described_candidate(project, c)),
                };
                let Some(described) = described else {
                    continue;
                };
                let selected = i == self.selected;
                let frame = egui::Frame::new()
                    .fill(if selected {
                        ui.visuals().selection.bg_fill.gamma_multiply(0.4)
                    } else {
                        egui::Color32::TRANSPARENT
                    })
                    .inner_margin(2.0);
                // The row senses clicks beneath its buttons (a sense added
                // after them would lie on top and take their clicks).
                let response = ui
                    .scope_builder(egui::UiBuilder::new().sense(egui::Sense::click()), |ui| {
                        frame.show(ui, |ui| {
                            ui.set_min_height(ROW_HEIGHT - 4.0);
                            ui.horizontal(|ui| {
                                if ui.small_button("Accept").clicked() {
                                    accepted = Some(i);
                                }
                                if ui.small_button("Reject").clicked() {
                                    rejected = Some(i);
                                }
                                if ui
                                    .small_button("All")
                                    .on_hover_text("Accept every suggestion of this actor")
                                    .clicked()
                                {
                                    all_of = Some(described.actor.clone());
                                }
                                ui.with_layout(
                                    egui::Layout::right_to_left(egui::Align::Min),
                                    |ui| {
                                        let actor = project
                                            .actor(&described.actor)
                                            .map_or(described.name.as_str(), |a| a.name.as_str());
                                        bidi_label::show(ui, text, actor, 13.0)
                                            .on_hover_text(&described.why);
                                    },
                                );
                            });
                            let mark = described.context.find(&described.quote).map(|byte| {
                                let start = described.context[..byte].chars().count();
                                start..start + described.quote.chars().count()
                            });
                            ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                                bidi_label::show_marked(ui, text, &described.context, 14.0, mark);
                            });
                        })
                    })
                    .response;
                let label = format!("Suggestion: {} as {}", described.quote, described.name);
                response.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::ListItem, true, selected, &label)
                });
                if response.clicked() {
                    clicked = Some(i);
                }
            }
        });
        if let Some(i) = accepted {
            self.selected = i;
            self.accept(i, intents);
        } else if let Some(i) = rejected {
            self.selected = i;
            self.reject(i, intents);
        } else if let Some(actor) = all_of {
            self.accept_all_of(&actor, intents);
        } else if let Some(i) = clicked {
            self.selected = i;
            self.reveal(intents);
        }
    }
}

/// What was turned down, to review and restore (each restore one undoable edit).
fn rejected_list(
    ui: &mut egui::Ui,
    text: &mut TextResources,
    project: &Project,
    intents: &mut Intents,
) {
    if project.rejections.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("Rejected ({})", project.rejections.len()))
        .id_salt("rejected suggestions")
        .show(ui, |ui| {
            if ui
                .small_button("Restore all")
                .on_hover_text("Offer every rejected suggestion again")
                .clicked()
            {
                intents.push(Action::Edit(Edit::Unreject(
                    project.rejections.iter().map(|r| r.id.clone()).collect(),
                )));
            }
            egui::ScrollArea::vertical()
                .id_salt("rejected")
                .max_height(160.0)
                .show_rows(ui, 22.0, project.rejections.len(), |ui, rows| {
                    for r in &project.rejections[rows] {
                        ui.horizontal(|ui| {
                            if ui.small_button("Restore").clicked() {
                                intents.push(Action::Edit(Edit::Unreject(vec![r.id.clone()])));
                            }
                            let quote: String = project
                                .article(&r.article)
                                .map(|a| {
                                    a.body
                                        .chars()
                                        .skip(r.span.start)
                                        .take(r.span.end - r.span.start)
                                        .collect()
                                })
                                .unwrap_or_default();
                            let actor = project
                                .actor(&r.actor)
                                .map_or(r.name.as_str(), |a| a.name.as_str());
                            bidi_label::show(ui, text, &format!("«{quote}»"), 13.0);
                            ui.weak("not as");
                            bidi_label::show(ui, text, actor, 13.0);
                        });
                    }
                });
        });
}

/// A computation asked of the worker.
struct Request {
    key: Key,
    snapshot: Project,
    basis: queue::Basis,
    stop: queue::Stop,
    /// Hand over the first screen before the rest (for a queue not shown yet).
    first_screen: bool,
}

/// One thread that computes the queue, always for the newest request: while
/// an analyst accepts one suggestion after another, the requests in between
/// are skipped and the one under way stops, so the window keeps a core.
struct Worker {
    requests: std::sync::mpsc::Sender<Request>,
    updates: Receiver<(Key, Update)>,
}

impl Worker {
    fn spawn(waker: egui::Context) -> Self {
        let (requests, asked) = std::sync::mpsc::channel::<Request>();
        let (sender, updates) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            // The last mentions computed: what the next computation reuses.
            let mut last: Option<queue::Mentions> = None;
            while let Ok(mut request) = asked.recv() {
                while let Ok(newer) = asked.try_recv() {
                    request = newer;
                }
                let Request {
                    key,
                    snapshot: whole,
                    basis,
                    stop,
                    first_screen,
                } = request;
                let snapshot = queue::light(&whole);
                // Let go of the window's lists at once (see `queue::light`).
                drop(whole);
                let send = |update: Update| {
                    let sent = sender.send((key, update)).is_ok();
                    waker.request_repaint();
                    sent
                };
                let mut first = |matcher: &Arc<Matcher>, found: &[Suggestion]| {
                    if first_screen {
                        send(Update::First(matcher.clone(), found.to_vec()));
                    }
                };
                let Some(mentions) =
                    queue::mentions_with_first(&snapshot, basis, last.as_ref(), &stop, &mut first)
                else {
                    continue;
                };
                last = Some(mentions.clone());
                if !send(Update::Mentions(mentions.clone())) {
                    return;
                }
                if let Some(candidates) = queue::new_actors(&snapshot, &mentions, &stop)
                    && !send(Update::Candidates(candidates))
                {
                    return;
                }
            }
        });
        Self { requests, updates }
    }
}

/// The mentions waiting in the queue: the computation's list, shared with
/// it (a project of thousands of articles has hundreds of thousands, too many
/// to copy or shift on the window's thread at each accept), less the places
/// taken out since it came.
#[derive(Default)]
struct Waiting {
    all: Arc<Vec<Suggestion>>,
    /// Places in `all` accepted or rejected since, ascending.
    taken: Vec<usize>,
}

impl Waiting {
    fn new(all: Arc<Vec<Suggestion>>, leave_out: impl Fn(&Suggestion) -> bool) -> Self {
        let taken = all
            .iter()
            .enumerate()
            .filter(|(_, s)| leave_out(s))
            .map(|(i, _)| i)
            .collect();
        Self { all, taken }
    }

    fn len(&self) -> usize {
        self.all.len() - self.taken.len()
    }

    /// The place in `all` of the `row`th suggestion waiting.
    fn place(&self, row: usize) -> Option<usize> {
        let mut place = row;
        for &t in &self.taken {
            if t <= place {
                place += 1;
            } else {
                break;
            }
        }
        (place < self.all.len()).then_some(place)
    }

    fn get(&self, row: usize) -> Option<&Suggestion> {
        self.place(row).map(|p| &self.all[p])
    }

    fn take(&mut self, row: usize) -> Option<Suggestion> {
        let place = self.place(row)?;
        let at = self.taken.partition_point(|&t| t < place);
        self.taken.insert(at, place);
        Some(self.all[place].clone())
    }

    /// Takes out every suggestion waiting for which `pick` is true.
    fn take_all(&mut self, pick: impl Fn(&Suggestion) -> bool) -> Vec<Suggestion> {
        let mut picked = Vec::new();
        let mut places = Vec::new();
        let mut skip = self.taken.iter().peekable();
        for (i, s) in self.all.iter().enumerate() {
            if skip.next_if(|&&t| t == i).is_none() && pick(s) {
                places.push(i);
                picked.push(s.clone());
            }
        }
        let mut taken = Vec::with_capacity(self.taken.len() + places.len());
        let (mut a, mut b) = (self.taken.iter().peekable(), places.iter().peekable());
        while let (Some(&&x), Some(&&y)) = (a.peek(), b.peek()) {
            if x < y {
                taken.push(x);
                a.next();
            } else {
                taken.push(y);
                b.next();
            }
        }
        taken.extend(a.chain(b));
        self.taken = taken;
        picked
    }

    /// The suggestions waiting with their rows.
    fn iter(&self) -> impl Iterator<Item = (usize, &Suggestion)> {
        let mut taken = self.taken.iter().peekable();
        self.all
            .iter()
            .enumerate()
            .filter(move |(i, _)| taken.next_if(|&&t| t == *i).is_none())
            .enumerate()
            .map(|(row, (_, s))| (row, s))
    }
}

/// A candidate in the words a row shows.
fn described_candidate(project: &Project, c: &Candidate) -> Option<crate::suggest::Described> {
    let chars: Vec<char> = project.article(&c.article)?.body.chars().collect();
    Some(c.described(&chars))
}
