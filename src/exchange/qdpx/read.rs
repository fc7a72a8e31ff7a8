//! A REFI-QDA project (ours or another program's) as incoming material.

use super::*;

/// A line of the relation types note: `id | label | directed | description`.
pub(super) fn relation_type(line: &str) -> Option<crate::model::RelationType> {
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
pub(super) fn read_stamp(about: &HashMap<String, String>) -> Option<crate::model::Stamp> {
    crate::model::Stamp::from_words(about.get("changed")?)
}

/// The `key: value` lines of a description; a `note:` line takes the rest.
pub(super) fn described(text: &str) -> HashMap<String, String> {
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

pub(super) fn child<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    name: &str,
) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|c| c.has_tag_name(name))
}

pub(super) fn children<'a, 'i: 'a>(
    node: roxmltree::Node<'a, 'i>,
    name: &'a str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'i>> + 'a {
    node.children().filter(move |c| c.has_tag_name(name))
}

pub(super) fn element_text(node: Option<roxmltree::Node<'_, '_>>) -> String {
    node.and_then(|n| n.text()).unwrap_or_default().to_owned()
}

/// What a code becomes.
#[derive(Debug, Clone)]
pub(super) enum CodeUse {
    Actor,
    Claim,
    Evidence,
    /// A grouping, or a code no coding uses as an actor.
    Group,
}

pub(super) struct Code {
    name: String,
    description: String,
    use_: CodeUse,
}

/// Walks the codebook: each code with what it becomes. With a stack of its
/// own, not recursion: a codebook nested thousands deep (a hostile file)
/// cannot overflow the thread's stack.
pub(super) fn codes(
    node: roxmltree::Node<'_, '_>,
    out: &mut HashMap<String, (Code, Option<ActorKind>)>,
) {
    // A code, whether one of its ancestors is "Claims", the nearest
    // ancestor's actor kind, and whether it is at the top of the codebook.
    let mut stack: Vec<_> = children(node, "Code")
        .map(|c| (c, false, None, true))
        .collect();
    while let Some((code, under_claims, kind, top)) = stack.pop() {
        let name = code.attribute("name").unwrap_or_default().to_owned();
        let guid = code.attribute("guid").unwrap_or_default().to_lowercase();
        let codable = code.attribute("isCodable") != Some("false");
        let use_ = if !codable {
            CodeUse::Group
        } else if under_claims {
            CodeUse::Claim
        } else if top && name.trim().eq_ignore_ascii_case("evidence") {
            CodeUse::Evidence
        } else {
            CodeUse::Actor
        };
        let below_claims =
            under_claims || matches!(name.trim().to_lowercase().as_str(), "claims" | "claim");
        let below_kind = kind_from_name(&name).or(kind);
        out.insert(
            guid,
            (
                Code {
                    name,
                    description: element_text(child(code, "Description")),
                    use_,
                },
                kind,
            ),
        );
        stack.extend(children(code, "Code").map(|c| (c, below_claims, below_kind, false)));
    }
}

