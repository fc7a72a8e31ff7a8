//! Arabic-aware search: what an analyst types finds the word however the
//! article spells, vocalises or prefixes it — تميم in وتميم, الدوحة in بالدوحة
//! or للدوحة, الأمريكية in الامريكيه.

use super::arabic;
use super::{ActorId, ArticleId, Project, Span, Tag};
use std::ops::Range;

/// One place a term was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub article: ArticleId,
    /// The matched word without its attached prefixes, in code points of the body.
    pub span: Span,
    /// The line around the hit, for a list of results.
    pub context: String,
    /// Where the hit is in `context`, in code points, to mark it there.
    pub context_mark: std::ops::Range<usize>,
}

/// Characters of context either side of a hit: few enough that the hit
/// stays in view in a narrow list.
pub const CONTEXT_CHARS: usize = 24;

/// The body folded for matching, with each folded char's code-point offset in the original.
struct Folded {
    chars: Vec<char>,
    origin: Vec<usize>,
    len: usize,
}

fn fold_with_map(text: &str) -> Folded {
    let mut chars = Vec::with_capacity(text.len() / 2);
    let mut origin = Vec::with_capacity(text.len() / 2);
    let mut len = 0;
    for (i, c) in text.chars().enumerate() {
        len = i + 1;
        arabic::fold_char(c, |folded| {
            chars.push(folded);
            origin.push(i);
        });
    }
    Folded { chars, origin, len }
}

