//! brat standoff (the format `INCEpTION` imports too): per article a `.txt`
//! with the text and an `.ann` beside it, plus `annotation.conf`.
//!
//! Out: each highlight is a `T` line `T1<TAB>Type start end<TAB>quote`,
//! offsets in code points as brat counts them; a span across a line break
//! is written as fragments (`0 5;6 10`), since brat lines hold no newline.
//! Actor mentions take their kind as type (`Person`, `State`…), claims
//! `Claim`, evidence `Evidence`; an `AnnotatorNotes` line names the actor or
//! claim (with Warraq's id, so our own files come back whole). A relation
//! is an `R` line when both its actors are highlighted in the article, with
//! its date and note in a note of its own.
//!
//! In: our own files come back as they went out; a file from another
//! project brings its entity types in as actors, one per type and text
//! (merge them later in the codebook), its relations as relations, and
//! lists what it holds that has no place here (events, attributes,
//! normalizations to other databases).

mod side;

pub use side::SIDE_FILE;
use side::{ArticleMeta, Side, side_file, with_side};

use super::error::ExchangeError;
use super::incoming::{
    Incoming, IncomingActor, IncomingArticle, IncomingClaim, IncomingHighlight, IncomingRelation,
    IncomingTag, kind_from_name, lf_with_offsets,
};
use crate::model::{
    ActorKind, Article, ArticleId, HighlightId, Project, Span, Speech, Stance, Tag, arabic,
};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

/// The entity types Warraq writes.
const TYPES: [&str; 7] = [
    "Person",
    "State",
    "Organisation",
    "Group",
    "Other",
    "Claim",
    "Evidence",
];

/// brat file names: a number for order, then the article id (safe characters only).
pub fn file_stem(index: usize, article: &ArticleId) -> String {
    let id: String = article
        .as_str()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{:04}-{id}", index + 1)
}

/// A type name brat accepts: no spaces or tabs.
fn type_name(name: &str) -> String {
    name.trim()
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect()
}

/// One line of text in a note: brat's fields end at a tab or newline.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The fragments of `span` in `body` between line breaks, as brat writes them.
fn fragments(body: &[char], span: Span) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = span.start;
    for (i, &c) in body.iter().enumerate().take(span.end).skip(span.start) {
        if c == '\n' {
            if i > start {
                out.push((start, i));
            }
            start = i + 1;
        }
    }
    if span.end > start {
        out.push((start, span.end));
    }
    out
}

