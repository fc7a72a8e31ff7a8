//! The project: the root of everything an analyst codes.

use super::{
    Actor, ActorId, Article, ArticleId, Claim, ClaimId, Concept, ConceptId, Highlight, HighlightId,
    IdGenerator, Relation, RelationId, RelationType, RelationTypeId, Shared, ValidationError,
    default_vocabulary, text, validate,
};
use serde::{Deserialize, Serialize};

/// The lists are `Shared`, so a snapshot for saving costs nothing.
///
/// Field order is file order: the short, often-edited lists first, the long
/// article bodies last, so a reader of the file sees the coding at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub vocabulary: Shared<RelationType>,
    #[serde(default)]
    pub actors: Shared<Actor>,
    /// What actors take stances on (DNA's concepts); claims refer to them.
    #[serde(default)]
    pub concepts: Shared<Concept>,
    #[serde(default)]
    pub claims: Shared<Claim>,
    #[serde(default)]
    pub relations: Shared<Relation>,
    #[serde(default)]
    pub highlights: Shared<Highlight>,
    /// Suggestions the analyst turned down (absent from files that have none,
    /// which are then written as version 5).
    #[serde(default, skip_serializing_if = "super::shared::is_empty")]
    pub rejections: Shared<super::Rejection>,
    #[serde(default)]
    pub articles: Shared<Article>,
    /// Who exported this copy for a colleague, and when (absent in a working file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported: Option<super::Stamp>,
    /// In a copy for a colleague restricted to some articles: those articles.
    /// Merging the copy back knows that what is missing was never sent, not deleted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_articles: Option<Vec<ArticleId>>,
    /// What a three-way merge (git's) left for the analyst to choose.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<super::MergeConflict>,
}

/// Each item's own strings to LF (see `Project::line_breaks_to_lf`).
macro_rules! line_breaks {
    ($t:ty => $($field:ident),* $(; lists $($list:ident),*)?) => {
        impl $t {
            pub fn line_breaks_to_lf(&mut self) -> usize {
                let mut changed = 0;
                $(changed += usize::from(text::lf_in_place(&mut self.$field));)*
                $($(for item in &mut self.$list {
                    changed += usize::from(text::lf_in_place(item));
                })*)?
                changed
            }
        }
    };
}
line_breaks!(Actor => name, gloss, note; lists aliases);
line_breaks!(Claim => note);
line_breaks!(Concept => text, note);
line_breaks!(Relation => note);
line_breaks!(Article => title, outlet, url, language, notes, author, section, genre);
line_breaks!(RelationType => label, description);

impl Default for Project {
    fn default() -> Self {
        Self::new("Untitled project")
    }
}

impl Project {
    /// A copy that a save writes from while the analyst goes on: the lists
    /// an analyst edits all the time are its own, so a tag made during the
    /// save does not copy a million highlights on the window's thread.
    /// Articles stay shared (their bodies are most of the memory, and are
    /// rarely edited).
    #[must_use]
    pub fn detached(&self) -> Self {
        Self {
            vocabulary: self.vocabulary.detached(),
            actors: self.actors.detached(),
            concepts: self.concepts.detached(),
            claims: self.claims.detached(),
            relations: self.relations.detached(),
            highlights: self.highlights.detached(),
            rejections: self.rejections.detached(),
            ..self.clone()
        }
    }

