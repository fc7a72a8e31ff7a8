//! Actors not registered yet, found by what the analyst's own coding shows:
//! the titles and roles that stand before the names they coded (الرئيس،
//! الأمير، وزير الخارجية، المتحدث باسم…), or open them (الشيخ، الفريق،
//! الجنرال…), and the kinds they gave those names. A title seen in the
//! coding, followed by words that read as a name and belong to no registered
//! actor, is a candidate — with the title, how often it was coded and as
//! what, as its reason. Learned afresh from the project each time: nothing
//! is downloaded, and every reason can be checked against the coding.

use super::gazetteer::{self, Role};
use crate::model::{ActorId, ActorKind, ArticleId, Project, Span, Tag, arabic};
use std::collections::{HashMap, HashSet};

/// A name that reads as an actor nobody registered yet — or, from the
/// gazetteer, another name of one registered (`actor`).
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub article: ArticleId,
    /// Code points of the body: the name (with its title when the analyst
    /// codes names with their titles).
    pub span: Span,
    /// The passage, as written.
    pub quote: String,
    /// The name the new actor gets (the gazetteer's for a state named by its
    /// capital or a short form).
    pub name: String,
    pub kind: ActorKind,
    /// Names the new actor gets besides `name` (the form written, when it differs).
    pub aliases: Vec<String>,
    /// The English name, from the gazetteer.
    pub gloss: String,
    /// The registered actor this names (a gazetteer variant of its name, a
    /// capital acting for it): accepting tags it, nothing is created.
    pub actor: Option<ActorId>,
    pub score: f32,
    pub why: String,
    /// The title it came after (folded), for learning from rejections.
    pub title: Option<String>,
}

impl Candidate {
    /// The id its rejection has (see `Rejection`).
    pub fn rejection_id(&self) -> String {
        crate::model::Rejection::id_for(&self.article, self.span, &self.actor(), &self.name)
    }

    /// This candidate turned down.
    pub fn rejected(&self) -> crate::model::Rejection {
        crate::model::Rejection::new(self.article.clone(), self.span, self.actor(), &self.name)
    }

    fn actor(&self) -> ActorId {
        self.actor.clone().unwrap_or_default()
    }

    /// The candidate in the words a list or `warraq suggest` shows (`chars`:
    /// its article's body as characters); its `actor` is empty.
    pub fn described(&self, chars: &[char]) -> super::Described {
        super::Described {
            article: self.article.clone(),
            start: self.span.start,
            end: self.span.end,
            quote: self.quote.clone(),
            actor: self.actor.clone().unwrap_or_else(|| ActorId::from("")),
            name: self.name.clone(),
            kind: self.kind,
            score: self.score,
            why: self.why.clone(),
            context: crate::model::search::context_in(chars, self.span, super::CONTEXT).0,
        }
    }
}

/// Words that stand before names without being titles (prepositions,
/// conjunctions, verbs of saying): never learned as titles, never a name.
const FUNCTION_WORDS: [&str; 40] = [
    "في", "من", "على", "الى", "إلى", "عن", "مع", "بين", "ان", "أن", "إن", "لان", "لأن", "قال",
    "وقال", "اكد", "أكد", "حيث", "كما", "بعد", "قبل", "خلال", "عبر", "منذ", "حول", "ضد", "لدى",
    "عند", "هذا", "هذه", "ذلك", "تلك", "الذي", "التي", "او", "أو", "ثم", "لقد", "قد", "كان",
];

/// How many words a name may run to after its title.
const MAX_NAME_WORDS: usize = 6;

/// A title and what the coding says of it.
#[derive(Debug, Default, Clone)]
struct Title {
    /// Coded names it stood before, or opened, by the kind they were given.
    kinds: HashMap<ActorKind, usize>,
    /// How often the analyst's highlight included it.
    inside: usize,
    before: usize,
    /// From the built-in list, not (yet) the coding: whether it opens the name.
    builtin: Option<bool>,
    /// New actors after it that the analyst rejected.
    rejected: usize,
}