/// `annotation.conf`: the entity types and the project's relation types.
pub fn annotation_conf(project: &Project) -> String {
    let mut out = String::from("[entities]\n");
    for t in TYPES {
        out.push_str(t);
        out.push('\n');
    }
    out.push_str("\n[relations]\n");
    for t in &project.vocabulary {
        let _ = writeln!(
            out,
            "{}\tArg1:<ENTITY>, Arg2:<ENTITY>",
            type_name(t.id.as_str())
        );
    }
    out.push_str("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
    out.push_str("\n[events]\n\n[attributes]\n");
    out
}

/// The `.ann` of one article; `highlights` are the article's.
pub fn ann(
    project: &Project,
    article: &Article,
    highlights: &[&crate::model::Highlight],
    relations: &[&crate::model::Relation],
) -> String {
    let body: Vec<char> = article.body.chars().collect();
    let mut out = String::new();
    let mut t_of: HashMap<&HighlightId, usize> = HashMap::new();
    let mut notes = 0;
    let mut note = |out: &mut String, target: &str, text: &str| {
        notes += 1;
        let _ = writeln!(out, "#{notes}\tAnnotatorNotes {target}\t{}", one_line(text));
    };
    for (n, h) in highlights.iter().enumerate() {
        let t = n + 1;
        t_of.insert(&h.id, t);
        let kind = match &h.tag {
            Tag::Actor(a) => project.actor(a).map_or("Other", |a| a.kind.name()),
            Tag::Claim(_) => "Claim",
            Tag::Evidence => "Evidence",
        };
        let parts = fragments(&body, h.span);
        let offsets: Vec<String> = parts.iter().map(|(s, e)| format!("{s} {e}")).collect();
        let text: Vec<String> = parts
            .iter()
            .map(|&(s, e)| body[s..e].iter().collect())
            .collect();
        let _ = writeln!(
            out,
            "T{t}\t{kind} {}\t{}",
            offsets.join(";"),
            text.join(" ")
        );
        let mut words = match &h.tag {
            Tag::Actor(a) => project
                .actor(a)
                .map(|actor| format!("actor: {} [{}]", actor.name, actor.id))
                .unwrap_or_default(),
            Tag::Claim(c) => project
                .claim(c)
                .map(|claim| {
                    let speaker = claim
                        .speaker
                        .as_ref()
                        .and_then(|s| project.actor(s))
                        .map(|a| format!("{} [{}]", a.name, a.id))
                        .unwrap_or_default();
                    format!(
                        "claim: {} [{}] | speaker: {speaker} | stance: {}",
                        project.claim_text(claim),
                        claim.id,
                        claim.stance.label()
                    )
                })
                .unwrap_or_default(),
            Tag::Evidence => String::new(),
        };
        if let Some(speech) = h.speech {
            let _ = write!(words, " | speech: {}", speech.label());
        }
        if let Some(stamp) = &h.changed {
            let _ = write!(words, " | changed: {}", stamp.in_words());
        }
        if !h.note.is_empty() {
            let _ = write!(words, " | note: {}", h.note);
        }
        if !words.is_empty() {
            note(&mut out, &format!("T{t}"), &words);
        }
    }
    // Relations whose two actors are both highlighted here: the mentions
    // nearest the evidence (or the first ones) are the arguments.
    let mut r = 0;
    for relation in relations {
        for source in relation.sources.iter().filter(|s| s.article == article.id) {
            let near = source
                .evidence
                .as_ref()
                .and_then(|e| highlights.iter().find(|h| &h.id == e))
                .map_or(0, |h| h.span.start);
            let mention = |actor: &crate::model::ActorId| {
                highlights
                    .iter()
                    .filter(|h| h.tag == Tag::Actor(actor.clone()))
                    .min_by_key(|h| h.span.start.abs_diff(near))
                    .and_then(|h| t_of.get(&h.id))
            };
            let (Some(a), Some(b)) = (mention(&relation.source), mention(&relation.target)) else {
                continue;
            };
            r += 1;
            let _ = writeln!(
                out,
                "R{r}\t{} Arg1:T{a} Arg2:T{b}",
                type_name(relation.kind.as_str())
            );
            let mut words = format!("relation [{}]", relation.id);
            if let Some(date) = relation.date {
                let _ = write!(words, " | date: {date}");
            }
            if let Some(t) = source.evidence.as_ref().and_then(|e| t_of.get(e)) {
                let _ = write!(words, " | evidence: T{t}");
            }
            if !relation.note.is_empty() {
                let _ = write!(words, " | note: {}", relation.note);
            }
            note(&mut out, &format!("R{r}"), &words);
        }
    }
    out
}

/// The files of the brat folder, by name: `annotation.conf`, the side
/// file, and a `.txt` and `.ann` per article.
pub fn files(project: &Project) -> Vec<(String, Vec<u8>)> {
    let mut out = vec![(
        "annotation.conf".to_owned(),
        annotation_conf(project).into_bytes(),
    )];
    let stems: HashMap<&ArticleId, String> = project
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (&a.id, file_stem(i, &a.id)))
        .collect();
    let by_id: HashMap<&HighlightId, &crate::model::Highlight> =
        project.highlights.iter().map(|h| (&h.id, h)).collect();
    let mut side = Side::of(project, &stems, &by_id);
    let by_article = super::highlights_by_article(project);
    let mut reported: HashMap<&ArticleId, Vec<&crate::model::Relation>> = HashMap::new();
    for relation in &project.relations {
        for article in relation.articles() {
            reported.entry(article).or_default().push(relation);
        }
    }
    for (i, article) in project.articles.iter().enumerate() {
        let stem = file_stem(i, &article.id);
        let highlights = by_article.get(&article.id).map_or(&[][..], Vec::as_slice);
        let relations = reported.get(&article.id).map_or(&[][..], Vec::as_slice);
        out.push((format!("{stem}.txt"), article.body.as_bytes().to_vec()));
        out.push((
            format!("{stem}.ann"),
            ann(project, article, highlights, relations).into_bytes(),
        ));
        side.articles.insert(stem, ArticleMeta::of(article));
    }
    out.push((
        SIDE_FILE.to_owned(),
        serde_json::to_vec_pretty(&side).unwrap_or_default(),
    ));
    out
}

/// `[act-…]` at the end of a note: the Warraq id it names.
fn bracketed_id(text: &str) -> Option<(&str, &str)> {
    let text = text.trim();
    let open = text.rfind(" [")?;
    let id = text[open + 2..].strip_suffix(']')?;
    Some((text[..open].trim(), id))
}

