//! The edit path: random sequences of every kind of edit keep the project
//! valid, a refused edit changes nothing and leaves no undo step, undoing
//! everything gives back the original bytes, and redoing everything the end.

use crate::common::sample_path;
use proptest::prelude::*;
use warraq::app::{Action, App};
use warraq::model::coded::Coded;
use warraq::model::edit::{Edit, EditError};
use warraq::model::{
    ActorId, ActorKind, Article, ArticleId, Date, IdGenerator, Project, Span, Speech, Stance, Tag,
};
use warraq::store;

/// How many kinds of edit there are (`make_edit` makes each).
pub(crate) const KINDS: u8 = 32;

/// The `n`th item of a list, wrapping; `None` when it is empty.
fn pick<T>(list: &[T], n: u64) -> Option<&T> {
    (!list.is_empty()).then(|| &list[usize::try_from(n).unwrap_or(0) % list.len()])
}

/// A span of `len` characters at a place chosen by `n` inside `article`
/// (or a deliberately bad one now and then: empty or past the end).
fn span_in(project: &Project, article: &ArticleId, n: u64) -> Span {
    let len = project
        .article(article)
        .map_or(0, |a| a.body.chars().count());
    match n % 17 {
        0 => Span::new(3, 3),
        1 => Span::new(len, len + 4),
        _ => {
            let width = 1 + usize::try_from(n % 23).unwrap_or(0);
            let start = usize::try_from(n / 7).unwrap_or(0) % len.saturating_sub(width).max(1);
            Span::new(start, (start + width).min(len))
        }
    }
}

/// `base` after the random edits `steps` of one analyst (ids from `seed`);
/// whole-project replacements (restore, merge) are not an analyst's edits.
pub(crate) fn edited(base: &Project, steps: &[(u8, u64)], seed: u64) -> Project {
    let mut app = App::new(base.clone()).with_ids(IdGenerator::deterministic(seed));
    for &(kind, n) in steps {
        if matches!(kind, 21 | 22) {
            continue;
        }
        let edit = make_edit(app.document().project(), kind, n);
        let _ = app.edit(edit);
    }
    app.into_project()
}

/// An edit of kind `kind` on what the project holds now, chosen by `n`.
/// About one in eight names something that does not exist.
pub(crate) fn make_edit(project: &Project, kind: u8, n: u64) -> Edit {
    let picks = Picks { project, n };
    match kind % KINDS {
        k @ 0..=15 => coding_edit(&picks, k),
        k => codebook_edit(&picks, k),
    }
}

/// What a random edit names: something the project holds, chosen by `n`, or
/// (one time in eight) something that does not exist.
struct Picks<'p> {
    project: &'p Project,
    n: u64,
}

impl Picks<'_> {
    fn missing(&self) -> bool {
        self.n.is_multiple_of(8)
    }

    fn article(&self) -> ArticleId {
        if self.missing() {
            return ArticleId::from("art-gone");
        }
        pick(&self.project.articles, self.n)
            .map_or_else(|| ArticleId::from("art-gone"), |a| a.id.clone())
    }

    fn actor(&self, m: u64) -> ActorId {
        if self.missing() {
            return ActorId::from("act-gone");
        }
        pick(&self.project.actors, m).map_or_else(|| ActorId::from("act-gone"), |a| a.id.clone())
    }

    fn highlight(&self) -> Option<warraq::model::HighlightId> {
        pick(&self.project.highlights, self.n).map(|h| h.id.clone())
    }

    fn relation(&self) -> Option<warraq::model::Relation> {
        pick(&self.project.relations, self.n).cloned()
    }

    fn kind_id(&self, m: u64) -> Option<warraq::model::RelationTypeId> {
        pick(&self.project.vocabulary, m).map(|t| t.id.clone())
    }
}

