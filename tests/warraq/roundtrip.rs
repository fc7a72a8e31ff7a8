//! Any valid project survives save → load unchanged, and saves to the same bytes again.

use proptest::prelude::*;
use warraq::model::{
    Actor, ActorId, ActorKind, Article, ArticleId, Claim, ClaimId, Date, Highlight, HighlightId,
    Project, Rejection, Relation, RelationId, Source, Span, Stance, Tag,
};
use warraq::store;

/// Text with what tends to break serialisers: Arabic with diacritics, quotes,
/// backslashes, hashes (raw-string delimiters), newlines, bidi marks, emoji.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("قطر".to_owned()),
            Just("تَمِيمٌ".to_owned()),
            Just(" ".to_owned()),
            Just("\n".to_owned()),
            Just("\"".to_owned()),
            Just("\\".to_owned()),
            Just("\"#".to_owned()),
            Just("##".to_owned()),
            Just("\u{200f}".to_owned()),
            Just("🙂".to_owned()),
            Just("Qatar 2020".to_owned()),
            "[^\r]{0,5}",
        ],
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

fn kind() -> impl Strategy<Value = ActorKind> {
    proptest::sample::select(ActorKind::ALL.to_vec())
}

prop_compose! {
    pub(crate) fn project()(
        title in text(),
        description in text(),
        bodies in proptest::collection::vec((text(), text(), proptest::option::of((1990i32..2030, 1u8..=12, 1u8..=28))), 1..4),
        actors in proptest::collection::vec((text(), kind(), proptest::collection::vec(text(), 0..3), text()), 1..5),
        spans in proptest::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<bool>()), 0..8),
        claims in proptest::collection::vec((text(), any::<prop::sample::Index>(), any::<bool>()), 0..3),
        relations in proptest::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<bool>()), 0..5),
    ) -> Project {
        let mut project = Project::new(title);
        project.description = description;
        for (i, (title, body, date)) in bodies.into_iter().enumerate() {
            let mut article = Article::new(ArticleId::new(format!("art-{i}")), title, &format!("x{body}"));
            article.published = date.map(|(y, m, d)| Date::ymd(y, m, d));
            project.articles.push(article);
        }
        for (i, (name, kind, aliases, gloss)) in actors.into_iter().enumerate() {
            let mut actor = Actor::new(ActorId::new(format!("act-{i}")), name, kind);
            actor.aliases = aliases;
            actor.gloss = gloss;
            project.actors.push(actor);
        }
        for (i, (text, speaker, has_speaker)) in claims.into_iter().enumerate() {
            let concept = if let Some(c) = project.concept_named(&text) {
                c.id.clone()
            } else {
                let id = warraq::model::ConceptId::new(format!("cpt-{i}"));
                project.concepts.push(warraq::model::Concept::new(id.clone(), text.trim()));
                id
            };
            project.claims.push(Claim {
                id: ClaimId::new(format!("clm-{i}")),
                concept,
                on_behalf_of: None,
                speaker: has_speaker.then(|| speaker.get(&project.actors).id.clone()),
                stance: Stance::ALL[i % 3],
                note: String::new(),
                changed: None,
            });
        }
        for (i, (article, a, b, tag, as_claim)) in spans.into_iter().enumerate() {
            let article = article.get(&project.articles);
            let len = article.char_len();
            let (x, y) = (a.index(len + 1), b.index(len + 1));
            let (start, end) = (x.min(y), x.max(y).max(x.min(y) + 1).min(len));
            if start >= end { continue; }
            let quote: String = article.body.chars().skip(start).take(end - start).collect();
            let tag = if as_claim && !project.claims.is_empty() {
                Tag::Claim(tag.get(&project.claims).id.clone())
            } else if i % 4 == 3 {
                Tag::Evidence
            } else {
                Tag::Actor(tag.get(&project.actors).id.clone())
            };
            project.highlights.push(Highlight {
                id: HighlightId::new(format!("hl-{i}")),
                article: article.id.clone(),
                span: Span::new(start, end),
                quote,
                tag,
                speech: None,
                note: String::new(),
                changed: None,
            });
        }
        for (i, (source, target, kind, with_evidence)) in relations.into_iter().enumerate() {
            let evidence = if with_evidence && !project.highlights.is_empty() {
                Some(source.get(&project.highlights).clone())
            } else {
                None
            };
            project.relations.push(Relation {
                id: RelationId::new(format!("rel-{i}")),
                source: source.get(&project.actors).id.clone(),
                kind: kind.get(&project.vocabulary).id.clone(),
                target: target.get(&project.actors).id.clone(),
                date: None,
                sources: evidence
                    .map(|h| Source::new(h.article, Some(h.id)))
                    .into_iter()
                    .collect(),
                note: "ملاحظة \"quoted\"".to_owned(),
                changed: None,
            });
        }
        // Half the projects turn some suggestions down (and so are version 6).
        if project.relations.len() % 2 == 1 {
            let turned_down: Vec<_> = project
                .highlights
                .iter()
                .enumerate()
                .map(|(i, h)| {
                    let (actor, name) = if i % 2 == 0 {
                        (project.actors[i % project.actors.len()].id.clone(), "")
                    } else {
                        (ActorId::default(), "اسم جديد")
                    };
                    Rejection::new(h.article.clone(), h.span, actor, name)
                })
                .collect();
            for r in turned_down {
                if !project.rejections.iter().any(|x| x.id == r.id) {
                    project.rejections.push(r);
                }
            }
        }
        project
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn save_load_roundtrip_is_exact(project in project()) {
        prop_assert_eq!(project.validate(), vec![]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.warraq.ron");
        store::save(&project, &path, None).unwrap();
        let first = std::fs::read(&path).unwrap();
        let loaded = store::load(&path).unwrap();
        prop_assert_eq!(&loaded.project, &project);
        prop_assert!(loaded.warnings.is_empty());
        store::save(&loaded.project, &path, Some(&loaded.stamp)).unwrap();
        prop_assert_eq!(std::fs::read(&path).unwrap(), first);
    }
}

#[test]
fn arabic_is_written_unescaped() {
    let project = crate::common::tiny_project();
    let text = store::to_ron_string(&project).unwrap();
    assert!(text.contains("اتصال بين تميم وبوتين\nسطر ثان"), "{text}");
    assert!(!text.contains("\\u{"));
}