/// The `key: value` fields of one of our notes.
fn fields(note: &str) -> HashMap<&str, &str> {
    note.split(" | ")
        .filter_map(|part| part.split_once(": "))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect()
}

struct Entity {
    kind: String,
    span: Span,
    text: String,
    discontinuous: bool,
}

/// Reads one `.ann` with its `.txt` into `incoming` as one more article.
pub fn read(ann_path: &Path, incoming: &mut Incoming) -> Result<(), ExchangeError> {
    read_with(ann_path, incoming, side_file(ann_path).as_ref(), true)
}

/// `read`, taking its `R` lines as relations or not (when the folder's side
/// file brings every relation whole).
fn read_with(
    ann_path: &Path,
    incoming: &mut Incoming,
    side: Option<&Side>,
    relations_from_r: bool,
) -> Result<(), ExchangeError> {
    let txt_path = ann_path.with_extension("txt");
    let ann = std::fs::read_to_string(ann_path)
        .map_err(|e| ExchangeError::unreadable(ann_path, format!("cannot read: {e}")))?;
    let raw = std::fs::read_to_string(&txt_path).map_err(|e| {
        ExchangeError::unreadable(
            &txt_path,
            format!(
                "cannot read the text of {} beside it: {e}",
                ann_path.display()
            ),
        )
    })?;
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(&raw);
    let (body, map) = lf_with_offsets(raw);
    let name = ann_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let where_ = |line: usize| format!("{}:{line}", ann_path.display());

    let body_chars: Vec<char> = body.chars().collect();
    let ann = parse(&ann, &map, &body_chars, &where_, &mut incoming.unmapped);
    let highlights: Vec<IncomingHighlight> = ann
        .order
        .iter()
        .map(|id| entity_highlight(id, &ann, &name, &body, incoming))
        .collect();
    if relations_from_r {
        r_relations(&ann, &highlights, &where_, incoming);
    }
    let mut article = Article::new(ArticleId::new(String::new()), name.clone(), &body);
    article.notes = format!("Imported from brat: {name}.ann");
    if let Some(side) = side {
        with_side(side, &name, &mut article, incoming);
    }
    incoming.articles.push(IncomingArticle {
        article,
        highlights,
    });
    Ok(())
}

/// The lines of an `.ann`: text-bound annotations, relations, notes; what
/// Warraq has no place for is listed in `unmapped`.
struct Ann<'a> {
    entities: HashMap<&'a str, Entity>,
    order: Vec<&'a str>,
    notes: HashMap<&'a str, &'a str>,
    /// Line, id, type and the two arguments of each `R` line.
    relations: Vec<(usize, &'a str, &'a str, &'a str, &'a str)>,
}

