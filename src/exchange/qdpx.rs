//! REFI-QDA Project Exchange (`.qdpx`): the standard `NVivo`, MAXQDA,
//! ATLAS.ti, `QualCoder` and Taguette read and write. A `.qdpx` is a zip
//! holding `project.qde` (XML in the namespace `urn:QDA-XML:project:1.0`)
//! and the sources' plain text under `sources/`.
//!
//! Out: articles are text sources (UTF-8, LF); the codebook has a code
//! "Actors" with one code per actor kind and the actors under them, a code
//! "Claims" with the claims, and a code "Evidence"; each highlight is a
//! plain-text selection coded with its code, positions counted in Unicode
//! code points as the standard counts characters; relations are links
//! between actor codes with a note saying date, sources and evidence;
//! analysts are users; article metadata are variables.
//!
//! In: the same, read back — and from other tools' files, text sources
//! become articles, codes become actors (kind from a parent code named like
//! one of ours, else Other) or claims (under a code named "Claims"),
//! codings become highlights on their exact words, links between two actor
//! codes become relations; what has no place here is listed, never dropped
//! silently.

use super::incoming::{
    Incoming, IncomingActor, IncomingArticle, IncomingClaim, IncomingHighlight, IncomingRelation,
    IncomingTag, kind_from_name, lf_with_offsets,
};
use super::xml::escape;
use crate::model::{ActorKind, Article, ArticleId, Date, Project, Span, Speech, Stance, Tag};
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::io::{Read, Write};
use uuid::Uuid;

pub const NAMESPACE: &str = "urn:QDA-XML:project:1.0";

/// The note that carries the relation vocabulary, and how each of its lines starts.
const TYPES_NOTE: &str = "Warraq relation types";
const RELATION_TYPE: &str = "relation-type: ";

/// Who changed an item last, as a `changed:` line of its description.
fn write_stamp(about: &mut String, stamp: Option<&crate::model::Stamp>) {
    if let Some(stamp) = stamp {
        let _ = writeln!(about, "changed: {} @ {}", stamp.by, stamp.at);
    }
}

/// A line of the relation types note: `id | label | directed | description`.
fn relation_type(line: &str) -> Option<crate::model::RelationType> {
    let mut parts = line.strip_prefix(RELATION_TYPE)?.splitn(4, " | ");
    let id = parts.next()?.trim();
    let label = parts.next()?.trim();
    if id.is_empty() || label.is_empty() {
        return None;
    }
    Some(crate::model::RelationType {
        id: id.into(),
        label: label.to_owned(),
        directed: parts.next().is_none_or(|d| d.trim() != "symmetric"),
        description: parts.next().unwrap_or_default().trim().to_owned(),
    })
}

/// What `write_stamp` wrote.
fn read_stamp(about: &HashMap<String, String>) -> Option<crate::model::Stamp> {
    let (by, at) = about.get("changed")?.rsplit_once(" @ ")?;
    Some(crate::model::Stamp::new(by.trim(), at.trim()))
}

/// The same item gets the same GUID in every export, so a colleague's tool
/// can tell an updated export from a new project.
fn guid(kind: &str, id: &str) -> String {
    Uuid::new_v5(
        &Uuid::NAMESPACE_URL,
        format!("urn:warraq:{kind}:{id}").as_bytes(),
    )
    .to_string()
}

const ACTOR_COLOUR: &str = "#3A6EA5";
const CLAIM_COLOUR: &str = "#D9822B";
const EVIDENCE_COLOUR: &str = "#4CA34C";

/// The article metadata written as variables, by name.
const VARIABLES: [&str; 4] = ["outlet", "url", "published", "language"];

/// A name for a selection: its quote, shortened.
fn short(quote: &str) -> String {
    let words: String = quote.chars().take(60).collect();
    if words.chars().count() < quote.chars().count() {
        format!("{words}…")
    } else {
        words
    }
}

