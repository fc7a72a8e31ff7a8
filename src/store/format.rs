//! The RON file format: a header naming the format and its version, then the project.
//!
//! Written deterministically (field order fixed by the structs, item order kept,
//! strings unescaped), so an unchanged project saves to the same bytes and two
//! analysts can diff and merge a project kept in git. `docs/format.md` describes it.

use super::error::LoadError;
use crate::model::Project;
use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use serde::{Deserialize, Serialize};
use std::path::Path;

pub const FORMAT_NAME: &str = "warraq-project";
/// The newest version this Warraq reads and writes: 6 added rejected
/// suggestions (`rejections`).
pub const CURRENT_VERSION: u32 = 6;
/// What a project with no rejected suggestions is written as: the same bytes
/// as before version 6, which colleagues on an older Warraq still open.
pub const PLAIN_VERSION: u32 = 5;

/// The version `project` is written in: the oldest that holds all of it.
pub fn version_for(project: &Project) -> u32 {
    if project.rejections.is_empty() {
        PLAIN_VERSION
    } else {
        CURRENT_VERSION
    }
}
/// The extension that tells the desktop a file is a Warraq project.
pub const FILE_EXTENSION: &str = "warraq.ron";

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'a str,
    version: u32,
    project: &'a Project,
}

/// Read first, so the version is known before the body is interpreted.
#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    version: Option<u32>,
    /// `"folder"` in the project file of a project kept as a folder (version 6).
    #[serde(default)]
    layout: Option<String>,
}

/// A project file of any version, RON or JSON: the header (read once
/// already) and the project as that version wrote it. Unknown fields
/// anywhere are refused (see `parse`): a field this Warraq does not know
/// would otherwise be dropped on the next save.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Versioned<P> {
    #[serde(rename = "format")]
    _format: serde::de::IgnoredAny,
    #[serde(rename = "version")]
    _version: serde::de::IgnoredAny,
    pub(super) project: P,
}

/// Version 1, as it was written until relations could cite several articles:
/// a relation had one optional article and one optional evidence highlight.
mod v1 {
    use crate::model::{
        Actor, ActorId, Article, ArticleId, Date, Highlight, HighlightId, Project, Relation,
        RelationId, RelationType, RelationTypeId, Source,
    };
    use serde::Deserialize;