/// Kinds 0 to 15: the project's title, articles, highlights and relations.
fn coding_edit(p: &Picks<'_>, kind: u8) -> Edit {
    let (project, n) = (p.project, p.n);
    let (article, actor, highlight, relation, kind_id) = (
        || p.article(),
        |m| p.actor(m),
        || p.highlight(),
        || p.relation(),
        |m| p.kind_id(m),
    );
    match kind {
        0 => Edit::SetTitle(format!("عنوان {n}")),
        1 => Edit::SetDescription(format!("وصف\nسطر {n}")),
        2 => Edit::AddArticles(vec![Article::new(
            ArticleId::from("ignored"),
            format!("مقال {n}"),
            "قال أمير قطر الشيخ تميم بن حمد إن الحوار هو الحل.\n\nوأضاف أن الدوحة منفتحة.",
        )]),
        3 => {
            let article = article();
            let span = span_in(project, &article, n);
            let tag = match n % 3 {
                0 => Tag::Evidence,
                1 => Tag::Actor(actor(n / 3)),
                _ => pick(&project.claims, n).map_or(Tag::Evidence, |c| Tag::Claim(c.id.clone())),
            };
            Edit::AddHighlight { article, span, tag }
        }
        4 => {
            let article = article();
            Edit::TagAsNewActor {
                span: span_in(project, &article, n),
                article,
                name: if n.is_multiple_of(11) {
                    " ".to_owned()
                } else {
                    format!("فاعل {n}")
                },
                kind: ActorKind::ALL[usize::try_from(n).unwrap_or(0) % ActorKind::ALL.len()],
                aliases: vec![format!("اسم {n}"), String::new()],
                gloss: String::new(),
            }
        }
        5 => {
            let article = article();
            Edit::TagAsNewClaim {
                span: span_in(project, &article, n),
                article,
                text: format!("ادعاء {n}"),
                speaker: (n.is_multiple_of(2)).then(|| actor(n / 2)),
                stance: Stance::ALL[usize::try_from(n).unwrap_or(0) % 3],
                speech: [None, Some(Speech::Quote), Some(Speech::Paraphrase)]
                    [usize::try_from(n).unwrap_or(0) % 3],
            }
        }
        6 => match highlight() {
            Some(highlight) => Edit::RetagHighlight {
                highlight,
                tag: Tag::Actor(actor(n / 5)),
            },
            None => Edit::SetTitle("x".to_owned()),
        },
        7 => match pick(&project.highlights, n) {
            Some(h) => Edit::ResizeHighlight {
                highlight: h.id.clone(),
                span: span_in(project, &h.article, n / 3),
            },
            None => Edit::SetTitle("y".to_owned()),
        },
        8 => Edit::DeleteHighlight(highlight().unwrap_or_else(|| "hl-gone".into())),
        9 => {
            let a = article();
            Edit::TagMentions {
                actor: actor(n),
                mentions: vec![
                    (a.clone(), span_in(project, &a, n + 2)),
                    (a.clone(), span_in(project, &a, n + 5)),
                ],
            }
        }
        10 => {
            let a = article();
            Edit::AddRelations {
                source: actor(n),
                kind: kind_id(n).unwrap_or_else(|| "meets".into()),
                targets: if n.is_multiple_of(13) {
                    Vec::new()
                } else {
                    vec![actor(n / 2), actor(n / 3)]
                },
                date: (n.is_multiple_of(2)).then(|| Date::ymd(2017, 6, 5)),
                evidence: (!n.is_multiple_of(3)).then(|| (a.clone(), span_in(project, &a, n))),
                note: format!("ملاحظة {n}"),
            }
        }
        11 => match relation() {
            Some(r) => {
                let a = article();
                Edit::AddEvidence {
                    relation: r.id,
                    span: span_in(project, &a, n / 2),
                    article: a,
                }
            }
            None => Edit::SetTitle("z".to_owned()),
        },
        12 => match relation() {
            Some(r) if !r.sources.is_empty() => Edit::RemoveSource {
                source: r.sources[usize::try_from(n).unwrap_or(0) % r.sources.len()].clone(),
                relation: r.id,
            },
            _ => Edit::DeleteRelation("rel-gone".into()),
        },
        13 => match relation() {
            Some(mut r) => {
                r.note = format!("معدّلة {n}");
                r.date = Some(Date::ymd(2020, 7, 26));
                if n.is_multiple_of(4) {
                    r.target = actor(n / 4);
                }
                Edit::UpdateRelation(r)
            }
            None => Edit::SetTitle("w".to_owned()),
        },
        14 => Edit::DeleteRelation(relation().map_or_else(|| "rel-gone".into(), |r| r.id)),
        _ => Edit::DuplicateRelation(relation().map_or_else(|| "rel-gone".into(), |r| r.id)),
    }
}