impl Title {
    fn seen(&self) -> usize {
        self.inside + self.before
    }

    fn kind(&self) -> ActorKind {
        self.kinds
            .iter()
            .max_by_key(|(kind, n)| (**n, std::cmp::Reverse(**kind as u8)))
            .map_or(ActorKind::Person, |(kind, _)| *kind)
    }
}

/// A word of a body: its code points and its folded form.
struct Word {
    range: std::ops::Range<usize>,
    folded: String,
}

fn words(body: &str) -> (Vec<char>, Vec<Word>) {
    let chars: Vec<char> = body.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && (chars[i].is_alphanumeric() || ('\u{064B}'..='\u{065F}').contains(&chars[i]))
        {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        out.push(Word {
            range: start..i,
            folded: arabic::fold(&word),
        });
    }
    (chars, out)
}

/// Only spaces between two words: the same phrase (no comma, no quote).
fn joined(chars: &[char], a: &Word, b: &Word) -> bool {
    chars[a.range.end..b.range.start].iter().all(|c| *c == ' ')
}

fn is_function_word(folded: &str) -> bool {
    static FOLDED: std::sync::LazyLock<HashSet<String>> =
        std::sync::LazyLock::new(|| FUNCTION_WORDS.iter().map(|w| arabic::fold(w)).collect());
    FOLDED.contains(folded)
}

/// Titles are definite nouns (الرئيس، الأمير، الشيخ، وزير الخارجية): the
/// word next to the name carries the article, and is not an adjective.
fn is_title_word(folded: &str) -> bool {
    folded.starts_with("ال")
        && folded.chars().count() >= 4
        && !is_nisba(folded)
        && !is_function_word(folded)
}

/// A word that can be part of a name after a title: not a definite noun or
/// adjective (اليوم، العاصمة، الاستراتيجي), not a function word or a number.
fn is_name_word(folded: &str) -> bool {
    // «آل» (the family of) folds to «ال» and belongs to names: آل ثاني.
    (folded == "ال" || !folded.starts_with("ال"))
        && !is_function_word(folded)
        && !is_reporting_verb(folded)
        && !folded.chars().all(|c| c.is_ascii_digit())
        && folded.chars().count() >= 2
}

/// Verbs news puts right after a title and its adjective, where a name
/// could stand («والرئيس الروسي أشادا بمستوى…»): never part of a name.
const REPORTING_VERBS: [&str; 36] = [
    "قال",
    "قالت",
    "أكد",
    "أكدت",
    "أعلن",
    "أعلنت",
    "أشاد",
    "أشادت",
    "أعرب",
    "أعربت",
    "دعا",
    "دعت",
    "بحث",
    "بحثت",
    "استقبل",
    "استقبلت",
    "التقى",
    "التقت",
    "أجرى",
    "أجرت",
    "تلقى",
    "تلقت",
    "وصل",
    "وصلت",
    "غادر",
    "زار",
    "زارت",
    "شدد",
    "شددت",
    "اعتبر",
    "أوضح",
    "أضاف",
    "أشار",
    "أبلغ",
    "هنأ",
    "بعث",
];

/// A reporting verb, in the singular or with the dual or plural ending
/// (أشادا، أكدوا), or behind و or ف.
fn is_reporting_verb(folded: &str) -> bool {
    static FOLDED: std::sync::LazyLock<HashSet<String>> =
        std::sync::LazyLock::new(|| REPORTING_VERBS.iter().map(|w| arabic::fold(w)).collect());
    let bare = folded
        .strip_prefix(['و', 'ف'])
        .filter(|rest| rest.chars().count() >= 3)
        .unwrap_or(folded);
    [folded, bare].into_iter().any(|w| {
        FOLDED.contains(w)
            || w.strip_suffix("وا").is_some_and(|s| FOLDED.contains(s))
            || w.strip_suffix('ا').is_some_and(|s| FOLDED.contains(s))
    })
}

/// A nisba adjective after a title («الرئيس الروسي»): part of the title.
fn is_nisba(folded: &str) -> bool {
    folded.starts_with("ال")
        && folded.chars().count() > 4
        && (folded.ends_with('ي') || folded.ends_with("يه"))
}

