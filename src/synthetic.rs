//! A coded corpus of any size, made from the two seed articles: vocalised
//! Arabic bodies, actors with aliases, actor, claim and evidence highlights,
//! and relations citing one or several sources. For benchmarks and property
//! tests, where the sample is too small to show what scale costs.

use crate::model::{
    Actor, ActorId, ActorKind, Article, ArticleId, Claim, ClaimId, Concept, ConceptId, Date,
    Highlight, HighlightId, Project, Relation, RelationId, Source, Span, Stance, Tag,
};

const SEEDS: [&str; 2] = [
    include_str!("../tests/data/2017-11-20-tamim-putin-call.txt"),
    include_str!("../tests/data/2020-07-26-qatar-us-milley.txt"),
];

/// How much of everything.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub articles: usize,
    /// Characters in a body, roughly.
    pub article_chars: usize,
    pub actors: usize,
    pub claims: usize,
    pub actor_highlights_per_article: usize,
    pub claim_highlights_per_article: usize,
    pub evidence_per_article: usize,
    pub relations: usize,
}

impl Size {
    /// A coded corpus as analysts have them: 2,000 articles (~50 MB),
    /// ~100,000 actor highlights, 6,000 relations, 300 actors.
    pub const LARGE: Self = Self {
        articles: 2_000,
        article_chars: 4_200,
        actors: 300,
        claims: 400,
        actor_highlights_per_article: 50,
        claim_highlights_per_article: 2,
        evidence_per_article: 3,
        relations: 6_000,
    };

    /// Big enough that lists have many items, small enough for a test.
    pub const MEDIUM: Self = Self {
        articles: 40,
        article_chars: 3_000,
        actors: 40,
        claims: 20,
        actor_highlights_per_article: 20,
        claim_highlights_per_article: 2,
        evidence_per_article: 2,
        relations: 120,
    };
}

/// A small deterministic generator (xorshift), so every run builds the same
/// corpus (and a failing fuzz case can be run again).
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        #[expect(
            clippy::cast_possible_truncation,
            reason = "small random counters for generated test data"
        )]
        let r = self.next_u64() as usize;
        r % n.max(1)
    }
}

fn is_arabic_letter(c: char) -> bool {
    ('\u{0621}'..='\u{064A}').contains(&c)
}

/// Adds a short vowel after most Arabic letters, as vocalised agency copy and
/// religious or literary quotations have them.
fn vocalise(text: &str, rng: &mut Rng) -> String {
    const HARAKAT: [char; 4] = ['\u{064E}', '\u{064F}', '\u{0650}', '\u{0652}'];
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        out.push(c);
        if is_arabic_letter(c) && rng.below(3) != 0 {
            out.push(HARAKAT[rng.below(HARAKAT.len())]);
        }
    }
    out
}