    /// A version 1 file.
    pub(super) type File = super::Versioned<ProjectV1>;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct ProjectV1 {
        title: String,
        #[serde(default)]
        description: String,
        vocabulary: Vec<RelationType>,
        #[serde(default)]
        actors: Vec<Actor>,
        #[serde(default)]
        claims: Vec<super::super::v4::ClaimV4>,
        #[serde(default)]
        relations: Vec<RelationV1>,
        #[serde(default)]
        highlights: Vec<Highlight>,
        #[serde(default)]
        articles: Vec<Article>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct RelationV1 {
        id: RelationId,
        source: ActorId,
        kind: RelationTypeId,
        target: ActorId,
        #[serde(default)]
        date: Option<Date>,
        #[serde(default)]
        article: Option<ArticleId>,
        #[serde(default)]
        evidence: Option<HighlightId>,
        #[serde(default)]
        note: String,
    }

    impl ProjectV1 {
        pub(super) fn upgrade(self) -> Project {
            let p = self;
            // An evidence highlight knows its article even where the relation did not name it.
            let article_of = |h: &HighlightId| {
                p.highlights
                    .iter()
                    .find(|x| &x.id == h)
                    .map(|x| x.article.clone())
            };
            let relations = p
                .relations
                .into_iter()
                .map(|r| {
                    let article = r
                        .article
                        .or_else(|| r.evidence.as_ref().and_then(article_of));
                    Relation {
                        id: r.id,
                        source: r.source,
                        kind: r.kind,
                        target: r.target,
                        date: r.date,
                        sources: article
                            .map(|a| Source::new(a, r.evidence))
                            .into_iter()
                            .collect(),
                        note: r.note,
                        changed: None,
                    }
                })
                .collect();
            let project = Project {
                title: p.title,
                description: p.description,
                vocabulary: p.vocabulary.into(),
                actors: p.actors.into(),
                concepts: Vec::new().into(),
                claims: Vec::new().into(),
                relations,
                highlights: p.highlights.into(),
                rejections: Vec::new().into(),
                articles: p.articles.into(),
                exported: None,
                sent_articles: None,
                conflicts: Vec::new(),
            };
            super::super::v4::with_concepts(project, p.claims, Vec::new())
        }
    }
}

fn pretty() -> PrettyConfig {
    PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .struct_names(false)
        .separate_tuple_members(false)
        .compact_arrays(false)
        // Escaping turns every Arabic diacritic into \u{…}: unreadable, and
        // slow to parse back; raw strings keep the file readable and linear.
        .escape_strings(false)
        .extensions(Extensions::IMPLICIT_SOME)
}

/// The project as the bytes of a project file.
pub fn to_ron_string(project: &Project) -> Result<String, ron::Error> {
    let file = FileOut {
        format: FORMAT_NAME,
        version: version_for(project),
        project,
    };
    ron_text(&file)
}

/// Any part of a project as file text: pretty, deterministic, strings raw
/// but for hidden control characters (the folder layout's files use it too).
pub(super) fn ron_text<T: Serialize>(value: &T) -> Result<String, ron::Error> {
    let mut text = ron::ser::to_string_pretty(value, pretty())?;
    text.push('\n');
    if text.chars().any(is_hidden_control) {
        text = escape_controls(&text);
    }
    Ok(text)
}

/// A control character other than line feed and tab: written raw, a NUL
/// makes git and grep take the file for binary, an ESC reaches terminals.
fn is_hidden_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// The serialized file with every hidden control character inside a string
/// written as a `\u{…}` escape. Strings stay readable otherwise (Arabic and
/// line breaks as they are); a raw string holding such a character (raw
/// strings have no escapes) is rewritten as an ordinary escaped string.
fn escape_controls(text: &str) -> String {
    use std::fmt::Write as _;
    let escape = |c: char, out: &mut String| {
        if is_hidden_control(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let after_word = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if c == '"' {
            // An ordinary string: escapes are kept as they are, controls escaped.
            out.push('"');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    out.push('\\');
                    out.push(chars[i + 1]);
                    i += 2;
                    continue;
                }
                escape(chars[i], &mut out);
                i += 1;
            }
            out.push('"');
            i += 1;
        } else if c == 'r' && !after_word && matches!(chars.get(i + 1), Some('"' | '#')) {
            let hashes = chars[i + 1..].iter().take_while(|&&h| h == '#').count();
            let open = i + 1 + hashes;
            if chars.get(open) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let mut end = open + 1;
            while end < chars.len()
                && !(chars[end] == '"'
                    && chars[end + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|&&h| h == '#')
                        .count()
                        == hashes)
            {
                end += 1;
            }
            let content = &chars[open + 1..end.min(chars.len())];
            if content.iter().any(|&c| is_hidden_control(c)) {
                out.push('"');
                for &c in content {
                    match c {
                        '\\' => out.push_str("\\\\"),
                        '"' => out.push_str("\\\""),
                        c => escape(c, &mut out),
                    }
                }
                out.push('"');
            } else {
                out.extend(&chars[i..(end + 1 + hashes).min(chars.len())]);
            }
            i = end + 1 + hashes;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The project as pretty JSON: the RON file's structure, header included,
/// for scripts (and read back by `from_json_str`).
pub fn to_json_string(project: &Project) -> Result<String, serde_json::Error> {
    let file = FileOut {
        format: FORMAT_NAME,
        version: version_for(project),
        project,
    };
    let mut text = serde_json::to_string_pretty(&file)?;
    text.push('\n');
    Ok(text)
}

/// Parses project text without checking invariants (tests and tools use this;
/// `from_bytes` is what loading a file goes through).
pub fn from_ron_str(path: &Path, source: &str) -> Result<Project, LoadError> {
    read(path, source).map(|(project, _)| project)
}

/// The project and the format version the file was written in.
fn read(path: &Path, source: &str) -> Result<(Project, u32), LoadError> {
    let header: Header = parse(path, source)?;
    let version = checked_header(path, header.format.as_deref(), header.version)?;
    if header.layout.is_some() {
        return Err(LoadError::FolderProjectFile {
            path: path.to_owned(),
        });
    }
    Ok((migrate(path, version, source)?, version))
}

/// The version named by a file's header, once the header says it is a Warraq project.
fn checked_header(
    path: &Path,
    format: Option<&str>,
    version: Option<u32>,
) -> Result<u32, LoadError> {
    if format != Some(FORMAT_NAME) {
        return Err(LoadError::WrongFormat {
            path: path.to_owned(),
            expected: FORMAT_NAME,
            found: format.map_or_else(|| "no `format` field".to_owned(), |f| format!("`{f}`")),
        });
    }
    version.ok_or_else(|| LoadError::Syntax {
        path: path.to_owned(),
        line: 1,
        column: 1,
        message: "the file has no `version` field".to_owned(),
    })
}

/// The header of a JSON project, read before the project itself.
#[derive(Deserialize)]
struct JsonHeader {
    format: Option<String>,
    version: Option<u32>,
}

/// Parses a JSON project without checking invariants (what `from_ron_str` is for RON).
pub fn from_json_str(path: &Path, source: &str) -> Result<Project, LoadError> {
    read_json(path, source).map(|(project, _)| project)
}

/// A project written as JSON (`warraq export --format json`, or a script).
fn read_json(path: &Path, source: &str) -> Result<(Project, u32), LoadError> {
    let syntax = |e: serde_json::Error| {
        let message = e.to_string();
        // serde_json says "unknown field `x`, expected one of …"; say what that means here.
        let message = match message
            .strip_prefix("unknown field `")
            .and_then(|rest| rest.split('`').next())
        {
            Some(field) => unknown_field(field, None),
            None => plain(message),
        };
        LoadError::Syntax {
            path: path.to_owned(),
            line: e.line(),
            column: e.column(),
            message,
        }
    };
    let header: JsonHeader = serde_json::from_str(source).map_err(syntax)?;
    let version = checked_header(path, header.format.as_deref(), header.version)?;
    match version {
        PLAIN_VERSION..=CURRENT_VERSION => {}
        2..=4 => {
            let file: super::v4::File = serde_json::from_str(source).map_err(syntax)?;
            return Ok((file.project.upgrade(), version));
        }
        v if v > CURRENT_VERSION => {
            return Err(LoadError::NewerVersion {
                path: path.to_owned(),
                found: v,
                supported: CURRENT_VERSION,
            });
        }
        v => {
            return Err(LoadError::Syntax {
                path: path.to_owned(),
                line: 1,
                column: 1,
                message: format!(
                    "a JSON export of format version {v}; this Warraq reads version {CURRENT_VERSION} JSON (open the project's RON file instead, which is upgraded on opening)"
                ),
            });
        }
    }
    let file: Versioned<Project> = serde_json::from_str(source).map_err(syntax)?;
    Ok((file.project, version))
}

/// The one place that knows every version ever written: each older version
/// keeps its own structs and is converted here to the current model.
fn migrate(path: &Path, version: u32, source: &str) -> Result<Project, LoadError> {
    match version {
        PLAIN_VERSION..=CURRENT_VERSION => Ok(parse::<Versioned<Project>>(path, source)?.project),
        // Versions 3 and 4 only added optional fields (a highlight's `note`
        // and `speech`; which side deleted a conflicting item); version 5 concepts.
        2..=4 => Ok(parse::<super::v4::File>(path, source)?.project.upgrade()),
        1 => Ok(parse::<v1::File>(path, source)?.project.upgrade()),
        v if v > CURRENT_VERSION => Err(LoadError::NewerVersion {
            path: path.to_owned(),
            found: v,
            supported: CURRENT_VERSION,
        }),
        v => Err(LoadError::UnknownVersion {
            path: path.to_owned(),
            found: v,
            supported: CURRENT_VERSION,
        }),
    }
}

pub(super) fn parse<'de, T: Deserialize<'de>>(
    path: &Path,
    source: &'de str,
) -> Result<T, LoadError> {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .from_str(source)
        .map_err(|e| LoadError::Syntax {
            path: path.to_owned(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: in_user_words(&e.code),
        })
}

/// What the RON parser found wrong, without the names of Warraq's internal
/// structs or advice meant for programmers.
fn in_user_words(code: &ron::Error) -> String {
    match code {
        ron::Error::NoSuchStructField { found, outer, .. } => {
            unknown_field(found, outer.as_deref())
        }
        ron::Error::ExceededRecursionLimit => "brackets nest here far deeper than in any project; the file is damaged or is not a Warraq project".to_owned(),
        code => plain(code.to_string()),
    }
}

/// A parser's message with Warraq's internal struct names put in the user's words.
fn plain(mut text: String) -> String {
    for (internal, said) in [
        (
            "struct `JsonHeader`",
            "a Warraq project, `{\"format\": \"warraq-project\", \"version\": 3, \"project\": {…}}`",
        ),
        (
            "struct JsonHeader",
            "a Warraq project, `{\"format\": \"warraq-project\", \"version\": 3, \"project\": {…}}`",
        ),
        ("struct Versioned", "a Warraq project"),
        (
            "struct `Header`",
            "a Warraq project, `(format: \"warraq-project\", version: 2, project: (…))`",
        ),
        (
            "struct Header",
            "a Warraq project, `(format: \"warraq-project\", version: 2, project: (…))`",
        ),
        ("`Versioned`", "the project file"),
        ("Versioned", "the project file"),
        ("`ProjectV1`", "the project"),
        ("ProjectV1", "the project"),
        ("`ProjectV4`", "the project"),
        ("ProjectV4", "the project"),
        ("`ClaimV4`", "a claim"),
        ("ClaimV4", "a claim"),
        ("`RelationV1`", "a relation"),
        ("RelationV1", "a relation"),
    ] {
        text = text.replace(internal, said);
    }
    text
}

/// Why a field Warraq does not know refuses the file, and what the file may be.
fn unknown_field(field: &str, within: Option<&str>) -> String {
    let within = within.map_or_else(String::new, |w| format!(" in {}", plain(w.to_owned())));
    format!(
        "unknown field `{field}`{within}. Warraq does not drop what it cannot read, so the file is refused: it may come from a newer Warraq (update Warraq), have a misspelt field (check `{field}`), or be labelled with the wrong format version"
    )
}

/// A file's bytes as text: UTF-8 without a BOM, LF line breaks (a CRLF
/// rewrite by git or an editor is undone and reported in `warnings`).
pub(super) fn decode<'a>(
    path: &Path,
    bytes: &'a [u8],
    warnings: &mut Vec<String>,
) -> Result<std::borrow::Cow<'a, str>, LoadError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Empty {
            path: path.to_owned(),
        });
    }
    let source = std::str::from_utf8(bytes).map_err(|e| {
        // NUL is valid UTF-8 (and may sit inside a string), so only a file that
        // is not text anyway is called binary.
        if let Some(offset) = bytes.iter().position(|&b| b == 0) {
            return LoadError::Binary {
                path: path.to_owned(),
                offset,
            };
        }
        let (line, column) = line_column(&bytes[..e.valid_up_to()]);
        LoadError::NotUtf8 {
            path: path.to_owned(),
            line,
            column,
        }
    })?;
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    // Git's autocrlf or a Windows editor may have rewritten the newlines inside
    // article bodies; undo that, and let the body hashes confirm nothing else moved.
    if source.contains("\r\n") {
        warnings.push("the file had Windows (CRLF) line endings; they were read as LF and will be saved as LF".to_owned());
        Ok(std::borrow::Cow::Owned(source.replace("\r\n", "\n")))
    } else {
        Ok(std::borrow::Cow::Borrowed(source))
    }
}

