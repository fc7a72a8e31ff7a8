//! Saved web pages: the article's main text without the site around it
//! (readability's scoring, through `dom_smoothie`), and the metadata news
//! sites publish (Open Graph, `<time>`, JSON-LD, the canonical link).

use super::{Found, date_prefix};
use dom_query::Document;
use encoding_rs::Encoding;

/// Parts of a page that are never the article.
const SURROUNDINGS: &str = "aside, nav, footer, form, iframe, noscript, [class~=ad], [class~=ads], \
    [id~=ad], [class*=advert], [id*=advert], [class*=ad-slot], [class*=newsletter], \
    [class*=social], [class*=share]";

/// A paragraph that is only a site's label: an advertisement's "إعلان",
/// "Read also", "Share".
fn is_boilerplate_line(paragraph: &str) -> bool {
    let text = paragraph
        .trim()
        .trim_end_matches([':', '：', '.', '…'])
        .trim()
        .to_lowercase();
    [
        "إعلان",
        "إعلانات",
        "اعلان",
        "advertisement",
        "ad",
        "اقرأ أيضا",
        "اقرأ أيضاً",
        "اقرأ ايضا",
        "read also",
        "read more",
        "شارك",
        "share",
    ]
    .contains(&text.as_str())
}

/// Fewer words than this is not an article but what is left of a page without one.
const MIN_WORDS: usize = 12;

pub(super) fn read(bytes: &[u8]) -> Result<Found, String> {
    let (page, encoding_note) = decode(bytes);
    let page = super::nesting::flattened(&page);
    let document = Document::from(page.as_ref());
    let meta = Meta::of(&document);
    // What news sites put inside the article's own container and
    // readability keeps: advertisement slots, share bars, sign-up boxes.
    document.select(SURROUNDINGS).remove();

    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..dom_smoothie::Config::default()
    };
    let mut readability = dom_smoothie::Readability::with_document(document, None, Some(config))
        .map_err(|e| format!("the page cannot be read: {e}"))?;
    let article = readability
        .parse()
        .map_err(|e| format!("no article text found on the page ({e})"))?;

    let paragraphs: Vec<String> = article
        .text_content
        .split("\n\n")
        .filter(|p| !is_boilerplate_line(p))
        .map(str::to_owned)
        .collect();
    // A page with no article (an index, a menu) leaves a few stray words.
    if article.text_content.split_whitespace().count() < MIN_WORDS {
        return Err(format!(
            "no article text found on the page (fewer than {MIN_WORDS} words outside menus and links)"
        ));
    }
    let title = meta
        .og_title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .or_else(|| Some(article.title.clone()).filter(|t| !t.trim().is_empty()))
        .or_else(|| meta.h1.clone())
        .unwrap_or_default();
    let outlet = meta
        .site_name
        .clone()
        .or(article.site_name.clone())
        .or_else(|| suffix_outlet(&meta.title_tag, &title))
        .unwrap_or_default();
    let published = meta
        .published
        .as_deref()
        .and_then(date_prefix)
        .or_else(|| article.published_time.as_deref().and_then(date_prefix))
        .or_else(|| meta.time.as_deref().and_then(date_prefix));
    let mut notes = Vec::new();
    if let Some(note) = encoding_note {
        notes.push(note);
    }
    Ok(Found {
        title,
        paragraphs,
        outlet,
        url: meta.url.or(article.url).unwrap_or_default(),
        published,
        language: meta.lang.or(article.lang).unwrap_or_default(),
        author: article.byline.unwrap_or_default(),
        notes,
    })
}

/// What the page says of itself, read before readability rewrites it.
#[derive(Debug, Default)]
struct Meta {
    og_title: Option<String>,
    h1: Option<String>,
    title_tag: String,
    site_name: Option<String>,
    url: Option<String>,
    published: Option<String>,
    time: Option<String>,
    lang: Option<String>,
}

