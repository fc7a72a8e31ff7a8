//! What "the same item" is in two copies of one project — the one rule that
//! the two-way and three-way merges, curation, agreement and the importers
//! share:
//!
//! - an **article** is its text (the body hash): the same text imported on
//!   two branches under two random ids is one article;
//! - a **relation type** is its id, else its label (Arabic-folded);
//! - an **actor** is its id, else its name: one copy's actor whose name is
//!   the other's name or one of its aliases (Arabic-folded) is the same actor,
//!   and its names are kept as aliases;
//! - a **concept** is its id, else its words (Arabic-folded);
//! - a **claim** is its id, else its concept and its speaker;
//! - a **highlight** is its article, span and tag;
//! - a **relation** is its source, type, target and date.
//!
//! In a three-way merge an item of the base is known by its id alone; the
//! rest matches only items both sides made on their own. Matching is one to
//! one: two items of one copy are never folded into one
//! (two relations with the same ends, coded by two analysts and merged, stay
//! two). An id that names a different item in each copy is given a new id
//! derived from the item itself, so the same item renamed by two merges gets
//! the same new id and merging a merge again changes nothing.

use crate::model::{
    Actor, ActorId, ArticleId, ClaimId, ConceptId, HighlightId, Item, ItemKind, Project,
    RelationId, RelationTypeId, Tag, arabic, hex,
};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

/// How their copy was put in the terms of mine.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Alignment {
    /// Their items recognised as one of mine under another id: kind, their id, my id.
    pub matched: Vec<(ItemKind, String, String)>,
    /// Their items whose id mine uses for another item, given a new id
    /// (every reference in their copy follows): kind, old id, new id.
    pub renamed: Vec<(ItemKind, String, String)>,
    /// Their relations with the ends, type and date of one of mine but
    /// other reports: kept as relations of their own (kind, theirs, mine).
    pub kept_apart: Vec<(ItemKind, String, String)>,
}

impl Alignment {
    pub fn is_empty(&self) -> bool {
        self.matched.is_empty() && self.renamed.is_empty()
    }
}

/// Their id → the id it has in the aligned copy, per kind.
#[derive(Debug)]
struct Maps {
    types: HashMap<String, String>,
    articles: HashMap<String, String>,
    actors: HashMap<String, String>,
    concepts: HashMap<String, String>,
    claims: HashMap<String, String>,
    highlights: HashMap<String, String>,
    relations: HashMap<String, String>,
}

fn mapped<'a>(map: &'a HashMap<String, String>, id: &'a str) -> &'a str {
    map.get(id).map_or(id, String::as_str)
}

/// A name as identity compares it: Arabic-folded, trimmed.
pub fn name_key(name: &str) -> String {
    arabic::fold(name.trim())
}

/// A claim's identity (after its id): its concept and its speaker.
pub fn claim_key(c: &crate::model::Claim) -> (ConceptId, Option<ActorId>) {
    (c.concept.clone(), c.speaker.clone())
}

/// A highlight's identity: its article, span and tag.
pub fn highlight_key(h: &crate::model::Highlight) -> (ArticleId, crate::model::Span, Tag) {
    (h.article.clone(), h.span, h.tag.clone())
}

/// Who did what to whom, when: source, type, target (in a fixed order when
/// the type is symmetric) and date.
pub type RelationEnds = (ActorId, RelationTypeId, ActorId, Option<crate::model::Date>);

pub fn relation_ends(project: &Project, r: &crate::model::Relation) -> RelationEnds {
    let directed = project.relation_type(&r.kind).is_none_or(|t| t.directed);
    let (mut s, mut t) = (r.source.clone(), r.target.clone());
    if !directed && s > t {
        std::mem::swap(&mut s, &mut t);
    }
    (s, r.kind.clone(), t, r.date)
}

/// A relation's identity: its ends, type and date, and the reports it
/// rests on (articles and evidence). Two analysts who code one call from
/// the same passage made one relation; from different passages, two — kept
/// apart, and said (`Alignment::kept_apart`).
pub fn relation_key(
    project: &Project,
    r: &crate::model::Relation,
) -> (
    RelationEnds,
    std::collections::BTreeSet<crate::model::Source>,
) {
    (
        relation_ends(project, r),
        r.sources.iter().cloned().collect(),
    )
}