pub fn project_qde(project: &Project, analyst: &str) -> String {
    let mut users: BTreeSet<String> = BTreeSet::new();
    users.insert(analyst.to_owned());
    let stamps = project
        .highlights
        .iter()
        .filter_map(|h| h.changed.as_ref())
        .chain(project.articles.iter().filter_map(|a| a.changed.as_ref()))
        .chain(project.actors.iter().filter_map(|a| a.changed.as_ref()))
        .chain(project.claims.iter().filter_map(|c| c.changed.as_ref()))
        .chain(project.relations.iter().filter_map(|r| r.changed.as_ref()));
    for stamp in stamps {
        users.insert(stamp.by.clone());
    }
    let user = |name: &str| guid("user", name);
    let now = crate::model::Stamp::now(analyst).at;

    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        x,
        "<Project xmlns=\"{NAMESPACE}\" name=\"{}\" origin=\"Warraq {}\" creatingUserGUID=\"{}\" creationDateTime=\"{now}\">",
        escape(&project.title),
        env!("CARGO_PKG_VERSION"),
        user(analyst)
    );
    x.push_str("  <Users>\n");
    for name in &users {
        let _ = writeln!(
            x,
            "    <User guid=\"{}\" name=\"{}\"/>",
            user(name),
            escape(name)
        );
    }
    x.push_str("  </Users>\n  <CodeBook>\n    <Codes>\n");
    // Actors under their kinds.
    let _ = writeln!(
        x,
        "      <Code guid=\"{}\" name=\"Actors\" isCodable=\"false\">",
        guid("group", "actors")
    );
    for kind in ActorKind::ALL {
        let actors: Vec<_> = project.actors.iter().filter(|a| a.kind == kind).collect();
        if actors.is_empty() {
            continue;
        }
        let _ = writeln!(
            x,
            "        <Code guid=\"{}\" name=\"{}\" isCodable=\"false\">",
            guid("kind", kind.name()),
            kind.name()
        );
        for actor in actors {
            let mut about = String::new();
            if !actor.aliases.is_empty() {
                let _ = writeln!(about, "aliases: {}", actor.aliases.join(" | "));
            }
            if !actor.gloss.is_empty() {
                let _ = writeln!(about, "gloss: {}", actor.gloss);
            }
            let _ = writeln!(about, "warraq-id: {}", actor.id);
            write_stamp(&mut about, actor.changed.as_ref());
            if !actor.note.is_empty() {
                let _ = write!(about, "note: {}", actor.note);
            }
            let _ = writeln!(
                x,
                "          <Code guid=\"{}\" name=\"{}\" isCodable=\"true\" color=\"{ACTOR_COLOUR}\">\n            <Description>{}</Description>\n          </Code>",
                guid("actor", actor.id.as_str()),
                escape(&actor.name),
                escape(about.trim_end())
            );
        }
        x.push_str("        </Code>\n");
    }
    x.push_str("      </Code>\n");
    let _ = writeln!(
        x,
        "      <Code guid=\"{}\" name=\"Claims\" isCodable=\"false\">",
        guid("group", "claims")
    );
    for claim in &project.claims {
        let mut about = String::new();
        if let Some(speaker) = claim.speaker.as_ref().and_then(|s| project.actor(s)) {
            let _ = writeln!(about, "speaker: {}", speaker.name);
            let _ = writeln!(
                about,
                "speaker-guid: {}",
                guid("actor", speaker.id.as_str())
            );
        }
        let _ = writeln!(about, "stance: {}", claim.stance.label());
        let _ = writeln!(about, "warraq-id: {}", claim.id);
        write_stamp(&mut about, claim.changed.as_ref());
        if !claim.note.is_empty() {
            let _ = write!(about, "note: {}", claim.note);
        }
        let _ = writeln!(
            x,
            "        <Code guid=\"{}\" name=\"{}\" isCodable=\"true\" color=\"{CLAIM_COLOUR}\">\n          <Description>{}</Description>\n        </Code>",
            guid("claim", claim.id.as_str()),
            escape(&claim.text),
            escape(about.trim_end())
        );
    }
    x.push_str("      </Code>\n");
    let _ = writeln!(
        x,
        "      <Code guid=\"{}\" name=\"Evidence\" isCodable=\"true\" color=\"{EVIDENCE_COLOUR}\">\n        <Description>Passages that relations cite as proof</Description>\n      </Code>",
        guid("code", "evidence")
    );
    x.push_str("    </Codes>\n  </CodeBook>\n  <Variables>\n");
    for name in VARIABLES {
        let _ = writeln!(
            x,
            "    <Variable guid=\"{}\" name=\"{name}\" typeOfVariable=\"Text\"/>",
            guid("variable", name)
        );
    }
    x.push_str("  </Variables>\n");
    if !project.articles.is_empty() {
        x.push_str("  <Sources>\n");
    }
    let by_article = super::highlights_by_article(project);
    for article in &project.articles {
        let source = guid("article", article.id.as_str());
        let mut attributes = String::new();
        if let Some(stamp) = &article.changed {
            let _ = write!(
                attributes,
                " creatingUser=\"{}\" creationDateTime=\"{}\"",
                user(&stamp.by),
                escape(&stamp.at)
            );
        }
        let _ = writeln!(
            x,
            "    <TextSource guid=\"{source}\" name=\"{}\" plainTextPath=\"internal://{source}.txt\"{attributes}>",
            escape(&article.title)
        );
        let mut about = format!("warraq-id: {}", article.id);
        if !article.notes.is_empty() {
            let _ = write!(about, "\nnote: {}", article.notes);
        }
        let _ = writeln!(x, "      <Description>{}</Description>", escape(&about));
        for h in by_article.get(&article.id).into_iter().flatten() {
            let code = match &h.tag {
                Tag::Actor(a) => guid("actor", a.as_str()),
                Tag::Claim(c) => guid("claim", c.as_str()),
                Tag::Evidence => guid("code", "evidence"),
            };
            let mut attributes = String::new();
            if let Some(stamp) = &h.changed {
                let _ = write!(
                    attributes,
                    " creatingUser=\"{}\" creationDateTime=\"{}\"",
                    user(&stamp.by),
                    escape(&stamp.at)
                );
            }
            let mut about = String::new();
            if let Some(speech) = h.speech {
                let _ = writeln!(about, "speech: {}", speech.label());
            }
            if !h.note.is_empty() {
                let _ = write!(about, "note: {}", h.note);
            }
            let description = if about.is_empty() {
                String::new()
            } else {
                format!(
                    "\n        <Description>{}</Description>",
                    escape(about.trim_end())
                )
            };
            let _ = writeln!(
                x,
                "      <PlainTextSelection guid=\"{}\" name=\"{}\" startPosition=\"{}\" endPosition=\"{}\"{attributes}>{description}\n        <Coding guid=\"{}\"{attributes}>\n          <CodeRef targetGUID=\"{code}\"/>\n        </Coding>\n      </PlainTextSelection>",
                guid("highlight", h.id.as_str()),
                escape(&short(&h.quote)),
                h.span.start,
                h.span.end,
                guid("coding", h.id.as_str()),
            );
        }
        let published = article.published.map(|d| d.to_string()).unwrap_or_default();
        for (name, value) in VARIABLES.into_iter().zip([
            article.outlet.as_str(),
            article.url.as_str(),
            published.as_str(),
            article.language.as_str(),
        ]) {
            if value.is_empty() {
                continue;
            }
            let _ = writeln!(
                x,
                "      <VariableValue>\n        <VariableRef targetGUID=\"{}\"/>\n        <TextValue>{}</TextValue>\n      </VariableValue>",
                guid("variable", name),
                escape(value)
            );
        }
        x.push_str("    </TextSource>\n");
    }
    if !project.articles.is_empty() {
        x.push_str("  </Sources>\n");
    }
    // Each relation: a link between its actors' codes, and a note saying the rest.
    let by_id: HashMap<&crate::model::HighlightId, &crate::model::Highlight> =
        project.highlights.iter().map(|h| (&h.id, h)).collect();
    x.push_str("  <Notes>\n");
    // The vocabulary, those types no relation uses too: REFI-QDA has no place for it.
    let mut types = String::new();
    for t in &project.vocabulary {
        let _ = writeln!(
            types,
            "{RELATION_TYPE}{} | {} | {} | {}",
            t.id,
            t.label.replace('|', "/"),
            if t.directed { "directed" } else { "symmetric" },
            t.description.replace(['\n', '|'], " ")
        );
    }
    let _ = writeln!(
        x,
        "    <Note guid=\"{}\" name=\"{TYPES_NOTE}\">\n      <PlainTextContent>{}</PlainTextContent>\n    </Note>",
        guid("note", TYPES_NOTE),
        escape(types.trim_end())
    );
    if project.relations.is_empty() {
        x.push_str("  </Notes>\n");
    } else {
        for r in &project.relations {
            let mut about = project.relation_plain(r);
            about.push('\n');
            if let Some(date) = r.date {
                let _ = writeln!(about, "date: {date}");
            }
            let sources: Vec<String> = r
                .sources
                .iter()
                .map(|s| match &s.evidence {
                    Some(e) => format!(
                        "{}:{}",
                        guid("article", s.article.as_str()),
                        guid("highlight", e.as_str())
                    ),
                    None => guid("article", s.article.as_str()),
                })
                .collect();
            if !sources.is_empty() {
                let _ = writeln!(about, "sources: {}", sources.join(" "));
            }
            for s in &r.sources {
                let title = project.article(&s.article).map_or("", |a| a.title.as_str());
                let quote = s
                    .evidence
                    .as_ref()
                    .and_then(|e| by_id.get(e))
                    .map_or(String::new(), |h| format!(": «{}»", h.quote));
                let _ = writeln!(about, "reported in: {title}{quote}");
            }
            let _ = writeln!(about, "warraq-id: {}", r.id);
            write_stamp(&mut about, r.changed.as_ref());
            if !r.note.is_empty() {
                let _ = write!(about, "note: {}", r.note);
            }
            let _ = writeln!(
                x,
                "    <Note guid=\"{}\" name=\"{}\">\n      <PlainTextContent>{}</PlainTextContent>\n    </Note>",
                guid("relation-note", r.id.as_str()),
                escape(&project.relation_plain(r)),
                escape(about.trim_end())
            );
        }
        x.push_str("  </Notes>\n  <Links>\n");
        for r in &project.relations {
            let kind = project.relation_type(&r.kind);
            let direction = if kind.is_none_or(|k| k.directed) {
                "OneWay"
            } else {
                "Bidirectional"
            };
            let _ = writeln!(
                x,
                "    <Link guid=\"{}\" name=\"{}\" direction=\"{direction}\" originGUID=\"{}\" targetGUID=\"{}\">\n      <NoteRef targetGUID=\"{}\"/>\n    </Link>",
                guid("relation", r.id.as_str()),
                escape(kind.map_or(r.kind.as_str(), |k| k.label.as_str())),
                guid("actor", r.source.as_str()),
                guid("actor", r.target.as_str()),
                guid("relation-note", r.id.as_str()),
            );
        }
        x.push_str("  </Links>\n");
    }
    if !project.description.is_empty() {
        let _ = writeln!(
            x,
            "  <Description>{}</Description>",
            escape(&project.description)
        );
    }
    x.push_str("</Project>\n");
    x
}