/// Kinds 16 and on: the vocabulary, the codebook, whole projects, several at once.
fn codebook_edit(p: &Picks<'_>, kind: u8) -> Edit {
    let (project, n) = (p.project, p.n);
    let (article, actor, highlight, kind_id) = (
        || p.article(),
        |m| p.actor(m),
        || p.highlight(),
        |m| p.kind_id(m),
    );
    match kind {
        16 => Edit::RenameRelationType {
            id: kind_id(n).unwrap_or_else(|| "meets".into()),
            label: if n.is_multiple_of(5) {
                pick(&project.vocabulary, n + 1).map_or_else(String::new, |t| t.label.clone())
            } else {
                format!("يلتقي {n}")
            },
        },
        17 => Edit::MergeRelationTypes {
            from: kind_id(n).unwrap_or_else(|| "meets".into()),
            into: kind_id(n / 3).unwrap_or_else(|| "meets".into()),
        },
        18 => Edit::AddRelationType {
            label: format!("يهدد {}", n % 5),
            directed: n.is_multiple_of(2),
        },
        19 => Edit::SetRelationTypeDirected {
            id: kind_id(n).unwrap_or_else(|| "gone".into()),
            directed: n.is_multiple_of(2),
        },
        20 => Edit::SetRelationTypeDescription {
            id: kind_id(n).unwrap_or_else(|| "gone".into()),
            description: format!(" وصف {n} "),
        },
        21 => {
            let mut other = project.clone();
            other.title = format!("نسخة مستعادة {n}");
            if n.is_multiple_of(3) {
                other.highlights.clear();
                for relation in &mut other.relations {
                    for source in &mut relation.sources {
                        source.evidence = None;
                    }
                }
            }
            Edit::RestoreRecovered(Box::new(other))
        }
        22 => {
            let mut other = project.clone();
            if n.is_multiple_of(2) {
                // Broken: a colleague's copy with a dangling reference is refused whole.
                other.highlights.push(warraq::model::Highlight {
                    id: "hl-dangling".into(),
                    article: "art-gone".into(),
                    span: Span::new(0, 1),
                    quote: "x".to_owned(),
                    tag: Tag::Evidence,
                    speech: None,
                    note: String::new(),
                    changed: None,
                });
            } else {
                other.description = format!("مدمج {n}");
            }
            Edit::MergeIn(Box::new(other))
        }
        23 => Edit::MergeActors {
            from: actor(n),
            into: actor(n / 7 + 1),
        },
        24 => match pick(&project.actors, n) {
            Some(a) => {
                let mut a = a.clone();
                a.name = if n.is_multiple_of(9) {
                    " ".to_owned()
                } else {
                    format!("الاسم {n}")
                };
                a.aliases = vec![format!(" لقب {n} "), a.name.clone(), String::new()];
                a.kind = ActorKind::ALL[usize::try_from(n).unwrap_or(0) % ActorKind::ALL.len()];
                Edit::UpdateActor(Box::new(a))
            }
            None => Edit::SetTitle("a".to_owned()),
        },
        25 => Edit::DeleteActor {
            actor: actor(n),
            dependents: !n.is_multiple_of(3),
        },
        26 => match pick(&project.claims, n) {
            Some(c) => {
                let mut c = c.clone();
                c.speaker = (!n.is_multiple_of(2)).then(|| actor(n / 2));
                c.stance = Stance::ALL[usize::try_from(n).unwrap_or(0) % 3];
                let id = c.id.clone();
                Edit::Several(vec![
                    Edit::UpdateClaim(Box::new(c)),
                    Edit::SetClaimConcept {
                        claim: id,
                        words: format!("ادعاء معدل {}", n % 4),
                    },
                ])
            }
            None => Edit::SetTitle("c".to_owned()),
        },
        27 => Edit::DeleteClaim(
            pick(&project.claims, n).map_or_else(|| "clm-gone".into(), |c| c.id.clone()),
        ),
        28 => match pick(&project.articles, n) {
            Some(a) => {
                let mut a = a.clone();
                a.outlet = format!("الجزيرة {n}");
                a.published = Some(Date::ymd(2019, 3, 4));
                if n.is_multiple_of(7) {
                    // Refused: the body is never edited in place.
                    a.body.push('x');
                }
                Edit::UpdateArticle(Box::new(a))
            }
            None => Edit::SetTitle("d".to_owned()),
        },
        29 => Edit::AnnotateHighlight {
            highlight: highlight().unwrap_or_else(|| "hl-gone".into()),
            note: format!("ملاحظة {n}"),
            speech: [None, Some(Speech::Quote), Some(Speech::Paraphrase)]
                [usize::try_from(n).unwrap_or(0) % 3],
        },
        // Several edits as one step; with a refused one among them, none is made.
        30 => Edit::Several(
            (0..=(n % 3))
                .map(|i| {
                    // Not 21 and 22 (restore and merge: whole projects that
                    // only the safety net checks); the other kinds, mixed.
                    let kind = u8::try_from((n + i * 5) % 27).unwrap_or(0);
                    let kind = if kind >= 21 { kind + 2 } else { kind };
                    make_edit(project, kind, n / 3 + i)
                })
                .collect(),
        ),
        _ => Edit::DeleteArticle {
            article: article(),
            orphans: if n.is_multiple_of(2) {
                warraq::model::edit::Orphans::Keep
            } else {
                warraq::model::edit::Orphans::Delete
            },
        },
    }
}