impl Meta {
    fn of(document: &Document) -> Self {
        let content = |selector: &str| {
            document
                .select(selector)
                .nodes()
                .iter()
                .find_map(|n| n.attr("content"))
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty())
        };
        let attr = |selector: &str, name: &str| {
            document
                .select(selector)
                .nodes()
                .iter()
                .find_map(|n| n.attr(name))
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty())
        };
        let text = |selector: &str| {
            document
                .select(selector)
                .nodes()
                .first()
                .map(|n| n.text().split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|t| !t.is_empty())
        };
        Self {
            og_title: content(r#"meta[property="og:title"]"#),
            h1: text("h1"),
            title_tag: text("title").unwrap_or_default(),
            site_name: content(r#"meta[property="og:site_name"]"#)
                .or_else(|| content(r#"meta[name="application-name"]"#)),
            url: content(r#"meta[property="og:url"]"#)
                .or_else(|| attr(r#"link[rel="canonical"]"#, "href")),
            published: published(document),
            time: attr("time[datetime]", "datetime"),
            lang: attr("html[lang]", "lang"),
        }
    }
}

/// The names pages give their publication date under, most specific
/// first, compared without case: Open Graph, Dublin Core (as `<meta>` and as
/// `RDFa` `property`), schema.org microdata, and the news sites' own.
const DATE_NAMES: [&str; 22] = [
    "article:published_time",
    "og:published_time",
    "datepublished",
    "schema:datepublished",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms:issued",
    "dc.date",
    "dc:date",
    "dcterms.date",
    "dcterms:date",
    "dc.date.created",
    "dcterms.created",
    "dcterms:created",
    "citation_publication_date",
    "citation_date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "date",
    "parsely-pub-date",
];

/// The page's publication date as written: the first of `DATE_NAMES` found
/// on any element's `name`, `property` or `itemprop` (its `content` or
/// `datetime`, else its text), then JSON-LD's `datePublished`.
fn published(document: &Document) -> Option<String> {
    let mut found: Vec<(usize, String)> = Vec::new();
    for node in document.select("[name], [property], [itemprop]").nodes() {
        let named = ["name", "property", "itemprop"].iter().find_map(|a| {
            let value = node.attr(a)?.to_lowercase();
            // RDFa allows several properties in one attribute.
            value
                .split_whitespace()
                .find_map(|v| DATE_NAMES.iter().position(|n| *n == v))
        });
        let Some(rank) = named else {
            continue;
        };
        let value = node
            .attr("content")
            .or_else(|| node.attr("datetime"))
            .map_or_else(|| node.text().trim().to_owned(), |v| v.trim().to_owned());
        if date_prefix(&value).is_some() {
            found.push((rank, value));
        }
    }
    if let Some((_, best)) = found.into_iter().min_by_key(|(rank, _)| *rank) {
        return Some(best);
    }
    document
        .select(r#"script[type="application/ld+json"]"#)
        .nodes()
        .iter()
        .filter_map(|n| serde_json::from_str::<serde_json::Value>(&n.text()).ok())
        .find_map(|json| json_ld_date(&json))
}

/// `datePublished` anywhere in a JSON-LD value (top level, a list, `@graph`).
fn json_ld_date(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::Object(map) => map
            .get("datePublished")
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
            .or_else(|| map.values().find_map(json_ld_date)),
        serde_json::Value::Array(items) => items.iter().find_map(json_ld_date),
        _ => None,
    }
}

/// The site's name from a `<title>` such as "Headline | Outlet".
fn suffix_outlet(title_tag: &str, title: &str) -> Option<String> {
    for separator in [" | ", " - ", " — ", " – ", " :: ", " « "] {
        if let Some((head, tail)) = title_tag.rsplit_once(separator) {
            let (head, tail) = (head.trim(), tail.trim());
            if !tail.is_empty() && (head == title.trim() || tail.chars().count() < 40) {
                return Some(tail.to_owned());
            }
        }
    }
    None
}

/// The page's text in the encoding it declares (a byte-order mark first,
/// then `<meta charset>` or `http-equiv`), UTF-8 when it declares none and
/// is valid UTF-8, windows-1256 (the common Arabic legacy encoding) else.
/// The note says when it was read other than as UTF-8.
fn decode(bytes: &[u8]) -> (String, Option<String>) {
    let (declared, how) = match Encoding::for_bom(bytes) {
        Some((encoding, _)) => (Some(encoding), "its byte-order mark"),
        None => (declared_charset(bytes), "the page's declaration"),
    };
    let encoding = declared.unwrap_or_else(|| {
        if std::str::from_utf8(bytes).is_ok() {
            encoding_rs::UTF_8
        } else {
            encoding_rs::WINDOWS_1256
        }
    });
    let (text, used, errors) = encoding.decode(bytes);
    let mut note = None;
    if used != encoding_rs::UTF_8 {
        let why = if declared.is_some() {
            format!("as {how} says")
        } else {
            "it declares no encoding and is not UTF-8".to_owned()
        };
        note = Some(format!("read as {} ({why})", used.name()));
    }
    if errors {
        note = Some(format!(
            "{}; some bytes were not valid {} and show as �",
            note.unwrap_or_else(|| "read as UTF-8".to_owned()),
            used.name()
        ));
    }
    (text.into_owned(), note)
}

/// The charset a page names in its first 4 KiB (where browsers look).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("charset") {
        rest = &rest[at + "charset".len()..];
        let value = rest.trim_start_matches([' ', '\t', '\n', '\r', '=']);
        if rest.len() == value.len() {
            continue;
        }
        let value = value.trim_start_matches(['"', '\'']);
        let end = value
            .find(|c: char| {
                !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' || c == ':')
            })
            .unwrap_or(value.len());
        if let Some(encoding) = Encoding::for_label(&value.as_bytes()[..end]) {
            // A page cannot really be UTF-16 if its own head was read as ASCII.
            return Some(
                if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
                    encoding_rs::UTF_8
                } else {
                    encoding
                },
            );
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page with `head` in its head and `body_extra` before the article.
    fn date_of(head: &str, body_extra: &str) -> Option<String> {
        let paragraph = "قال وزير الداخلية اللبناني نهاد المشنوق إن هناك إجماعا في لبنان على رفض أي حالة متطرفة، وإن الأجهزة الأمنية قادرة على السيطرة على الوضع.";
        let page = format!(
            "<html lang=\"ar\"><head>{head}</head><body>{body_extra}<article><h1>عنوان</h1>\
             <p>{paragraph}</p><p>{paragraph}</p></article></body></html>"
        );
        read(page.as_bytes())
            .unwrap()
            .published
            .map(|d| d.to_string())
    }

    #[test]
    fn the_publication_date_is_found_wherever_pages_put_it() {
        for (head, body) in [
            // RDFa on any element, with a time zone.
            (
                "",
                r#"<span property="dc:date" content="2019-02-08T00:00:00+01:00"></span>"#,
            ),
            ("", r#"<span property="dcterms:date">2019-02-08</span>"#),
            (r#"<meta name="dcterms.date" content="2019-02-08">"#, ""),
            (r#"<meta name="DC.date.issued" content="2019-02-08">"#, ""),
            (r#"<meta name="DC.Date" content="2019/02/08">"#, ""),
            (r#"<meta name="date" content="2019-02-08">"#, ""),
            (
                r#"<meta itemprop="datePublished" content="2019-02-08">"#,
                "",
            ),
            (
                "",
                r#"<time itemprop="datePublished" datetime="2019-02-08T10:00">٨ فبراير</time>"#,
            ),
            (
                r#"<meta property="article:published_time" content="2019-02-08T09:00:00Z">"#,
                "",
            ),
            (
                r#"<meta name="citation_publication_date" content="٢٠١٩/٠٢/٠٨">"#,
                "",
            ),
            (
                r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2019-02-08T12:00:00+03:00"}]}</script>"#,
                "",
            ),
        ] {
            assert_eq!(
                date_of(head, body).as_deref(),
                Some("2019-02-08"),
                "{head}{body}"
            );
        }
    }

    #[test]
    fn the_publication_date_wins_over_a_modified_or_other_date() {
        let head = r#"<meta name="date" content="2020-01-01"><meta property="article:modified_time" content="2021-05-05"><meta property="article:published_time" content="2019-02-08">"#;
        assert_eq!(date_of(head, "").as_deref(), Some("2019-02-08"));
        assert_eq!(date_of("", "").as_deref(), None, "no date: none made up");
    }

    #[test]
    fn the_declared_charset_is_found_in_either_form() {
        assert_eq!(
            declared_charset(b"<meta charset=\"windows-1256\">"),
            Some(encoding_rs::WINDOWS_1256)
        );
        assert_eq!(
            declared_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-6\">"
            ),
            Some(encoding_rs::ISO_8859_6)
        );
        assert_eq!(declared_charset(b"<html><body>"), None);
    }

    #[test]
    fn an_undeclared_legacy_page_is_read_as_windows_1256() {
        // "مصر" in windows-1256.
        let (text, note) = decode(&[0xE3, 0xD5, 0xD1]);
        assert_eq!(text, "مصر");
        assert!(note.unwrap().contains("windows-1256"));
    }

    #[test]
    fn iso_8859_6_pages_read_as_arabic() {
        let page =
            b"<html><head><meta charset=\"iso-8859-6\"></head><body>\xE5\xD5\xD1</body></html>";
        let (text, _) = decode(page);
        assert!(text.contains("مصر"), "{text}");
    }

    #[test]
    fn advertisements_and_share_bars_inside_the_article_are_left_out() {
        let paragraph = "قال وزير الداخلية اللبناني نهاد المشنوق إن هناك إجماعا في لبنان على رفض أي حالة متطرفة، وإن الأجهزة الأمنية قادرة على السيطرة على الوضع.";
        let page = format!(
            "<html lang=\"ar\"><body><article><h1>عنوان</h1><div class=\"content\">\
             <p>{paragraph}</p><div class=\"ad\">إعلان</div>\
             <div class=\"share-bar\"><a>شارك على تويتر</a></div><p>{paragraph} ثانية.</p>\
             <p>إعلان</p></div></article></body></html>"
        );
        let found = read(page.as_bytes()).unwrap();
        let body = found.paragraphs.join("\n\n");
        assert!(!body.contains("إعلان"), "{body}");
        assert!(!body.contains("شارك"), "{body}");
        assert_eq!(found.paragraphs.len(), 2, "{body}");
    }

    #[test]
    fn the_outlet_comes_from_the_title_suffix() {
        assert_eq!(
            suffix_outlet("عنوان الخبر | الشرق الأوسط", "عنوان الخبر").as_deref(),
            Some("الشرق الأوسط")
        );
        assert_eq!(suffix_outlet("عنوان الخبر", "عنوان الخبر"), None);
    }
}