/// The seeds' paragraphs, in order.
fn paragraphs() -> Vec<String> {
    SEEDS
        .iter()
        .flat_map(|s| {
            crate::model::text::normalize_newlines(s)
                .split("\n\n")
                .map(|p| p.trim().to_owned())
                .collect::<Vec<_>>()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// Word spans (code points) of `body`: runs of letters and their marks.
fn words(body: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = None;
    let mut n = 0;
    for (i, c) in body.chars().enumerate() {
        let in_word = c.is_alphanumeric() || ('\u{064B}'..='\u{0652}').contains(&c);
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push(Span::new(s, i));
                start = None;
            }
            _ => {}
        }
        n = i + 1;
    }
    if let Some(s) = start {
        spans.push(Span::new(s, n));
    }
    spans
}

fn quote(chars: &[char], span: Span) -> String {
    chars[span.start..span.end].iter().collect()
}

/// The registry: an actor per seed word (numbered once the words run out), each with an alias.
fn actors(size: Size, seed_words: &[String]) -> Vec<Actor> {
    (0..size.actors)
        .map(|i| {
            let name = &seed_words[i % seed_words.len()];
            let mut actor = Actor::new(
                ActorId::new(format!("act-{i:04}")),
                if i < seed_words.len() {
                    name.clone()
                } else {
                    format!("{name} {i}")
                },
                ActorKind::ALL[i % ActorKind::ALL.len()],
            );
            actor
                .aliases
                .push(seed_words[(i * 7 + 3) % seed_words.len()].clone());
            actor
        })
        .collect()
}

/// The concepts the claims are about, three claims each.
fn concepts(size: Size) -> Vec<Concept> {
    (0..size.claims.div_ceil(3))
        .map(|i| {
            Concept::new(
                ConceptId::new(format!("cpt-{i:04}")),
                format!("ادعاء رقم {i}"),
            )
        })
        .collect()
}

/// Claims spoken by the actors in turn, with every stance.
fn claims(size: Size) -> Vec<Claim> {
    (0..size.claims)
        .map(|i| Claim {
            id: ClaimId::new(format!("clm-{i:04}")),
            // A concept has a few speakers, as in a real discourse.
            concept: ConceptId::new(format!("cpt-{:04}", i / 3)),
            speaker: Some(ActorId::new(format!("act-{:04}", i % size.actors.max(1)))),
            on_behalf_of: None,
            stance: Stance::ALL[i % Stance::ALL.len()],
            note: String::new(),
            changed: None,
        })
        .collect()
}

/// A project of `size`, the same on every call.
pub fn corpus(size: Size) -> Project {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let paragraphs = paragraphs();
    let mut project = Project::new("مشروع اختبار كبير");
    let seed_words: Vec<String> = {
        let mut seen = std::collections::HashSet::new();
        paragraphs
            .iter()
            .flat_map(|p| p.split_whitespace())
            .filter(|w| w.chars().count() >= 3 && w.chars().all(is_arabic_letter))
            .filter(|w| seen.insert((*w).to_owned()))
            .map(str::to_owned)
            .collect()
    };
    project.actors = actors(size, &seed_words).into();
    project.concepts = concepts(size).into();
    project.claims = claims(size).into();
    let mut evidence: Vec<(ArticleId, HighlightId)> = Vec::new();
    for a in 0..size.articles {
        let mut body = String::new();
        let mut p = rng.below(paragraphs.len());
        while body.chars().count() < size.article_chars {
            body.push_str(&vocalise(&paragraphs[p % paragraphs.len()], &mut rng));
            body.push_str("\n\n");
            p += 1;
        }
        let body = body.trim_end().to_owned();
        let id = ArticleId::new(format!("art-{a:05}"));
        let mut article = Article::new(id.clone(), format!("مقال {a}"), &body);
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_possible_wrap,
            reason = "small random counters for generated test data"
        )]
        let year = 2015 + (a % 10) as i32;
        #[expect(
            clippy::cast_possible_truncation,
            reason = "small random counters for generated test data"
        )]
        let (month, day) = ((a % 12) as u8 + 1, (a % 28) as u8 + 1);
        article.published = Some(Date::ymd(year, month, day));
        ["الجزيرة", "العربية", "Reuters", "هاف بوست عربي"][a % 4].clone_into(&mut article.outlet);
        let chars: Vec<char> = article.body.chars().collect();
        let spans = words(&article.body);
        let mut n = 0;
        let mut push = |project: &mut Project, span: Span, tag: Tag| {
            let hid = HighlightId::new(format!("hl-{a:05}-{n:03}"));
            n += 1;
            project.highlights.push(Highlight {
                id: hid.clone(),
                article: id.clone(),
                span,
                quote: quote(&chars, span),
                tag,
                speech: None,
                note: String::new(),
                changed: None,
            });
            hid
        };
        let step = (spans.len() / size.actor_highlights_per_article.max(1)).max(1);
        for (i, span) in spans
            .iter()
            .step_by(step)
            .take(size.actor_highlights_per_article)
            .enumerate()
        {
            let actor = ActorId::new(format!("act-{:04}", (a * 7 + i * 13) % size.actors.max(1)));
            push(&mut project, *span, Tag::Actor(actor));
        }
        for i in 0..size.claim_highlights_per_article.min(size.claims) {
            let first = spans[(i * 97 + 5) % spans.len()];
            let last = spans[((i * 97 + 5) % spans.len() + 8).min(spans.len() - 1)];
            let claim = ClaimId::new(format!("clm-{:04}", (a + i * 31) % size.claims));
            push(
                &mut project,
                Span::new(first.start, last.end),
                Tag::Claim(claim),
            );
        }
        for i in 0..size.evidence_per_article {
            let first = spans[(i * 151 + 17) % spans.len()];
            let last = spans[((i * 151 + 17) % spans.len() + 12).min(spans.len() - 1)];
            let hid = push(
                &mut project,
                Span::new(first.start, last.end),
                Tag::Evidence,
            );
            evidence.push((id.clone(), hid));
        }
        project.articles.push(article);
    }
    let kinds: Vec<_> = project.vocabulary.iter().map(|t| t.id.clone()).collect();
    for r in 0..size.relations {
        let mut sources = Vec::new();
        if !evidence.is_empty() {
            let (article, hid) = &evidence[r % evidence.len()];
            sources.push(Source::new(article.clone(), Some(hid.clone())));
            if r % 5 == 0 {
                let (article, hid) = &evidence[rng.below(evidence.len())];
                if !sources.iter().any(|s| s.evidence.as_ref() == Some(hid)) {
                    sources.push(Source::new(article.clone(), Some(hid.clone())));
                }
            }
        }
        let source = rng.below(size.actors);
        let target = (source + 1 + rng.below(size.actors.saturating_sub(1).max(1))) % size.actors;
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_possible_wrap,
            reason = "small random counters for generated test data"
        )]
        let year = 2015 + (r % 10) as i32;
        project.relations.push(Relation {
            id: RelationId::new(format!("rel-{r:05}")),
            source: ActorId::new(format!("act-{source:04}")),
            kind: kinds[r % kinds.len()].clone(),
            target: ActorId::new(format!("act-{target:04}")),
            date: Some(Date {
                year,
                month: Some(6),
                day: None,
            }),
            sources,
            note: String::new(),
            changed: None,
        });
    }
    project
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_corpus_is_valid_and_vocalised() {
        let project = corpus(Size::MEDIUM);
        assert_eq!(project.validate(), Vec::new());
        assert_eq!(project.articles.len(), Size::MEDIUM.articles);
        assert!(project.articles[0].body.contains('\u{064E}'));
        assert!(project.relations.iter().any(|r| r.sources.len() > 1));
    }
}