fn is_letter(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether the folded characters `found` of `chars` are a whole word, or
/// one behind the prefixes Arabic attaches (for `short`, the name without
/// its alef: only after ل, possibly with و ف before it). Gives whether a
/// prefix stands before it. The rule of search, mentions and suggestions.
pub(crate) fn whole_word(chars: &[char], found: Range<usize>, short: bool) -> Option<bool> {
    if chars.get(found.end).is_some_and(|&c| is_letter(c)) {
        return None;
    }
    // Walk back to the start of the word: what lies between is the prefix.
    let mut word_start = found.start;
    while word_start > 0 && is_letter(chars[word_start - 1]) {
        word_start -= 1;
    }
    let prefix = &chars[word_start..found.start];
    let allowed = if short {
        matches!(prefix, ['ل'] | ['و' | 'ف', 'ل'])
    } else {
        arabic::is_prefix(prefix)
    };
    allowed.then_some(!prefix.is_empty())
}

/// Every place `term` occurs in `text` as a whole word, allowing attached
/// prefixes, as code-point ranges of `text` covering the term itself.
pub fn find_in(text: &str, term: &str) -> Vec<Range<usize>> {
    let term: Vec<char> = arabic::fold(term.trim()).chars().collect();
    if term.is_empty() {
        return Vec::new();
    }
    let folded = fold_with_map(text);
    // ل + الدوحة is written للدوحة: the term's alef drops after the preposition.
    let short: Option<&[char]> =
        (term.len() > 2 && term[0] == 'ا' && term[1] == 'ل').then(|| &term[1..]);
    let mut hits = Vec::new();
    let chars = &folded.chars;
    let mut i = 0;
    while i < chars.len() {
        let matched = [Some(&term[..]), short]
            .into_iter()
            .flatten()
            .find_map(|t| {
                let end = i + t.len();
                if end > chars.len() || chars[i..end] != *t {
                    return None;
                }
                whole_word(chars, i..end, t.len() < term.len()).map(|_| end)
            });
        if let Some(end) = matched {
            let start = folded.origin[i];
            let end = folded.origin.get(end).copied().unwrap_or(folded.len);
            // Take the diacritics written on the last letter along.
            hits.push(start..end);
            i += 1;
        } else {
            i += 1;
        }
    }
    hits
}

/// The line of `body` around `span`, trimmed to about `width` characters each side.
pub fn context_line(body: &str, span: Span, width: usize) -> String {
    let chars: Vec<char> = body.chars().collect();
    context_in(&chars, span, width).0
}

/// `context_line` on a body already split into characters (once per
/// article, not per hit), with where the hit is in it.
pub(crate) fn context_in(
    chars: &[char],
    span: Span,
    width: usize,
) -> (String, std::ops::Range<usize>) {
    let line_start = chars[..span.start.min(chars.len())]
        .iter()
        .rposition(|&c| c == '\n')
        .map_or(0, |p| p + 1);
    let line_end = chars[span.end.min(chars.len())..]
        .iter()
        .position(|&c| c == '\n')
        .map_or(chars.len(), |p| span.end + p);
    let start = line_start.max(span.start.saturating_sub(width));
    let end = line_end.min(span.end + width);
    let mut line: String = chars[start..end].iter().collect();
    let mut mark = span.start.saturating_sub(start)..span.end.min(end).saturating_sub(start);
    if start > line_start {
        line.insert(0, '…');
        mark = mark.start + 1..mark.end + 1;
    }
    if end < line_end {
        line.push('…');
    }
    (line, mark)
}

/// A hit in `article` at `span`, with its context.
fn hit(article: &crate::model::Article, chars: &[char], span: Span) -> Hit {
    let (context, context_mark) = context_in(chars, span, CONTEXT_CHARS);
    Hit {
        article: article.id.clone(),
        span,
        context,
        context_mark,
    }
}

/// Every hit of `term` across the project's articles, in article order.
pub fn search(project: &Project, term: &str) -> Vec<Hit> {
    project
        .articles
        .iter()
        .flat_map(|article| search_article(article, term))
        .collect()
}

/// Every hit of `term` in one article. A body left on disk is read for the
/// search and not kept: searching 100,000 articles would otherwise hold
/// every one of them (1.1 GB) after.
pub fn search_article(article: &super::Article, term: &str) -> Vec<Hit> {
    let body = article.body.peek();
    let ranges = find_in(&body, term);
    if ranges.is_empty() {
        return Vec::new();
    }
    let chars: Vec<char> = body.chars().collect();
    ranges
        .into_iter()
        .map(|range| hit(article, &chars, Span::new(range.start, range.end)))
        .collect()
}

/// Mentions of `actor` (by any of its names) that are not highlighted yet:
/// places no actor highlight overlaps. Longer names win where names overlap.
/// Every highlighted mention of `actor`, in article order, with its line.
pub fn tagged_mentions(project: &Project, actor: &ActorId) -> Vec<Hit> {
    let tag = Tag::Actor(actor.clone());
    project
        .articles
        .iter()
        .flat_map(|article| {
            let mut spans: Vec<Span> = project
                .highlights_in(&article.id)
                .filter(|h| h.tag == tag)
                .map(|h| h.span)
                .collect();
            spans.sort_by_key(|s| (s.start, s.end));
            // Only the articles with a mention are read, and none is kept (see `search_article`).
            let chars: Vec<char> = if spans.is_empty() {
                Vec::new()
            } else {
                article.body.peek().chars().collect()
            };
            spans
                .into_iter()
                .map(move |span| hit(article, &chars, span))
        })
        .collect()
}

pub fn unhighlighted_mentions(project: &Project, actor: &ActorId) -> Vec<Hit> {
    let Some(actor) = project.actor(actor) else {
        return Vec::new();
    };
    let mut names: Vec<&str> = actor.names().filter(|n| !n.trim().is_empty()).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    let mut found = Vec::new();
    for article in &project.articles {
        let taken: Vec<Span> = project
            .highlights_in(&article.id)
            .filter(|h| matches!(h.tag, Tag::Actor(_)))
            .map(|h| h.span)
            .collect();
        let mut spans: Vec<Span> = Vec::new();
        // Read for the look and not kept (see `search_article`).
        let body = article.body.peek();
        for name in &names {
            for range in find_in(&body, name) {
                let span = Span::new(range.start, range.end);
                if !taken.iter().chain(spans.iter()).any(|t| t.overlaps(span)) {
                    spans.push(span);
                }
            }
        }
        spans.sort();
        if spans.is_empty() {
            continue;
        }
        let chars: Vec<char> = body.chars().collect();
        found.extend(spans.into_iter().map(|span| hit(article, &chars, span)));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::text::slice_chars;

    fn quotes(text: &str, term: &str) -> Vec<String> {
        find_in(text, term)
            .into_iter()
            .map(|r| slice_chars(text, r).unwrap().to_owned())
            .collect()
    }

    const SEED_2017: &str = include_str!("../../tests/data/2017-11-20-tamim-putin-call.txt");
    const SEED_2020: &str = include_str!("../../tests/data/2020-07-26-qatar-us-milley.txt");

    #[test]
    fn finds_names_behind_attached_prefixes() {
        assert_eq!(quotes("اتصال بين تميم وبوتين", "بوتين"), ["بوتين"]);
        assert_eq!(quotes("اتصال بين بوتين وتميم", "تميم"), ["تميم"]);
        assert_eq!(quotes("خلال الاجتماع بالدوحة", "الدوحة"), ["الدوحة"]);
        assert_eq!(quotes("زيارة للدوحة", "الدوحة"), ["لدوحة"]);
        assert_eq!(quotes("بدعوى دعمها للإرهاب", "الإرهاب"), ["لإرهاب"]);
        assert_eq!(quotes("وقطر والدوحة", "قطر"), ["قطر"]);
    }

    #[test]
    fn ignores_spelling_and_vocalisation() {
        assert_eq!(quotes(SEED_2020, "الولايات المتحدة الامريكيه").len(), 2);
        assert_eq!(quotes(SEED_2020, "الولايات المتحده").len(), 4);
        assert_eq!(quotes("تَمِيمٌ", "تميم"), ["تَمِيمٌ"]);
        assert_eq!(quotes("على بُعد 30 كيلومتراً", "بعد"), ["بُعد"]);
    }

    #[test]
    fn a_persian_spelling_finds_the_arabic_one_and_back() {
        // Persian yeh and keheh, the zero-width non-joiner, Persian digits.
        assert_eq!(quotes("زار الرئيس الإيراني إيران", "ایران"), ["إيران"]);
        assert_eq!(quotes("سفر به ایران و کویت", "إيران"), ["ایران"]);
        assert_eq!(
            quotes("سفر به ایران و کویت", "الكويت"),
            Vec::<String>::new()
        );
        assert_eq!(quotes("سفر به ایران و کویت", "كويت"), ["کویت"]);
        assert_eq!(quotes("دبیرکل حزب‌الله لبنان", "حزبالله"), ["حزب‌الله"]);
        assert_eq!(quotes("في عام ۱۳۹۹ و٢٠٢٠", "2020"), ["٢٠٢٠"]);
    }

    #[test]
    fn does_not_match_inside_other_words() {
        assert!(quotes("القطرية والقطري", "قطر").is_empty());
        assert!(quotes("التميمي", "تميم").is_empty());
        assert!(quotes("مصرف", "مصر").is_empty());
    }

    #[test]
    fn real_words_from_the_seed_articles() {
        let body = crate::model::text::normalize_newlines(SEED_2017);
        assert_eq!(
            quotes(&body, "تميم").len(),
            4,
            "{:?}",
            quotes(&body, "تميم")
        );
        assert!(quotes(&body, "واشنطن").len() == 1);
        assert_eq!(quotes(&body, "الكرملين").len(), 2);
        assert_eq!(quotes(&body, "ميلي").len(), 0);
    }

    #[test]
    fn the_hit_is_marked_where_it_is_in_its_context() {
        let body = "سطر أول\nاجتمع الشيخ محمد بن عبدالرحمن آل ثاني اليوم في الدوحة مع وزير الخارجية الأمريكي";
        let span = find_in(body, "الدوحة")[0].clone();
        let (context, mark) = context_in(
            &body.chars().collect::<Vec<_>>(),
            Span::new(span.start, span.end),
            CONTEXT_CHARS,
        );
        assert_eq!(slice_chars(&context, mark.clone()), Some("الدوحة"));
        // Centred: as much before it as after, within the line.
        assert!(
            mark.start <= CONTEXT_CHARS + 1
                && context.chars().count() - mark.end <= CONTEXT_CHARS + 1
        );
    }

    #[test]
    fn context_is_the_surrounding_line() {
        let body = "سطر أول\nاجتمع الشيخ محمد اليوم\nسطر ثالث";
        let span = find_in(body, "محمد")[0].clone();
        assert_eq!(
            context_line(body, Span::new(span.start, span.end), 100),
            "اجتمع الشيخ محمد اليوم"
        );
        assert_eq!(
            context_line(body, Span::new(span.start, span.end), 5),
            "…لشيخ محمد اليو…"
        );
    }
}