fn run_sequence(start: Project, steps: &[(u8, u64)]) {
    let original = store::to_ron_string(&start).unwrap();
    let mut app = App::new(start).with_ids(IdGenerator::deterministic(7));
    let mut applied = 0;
    for &(kind, n) in steps {
        let edit = make_edit(app.document().project(), kind, n);
        let before = app.document().project().clone();
        let revision = app.document().revision();
        match app.edit(edit.clone()) {
            Ok(_) => {
                let problems = app.document().project().validate();
                assert!(
                    problems.is_empty(),
                    "{edit:?} broke the project: {problems:?}"
                );
                assert_eq!(
                    *app.document().coded(),
                    Coded::new(app.document().project()),
                    "what is coded where followed {edit:?}"
                );
                if app.document().revision() == revision {
                    assert_eq!(
                        *app.document().project(),
                        before,
                        "{edit:?} changed without a step"
                    );
                } else {
                    applied += 1;
                }
            }
            Err(e) => {
                assert!(
                    !matches!(e, EditError::Invalid(_))
                        || matches!(edit, Edit::MergeIn(_) | Edit::RestoreRecovered(_)),
                    "{edit:?} was caught only by the safety net: {e}"
                );
                assert_eq!(
                    *app.document().project(),
                    before,
                    "{edit:?} failed ({e}) but changed the project"
                );
                assert_eq!(
                    app.document().revision(),
                    revision,
                    "{edit:?} failed but left a step"
                );
            }
        }
    }
    let end = app.document().project().clone();
    let mut undone = 0;
    while app.document().can_undo() {
        app.apply(Action::Undo);
        assert_eq!(
            *app.document().coded(),
            Coded::new(app.document().project()),
            "after undo"
        );
        undone += 1;
    }
    assert_eq!(undone, applied);
    assert!(
        !app.document().is_dirty(),
        "all undone is the state it started from"
    );
    assert_eq!(
        store::to_ron_string(app.document().project()).unwrap(),
        original,
        "undoing every step gives back the original bytes"
    );
    while app.document().can_redo() {
        app.apply(Action::Redo);
    }
    assert_eq!(
        *app.document().project(),
        end,
        "redoing every step gives the end state"
    );
}

fn sample() -> Project {
    store::load(&sample_path()).unwrap().project
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_on_the_sample_stay_valid_and_undo_to_the_same_bytes(
        steps in prop::collection::vec((0u8..KINDS, any::<u64>()), 1..40)
    ) {
        run_sequence(sample(), &steps);
    }

    #[test]
    fn random_edits_on_a_generated_corpus_stay_valid_and_undo_to_the_same_bytes(
        steps in prop::collection::vec((0u8..KINDS, any::<u64>()), 1..30)
    ) {
        run_sequence(warraq::synthetic::corpus(warraq::synthetic::Size::MEDIUM), &steps);
    }
}