/// What a file's header says it is, read before anything else.
pub(super) struct Peeked {
    pub(super) format: Option<String>,
    pub(super) version: Option<u32>,
    pub(super) layout: Option<String>,
}

/// Reads only the header of RON text.
pub(super) fn peek(path: &Path, source: &str) -> Result<Peeked, LoadError> {
    let header: Header = parse(path, source)?;
    Ok(Peeked {
        format: header.format,
        version: header.version,
        layout: header.layout,
    })
}

/// Decodes, parses, migrates and validates the bytes of a project file.
pub(super) fn from_bytes(path: &Path, bytes: &[u8]) -> Result<(Project, Vec<String>), LoadError> {
    let mut warnings = Vec::new();
    let source = decode(path, bytes, &mut warnings)?;
    let source = source.as_ref();
    // A JSON export (the same structure) comes back in, so scripts can edit a project.
    let (project, version) = if source.trim_start().starts_with('{') {
        read_json(path, source)?
    } else {
        read(path, source)?
    };
    let mut project = project;
    let changed = project.line_breaks_to_lf();
    if changed > 0 {
        warnings.push(format!(
            "{changed} text field{} had Windows or old Mac line breaks (CR); they were read as LF and will be saved as LF",
            if changed == 1 { "" } else { "s" }
        ));
    }
    if version < PLAIN_VERSION {
        warnings.push(format!(
            "the file is in format version {version}; it was upgraded on opening and will be saved as version {PLAIN_VERSION}, which older Warraq releases cannot read"
        ));
    }
    let errors = project.validate();
    if !errors.is_empty() {
        return Err(LoadError::Invalid {
            path: path.to_owned(),
            errors,
        });
    }
    Ok((project, warnings))
}

