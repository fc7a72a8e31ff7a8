//! The right sidebar: the actor registry, claims, the highlights of the
//! article in focus, project search (Ctrl+F), "find other mentions" and the
//! project's suggestions.

use super::bidi_label;
use super::intents::{Intent, Intents};
use super::text_field::TextField;
use super::text_resources::TextResources;
use super::{actor_list, search_job};
use crate::app::Action;
use crate::model::coded::Coded;
use crate::model::edit::Edit;
use crate::model::search::{self, Hit};
use crate::model::{ActorId, ArticleId, Project, Tag};
use egui::Sense;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Actors,
    Claims,
    Highlights,
    Search,
    Mentions,
    /// What is not coded yet, across the project.
    Suggestions,
    /// One actor: its highlighted mentions in every article.
    Actor,
}

/// The sidebar's own state: its tab, the search and the mentions being reviewed.
#[derive(Debug, Default)]
pub struct Sidebar {
    pub tab: Tab,
    pub actor_filter: String,
    pub query: String,
    pub hits: Vec<Hit>,
    searched: String,
    /// The rest of the search, still running in the background.
    searching: Option<search_job::SearchJob>,
    pub mentions_of: Option<ActorId>,
    pub mentions: Vec<Hit>,
    /// The actor the Actor tab is about, and its tagged mentions.
    pub actor: Option<ActorId>,
    pub tagged: Vec<Hit>,
    pub suggestions: super::suggestions::SuggestionsView,
}

impl Sidebar {
    /// Lists the unhighlighted mentions of `actor` for review.
    pub fn find_mentions(&mut self, project: &Project, actor: &ActorId) {
        self.mentions = search::unhighlighted_mentions(project, actor);
        self.mentions_of = Some(actor.clone());
        self.tab = Tab::Mentions;
    }