/// The `.qdpx` archive: `project.qde` and each article's text under `sources/`.
pub fn qdpx(project: &Project, analyst: &str) -> Result<Vec<u8>, String> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut put = |name: &str, bytes: &[u8]| -> Result<(), String> {
        zip.start_file(name, options).map_err(|e| e.to_string())?;
        zip.write_all(bytes).map_err(|e| e.to_string())
    };
    put("project.qde", project_qde(project, analyst).as_bytes())?;
    for article in &project.articles {
        let source = guid("article", article.id.as_str());
        put(&format!("sources/{source}.txt"), article.body.as_bytes())?;
    }
    zip.finish()
        .map(std::io::Cursor::into_inner)
        .map_err(|e| e.to_string())
}

/// The `key: value` lines of a description; a `note:` line takes the rest.
fn described(text: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some((key, value)) = line.split_once(": ") else {
            continue;
        };
        let key = key.trim();
        if key.contains(' ') || key.is_empty() {
            continue;
        }
        if key == "note" {
            let rest: Vec<&str> = std::iter::once(value).chain(lines.by_ref()).collect();
            out.insert(key.to_owned(), rest.join("\n"));
            break;
        }
        out.insert(key.to_owned(), value.to_owned());
    }
    out
}

fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|c| c.has_tag_name(name))
}

