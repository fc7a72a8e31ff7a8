//! What an import brings, whatever the format: articles with coded spans,
//! the actors and claims the spans name, relations between actors, and a
//! list of what the format held that Warraq could not map. `add_to` puts it
//! into a project: an actor already there (same name or alias, Arabic
//! folded) is reused rather than made twice, an article already there (same
//! text) gets the new coding instead of a copy, and an exact duplicate
//! highlight or relation is not added again.

use crate::model::{
    Actor, ActorId, ActorKind, Article, ArticleId, Claim, ClaimId, Concept, ConceptId, Date,
    Highlight, IdGenerator, Project, Relation, RelationType, Source, Span, Speech, Stamp, Stance,
    Tag, text,
};
use crate::team::identity;
use std::collections::HashMap;

/// An actor as the file names it; `key` is the file's own reference to it.
#[derive(Debug, Clone, PartialEq)]
pub struct IncomingActor {
    pub key: String,
    pub name: String,
    pub kind: ActorKind,
    pub aliases: Vec<String>,
    pub gloss: String,
    pub note: String,
    /// Who made it and when, where the file says.
    pub changed: Option<Stamp>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IncomingClaim {
    pub key: String,
    /// The concept's words: claims with the same words are stances on one concept.
    pub text: String,
    /// The key of the speaking actor.
    pub speaker: Option<String>,
    /// The key of the actor the speaker speaks for.
    pub on_behalf_of: Option<String>,
    pub stance: Stance,
    pub note: String,
    pub changed: Option<Stamp>,
}

/// What a coded span is tagged as, by the file's keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IncomingTag {
    Actor(String),
    Claim(String),
    Evidence,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IncomingHighlight {
    pub span: Span,
    pub tag: IncomingTag,
    pub note: String,
    pub speech: Option<Speech>,
    pub changed: Option<Stamp>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IncomingArticle {
    /// The body must be LF text; its id is left for the project to give.
    pub article: Article,
    pub highlights: Vec<IncomingHighlight>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IncomingRelation {
    pub source: String,
    pub target: String,
    /// The relation type as the file writes it (a label or an id).
    pub kind: String,
    pub directed: bool,
    pub date: Option<Date>,
    pub note: String,
    /// Reports of it: the index of the article in `Incoming::articles`, and
    /// the evidence span there if any.
    pub sources: Vec<(usize, Option<Span>)>,
    pub changed: Option<Stamp>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Incoming {
    pub articles: Vec<IncomingArticle>,
    pub actors: Vec<IncomingActor>,
    pub claims: Vec<IncomingClaim>,
    pub relations: Vec<IncomingRelation>,
    /// The file's relation types, those no relation uses included.
    pub relation_types: Vec<RelationType>,
    /// What the file held that has no place in a Warraq project, in words.
    pub unmapped: Vec<String>,
}

/// What an import added, for the summary the analyst sees.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Added {
    pub articles: usize,
    /// Articles already in the project (same text) that received the coding.
    pub articles_matched: usize,
    pub actors: usize,
    pub actors_matched: usize,
    pub concepts: usize,
    pub claims: usize,
    pub highlights: usize,
    pub relations: usize,
    pub relation_types: usize,
    /// Relations of the file with the ends, type and date of one the project
    /// has, from other reports: added as relations of their own, in words.
    pub kept_apart: Vec<String>,
    pub unmapped: Vec<String>,
}

impl Added {
    /// Counts another file's import in.
    pub fn add(&mut self, other: Added) {
        self.articles += other.articles;
        self.articles_matched += other.articles_matched;
        self.actors += other.actors;
        self.actors_matched += other.actors_matched;
        self.claims += other.claims;
        self.highlights += other.highlights;
        self.relations += other.relations;
        self.relation_types += other.relation_types;
        self.kept_apart.extend(other.kept_apart);
        self.unmapped.extend(other.unmapped);
    }
}

impl std::fmt::Display for Added {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} article(s) ({} already there), {} actor(s) ({} matched to existing ones), {} claim(s), {} highlight(s), {} relation(s), {} new relation type(s)",
            self.articles + self.articles_matched,
            self.articles_matched,
            self.actors + self.actors_matched,
            self.actors_matched,
            self.claims,
            self.highlights,
            self.relations,
            self.relation_types
        )
    }
}