    /// Lists every highlighted mention of `actor` (what a click on a network node shows).
    pub fn show_actor(&mut self, project: &Project, actor: &ActorId) {
        self.tagged = search::tagged_mentions(project, actor);
        self.actor = Some(actor.clone());
        self.tab = Tab::Actor;
    }

    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        text: &mut TextResources,
        document: &crate::app::Document,
        focused_article: Option<&ArticleId>,
        intents: &mut Intents,
    ) {
        let (project, coded) = (&document.project(), &document.coded());
        ui.horizontal_wrapped(|ui| {
            for (tab, name) in [
                (Tab::Actors, "Actors"),
                (Tab::Claims, "Claims"),
                (Tab::Highlights, "Highlights"),
                (Tab::Search, "Search"),
                (Tab::Mentions, "Mentions"),
                (Tab::Suggestions, "Suggestions"),
                (Tab::Actor, "Actor"),
            ] {
                ui.selectable_value(&mut self.tab, tab, name);
            }
        });
        ui.separator();
        match self.tab {
            Tab::Actors => {
                if ui
                    .small_button("Codebook table…")
                    .on_hover_text(
                        "Every actor with its counts: sort, filter, merge or delete several",
                    )
                    .clicked()
                {
                    intents.push(Intent::ShowCodebook(super::codebook::Tab::Actors));
                }
                actor_list::show(ui, text, project, coded, &mut self.actor_filter, intents);
            }
            Tab::Claims => {
                if ui
                    .small_button("Claims table…")
                    .on_hover_text("Every claim with its speaker, stance and counts")
                    .clicked()
                {
                    intents.push(Intent::ShowCodebook(super::codebook::Tab::Claims));
                }
                claims(ui, text, project, intents);
            }
            Tab::Highlights => highlights(ui, text, project, coded, focused_article, intents),
            Tab::Search => self.search(ui, text, project, intents),
            Tab::Mentions => self.mentions(ui, text, project, intents),
            Tab::Suggestions => self.suggestions.show(ui, text, document, intents),
            Tab::Actor => self.actor(ui, text, project, intents),
        }
    }

    fn search(
        &mut self,
        ui: &mut egui::Ui,
        text: &mut TextResources,
        project: &Project,
        intents: &mut Intents,
    ) {
        TextField::singleline(&mut self.query, "Search the project")
            .hint("word or name (Ctrl+F)")
            .show(ui, text);
        if self.query != self.searched {
            (self.hits, self.searching) = if self.query.trim().chars().count() >= 2 {
                search_job::start(&project.articles, &self.query)
            } else {
                (Vec::new(), None)
            };
            self.searched.clone_from(&self.query);
        }
        if let Some(job) = &mut self.searching
            && !job.poll(&mut self.hits)
        {
            self.searching = None;
        }
        if self.searching.is_some() {
            ui.horizontal(|ui| {
                ui.add(egui::Spinner::new());
                ui.weak(format!("{} hits so far, searching…", self.hits.len()));
            });
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(30));
        } else {
            ui.weak(format!("{} hits", self.hits.len()));
        }
        hit_list(ui, text, project, &self.hits, "search", intents, |_, _| {});
    }

    fn actor(
        &mut self,
        ui: &mut egui::Ui,
        text: &mut TextResources,
        project: &Project,
        intents: &mut Intents,
    ) {
        let Some(actor) = self.actor.as_ref().and_then(|id| project.actor(id)) else {
            ui.weak("Click an actor in the network to see its mentions here.");
            return;
        };
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
            bidi_label::show(ui, text, &actor.name, 16.0);
        });
        if !actor.aliases.is_empty() {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                bidi_label::show(ui, text, &actor.aliases.join("، "), 13.0);
            });
        }
        let id = actor.id.clone();
        ui.horizontal(|ui| {
            ui.weak(format!("{} highlighted mentions", self.tagged.len()));
            if ui.small_button("Find other mentions").clicked() {
                intents.push(Intent::FindMentions(id));
            }
        });
        hit_list(ui, text, project, &self.tagged, "actor", intents, |_, _| {});
    }

    fn mentions(
        &mut self,
        ui: &mut egui::Ui,
        text: &mut TextResources,
        project: &Project,
        intents: &mut Intents,
    ) {
        let Some(actor) = self.mentions_of.as_ref().and_then(|id| project.actor(id)) else {
            ui.weak("Choose an actor in the Actors tab and press “Find other mentions”.");
            return;
        };
        ui.horizontal(|ui| {
            ui.label("Not yet highlighted:");
            bidi_label::show(ui, text, &actor.name, 14.0);
        });
        let actor_id = actor.id.clone();
        ui.horizontal(|ui| {
            if ui
                .button(format!("Accept all ({})", self.mentions.len()))
                .clicked()
                && !self.mentions.is_empty()
            {
                intents.push(Action::Edit(Edit::TagMentions {
                    actor: actor_id.clone(),
                    mentions: self
                        .mentions
                        .drain(..)
                        .map(|h| (h.article, h.span))
                        .collect(),
                }));
            }
            if ui.button("Dismiss all").clicked() {
                self.mentions.clear();
            }
        });
        let mut accepted = None;
        let mut dismissed = None;
        hit_list(
            ui,
            text,
            project,
            &self.mentions,
            "mentions",
            intents,
            |ui, i| {
                if ui.small_button("Accept").clicked() {
                    accepted = Some(i);
                }
                if ui.small_button("Dismiss").clicked() {
                    dismissed = Some(i);
                }
            },
        );
        if let Some(i) = accepted {
            let hit = self.mentions.remove(i);
            intents.push(Action::Edit(Edit::TagMentions {
                actor: actor_id,
                mentions: vec![(hit.article, hit.span)],
            }));
        } else if let Some(i) = dismissed {
            self.mentions.remove(i);
        }
    }
}

fn hit_list(
    ui: &mut egui::Ui,
    text: &mut TextResources,
    project: &Project,
    hits: &[Hit],
    salt: &str,
    intents: &mut Intents,
    mut buttons: impl FnMut(&mut egui::Ui, usize),
) {
    egui::ScrollArea::vertical()
        .id_salt(salt)
        .auto_shrink(false)
        .show_rows(ui, 52.0, hits.len(), |ui, rows| {
            for i in rows {
                let hit = &hits[i];
                let title = project
                    .article(&hit.article)
                    .map_or("", |a| a.title.as_str());
                let response = ui
                    .vertical(|ui| {
                        ui.horizontal(|ui| {
                            buttons(ui, i);
                            ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                                bidi_label::show(ui, text, title, 12.0);
                            });
                        });
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                            bidi_label::show_marked(
                                ui,
                                text,
                                &hit.context,
                                14.0,
                                Some(hit.context_mark.clone()),
                            );
                        });
                    })
                    .response
                    .interact(Sense::click());
                let context = hit.context.clone();
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::ListItem, true, &context)
                });
                if response.clicked() {
                    intents.push(Intent::Reveal {
                        article: hit.article.clone(),
                        span: hit.span,
                        highlight: None,
                    });
                }
                ui.separator();
            }
        });
}