    /// An empty project with the default relation vocabulary.
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            description: String::new(),
            vocabulary: default_vocabulary().into(),
            actors: Shared::default(),
            concepts: Shared::default(),
            claims: Shared::default(),
            relations: Shared::default(),
            highlights: Shared::default(),
            rejections: Shared::default(),
            articles: Shared::default(),
            exported: None,
            sent_articles: None,
            conflicts: Vec::new(),
        }
    }

    pub fn article(&self, id: &ArticleId) -> Option<&Article> {
        self.articles.iter().find(|a| &a.id == id)
    }

    pub fn actor(&self, id: &ActorId) -> Option<&Actor> {
        self.actors.iter().find(|a| &a.id == id)
    }

    pub fn claim(&self, id: &ClaimId) -> Option<&Claim> {
        self.claims.iter().find(|c| &c.id == id)
    }

    pub fn concept(&self, id: &ConceptId) -> Option<&Concept> {
        self.concepts.iter().find(|c| &c.id == id)
    }

    /// What a claim says: its concept's words (its id if the concept is missing).
    pub fn claim_text<'a>(&'a self, claim: &'a Claim) -> &'a str {
        self.concept(&claim.concept)
            .map_or(claim.concept.as_str(), |c| c.text.as_str())
    }

    /// The concept whose words are `text` (trimmed, Arabic-folded), if any.
    pub fn concept_named(&self, text: &str) -> Option<&Concept> {
        let key = super::arabic::fold(text.trim());
        self.concepts
            .iter()
            .find(|c| super::arabic::fold(c.text.trim()) == key)
    }

    pub fn highlight(&self, id: &HighlightId) -> Option<&Highlight> {
        self.highlights.iter().find(|h| &h.id == id)
    }

    pub fn relation(&self, id: &RelationId) -> Option<&Relation> {
        self.relations.iter().find(|r| &r.id == id)
    }

    /// Makes the line breaks of every string but the bodies LF (bodies are LF
    /// by rule, and a CR in one is refused by `validate`); returns how many
    /// strings changed.
    pub fn line_breaks_to_lf(&mut self) -> usize {
        let mut changed = usize::from(text::lf_in_place(&mut self.title))
            + usize::from(text::lf_in_place(&mut self.description));
        for actor in &mut self.actors {
            changed += actor.line_breaks_to_lf();
        }
        for concept in &mut self.concepts {
            changed += concept.line_breaks_to_lf();
        }
        for claim in &mut self.claims {
            changed += claim.line_breaks_to_lf();
        }
        for relation in &mut self.relations {
            changed += relation.line_breaks_to_lf();
        }
        for article in &mut self.articles {
            changed += article.line_breaks_to_lf();
        }
        for kind in &mut self.vocabulary {
            changed += kind.line_breaks_to_lf();
        }
        changed
    }

    /// "source → type → target" in names: how lists and tooltips speak of a relation.
    pub fn relation_words(&self, relation: &Relation) -> String {
        let [source, kind, target] = self.relation_parts(relation);
        text::relation_sentence(source, kind, target)
    }

    /// The same without direction marks, for files other programs read.
    pub fn relation_plain(&self, relation: &Relation) -> String {
        let [source, kind, target] = self.relation_parts(relation);
        format!("{source} → {kind} → {target}")
    }

    fn relation_parts<'a>(&'a self, relation: &'a Relation) -> [&'a str; 3] {
        let actor = |id: &'a ActorId| self.actor(id).map_or(id.as_str(), |a| a.name.as_str());
        [
            actor(&relation.source),
            self.relation_type(&relation.kind)
                .map_or(relation.kind.as_str(), |t| t.label.as_str()),
            actor(&relation.target),
        ]
    }

    /// The titles of the articles a relation cites, in citation order.
    pub fn cited_titles(&self, relation: &Relation) -> Vec<&str> {
        relation
            .articles()
            .filter_map(|a| self.article(a))
            .map(|a| a.title.as_str())
            .collect()
    }

    /// The quotes of a relation's evidence highlights, in citation order.
    pub fn cited_quotes(&self, relation: &Relation) -> Vec<&str> {
        relation
            .evidence()
            .filter_map(|h| self.highlight(h))
            .map(|h| h.quote.as_str())
            .collect()
    }

    pub fn relation_type(&self, id: &RelationTypeId) -> Option<&RelationType> {
        self.vocabulary.iter().find(|t| &t.id == id)
    }

    pub fn highlights_in<'a>(
        &'a self,
        article: &'a ArticleId,
    ) -> impl Iterator<Item = &'a Highlight> + 'a {
        self.highlights
            .iter()
            .filter(move |h| &h.article == article)
    }

    /// Every broken invariant, each naming the item it concerns; empty when valid.
    pub fn validate(&self) -> Vec<ValidationError> {
        validate::validate(self, true, validate::Spans::All)
    }

    /// `validate` without re-hashing every body: for checking an edit, which
    /// never touches bodies except through `Article::set_body` (which rehashes).
    pub fn validate_edit(&self) -> Vec<ValidationError> {
        validate::validate(self, false, validate::Spans::All)
    }

    /// `validate_edit`, looking at the spans and quotes of `articles`' highlights
    /// only (the others were checked as they were read, and have not changed).
    pub fn validate_articles(
        &self,
        articles: &std::collections::HashSet<&str>,
    ) -> Vec<ValidationError> {
        validate::validate(self, false, validate::Spans::Of(articles))
    }

    pub fn new_article_id(&self, ids: &mut IdGenerator) -> ArticleId {
        ArticleId::new(ids.fresh(ArticleId::PREFIX, |id| {
            self.articles.iter().any(|a| a.id.as_str() == id)
        }))
    }

    pub fn new_actor_id(&self, ids: &mut IdGenerator) -> ActorId {
        ActorId::new(ids.fresh(ActorId::PREFIX, |id| {
            self.actors.iter().any(|a| a.id.as_str() == id)
        }))
    }

    pub fn new_concept_id(&self, ids: &mut IdGenerator) -> ConceptId {
        ConceptId::new(ids.fresh(ConceptId::PREFIX, |id| {
            self.concepts.iter().any(|c| c.id.as_str() == id)
        }))
    }

    pub fn new_claim_id(&self, ids: &mut IdGenerator) -> ClaimId {
        ClaimId::new(ids.fresh(ClaimId::PREFIX, |id| {
            self.claims.iter().any(|c| c.id.as_str() == id)
        }))
    }

    pub fn new_highlight_id(&self, ids: &mut IdGenerator) -> HighlightId {
        HighlightId::new(ids.fresh(HighlightId::PREFIX, |id| {
            self.highlights.iter().any(|h| h.id.as_str() == id)
        }))
    }

    pub fn new_relation_id(&self, ids: &mut IdGenerator) -> RelationId {
        RelationId::new(ids.fresh(RelationId::PREFIX, |id| {
            self.relations.iter().any(|r| r.id.as_str() == id)
        }))
    }
}