/// Reads a `.qdpx` (or a bare `.qde`) into `incoming`.
pub fn read(
    path: &std::path::Path,
    bytes: &[u8],
    incoming: &mut Incoming,
) -> Result<(), crate::exchange::ExchangeError> {
    let at = |what: String| crate::exchange::ExchangeError::unreadable(path, what);
    let (qde, sources) = unpack(bytes).map_err(at)?;
    let xml = String::from_utf8(qde).map_err(|_| at("project.qde is not UTF-8".to_owned()))?;
    let xml = xml.strip_prefix('\u{feff}').unwrap_or(&xml);
    let limit = crate::extract::nesting::MAX_DEPTH;
    if crate::extract::nesting::xml_deeper_than(xml, limit) {
        return Err(at(format!(
            "project.qde nests elements deeper than {limit} levels, deeper than any project: refused"
        )));
    }
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
    let mut reader = Reader {
        path,
        code_map: codebook(root, incoming),
        variables: by_guid(root, "Variables", "Variable", |v| {
            v.attribute("name").unwrap_or_default().to_owned()
        }),
        notes: by_guid(root, "Notes", "Note", |n| {
            (
                n.attribute("name").unwrap_or_default().to_owned(),
                element_text(child(n, "PlainTextContent")),
            )
        }),
        users: by_guid(root, "Users", "User", |u| {
            u.attribute("name").unwrap_or_default().to_owned()
        }),
        sources,
        notes_used: BTreeSet::new(),
        source_index: HashMap::new(),
        selection_span: HashMap::new(),
    };
    for (guid, (name, content)) in &reader.notes {
        if name == TYPES_NOTE {
            reader.notes_used.insert(guid.clone());
            incoming
                .relation_types
                .extend(content.lines().filter_map(relation_type));
        }
    }
    if let Some(list) = child(root, "Sources") {
        for source in list.children().filter(roxmltree::Node::is_element) {
            reader.text_source(source, incoming);
        }
    }
    reader.links(root, incoming);
    reader.leftovers(root, incoming);
    Ok(())
}

/// The sources' texts in an archive, by their name under `sources/`.
type SourceTexts = HashMap<String, Vec<u8>>;

/// The archive's `project.qde` and the sources' texts (or a bare `.qde`).
fn unpack(bytes: &[u8]) -> Result<(Vec<u8>, SourceTexts), String> {
    let mut sources: HashMap<String, Vec<u8>> = HashMap::new();
    if !bytes.starts_with(b"PK") {
        return Ok((bytes.to_vec(), sources));
    }
    let mut zip = crate::extract::archive::Archive::open(bytes, ".qdpx")?;
    let mut qde = None;
    for i in 0..zip.len() {
        let (name, content) = zip.entry(i)?;
        if name.to_lowercase().ends_with(".qde") && qde.is_none() {
            qde = Some(content);
        } else if let Some(rest) = name
            .strip_prefix("sources/")
            .or_else(|| name.strip_prefix("Sources/"))
        {
            sources.insert(rest.to_owned(), content);
        }
    }
    let qde = qde.ok_or_else(|| "the archive holds no project.qde".to_owned())?;
    Ok((qde, sources))
}