/// A body with CR and CRLF turned into LF, and where each old code point
/// went, so that offsets counted in the original still land on their words.
pub fn lf_with_offsets(original: &str) -> (String, Vec<usize>) {
    let mut body = String::with_capacity(original.len());
    let mut map = Vec::with_capacity(original.len() + 1);
    let mut chars = original.chars().peekable();
    let mut at = 0;
    while let Some(c) = chars.next() {
        map.push(at);
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                // The CR of a CRLF disappears: it maps where the LF goes.
                continue;
            }
            body.push('\n');
        } else {
            body.push(c);
        }
        at += 1;
    }
    map.push(at);
    (body, map)
}

/// An actor kind from a name a file gives its category (a parent code, an
/// entity type): ours, in English, and the usual named-entity labels.
pub fn kind_from_name(name: &str) -> Option<ActorKind> {
    let name = name.trim().to_lowercase();
    Some(match name.as_str() {
        "person" | "persons" | "people" | "per" | "individual" | "individuals" => ActorKind::Person,
        "state" | "states" | "country" | "countries" | "gpe" | "government" | "governments" => {
            ActorKind::State
        }
        "organisation" | "organisations" | "organization" | "organizations" | "org" => {
            ActorKind::Organisation
        }
        "group" | "groups" => ActorKind::Group,
        "other" | "others" => ActorKind::Other,
        _ => return None,
    })
}

fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (identity::name_key(a), identity::name_key(b));
    !a.is_empty() && a == b
}

/// Puts `incoming` into a copy of `project`; the copy is valid or the
/// reason it is not is returned (nothing half-added reaches the caller).
pub fn add_to(
    project: &Project,
    incoming: Incoming,
    ids: &mut IdGenerator,
) -> Result<(Project, Added), super::error::ExchangeError> {
    // All or nothing: one article past the limit refuses the file before anything is added.
    for incoming in &incoming.articles {
        if let Some(reason) = crate::extract::limits::article_too_long(incoming.article.body.len())
        {
            return Err(super::error::ExchangeError::TooLong {
                title: incoming.article.title.clone(),
                reason,
            });
        }
    }
    let mut put = Put {
        out: project.clone(),
        added: Added {
            unmapped: incoming.unmapped,
            ..Added::default()
        },
        // Ids in use, looked up in a set: an import of 100,000 highlights makes
        // each new id in constant time, not by walking every highlight.
        taken: Taken::of(project),
        ids,
    };
    let actors = put.actors(project, incoming.actors);
    let claims = put.claims(project, incoming.claims, &actors);
    let (article_ids, evidence_at) = put.articles(incoming.articles, &actors, &claims);
    put.relation_types(incoming.relation_types);
    put.relations(
        project,
        incoming.relations,
        &actors,
        (&article_ids, &evidence_at),
    );
    let Put { out, added, .. } = put;
    match out.validate().into_iter().next() {
        None => Ok((out, added)),
        Some(problem) => Err(super::error::ExchangeError::Invalid(problem)),
    }
}

/// Evidence highlights each incoming article received, by span (in article order).
type EvidenceAt = Vec<Vec<(Span, crate::model::HighlightId)>>;

/// An import under way: the project as it grows, what it says of it, ids in use.
struct Put<'i> {
    out: Project,
    added: Added,
    taken: Taken,
    ids: &'i mut IdGenerator,
}