fn parse<'a>(
    ann: &'a str,
    map: &[usize],
    body_chars: &[char],
    where_: &dyn Fn(usize) -> String,
    unmapped: &mut Vec<String>,
) -> Ann<'a> {
    let mut entities: HashMap<&str, Entity> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    let mut notes: HashMap<&str, &str> = HashMap::new();
    let mut relations: Vec<(usize, &str, &str, &str, &str)> = Vec::new();
    for (n, line) in ann.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        let mut cols = line.splitn(3, '\t');
        let id = cols.next().unwrap_or_default();
        let middle = cols.next().unwrap_or_default();
        let rest = cols.next();
        match id.chars().next() {
            Some('T') => {
                let Some((kind, offsets)) = middle.split_once(' ') else {
                    unmapped.push(format!(
                        "{}: `{line}` is not a text-bound annotation",
                        where_(line_no)
                    ));
                    continue;
                };
                let mut parts = Vec::new();
                for fragment in offsets.split(';') {
                    let mut numbers = fragment.split_whitespace().map(str::parse::<usize>);
                    match (numbers.next(), numbers.next()) {
                        (Some(Ok(s)), Some(Ok(e))) if s < e && e < map.len() => {
                            parts.push((map[s], map[e]));
                        }
                        _ => {
                            unmapped.push(format!(
                                "{}: offsets `{fragment}` are not inside the text ({} characters)",
                                where_(line_no),
                                map.len() - 1
                            ));
                        }
                    }
                }
                if parts.is_empty() {
                    continue;
                }
                let start = parts.iter().map(|p| p.0).min().unwrap_or(0);
                let end = parts.iter().map(|p| p.1).max().unwrap_or(0);
                // Fragments parted only by line breaks or spaces are one
                // passage (how a span across lines is written).
                parts.sort_unstable();
                let joined = parts.windows(2).all(|w| {
                    body_chars
                        .get(w[0].1..w[1].0)
                        .is_some_and(|gap| gap.iter().all(|c| c.is_whitespace()))
                });
                entities.insert(
                    id,
                    Entity {
                        kind: kind.to_owned(),
                        span: Span::new(start, end),
                        text: rest.unwrap_or_default().to_owned(),
                        discontinuous: !joined,
                    },
                );
                order.push(id);
            }
            Some('R') => {
                let mut words = middle.split_whitespace();
                let kind = words.next().unwrap_or_default();
                let mut args = words.filter_map(|w| w.split_once(':')).map(|(_, t)| t);
                match (args.next(), args.next()) {
                    (Some(a), Some(b)) => relations.push((line_no, id, kind, a, b)),
                    _ => unmapped.push(format!(
                        "{}: relation `{line}` has not two arguments",
                        where_(line_no)
                    )),
                }
            }
            Some('#') => {
                if let Some(target) = middle.strip_prefix("AnnotatorNotes ") {
                    notes.insert(target.trim(), rest.unwrap_or_default());
                }
            }
            Some('E') => unmapped.push(format!(
                "{}: event `{id}` (Warraq codes actors, claims and relations, not events)",
                where_(line_no)
            )),
            Some('A' | 'M') => unmapped.push(format!(
                "{}: attribute `{id}` ({})",
                where_(line_no),
                middle.trim()
            )),
            Some('N') => unmapped.push(format!(
                "{}: normalization `{id}` to {}",
                where_(line_no),
                middle.trim()
            )),
            Some('*') => unmapped.push(format!(
                "{}: equivalence `{middle}` (merge those actors in the codebook)",
                where_(line_no)
            )),
            _ => unmapped.push(format!(
                "{}: a line brat does not define: `{line}`",
                where_(line_no)
            )),
        }
    }
    Ann {
        entities,
        order,
        notes,
        relations,
    }
}

/// One text-bound annotation as a highlight: ours by the ids in its note,
/// another project's as one actor per type and text.
fn entity_highlight(
    id: &str,
    ann: &Ann<'_>,
    name: &str,
    body: &str,
    incoming: &mut Incoming,
) -> IncomingHighlight {
    let entity = &ann.entities[id];
    let note = ann.notes.get(id).copied().unwrap_or_default();
    let f = fields(note);
    if entity.discontinuous {
        incoming.unmapped.push(format!(
            "{name}: {id} has several fragments; imported as one highlight from its first to its last character"
        ));
    }
    let speech = match f.get("speech") {
        Some(&"direct quote") => Some(Speech::Quote),
        Some(&"paraphrase") => Some(Speech::Paraphrase),
        _ => None,
    };
    let tag = if let Some((actor_name, key)) = f.get("actor").and_then(|a| bracketed_id(a)) {
        // One of ours: the actor by its Warraq id.
        if !incoming.actors.iter().any(|a| a.key == key) {
            incoming.actors.push(IncomingActor {
                key: key.to_owned(),
                name: actor_name.to_owned(),
                kind: kind_from_name(&entity.kind).unwrap_or(ActorKind::Other),
                aliases: Vec::new(),
                gloss: String::new(),
                note: String::new(),
                changed: None,
            });
        }
        IncomingTag::Actor(key.to_owned())
    } else if entity.kind == "Evidence" {
        IncomingTag::Evidence
    } else if entity.kind == "Claim" {
        let (text, key) = f.get("claim").and_then(|c| bracketed_id(c)).map_or_else(
            || (entity.text.clone(), format!("brat-claim:{}", entity.text)),
            |(t, k)| (t.to_owned(), k.to_owned()),
        );
        if !incoming.claims.iter().any(|c| c.key == key) {
            let speaker = f
                .get("speaker")
                .and_then(|s| bracketed_id(s))
                .map(|(n, k)| {
                    if !incoming.actors.iter().any(|a| a.key == k) {
                        incoming.actors.push(IncomingActor {
                            key: k.to_owned(),
                            name: n.to_owned(),
                            kind: ActorKind::Other,
                            aliases: Vec::new(),
                            gloss: String::new(),
                            note: String::new(),
                            changed: None,
                        });
                    }
                    k.to_owned()
                });
            let stance = Stance::ALL
                .into_iter()
                .find(|s| f.get("stance") == Some(&s.label()))
                .unwrap_or(Stance::Affirms);
            incoming.claims.push(IncomingClaim {
                on_behalf_of: None,
                key: key.clone(),
                text,
                speaker,
                stance,
                note: String::new(),
                changed: None,
            });
        }
        IncomingTag::Claim(key)
    } else {
        // From another project: one actor per type and text.
        let text = if entity.text.trim().is_empty() {
            body.chars()
                .skip(entity.span.start)
                .take(entity.span.len())
                .collect()
        } else {
            entity.text.trim().to_owned()
        };
        let key = format!("brat:{}:{}", entity.kind, arabic::fold(&text));
        if !incoming.actors.iter().any(|a| a.key == key) {
            incoming.actors.push(IncomingActor {
                key: key.clone(),
                name: text,
                kind: kind_from_name(&entity.kind).unwrap_or(ActorKind::Other),
                aliases: Vec::new(),
                gloss: String::new(),
                note: if kind_from_name(&entity.kind).is_none() {
                    format!("brat type {}", entity.kind)
                } else {
                    String::new()
                },
                changed: None,
            });
        }
        IncomingTag::Actor(key)
    };
    let changed = f
        .get("changed")
        .and_then(|c| crate::model::Stamp::from_words(c));
    IncomingHighlight {
        span: entity.span,
        tag,
        note: f.get("note").map(|n| (*n).to_owned()).unwrap_or_default(),
        speech,
        changed,
    }
}