/// The children `item` of the top-level list `list`, by their GUID (lower case).
fn by_guid<T>(
    root: roxmltree::Node<'_, '_>,
    list: &str,
    item: &str,
    value: impl Fn(roxmltree::Node<'_, '_>) -> T,
) -> HashMap<String, T> {
    child(root, list)
        .map(|l| {
            children(l, item)
                .map(|n| {
                    (
                        n.attribute("guid").unwrap_or_default().to_lowercase(),
                        value(n),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// What reading a project gathers as it goes: codes, variables, notes and
/// users by GUID, and where each source and selection came in.
struct Reader<'p> {
    path: &'p std::path::Path,
    code_map: HashMap<String, (Code, Option<ActorKind>)>,
    variables: HashMap<String, String>,
    /// By GUID: the note's name and text.
    notes: HashMap<String, (String, String)>,
    notes_used: BTreeSet<String>,
    users: HashMap<String, String>,
    sources: SourceTexts,
    source_index: HashMap<String, usize>,
    selection_span: HashMap<String, (usize, Span)>,
}

impl Reader<'_> {
    /// Who made a selection or a source: `creatingUser` names a user by GUID.
    fn stamp_of(&self, node: roxmltree::Node<'_, '_>) -> Option<crate::model::Stamp> {
        let user = node.attribute("creatingUser")?.to_lowercase();
        let by = self.users.get(&user).cloned().unwrap_or(user);
        let at = node.attribute("creationDateTime").unwrap_or_default();
        Some(crate::model::Stamp::new(by, at))
    }

    /// One text source as an article with its coded selections.
    fn text_source(&mut self, source: roxmltree::Node<'_, '_>, incoming: &mut Incoming) {
        let kind = source.tag_name().name();
        let name = source.attribute("name").unwrap_or("(unnamed)").to_owned();
        if kind != "TextSource" {
            incoming.unmapped.push(format!(
                "{}: {kind} \"{name}\" (Warraq reads text sources only; import its text as a .txt)",
                self.path.display()
            ));
            return;
        }
        let raw = if let Some(content) = child(source, "PlainTextContent") {
            content.text().unwrap_or_default().to_owned()
        } else if let Some(internal) = source
            .attribute("plainTextPath")
            .and_then(|p| p.strip_prefix("internal://"))
        {
            let Some(bytes) = self.sources.get(internal) else {
                incoming.unmapped.push(format!(
                    "{}: text source \"{name}\": its text sources/{internal} is not in the archive",
                    self.path.display()
                ));
                return;
            };
            String::from_utf8_lossy(bytes).into_owned()
        } else {
            incoming.unmapped.push(format!(
                "{}: text source \"{name}\" keeps its text outside the archive ({}); not imported",
                self.path.display(),
                source.attribute("plainTextPath").unwrap_or("no path")
            ));
            return;
        };
        let raw = raw.strip_prefix('\u{feff}').unwrap_or(&raw);
        let (body, map) = lf_with_offsets(raw);
        if body.trim().is_empty() {
            incoming.unmapped.push(format!(
                "{}: text source \"{name}\" is empty",
                self.path.display()
            ));
            return;
        }
        let mut article = Article::new(ArticleId::new(String::new()), name.clone(), &body);
        article.changed = self.stamp_of(source);
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
                .and_then(|g| self.variables.get(&g).cloned())
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
            if let Some((_, content)) = self.notes.get(&target) {
                self.notes_used.insert(target);
                if !article.notes.is_empty() {
                    article.notes.push('\n');
                }
                article.notes.push_str(content);
            }
        }
        let index = incoming.articles.len();
        self.source_index.insert(
            source.attribute("guid").unwrap_or_default().to_lowercase(),
            index,
        );
        if children(source, "Coding").next().is_some() {
            incoming.unmapped.push(format!(
                "{}: \"{name}\" is coded as a whole document; Warraq codes passages, so those codings are left out",
                self.path.display()
            ));
        }
        let highlights = self.selections(source, &name, &map, index, incoming);
        incoming.articles.push(IncomingArticle {
            article,
            highlights,
        });
    }

    /// A source's plain-text selections, each coding a highlight on its words.
    fn selections(
        &mut self,
        source: roxmltree::Node<'_, '_>,
        name: &str,
        map: &[usize],
        index: usize,
        incoming: &mut Incoming,
    ) -> Vec<IncomingHighlight> {
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
                    self.path.display()
                ));
                continue;
            };
            if start >= end || end > chars {
                incoming.unmapped.push(format!(
                    "{}: \"{name}\": selection {start}..{end} is not inside its text ({chars} characters)",
                    self.path.display()
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
                if let Some((_, content)) = self.notes.get(&target) {
                    self.notes_used.insert(target);
                    if !note.is_empty() {
                        note.push('\n');
                    }
                    note.push_str(content);
                }
            }
            self.selection_span.insert(
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
                    self.path.display()
                ));
            }
            for coding in codings {
                let code = child(coding, "CodeRef")
                    .and_then(|r| r.attribute("targetGUID"))
                    .unwrap_or_default()
                    .to_lowercase();
                let tag = match self.code_map.get(&code).map(|(c, _)| &c.use_) {
                    Some(CodeUse::Actor) => IncomingTag::Actor(code),
                    Some(CodeUse::Claim) => IncomingTag::Claim(code),
                    Some(CodeUse::Evidence) => IncomingTag::Evidence,
                    Some(CodeUse::Group) => {
                        let code_name = &self.code_map[&code].0.name;
                        incoming.unmapped.push(format!(
                            "{}: \"{name}\": selection {start}..{end} is coded with \"{code_name}\", which is not codable",
                            self.path.display()
                        ));
                        continue;
                    }
                    None => {
                        incoming.unmapped.push(format!(
                            "{}: \"{name}\": selection {start}..{end} is coded with a code the codebook does not have ({code})",
                            self.path.display()
                        ));
                        continue;
                    }
                };
                highlights.push(IncomingHighlight {
                    span,
                    tag,
                    note: note.clone(),
                    speech,
                    changed: self.stamp_of(selection),
                });
            }
        }
        highlights
    }

    /// Links between two actor codes, as relations.
    fn links(&mut self, root: roxmltree::Node<'_, '_>, incoming: &mut Incoming) {
        if let Some(list) = child(root, "Links") {
            for link in children(list, "Link") {
                let end = |a: &str| link.attribute(a).unwrap_or_default().to_lowercase();
                let (origin, target) = (end("originGUID"), end("targetGUID"));
                let is_actor = |g: &String| {
                    matches!(
                        self.code_map.get(g).map(|(c, _)| &c.use_),
                        Some(CodeUse::Actor)
                    )
                };
                let name = link.attribute("name").unwrap_or("related to").to_owned();
                if !is_actor(&origin) || !is_actor(&target) {
                    incoming.unmapped.push(format!(
                        "{}: link \"{name}\" does not join two actor codes; Warraq's relations are between actors",
                        self.path.display()
                    ));
                    continue;
                }
                let mut note = String::new();
                let mut date = None;
                let mut changed = None;
                let mut sources_of = Vec::new();
                for r in children(link, "NoteRef") {
                    let g = r.attribute("targetGUID").unwrap_or_default().to_lowercase();
                    let Some((_, content)) = self.notes.get(&g) else {
                        continue;
                    };
                    self.notes_used.insert(g);
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
                            let Some(&index) = self.source_index.get(&article) else {
                                continue;
                            };
                            let span = selection
                                .and_then(|s| self.selection_span.get(&s))
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
    }

    /// What has no place here, listed: notes attached to nothing kept, cases, sets, graphs.
    fn leftovers(&self, root: roxmltree::Node<'_, '_>, incoming: &mut Incoming) {
        for (guid, (name, _)) in &self.notes {
            if !self.notes_used.contains(guid) {
                incoming.unmapped.push(format!(
                    "{}: note \"{name}\" is attached to nothing Warraq keeps",
                    self.path.display()
                ));
            }
        }
        for (element, what) in [("Cases", "cases"), ("Sets", "sets"), ("Graphs", "graphs")] {
            if let Some(node) = child(root, element) {
                let n = node.children().filter(roxmltree::Node::is_element).count();
                if n > 0 {
                    incoming.unmapped.push(format!(
                        "{}: {n} {what} (Warraq has no place for them)",
                        self.path.display()
                    ));
                }
            }
        }
    }
}

/// The codebook: codes as actors (under a kind) or claims (under "Claims").
fn codebook(
    root: roxmltree::Node<'_, '_>,
    incoming: &mut Incoming,
) -> HashMap<String, (Code, Option<ActorKind>)> {
    let mut code_map = HashMap::new();
    if let Some(list) = child(root, "CodeBook").and_then(|c| child(c, "Codes")) {
        codes(list, &mut code_map);
    }
    // In GUID order, so the same file always comes in the same way.
    let mut guids: Vec<&String> = code_map.keys().collect();
    guids.sort();
    for guid in guids {
        let (code, kind) = &code_map[guid];
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
                    on_behalf_of: about.get("on-behalf-of-guid").map(|g| g.to_lowercase()),
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
    // A speaker (or the actor spoken for) named by a code that did not come in: none.
    let actor_keys: BTreeSet<String> = incoming.actors.iter().map(|a| a.key.clone()).collect();
    for claim in &mut incoming.claims {
        for actor in [&mut claim.speaker, &mut claim.on_behalf_of] {
            if actor.as_ref().is_some_and(|s| !actor_keys.contains(s)) {
                *actor = None;
            }
        }
    }
    code_map
}