/// The titles the coding shows, by their folded words, and the built-in
/// ones it has not shown yet.
fn learn(project: &Project) -> HashMap<String, Title> {
    let mut titles = learn_from_coding(project);
    for (title, opens) in &gazetteer::gazetteer().titles {
        titles.entry(title.clone()).or_insert_with(|| Title {
            builtin: Some(*opens),
            ..Title::default()
        });
    }
    titles
}

/// The titles the coding shows, by their folded words.
fn learn_from_coding(project: &Project) -> HashMap<String, Title> {
    let mut titles: HashMap<String, Title> = HashMap::new();
    let mut split: HashMap<&ArticleId, (Vec<char>, Vec<Word>)> = HashMap::new();
    // Looked up by id in a map: the project's own lookups walk their lists.
    let kinds: HashMap<&crate::model::ActorId, ActorKind> =
        project.actors.iter().map(|a| (&a.id, a.kind)).collect();
    let bodies: HashMap<&ArticleId, &str> = project
        .articles
        .iter()
        .map(|a| (&a.id, a.body.as_str()))
        .collect();
    for h in &project.highlights {
        let Tag::Actor(id) = &h.tag else { continue };
        let Some(&kind) = kinds.get(id) else {
            continue;
        };
        let Some(&body) = bodies.get(&h.article) else {
            continue;
        };
        let (chars, words) = split.entry(&h.article).or_insert_with(|| words(body));
        // Words are in text order: the highlight's are found by halving.
        let from = words.partition_point(|w| w.range.start < h.span.start);
        let to = words.partition_point(|w| w.range.start < h.span.end);
        let inside: Vec<&Word> = words[from..to]
            .iter()
            .filter(|w| w.range.end <= h.span.end)
            .collect();
        // Opening a coded name of several words: «الشيخ تميم بن حمد».
        if inside.len() >= 2 && is_title_word(&inside[0].folded) {
            let title = titles.entry(inside[0].folded.clone()).or_default();
            title.inside += 1;
            *title.kinds.entry(kind).or_default() += 1;
        }
        // Standing before it: «الرئيس» بوتين, «وزير الخارجية» …
        let before: Vec<&Word> = words[..from]
            .iter()
            .rev()
            .filter(|w| w.range.end <= h.span.start)
            .take(2)
            .collect();
        let mut phrase: Vec<&Word> = Vec::new();
        for w in before {
            let next = phrase.last().copied();
            let gap_ok = match next {
                None => chars[w.range.end..h.span.start].iter().all(|c| *c == ' '),
                Some(n) => joined(chars, w, n),
            };
            if !gap_ok || is_function_word(&w.folded) {
                break;
            }
            // The word next to the name must be a title's own word.
            if phrase.is_empty() && !is_title_word(&w.folded) {
                break;
            }
            phrase.push(w);
            let key: Vec<&str> = phrase.iter().rev().map(|w| w.folded.as_str()).collect();
            let title = titles.entry(key.join(" ")).or_default();
            title.before += 1;
            *title.kinds.entry(kind).or_default() += 1;
        }
    }
    titles
}

/// New-actor candidates in every article (or one), in text order; none over
/// a passage coded as an actor or in `suggested` (mentions of registered
/// actors, already offered).
pub fn candidates(
    project: &Project,
    only: Option<&ArticleId>,
    suggested: &[super::Suggestion],
) -> Vec<Candidate> {
    candidates_until(project, only, suggested, &|| false).unwrap_or_default()
}

