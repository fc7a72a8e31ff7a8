//! DNA 3 databases (the Discourse Network Analyzer's `.dna`, SQLite): its
//! documents become articles, its coders the analysts on the stamps, and
//! each "DNA Statement" a coded passage — person and organisation actors,
//! the concept, and the agreement as the stance. What has no place in a
//! Warraq project (other statement types, entity attributes, regexes) is
//! listed, never dropped silently.
//!
//! DNA counts offsets in UTF-16 code units (Java strings); they are turned
//! into code points of the LF body and checked against it: a statement
//! outside its document, or cutting a character in two, refuses the file.

use super::ExchangeError;
use super::incoming::{
    Incoming, IncomingActor, IncomingArticle, IncomingClaim, IncomingHighlight, IncomingTag,
};
use crate::model::{ActorKind, Article, ArticleId, Date, Span, Stamp, Stance, attribution, text};
use rusqlite::{Connection, OpenFlags};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The statement type Warraq reads as claims, and its variables.
const STATEMENT_TYPE: &str = "DNA Statement";

pub fn read(path: &Path, incoming: &mut Incoming) -> Result<(), ExchangeError> {
    let bad = |reason: String| ExchangeError::unreadable(path, reason);
    let db = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| bad(format!("not an SQLite database ({e})")))?;
    let tables: Vec<String> = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| bad(sqlite_problem(&e)))?;
    let has = |t: &str| tables.iter().any(|x| x.eq_ignore_ascii_case(t));
    if !has("SETTINGS") || !has("STATEMENTTYPES") || !has("DATASHORTTEXT") {
        return Err(bad(
            if has("STATEMENTTYPE") || has("SHORTTEXT") || has("REGEX") {
                "a DNA 2 database; open it in DNA 3, which converts it, and import the DNA 3 file"
                    .to_owned()
            } else {
                "not a DNA 3 database (no SETTINGS, STATEMENTTYPES and DATASHORTTEXT tables)"
                    .to_owned()
            },
        ));
    }
    let version: String = db
        .query_row(
            "SELECT Value FROM SETTINGS WHERE Property = 'version'",
            [],
            |r| r.get(0),
        )
        .unwrap_or_default();
    if !version.starts_with('3') {
        return Err(bad(format!(
            "a DNA database of version `{version}`; Warraq reads DNA 3 databases"
        )));
    }
    let when: String = db
        .query_row(
            "SELECT Value FROM SETTINGS WHERE Property = 'date'",
            [],
            |r| r.get(0),
        )
        .unwrap_or_default();
    let read = Reader {
        db: &db,
        at: if when.len() == 10 {
            format!("{when}T00:00:00Z")
        } else {
            attribution::utc_time(0)
        },
    };
    let mut found = read.all(path).map_err(|e| match e {
        Problem::Sql(e) => bad(sqlite_problem(&e)),
        Problem::Bad(reason) => bad(reason),
    })?;
    incoming.articles.append(&mut found.articles);
    incoming.actors.append(&mut found.actors);
    incoming.claims.append(&mut found.claims);
    incoming.unmapped.append(&mut found.unmapped);
    Ok(())
}

fn sqlite_problem(e: &rusqlite::Error) -> String {
    let text = e.to_string();
    if ["not a database", "encrypted", "malformed", "corrupt"]
        .iter()
        .any(|w| text.contains(w))
    {
        format!("not a readable SQLite database: damaged, encrypted, or not a DNA file ({text})")
    } else {
        format!("the DNA database cannot be read: {text}")
    }
}

enum Problem {
    Sql(rusqlite::Error),
    Bad(String),
}

impl From<rusqlite::Error> for Problem {
    fn from(e: rusqlite::Error) -> Self {
        Self::Sql(e)
    }
}

struct Reader<'a> {
    db: &'a Connection,
    /// When the stamps say the coding was done (DNA keeps no time per statement).
    at: String,
}

/// A row of DOCUMENTS: id, title, text, coder, [author, source, section, notes, type], date.
type DocumentRow = (i64, String, String, Option<i64>, [String; 5], i64);