/// 1-based line and column (in characters) of the end of `prefix`.
fn line_column(prefix: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(prefix);
    let line = text.matches('\n').count() + 1;
    let column = text
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count())
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column(b""), (1, 1));
        assert_eq!(line_column("ab\nقط".as_bytes()), (2, 3));
    }

    #[test]
    fn header_is_at_the_top() {
        let text = to_ron_string(&Project::new("t")).unwrap();
        let first_lines: Vec<&str> = text.lines().take(4).collect();
        assert_eq!(
            first_lines,
            [
                "#![enable(implicit_some)]",
                "(",
                "    format: \"warraq-project\",",
                "    version: 5,"
            ]
        );
    }

    #[test]
    fn control_characters_are_written_escaped_and_read_back() {
        let mut project = Project::new("عنوان\u{0}مع\u{1b}[2J تحكم");
        // A quote and a backslash make ron write a raw string; the ESC must still be escaped.
        project.description = "قال \"نعم\" \\ ثم\u{1b}]0;x\u{7}\nسطر".to_owned();
        let text = to_ron_string(&project).unwrap();
        assert!(!text.chars().any(is_hidden_control), "{text}");
        assert!(text.contains("\\u{1b}") && text.contains("عنوان"));
        assert_eq!(from_ron_str(Path::new("t"), &text).unwrap(), project);
        // Nothing changes for a project without such characters.
        let plain = Project::new("قطر \"الدوحة\" \\");
        let text = to_ron_string(&plain).unwrap();
        assert_eq!(escape_controls(&text), text);
    }
}