/// `candidates`, stopping between articles (with `None`) once `stop` says so.
pub fn candidates_until(
    project: &Project,
    only: Option<&ArticleId>,
    suggested: &[super::Suggestion],
    stop: &dyn Fn() -> bool,
) -> Option<Vec<Candidate>> {
    let mut titles = learn(project);
    let rejected = super::rejected_ids(project);
    learn_from_rejections(project, &rejected, &mut titles);
    // Every registered name, folded, and whose it is.
    let registered: HashMap<String, &crate::model::Actor> = project
        .actors
        .iter()
        .flat_map(|a| a.names().map(move |n| (arabic::fold(n.trim()), a)))
        .collect();
    let mut coded_spans = super::actor_spans_by_article(project);
    let mut offered: HashMap<&ArticleId, Vec<Span>> = HashMap::new();
    for s in suggested {
        offered.entry(&s.article).or_default().push(s.span);
    }
    let mut out = Vec::new();
    for article in project
        .articles
        .iter()
        .filter(|a| only.is_none_or(|id| &a.id == id))
    {
        if stop() {
            return None;
        }
        let mut coded: Vec<Span> = coded_spans.remove(&article.id).unwrap_or_default();
        coded.extend(offered.get(&article.id).into_iter().flatten().copied());
        let mut coded = super::Occupied::new(coded);
        let (chars, words) = words(&article.body);
        let from = out.len();
        after_titles(
            &titles,
            &registered,
            article,
            (&chars, &words),
            &mut coded,
            &mut out,
        );
        from_gazetteer(&registered, article, &mut coded, &mut out);
        let surnames = by_surname(article, &out[from..], &mut coded);
        out.extend(surnames);
        if !rejected.is_empty() {
            let mut i = from;
            while i < out.len() {
                if rejected.contains(out[i].rejection_id().as_str()) {
                    out.swap_remove(i);
                } else {
                    i += 1;
                }
            }
        }
        out[from..].sort_by_key(|c| c.span);
    }
    Some(out)
}

/// What the analyst turned down teaches the titles too: each rejected new
/// person found after a title counts against it, and a title rejected more
/// often than the coding shows it is no longer used.
fn learn_from_rejections(
    project: &Project,
    rejected: &HashSet<&str>,
    titles: &mut HashMap<String, Title>,
) {
    let mut articles: HashSet<&ArticleId> = project
        .rejections
        .iter()
        .filter(|r| r.actor.is_empty())
        .map(|r| &r.article)
        .collect();
    if articles.is_empty() {
        return;
    }
    let registered: HashMap<String, &crate::model::Actor> = HashMap::new();
    let mut coded = super::actor_spans_by_article(project);
    let mut counts: HashMap<String, usize> = HashMap::new();
    for article in &project.articles {
        if !articles.remove(&article.id) {
            continue;
        }
        let mut occupied = super::Occupied::new(coded.remove(&article.id).unwrap_or_default());
        let (chars, words) = words(&article.body);
        let mut found = Vec::new();
        after_titles(
            titles,
            &registered,
            article,
            (&chars, &words),
            &mut occupied,
            &mut found,
        );
        for c in found {
            if let Some(title) = c
                .title
                .as_ref()
                .filter(|_| rejected.contains(c.rejection_id().as_str()))
            {
                *counts.entry(title.clone()).or_default() += 1;
            }
        }
    }
    for (title, n) in counts {
        if let Some(t) = titles.get_mut(&title) {
            t.rejected += n;
        }
    }
}

/// A title word, alone or behind a conjunction («والجنرال»).
fn is_a_title(titles: &HashMap<String, Title>, folded: &str) -> bool {
    titles.contains_key(folded)
        || folded
            .strip_prefix(['و', 'ف'])
            .is_some_and(|rest| titles.contains_key(rest))
}