/// One DNA statement of the type Warraq maps.
struct DnaStatement {
    id: i64,
    document: i64,
    start: i64,
    stop: i64,
    coder: String,
    values: BTreeMap<String, String>,
    /// The agreement, and whether DNA keeps it as a boolean (0 disagrees)
    /// or an integer (negative disagrees, 0 neutral).
    agreement: Option<(i64, bool)>,
}

impl Reader<'_> {
    fn all(&self, path: &Path) -> Result<Incoming, Problem> {
        let coders: HashMap<i64, String> = self.rows("SELECT ID, Name FROM CODERS", |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        let mut out = Incoming::default();
        let types: Vec<(i64, String)> = self
            .rows("SELECT ID, Label FROM STATEMENTTYPES ORDER BY ID", |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        let Some(&(kind, _)) = types.iter().find(|(_, l)| l == STATEMENT_TYPE) else {
            return Err(Problem::Bad(format!(
                "{}: no statement type \"{STATEMENT_TYPE}\" (person, organization, concept, agreement)",
                path.display()
            )));
        };
        for (other, label) in types.iter().filter(|(id, _)| *id != kind) {
            let n: i64 = self.db.query_row(
                "SELECT COUNT(*) FROM STATEMENTS WHERE StatementTypeId = ?1",
                [other],
                |r| r.get(0),
            )?;
            if n > 0 {
                out.unmapped.push(format!(
                    "{n} statement(s) of DNA type \"{label}\" (only \"{STATEMENT_TYPE}\" becomes claims)"
                ));
            }
        }
        let statements = self.statements(kind, &coders)?;
        let mut documents = self.documents(&coders)?;
        self.coded(&mut out, &mut documents, statements)?;
        out.articles = documents.into_values().map(|(_, a)| a).collect();
        self.unmapped(&mut out);
        Ok(out)
    }

    fn rows<T, C: FromIterator<T>>(
        &self,
        sql: &str,
        row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<C> {
        self.db.prepare(sql)?.query_map([], row)?.collect()
    }

    /// Every document, by DNA id, with the map from UTF-16 offsets to code points.
    fn documents(
        &self,
        coders: &HashMap<i64, String>,
    ) -> Result<BTreeMap<i64, (Vec<usize>, IncomingArticle)>, Problem> {
        let rows: Vec<DocumentRow> = self.rows(
            "SELECT ID, Title, Text, Coder, Author, Source, Section, Notes, Type, Date FROM DOCUMENTS ORDER BY Date, ID",
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    [r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?],
                    r.get(9)?,
                ))
            },
        )?;
        let mut out = BTreeMap::new();
        for (id, title, body, coder, [author, source, section, notes, genre], date) in rows {
            let (offsets, lf) = utf16_offsets(&body);
            let mut article = Article::new(ArticleId::new(format!("dna-{id}")), title.trim(), &lf);
            article.outlet = source;
            article.author = author;
            article.section = section;
            article.genre = genre;
            article.notes = notes;
            article.published = Some(Date::from_day(date.div_euclid(86_400)));
            article.changed = coder
                .and_then(|c| coders.get(&c))
                .map(|name| Stamp::new(name.clone(), self.at.clone()));
            out.insert(
                id,
                (
                    offsets,
                    IncomingArticle {
                        article,
                        highlights: Vec::new(),
                    },
                ),
            );
        }
        Ok(out)
    }

    fn statements(
        &self,
        kind: i64,
        coders: &HashMap<i64, String>,
    ) -> Result<Vec<DnaStatement>, Problem> {
        let mut found: BTreeMap<i64, DnaStatement> = BTreeMap::new();
        let mut query = self.db.prepare(
            "SELECT ID, DocumentId, Start, Stop, Coder FROM STATEMENTS WHERE StatementTypeId = ?1 ORDER BY ID",
        )?;
        let rows = query.query_map([kind], |r| {
            Ok(DnaStatement {
                id: r.get(0)?,
                document: r.get(1)?,
                start: r.get(2)?,
                stop: r.get(3)?,
                coder: r
                    .get::<_, Option<i64>>(4)?
                    .and_then(|c| coders.get(&c).cloned())
                    .unwrap_or_default(),
                values: BTreeMap::new(),
                agreement: None,
            })
        })?;
        for s in rows {
            let s = s?;
            found.insert(s.id, s);
        }
        let mut text = self.db.prepare(
            "SELECT d.StatementId, v.Variable, e.Value FROM DATASHORTTEXT d JOIN VARIABLES v ON v.ID = d.VariableId JOIN ENTITIES e ON e.ID = d.Entity",
        )?;
        for row in text.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })? {
            let (id, variable, value) = row?;
            if let Some(s) = found.get_mut(&id) {
                s.values.insert(variable, value.trim().to_owned());
            }
        }
        for (table, boolean) in [("DATABOOLEAN", true), ("DATAINTEGER", false)] {
            let sql = format!(
                "SELECT d.StatementId, d.Value FROM {table} d JOIN VARIABLES v ON v.ID = d.VariableId WHERE v.Variable = 'agreement'"
            );
            let mut q = self.db.prepare(&sql)?;
            for row in q.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
                let (id, value) = row?;
                if let Some(s) = found.get_mut(&id) {
                    s.agreement = Some((value, boolean));
                }
            }
        }
        Ok(found.into_values().collect())
    }

    /// The statements as claims and passages; actors and concepts once each.
    fn coded(
        &self,
        out: &mut Incoming,
        documents: &mut BTreeMap<i64, (Vec<usize>, IncomingArticle)>,
        statements: Vec<DnaStatement>,
    ) -> Result<(), Problem> {
        let mut actors: BTreeMap<String, IncomingActor> = BTreeMap::new();
        let mut claims: BTreeMap<String, IncomingClaim> = BTreeMap::new();
        let mut actor = |variable: &str, kind: ActorKind, name: &str| -> Option<String> {
            if name.is_empty() {
                return None;
            }
            let key = format!("{variable}:{name}");
            actors.entry(key.clone()).or_insert_with(|| IncomingActor {
                key: key.clone(),
                name: name.to_owned(),
                kind,
                aliases: Vec::new(),
                gloss: String::new(),
                note: String::new(),
                changed: None,
            });
            Some(key)
        };
        for s in statements {
            let Some((offsets, article)) = documents.get_mut(&s.document) else {
                return Err(Problem::Bad(format!(
                    "statement {} names document {}, which the database does not hold",
                    s.id, s.document
                )));
            };
            let at = |offset: i64| -> Option<usize> {
                let i = usize::try_from(offset).ok()?;
                offsets.get(i).copied().filter(|&c| c != usize::MAX)
            };
            let (Some(start), Some(end)) = (at(s.start), at(s.stop)) else {
                return Err(Problem::Bad(format!(
                    "statement {} ({}..{} in UTF-16 code units) is outside document {} or cuts a character in two",
                    s.id, s.start, s.stop, s.document
                )));
            };
            if start >= end {
                return Err(Problem::Bad(format!(
                    "statement {} is empty ({}..{}) in document {}",
                    s.id, s.start, s.stop, s.document
                )));
            }
            let value = |v: &str| s.values.get(v).map_or("", String::as_str);
            let person = actor("person", ActorKind::Person, value("person"));
            let organisation = actor(
                "organization",
                ActorKind::Organisation,
                value("organization"),
            );
            let stance = match s.agreement {
                Some((a, _)) if a > 0 => Stance::Affirms,
                Some((0, false)) | None => Stance::Neutral,
                Some(_) => Stance::Denies,
            };
            let concept = value("concept").to_owned();
            if concept.is_empty() {
                out.unmapped.push(format!(
                    "statement {} in document {} has no concept (left out)",
                    s.id, s.document
                ));
                continue;
            }
            let (speaker, on_behalf_of) = match (person, organisation) {
                (Some(p), o) => (Some(p), o),
                (None, o) => (o, None),
            };
            let key = format!("{speaker:?}|{on_behalf_of:?}|{concept}|{stance:?}");
            claims.entry(key.clone()).or_insert_with(|| IncomingClaim {
                key: key.clone(),
                text: concept,
                speaker,
                on_behalf_of,
                stance,
                note: String::new(),
                changed: None,
            });
            article.highlights.push(IncomingHighlight {
                span: Span::new(start, end),
                tag: IncomingTag::Claim(key),
                note: format!("DNA statement {}", s.id),
                speech: None,
                changed: (!s.coder.is_empty())
                    .then(|| Stamp::new(s.coder.clone(), self.at.clone())),
            });
        }
        self.attributes(&mut actors)?;
        out.actors = actors.into_values().collect();
        out.claims = claims.into_values().collect();
        Ok(())
    }

    /// Entity attributes: `Alias` and `Notes` of people and organisations
    /// become aliases and notes; the rest is listed.
    fn attributes(&self, actors: &mut BTreeMap<String, IncomingActor>) -> Result<(), Problem> {
        let rows: Vec<(String, String, String, String)> = self.rows(
            "SELECT v.Variable, e.Value, a.AttributeVariable, x.AttributeValue FROM ATTRIBUTEVALUES x JOIN ATTRIBUTEVARIABLES a ON a.ID = x.AttributeVariableId JOIN ENTITIES e ON e.ID = x.EntityId JOIN VARIABLES v ON v.ID = e.VariableId",
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        for (variable, entity, attribute, value) in rows {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            if let Some(actor) = actors.get_mut(&format!("{variable}:{}", entity.trim())) {
                match attribute.as_str() {
                    "Alias" => actor.aliases.push(value.to_owned()),
                    "Notes" => actor.note = text::normalize_newlines(value).into_owned(),
                    _ => {
                        let line = format!("{attribute}: {value}");
                        if !actor.note.contains(&line) {
                            if !actor.note.is_empty() {
                                actor.note.push('\n');
                            }
                            actor.note.push_str(&line);
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn unmapped(&self, out: &mut Incoming) {
        let regexes: i64 = self
            .db
            .query_row("SELECT COUNT(*) FROM REGEXES", [], |r| r.get(0))
            .unwrap_or(0);
        if regexes > 0 {
            out.unmapped.push(format!(
                "{regexes} regex highlighting pattern(s) (DNA's search colours; Warraq finds mentions from the actors' names)"
            ));
        }
        let concept_attributes: i64 = self
            .db
            .query_row(
                "SELECT COUNT(*) FROM ATTRIBUTEVALUES x JOIN ENTITIES e ON e.ID = x.EntityId JOIN VARIABLES v ON v.ID = e.VariableId WHERE v.Variable NOT IN ('person', 'organization') AND x.AttributeValue != ''",
                [],
                |r| r.get(0),
            )
            .unwrap_or(0);
        if concept_attributes > 0 {
            out.unmapped.push(format!(
                "{concept_attributes} attribute value(s) of concepts and other variables"
            ));
        }
    }
}

/// The body with LF line breaks, and for each UTF-16 offset of the original
/// the code point of the LF body it falls at (`usize::MAX` inside a
/// surrogate pair): one entry more than the text's length, for its end.
fn utf16_offsets(body: &str) -> (Vec<usize>, String) {
    let mut offsets = Vec::with_capacity(body.len() + 1);
    let mut lf = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    let mut at = 0usize;
    while let Some(c) = chars.next() {
        offsets.push(at);
        if c.len_utf16() == 2 {
            offsets.push(usize::MAX);
        }
        if c == '\r' {
            // CRLF is one LF of the body; its LF falls on the same code point.
            if chars.peek() == Some(&'\n') {
                chars.next();
                offsets.push(at);
            }
            lf.push('\n');
        } else {
            lf.push(c);
        }
        at += 1;
    }
    offsets.push(at);
    (offsets, lf)
}

#[cfg(test)]
mod tests {
    use super::utf16_offsets;

    #[test]
    fn utf16_offsets_become_code_points_of_the_lf_body() {
        // «😀» is two UTF-16 units; «\r\n» one LF.
        let (offsets, lf) = utf16_offsets("a😀b\r\nc");
        assert_eq!(lf, "a😀b\nc");
        assert_eq!(offsets, [0, 1, usize::MAX, 2, 3, 3, 4, 5]);
    }
}