fn children<'a, 'i: 'a>(
    node: roxmltree::Node<'a, 'i>,
    name: &'a str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'i>> + 'a {
    node.children().filter(move |c| c.has_tag_name(name))
}

fn element_text(node: Option<roxmltree::Node<'_, '_>>) -> String {
    node.and_then(|n| n.text()).unwrap_or_default().to_owned()
}

/// What a code becomes.
#[derive(Debug, Clone)]
enum CodeUse {
    Actor,
    Claim,
    Evidence,
    /// A grouping, or a code no coding uses as an actor.
    Group,
}

struct Code {
    name: String,
    description: String,
    use_: CodeUse,
}

/// Walks the codebook: each code with what it becomes.
fn codes(
    node: roxmltree::Node<'_, '_>,
    ancestors: &mut Vec<String>,
    out: &mut HashMap<String, (Code, Option<ActorKind>)>,
) {
    for code in children(node, "Code") {
        let name = code.attribute("name").unwrap_or_default().to_owned();
        let guid = code.attribute("guid").unwrap_or_default().to_lowercase();
        let codable = code.attribute("isCodable") != Some("false");
        let under_claims = ancestors
            .iter()
            .any(|a| matches!(a.trim().to_lowercase().as_str(), "claims" | "claim"));
        let kind = ancestors.iter().rev().find_map(|a| kind_from_name(a));
        let use_ = if !codable {
            CodeUse::Group
        } else if under_claims {
            CodeUse::Claim
        } else if ancestors.is_empty() && name.trim().eq_ignore_ascii_case("evidence") {
            CodeUse::Evidence
        } else {
            CodeUse::Actor
        };
        out.insert(
            guid,
            (
                Code {
                    name: name.clone(),
                    description: element_text(child(code, "Description")),
                    use_,
                },
                kind,
            ),
        );
        ancestors.push(name);
        codes(code, ancestors, out);
        ancestors.pop();
    }
}

