//! The three kinds of file a project folder holds, as serde sees them.

use crate::model::{
    Actor, Article, ArticleId, Claim, Concept, Highlight, MergeConflict, Project, Rejection,
    Relation, RelationType, Stamp,
};
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

pub(super) const ARTICLE_FORMAT: &str = "warraq-article";
pub(super) const RELATIONS_FORMAT: &str = "warraq-relations";
pub(super) const FOLDER: &str = "folder";

/// The project file: everything but the articles, their highlights and the
/// relations, and the article index (which articles, in which order).
#[derive(Serialize)]
pub(super) struct ProjectFileOut<'a> {
    pub format: &'a str,
    pub version: u32,
    pub layout: &'a str,
    pub project: CodebookOut<'a>,
    pub articles: Vec<&'a ArticleId>,
}

#[derive(Serialize)]
pub(super) struct CodebookOut<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub vocabulary: &'a [RelationType],
    pub actors: &'a [Actor],
    pub concepts: &'a [Concept],
    pub claims: &'a [Claim],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub rejections: &'a [Rejection],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exported: Option<&'a Stamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sent_articles: Option<&'a Vec<ArticleId>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub conflicts: &'a [MergeConflict],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ProjectFileIn {
    #[serde(rename = "format")]
    _format: IgnoredAny,
    #[serde(rename = "version")]
    _version: IgnoredAny,
    #[serde(rename = "layout")]
    _layout: IgnoredAny,
    pub project: CodebookIn,
    #[serde(default)]
    pub articles: Vec<ArticleId>,
}

/// The defaults are `Project`'s.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CodebookIn {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub vocabulary: Vec<RelationType>,
    #[serde(default)]
    pub actors: Vec<Actor>,
    #[serde(default)]
    pub concepts: Vec<Concept>,
    #[serde(default)]
    pub claims: Vec<Claim>,
    #[serde(default)]
    pub rejections: Vec<Rejection>,
    #[serde(default)]
    pub exported: Option<Stamp>,
    #[serde(default)]
    pub sent_articles: Option<Vec<ArticleId>>,
    #[serde(default)]
    pub conflicts: Vec<MergeConflict>,
}

impl CodebookIn {
    /// The project this codebook heads, with the articles, highlights and
    /// relations read from the other files.
    pub(super) fn into_project(
        self,
        articles: Vec<Article>,
        highlights: Vec<Highlight>,
        relations: Vec<Relation>,
    ) -> Project {
        Project {
            title: self.title,
            description: self.description,
            vocabulary: self.vocabulary.into(),
            actors: self.actors.into(),
            concepts: self.concepts.into(),
            claims: self.claims.into(),
            relations: relations.into(),
            highlights: highlights.into(),
            rejections: self.rejections.into(),
            articles: articles.into(),
            exported: self.exported,
            sent_articles: self.sent_articles,
            conflicts: self.conflicts,
        }
    }
}

/// An item and its place in the project's list of such items (see `place`
/// in `write.rs`): a file per article cannot keep the order of a list that
/// runs across all articles any other way.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AtHighlight<H> {
    pub at: u64,
    pub highlight: H,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AtRelation<R> {
    pub at: u64,
    pub relation: R,
}

#[derive(Serialize)]
pub(super) struct ArticleFileOut<'a> {
    pub format: &'a str,
    pub version: u32,
    pub article: &'a Article,
    pub highlights: Vec<AtHighlight<&'a Highlight>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ArticleFileIn {
    pub format: String,
    pub version: u32,
    pub article: Article,
    #[serde(default)]
    pub highlights: Vec<AtHighlight<Highlight>>,
}

#[derive(Serialize)]
pub(super) struct RelationsFileOut<'a> {
    pub format: &'a str,
    pub version: u32,
    pub relations: Vec<AtRelation<&'a Relation>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RelationsFileIn {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub relations: Vec<AtRelation<Relation>>,
}

/// The lists of the codebook, as the project file holds them.
#[derive(Clone, Copy)]
pub(super) struct CodebookLists<'a> {
    pub vocabulary: &'a [RelationType],
    pub actors: &'a [Actor],
    pub concepts: &'a [Concept],
    pub claims: &'a [Claim],
    pub rejections: &'a [Rejection],
    pub conflicts: &'a [MergeConflict],
}

/// The project file's text: the codebook, and the article index.
pub(super) fn project_file_text(
    title: &str,
    description: &str,
    lists: CodebookLists<'_>,
    (exported, sent_articles): (Option<&Stamp>, Option<&Vec<ArticleId>>),
    articles: Vec<&ArticleId>,
) -> Result<String, ron::Error> {
    crate::store::format::ron_text(&ProjectFileOut {
        format: crate::store::FORMAT_NAME,
        // Only a project file with rejections needs a reader of version 7.
        version: if lists.rejections.is_empty() {
            super::FOLDER_VERSION
        } else {
            super::FOLDER_NEWEST
        },
        layout: FOLDER,
        project: CodebookOut {
            title,
            description,
            vocabulary: lists.vocabulary,
            actors: lists.actors,
            concepts: lists.concepts,
            claims: lists.claims,
            rejections: lists.rejections,
            exported,
            sent_articles,
            conflicts: lists.conflicts,
        },
        articles,
    })
}