/// Each `R` line between two actor mentions, as a relation of its own.
fn r_relations(
    ann: &Ann<'_>,
    highlights: &[IncomingHighlight],
    where_: &dyn Fn(usize) -> String,
    incoming: &mut Incoming,
) {
    let article_index = incoming.articles.len();
    for &(line_no, id, kind, a, b) in &ann.relations {
        let actor_of = |t: &str| match highlights_tag(&ann.order, highlights, t) {
            Some(IncomingTag::Actor(key)) => Some(key),
            _ => None,
        };
        let (Some(source), Some(target)) = (actor_of(a), actor_of(b)) else {
            incoming.unmapped.push(format!(
                "{}: relation {id} does not join two actor mentions",
                where_(line_no)
            ));
            continue;
        };
        let f = fields(ann.notes.get(id).copied().unwrap_or_default());
        let evidence = f
            .get("evidence")
            .and_then(|t| ann.entities.get(t))
            .map(|e| e.span);
        incoming.relations.push(IncomingRelation {
            source,
            target,
            kind: kind.to_owned(),
            directed: true,
            date: f.get("date").and_then(|d| d.parse().ok()),
            note: f.get("note").map(|n| (*n).to_owned()).unwrap_or_default(),
            sources: vec![(article_index, evidence)],
            changed: None,
        });
    }
}

/// Reads a folder of brat files: every `.ann` (with its `.txt`) in name
/// order. When the folder is one of Warraq's exports, its relations come
/// whole from the side file (the `R` lines only repeat some of them).
pub fn read_dir(dir: &Path, incoming: &mut Incoming) -> Result<(), ExchangeError> {
    let mut anns: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| ExchangeError::unreadable(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("ann")))
        .collect();
    anns.sort();
    if anns.is_empty() {
        return Err(ExchangeError::NoAnnotations(dir.to_owned()));
    }
    // Read once for the whole folder.
    let side = side_file(&anns[0]);
    let whole_relations = side.as_ref().is_some_and(|s| !s.relations.is_empty());
    let mut stems = HashMap::new();
    for ann in &anns {
        let stem = ann
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        stems.insert(stem, incoming.articles.len());
        read_with(ann, incoming, side.as_ref(), !whole_relations)?;
    }
    if let Some(side) = side.filter(|_| whole_relations) {
        for r in side.relations {
            incoming.relations.push(IncomingRelation {
                source: r.source,
                target: r.target,
                kind: r.kind,
                directed: r.directed,
                date: r.date,
                note: r.note,
                sources: r
                    .sources
                    .into_iter()
                    .filter_map(|(stem, span)| Some((*stems.get(&stem)?, span)))
                    .collect(),
                changed: r.changed,
            });
        }
    }
    if let Some(side) = side_file(&anns[0]) {
        incoming.relation_types.extend(side.vocabulary);
    }
    Ok(())
}

fn highlights_tag(
    order: &[&str],
    highlights: &[IncomingHighlight],
    t: &str,
) -> Option<IncomingTag> {
    let i = order.iter().position(|&o| o == t)?;
    highlights.get(i).map(|h| h.tag.clone())
}