fn claims(ui: &mut egui::Ui, text: &mut TextResources, project: &Project, intents: &mut Intents) {
    egui::ScrollArea::vertical()
        .id_salt("claims")
        .auto_shrink(false)
        .show(ui, |ui| {
            for claim in &project.claims {
                let response = ui
                    .vertical(|ui| {
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                            bidi_label::show(ui, text, project.claim_text(claim), 14.0);
                        });
                        ui.horizontal(|ui| {
                            ui.weak(claim.stance.label());
                            if let Some(speaker) =
                                claim.speaker.as_ref().and_then(|s| project.actor(s))
                            {
                                bidi_label::show(ui, text, &speaker.name, 12.0);
                            }
                        });
                    })
                    .response
                    .interact(Sense::click());
                let label = project.claim_text(claim).to_owned();
                response
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ListItem, true, &label));
                response.context_menu(|ui| {
                    for (label, command) in [
                        ("Edit…", Intent::EditClaim(claim.id.clone())),
                        ("Delete…", Intent::DeleteClaim(claim.id.clone())),
                    ] {
                        if ui.button(label).clicked() {
                            intents.push(command);
                            ui.close();
                        }
                    }
                });
                if response.double_clicked() {
                    intents.push(Intent::EditClaim(claim.id.clone()));
                }
                if response.clicked()
                    && let Some(h) = project
                        .highlights
                        .iter()
                        .find(|h| h.tag == Tag::Claim(claim.id.clone()))
                {
                    intents.push(Intent::Reveal {
                        article: h.article.clone(),
                        span: h.span,
                        highlight: Some(h.id.clone()),
                    });
                }
                ui.separator();
            }
        });
}

fn highlights(
    ui: &mut egui::Ui,
    text: &mut TextResources,
    project: &Project,
    coded: &Coded,
    article: Option<&ArticleId>,
    intents: &mut Intents,
) {
    let Some(article) = article else {
        ui.weak("No article in focus.");
        return;
    };
    let mut list: Vec<_> = coded.highlights_in(project, article).collect();
    list.sort_by_key(|h| (h.span.start, h.span.end));
    ui.weak(format!("{} highlights in the article in focus", list.len()));
    egui::ScrollArea::vertical()
        .id_salt("highlights")
        .auto_shrink(false)
        .show_rows(ui, 24.0, list.len(), |ui, rows| {
            for h in &list[rows] {
                let tag = match &h.tag {
                    Tag::Actor(id) => project
                        .actor(id)
                        .map_or_else(String::new, |a| a.name.clone()),
                    Tag::Claim(id) => project
                        .claim(id)
                        .map_or_else(String::new, |c| project.claim_text(c).to_owned()),
                    Tag::Evidence => "evidence".to_owned(),
                };
                let response = ui
                    .horizontal(|ui| {
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            // The tag first, in at most a third of the row, then the
                            // quote in what is left: a long quote is cut short rather
                            // than pushing the row (and the sidebar) wider.
                            let third = ui.available_width() / 3.0;
                            ui.scope(|ui| {
                                ui.set_max_width(third);
                                bidi_label::show(ui, text, &tag, 12.0);
                            });
                            ui.weak("·");
                            // In quotation marks, so its first and last letters show
                            // where it starts and ends (a stray space or a cut word shows).
                            bidi_label::show(ui, text, &format!("«{}»", h.quote), 13.0);
                        });
                    })
                    .response
                    .interact(Sense::click());
                let quote = h.quote.clone();
                response
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ListItem, true, &quote));
                if response.clicked() {
                    intents.push(Intent::Reveal {
                        article: h.article.clone(),
                        span: h.span,
                        highlight: Some(h.id.clone()),
                    });
                }
            }
        });
}