/// Reads a `.qdpx` (or a bare `.qde`) into `incoming`.
pub fn read(path: &std::path::Path, bytes: &[u8], incoming: &mut Incoming) -> Result<(), String> {
    let at = |what: String| format!("{}: {what}", path.display());
    let mut sources: HashMap<String, Vec<u8>> = HashMap::new();
    let qde = if bytes.starts_with(b"PK") {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| at(format!("not a readable .qdpx archive ({e})")))?;
        let mut qde = None;
        for i in 0..zip.len() {
            let mut file = zip.by_index(i).map_err(|e| at(e.to_string()))?;
            let name = file.name().map_err(|e| at(e.to_string()))?.into_owned();
            let mut content = Vec::new();
            file.read_to_end(&mut content)
                .map_err(|e| at(e.to_string()))?;
            if name.to_lowercase().ends_with(".qde") && qde.is_none() {
                qde = Some(content);
            } else if let Some(rest) = name
                .strip_prefix("sources/")
                .or_else(|| name.strip_prefix("Sources/"))
            {
                sources.insert(rest.to_owned(), content);
            }
        }
        qde.ok_or_else(|| at("the archive holds no project.qde".to_owned()))?
    } else {
        bytes.to_vec()
    };
    let xml = String::from_utf8(qde).map_err(|_| at("project.qde is not UTF-8".to_owned()))?;
    let xml = xml.strip_prefix('\u{feff}').unwrap_or(&xml);
    let document = roxmltree::Document::parse(xml).map_err(|e| {
        let p = e.pos();
        at(format!("project.qde:{}:{}: {e}", p.row, p.col))
    })?;
    let root = document.root_element();
    if !root.has_tag_name("Project") {
        return Err(at(format!(
            "the root element is <{}>, not a REFI-QDA <Project>",
            root.tag_name().name()
        )));
    }
    if root.tag_name().namespace() != Some(NAMESPACE) {
        incoming.unmapped.push(format!(
            "{}: the project is not in the namespace {NAMESPACE}; read anyway",
            path.display()
        ));
    }

    let mut code_map = HashMap::new();
    if let Some(list) = child(root, "CodeBook").and_then(|c| child(c, "Codes")) {
        codes(list, &mut Vec::new(), &mut code_map);
    }
    for (guid, (code, kind)) in &code_map {
        let about = described(&code.description);
        match code.use_ {
            CodeUse::Actor => {
                let aliases = about
                    .get("aliases")
                    .map(|a| a.split(" | ").map(str::to_owned).collect())
                    .unwrap_or_default();
                let note = match about.get("note") {
                    Some(note) => note.clone(),
                    None if about.is_empty() => code.description.clone(),
                    None => String::new(),
                };
                incoming.actors.push(IncomingActor {
                    key: guid.clone(),
                    name: code.name.clone(),
                    kind: kind.unwrap_or(ActorKind::Other),
                    aliases,
                    gloss: about.get("gloss").cloned().unwrap_or_default(),
                    note,
                    changed: read_stamp(&about),
                });
            }
            CodeUse::Claim => {
                let stance = Stance::ALL
                    .into_iter()
                    .find(|s| about.get("stance").map(String::as_str) == Some(s.label()))
                    .unwrap_or(Stance::Affirms);
                let note = match about.get("note") {
                    Some(note) => note.clone(),
                    None if about.is_empty() => code.description.clone(),
                    None => String::new(),
                };
                incoming.claims.push(IncomingClaim {
                    key: guid.clone(),
                    text: code.name.clone(),
                    speaker: about.get("speaker-guid").map(|g| g.to_lowercase()),
                    stance,
                    note,
                    changed: read_stamp(&about),
                });
            }
            CodeUse::Evidence | CodeUse::Group => {}
        }
    }
    // Speakers named by a code that did not come in: no speaker, said so.
    let actor_keys: BTreeSet<String> = incoming.actors.iter().map(|a| a.key.clone()).collect();
    for claim in &mut incoming.claims {
        if claim
            .speaker
            .as_ref()
            .is_some_and(|s| !actor_keys.contains(s))
        {
            claim.speaker = None;
        }
    }

    let variables: HashMap<String, String> = child(root, "Variables")
        .map(|v| {
            children(v, "Variable")
                .map(|v| {
                    (
                        v.attribute("guid").unwrap_or_default().to_lowercase(),
                        v.attribute("name").unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let notes: HashMap<String, (String, String)> = child(root, "Notes")
        .map(|n| {
            children(n, "Note")
                .map(|n| {
                    (
                        n.attribute("guid").unwrap_or_default().to_lowercase(),
                        (
                            n.attribute("name").unwrap_or_default().to_owned(),
                            element_text(child(n, "PlainTextContent")),
                        ),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let mut notes_used: BTreeSet<String> = BTreeSet::new();
    for (guid, (name, content)) in &notes {
        if name == TYPES_NOTE {
            notes_used.insert(guid.clone());
            incoming
                .relation_types
                .extend(content.lines().filter_map(relation_type));
        }
    }
    // Who made a selection or a source: `creatingUser` names a user by GUID.
    let users: HashMap<String, String> = child(root, "Users")
        .map(|u| {
            children(u, "User")
                .map(|u| {
                    (
                        u.attribute("guid").unwrap_or_default().to_lowercase(),
                        u.attribute("name").unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let stamp_of = |node: roxmltree::Node<'_, '_>| {
        let user = node.attribute("creatingUser")?.to_lowercase();
        let by = users.get(&user).cloned().unwrap_or(user);
        let at = node.attribute("creationDateTime").unwrap_or_default();
        Some(crate::model::Stamp::new(by, at))
    };

    // Sources: text sources become articles.
    let mut source_index: HashMap<String, usize> = HashMap::new();
    let mut selection_span: HashMap<String, (usize, Span)> = HashMap::new();
    if let Some(list) = child(root, "Sources") {
        for source in list.children().filter(roxmltree::Node::is_element) {
            let kind = source.tag_name().name();
            let name = source.attribute("name").unwrap_or("(unnamed)").to_owned();
            if kind != "TextSource" {
                incoming.unmapped.push(format!(
                    "{}: {kind} \"{name}\" (Warraq reads text sources only; import its text as a .txt)",
                    path.display()
                ));
                continue;
            }
            let raw = if let Some(content) = child(source, "PlainTextContent") {
                content.text().unwrap_or_default().to_owned()
            } else if let Some(internal) = source
                .attribute("plainTextPath")
                .and_then(|p| p.strip_prefix("internal://"))
            {
                let Some(bytes) = sources.get(internal) else {
                    incoming.unmapped.push(format!(
                        "{}: text source \"{name}\": its text sources/{internal} is not in the archive",
                        path.display()
                    ));
                    continue;
                };
                String::from_utf8_lossy(bytes).into_owned()
            } else {
                incoming.unmapped.push(format!(
                    "{}: text source \"{name}\" keeps its text outside the archive ({}); not imported",
                    path.display(),
                    source.attribute("plainTextPath").unwrap_or("no path")
                ));
                continue;
            };
            let raw = raw.strip_prefix('\u{feff}').unwrap_or(&raw);
            let (body, map) = lf_with_offsets(raw);
            if body.trim().is_empty() {
                incoming.unmapped.push(format!(
                    "{}: text source \"{name}\" is empty",
                    path.display()
                ));
                continue;
            }
            let mut article = Article::new(ArticleId::new(String::new()), name.clone(), &body);
            article.changed = stamp_of(source);
            let about = described(&element_text(child(source, "Description")));
            let description = element_text(child(source, "Description"));
            article.notes = match about.get("note") {
                Some(note) => note.clone(),
                None if about.is_empty() => description,
                None => String::new(),
            };
            for value in children(source, "VariableValue") {
                let variable = child(value, "VariableRef")
                    .and_then(|r| r.attribute("targetGUID"))
                    .map(str::to_lowercase)
                    .and_then(|g| variables.get(&g).cloned())
                    .unwrap_or_default();
                let value = value
                    .children()
                    .find(|c| c.is_element() && !c.has_tag_name("VariableRef"))
                    .and_then(|c| c.text())
                    .unwrap_or_default()
                    .to_owned();
                match variable.as_str() {
                    "outlet" => article.outlet = value,
                    "url" => article.url = value,
                    "language" => article.language = value,
                    "published" if value.parse::<Date>().is_ok() => {
                        article.published = value.parse().ok();
                    }
                    _ => {
                        if !article.notes.is_empty() {
                            article.notes.push('\n');
                        }
                        let _ = write!(article.notes, "{variable}: {value}");
                    }
                }
            }
            for note in children(source, "NoteRef") {
                let target = note
                    .attribute("targetGUID")
                    .unwrap_or_default()
                    .to_lowercase();
                if let Some((_, content)) = notes.get(&target) {
                    notes_used.insert(target);
                    if !article.notes.is_empty() {
                        article.notes.push('\n');
                    }
                    article.notes.push_str(content);
                }
            }
            let index = incoming.articles.len();
            source_index.insert(
                source.attribute("guid").unwrap_or_default().to_lowercase(),
                index,
            );
            if children(source, "Coding").next().is_some() {
                incoming.unmapped.push(format!(
                    "{}: \"{name}\" is coded as a whole document; Warraq codes passages, so those codings are left out",
                    path.display()
                ));
            }
            let chars = map.len() - 1;
            let mut highlights = Vec::new();
            for selection in children(source, "PlainTextSelection") {
                let position = |a: &str| {
                    selection
                        .attribute(a)
                        .and_then(|v| v.trim().parse::<usize>().ok())
                };
                let (Some(start), Some(end)) = (position("startPosition"), position("endPosition"))
                else {
                    incoming.unmapped.push(format!(
                        "{}: \"{name}\": a selection without positions",
                        path.display()
                    ));
                    continue;
                };
                if start >= end || end > chars {
                    incoming.unmapped.push(format!(
                        "{}: \"{name}\": selection {start}..{end} is not inside its text ({chars} characters)",
                        path.display()
                    ));
                    continue;
                }
                let span = Span::new(map[start], map[end]);
                let about = described(&element_text(child(selection, "Description")));
                let speech = match about.get("speech").map(String::as_str) {
                    Some("direct quote") => Some(Speech::Quote),
                    Some("paraphrase") => Some(Speech::Paraphrase),
                    _ => None,
                };
                let mut note = match about.get("note") {
                    Some(note) => note.clone(),
                    None if about.is_empty() => element_text(child(selection, "Description")),
                    None => String::new(),
                };
                for r in children(selection, "NoteRef") {
                    let target = r.attribute("targetGUID").unwrap_or_default().to_lowercase();
                    if let Some((_, content)) = notes.get(&target) {
                        notes_used.insert(target);
                        if !note.is_empty() {
                            note.push('\n');
                        }
                        note.push_str(content);
                    }
                }
                selection_span.insert(
                    selection
                        .attribute("guid")
                        .unwrap_or_default()
                        .to_lowercase(),
                    (index, span),
                );
                let codings: Vec<_> = children(selection, "Coding").collect();
                if codings.is_empty() {
                    incoming.unmapped.push(format!(
                        "{}: \"{name}\": selection {start}..{end} has no code",
                        path.display()
                    ));
                }
                for coding in codings {
                    let code = child(coding, "CodeRef")
                        .and_then(|r| r.attribute("targetGUID"))
                        .unwrap_or_default()
                        .to_lowercase();
                    let tag = match code_map.get(&code).map(|(c, _)| &c.use_) {
                        Some(CodeUse::Actor) => IncomingTag::Actor(code),
                        Some(CodeUse::Claim) => IncomingTag::Claim(code),
                        Some(CodeUse::Evidence) => IncomingTag::Evidence,
                        Some(CodeUse::Group) => {
                            let code_name = &code_map[&code].0.name;
                            incoming.unmapped.push(format!(
                                "{}: \"{name}\": selection {start}..{end} is coded with \"{code_name}\", which is not codable",
                                path.display()
                            ));
                            continue;
                        }
                        None => {
                            incoming.unmapped.push(format!(
                                "{}: \"{name}\": selection {start}..{end} is coded with a code the codebook does not have ({code})",
                                path.display()
                            ));
                            continue;
                        }
                    };
                    highlights.push(IncomingHighlight {
                        span,
                        tag,
                        note: note.clone(),
                        speech,
                        changed: stamp_of(selection),
                    });
                }
            }
            incoming.articles.push(IncomingArticle {
                article,
                highlights,
            });
        }
    }

    // Links between two actor codes become relations.
    if let Some(list) = child(root, "Links") {
        for link in children(list, "Link") {
            let end = |a: &str| link.attribute(a).unwrap_or_default().to_lowercase();
            let (origin, target) = (end("originGUID"), end("targetGUID"));
            let is_actor =
                |g: &String| matches!(code_map.get(g).map(|(c, _)| &c.use_), Some(CodeUse::Actor));
            let name = link.attribute("name").unwrap_or("related to").to_owned();
            if !is_actor(&origin) || !is_actor(&target) {
                incoming.unmapped.push(format!(
                    "{}: link \"{name}\" does not join two actor codes; Warraq's relations are between actors",
                    path.display()
                ));
                continue;
            }
            let mut note = String::new();
            let mut date = None;
            let mut changed = None;
            let mut sources_of = Vec::new();
            for r in children(link, "NoteRef") {
                let g = r.attribute("targetGUID").unwrap_or_default().to_lowercase();
                let Some((_, content)) = notes.get(&g) else {
                    continue;
                };
                notes_used.insert(g);
                let about = described(content);
                if about.contains_key("warraq-id") {
                    date = about.get("date").and_then(|d| d.parse().ok());
                    changed = read_stamp(&about);
                    note = about.get("note").cloned().unwrap_or_default();
                    for source in about
                        .get("sources")
                        .map_or("", String::as_str)
                        .split_whitespace()
                    {
                        let (article, selection) = match source.split_once(':') {
                            Some((a, s)) => (a.to_lowercase(), Some(s.to_lowercase())),
                            None => (source.to_lowercase(), None),
                        };
                        let Some(&index) = source_index.get(&article) else {
                            continue;
                        };
                        let span = selection
                            .and_then(|s| selection_span.get(&s))
                            .filter(|(i, _)| *i == index)
                            .map(|(_, span)| *span);
                        sources_of.push((index, span));
                    }
                } else {
                    if !note.is_empty() {
                        note.push('\n');
                    }
                    note.push_str(content);
                }
            }
            incoming.relations.push(IncomingRelation {
                source: origin,
                target,
                kind: name,
                directed: link.attribute("direction") == Some("OneWay"),
                date,
                note,
                sources: sources_of,
                changed,
            });
        }
    }
    for (guid, (name, _)) in &notes {
        if !notes_used.contains(guid) {
            incoming.unmapped.push(format!(
                "{}: note \"{name}\" is attached to nothing Warraq keeps",
                path.display()
            ));
        }
    }
    for (element, what) in [("Cases", "cases"), ("Sets", "sets"), ("Graphs", "graphs")] {
        if let Some(node) = child(root, element) {
            let n = node.children().filter(roxmltree::Node::is_element).count();
            if n > 0 {
                incoming.unmapped.push(format!(
                    "{}: {n} {what} (Warraq has no place for them)",
                    path.display()
                ));
            }
        }
    }
    Ok(())
}