impl Put<'_> {
    /// Actors: one already there with the same name or alias is reused, else made.
    fn actors(
        &mut self,
        project: &Project,
        incoming: Vec<IncomingActor>,
    ) -> HashMap<String, ActorId> {
        // Actors: reuse one with the same name or alias, else create.
        let mut actors: HashMap<String, ActorId> = HashMap::new();
        for actor in incoming {
            if actors.contains_key(&actor.key) {
                continue;
            }
            // Only actors that were there before: two actors of one file stay two.
            // The same name first; only then a name that is another's alias.
            let existing = project
                .actors
                .iter()
                .find(|a| same_name(&a.name, &actor.name))
                .or_else(|| {
                    project.actors.iter().find(|a| {
                        a.names().any(|n| same_name(n, &actor.name))
                            || actor
                                .aliases
                                .iter()
                                .any(|alias| a.names().any(|n| same_name(n, alias)))
                    })
                });
            let id = if let Some(a) = existing {
                self.added.actors_matched += 1;
                a.id.clone()
            } else {
                let id = ActorId::new(self.taken.fresh(self.ids, ActorId::PREFIX));
                let mut new = Actor::new(id.clone(), actor.name.trim(), actor.kind);
                new.aliases = actor
                    .aliases
                    .iter()
                    .map(|a| a.trim().to_owned())
                    .filter(|a| !a.is_empty() && !same_name(a, &actor.name))
                    .collect();
                new.gloss = actor.gloss;
                new.note = actor.note;
                new.changed = actor.changed;
                new.line_breaks_to_lf();
                self.out.actors.push(new);
                self.added.actors += 1;
                id
            };
            actors.insert(actor.key, id);
        }

        actors
    }

    /// The concept with these words (Arabic-folded), else a new one.
    fn concept(&mut self, words: &str) -> ConceptId {
        let key = identity::name_key(words);
        if let Some(c) = self
            .out
            .concepts
            .iter()
            .find(|c| identity::name_key(&c.text) == key)
        {
            return c.id.clone();
        }
        let id = ConceptId::new(self.taken.fresh(self.ids, ConceptId::PREFIX));
        let mut concept = Concept::new(id.clone(), words.trim());
        concept.line_breaks_to_lf();
        self.out.concepts.push(concept);
        self.added.concepts += 1;
        id
    }

    /// Claims: the same claim (identity's concept and speaker) with the same
    /// stance and the same actor spoken for is reused, else one is made — a
    /// passage keeps the stance its file gave it.
    fn claims(
        &mut self,
        project: &Project,
        incoming: Vec<IncomingClaim>,
        actors: &HashMap<String, ActorId>,
    ) -> HashMap<String, ClaimId> {
        let mut claims: HashMap<String, ClaimId> = HashMap::new();
        for claim in incoming {
            if claims.contains_key(&claim.key) {
                continue;
            }
            let speaker = claim.speaker.as_ref().and_then(|k| actors.get(k)).cloned();
            let on_behalf_of = claim
                .on_behalf_of
                .as_ref()
                .and_then(|k| actors.get(k))
                .cloned();
            let concept = self.concept(&claim.text);
            let key = (concept.clone(), speaker.clone());
            let existing = project.claims.iter().find(|c| {
                identity::claim_key(c) == key
                    && c.on_behalf_of == on_behalf_of
                    && c.stance == claim.stance
            });
            let id = if let Some(c) = existing {
                c.id.clone()
            } else {
                let id = ClaimId::new(self.taken.fresh(self.ids, ClaimId::PREFIX));
                let mut new = Claim {
                    id: id.clone(),
                    concept,
                    speaker,
                    on_behalf_of,
                    stance: claim.stance,
                    note: claim.note,
                    changed: claim.changed,
                };
                new.line_breaks_to_lf();
                self.out.claims.push(new);
                self.added.claims += 1;
                id
            };
            claims.insert(claim.key, id);
        }

        claims
    }

    /// Articles (the same text already there takes the coding) and their highlights.
    fn articles(
        &mut self,
        incoming: Vec<IncomingArticle>,
        actors: &HashMap<String, ActorId>,
        claims: &HashMap<String, ClaimId>,
    ) -> (Vec<ArticleId>, EvidenceAt) {
        // What is coded where already, so an exact duplicate is found at once.
        let mut coded: HashMap<(ArticleId, Span, Tag), crate::model::HighlightId> = self
            .out
            .highlights
            .iter()
            .map(|h| (identity::highlight_key(h), h.id.clone()))
            .collect();
        // Articles: the same text already in the project takes the coding.
        let mut article_ids: Vec<ArticleId> = Vec::new();
        let mut evidence_at: Vec<Vec<(Span, crate::model::HighlightId)>> = Vec::new();
        for incoming_article in incoming {
            let IncomingArticle {
                mut article,
                highlights,
            } = incoming_article;
            debug_assert!(!article.body.contains('\r'));
            let id = if let Some(a) = self
                .out
                .articles
                .iter()
                .find(|a| a.body_hash == article.body_hash)
            {
                self.added.articles_matched += 1;
                a.id.clone()
            } else {
                article.id = ArticleId::new(self.taken.fresh(self.ids, ArticleId::PREFIX));
                article.line_breaks_to_lf();
                let id = article.id.clone();
                self.out.articles.push(article);
                self.added.articles += 1;
                id
            };
            let body = self
                .out
                .article(&id)
                .map(|a| a.body.clone())
                .unwrap_or_default();
            let index = text::CharIndex::new(&body);
            let chars = index.char_len();
            let title = self
                .out
                .article(&id)
                .map(|a| a.title.clone())
                .unwrap_or_default();
            let mut evidence = Vec::new();
            for h in highlights {
                let tag = match &h.tag {
                    IncomingTag::Actor(key) => actors.get(key).cloned().map(Tag::Actor),
                    IncomingTag::Claim(key) => claims.get(key).cloned().map(Tag::Claim),
                    IncomingTag::Evidence => Some(Tag::Evidence),
                };
                let Some(tag) = tag else {
                    self.added.unmapped.push(format!(
                        "{title}: a span at {}..{} names a code that is not in the file",
                        h.span.start, h.span.end
                    ));
                    continue;
                };
                if h.span.is_empty() || h.span.end > chars {
                    self.added.unmapped.push(format!(
                        "{title}: span {}..{} lies outside the text ({chars} characters)",
                        h.span.start, h.span.end
                    ));
                    continue;
                }
                let quote = index
                    .byte_range(h.span.range())
                    .map_or_else(String::new, |b| body[b].to_owned());
                let key = (id.clone(), h.span, tag.clone());
                let highlight_id = if let Some(x) = coded.get(&key) {
                    x.clone()
                } else {
                    let hid = crate::model::HighlightId::new(
                        self.taken
                            .fresh(self.ids, crate::model::HighlightId::PREFIX),
                    );
                    let speech = h.speech.filter(|_| matches!(tag, Tag::Claim(_)));
                    self.out.highlights.push(Highlight {
                        id: hid.clone(),
                        article: id.clone(),
                        span: h.span,
                        quote,
                        tag: tag.clone(),
                        speech,
                        note: h.note.replace("\r\n", "\n").replace('\r', "\n"),
                        changed: h.changed.clone(),
                    });
                    self.added.highlights += 1;
                    coded.insert(key, hid.clone());
                    hid
                };
                if tag == Tag::Evidence {
                    evidence.push((h.span, highlight_id));
                }
            }
            article_ids.push(id);
            evidence_at.push(evidence);
        }

        (article_ids, evidence_at)
    }

    fn relation_types(&mut self, incoming: Vec<RelationType>) {
        // The file's relation types, those no relation uses too.
        for t in incoming {
            let there = self
                .out
                .vocabulary
                .iter()
                .any(|x| x.id == t.id || same_name(&x.label, &t.label));
            if !there && !t.id.as_str().trim().is_empty() {
                self.out.vocabulary.push(t);
                self.added.relation_types += 1;
            }
        }
    }

    fn relations(
        &mut self,
        project: &Project,
        incoming: Vec<IncomingRelation>,
        actors: &HashMap<String, ActorId>,
        (article_ids, evidence_at): (&[ArticleId], &EvidenceAt),
    ) {
        // Relations between actors that came in, by `identity::relation_key`:
        // one the project has already (same ends, type, date and reports) is not
        // added again; one with the same ends, type and date but other reports
        // is kept as a relation of its own, and said. Two relations of the file
        // stay two.
        let mut before: HashMap<_, Vec<usize>> = HashMap::new();
        let mut ends: std::collections::HashSet<identity::RelationEnds> =
            std::collections::HashSet::new();
        for (i, r) in project.relations.iter().enumerate() {
            before
                .entry(identity::relation_key(project, r))
                .or_default()
                .push(i);
            ends.insert(identity::relation_ends(project, r));
        }
        let mut found: std::collections::HashSet<usize> = std::collections::HashSet::new();
        for r in incoming {
            let (Some(source), Some(target)) = (actors.get(&r.source), actors.get(&r.target))
            else {
                self.added.unmapped.push(format!(
                    "a relation \"{}\" whose ends are not both actors in the file",
                    r.kind
                ));
                continue;
            };
            let kind = if let Some(t) = self
                .out
                .vocabulary
                .iter()
                .find(|t| t.id.as_str() == r.kind.trim() || same_name(&t.label, &r.kind))
            {
                t.id.clone()
            } else {
                let id = crate::model::id_for_label(&self.out.vocabulary, &r.kind);
                self.out.vocabulary.push(RelationType {
                    id: id.clone(),
                    label: r.kind.trim().to_owned(),
                    directed: r.directed,
                    description: String::new(),
                });
                self.added.relation_types += 1;
                id
            };
            let mut sources = Vec::new();
            for (index, span) in &r.sources {
                let Some(article) = article_ids.get(*index) else {
                    continue;
                };
                let evidence = span.and_then(|span| {
                    evidence_at[*index]
                        .iter()
                        .find(|(s, _)| *s == span)
                        .map(|(_, h)| h.clone())
                });
                let source = Source {
                    article: article.clone(),
                    evidence,
                };
                if !sources.contains(&source) {
                    sources.push(source);
                }
            }
            let mut relation = Relation {
                id: crate::model::RelationId::new(String::new()),
                source: source.clone(),
                kind,
                target: target.clone(),
                date: r.date,
                sources,
                note: r.note,
                changed: r.changed,
            };
            relation.line_breaks_to_lf();
            let key = identity::relation_key(&self.out, &relation);
            let same = before
                .get(&key)
                .and_then(|at| at.iter().find(|i| !found.contains(i)).copied());
            if let Some(i) = same {
                found.insert(i);
                continue;
            }
            if ends.contains(&identity::relation_ends(&self.out, &relation)) {
                self.added.kept_apart.push(format!(
                "{}: the project has this relation from other reports; kept as one more relation",
                self.out.relation_plain(&relation)
            ));
            }
            relation.id = crate::model::RelationId::new(
                self.taken.fresh(self.ids, crate::model::RelationId::PREFIX),
            );
            self.out.relations.push(relation);
            self.added.relations += 1;
        }
    }
}

