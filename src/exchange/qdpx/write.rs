//! The project as a REFI-QDA archive: `project.qde` and each article's text.

use super::*;

/// Who changed an item last, as a `changed:` line of its description.
pub(super) fn write_stamp(about: &mut String, stamp: Option<&crate::model::Stamp>) {
    if let Some(stamp) = stamp {
        let _ = writeln!(about, "changed: {}", stamp.in_words());
    }
}

pub(super) const ACTOR_COLOUR: &str = "#3A6EA5";

pub(super) const CLAIM_COLOUR: &str = "#D9822B";

pub(super) const EVIDENCE_COLOUR: &str = "#4CA34C";

/// A name for a selection: its quote, shortened.
pub(super) fn short(quote: &str) -> String {
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
        users.insert(stamp.by.to_string());
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
    codes(&mut x, project);
    x.push_str("    </Codes>\n  </CodeBook>\n  <Variables>\n");
    for name in VARIABLES {
        let _ = writeln!(
            x,
            "    <Variable guid=\"{}\" name=\"{name}\" typeOfVariable=\"Text\"/>",
            guid("variable", name)
        );
    }
    x.push_str("  </Variables>\n");
    text_sources(&mut x, project);
    notes_and_links(&mut x, project);
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

/// The codebook's codes: the actors under their kinds, the claims, evidence.
fn codes(x: &mut String, project: &Project) {
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
        // Each actor of the claim by name (for people) and by GUID (for the way back).
        for (role, key, actor) in [
            ("speaker", "speaker-guid", &claim.speaker),
            ("on behalf of", "on-behalf-of-guid", &claim.on_behalf_of),
        ] {
            if let Some(actor) = actor.as_ref().and_then(|a| project.actor(a)) {
                let _ = writeln!(about, "{role}: {}", actor.name);
                let _ = writeln!(about, "{key}: {}", guid("actor", actor.id.as_str()));
            }
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
            escape(project.claim_text(claim)),
            escape(about.trim_end())
        );
    }
    x.push_str("      </Code>\n");
    let _ = writeln!(
        x,
        "      <Code guid=\"{}\" name=\"Evidence\" isCodable=\"true\" color=\"{EVIDENCE_COLOUR}\">\n        <Description>Passages that relations cite as proof</Description>\n      </Code>",
        guid("code", "evidence")
    );
}

/// Each article as a text source with its coded selections and variables.
fn text_sources(x: &mut String, project: &Project) {
    let user = |name: &str| guid("user", name);
    if !project.articles.is_empty() {
        x.push_str("  <Sources>\n");
    }
    let by_article = super::super::highlights_by_article(project);
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
}

/// The vocabulary as a note; each relation a link between its actors' codes
/// with a note saying the rest.
fn notes_and_links(x: &mut String, project: &Project) {
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
}

/// The `.qdpx` archive: `project.qde` and each article's text under `sources/`.
pub fn qdpx(project: &Project, analyst: &str) -> Result<Vec<u8>, crate::exchange::ExchangeError> {
    let failed = |e: &dyn std::fmt::Display| {
        crate::exchange::ExchangeError::write(crate::exchange::Format::Qdpx, e)
    };
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut put = |name: &str, bytes: &[u8]| -> Result<(), crate::exchange::ExchangeError> {
        zip.start_file(name, options).map_err(|e| failed(&e))?;
        zip.write_all(bytes).map_err(|e| failed(&e))
    };
    put("project.qde", project_qde(project, analyst).as_bytes())?;
    for article in &project.articles {
        let source = guid("article", article.id.as_str());
        put(&format!("sources/{source}.txt"), article.body.as_bytes())?;
    }
    zip.finish()
        .map(std::io::Cursor::into_inner)
        .map_err(|e| failed(&e))
}