/// A new id for `old`, derived from the item it names (`what`), so that the
/// same item renamed in two merges gets the same id; never one in `taken`.
pub fn derived_id<S: std::hash::BuildHasher>(
    old: &str,
    what: &str,
    taken: &HashSet<String, S>,
) -> String {
    let mut salt = 0u32;
    loop {
        let mut hasher = Sha256::new();
        hasher.update(old.as_bytes());
        hasher.update([0]);
        hasher.update(what.as_bytes());
        hasher.update(salt.to_le_bytes());
        let id = format!("{old}-{}", hex(&hasher.finalize()[..4]));
        if !taken.contains(&id) {
            return id;
        }
        salt += 1;
    }
}

/// Every id of every kind in the projects.
pub fn all_ids<'a>(projects: impl IntoIterator<Item = &'a Project>) -> HashSet<String> {
    let mut ids = HashSet::new();
    for p in projects {
        ids.extend(p.articles.iter().map(|x| x.id.to_string()));
        ids.extend(p.actors.iter().map(|x| x.id.to_string()));
        ids.extend(p.concepts.iter().map(|x| x.id.to_string()));
        ids.extend(p.claims.iter().map(|x| x.id.to_string()));
        ids.extend(p.highlights.iter().map(|x| x.id.to_string()));
        ids.extend(p.relations.iter().map(|x| x.id.to_string()));
        ids.extend(p.vocabulary.iter().map(|x| x.id.to_string()));
    }
    ids
}

/// One list's matching. `keys` gives an item's identity keys in the terms of
/// mine (the first is its own; an actor has one per name); `same_by_id` says
/// whether an item of theirs is the one of mine with its id.
struct Settle<'a, T, K> {
    mine: &'a [T],
    theirs: &'a [T],
    base: Option<&'a [T]>,
    mine_keys: &'a dyn Fn(&T) -> Vec<K>,
    their_keys: &'a dyn Fn(&T) -> Vec<K>,
    same_by_id: &'a dyn Fn(&T, &T) -> bool,
}

impl<T: Item, K: Eq + Hash + std::fmt::Debug> Settle<'_, T, K> {
    fn run(
        self,
        taken: &mut HashSet<String>,
        alignment: &mut Alignment,
    ) -> HashMap<String, String> {
        let mine_by_id: HashMap<&str, &T> = self.mine.iter().map(|m| (m.id(), m)).collect();
        let in_base: HashSet<&str> = self
            .base
            .map(|b| b.iter().map(Item::id).collect())
            .unwrap_or_default();
        let mut map = HashMap::new();
        let mut used: HashSet<&str> = HashSet::new();
        let mut open: Vec<&T> = Vec::new();
        // The same id first: what both copies know as one item.
        for t in self.theirs {
            match mine_by_id.get(t.id()) {
                Some(m) if in_base.contains(t.id()) || (self.same_by_id)(m, t) => {
                    used.insert(m.id());
                }
                _ => open.push(t),
            }
        }
        if open.is_empty() {
            return map;
        }
        // By what they are: with a base, only items both sides made on their
        // own (an item of the base is known by its id, and one deleted on a
        // side stays deleted there).
        let mut by_key: HashMap<K, Vec<&str>> = HashMap::new();
        for m in self.mine.iter().filter(|m| !in_base.contains(m.id())) {
            for key in (self.mine_keys)(m) {
                by_key.entry(key).or_default().push(m.id());
            }
        }
        let mut rest = Vec::new();
        for t in open {
            if in_base.contains(t.id()) {
                rest.push(t);
                continue;
            }
            let found = (self.their_keys)(t).into_iter().find_map(|key| {
                by_key
                    .get(&key)
                    .and_then(|ids| ids.iter().find(|id| !used.contains(**id)).copied())
            });
            match found {
                Some(id) => {
                    used.insert(id);
                    if id != t.id() {
                        alignment
                            .matched
                            .push((T::KIND, t.id().to_owned(), id.to_owned()));
                        map.insert(t.id().to_owned(), id.to_owned());
                    }
                }
                None => rest.push(t),
            }
        }
        // What remains is theirs alone; an id mine uses for another item is renamed.
        for t in rest {
            if mine_by_id.contains_key(t.id()) {
                let what = format!("{:?}", (self.their_keys)(t).first());
                let new = derived_id(t.id(), &what, taken);
                taken.insert(new.clone());
                alignment
                    .renamed
                    .push((T::KIND, t.id().to_owned(), new.clone()));
                map.insert(t.id().to_owned(), new);
            }
        }
        map
    }
}

