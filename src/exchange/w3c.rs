//! The highlights as a W3C Web Annotation collection (JSON-LD), for
//! archives and web annotation tools: each highlight one annotation whose
//! target is its article with a `TextPositionSelector` (code points, as the
//! model counts) and a `TextQuoteSelector` (the exact quote with up to 32
//! characters either side), and whose body says what it is tagged as.

use crate::model::{Project, Tag};
use serde_json::{Value, json};

/// Characters of context in `prefix` and `suffix`.
const CONTEXT: usize = 32;

fn article_iri(project: &Project, id: &crate::model::ArticleId) -> String {
    project
        .article(id)
        .filter(|a| a.url.starts_with("http://") || a.url.starts_with("https://"))
        .map_or_else(|| format!("urn:warraq:article:{id}"), |a| a.url.clone())
}

/// The collection as JSON bytes, one annotation a line: written item by
/// item, so 100,000 highlights never stand in memory as one JSON tree.
pub fn annotations(project: &Project) -> Vec<u8> {
    let mut out = Vec::new();
    let header = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:warraq:annotations",
        "type": "AnnotationCollection",
        "label": project.title,
        "total": 0,
    });
    let mut count = 0usize;
    let mut items = Vec::new();
    for_each_annotation(project, |annotation| {
        if count > 0 {
            items.extend_from_slice(b",\n");
        }
        items.extend_from_slice(b"    ");
        // A Value of strings and numbers always serializes.
        let _ = serde_json::to_writer(&mut items, &annotation);
        count += 1;
    });
    let mut header = header;
    header["total"] = json!(count);
    let header = serde_json::to_string(&header).unwrap_or_default();
    // The header's closing brace gives way to the page of items.
    out.extend_from_slice(header.trim_end_matches('}').as_bytes());
    out.extend_from_slice(
        b",\"first\":{\"type\":\"AnnotationPage\",\"startIndex\":0,\"items\":[\n",
    );
    out.extend_from_slice(&items);
    out.extend_from_slice(b"\n]}}\n");
    out
}

fn for_each_annotation(project: &Project, mut emit: impl FnMut(Value)) {
    let bodies: std::collections::HashMap<_, Vec<char>> = project
        .articles
        .iter()
        .map(|a| (&a.id, a.body.chars().collect()))
        .collect();
    for h in &project.highlights {
        let Some(body) = bodies.get(&h.article) else {
            continue;
        };
        let (start, end) = (h.span.start.min(body.len()), h.span.end.min(body.len()));
        let prefix: String = body[start.saturating_sub(CONTEXT)..start].iter().collect();
        let suffix: String = body[end..(end + CONTEXT).min(body.len())].iter().collect();
        let mut tags = Vec::new();
        match &h.tag {
            Tag::Actor(a) => {
                if let Some(actor) = project.actor(a) {
                    tags.push(json!({
                        "type": "TextualBody",
                        "purpose": "tagging",
                        "value": actor.name,
                    }));
                    tags.push(json!({
                        "type": "SpecificResource",
                        "purpose": "identifying",
                        "source": format!("urn:warraq:actor:{}", actor.id),
                    }));
                    tags.push(json!({
                        "type": "TextualBody",
                        "purpose": "classifying",
                        "value": actor.kind.name(),
                    }));
                }
            }
            Tag::Claim(c) => {
                if let Some(claim) = project.claim(c) {
                    tags.push(json!({
                        "type": "TextualBody",
                        "purpose": "classifying",
                        "value": "Claim",
                    }));
                    tags.push(json!({
                        "type": "TextualBody",
                        "purpose": "describing",
                        "value": project.claim_text(claim),
                    }));
                    tags.push(json!({
                        "type": "SpecificResource",
                        "purpose": "identifying",
                        "source": format!("urn:warraq:claim:{}", claim.id),
                    }));
                }
            }
            Tag::Evidence => tags.push(json!({
                "type": "TextualBody",
                "purpose": "classifying",
                "value": "Evidence",
            })),
        }
        if !h.note.is_empty() {
            tags.push(json!({
                "type": "TextualBody",
                "purpose": "commenting",
                "value": h.note,
            }));
        }
        let mut annotation = json!({
            "id": format!("urn:warraq:highlight:{}", h.id),
            "type": "Annotation",
            "motivation": "tagging",
            "body": tags,
            "target": {
                "source": article_iri(project, &h.article),
                "selector": [
                    {"type": "TextPositionSelector", "start": h.span.start, "end": h.span.end},
                    {"type": "TextQuoteSelector", "exact": h.quote, "prefix": prefix, "suffix": suffix},
                ],
            },
        });
        if let Some(stamp) = &h.changed {
            annotation["creator"] = json!({"type": "Person", "name": stamp.by});
            annotation["modified"] = json!(stamp.at);
        }
        emit(annotation);
    }
}