/// Every id of a project, of every kind (prefixes keep kinds apart).
struct Taken(std::collections::HashSet<String>);

impl Taken {
    fn of(project: &Project) -> Self {
        let mut ids = std::collections::HashSet::new();
        ids.extend(project.articles.iter().map(|a| a.id.to_string()));
        ids.extend(project.actors.iter().map(|a| a.id.to_string()));
        ids.extend(project.claims.iter().map(|c| c.id.to_string()));
        ids.extend(project.highlights.iter().map(|h| h.id.to_string()));
        ids.extend(project.relations.iter().map(|r| r.id.to_string()));
        Self(ids)
    }

    fn fresh(&mut self, ids: &mut IdGenerator, prefix: &str) -> String {
        let id = ids.fresh(prefix, |id| self.0.contains(id));
        self.0.insert(id.clone());
        id
    }
}

/// A whole Warraq project as incoming material (a `.json` or `.warraq.ron`
/// of a colleague's, added to this one).
pub fn from_project(project: &Project) -> Incoming {
    let position: HashMap<&ArticleId, usize> = project
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (&a.id, i))
        .collect();
    let mut articles: Vec<IncomingArticle> = project
        .articles
        .iter()
        .map(|a| IncomingArticle {
            article: a.clone(),
            highlights: Vec::new(),
        })
        .collect();
    for h in &project.highlights {
        let Some(&i) = position.get(&h.article) else {
            continue;
        };
        articles[i].highlights.push(IncomingHighlight {
            span: h.span,
            tag: match &h.tag {
                Tag::Actor(a) => IncomingTag::Actor(a.to_string()),
                Tag::Claim(c) => IncomingTag::Claim(c.to_string()),
                Tag::Evidence => IncomingTag::Evidence,
            },
            note: h.note.clone(),
            speech: h.speech,
            changed: h.changed.clone(),
        });
    }
    Incoming {
        articles,
        actors: project
            .actors
            .iter()
            .map(|a| IncomingActor {
                key: a.id.to_string(),
                name: a.name.clone(),
                kind: a.kind,
                aliases: a.aliases.clone(),
                gloss: a.gloss.clone(),
                note: a.note.clone(),
                changed: a.changed.clone(),
            })
            .collect(),
        claims: project
            .claims
            .iter()
            .map(|c| IncomingClaim {
                key: c.id.to_string(),
                text: project.claim_text(c).to_owned(),
                speaker: c.speaker.as_ref().map(ToString::to_string),
                on_behalf_of: c.on_behalf_of.as_ref().map(ToString::to_string),
                stance: c.stance,
                note: c.note.clone(),
                changed: c.changed.clone(),
            })
            .collect(),
        relations: project
            .relations
            .iter()
            .map(|r| {
                let kind = project.relation_type(&r.kind);
                IncomingRelation {
                    source: r.source.to_string(),
                    target: r.target.to_string(),
                    kind: kind.map_or_else(|| r.kind.to_string(), |t| t.label.clone()),
                    directed: kind.is_none_or(|t| t.directed),
                    date: r.date,
                    note: r.note.clone(),
                    sources: r
                        .sources
                        .iter()
                        .filter_map(|s| {
                            let i = *position.get(&s.article)?;
                            let span = s
                                .evidence
                                .as_ref()
                                .and_then(|e| project.highlight(e))
                                .map(|h| h.span);
                            Some((i, span))
                        })
                        .collect(),
                    changed: r.changed.clone(),
                }
            })
            .collect(),
        relation_types: project.vocabulary.to_vec(),
        unmapped: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Project {
        crate::synthetic::corpus(crate::synthetic::Size {
            articles: 5,
            ..crate::synthetic::Size::MEDIUM
        })
    }

    #[test]
    fn offsets_follow_removed_carriage_returns() {
        let (body, map) = lf_with_offsets("ab\r\ncd\re");
        assert_eq!(body, "ab\ncd\ne");
        // "c" was code point 4 and is now 3; the CR of CRLF goes where its LF goes.
        assert_eq!(map[4], 3);
        assert_eq!(map[2], map[3]);
        assert_eq!(map[map.len() - 1], body.chars().count());
    }

    #[test]
    fn a_project_added_to_itself_adds_nothing() {
        let project = small();
        let (same, added) =
            add_to(&project, from_project(&project), &mut IdGenerator::new()).unwrap();
        assert_eq!(added.articles, 0);
        assert_eq!(added.actors, 0);
        assert_eq!(added.highlights, 0);
        assert_eq!(added.relations, 0);
        assert_eq!(same.highlights.len(), project.highlights.len());
    }

    #[test]
    fn a_project_added_to_an_empty_one_comes_whole() {
        let project = small();
        let (copy, added) = add_to(
            &Project::new("empty"),
            from_project(&project),
            &mut IdGenerator::new(),
        )
        .unwrap();
        assert_eq!(added.articles, project.articles.len());
        assert_eq!(copy.highlights.len(), project.highlights.len());
        assert_eq!(copy.relations.len(), project.relations.len());
        assert!(added.unmapped.is_empty());
    }
}