/// `theirs` in the terms of `mine`: each item that is one of mine carries
/// mine's id, each id that names another item in mine is renamed, and every
/// reference follows. `base` (the version both started from, in a
/// three-way merge) makes an id it holds the same item on both sides
/// whatever was changed. Aligning an aligned copy again changes nothing.
pub fn align(mine: &Project, theirs: &Project, base: Option<&Project>) -> (Project, Alignment) {
    let mut alignment = Alignment::default();
    let mut taken = all_ids([mine, theirs].into_iter().chain(base));
    let types = Settle {
        mine: &mine.vocabulary,
        theirs: &theirs.vocabulary,
        base: base.map(|b| &b.vocabulary[..]),
        mine_keys: &|t: &crate::model::RelationType| vec![name_key(&t.label)],
        their_keys: &|t: &crate::model::RelationType| vec![name_key(&t.label)],
        same_by_id: &|m, t| base.is_none() || name_key(&m.label) == name_key(&t.label),
    }
    .run(&mut taken, &mut alignment);

    let articles = Settle {
        mine: &mine.articles,
        theirs: &theirs.articles,
        base: base.map(|b| &b.articles[..]),
        mine_keys: &|a: &crate::model::Article| vec![a.body_hash.clone()],
        their_keys: &|a: &crate::model::Article| vec![a.body_hash.clone()],
        same_by_id: &|m, t| m.body_hash == t.body_hash,
    }
    .run(&mut taken, &mut alignment);

    // An actor: its name first, then its aliases, against all of mine's names.
    let names = |a: &Actor| -> Vec<String> {
        let mut keys: Vec<String> = a.names().map(name_key).filter(|k| !k.is_empty()).collect();
        keys.dedup();
        keys
    };
    let actors = Settle {
        mine: &mine.actors,
        theirs: &theirs.actors,
        base: base.map(|b| &b.actors[..]),
        mine_keys: &names,
        their_keys: &names,
        same_by_id: &|m, t| {
            base.is_none() || {
                let theirs: HashSet<String> = names(t).into_iter().collect();
                names(m).iter().any(|n| theirs.contains(n))
            }
        },
    }
    .run(&mut taken, &mut alignment);

    let actor = |id: &ActorId| ActorId::new(mapped(&actors, id.as_str()));
    let concepts = Settle {
        mine: &mine.concepts,
        theirs: &theirs.concepts,
        base: base.map(|b| &b.concepts[..]),
        mine_keys: &|c: &crate::model::Concept| vec![name_key(&c.text)],
        their_keys: &|c: &crate::model::Concept| vec![name_key(&c.text)],
        same_by_id: &|m, t| base.is_none() || name_key(&m.text) == name_key(&t.text),
    }
    .run(&mut taken, &mut alignment);
    let concept = |id: &ConceptId| ConceptId::new(mapped(&concepts, id.as_str()));
    let mine_claim = claim_key;
    let their_claim =
        |c: &crate::model::Claim| (concept(&c.concept), c.speaker.as_ref().map(actor));
    let claims = Settle {
        mine: &mine.claims,
        theirs: &theirs.claims,
        base: base.map(|b| &b.claims[..]),
        mine_keys: &|c: &crate::model::Claim| vec![mine_claim(c)],
        their_keys: &|c: &crate::model::Claim| vec![their_claim(c)],
        same_by_id: &|m, t| base.is_none() || mine_claim(m) == their_claim(t),
    }
    .run(&mut taken, &mut alignment);

    let tag = |tag: &Tag| match tag {
        Tag::Actor(a) => Tag::Actor(actor(a)),
        Tag::Claim(c) => Tag::Claim(ClaimId::new(mapped(&claims, c.as_str()))),
        Tag::Evidence => Tag::Evidence,
    };
    let their_highlight = |h: &crate::model::Highlight| {
        (
            ArticleId::new(mapped(&articles, h.article.as_str())),
            h.span,
            tag(&h.tag),
        )
    };
    let highlights = Settle {
        mine: &mine.highlights,
        theirs: &theirs.highlights,
        base: base.map(|b| &b.highlights[..]),
        mine_keys: &|h| vec![highlight_key(h)],
        their_keys: &|h| vec![their_highlight(h)],
        // Without a base, one id on a passage of one article is one highlight
        // (retagged or resized: a conflict); with one, only the same passage and tag.
        same_by_id: &|m, t| {
            let (article, span, tag) = their_highlight(t);
            match base {
                None => m.article == article && m.span.overlaps(span),
                Some(_) => (article, span, tag) == highlight_key(m),
            }
        },
    }
    .run(&mut taken, &mut alignment);

    let in_my_terms = |r: &crate::model::Relation| {
        let mut r = r.clone();
        r.source = actor(&r.source);
        r.target = actor(&r.target);
        r.kind = RelationTypeId::new(mapped(&types, r.kind.as_str()));
        for source in &mut r.sources {
            source.article = ArticleId::new(mapped(&articles, source.article.as_str()));
            if let Some(e) = &mut source.evidence {
                *e = HighlightId::new(mapped(&highlights, e.as_str()));
            }
        }
        r
    };
    let their_relation = |r: &crate::model::Relation| relation_key(mine, &in_my_terms(r));
    let relations = Settle {
        mine: &mine.relations,
        theirs: &theirs.relations,
        base: base.map(|b| &b.relations[..]),
        mine_keys: &|r| vec![relation_key(mine, r)],
        their_keys: &|r| vec![their_relation(r)],
        same_by_id: &|m, t| base.is_none() || relation_key(mine, m) == their_relation(t),
    }
    .run(&mut taken, &mut alignment);
    // Said: their relations with the ends, type and date of one of mine, from other reports.
    let mine_ends: HashMap<RelationEnds, &str> = mine
        .relations
        .iter()
        .map(|r| (relation_ends(mine, r), r.id.as_str()))
        .collect();
    for t in &theirs.relations {
        let id = mapped(&relations, t.id.as_str());
        if mine.relation(&RelationId::new(id)).is_some() {
            continue;
        }
        if let Some(my) = mine_ends.get(&relation_ends(mine, &in_my_terms(t))) {
            alignment
                .kept_apart
                .push((ItemKind::Relation, id.to_owned(), (*my).to_owned()));
        }
    }

    let maps = Maps {
        types,
        articles,
        actors,
        concepts,
        claims,
        highlights,
        relations,
    };

    let mut aligned = theirs.clone();
    if !alignment.is_empty() {
        rewrite(&mut aligned, &maps, mine);
    }
    (aligned, alignment)
}