#[test]
fn every_kind_of_edit_is_exercised_and_applied_at_least_once() {
    // Deterministic walk through every kind, so no kind is left to chance.
    let mut app = App::new(sample()).with_ids(IdGenerator::deterministic(3));
    let mut applied = [false; KINDS as usize];
    for round in 0..12u64 {
        for kind in 0..KINDS {
            let n = round * 7919 + u64::from(kind) * 104_729 + 1;
            let edit = make_edit(app.document().project(), kind, n);
            let revision = app.document().revision();
            if app.edit(edit).is_ok() && app.document().revision() != revision {
                applied[usize::from(kind)] = true;
            }
            assert!(app.document().project().validate().is_empty());
        }
    }
    let never: Vec<_> = (0..usize::from(KINDS)).filter(|&k| !applied[k]).collect();
    assert!(never.is_empty(), "edit kinds never applied: {never:?}");
}

/// Tagging a new actor over a bad span used to keep the actor (and an undo step).
#[test]
fn a_new_actor_whose_highlight_fails_is_not_kept() {
    let mut app = App::new(sample());
    let actors = app.document().project().actors.len();
    let result = app.edit(Edit::TagAsNewActor {
        article: "art-2017-tamim-putin".into(),
        span: Span::new(100_000, 100_004),
        name: "فاعل جديد".to_owned(),
        kind: ActorKind::Person,
        aliases: Vec::new(),
        gloss: String::new(),
    });
    assert!(
        matches!(result, Err(EditError::OutsideArticle { .. })),
        "{result:?}"
    );
    assert_eq!(app.document().project().actors.len(), actors);
    assert!(!app.document().can_undo());
    assert!(!app.document().is_dirty());
}

/// Adding relations with evidence but no target used to keep the evidence highlight.
#[test]
fn relations_without_a_target_leave_no_evidence_behind() {
    let mut app = App::new(sample());
    let highlights = app.document().project().highlights.len();
    let source = app.document().project().actors[0].id.clone();
    let result = app.edit(Edit::AddRelations {
        source,
        kind: "meets".into(),
        targets: Vec::new(),
        date: None,
        evidence: Some(("art-2017-tamim-putin".into(), Span::new(40, 60))),
        note: String::new(),
    });
    assert_eq!(result, Err(EditError::NoTargets));
    assert_eq!(app.document().project().highlights.len(), highlights);
    assert!(!app.document().can_undo());
}

/// The edit says what it made, so the window selects that and not a guess.
#[test]
fn an_edit_names_what_it_made() {
    let mut app = App::new(sample());
    let made = app
        .edit(Edit::TagAsNewActor {
            article: "art-2017-tamim-putin".into(),
            span: Span::new(0, 5),
            name: "اتصال".to_owned(),
            kind: ActorKind::Other,
            aliases: Vec::new(),
            gloss: String::new(),
        })
        .unwrap();
    assert_eq!(made.actors.len(), 1);
    assert_eq!(made.highlights.len(), 1);
    let highlight = app
        .document()
        .project()
        .highlight(&made.highlights[0])
        .unwrap();
    assert_eq!(highlight.tag, Tag::Actor(made.actors[0].clone()));
}

/// Undo keeps what each step changed, not copies of the project: the
/// steps of 200 tags weigh about as much as the 200 highlights themselves.
#[test]
fn undo_memory_is_what_the_edits_changed() {
    let project = warraq::synthetic::corpus(warraq::synthetic::Size::MEDIUM);
    let article = project.articles[0].id.clone();
    let mut app = App::new(project);
    let bodies = app.document().project().articles.as_ptr() as usize;
    let mut made = 0;
    for n in 0..200 {
        // Spans of blank text are refused, spans trimmed to one already made too.
        made += usize::from(
            app.edit(Edit::AddHighlight {
                article: article.clone(),
                span: Span::new(n, n + 2),
                tag: Tag::Evidence,
            })
            .is_ok(),
        );
    }
    assert!(made > 150, "{made}");
    // The articles were never copied (a snapshot per step would have copied every body).
    assert_eq!(app.document().project().articles.as_ptr() as usize, bodies);
    assert_eq!(app.document().undo_weight(), made, "one small op per tag");
}