/// Candidates after a title: the words that read as a name.
fn after_titles(
    titles: &HashMap<String, Title>,
    registered: &HashMap<String, &crate::model::Actor>,
    article: &crate::model::Article,
    (chars, words): (&[char], &[Word]),
    coded: &mut super::Occupied,
    out: &mut Vec<Candidate>,
) {
    let mut i = 0;
    while i < words.len() {
        // The longest title starting here (three words, two, then one).
        let found = [3, 2, 1].into_iter().find_map(|n| {
            let phrase = words.get(i..i + n)?;
            if phrase.windows(2).any(|w| !joined(chars, &w[0], &w[1])) {
                return None;
            }
            let mut key: Vec<&str> = phrase.iter().map(|w| w.folded.as_str()).collect();
            if let Some(t) = titles.get(&key.join(" ")) {
                return Some((n, key.join(" "), t, 0));
            }
            // «والجنرال»: the title behind a conjunction.
            key[0] = key[0].strip_prefix(['و', 'ف'])?;
            titles.get(&key.join(" ")).map(|t| (n, key.join(" "), t, 1))
        });
        let Some((n, key, title, conjunction)) =
            found.filter(|(_, _, t, _)| t.rejected <= t.seen())
        else {
            i += 1;
            continue;
        };
        // A nisba after the title belongs to it: «الرئيس الروسي».
        let mut first = i + n;
        while words.get(first).is_some_and(|w| is_nisba(&w.folded))
            && joined(chars, &words[first - 1], &words[first])
        {
            first += 1;
        }
        let mut last = first;
        while last < words.len()
            && last - first < MAX_NAME_WORDS
            && (last == first || joined(chars, &words[last - 1], &words[last]))
            && (last > first || joined(chars, &words[first - 1], &words[first]))
            && is_name_word(&words[last].folded)
            && !is_a_title(titles, &words[last].folded)
            // A word ending in ta marbuta after a name is a common noun (أهمية).
            && (last == first || chars[words[last].range.end - 1] != 'ة')
        {
            last += 1;
        }
        if last == first {
            i += 1;
            continue;
        }
        let opens = match title.builtin {
            Some(opens) => opens,
            None => title.inside > title.before,
        };
        let name_start = if opens {
            words[i].range.start + conjunction
        } else {
            words[first].range.start
        };
        let span = Span::new(name_start, words[last - 1].range.end);
        let name: String = chars[span.start..span.end].iter().collect();
        let folded_name: String = words[first..last]
            .iter()
            .map(|w| w.folded.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let known =
            registered.contains_key(&arabic::fold(&name)) || registered.contains_key(&folded_name);
        if !known && !coded.overlaps(span) {
            let kind = title.kind();
            let seen = title.seen();
            #[expect(clippy::cast_precision_loss, reason = "small counts")]
            let score = (0.4 + 0.1 * seen as f32 - 0.1 * title.rejected as f32).clamp(0.1, 0.8);
            let rejected = match title.rejected {
                0 => String::new(),
                n => format!("; you rejected {n} new actor(s) after it"),
            };
            let why = if title.builtin.is_some() {
                format!(
                    "a new {} after «{key}», a title that stands before persons' names in the news \
                     (Warraq's built-in list: your coding has not shown it yet){rejected}",
                    kind.label()
                )
            } else {
                format!(
                    "a new {} after «{key}», a title your coding shows {seen} time(s), most often with a {}{rejected}",
                    kind.label(),
                    kind.label()
                )
            };
            coded.take(span);
            out.push(Candidate {
                article: article.id.clone(),
                span,
                quote: name.clone(),
                name,
                kind,
                aliases: Vec::new(),
                gloss: String::new(),
                actor: None,
                score,
                why,
                title: Some(key.clone()),
            });
        }
        i = last;
    }
}

/// Candidates from the bundled gazetteer: states, organisations, groups and
/// persons it names (or, for a registered one, another name of it), and a
/// capital where its context makes it its government.
fn from_gazetteer(
    registered: &HashMap<String, &crate::model::Actor>,
    article: &crate::model::Article,
    coded: &mut super::Occupied,
    out: &mut Vec<Candidate>,
) {
    let g = gazetteer::gazetteer();
    let folded = super::Folded::of(&article.body);
    let english = article.language.starts_with("en");
    for f in g.find(&folded) {
        let span = Span::new(f.start, f.end);
        if coded.overlaps(span) {
            continue;
        }
        let entry = &g.entries[f.entry];
        // «مجلس الأمن القومي» is another council than «مجلس الأمن».
        if matches!(entry.role, Role::Organisation | Role::Group)
            && gazetteer::next_word(&folded, f.folded.end).is_some_and(|w| is_nisba(&w))
        {
            continue;
        }
        let quote: String = article
            .body
            .chars()
            .skip(span.start)
            .take(span.end - span.start)
            .collect();
        let (acting, context) = if entry.role == Role::Capital {
            let Some(context) = gazetteer::government_context(&folded, f.folded.clone()) else {
                continue;
            };
            let Some(state) = g.entry(&entry.of) else {
                continue;
            };
            (state, Some(context))
        } else {
            (entry, None)
        };
        let actor = acting
            .names
            .iter()
            .find_map(|n| registered.get(&arabic::fold(n.trim())).copied());
        let what = match &context {
            Some(context) => format!(
                "«{quote}», capital of {}, stands for its government here ({context})",
                acting.gloss
            ),
            None => format!("«{quote}» is {} in the bundled gazetteer", describe(entry)),
        };
        let score: f32 = match entry.role {
            Role::Capital => 0.6,
            Role::Person => 0.65,
            _ => 0.7,
        };
        let candidate = if let Some(actor) = actor {
            Candidate {
                article: article.id.clone(),
                span,
                quote,
                name: actor.name.clone(),
                kind: actor.kind,
                aliases: Vec::new(),
                gloss: String::new(),
                actor: Some(actor.id.clone()),
                score: score + 0.1,
                why: format!("{what}: registered as {}", actor.name),
                title: None,
            }
        } else {
            let name = if english && !acting.gloss.is_empty() {
                acting.gloss.clone()
            } else {
                acting.names[0].clone()
            };
            let alias = context.is_none() && arabic::fold(&quote) != arabic::fold(&name);
            Candidate {
                article: article.id.clone(),
                span,
                aliases: if alias {
                    vec![quote.clone()]
                } else {
                    Vec::new()
                },
                quote,
                kind: acting.role.kind(),
                gloss: if english {
                    String::new()
                } else {
                    acting.gloss.clone()
                },
                name,
                actor: None,
                score,
                why: format!("{what}: a new {}", acting.role.kind().label()),
                title: None,
            }
        };
        coded.take(span);
        out.push(candidate);
    }
}

/// A new person proposed in an article is often named again by the last
/// word of the name alone («براين هوك» … «هوك»): those mentions are
/// candidates for the same new person.
fn by_surname(
    article: &crate::model::Article,
    proposed: &[Candidate],
    coded: &mut super::Occupied,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for c in proposed {
        if c.actor.is_some() || c.kind != ActorKind::Person {
            continue;
        }
        let words: Vec<&str> = c.quote.split_whitespace().collect();
        let Some(last) = words.last().filter(|_| words.len() >= 2) else {
            continue;
        };
        let folded = arabic::fold(last);
        if folded.chars().count() < 3 || !is_name_word(&folded) || !seen.insert(folded) {
            continue;
        }
        for range in crate::model::search::find_in(&article.body, last) {
            let span = Span::new(range.start, range.end);
            if coded.overlaps(span) {
                continue;
            }
            coded.take(span);
            let mut aliases = c.aliases.clone();
            aliases.push((*last).to_owned());
            out.push(Candidate {
                article: article.id.clone(),
                span,
                quote: (*last).to_owned(),
                name: c.name.clone(),
                kind: c.kind,
                aliases,
                gloss: c.gloss.clone(),
                actor: None,
                score: (c.score - 0.1).max(0.3),
                why: format!(
                    "«{last}», the last name of «{}», a new person proposed in this article",
                    c.quote
                ),
                title: None,
            });
        }
    }
    out
}

/// An entry in words: «a state (Iran)», «an organisation (OPEC)».
fn describe(entry: &gazetteer::Entry) -> String {
    let what = match entry.role {
        Role::State => "a state",
        Role::Capital => "a capital",
        Role::Organisation => "an organisation",
        Role::Group => "an armed group or party",
        Role::Person => "a head of state or government or senior official",
    };
    if entry.gloss.is_empty() {
        what.to_owned()
    } else {
        format!("{what} ({})", entry.gloss)
    }
}