/// Puts the new ids in place in `theirs`, with every reference.
fn rewrite(theirs: &mut Project, maps: &Maps, mine: &Project) {
    let swap = |map: &HashMap<String, String>, id: &str| map.get(id).cloned();
    for t in &mut theirs.vocabulary {
        if let Some(new) = swap(&maps.types, t.id.as_str()) {
            t.id = RelationTypeId::new(new);
        }
    }
    for a in &mut theirs.articles {
        if let Some(new) = swap(&maps.articles, a.id.as_str()) {
            a.id = ArticleId::new(new);
        }
    }
    if let Some(sent) = &mut theirs.sent_articles {
        for a in sent {
            if let Some(new) = swap(&maps.articles, a.as_str()) {
                *a = ArticleId::new(new);
            }
        }
    }
    for a in &mut theirs.actors {
        if let Some(new) = swap(&maps.actors, a.id.as_str()) {
            a.id = ActorId::new(new);
            // Recognised by name: mine's actor, with any name of theirs it lacks as an alias.
            if let Some(my) = mine.actor(&a.id) {
                let mut joined = my.clone();
                let known: HashSet<String> = joined.names().map(name_key).collect();
                let mut seen = known;
                for name in a.names() {
                    if seen.insert(name_key(name)) {
                        joined.aliases.push(name.trim().to_owned());
                    }
                }
                if !a.note.trim().is_empty() && !joined.note.contains(a.note.trim()) {
                    joined.note = [joined.note.trim(), a.note.trim()]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join("\n");
                }
                if joined.same_coding(my) {
                    joined.changed.clone_from(&my.changed);
                } else {
                    joined.changed.clone_from(&a.changed);
                }
                *a = joined;
            }
        }
    }
    // Two actors of theirs never become one: a second one named like mine keeps its own id.
    for c in &mut theirs.concepts {
        if let Some(new) = swap(&maps.concepts, c.id.as_str()) {
            c.id = ConceptId::new(new);
        }
    }
    for c in &mut theirs.claims {
        if let Some(new) = swap(&maps.claims, c.id.as_str()) {
            c.id = ClaimId::new(new);
        }
        if let Some(new) = swap(&maps.concepts, c.concept.as_str()) {
            c.concept = ConceptId::new(new);
        }
        for end in [&mut c.speaker, &mut c.on_behalf_of] {
            if let Some(new) = end.as_ref().and_then(|s| swap(&maps.actors, s.as_str())) {
                *end = Some(ActorId::new(new));
            }
        }
    }
    for h in &mut theirs.highlights {
        if let Some(new) = swap(&maps.highlights, h.id.as_str()) {
            h.id = HighlightId::new(new);
        }
        if let Some(new) = swap(&maps.articles, h.article.as_str()) {
            h.article = ArticleId::new(new);
        }
        match &mut h.tag {
            Tag::Actor(a) => {
                if let Some(new) = swap(&maps.actors, a.as_str()) {
                    *a = ActorId::new(new);
                }
            }
            Tag::Claim(c) => {
                if let Some(new) = swap(&maps.claims, c.as_str()) {
                    *c = ClaimId::new(new);
                }
            }
            Tag::Evidence => {}
        }
    }
    // A rejection's id is what it says: it follows its article and actor.
    for r in &mut theirs.rejections {
        if let Some(new) = swap(&maps.articles, r.article.as_str()) {
            r.article = ArticleId::new(new);
        }
        if let Some(new) = swap(&maps.actors, r.actor.as_str()) {
            r.actor = ActorId::new(new);
        }
        r.renew_id();
    }
    for r in &mut theirs.relations {
        if let Some(new) = swap(&maps.relations, r.id.as_str()) {
            r.id = RelationId::new(new);
        }
        for end in [&mut r.source, &mut r.target] {
            if let Some(new) = swap(&maps.actors, end.as_str()) {
                *end = ActorId::new(new);
            }
        }
        if let Some(new) = swap(&maps.types, r.kind.as_str()) {
            r.kind = RelationTypeId::new(new);
        }
        for source in &mut r.sources {
            if let Some(new) = swap(&maps.articles, source.article.as_str()) {
                source.article = ArticleId::new(new);
            }
            if let Some(new) = source
                .evidence
                .as_ref()
                .and_then(|e| swap(&maps.highlights, e.as_str()))
            {
                source.evidence = Some(HighlightId::new(new));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Highlight, Span};
    use crate::test_support::sample;

    #[test]
    fn a_copy_aligned_to_itself_is_unchanged() {
        let project = sample();
        let (aligned, alignment) = align(&project, &project, None);
        assert!(alignment.is_empty(), "{alignment:?}");
        assert_eq!(aligned, project);
        let (aligned, alignment) = align(&project, &project, Some(&project));
        assert!(alignment.is_empty());
        assert_eq!(aligned, project);
    }

    #[test]
    fn the_same_text_under_another_id_is_the_same_article_and_its_coding_follows() {
        let mine = sample();
        let mut theirs = sample();
        let old = theirs.articles[0].id.clone();
        let new = ArticleId::new("art-imported-elsewhere");
        theirs.articles[0].id = new.clone();
        for h in &mut theirs.highlights {
            if h.article == old {
                h.article = new.clone();
            }
        }
        for r in &mut theirs.relations {
            for s in &mut r.sources {
                if s.article == old {
                    s.article = new.clone();
                }
            }
        }
        let (aligned, alignment) = align(&mine, &theirs, None);
        assert_eq!(aligned, mine);
        assert_eq!(
            alignment.matched,
            [(ItemKind::Article, new.to_string(), old.to_string())]
        );
    }

    #[test]
    fn a_clashing_id_gets_the_same_new_id_every_time() {
        let mine = sample();
        let mut theirs = sample();
        let first = theirs.highlights[0].clone();
        let article = theirs.article(&first.article).unwrap().clone();
        let far = article.char_len() - 1;
        theirs.highlights.push(Highlight {
            id: HighlightId::new("hl-new"),
            span: Span::new(far - 1, far),
            tag: Tag::Evidence,
            ..first.clone()
        });
        let mut other = mine.clone();
        other.highlights.push(Highlight {
            id: HighlightId::new("hl-new"),
            span: Span::new(0, 1),
            tag: Tag::Evidence,
            ..first
        });
        let (a, first_time) = align(&other, &theirs, Some(&mine));
        let (b, second_time) = align(&other, &theirs, Some(&mine));
        assert_eq!(a, b);
        assert_eq!(first_time, second_time);
        assert_eq!(first_time.renamed.len(), 1);
        assert!(first_time.renamed[0].2.starts_with("hl-new-"));
        // Aligned once, nothing is left to align.
        let (again, nothing) = align(&other, &a, Some(&mine));
        assert!(nothing.is_empty(), "{nothing:?}");
        assert_eq!(again, a);
    }

    #[test]
    fn two_items_of_one_copy_are_never_folded_into_one() {
        let mine = sample();
        let mut theirs = sample();
        let mut twin = theirs.relations[0].clone();
        twin.id = RelationId::new("rel-twin");
        twin.note = "coded again by another analyst".to_owned();
        theirs.relations.push(twin);
        let (aligned, alignment) = align(&mine, &theirs, None);
        assert!(alignment.is_empty());
        assert_eq!(aligned.relations.len(), mine.relations.len() + 1);
    }
}