/// An actor something depends on is not deleted behind the analyst's back;
/// deleted with its dependents, nothing dangles, and undo brings all back.
#[test]
fn deleting_an_actor_says_what_depends_on_it_and_takes_it_along_when_asked() {
    use warraq::model::edit::ActorDependents;
    let mut app = App::new(sample());
    let original = store::to_ron_string(app.document().project()).unwrap();
    let qatar: ActorId = "act-qatar".into();
    let found = ActorDependents::of(app.document().project(), &qatar);
    assert!(found.mentions > 0 && found.relations > 0, "{found:?}");
    let refused = app.edit(Edit::DeleteActor {
        actor: qatar.clone(),
        dependents: false,
    });
    assert_eq!(
        refused,
        Err(EditError::ActorInUse {
            actor: qatar.clone(),
            dependents: found
        })
    );
    assert!(!app.document().can_undo());
    app.edit(Edit::DeleteActor {
        actor: qatar.clone(),
        dependents: true,
    })
    .unwrap();
    let project = &app.document().project();
    assert!(project.actor(&qatar).is_none());
    assert_eq!(
        ActorDependents::of(project, &qatar),
        ActorDependents::default()
    );
    assert!(project.validate().is_empty(), "no dangling reference");
    app.apply(Action::Undo);
    assert_eq!(
        store::to_ron_string(app.document().project()).unwrap(),
        original
    );
}

#[test]
fn an_articles_metadata_is_edited_and_its_body_never() {
    let mut app = App::new(sample());
    let mut article = app.document().project().articles[0].clone();
    article.outlet = "هافينغتون بوست عربي".to_owned();
    article.published = Some(Date::ymd(2017, 11, 21));
    app.edit(Edit::UpdateArticle(Box::new(article.clone())))
        .unwrap();
    assert_eq!(
        app.document().project().articles[0].outlet,
        "هافينغتون بوست عربي"
    );
    article.body.insert(0, 'x');
    assert_eq!(
        app.edit(Edit::UpdateArticle(Box::new(article.clone()))),
        Err(EditError::BodyChanged(article.id.clone()))
    );
}

#[test]
fn deleting_an_article_takes_its_highlights_and_keeps_or_deletes_orphaned_relations() {
    use warraq::model::edit::Orphans;
    for orphans in [Orphans::Keep, Orphans::Delete] {
        let mut app = App::new(sample());
        let article: ArticleId = "art-2017-tamim-putin".into();
        let project = &app.document().project();
        let only_here = project
            .relations
            .iter()
            .filter(|r| !r.sources.is_empty() && r.sources.iter().all(|s| s.article == article))
            .count();
        let relations = project.relations.len();
        assert!(only_here > 0);
        app.edit(Edit::DeleteArticle {
            article: article.clone(),
            orphans,
        })
        .unwrap();
        let project = &app.document().project();
        assert!(project.article(&article).is_none());
        assert!(project.highlights.iter().all(|h| h.article != article));
        assert!(project.relations.iter().all(|r| !r.cites(&article)));
        let expected = match orphans {
            Orphans::Keep => relations,
            Orphans::Delete => relations - only_here,
        };
        assert_eq!(project.relations.len(), expected);
        assert!(project.validate().is_empty());
    }
}

/// A highlight covers words: spaces a drag picked up at its ends are left
/// out, and the very same highlight twice is refused, not counted twice.
#[test]
fn highlights_are_trimmed_and_an_exact_duplicate_is_refused() {
    let mut app = App::new(sample());
    let article = app.document().project().articles[0].clone();
    let chars: Vec<char> = article.body.chars().collect();
    // A word with the space before and after it.
    let start = (1..chars.len() - 6)
        .find(|&i| {
            chars[i - 1] == ' '
                && chars[i..i + 4].iter().all(|c| c.is_alphabetic())
                && chars[i + 4] == ' '
        })
        .unwrap();
    let made = app
        .edit(Edit::AddHighlight {
            article: article.id.clone(),
            span: Span::new(start - 1, start + 5),
            tag: Tag::Evidence,
        })
        .unwrap();
    let highlight = app
        .document()
        .project()
        .highlight(&made.highlights[0])
        .unwrap()
        .clone();
    assert_eq!(highlight.span, Span::new(start, start + 4));
    assert!(!highlight.quote.starts_with(' ') && !highlight.quote.ends_with(' '));
    let again = app.edit(Edit::AddHighlight {
        article: article.id.clone(),
        span: Span::new(start, start + 4),
        tag: Tag::Evidence,
    });
    assert_eq!(
        again,
        Err(EditError::DuplicateHighlight(highlight.id.clone()))
    );
    let blank = app.edit(Edit::AddHighlight {
        article: article.id.clone(),
        span: Span::new(start - 1, start),
        tag: Tag::Evidence,
    });
    assert_eq!(blank, Err(EditError::EmptySpan));
}
