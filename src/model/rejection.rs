//! A suggestion the analyst turned down. Kept in the project, so it is never
//! offered again — in this window, after reopening, or in a colleague's copy
//! — and listed in the Suggestions tab, where it can be restored.

use super::{ActorId, ArticleId, Span, Stamp, arabic};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rejection {
    /// Made from what was rejected (see `Rejection::new`), so the same
    /// suggestion turned down by two analysts is one item when they merge.
    pub id: String,
    pub article: ArticleId,
    /// Code points of the article body.
    pub span: Span,
    /// The registered actor it was suggested as; empty for a new actor.
    #[serde(default, skip_serializing_if = "ActorId::is_empty")]
    pub actor: ActorId,
    /// The new actor that was proposed (empty for a registered one).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Who turned it down, and when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed: Option<Stamp>,
}

impl Rejection {
    pub fn new(article: ArticleId, span: Span, actor: ActorId, name: &str) -> Self {
        let name = if actor.is_empty() { name.trim() } else { "" };
        Self {
            id: Self::id_for(&article, span, &actor, name),
            article,
            span,
            actor,
            name: name.to_owned(),
            changed: None,
        }
    }

    /// The id of a rejection of `actor` (or, when it is empty, of a new actor
    /// named `name`) at `span` of `article`.
    pub fn id_for(article: &ArticleId, span: Span, actor: &ActorId, name: &str) -> String {
        let what = if actor.is_empty() {
            format!("new:{}", arabic::fold(name.trim()))
        } else {
            actor.to_string()
        };
        format!("{article}@{}-{}:{what}", span.start, span.end)
    }

    /// The id again from the fields (after an article or actor id changed in a merge).
    pub fn renew_id(&mut self) {
        self.id = Self::id_for(&self.article, self.span, &self.actor, &self.name);
    }
}
